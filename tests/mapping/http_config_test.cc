// The HTTP keys of a URL source that bound its waits and guard its
// credentials (issue 17), checked when the config loads, at the line and
// column of the key: timeouts of 1 to 600 s (0 meant no timeout at all),
// `low_speed_seconds`, no user name or password in the URL, and basic or
// bearer authentication over plain http:// only with `allow_insecure_http`.
#include <catch2/catch.hpp>

#include "mapping/config_loader.h"
#include "mapping/pack_fixture.h"

using namespace annexa;
using annexa::testing::ConfigHead;

namespace {

const std::string kLists =
    "lists:\n  1:\n    from: contacts\n    window: {start: date_of_contact}\n    columns:\n"
    "      child_id: PERSON_ID\n      date_of_contact: CONTACT_DATE\n      contact_source: SOURCE\n";

// Line 5 is "sources:", 6 "  contacts:", 7 the url, 8 the format; `keys`
// start at line 9, indented four spaces.
Result<mapping::CouncilConfig> Load(const std::string& url, const std::string& keys) {
  return mapping::ParseCouncilConfig(
      ConfigHead() + "sources:\n  contacts:\n    url: " + url + "\n    format: csv\n" + keys + kLists, "c.yaml");
}

std::string Error(const std::string& url, const std::string& keys) {
  Result<mapping::CouncilConfig> c = Load(url, keys);
  REQUIRE_FALSE(c.ok());
  return c.status().message();
}

}  // namespace

TEST_CASE("config: timeouts must be from 1 to 600 seconds", "[config][waits]") {
  const std::string url = "https://reports.example/contacts.csv";
  // "    timeout_seconds: " is 21 characters: the value is at column 22.
  CHECK(Error(url, "    timeout_seconds: 0\n") == "c.yaml:9:22: 'timeout_seconds' must be from 1 to 600");
  CHECK(Error(url, "    connect_timeout_seconds: -5\n") ==
        "c.yaml:9:30: 'connect_timeout_seconds' must be from 1 to 600");
  CHECK(Error(url, "    timeout_seconds: 601\n") == "c.yaml:9:22: 'timeout_seconds' must be from 1 to 600");
  CHECK(Error(url, "    low_speed_seconds: 0\n") == "c.yaml:9:24: 'low_speed_seconds' must be from 1 to 600");

  Result<mapping::CouncilConfig> ok =
      Load(url, "    timeout_seconds: 600\n    connect_timeout_seconds: 1\n    low_speed_seconds: 5\n");
  REQUIRE(ok.ok());
  const sources::HttpRequest& http = ok->sources.at("contacts").http;
  CHECK(http.total_timeout_ms == 600'000);
  CHECK(http.connect_timeout_ms == 1000);
  CHECK(http.low_speed_seconds == 5);
  CHECK(http.low_speed_bytes == 1024);

  // The defaults: 120 s, 10 s, 1 KB/s for 30 s, 600 s for the whole URL.
  Result<mapping::CouncilConfig> plain = Load(url, "");
  REQUIRE(plain.ok());
  const sources::HttpRequest& d = plain->sources.at("contacts").http;
  CHECK(d.total_timeout_ms == 120'000);
  CHECK(d.connect_timeout_ms == 10'000);
  CHECK(d.low_speed_seconds == 30);
  CHECK(d.deadline_ms == 600'000);
  CHECK_FALSE(d.allow_insecure_http);
}

TEST_CASE("config: a user name or password in a source URL is refused", "[config][waits]") {
  // The URL value starts at column 10 ("    url: " is 9 characters); the
  // password is not repeated in the message.
  const std::string want =
      "c.yaml:7:10: source 'contacts': 'url' must not hold a user name or password (user@host); give them with "
      "'auth', the password in an environment variable";
  CHECK(Error("https://alice:pa55@reports.example/contacts.csv", "") == want);
  CHECK(Error("https://alice@reports.example/contacts.csv", "") == want);
  // An @ in the path or the query is not user info.
  CHECK(Load("https://reports.example/a@b/contacts.csv?to=x@y", "").ok());
}

TEST_CASE("config: basic or bearer auth over plain http needs allow_insecure_http", "[config][waits]") {
  const std::string basic = "    auth: {type: basic, username: alice, password_env: ANNEXA_PW}\n";
  const std::string bearer = "    auth: {type: bearer, token_env: ANNEXA_TOKEN}\n";
  // The auth value starts at column 11 ("    auth: " is 10 characters).
  CHECK(Error("http://reports.example/contacts.csv", basic) ==
        "c.yaml:9:11: source 'contacts': basic authentication over plain http:// sends the secret unencrypted; use "
        "an https:// URL, or 'allow_insecure_http: true' when the server is a test server");
  CHECK(Error("http://reports.example/contacts.csv", bearer) ==
        "c.yaml:9:11: source 'contacts': bearer authentication over plain http:// sends the secret unencrypted; use "
        "an https:// URL, or 'allow_insecure_http: true' when the server is a test server");

  Result<mapping::CouncilConfig> test_server =
      Load("http://127.0.0.1:8080/contacts.csv", basic + "    allow_insecure_http: true\n");
  REQUIRE(test_server.ok());
  CHECK(test_server->sources.at("contacts").http.allow_insecure_http);
  // Over https, and with ntlm or negotiate (no secret in clear), no flag is needed.
  CHECK(Load("https://reports.example/contacts.csv", basic).ok());
  CHECK(Load("http://reports.example/contacts.csv",
             "    auth: {type: ntlm, username: alice, password_env: ANNEXA_PW}\n").ok());
}
