#include "sources/http_fetch.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string_view>
#include <optional>
#include <thread>
#include <utility>

#include "core/file_util.h"

namespace annexa::sources {
namespace {

// Redirect hops followed after the first request.
constexpr int kMaxRedirects = 5;

void EnsureCurlGlobalInit() {
  static std::once_flag once;
  // curl_global_init is not thread-safe on older libcurl: run it exactly once.
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Owns a CURL easy handle.
class CurlHandle {
 public:
  CurlHandle() : handle_(curl_easy_init()) {}
  ~CurlHandle() {
    if (handle_ != nullptr) curl_easy_cleanup(handle_);
  }
  CurlHandle(CurlHandle&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  CurlHandle& operator=(CurlHandle&& other) noexcept {
    std::swap(handle_, other.handle_);
    return *this;
  }
  CurlHandle(const CurlHandle&) = delete;
  CurlHandle& operator=(const CurlHandle&) = delete;

  CURL* get() const { return handle_; }

 private:
  CURL* handle_;
};

// Owns a curl_slist (extra request headers).
class CurlHeaderList {
 public:
  CurlHeaderList() = default;
  ~CurlHeaderList() {
    if (list_ != nullptr) curl_slist_free_all(list_);
  }
  CurlHeaderList(CurlHeaderList&& other) noexcept : list_(std::exchange(other.list_, nullptr)) {}
  CurlHeaderList& operator=(CurlHeaderList&& other) noexcept {
    std::swap(list_, other.list_);
    return *this;
  }
  CurlHeaderList(const CurlHeaderList&) = delete;
  CurlHeaderList& operator=(const CurlHeaderList&) = delete;

  bool Append(const std::string& header) {
    curl_slist* grown = curl_slist_append(list_, header.c_str());
    if (grown == nullptr) return false;
    list_ = grown;
    return true;
  }
  curl_slist* get() const { return list_; }

 private:
  curl_slist* list_ = nullptr;
};

// Owns a CURLU (URL parser) handle.
class CurlUrl {
 public:
  CurlUrl() : url_(curl_url()) {}
  ~CurlUrl() {
    if (url_ != nullptr) curl_url_cleanup(url_);
  }
  CurlUrl(CurlUrl&& other) noexcept : url_(std::exchange(other.url_, nullptr)) {}
  CurlUrl& operator=(CurlUrl&& other) noexcept {
    std::swap(url_, other.url_);
    return *this;
  }
  CurlUrl(const CurlUrl&) = delete;
  CurlUrl& operator=(const CurlUrl&) = delete;

  // Sets the URL; once one is set, a relative URL resolves against it.
  bool Set(const std::string& url) {
    return url_ != nullptr && curl_url_set(url_, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK;
  }
  std::string Get(CURLUPart part, unsigned int flags = 0) const {
    char* value = nullptr;
    if (url_ == nullptr || curl_url_get(url_, part, &value, flags) != CURLUE_OK) return "";
    std::string out = value;
    curl_free(value);
    return out;
  }

 private:
  CURLU* url_;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// What decides whether a redirect stays on the "same host".
struct Origin {
  std::string scheme;
  std::string host;
  std::string port;
  bool operator==(const Origin&) const = default;
};

std::optional<Origin> OriginOf(const std::string& url) {
  CurlUrl parsed;
  if (!parsed.Set(url)) return std::nullopt;
  Origin origin{Lower(parsed.Get(CURLUPART_SCHEME)), Lower(parsed.Get(CURLUPART_HOST)),
                parsed.Get(CURLUPART_PORT, CURLU_DEFAULT_PORT)};
  if (origin.host.empty()) return std::nullopt;
  return origin;
}

// "600 s", or "1500 ms" when not whole seconds.
std::string DurationText(long ms) {
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

// The time left of a fetch's deadline. Sleeps a test injects take no real
// time, so they are counted here as if they had.
class Deadline {
 public:
  explicit Deadline(long ms) : start_(std::chrono::steady_clock::now()), ms_(ms) {}
  long Left() const {
    const auto real = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_);
    return ms_ - static_cast<long>(real.count()) - slept_ms_;
  }
  void Slept(long ms) { slept_ms_ += ms; }
  long ms() const { return ms_; }

 private:
  std::chrono::steady_clock::time_point start_;
  long ms_;
  long slept_ms_ = 0;
};

// `location` (absolute or relative) resolved against `base`; "" if invalid.
std::string ResolveLocation(const std::string& base, const std::string& location) {
  CurlUrl url;
  if (!url.Set(base) || !url.Set(location)) return "";
  return url.Get(CURLUPART_URL);
}

const char* ReasonPhrase(long status) {
  switch (status) {
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Timeout";
    case 410: return "Gone";
    case 413: return "Content Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return nullptr;
  }
}

std::string DescribeStatus(long status) {
  std::string out = "HTTP " + std::to_string(status);
  if (const char* reason = ReasonPhrase(status)) out += std::string(" ") + reason;
  return out;
}

std::string AttemptsText(int attempts) {
  return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

// Secrets read from the environment once, before any request is made.
struct Credentials {
  std::string password;
  std::string token;
};

Result<std::string> ReadEnv(const std::string& url, const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) {
    return InvalidArgument(RedactUrl(url) + ": environment variable " + name + " is not set");
  }
  return std::string(value);
}

Result<Credentials> LoadCredentials(const HttpRequest& request) {
  Credentials creds;
  switch (request.auth) {
    case HttpAuth::kNone:
    case HttpAuth::kNegotiate:
      break;
    case HttpAuth::kBasic:
    case HttpAuth::kNtlm:
      if (!request.password_env.empty()) {
        Result<std::string> password = ReadEnv(request.url, request.password_env);
        if (!password.ok()) return password.status();
        creds.password = std::move(password).value();
      }
      break;
    case HttpAuth::kBearer: {
      if (request.token_env.empty()) {
        return InvalidArgument(RedactUrl(request.url) +
                               ": bearer authentication needs the name of a token environment variable");
      }
      Result<std::string> token = ReadEnv(request.url, request.token_env);
      if (!token.ok()) return token.status();
      creds.token = std::move(token).value();
      break;
    }
  }
  return creds;
}

// Everything one request/response exchange produced.
struct Exchange {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string content_type;
  std::string body;
  std::string location;  // raw Location header of the last response
  bool over_limit = false;
  curl_off_t downloaded = 0;
  curl_off_t expected = -1;
  bool connected = false;
  bool too_slow = false;   // ended by the low-speed limit, not the timeout
  long timeout_ms = 0;     // this request's timeouts (cut to the deadline)
  long connect_timeout_ms = 0;
  long os_errno = 0;  // why a connect failed (ECONNREFUSED ...)
  long retry_after_s = 0;  // the response's Retry-After, in seconds (0 = none)
  char error[CURL_ERROR_SIZE] = {};
};

struct WriteTarget {
  std::string* body;
  uint64_t max_bytes;
  bool* over_limit;
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  auto* target = static_cast<WriteTarget*>(user);
  size_t n = size * count;
  if (target->body->size() + n > target->max_bytes) {
    // Returning less than n makes curl abort with CURLE_WRITE_ERROR.
    *target->over_limit = true;
    return 0;
  }
  target->body->append(data, n);
  return n;
}

size_t ReadHeader(char* data, size_t size, size_t count, void* user) {
  auto* location = static_cast<std::string*>(user);
  size_t n = size * count;
  std::string line(data, n);
  // A new status line (e.g. after an NTLM challenge) starts a new response.
  if (line.rfind("HTTP/", 0) == 0) {
    location->clear();
  } else if (Lower(line.substr(0, 9)) == "location:") {
    std::string value = line.substr(9);
    size_t begin = value.find_first_not_of(" \t");
    size_t end = value.find_last_not_of(" \t\r\n");
    *location = begin == std::string::npos ? "" : value.substr(begin, end - begin + 1);
  }
  return n;
}

// Performs one HTTP exchange on `url`; credentials only when `with_credentials`.
Exchange PerformOnce(const HttpRequest& request, const Credentials& creds,
                     const std::string& url, bool with_credentials, long timeout_ms,
                     long connect_timeout_ms) {
  Exchange ex;
  ex.timeout_ms = timeout_ms;
  ex.connect_timeout_ms = connect_timeout_ms;
  CurlHandle curl;
  if (curl.get() == nullptr) {
    ex.code = CURLE_FAILED_INIT;
    return ex;
  }
  CURL* h = curl.get();
  WriteTarget target{&ex.body, request.max_bytes, &ex.over_limit};
  CurlHeaderList headers;

  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts must not use SIGALRM in threads
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ex.error);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  // Redirects are followed by hand so each hop's host can be checked first.
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  // Both positive (HttpFetch checks): curl reads 0 as "wait for ever".
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
  // A server that sends its headers and then trickles or stops is ended
  // well before the total timeout.
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, request.low_speed_bytes);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, request.low_speed_seconds);
  // Never on (its default is off): credentials stay with the first host.
  curl_easy_setopt(h, CURLOPT_UNRESTRICTED_AUTH, 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, request.verify_tls ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, request.verify_tls ? 2L : 0L);
  if (!request.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, request.ca_file.c_str());
  curl_easy_setopt(h, CURLOPT_USERAGENT, "annexa/" ANNEXA_VERSION);
  // A declared Content-Length over the cap fails before any body arrives.
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(std::min<uint64_t>(request.max_bytes, INT64_MAX)));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &target);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, ReadHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &ex.location);

  if (with_credentials) {
    switch (request.auth) {
      case HttpAuth::kNone:
        break;
      case HttpAuth::kBasic:
      case HttpAuth::kNtlm:
        curl_easy_setopt(h, CURLOPT_HTTPAUTH,
                         request.auth == HttpAuth::kBasic ? CURLAUTH_BASIC : CURLAUTH_NTLM);
        curl_easy_setopt(h, CURLOPT_USERNAME, request.username.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, creds.password.c_str());
        break;
      case HttpAuth::kBearer:
        curl_easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
        curl_easy_setopt(h, CURLOPT_XOAUTH2_BEARER, creds.token.c_str());
        break;
      case HttpAuth::kNegotiate:
        // SPNEGO takes the identity from the Kerberos ticket cache.
        curl_easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_NEGOTIATE);
        curl_easy_setopt(h, CURLOPT_USERPWD, ":");
        break;
    }
  }
  // Reports change daily: a caching proxy must not hand back yesterday's copy.
  if (headers.Append("Cache-Control: no-cache")) {
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  }

  ex.code = curl_easy_perform(h);
  // curl's speedcheck: "Operation too slow. Less than N bytes/sec ...".
  ex.too_slow = ex.code == CURLE_OPERATION_TIMEDOUT &&
                std::string_view(ex.error).starts_with("Operation too slow");
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &ex.status);
  char* content_type = nullptr;
  if (curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &content_type) == CURLE_OK &&
      content_type != nullptr) {
    ex.content_type = content_type;
  }
  curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &ex.downloaded);
  curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &ex.expected);
  curl_off_t connect_time = 0;
  curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connect_time);
  ex.connected = connect_time > 0;
  curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &ex.os_errno);
#if LIBCURL_VERSION_NUM >= 0x074200
  // Both forms (seconds or an HTTP date) come back as seconds from now.
  curl_off_t retry_after = 0;
  if (curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0)
    ex.retry_after_s = static_cast<long>(std::min<curl_off_t>(retry_after, 1'000'000));
#endif
  return ex;
}

bool IsRetryable(const Exchange& ex) {
  switch (ex.code) {
    case CURLE_OK:
      return ex.status >= 500 || ex.status == 429;
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

// The user-facing reason for a failed exchange (after the "<url>: " prefix).
Status DescribeFailure(const HttpRequest& request, const std::string& shown_url,
                       const Exchange& ex, int attempts) {
  const std::string prefix = shown_url + ": ";
  if (ex.over_limit || ex.code == CURLE_FILESIZE_EXCEEDED) {
    return LimitExceeded(prefix + "response larger than " + std::to_string(request.max_bytes) +
                         " bytes");
  }
  switch (ex.code) {
    case CURLE_OK:
      break;
    case CURLE_OPERATION_TIMEDOUT:
      if (ex.too_slow) {
        return IoError(prefix + "stalled: under " + std::to_string(request.low_speed_bytes) + " bytes/s for " +
                       std::to_string(request.low_speed_seconds) + " s (" + AttemptsText(attempts) + ")");
      }
      if (!ex.connected) {
        return IoError(prefix + "connect timed out after " +
                       std::to_string(ex.connect_timeout_ms) + " ms (" +
                       AttemptsText(attempts) + ")");
      }
      return IoError(prefix + "timed out after " + std::to_string(ex.timeout_ms) +
                     " ms (" + AttemptsText(attempts) + ")");
    case CURLE_COULDNT_CONNECT: {
      bool refused = ex.os_errno == ECONNREFUSED;
      return IoError(prefix + (refused ? "connection refused (" : "could not connect (") +
                     AttemptsText(attempts) + ")");
    }
    case CURLE_PARTIAL_FILE:
      return IoError(prefix + "body truncated: got " + std::to_string(ex.downloaded) + " of " +
                     std::to_string(ex.expected) + " bytes");
    case CURLE_GOT_NOTHING:
      return IoError(prefix + "server closed the connection without a response (" +
                     AttemptsText(attempts) + ")");
    case CURLE_RECV_ERROR:
      if (ex.os_errno == ECONNRESET || std::string_view(ex.error).find("reset") != std::string_view::npos) {
        std::string got;
        if (ex.status > 0)  // the head arrived: say how much of the body did
          got = " after " + std::to_string(ex.downloaded) +
                (ex.expected >= 0 ? " of " + std::to_string(ex.expected) : "") + " bytes of the body";
        return IoError(prefix + "connection reset by the server" + got + " (" + AttemptsText(attempts) + ")");
      }
      [[fallthrough]];
    case CURLE_SEND_ERROR:
      return IoError(prefix + curl_easy_strerror(ex.code) + " (" + AttemptsText(attempts) + ")");
    case CURLE_COULDNT_RESOLVE_HOST:
      return IoError(prefix + "could not resolve the host name");
    case CURLE_UNSUPPORTED_PROTOCOL:
      return IoError(prefix + "unsupported protocol (only http and https are allowed)");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
      // The error buffer names the certificate problem, never a credential.
      return IoError(prefix + "TLS error: " + (ex.error[0] != '\0' ? ex.error : curl_easy_strerror(ex.code)));
    default:
      return IoError(prefix + curl_easy_strerror(ex.code));
  }
  std::string what = DescribeStatus(ex.status);
  if (ex.status == 401 || ex.status == 407) {
    return IoError(prefix + what + " (check the credentials)");
  }
  if (ex.status >= 500 || ex.status == 429) {
    return IoError(prefix + what + " after " + AttemptsText(attempts));
  }
  return IoError(prefix + what);
}

struct HopResult {
  Exchange exchange;
  int attempts = 0;
  bool past_deadline = false;  // a retry was due but would pass the deadline
};

// One URL with retries and backoff; a non-retryable outcome returns at once.
HopResult FetchWithRetries(const HttpRequest& request, const Credentials& creds,
                           const std::string& url, bool with_credentials,
                           const std::function<void(long)>& sleep_ms, Deadline& deadline) {
  const int max_attempts = std::max(1, request.max_attempts);
  HopResult hop;
  for (int attempt = 1;; ++attempt) {
    const long left = std::max(1L, deadline.Left());
    hop.exchange = PerformOnce(request, creds, url, with_credentials, std::min(request.total_timeout_ms, left),
                               std::min(request.connect_timeout_ms, left));
    hop.attempts = attempt;
    if (hop.exchange.over_limit || !IsRetryable(hop.exchange) || attempt >= max_attempts) {
      return hop;
    }
    // Cap the shift so a silly max_attempts cannot overflow the delay.
    long delay = request.backoff_initial_ms * (1L << std::min(attempt - 1, 20));
    if (hop.exchange.retry_after_s > 0)
      delay = std::max(delay, std::min(hop.exchange.retry_after_s * 1000, request.max_retry_after_ms));
    if (delay >= deadline.Left()) {
      hop.past_deadline = true;
      return hop;
    }
    if (sleep_ms) {
      sleep_ms(delay);
      deadline.Slept(delay);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    }
  }
}

bool IsRedirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

Result<HttpResponse> HttpFetch(const HttpRequest& request,
                               const std::function<void(long)>& sleep_ms) {
  EnsureCurlGlobalInit();
  const std::string shown_url = RedactUrl(request.url);
  std::optional<Origin> origin = OriginOf(request.url);
  if (!origin) return InvalidArgument(shown_url + ": not a valid URL");
  if (origin->scheme != "http" && origin->scheme != "https") {
    return InvalidArgument(shown_url + ": only http and https URLs are supported");
  }
  if (UrlHasUserInfo(request.url)) {
    return InvalidArgument(shown_url + ": a user name or password in the URL is refused (give credentials with "
                                       "'auth', the secret in an environment variable)");
  }
  if (request.total_timeout_ms <= 0 || request.connect_timeout_ms <= 0 || request.deadline_ms <= 0 ||
      request.low_speed_seconds <= 0) {
    return InvalidArgument(shown_url + ": timeouts must be positive (0 would mean waiting for ever)");
  }
  const bool in_clear = request.auth == HttpAuth::kBasic || request.auth == HttpAuth::kBearer;
  if (in_clear && origin->scheme == "http" && !request.allow_insecure_http) {
    return InvalidArgument(shown_url + ": " + (request.auth == HttpAuth::kBasic ? "basic" : "bearer") +
                           " authentication over plain http:// would send the secret unencrypted; use https://, "
                           "or 'allow_insecure_http: true' for a test server");
  }
  // libcurl opens the CA bundle itself: a FIFO there would hang it.
  if (!request.ca_file.empty()) {
    if (Status regular = CheckRegularFile(request.ca_file); !regular.ok())
      return Status(regular.code(), shown_url + ": 'ca_file' " + regular.message());
  }
  Result<Credentials> creds = LoadCredentials(request);
  if (!creds.ok()) return creds.status();

  Deadline deadline(request.deadline_ms);
  std::string url = request.url;
  bool with_credentials = true;
  for (int hop = 0;; ++hop) {
    if (hop > 0 && deadline.Left() <= 0) {
      return IoError(shown_url + ": gave up after " + std::to_string(hop) + (hop == 1 ? " redirect" : " redirects") +
                     ": the deadline of " + DurationText(deadline.ms()) + " for one URL passed");
    }
    HopResult result = FetchWithRetries(request, *creds, url, with_credentials, sleep_ms, deadline);
    const Exchange& ex = result.exchange;
    if (ex.code != CURLE_OK || ex.over_limit || result.past_deadline) {
      Status failed = DescribeFailure(request, shown_url, ex, result.attempts);
      if (!result.past_deadline) return failed;
      return Status(failed.code(), failed.message() + "; no further try: the deadline of " +
                                       DurationText(deadline.ms()) + " for one URL would pass");
    }
    if (ex.status >= 200 && ex.status < 300) {
      HttpResponse response;
      response.status = ex.status;
      response.content_type = ex.content_type;
      response.body = std::move(result.exchange.body);
      response.final_url = RedactUrl(url);
      response.attempts = result.attempts;
      return response;
    }
    if (!IsRedirect(ex.status)) return DescribeFailure(request, shown_url, ex, result.attempts);

    if (ex.location.empty()) {
      return IoError(shown_url + ": " + DescribeStatus(ex.status) + " without a Location header");
    }
    if (hop >= kMaxRedirects) {
      return IoError(shown_url + ": too many redirects (more than " +
                     std::to_string(kMaxRedirects) + ")");
    }
    std::string next = ResolveLocation(url, ex.location);
    std::optional<Origin> next_origin = next.empty() ? std::nullopt : OriginOf(next);
    if (!next_origin) {
      return IoError(shown_url + ": redirect to an invalid URL (" + RedactUrl(ex.location) + ")");
    }
    // libcurl would send a user name in the target as credentials (with an
    // empty password), whatever the config says: never follow one.
    if (UrlHasUserInfo(next) || UrlHasUserInfo(ex.location)) {
      return IoError(shown_url + ": redirect to a URL carrying a user name or password (" + RedactUrl(next) +
                     ") refused");
    }
    if (next_origin->scheme != "http" && next_origin->scheme != "https") {
      return IoError(shown_url + ": redirect to an unsupported protocol (" +
                     next_origin->scheme + ") refused");
    }
    if (!(*next_origin == *origin)) {
      if (!request.allow_cross_host_redirect) {
        // Name the host alone, or the whole origin when only scheme/port differ.
        std::string where = next_origin->host != origin->host
                                ? next_origin->host
                                : next_origin->scheme + "://" + next_origin->host + ":" +
                                      next_origin->port;
        return IoError(shown_url + ": redirect to another host (" + where + ") refused");
      }
      // Credentials belong to the original host: never send them onwards,
      // even if a later hop comes back to it.
      with_credentials = false;
    }
    url = std::move(next);
  }
}

bool UrlHasUserInfo(const std::string& url) {
  // The authority follows "scheme://" or, in a scheme-relative URL, "//";
  // a path-relative URL has none.
  size_t i = 0;
  while (i < url.size() && (std::isalnum(static_cast<unsigned char>(url[i])) || url[i] == '+' || url[i] == '-' ||
                            url[i] == '.'))
    ++i;
  size_t begin;
  if (i > 0 && url.compare(i, 3, "://") == 0) begin = i + 3;
  else if (url.starts_with("//")) begin = 2;
  else return false;
  const size_t end = std::min(url.find_first_of("/?#", begin), url.size());
  return url.find('@', begin) < end;
}

std::string RedactUrl(const std::string& url) {
  // Done by hand rather than with CURLU so even an unparsable URL is redacted.
  std::string out = url.substr(0, url.find_first_of("?#"));
  size_t scheme_end = out.find("://");
  size_t authority_begin = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  size_t authority_end = out.find('/', authority_begin);
  if (authority_end == std::string::npos) authority_end = out.size();
  size_t at = out.rfind('@', authority_end - 1);
  if (at != std::string::npos && at >= authority_begin && at < authority_end) {
    out.erase(authority_begin, at + 1 - authority_begin);
  }
  return out;
}

}  // namespace annexa::sources
