// Fetches a report over HTTP(S): the one adapter for libcurl (no other file
// includes <curl/curl.h>). Used for report-server URLs that return CSV, XLSX
// or XML, and for the bank-holidays refresh.
//
// Safe by default: TLS verification on (a CA file can be given), connect and
// total timeouts, retries with exponential backoff on 5xx, 429 and timeouts
// (never on 4xx; Retry-After honoured up to a cap; max_attempts requests in
// all, never more), a cap on the body size, redirects followed only to the same
// host unless allowed, and credentials never sent to another host. Secrets
// never appear in messages.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"

namespace annexa::sources {

enum class HttpAuth { kNone, kBasic, kBearer, kNtlm, kNegotiate };

struct HttpRequest {
  std::string url;
  HttpAuth auth = HttpAuth::kNone;
  std::string username;           // kBasic, kNtlm
  std::string password_env;       // name of the environment variable holding the password
  std::string token_env;          // kBearer: name of the environment variable holding the token
  std::string ca_file;            // extra CA bundle (PEM); empty = system store
  bool verify_tls = true;         // false only when the config says so explicitly
  long connect_timeout_ms = 10'000;
  long total_timeout_ms = 120'000;
  int max_attempts = 4;           // 1 = no retries
  long backoff_initial_ms = 500;  // doubles each retry
  // A 503/429 with Retry-After waits that long instead (when longer than the
  // backoff), but never more than this: a report server asking for an hour
  // must not stall an inspection-day run.
  long max_retry_after_ms = 60'000;
  uint64_t max_bytes = 512ull << 20;
  bool allow_cross_host_redirect = false;
};

struct HttpResponse {
  long status = 0;
  std::string content_type;
  std::string body;
  std::string final_url;  // after redirects, redacted like RedactUrl
  int attempts = 0;       // requests made for the final URL (1 = no retry)
};

// Performs the request. Failures are kIoError with a message naming the
// URL (without credentials or query secrets) and the reason, e.g.
//   "https://reports.example/x.csv: HTTP 401 Unauthorized (check the credentials)"
//   "http://127.0.0.1:8080/r.csv: timed out after 2000 ms (3 attempts)"
//   "http://127.0.0.1:8080/r.csv: body truncated: got 100 of 2000 bytes"
//   "http://127.0.0.1:8080/r.csv: redirect to another host (other.example) refused"
// kLimitExceeded when the body is over max_bytes; kInvalidArgument when a
// named environment variable is unset. `sleep_ms` lets tests skip real waits.
Result<HttpResponse> HttpFetch(const HttpRequest& request,
                               const std::function<void(long)>& sleep_ms = nullptr);

// The URL with any user:password@ and query string removed, for messages.
std::string RedactUrl(const std::string& url);

}  // namespace annexa::sources
