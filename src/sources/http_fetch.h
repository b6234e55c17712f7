// Fetches a report over HTTP(S): the one adapter for libcurl (no other file
// includes <curl/curl.h>). Used for report-server URLs that return CSV, XLSX
// or XML, and for the bank-holidays refresh.
//
// Safe by default: TLS verification on (a CA file can be given), connect and
// total timeouts (positive: curl reads 0 as "no timeout"), a low-speed limit
// that ends a stalled transfer, retries with exponential backoff on 5xx, 429
// and timeouts (never on 4xx; Retry-After honoured up to a cap; max_attempts
// requests in all, never more), a deadline for the whole fetch of one URL, a
// cap on the body size, redirects followed only to the same host unless
// allowed, credentials never sent to another host, never sent in clear over
// http:// unless the config says it is a test server, and never taken from a
// user name or password in the URL (refused, in the URL and in any redirect).
// Secrets never appear in messages.
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
  long connect_timeout_ms = 10'000;  // must be > 0
  long total_timeout_ms = 120'000;   // per request; must be > 0
  // A transfer slower than low_speed_bytes per second for low_speed_seconds
  // is ended as stalled (then retried like a timeout). Waiting for the
  // response counts: a server that thinks longer than this before its first
  // byte needs a larger low_speed_seconds.
  long low_speed_bytes = 1024;
  long low_speed_seconds = 30;
  // The whole fetch of one URL (every attempt, backoff and redirect) ends
  // within this: a request's timeout is cut to what is left, and a retry whose
  // wait would pass it is not made. Worst case with the defaults: 4 tries x
  // 120 s + 0.5 + 1 + 2 s of backoff = 483.5 s; with Retry-After waits of
  // 60 s it would be 660 s, so the 600 s deadline is what bounds it.
  long deadline_ms = 600'000;
  int max_attempts = 4;           // 1 = no retries
  long backoff_initial_ms = 500;  // doubles each retry
  // A 503/429 with Retry-After waits that long instead (when longer than the
  // backoff), but never more than this: a report server asking for an hour
  // must not stall an inspection-day run.
  long max_retry_after_ms = 60'000;
  uint64_t max_bytes = 512ull << 20;
  bool allow_cross_host_redirect = false;
  // Basic and bearer credentials over plain http:// (readable by anyone on
  // the path) only when the config says the server is a test server.
  bool allow_insecure_http = false;
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
//   "http://127.0.0.1:8080/r.csv: stalled: under 1024 bytes/s for 30 s (4 attempts)"
// kLimitExceeded when the body is over max_bytes; kInvalidArgument, before
// any request, when a named environment variable is unset, a timeout is not
// positive, the URL carries a user name or password, or basic or bearer
// credentials would go over http:// without allow_insecure_http. `sleep_ms` lets tests skip real waits.
Result<HttpResponse> HttpFetch(const HttpRequest& request,
                               const std::function<void(long)>& sleep_ms = nullptr);

// True when the URL's authority holds a user name or password ("u@host",
// "u:p@host"), which libcurl would send as credentials.
bool UrlHasUserInfo(const std::string& url);

// The URL with any user:password@ and query string removed, for messages.
std::string RedactUrl(const std::string& url);

}  // namespace annexa::sources
