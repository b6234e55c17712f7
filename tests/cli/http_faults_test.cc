// HTTP source faults through `annexa generate`, end to end against servers
// the test starts on 127.0.0.1: connection refused, a stall, a reset in the
// middle of the body, a 5xx storm, an HTML login page where CSV was expected,
// a self-signed certificate. Each stops the run with exit code 3 and a
// message naming the source and the URL, and the previous pack stays exactly
// as it was with nothing left beside it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "cli/app.h"
#include "mapping/pack_fixture.h"
#include "support/http_test_server.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace annexa;
using annexa::testing::CannedResponse;
using annexa::testing::HttpTestServer;

namespace {

const std::string kCsv = "PERSON_ID,CONTACT_DATE,SOURCE\nC1,2026-10-01,2A\nC2,2026-11-01,6\n";

struct Council {
  std::string dir = testing::MakeTempDir();
  std::string parent = dir + "/packs";
  std::string out = parent + "/pack";
  std::vector<long> sleeps;  // backoff waits asked for (none really taken)
  std::string err;

  // A config whose List 1 comes from `url`; `extra` adds source keys.
  std::string Config(const std::string& name, const std::string& url, const std::string& extra) {
    return testing::WriteTextFile(
        dir, name,
        testing::ConfigHead() + "sources:\n  contacts:\n    url: " + url + "\n    format: csv\n" + extra +
            "lists:\n  1:\n    from: contacts\n    window: {start: date_of_contact}\n    columns:\n"
            "      child_id: PERSON_ID\n      date_of_contact: CONTACT_DATE\n      contact_source: SOURCE\n");
  }

  int Generate(const std::string& config, const std::string& generated_at) {
    std::ostringstream o, e;
    cli::AppContext ctx{o, e, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs"), [] { return std::string("2030-01-01T00:00:00"); },
                        nullptr, nullptr};
    ctx.fetch = [this](const sources::HttpRequest& r) {
      return sources::HttpFetch(r, [this](long ms) { sleeps.push_back(ms); });
    };
    // --no-history: the folder beside --out holds the pack only (the run
    // history's own faults are tests/history/'s).
    const int rc = cli::RunApp(
        {"generate", "--quiet", "--no-history", "--config", config, "--out", out, "--generated-at", generated_at}, ctx);
    err = e.str();
    return rc;
  }

  // Pack A from a good response; returns what the folder holds.
  std::map<std::string, std::string> PackA(const std::string& config) {
    const int rc = Generate(config, "2026-11-23T09:00:00");
    INFO(err);
    REQUIRE((rc == 0 || rc == 1));
    auto snap = testing::DirSnapshot(out);
    REQUIRE(snap.count("annex_a_998_2026-11-23.xlsx") == 1);
    REQUIRE(snap.count("annex_a_998_2026-11-23_run.json") == 1);
    sleeps.clear();
    return snap;
  }
};

}  // namespace

TEST_CASE("http faults: each stops generate with exit 3, names the source, keeps the previous pack", "[http][atomic]") {
  HttpTestServer server;
  Council c;
  const std::string url = server.Url("/contacts.csv");
  const std::string quick = "    retries: 1\n    timeout_seconds: 1\n";
  server.Script("/good.csv", CannedResponse::Ok(kCsv));
  const auto pack_a = c.PackA(c.Config("good.yaml", server.Url("/good.csv"), quick));
  std::string config = c.Config("fault.yaml", url, quick);
  std::string want;
  size_t requests = 0;  // to the fault, after pack A's one

  SECTION("connection refused") {
    const std::string dead = "http://127.0.0.1:" + std::to_string(testing::UnusedLocalPort()) + "/contacts.csv";
    config = c.Config("refused.yaml", dead, quick);
    want = "source 'contacts': " + dead + ": connection refused (2 attempts)";
  }
  SECTION("a stalled server times out") {
    server.Script("/contacts.csv", CannedResponse::Stall(10'000));
    config = c.Config("stall.yaml", url, "    retries: 0\n    timeout_seconds: 1\n");
    want = "source 'contacts': " + url + ": timed out after 1000 ms (1 attempt)";
    requests = 1;
  }
  SECTION("a reset in the middle of the body") {
    server.Script("/contacts.csv", CannedResponse::Reset(2000, 100));
    want = "source 'contacts': " + url + ": connection reset by the server after 100 of 2000 bytes of the body "
           "(2 attempts)";
    requests = 2;
  }
  SECTION("a 5xx storm: exactly the retry budget, Retry-After honoured") {
    CannedResponse busy = CannedResponse::Status(503, "busy\n");
    busy.headers.emplace_back("Retry-After", "1");
    server.Script("/contacts.csv", busy);
    config = c.Config("storm.yaml", url, "    retries: 3\n    timeout_seconds: 1\n");
    want = "source 'contacts': " + url + ": HTTP 503 Service Unavailable after 4 attempts";
    requests = 4;
  }
  SECTION("an HTML login page where CSV was expected") {
    server.Script("/contacts.csv", CannedResponse::Ok("<!DOCTYPE html>\n<html><body><form>Sign in</form></body></html>\n",
                                                      "text/html; charset=utf-8"));
    want = "source 'contacts': " + url + ": the server sent an HTML page (Content-Type text/html), not CSV: a login or "
           "error page? Check the URL and the credentials";
    requests = 1;
  }
  const int rc = c.Generate(config, "2026-11-23T10:00:00");
  CHECK(rc == 3);
  CHECK(c.err == "annexa: " + want + "\n");
  CHECK(server.Requests().size() == 1 + requests);
  if (requests == 4) CHECK(c.sleeps == std::vector<long>{1000, 1000, 2000});  // max(backoff, Retry-After)
  CHECK(testing::DirSnapshot(c.out) == pack_a);
  CHECK(testing::DirEntries(c.parent) == std::set<std::string>{"pack"});
}

TEST_CASE("http faults: a self-signed certificate is refused unless the source's ca_file trusts it", "[http][atomic]") {
  testing::TlsTestServer server;
  if (!server.ok()) {
    WARN("TLS test skipped: " << server.error());
    return;
  }
  server.AddFile("contacts.csv", kCsv);
  Council c;
  const std::string url = server.Url("/contacts.csv");
  const std::string opts = "    retries: 0\n    timeout_seconds: 5\n";
  const auto pack_a = c.PackA(c.Config("trusted.yaml", url, opts + "    ca_file: " + server.cert_file() + "\n"));
  const int rc = c.Generate(c.Config("untrusted.yaml", url, opts), "2026-11-23T10:00:00");
  CHECK(rc == 3);
  CHECK_THAT(c.err, Catch::StartsWith("annexa: source 'contacts': " + url + ": TLS error: "));
  CHECK(testing::DirSnapshot(c.out) == pack_a);
  CHECK(testing::DirEntries(c.parent) == std::set<std::string>{"pack"});
}
