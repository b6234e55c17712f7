// A council report fetched over HTTP from a server the test starts on
// 127.0.0.1, mapped like a file; a failing server stops the run with a
// message naming the source and the URL.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "mapping/pack_fixture.h"
#include "support/http_test_server.h"

using annexa::testing::CannedResponse;
using annexa::testing::ConfigHead;
using annexa::testing::HttpTestServer;
using annexa::testing::PackFixture;

namespace {
std::string Config(const std::string& url) {
  return ConfigHead() + "sources:\n  contacts:\n    url: " + url +
         "\n    format: csv\n    auth: {type: bearer, token_env: ANNEXA_TEST_TOKEN}\n    retries: 2\n"
         // The test server speaks plain http: a bearer token over it is
         // refused unless the config says it is a test server (issue 17).
         "    allow_insecure_http: true\n"
         "    timeout_seconds: 5\n"
         "lists:\n  1:\n    from: contacts\n    window: {start: date_of_contact}\n    columns:\n"
         "      child_id: PERSON_ID\n      date_of_contact: CONTACT_DATE\n      contact_source: SOURCE\n";
}
}  // namespace

TEST_CASE("http source: a report server's CSV becomes List 1, with the bearer token sent", "[mapping][http]") {
  HttpTestServer server;
  server.Script("/reports/contacts.csv",
                CannedResponse::Ok("PERSON_ID,CONTACT_DATE,SOURCE\nC1,2026-10-01,2A\nC2,2026-01-01,6\n"));
  ::setenv("ANNEXA_TEST_TOKEN", "s3cret-token", 1);
  PackFixture f;
  auto p = f.Build(Config(server.Url("/reports/contacts.csv?run=1")));
  const auto& l1 = PackFixture::List(p, 1);
  REQUIRE(l1.rows.size() == 1);
  CHECK(PackFixture::Cell(p, 1, 1, "contact_source") == "e) 2A: Schools");
  CHECK(l1.account.read == 2);
  CHECK(l1.sources[0] == server.Url("/reports/contacts.csv"));  // no query string in what is shown
  const auto requests = server.Requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].Header("Authorization") == "Bearer s3cret-token");
}

TEST_CASE("http source: a server error stops the run, naming the source and URL", "[mapping][http]") {
  HttpTestServer server;
  server.Script("/r.csv", CannedResponse::Status(503));
  ::setenv("ANNEXA_TEST_TOKEN", "t", 1);
  PackFixture f;
  f.File("config.yaml", Config(server.Url("/r.csv")));
  annexa::mapping::PackOptions o;
  o.config_path = f.dir + "/config.yaml";
  o.specs_root = annexa::testing::SourceDir() + "/annex_a_specs";
  o.fetch = [](const annexa::sources::HttpRequest& r) {
    return annexa::sources::HttpFetch(r, [](long) {});  // no real waits between retries
  };
  auto r = annexa::mapping::BuildPack(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == annexa::StatusCode::kIoError);
  CHECK(r.status().message() ==
        "source 'contacts': " + server.Url("/r.csv") + ": HTTP 503 Service Unavailable after 3 attempts");
  CHECK(server.Requests().size() == 3);
}
