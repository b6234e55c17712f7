// A source table as read from a council's extract (CSV, XLSX sheet, CIN
// census XML, HTTP report): headers plus rows of text cells, each row
// remembering where it came from. Readers produce Tables; the mapping stage
// consumes them. Cells are text as the source wrote it (trimmed); xlsx date
// cells arrive as ISO "YYYY-MM-DD" text, numbers in shortest form.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace annexa {

struct Table {
  std::string name;     // the config's name for it: "referrals"
  std::string origin;   // file path (or URL, or "file.xlsx#Sheet"): for messages and findings
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;  // rows[i].size() == headers.size()
  // For each row, its position in the source: the 1-based line where a CSV
  // record starts, the xlsx row number, or the XML element's ordinal.
  std::vector<int64_t> source_rows;

  size_t size() const { return rows.size(); }
  // Index of the header equal to `header`, else the first whose MatchForm
  // equals MatchForm(header); -1 when none.
  int ColumnIndex(std::string_view header) const;
};

}  // namespace annexa
