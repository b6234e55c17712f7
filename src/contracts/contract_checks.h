// Checks every source row against its source's contract (source_contract.h)
// once, after the sources are read and before any list is built, whether or
// not the row reaches a list. Each failure is one finding at the source
// file, row and column (source-* kinds in core/finding_kinds.h), in source,
// then row, then check order:
//   source-duplicate-row  the whole row repeats an earlier row; the copy is
//                         dropped from the table (kept once) and its other
//                         checks are not repeated
//   source-missing-value  a key or required column is blank
//   source-duplicate-key  the key repeats an earlier row's key
//   source-orphan         a reference's value is not in the other source
//   source-bad-date       a `dates` or `dates_in_order` value is not a real date
//   source-date-order     an end date is before its start
//   source-unknown-code   a value is not a code of the map (KnownCode below)
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "contracts/source_contract.h"
#include "core/finding.h"
#include "core/status.h"
#include "core/table.h"

namespace annexa::contracts {

// Code map name -> local value -> Ofsted value (the config's code_maps).
using CodeMaps = std::map<std::string, std::map<std::string, std::string>>;

// True when `value` is a code the lists resolve through code map `map`
// (its keys, or Ofsted's values in a spelling the columns using it accept).
// May be empty: then only the map's keys and targets are known.
using KnownCode = std::function<bool(const std::string& map, std::string_view value)>;

// Per source name: how many of its rows were dropped as exact duplicates.
using DroppedDuplicates = std::map<std::string, int64_t>;

// Checks the sources named in `contracts` (by source name) that are in
// `tables`, appending findings and dropping exact duplicate rows from the
// tables. kInvalidArgument "CONFIG:line:col: source 'x': contract names
// column 'Y', which is not in FILE (its columns: ...)" when a column the
// contract names is not in the source, or a referenced source is not
// loaded.
Status CheckSourceContracts(const std::string& config_file, const std::map<std::string, const SourceContract*>& contracts,
                            const CodeMaps& code_maps, const KnownCode& known_code,
                            std::map<std::string, Table>* tables, Findings* findings, DroppedDuplicates* dropped);

}  // namespace annexa::contracts
