#include "render/findings_csv.h"

#include "core/file_util.h"
#include "core/text.h"

namespace annexa::render {

namespace {

void Field(std::string* out, const std::string& v, bool last = false) {
  const bool quote = v.find_first_of(",\"\r\n") != std::string::npos;
  if (quote) {
    *out += '"';
    for (char c : v) {
      if (c == '"') *out += '"';
      *out += c;
    }
    *out += '"';
  } else {
    *out += v;
  }
  *out += last ? "\r\n" : ",";
}

}  // namespace

std::string FindingsToCsv(const Findings& findings, const spec::SpecVersion& spec) {
  std::string out =
      "severity,code,list,list_row,excel_row,column,excel_column,header,value,source,source_row,source_column,"
      "message\r\n";
  for (const Finding& f : findings) {
    std::string header, letter;
    if (const spec::ListSpec* l = f.list ? spec.FindList(f.list) : nullptr) {
      for (size_t i = 0; i < l->columns.size(); ++i) {
        if (l->columns[i].key != f.column) continue;
        header = l->columns[i].header;
        letter = ColumnLetters(static_cast<int>(i) + 1);
      }
    }
    Field(&out, ToString(f.severity));
    Field(&out, f.code);
    Field(&out, f.list ? std::to_string(f.list) : "");
    Field(&out, f.list_row ? std::to_string(f.list_row) : "");
    Field(&out, f.list_row ? std::to_string(f.list_row + 2) : "");  // title row, header row, then data
    Field(&out, f.column);
    Field(&out, letter);
    Field(&out, header);
    Field(&out, f.value);
    Field(&out, f.source);
    Field(&out, f.source_row ? std::to_string(f.source_row) : "");
    Field(&out, f.source_column);
    Field(&out, f.message, true);
  }
  return out;
}

Status WriteFindingsCsv(const std::string& path, const Findings& findings, const spec::SpecVersion& spec) {
  return WriteFileAtomically(path, FindingsToCsv(findings, spec), 0600);
}

}  // namespace annexa::render
