#include "validate/sheet_match.h"

#include <algorithm>

#include "core/text.h"

namespace annexa::validate {

namespace {

using spec::ColumnSpec;

// As ColumnSpec::Matches(header) || the loose form of its header or an alias is `loose`.
bool HeaderMatches(const HeaderForms::Column& c, const std::string& match, const std::string& loose) {
  return std::find(c.match.begin(), c.match.end(), match) != c.match.end() ||
         std::find(c.loose.begin(), c.loose.end(), loose) != c.loose.end();
}

// Whether a header row matching a list as `m` does is that list's sheet.
// Most of the list's columns must be found (three at least). A sheet whose
// identifier column (Child Unique ID, adopter identifier) was found is
// taken at 60%: code tables and guidance sheets share many header words
// but never that. Without it, whichever column is first, it is taken when
// three quarters of the list's columns and most of the row's own headers
// match: a List 7 whose first header is spelled beyond recognition is still
// List 7 (its identifier reported missing), a code table is not.
bool IsListSheet(const SheetMatch& m, const std::vector<std::string>& headers) {
  if (m.matched < 3 || m.fraction < 0.6) return false;
  if (m.sheet_col[0] != 0) return true;
  const auto filled = std::count_if(headers.begin(), headers.end(), [](const std::string& h) { return !h.empty(); });
  return m.fraction >= 0.75 && 2 * m.matched > filled;
}

}  // namespace

SheetHead HeadOf(const sources::Sheet& s) {
  SheetHead head(s.name());
  const int rows = std::min(s.max_row(), kHeaderSearchRows);
  for (int r = 1; r <= rows; ++r) head.AddRow(r, s.max_col(), [&](int c) { return s.At(r, c); });
  return head;
}

HeaderForms::HeaderForms(const spec::SpecVersion& v) {
  for (const spec::ListSpec& l : v.lists) {
    std::vector<Column>& cols = lists.emplace_back();
    for (const ColumnSpec& c : l.columns) {
      Column& f = cols.emplace_back();
      f.match.push_back(c.match_form);
      f.loose.push_back(LooseForm(c.header));
      for (const std::string& a : c.aliases) {
        f.match.push_back(MatchForm(a));
        f.loose.push_back(LooseForm(a));
      }
    }
  }
}

// The list and header row this sheet matches best, if any.
SheetMatch MatchSheet(const SheetHead& s, const spec::SpecVersion& v, const HeaderForms& forms) {
  SheetMatch best;
  const int rows = std::min(s.max_row(), kHeaderSearchRows);
  for (int r = 1; r <= rows; ++r) {
    std::vector<std::string> headers, match, loose;
    for (int c = 1; c <= s.max_col(); ++c) {
      headers.emplace_back(Trim(s.At(r, c).ToText()));
      match.push_back(MatchForm(headers.back()));
      loose.push_back(LooseForm(headers.back()));
    }
    for (size_t li = 0; li < v.lists.size(); ++li) {
      const spec::ListSpec& l = v.lists[li];
      SheetMatch m;
      m.list = l.number;
      m.header_row = r;
      m.sheet_col.assign(l.columns.size(), 0);
      std::vector<bool> used(headers.size(), false);
      for (size_t i = 0; i < l.columns.size(); ++i) {
        for (size_t c = 0; c < headers.size(); ++c) {
          if (used[c] || headers[c].empty() || !HeaderMatches(forms.lists[li][i], match[c], loose[c])) continue;
          used[c] = true;
          m.sheet_col[i] = static_cast<int>(c) + 1;
          ++m.matched;
          break;
        }
      }
      m.fraction = static_cast<double>(m.matched) / static_cast<double>(l.columns.size());
      if (!IsListSheet(m, headers)) continue;
      if (m.fraction > best.fraction || (m.fraction == best.fraction && m.matched > best.matched)) best = m;
    }
  }
  return best;
}

}  // namespace annexa::validate
