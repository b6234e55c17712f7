// A source's contract (docs/config.md, "Source contracts"): what its rows
// must hold, declared beside the source in the council config, after dbt's
// schema tests (unique, not_null, relationships, accepted_values). Read here
// from the config's `contract:` block; checked by contract_checks.h once per
// source row, after the sources are read and before any list is built.
#pragma once

#include <string>
#include <vector>

#include "core/yaml_adapter.h"
#include "core/yaml_reader.h"

namespace annexa::contracts {

// A column the contract names, and where (its columns are known only once
// the source is read: a missing one is reported at this mark).
struct ContractColumn {
  std::string name;
  YamlMark mark;
};

// `references: {PERSON_ID: people.PERSON_ID}`: every non-blank value of
// `column` is a value of `target_column` in source `target`.
struct Reference {
  ContractColumn column;
  std::string target;
  ContractColumn target_column;  // its mark is the reference's value
};

// `dates_in_order: [[START, END]]`: END blank, or on or after START.
// `[START, END, "DfE rule 8555Q"]`: the third item is the rule the order
// enforces, named in the finding's message.
struct DatePair {
  ContractColumn start, end;
  std::string cites;
};

// `codes: {REASON: reason_map}`: non-blank values are keys (or targets) of
// the code map.
struct CodeColumn {
  ContractColumn column;
  std::string map;
  YamlMark map_mark;
};

struct SourceContract {
  std::vector<ContractColumn> key;       // unique together, never blank
  std::vector<ContractColumn> required;  // never blank
  std::vector<Reference> references;
  std::vector<DatePair> dates_in_order;
  std::vector<ContractColumn> dates;     // real calendar dates when not blank
  std::vector<CodeColumn> codes;
  std::vector<std::string> date_formats;  // for dates and dates_in_order; empty = the defaults
  YamlMark mark;
};

// Reads the `contract:` value `v` of source `what` ("source 'episodes'"),
// every problem reported through `r` at its file:line:col.
SourceContract ReadContract(const FileReader& r, const YamlValue& v, const std::string& what);

// Checks what a contract names inside the config: each reference's source
// is one of `sources`, each code map one of `code_maps` (names, sorted).
void CheckContractNames(const FileReader& r, const SourceContract& c, const std::string& what,
                        const std::vector<std::string>& sources, const std::vector<std::string>& code_maps);

}  // namespace annexa::contracts
