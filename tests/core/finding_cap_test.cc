// Findings beyond a cap per rule are counted, not stored (issue 17): the
// stored ones are the first `cap` of each code, and every count stays exact.
#include "core/finding.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace annexa {
namespace {

Finding Make(const std::string& code, Severity severity, int list, int64_t row) {
  Finding f;
  f.code = code;
  f.severity = severity;
  f.list = list;
  f.list_row = row;
  return f;
}

std::vector<int64_t> Rows(const Findings& findings) {
  std::vector<int64_t> rows;
  for (const Finding& f : findings) rows.push_back(f.list_row);
  return rows;
}

TEST_CASE("Findings: beyond the cap of a code, findings are counted by code, severity and list", "[core][findings]") {
  Findings findings(2);
  // Five 'a' errors (rows 1-5: three in List 1, two in List 3), one 'b'
  // warning (row 6). Cap 2: 'a' rows 1 and 2 stored; rows 3 (List 1), 4
  // and 5 (List 3) counted; 'b' stored.
  findings.push_back(Make("a", Severity::kError, 1, 1));
  findings.push_back(Make("a", Severity::kError, 1, 2));
  findings.push_back(Make("b", Severity::kWarning, 1, 6));
  findings.push_back(Make("a", Severity::kError, 1, 3));
  findings.push_back(Make("a", Severity::kError, 3, 4));
  findings.push_back(Make("a", Severity::kError, 3, 5));
  CHECK(findings.size() == 3);
  CHECK(Rows(findings) == std::vector<int64_t>{1, 2, 6});
  CHECK(findings.not_stored() == 3);
  CHECK(findings.total() == 6);
  const Findings::Overflow expected = {{{"a", Severity::kError, 1}, 1}, {{"a", Severity::kError, 3}, 2}};
  CHECK(findings.overflow() == expected);
  CHECK_FALSE(findings.empty());
}

TEST_CASE("Findings: Append keeps the destination's cap and adds the other's counts", "[core][findings]") {
  Findings into(2), other;  // other: the default cap
  into.push_back(Make("a", Severity::kWarning, 2, 1));
  for (int64_t row = 2; row <= 4; ++row) other.push_back(Make("a", Severity::kWarning, 2, row));
  other.Count({"c", Severity::kError, 0}, 10);
  into.Append(std::move(other));
  // 'a': row 1 already stored, row 2 stored, rows 3 and 4 counted; 'c': 10 counted.
  CHECK(Rows(into) == std::vector<int64_t>{1, 2});
  CHECK(into.total() == 14);
  const Findings::Overflow expected = {{{"a", Severity::kWarning, 2}, 2}, {{"c", Severity::kError, 0}, 10}};
  CHECK(into.overflow() == expected);
}

TEST_CASE("Findings: DropBelow drops stored and counted findings alike; SetCap re-caps", "[core][findings]") {
  Findings findings(1);
  findings.push_back(Make("w", Severity::kWarning, 1, 1));
  findings.push_back(Make("w", Severity::kWarning, 1, 2));  // counted
  findings.push_back(Make("e", Severity::kError, 1, 3));
  findings.push_back(Make("e", Severity::kError, 1, 4));  // counted
  findings.DropBelow(Severity::kError);
  CHECK(Rows(findings) == std::vector<int64_t>{3});
  CHECK(findings.total() == 2);

  Findings wide;  // default cap: all four stored
  for (int64_t row = 1; row <= 4; ++row) wide.push_back(Make("x", Severity::kInfo, 0, row));
  CHECK(wide.size() == 4);
  wide.SetCap(3);
  CHECK(Rows(wide) == std::vector<int64_t>{1, 2, 3});
  CHECK(wide.total() == 4);
  // Once stored ones are removed (resize), the code has room again.
  wide.resize(1);
  wide.push_back(Make("x", Severity::kInfo, 0, 5));
  CHECK(Rows(wide) == std::vector<int64_t>{1, 5});
}

TEST_CASE("Findings: the line for findings counted, not stored", "[core][findings]") {
  CHECK(NotStoredMessage({"duplicate-row", Severity::kWarning, 1}, 1234567, 100000) ==
        "a further 1,234,567 duplicate-row warnings counted, not stored: at most 100,000 findings of one rule are "
        "kept");
  CHECK(NotStoredMessage({"bad-date", Severity::kError, 0}, 1, 3) ==
        "a further 1 bad-date error counted, not stored: at most 3 findings of one rule are kept");
  CHECK(Findings::kDefaultCap == 100000);
}

}  // namespace
}  // namespace annexa
