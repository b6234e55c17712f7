#include "validate/completeness.h"

#include <charconv>
#include <string_view>

#include "core/text.h"

namespace annexa::validate {
namespace {

double Percent(int64_t filled, int64_t total) {
  if (total <= 0) return 100.0;
  return 100.0 * static_cast<double>(filled) / static_cast<double>(total);
}

std::string_view BasisName(spec::BlankBasis b) {
  switch (b) {
    case spec::BlankBasis::kOfsted: return "ofsted";
    case spec::BlankBasis::kImplementation: return "implementation";
  }
  return "?";
}

// One decimal, rounded, with '.' whatever the locale (to_chars never reads it).
std::string OneDecimal(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}


}  // namespace

double ColumnCompleteness::PercentFilled() const { return Percent(filled, filled + blank_cells); }

double ListCompleteness::PercentFilled() const {
  int64_t filled = 0, total = 0;
  for (const ColumnCompleteness& c : columns) {
    filled += c.filled;
    total += c.filled + c.blank_cells;
  }
  return Percent(filled, total);
}

int64_t ListCompleteness::BlankNotAllowed() const {
  int64_t n = 0;
  for (const ColumnCompleteness& c : columns)
    if (c.blank == spec::BlankRule::kNever) n += c.blank_cells;
  return n;
}

std::vector<ListCompleteness> MeasureCompleteness(const std::vector<AnnexList>& lists) {
  std::vector<ListCompleteness> out;
  for (const AnnexList& list : lists) {
    if (!list.spec) continue;  // nothing to measure against
    ListCompleteness lc;
    lc.list = list.spec->number;
    lc.title = list.spec->title;
    lc.rows = static_cast<int64_t>(list.rows.size());
    const std::vector<spec::ColumnSpec>& cols = list.spec->columns;
    for (size_t c = 0; c < cols.size(); ++c) {
      ColumnCompleteness cc;
      cc.key = cols[c].key;
      cc.header = cols[c].header;
      cc.letter = ColumnLetters(static_cast<int>(c) + 1);
      cc.blank = cols[c].blank;
      cc.basis = cols[c].blank_basis;
      for (const AnnexRow& row : list.rows) {
        if (c < row.cells.size() && !row.cells[c].blank()) ++cc.filled;
        else ++cc.blank_cells;
      }
      lc.columns.push_back(std::move(cc));
    }
    out.push_back(std::move(lc));
  }
  return out;
}

std::string CompletenessCsv(const std::vector<ListCompleteness>& lists) {
  std::string out =
      "list,title,column,excel_column,header,blank_rule,basis,rows,filled,blank,percent_filled\r\n";
  for (const ListCompleteness& l : lists) {
    for (const ColumnCompleteness& c : l.columns) {
      AppendCsvField(&out, std::to_string(l.list));
      AppendCsvField(&out, l.title);
      AppendCsvField(&out, c.key);
      AppendCsvField(&out, c.letter);
      AppendCsvField(&out, c.header);
      AppendCsvField(&out, spec::ToString(c.blank));
      AppendCsvField(&out, BasisName(c.basis));
      AppendCsvField(&out, std::to_string(l.rows));
      AppendCsvField(&out, std::to_string(c.filled));
      AppendCsvField(&out, std::to_string(c.blank_cells));
      AppendCsvField(&out, OneDecimal(c.PercentFilled()), true);
    }
  }
  return out;
}

}  // namespace annexa::validate
