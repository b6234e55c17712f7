// The ready profiles on the shared public samples: exact row counts (checked
// independently against the raw files) and spot-checked values.
#include <catch2/catch.hpp>

#include <filesystem>

#include "mapping/pack_fixture.h"

using annexa::testing::PackFixture;
using annexa::testing::SampleFile;
using annexa::testing::SourceDir;

namespace {

annexa::mapping::MappedPack BuildProfile(const std::string& profile, const std::string& data_dir,
                                         const std::string& reference_date) {
  annexa::mapping::PackOptions o;
  o.config_path = SourceDir() + "/config/profiles/" + profile;
  o.specs_root = SourceDir() + "/annex_a_specs";
  o.data_dir = data_dir;
  o.reference_date = annexa::CivilDate::Parse(reference_date);
  auto r = annexa::mapping::BuildPack(o);
  INFO(r.status().message());
  REQUIRE(r.ok());
  return std::move(r).value();
}

int RowOf(const annexa::mapping::MappedPack& p, int list, const std::string& child) {
  const auto& l = PackFixture::List(p, list);
  for (size_t i = 0; i < l.rows.size(); ++i)
    if (l.rows[i].cells[0].ToText() == child) return static_cast<int>(i) + 1;
  FAIL("no row for " << child);
  return 0;
}

}  // namespace

TEST_CASE("profiles: CIN census return to Lists 3 and 6 on the 332-child sample", "[mapping][profiles]") {
  const std::string dir = annexa::testing::MakeTempDir();
  std::filesystem::copy_file(annexa::testing::SampleFile("cin_census/fake_cin_332_children.xml"),
                             dir + "/cin_census.xml");
  auto p = BuildProfile("cin_census.yaml", dir, "2022-03-31");
  const auto& l3 = PackFixture::List(p, 3);
  const auto& l6 = PackFixture::List(p, 6);
  CHECK(l3.rows.size() == 29);
  CHECK(l3.account.read == 402);
  CHECK(l3.account.Balanced());
  CHECK(l6.rows.size() == 155);
  CHECK(l6.account.excluded == std::map<std::string, int64_t>{{"ended before the 6-month window", 199},
                                                               {"starts after the reference date", 46},
                                                               {"superseded by a later record of the same child", 2}});
  CHECK(PackFixture::List(p, 4).rows.empty());  // the sample holds no assessments, S47s or plans
  CHECK(PackFixture::List(p, 7).rows.empty());
  const int r3 = RowOf(p, 3, "RND000750143123");
  CHECK(PackFixture::Cell(p, 3, r3, "gender") == "a) Male");
  CHECK(PackFixture::Cell(p, 3, r3, "ethnicity") == "m) AOTH");
  CHECK(PackFixture::Cell(p, 3, r3, "date_of_birth") == "06/06/2017");
  CHECK(PackFixture::Cell(p, 3, r3, "age") == "4");
  CHECK(PackFixture::Cell(p, 3, r3, "date_of_referral") == "07/02/2022");
  CHECK(PackFixture::Cell(p, 3, r3, "referral_source") == "t) 9: Anonymous");
  CHECK(PackFixture::Cell(p, 3, r3, "referral_nfa") == "a) Yes");
  CHECK(PackFixture::Cell(p, 3, r3, "referrals_last_12_months") == "0");
  const int r6 = RowOf(p, 6, "RND000750143123");
  CHECK(PackFixture::Cell(p, 6, r6, "cin_start_date") == "07/02/2022");
  CHECK(PackFixture::Cell(p, 6, r6, "primary_need") == "N9 - Cases other than children in need");
  CHECK(PackFixture::Cell(p, 6, r6, "cin_closure_date") == "");
  CHECK(PackFixture::Cell(p, 6, r6, "case_status") == "c) Child in need plan");
}

TEST_CASE("profiles: SSDA903 tables to Lists 8 and 10 on the public sample", "[mapping][profiles]") {
  auto p = BuildProfile("ssda903.yaml", annexa::testing::SampleFile("ssda903"), "2018-03-31");
  const auto& l8 = PackFixture::List(p, 8);
  CHECK(l8.account.read == 5050);
  CHECK(l8.rows.size() == 1520);
  CHECK(l8.account.excluded == std::map<std::string, int64_t>{{"ended before the 6-month window", 1652},
                                                               {"short breaks (legal status V1, V3 or V4)", 803},
                                                               {"superseded by a later record of the same child", 1075}});
  CHECK(PackFixture::List(p, 10).rows.size() == 29);
  const int r = RowOf(p, 8, "566910");
  CHECK(PackFixture::Cell(p, 8, r, "gender") == "b) Female");
  CHECK(PackFixture::Cell(p, 8, r, "ethnicity") == "e) WROM");
  CHECK(PackFixture::Cell(p, 8, r, "age") == "10");
  CHECK(PackFixture::Cell(p, 8, r, "category_of_need") == "N3 - Parental illness or disability");
  CHECK(PackFixture::Cell(p, 8, r, "legal_status") == "C2: FCO");
  CHECK(PackFixture::Cell(p, 8, r, "legal_status_start_date") == "14/08/2017");
  CHECK(PackFixture::Cell(p, 8, r, "latest_review_date") == "30/08/2017");
  CHECK(PackFixture::Cell(p, 8, r, "placements_last_12_months") == "1");
  CHECK(PackFixture::Cell(p, 8, r, "placement_type") == "g) A3: Placed for adoption - consent - current foster");
  CHECK(PackFixture::Cell(p, 8, r, "placement_provider") == "d) PR3: Other public provision");
  CHECK(PackFixture::Cell(p, 8, r, "placement_postcode") == "WV27 9FW");
  CHECK(PackFixture::Cell(p, 8, r, "uasc") == "b) No");
  CHECK(PackFixture::Cell(p, 8, r, "missing_episodes_12_months") == "0");
  // The sample's reason for leaving adoption, "XXX", is kept and reported.
  int unmapped = 0;
  for (const auto& f : p.findings) unmapped += f.code == "unmapped-code" && f.list == 10 && f.value == "XXX";
  CHECK(unmapped == 29);
}
