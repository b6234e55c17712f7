// A pseudonymised pack's key indicators are the plain pack's (issue 20):
// the indicators that read a council's extra source match its rows to the
// lists' children by id, so they must be computed before the lists' ids
// are replaced by pseudonyms (src/pack/run_pack.cc). Exampleshire's 1.1
// reads its management oversight source: 337 of 385 (87.5%), worked out
// from the CSVs by tests/indicators/exampleshire_seed_measures.py.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <sstream>
#include <string>

#include "cli/app.h"
#include "test_support.h"

using namespace annexa;

namespace {

std::string Generate(const std::vector<std::string>& extra) {
  const std::string out = testing::MakeTempDir() + "/pack";
  std::ostringstream o, e;
  cli::AppContext ctx{o, e, annexa::Resources::Under(testing::SourceDir())};
  std::vector<std::string> args = {"generate", "--config", testing::SourceDir() + "/config/exampleshire.yaml",
                                   "--out", out, "--generated-at", "2026-11-23T09:30:00", "--no-history", "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  const int rc = cli::RunApp(args, ctx);
  INFO(e.str());
  REQUIRE((rc == 0 || rc == 1));
  return testing::ReadBytes(out + "/annex_a_999_2026-11-23_indicators.csv");
}

}  // namespace

TEST_CASE("protect: a pseudonymised pack's key indicators are the plain pack's", "[protect][indicators]") {
  const std::string salt = testing::WriteTextFile(testing::MakeTempDir(), "salt", "0123456789abcdef0123456789abcdef\n");
  ::chmod(salt.c_str(), 0600);
  const std::string plain = Generate({});
  const std::string pseudonymised = Generate({"--pseudonymise", "--salt-file", salt});
  CHECK(plain.find("\n1.1,management-oversight-8-weeks,") != std::string::npos);
  CHECK(plain.find(",337,385,87.5,") != std::string::npos);
  CHECK(pseudonymised == plain);
}
