// The catalogue of finding kinds: one row per kind, codes unique, findings
// made from it, and the validation rules registered one per validation kind.
#include <catch2/catch.hpp>

#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "core/file_util.h"
#include "core/finding_kinds.h"
#include "test_support.h"
#include "validate/rules.h"

using namespace annexa;

TEST_CASE("finding kinds: no two kinds share a code", "[findings]") {
  std::map<std::string, int> kinds_with;
  for (const FindingKindInfo& k : FindingKinds()) ++kinds_with[std::string(k.code)];
  for (const auto& [code, n] : kinds_with) {
    INFO(code);
    CHECK(n == 1);
  }
  CHECK(kinds_with.size() == kFindingKindCount);
}

TEST_CASE("finding kinds: kFindingKindCount counts every enumerator of FindingKind", "[findings]") {
  // The catalogue's static_asserts hold its rows to kFindingKindCount; an
  // enumerator added last with neither a row nor a new count would pass
  // them, so the header's enumerators are counted here.
  auto header = ReadFile(testing::SourceDir() + "/src/core/finding_kinds.h");
  REQUIRE(header.ok());
  const size_t begin = header->find("enum class FindingKind");
  REQUIRE(begin != std::string::npos);
  const std::string body = header->substr(begin, header->find("};", begin) - begin);
  const std::regex enumerator(R"(\n\s*k\w+\s*(,|\n))");
  const auto n = std::distance(std::sregex_iterator(body.begin(), body.end(), enumerator), std::sregex_iterator());
  CHECK(static_cast<size_t>(n) == kFindingKindCount);
}

TEST_CASE("finding kinds: each kind has its row, a kebab-case code and a one-line meaning", "[findings]") {
  REQUIRE(FindingKinds().size() == kFindingKindCount);
  const std::regex kebab("[a-z][a-z0-9]*(-[a-z0-9]+)+");
  for (size_t i = 0; i < kFindingKindCount; ++i) {
    const FindingKind kind = static_cast<FindingKind>(i);
    const FindingKindInfo& k = Describe(kind);
    INFO(k.code);
    CHECK(k.kind == kind);
    CHECK(&FindingKinds()[i] == &k);
    CHECK(std::regex_match(std::string(k.code), kebab));
    CHECK(FindFindingKind(k.code) == &k);
    CHECK_FALSE(k.lists.empty());
    CHECK_FALSE(k.use.meaning.empty());
    CHECK(k.use.meaning.find('\n') == std::string_view::npos);
    CHECK(k.also.meaning.find('\n') == std::string_view::npos);
    if (!k.also.meaning.empty()) CHECK(k.also.stage != k.use.stage);
  }
  CHECK(FindFindingKind("no-such-code") == nullptr);
}

TEST_CASE("finding kinds: the named kinds are the codes and severities users know", "[findings]") {
  // Written out from the findings files users filter on, not from the
  // catalogue: a kind's code or severity changing is a change they see.
  struct Expected {
    FindingKind kind;
    const char* code;
    Severity severity;
    FindingScope scope;
  };
  const Expected expected[] = {
      {kinds::kNotACode, "not-a-code", Severity::kError, FindingScope::kCell},
      {kinds::kCodeSpelling, "code-spelling", Severity::kWarning, FindingScope::kCell},
      {kinds::kMissingWindowDate, "missing-window-date", Severity::kError, FindingScope::kRow},
      {kinds::kJoinFailed, "join-failed", Severity::kWarning, FindingScope::kRow},
      {kinds::kDuplicateRow, "duplicate-row", Severity::kWarning, FindingScope::kList},
      {kinds::kMissingList, "missing-list", Severity::kError, FindingScope::kList},
      {kinds::kCaseStatusAssumed, "case-status-assumed", Severity::kWarning, FindingScope::kCrossList},
      {kinds::kCpNotInList6, "cp-not-in-list6", Severity::kError, FindingScope::kCrossList},
      {kinds::kAuditTeamNotCovered, "audit-team-not-covered", Severity::kInfo, FindingScope::kCoverage},
  };
  for (const Expected& e : expected) {
    INFO(e.code);
    const FindingKindInfo& k = Describe(e.kind);
    CHECK(k.code == e.code);
    CHECK(k.severity == e.severity);
    CHECK(k.scope == e.scope);
  }
}

TEST_CASE("finding kinds: bad-date and bad-integer are found while mapping and while reading", "[findings]") {
  for (FindingKind kind : {kinds::kBadDate, kinds::kBadInteger}) {
    const FindingKindInfo& k = Describe(kind);
    INFO(k.code);
    CHECK(k.use.stage == FindingStage::kMapping);
    CHECK(k.also.stage == FindingStage::kReading);
    CHECK(k.use.meaning != k.also.meaning);
  }
}

TEST_CASE("finding kinds: MakeFinding takes the code and severity from the catalogue", "[findings]") {
  const Finding f = MakeFinding(kinds::kAuditTeamNotCovered, "team 'A' has 1 open case and no audited cases");
  CHECK(f.code == "audit-team-not-covered");
  CHECK(f.severity == Severity::kInfo);
  CHECK(f.message == "team 'A' has 1 open case and no audited cases");
  CHECK(f.list == 0);
  CHECK(f.source.empty());
}

TEST_CASE("finding kinds: one registered rule per validation kind", "[findings][validate]") {
  std::multiset<FindingKind> registered;
  for (const auto& rule : validate::AllRules()) registered.insert(rule->kind());
  for (const FindingKindInfo& k : FindingKinds()) {
    INFO(k.code);
    const bool validation = k.use.stage == FindingStage::kValidation;
    CHECK(registered.count(k.kind) == (validation ? 1u : 0u));
  }
  CHECK(registered.size() == validate::AllRules().size());
}
