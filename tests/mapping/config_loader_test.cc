// Config mistakes are reported with the config's file:line:col.
#include <catch2/catch.hpp>

#include "mapping/config_loader.h"
#include "mapping/pack_fixture.h"
#include "spec/spec_loader.h"

using annexa::testing::ConfigHead;
using annexa::testing::PackFixture;

namespace {
const char* kSources = "sources:\n  contacts: contacts.csv\n";  // lines 5-6 after the 4-line head
const char* kContacts = "PERSON_ID,CONTACT_DATE,SOURCE\nC1,2026-10-01,2A\n";
}  // namespace

TEST_CASE("config: unknown keys name the line and the keys expected", "[config]") {
  PackFixture f;
  const std::string err = f.BuildError(ConfigHead() + "sauces: {}\n" + kSources + "lists: {}\n");
  // connections: the database connections of issue 18 (docs/database.md);
  // explanations: the explained gaps of issue 19 (docs/gaps.md);
  // indicator_sources, indicators_file: the key indicators as data of issue 20 (docs/indicators.md).
  CHECK(err == f.dir + "/config.yaml:5:1: unknown key 'sauces' in the config (expected one of: council, la_code, "
                       "spec, reference_date, base_dir, sources, code_maps, lists, child_population, indicator_targets, template, audit, "
                       "connections, explanations, indicator_sources, indicators_file)");
}

// Each kind of source takes its own keys (sources/source_readers.h): a key
// of another kind means the source is not what its writer thought, and is
// refused at its line and column rather than silently ignored.
TEST_CASE("config: a key of another kind of source names the kinds that take it", "[config]") {
  PackFixture f;
  const std::string lists = "lists:\n  1:\n    from: contacts\n    columns:\n      child_id: PERSON_ID\n";
  const std::string file_keys = "file, url, format, optional, columns, contract, ";  // optional, columns: issue 16
  const std::string http_keys = "auth, ca_file, verify_tls, timeout_seconds, connect_timeout_seconds, retries, "
                                "max_megabytes, allow_cross_host_redirect, allow_insecure_http, low_speed_seconds, "
                                "latest_per, history";  // allow_insecure_http, low_speed_seconds: issue 17;
                                                        // history: issue 20
  // Line 6 is the source; 'sheet' starts at column 34.
  std::string err = f.BuildError(ConfigHead() + "sources:\n  contacts: {file: contacts.csv, sheet: People}\n" + lists);
  CHECK(err == f.dir + "/config.yaml:6:34: unknown key 'sheet' in source 'contacts': 'sheet' is a key of format "
                       "xlsx, and this source is csv (expected one of: " + file_keys +
                   "delimiter, encoding, header_row, " + http_keys + ")");
  // 'format' decides over the extension; header_row is taken by two kinds.
  err = f.BuildError(ConfigHead() + "sources:\n  contacts:\n    file: return.csv\n    format: cin_census\n"
                     "    table: children\n    header_row: 2\n" + lists);
  CHECK(err == f.dir + "/config.yaml:10:5: unknown key 'header_row' in source 'contacts': 'header_row' is a key of "
                       "format csv or xlsx, and this source is cin_census (expected one of: " + file_keys + "table, " +
                   http_keys + ")");
  // A key no kind takes lists the keys of this one (the extension picks xlsx, whatever its case).
  err = f.BuildError(ConfigHead() + "sources:\n  contacts: {file: export.XLSX, sheeet: People}\n" + lists);
  CHECK(err == f.dir + "/config.yaml:6:33: unknown key 'sheeet' in source 'contacts' (expected one of: " + file_keys +
                   "header_row, sheet, " + http_keys + ")");
}

TEST_CASE("config: an unknown format lists the formats, and its keys are not held against it", "[config]") {
  PackFixture f;
  const std::string err = f.BuildError(ConfigHead() + "sources:\n  contacts: {file: c.csv, format: parquet, sheet: A}\n"
                                       "lists:\n  1:\n    from: contacts\n    columns:\n      child_id: PERSON_ID\n");
  CHECK(err == f.dir + "/config.yaml:6:35: source 'contacts' has unknown format 'parquet' (expected one of: csv, xlsx, "
                       "cin_census, sql, database)");  // database: issue 18
}

TEST_CASE("config: a column key the spec does not have", "[config]") {
  PackFixture f;
  f.File("contacts.csv", kContacts);
  const std::string err = f.BuildError(ConfigHead() + kSources +
                                       "lists:\n  1:\n    from: contacts\n    columns:\n      child_id: PERSON_ID\n"
                                       "      date_of_contct: CONTACT_DATE\n");
  CHECK(err == f.dir + "/config.yaml:12:23: List 1: 'columns' names unknown column 'date_of_contct' (see: annexa "
                       "specs show 1)");
}

TEST_CASE("config: a code map target that is not a value of the column's code set", "[config]") {
  PackFixture f;
  f.File("contacts.csv", kContacts);
  const std::string err = f.BuildError(ConfigHead() + kSources +
                                       "code_maps:\n  src: {SCH: \"e) 2A: School\"}\n"
                                       "lists:\n  1:\n    from: contacts\n    columns:\n      child_id: PERSON_ID\n"
                                       "      contact_source: {column: SOURCE, map: src}\n");
  CHECK(err == f.dir + "/config.yaml:8:14: code map 'src' maps 'SCH' to 'e) 2A: School', which is not a value of "
                       "SOURCE in ilacs-2023");
}

TEST_CASE("config: a source column that does not exist is named with the source's columns", "[config]") {
  PackFixture f;
  f.File("contacts.csv", kContacts);
  const std::string err = f.BuildError(ConfigHead() + kSources +
                                       "lists:\n  1:\n    from: contacts\n    columns:\n      child_id: PERSON_ID\n"
                                       "      date_of_contact: CONTACT_DT\n");
  CHECK(err == f.dir + "/config.yaml:12:24: List 1 column 'date_of_contact': no column 'CONTACT_DT' in source "
                       "'contacts' (" + f.dir + "/contacts.csv); its columns: PERSON_ID, CONTACT_DATE, SOURCE");
}

TEST_CASE("config: references to unknown sources, maps and derivations", "[config]") {
  PackFixture f;
  const std::string err = f.BuildError(ConfigHead() + kSources +
                                       "lists:\n  1:\n    from: contact\n    columns:\n"
                                       "      child_id: {column: PERSON_ID, map: nope}\n"
                                       "      age: {derive: agee}\n");
  CHECK(err == f.dir + "/config.yaml:12:21: column 'age': unknown derivation 'agee' (expected one of: age, "
                       "count_before_latest, latest, count, exists, case_status, related, postcode_in)\n" +
                   f.dir + "/config.yaml:9:5: List 1: 'from' names unknown source 'contact'\n" +
                   f.dir + "/config.yaml:11:17: column 'child_id': unknown code map 'nope'");
}

TEST_CASE("config: no reference date anywhere", "[config]") {
  PackFixture f;
  f.File("contacts.csv", kContacts);
  const std::string err = f.BuildError("council: T\nla_code: \"1\"\n" + std::string(kSources) +
                                       "lists:\n  1:\n    from: contacts\n    columns:\n      child_id: PERSON_ID\n");
  CHECK(err == f.dir + "/config.yaml: no reference date: set 'reference_date' in the config or pass --reference-date");
}

TEST_CASE("config: a missing source file stops the run naming source and path", "[config]") {
  PackFixture f;
  const std::string err = f.BuildError(ConfigHead() + kSources +
                                       "lists:\n  1:\n    from: contacts\n    columns:\n      child_id: PERSON_ID\n");
  CHECK(err == "source 'contacts': " + f.dir + "/contacts.csv: no such file");
}

// Local files are read on two threads; the error reported is still the
// first in the config's order (sources are kept sorted by name), whichever
// thread met its own first.
TEST_CASE("config: of several broken sources, the first in order is reported", "[config]") {
  for (int round = 0; round < 20; ++round) {
    PackFixture f;
    f.File("b.csv", "PERSON_ID\n\"unclosed\n");
    f.File("d.csv", "PERSON_ID\nC1\n");
    const std::string err = f.BuildError(ConfigHead() +
                                         "sources:\n  a: a.csv\n  b: b.csv\n  c: c.csv\n  d: d.csv\n"
                                         "lists:\n  1:\n    from: d\n    join: [{table: a, on: PERSON_ID}, "
                                         "{table: b, on: PERSON_ID}, {table: c, on: PERSON_ID}]\n"
                                         "    columns:\n      child_id: PERSON_ID\n");
    CHECK(err == "source 'a': " + f.dir + "/a.csv: no such file");
  }
}

TEST_CASE("config: the shipped template, example and profiles load and fit the spec", "[config]") {
  for (const std::string name : {"template.yaml", "exampleshire.yaml", "profiles/cin_census.yaml", "profiles/ssda903.yaml"}) {
    INFO(name);
    auto c = annexa::mapping::LoadCouncilConfig(annexa::testing::SourceDir() + "/config/" + name);
    INFO(c.status().message());
    REQUIRE(c.ok());
    auto spec = annexa::spec::LoadSpecVersion(annexa::testing::SourceDir() + "/annex_a_specs", c->spec_version);
    REQUIRE(spec.ok());
    auto aliases = annexa::spec::LoadValueAliases(annexa::testing::SourceDir() + "/annex_a_specs/value_aliases.yaml");
    REQUIRE(aliases.ok());
    const annexa::Status s = annexa::mapping::CheckConfigAgainstSpec(*c, *spec, *aliases);
    INFO(s.message());
    CHECK(s.ok());
  }
}

TEST_CASE("config: the LA code names the output files and holds no path", "[config]") {
  PackFixture f;
  f.File("contacts.csv", kContacts);
  const std::string lists = "lists:\n  1:\n    from: contacts\n    columns:\n      child_id: PERSON_ID\n";
  CHECK(f.BuildError("council: T\nla_code: \"../x\"\nreference_date: 2026-11-23\n" + std::string(kSources) + lists) ==
        f.dir + "/config.yaml:2:10: 'la_code' names the output files, so it may hold only letters, digits, '-' and "
                "'_', not '../x'");
  CHECK(f.BuildError("council: T\nla_code: \"E 09\"\nreference_date: 2026-11-23\n" + std::string(kSources) + lists) ==
        f.dir + "/config.yaml:2:10: 'la_code' names the output files, so it may hold only letters, digits, '-' and "
                "'_', not 'E 09'");
}
