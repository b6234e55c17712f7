// Reads an Annex A workbook made elsewhere (most councils have SQL or Excel
// that writes one) back into typed lists, so the same rules can check it.
// Lists are found by their headers, not their sheet names: a sheet's header
// row is the row (among the first ten) that matches most of one list's
// columns; title rows above it, header aliases, serial or text dates, and
// missing or extra sheets and columns are handled and reported.
#pragma once

#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/finding.h"
#include "core/status.h"
#include "lists/annex_list.h"
#include "spec/spec_model.h"
#include "spec/value_aliases.h"

namespace annexa::validate {

struct ReadWorkbook {
  const spec::SpecVersion* spec = nullptr;  // the version used
  std::vector<AnnexList> lists;    // one per list of the spec (empty when missing)
  std::vector<std::string> sheet_of_list;   // per list: the sheet it came from, or ""
};

// Chooses the version: List 9's columns tell 2019 (13) from 2023 (17).
// `candidates` are the loaded versions; `forced` names one (or "auto").
// Findings (values not in Ofsted's form, unparseable dates, missing or
// extra sheets and columns) are appended. kNotFound / kParseError when the
// file cannot be read as a workbook; kInvalidArgument when no sheet looks
// like an Annex A list.
Result<ReadWorkbook> ReadAnnexWorkbook(const std::string& path, const std::vector<const spec::SpecVersion*>& candidates,
                                       const std::string& forced, const spec::ValueAliases& aliases,
                                       Findings* findings);

}  // namespace annexa::validate
