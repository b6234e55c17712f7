#include "render/findings_csv.h"

#include "core/file_util.h"
#include "core/text.h"
#include "validate/root_causes.h"

namespace annexa::render {

std::string FindingsToCsv(const Findings& findings, const spec::SpecVersion& spec) {
  std::string out =
      "child,team,worker,root,root_role,root_findings,severity,code,list,list_row,excel_row,column,excel_column,header,"
      "value,source,source_row,source_column,message,explained_by,explained_on,explained_reason\r\n";
  const validate::RootCauses roots = validate::FindRootCauses(findings);
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    std::string header, letter;
    if (const spec::ListSpec* l = f.list ? spec.FindList(f.list) : nullptr) {
      for (size_t c = 0; c < l->columns.size(); ++c) {
        if (l->columns[c].key != f.column) continue;
        header = l->columns[c].header;
        letter = ColumnLetters(static_cast<int>(c) + 1);
      }
    }
    AppendCsvField(&out, f.child);
    AppendCsvField(&out, f.team);
    AppendCsvField(&out, f.worker);
    AppendCsvField(&out, "R" + std::to_string(roots.root_of[i]));
    AppendCsvField(&out, roots.IsRoot(i) ? "root" : "consequence");
    AppendCsvField(&out, std::to_string(roots.Shared(i)));
    AppendCsvField(&out, ToString(f.severity));
    AppendCsvField(&out, f.code);
    AppendCsvField(&out, f.list == spec::kAuditedCasesList ? "audit" : f.list ? std::to_string(f.list) : "");
    AppendCsvField(&out, f.list_row ? std::to_string(f.list_row) : "");
    AppendCsvField(&out, f.list_row ? std::to_string(f.list_row + 2) : "");  // title row, header row, then data
    AppendCsvField(&out, f.column);
    AppendCsvField(&out, letter);
    AppendCsvField(&out, header);
    AppendCsvField(&out, f.value);
    AppendCsvField(&out, f.source);
    AppendCsvField(&out, f.source_row ? std::to_string(f.source_row) : "");
    AppendCsvField(&out, f.source_column);
    AppendCsvField(&out, f.message);
    // Explained by the council (gaps/explanations.h): listed, counted apart.
    AppendCsvField(&out, f.explained_by);
    AppendCsvField(&out, f.explained_on);
    AppendCsvField(&out, f.explained_reason, true);
  }
  // A rule over its cap: one line per rule, severity and list standing for
  // the findings counted but not stored (core/finding.h).
  for (const auto& [key, n] : findings.overflow()) {
    for (int i = 0; i < 6; ++i) AppendCsvField(&out, "");
    AppendCsvField(&out, ToString(key.severity));
    AppendCsvField(&out, key.code);
    AppendCsvField(&out, key.list == spec::kAuditedCasesList ? "audit" : key.list ? std::to_string(key.list) : "");
    for (int i = 0; i < 9; ++i) AppendCsvField(&out, "");
    AppendCsvField(&out, NotStoredMessage(key, n, findings.cap()));
    for (int i = 0; i < 3; ++i) AppendCsvField(&out, "", i == 2);  // never explained: not stored
  }
  return out;
}

Status WriteFindingsCsv(const std::string& path, const Findings& findings, const spec::SpecVersion& spec) {
  return WriteFileAtomically(path, FindingsToCsv(findings, spec), 0600);
}

}  // namespace annexa::render
