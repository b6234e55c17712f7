// Issue 17, "waits with no end" and credentials: a transfer that stalls
// after its headers is ended by the low-speed limit, not after the total
// timeout; timeouts must be positive (curl reads 0 as "for ever"); the whole
// fetch of a URL ends within its deadline; basic or bearer secrets never go
// over plain http:// unless the request says it is a test server; and a user
// name in the URL or in a redirect target is refused, since libcurl would
// send it as credentials the config never set.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "sources/http_fetch.h"
#include "support/http_test_server.h"
#include "test_support.h"

namespace annexa::sources {
namespace {

using annexa::testing::CannedResponse;
using annexa::testing::HttpTestServer;

HttpRequest Quick(const std::string& url) {
  HttpRequest request;
  request.url = url;
  request.connect_timeout_ms = 2000;
  request.total_timeout_ms = 10'000;
  request.max_attempts = 1;
  return request;
}

long MsSince(std::chrono::steady_clock::time_point start) {
  return static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
}

TEST_CASE("HttpFetch ends a transfer that stalls after its headers (low-speed limit)", "[http][waits]") {
  HttpTestServer server;
  // 100 bytes of a 100,000-byte body, then nothing for 20 s.
  server.Script("/r.csv", CannedResponse::StallMidBody(100'000, 100, 20'000));
  HttpRequest request = Quick(server.Url("/r.csv"));
  request.low_speed_seconds = 1;  // 30 by default; 1 keeps the test quick
  const auto start = std::chrono::steady_clock::now();
  Result<HttpResponse> r = HttpFetch(request);
  const long ms = MsSince(start);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kIoError);
  CHECK(r.status().message() == server.Url("/r.csv") + ": stalled: under 1024 bytes/s for 1 s (1 attempt)");
  // curl checks the speed once a second: ended after 1-3 s, long before the
  // 10 s total timeout.
  CHECK(ms >= 900);
  CHECK(ms < 5000);
}

TEST_CASE("HttpFetch refuses timeouts that are not positive", "[http][waits]") {
  HttpTestServer server;
  server.Script("/r.csv", CannedResponse::Ok("ok\n"));
  HttpRequest request = Quick(server.Url("/r.csv"));
  SECTION("total") { request.total_timeout_ms = 0; }
  SECTION("connect") { request.connect_timeout_ms = -1; }
  SECTION("low speed") { request.low_speed_seconds = 0; }
  Result<HttpResponse> r = HttpFetch(request);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  CHECK(r.status().message() == server.Url("/r.csv") + ": timeouts must be positive (0 would mean waiting for ever)");
  CHECK(server.Requests().empty());
}

TEST_CASE("HttpFetch makes no try that would pass the URL's deadline", "[http][waits]") {
  HttpTestServer server;
  server.Script("/r.csv", CannedResponse::Status(503));
  HttpRequest request = Quick(server.Url("/r.csv"));
  request.max_attempts = 4;
  request.backoff_initial_ms = 600;
  request.deadline_ms = 1000;
  std::vector<long> sleeps;  // counted against the deadline, not slept
  Result<HttpResponse> r = HttpFetch(request, [&](long ms) { sleeps.push_back(ms); });
  REQUIRE_FALSE(r.ok());
  // Try 1; wait 600 ms (400 left); try 2; the next wait, 1200 ms, would
  // pass the deadline: no third try.
  CHECK(r.status().message() == server.Url("/r.csv") +
                                    ": HTTP 503 Service Unavailable after 2 attempts; no further try: the deadline "
                                    "of 1 s for one URL would pass");
  CHECK(sleeps == std::vector<long>{600});
  CHECK(server.Requests().size() == 2);
}

TEST_CASE("HttpFetch cuts a request's timeout to what is left of the deadline", "[http][waits]") {
  HttpTestServer server;
  server.Script("/r.csv", CannedResponse::Stall(10'000));
  HttpRequest request = Quick(server.Url("/r.csv"));
  request.total_timeout_ms = 5000;
  request.max_attempts = 3;
  request.deadline_ms = 400;
  const auto start = std::chrono::steady_clock::now();
  Result<HttpResponse> r = HttpFetch(request, [](long) {});
  const long ms = MsSince(start);
  REQUIRE_FALSE(r.ok());
  const std::string message = r.status().message();
  const std::string head = server.Url("/r.csv") + ": timed out after ";
  const std::string tail = " ms (1 attempt); no further try: the deadline of 400 ms for one URL would pass";
  REQUIRE(message.size() > head.size() + tail.size());
  CHECK(message.substr(0, head.size()) == head);
  CHECK(message.substr(message.size() - tail.size()) == tail);
  const long timeout = std::stol(message.substr(head.size(), message.size() - head.size() - tail.size()));
  CHECK(timeout > 0);
  CHECK(timeout <= 400);  // not the 5000 ms of the request
  CHECK(ms < 2000);
}

TEST_CASE("HttpFetch refuses basic and bearer secrets over plain http unless it is a test server", "[http][waits]") {
  HttpTestServer server;
  server.Script("/r.csv", CannedResponse::Ok("ok\n"));
  ::setenv("ANNEXA_TEST_HTTP_PASSWORD", "s3cret!", 1);
  ::setenv("ANNEXA_TEST_HTTP_TOKEN", "tok-123", 1);
  HttpRequest request = Quick(server.Url("/r.csv"));
  std::string kind;
  SECTION("basic") {
    kind = "basic";
    request.auth = HttpAuth::kBasic;
    request.username = "alice";
    request.password_env = "ANNEXA_TEST_HTTP_PASSWORD";
  }
  SECTION("bearer") {
    kind = "bearer";
    request.auth = HttpAuth::kBearer;
    request.token_env = "ANNEXA_TEST_HTTP_TOKEN";
  }
  Result<HttpResponse> refused = HttpFetch(request);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == StatusCode::kInvalidArgument);
  CHECK(refused.status().message() == server.Url("/r.csv") + ": " + kind +
                                          " authentication over plain http:// would send the secret unencrypted; "
                                          "use https://, or 'allow_insecure_http: true' for a test server");
  CHECK(server.Requests().empty());

  request.allow_insecure_http = true;
  Result<HttpResponse> allowed = HttpFetch(request);
  REQUIRE(allowed.ok());
  REQUIRE(server.Requests().size() == 1);
  CHECK(server.Requests()[0].Header("Authorization") ==
        (kind == "basic" ? "Basic YWxpY2U6czNjcmV0IQ==" : "Bearer tok-123"));
}

TEST_CASE("HttpFetch refuses a redirect to a URL carrying a user name", "[http][waits]") {
  // Followed, libcurl would send "Authorization: Basic ZXZlOg==" (eve and
  // an empty password) to /b: credentials the config never set.
  HttpTestServer server;
  const std::string port = std::to_string(server.port());
  std::string target;
  SECTION("same host") { target = "http://eve@127.0.0.1:" + port + "/b.csv"; }
  SECTION("user and password, another host allowed") { target = "http://eve:pw@localhost:" + port + "/b.csv"; }
  SECTION("scheme-relative") { target = "//eve@127.0.0.1:" + port + "/b.csv"; }
  server.Script("/a.csv", CannedResponse::Redirect(target));
  server.Script("/b.csv", CannedResponse::Ok("b\n"));
  HttpRequest request = Quick(server.Url("/a.csv"));
  request.allow_cross_host_redirect = true;
  Result<HttpResponse> r = HttpFetch(request);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kIoError);
  const std::string host = target.find("localhost") != std::string::npos ? "localhost" : "127.0.0.1";
  CHECK(r.status().message() == server.Url("/a.csv") + ": redirect to a URL carrying a user name or password (" +
                                    server.Url("/b.csv", host) + ") refused");
  const auto requests = server.Requests();
  REQUIRE(requests.size() == 1);
  CHECK_FALSE(requests[0].HasHeader("Authorization"));
}

TEST_CASE("HttpFetch refuses a CA file that is a FIFO before libcurl opens it", "[http][waits]") {
  HttpTestServer server;
  server.Script("/r.csv", CannedResponse::Ok("ok\n"));
  const std::string fifo = annexa::testing::MakeTempDir() + "/ca.pem";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  HttpRequest request = Quick(server.Url("/r.csv"));
  request.ca_file = fifo;
  Result<HttpResponse> r = HttpFetch(request);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kIoError);
  CHECK(r.status().message() == server.Url("/r.csv") + ": 'ca_file' " + fifo + ": is a FIFO (named pipe), not a regular file");
  CHECK(server.Requests().empty());
}

TEST_CASE("UrlHasUserInfo finds a user name in the authority only", "[http][waits]") {
  CHECK(UrlHasUserInfo("http://u@h.example/r.csv"));
  CHECK(UrlHasUserInfo("https://u:p@h.example"));
  CHECK(UrlHasUserInfo("https://:p@h.example/"));
  CHECK(UrlHasUserInfo("//u@h.example/x"));
  CHECK_FALSE(UrlHasUserInfo("https://h.example/a@b/c"));
  CHECK_FALSE(UrlHasUserInfo("https://h.example/r.csv?to=a@b"));
  CHECK_FALSE(UrlHasUserInfo("https://h.example#a@b"));
  CHECK_FALSE(UrlHasUserInfo("https://h.example"));
  // A relative Location with a URL in its query has no authority.
  CHECK_FALSE(UrlHasUserInfo("/next?to=http://u@h.example/"));
}

}  // namespace
}  // namespace annexa::sources
