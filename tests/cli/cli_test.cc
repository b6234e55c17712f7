#include <catch2/catch.hpp>

#include <sstream>

#include "cli/app.h"
#include "test_support.h"

using namespace annexa::cli;

namespace {
struct Run {
  int rc;
  std::string out, err;
};

Run App(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  AppContext ctx{out, err, annexa::Resources::BesideSpecs(annexa::testing::SourceDir() + "/annex_a_specs")};
  const int rc = RunApp(args, ctx);
  return {rc, out.str(), err.str()};
}

bool Contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }
}  // namespace

TEST_CASE("cli: --version and --help", "[cli]") {
  Run v = App({"--version"});
  CHECK(v.rc == 0);
  CHECK(v.out == std::string("annexa ") + ANNEXA_VERSION + "\n");
  Run h = App({"--help"});
  CHECK(h.rc == 0);
  CHECK(Contains(h.out, "  specs show        show every column of one list"));
}

TEST_CASE("cli: unknown command, missing subcommand and bad options exit 2 with a clear message", "[cli]") {
  Run a = App({"generat"});
  CHECK(a.rc == 2);
  CHECK(a.err == "annexa: unknown command 'generat' (see: annexa --help)\n");
  Run b = App({"specs"});
  CHECK(b.rc == 2);
  CHECK(b.err == "annexa: 'specs' needs a subcommand: specs versions, specs list, specs show, specs check, specs read\n");
  Run c = App({"specs", "list", "--speck", "x"});
  CHECK(c.rc == 2);
  CHECK(c.err == "annexa: unknown option '--speck' for 'specs list' (see: annexa specs list --help)\n");
  Run d = App({"specs", "list", "--spec"});
  CHECK(d.rc == 2);
  CHECK(d.err == "annexa: option '--spec' needs a value (VERSION)\n");
  Run e = App({});
  CHECK(e.rc == 2);
  Run f = App({"specs", "list", "extra"});
  CHECK(f.rc == 2);
  CHECK(f.err == "annexa: unexpected argument 'extra'\n");
}

TEST_CASE("cli: specs list prints every list with columns, grain and window", "[cli]") {
  Run r = App({"specs", "list"});
  CHECK(r.rc == 0);
  CHECK(Contains(r.out, "ilacs-2023: Ofsted Annex A child-level data, 2023 layout (11 lists, 169 columns)\n"));
  CHECK(Contains(r.out, "   9  List 9: Care leavers"));
  CHECK(Contains(r.out, "     17  per child    now\n"));
  CHECK(Contains(r.out, "     34  per child    now + 6 months\n"));
  Run old = App({"specs", "list", "--spec", "ilacs-2019"});
  CHECK(Contains(old.out, "(11 lists, 165 columns)"));
  CHECK(Contains(old.out, "     13  per child    now\n"));
  Run bad = App({"specs", "list", "--spec=ilacs-1999"});
  CHECK(bad.rc == 2);
  CHECK(Contains(bad.err, "annexa: no spec version 'ilacs-1999'"));
}

TEST_CASE("cli: specs show 8 prints every column with type, blank rule and codes", "[cli]") {
  Run r = App({"specs", "show", "8"});
  CHECK(r.rc == 0);
  CHECK(Contains(r.out, "List 8: Children in care  [sheet List_8, ilacs-2023, 34 columns]\n"));
  CHECK(Contains(r.out, "\n20. [T] \"Date Ceased to be Looked After \"\n"
                        "   key: date_ceased_looked_after; type: date; blank only when the child is still looked after\n"));
  CHECK(Contains(r.out, "\n19. [S] \"Number of Placements in the Last 12 months\"\n"
                        "   key: placements_last_12_months; type: integer 1..; never blank\n"));
  CHECK(Contains(r.out, "   allowed values:\n     C1: ICO\n     C2: FCO\n"));
  CHECK(Contains(r.out, "   special values:\n     NIR - Child placed in Northern Ireland\n"));
  CHECK(Contains(r.out, "must be filled when 'date_ceased_looked_after' is filled"));
  Run nope = App({"specs", "show", "12"});
  CHECK(nope.rc == 2);
  CHECK(nope.err == "annexa: no list '12' in ilacs-2023 (lists 1-11, or audit)\n");
  // The audited-case list's internal number is not a way to name it.
  CHECK(App({"specs", "show", "100"}).rc == 2);
  Run audit = App({"specs", "show", "audit"});
  CHECK(audit.rc == 0);
  CHECK(audit.out.rfind("Audited cases  [sheet Audited_cases, ilacs-2023, 7 columns]\n", 0) == 0);
  CHECK(Contains(audit.out, "\n7. [G] \"Moderated (Y/N)\"\n"));
  Run none = App({"specs", "show"});
  CHECK(none.rc == 2);
}

TEST_CASE("cli: specs check and versions", "[cli]") {
  Run c = App({"specs", "check", "--spec", "ilacs-2019"});
  CHECK(c.rc == 0);
  CHECK(c.out == "ilacs-2019: OK, 11 lists, 165 columns, 26 code sets\n");
  Run v = App({"specs", "versions"});
  CHECK(v.out ==
        "ilacs-2019    11 lists, 165 columns  Ofsted Annex A child-level data, August 2019 template\n"
        "ilacs-2023    11 lists, 169 columns  Ofsted Annex A child-level data, 2023 layout  (default)\n");
}

TEST_CASE("cli: indicators lists the table; --markdown is docs/indicators.md", "[cli]") {
  const Run r = App({"indicators"});
  CHECK(r.rc == 0);
  // KI-04's default targets (docs/indicators.md, "Assessments within 45 working days": 80% minimum, 90% upper).
  CHECK_THAT(r.out, Catch::Contains("KI-04  assessments-in-45-days"));
  CHECK_THAT(r.out, Catch::Contains("min 80, upper 90 (higher is better)"));
  CHECK_THAT(r.out, Catch::Contains("KI-01  contact-conversion"));
  const Run md = App({"indicators", "--markdown"});
  CHECK(md.rc == 0);
  CHECK(md.out == annexa::testing::ReadBytes(annexa::testing::SourceDir() + "/docs/indicators.md"));
  CHECK(App({"indicators", "extra"}).rc == 2);
}

TEST_CASE("cli: specs read says how each local value is read", "[cli]") {
  Run r = App({"specs", "read", "SOURCE", "Police", "Stockport Hospital - Stepping Hill", "7 - Police"});
  CHECK(r.rc == 1);  // one value not read
  CHECK(r.out ==
        "Police\tq) 6: Police\texact\n"
        "Stockport Hospital - Stepping Hill\tl) 3F: Health services\tspelling (reported)\n"
        "7 - Police\t(not read)\tmap it in the config's code_maps\n");
  Run ok = App({"specs", "read", "GENDER_ADOPTER", "F"});
  CHECK(ok.rc == 0);
  CHECK(ok.out == "F\tb) Female\tspelling (reported)\n");
  Run bad = App({"specs", "read", "SORCE", "x"});
  CHECK(bad.rc == 2);
  CHECK(Contains(bad.err, "annexa: no code set 'SORCE'; the code sets are: "));
  CHECK(Contains(bad.err, "SOURCE"));
  // A column's own spellings: "NFA" answers "Referral NFA?" only.
  Run nfa = App({"specs", "read", "YN", "NFA", "--column", "referral_nfa"});
  CHECK(nfa.rc == 0);
  CHECK(nfa.out == "NFA\ta) Yes\tspelling (reported)\n");
  Run other = App({"specs", "read", "YN", "NFA", "--column", "requiring_support"});
  CHECK(other.rc == 1);
  CHECK(other.out == "NFA\t(not read)\tmap it in the config's code_maps\n");
  Run wrong = App({"specs", "read", "YN", "NFA", "--column", "ethnicity"});
  CHECK(wrong.rc == 2);
  CHECK(wrong.err ==
        "annexa: no column 'ethnicity' with code set YN in ilacs-2023 (column keys: `annexa specs show LIST`)\n");
}
