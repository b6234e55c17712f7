#include "contracts/source_contract.h"

#include <algorithm>

#include "core/date_format.h"
#include "core/text.h"

namespace annexa::contracts {

namespace {

// One column name, or a list of them.
std::vector<ContractColumn> Columns(const FileReader& r, const YamlValue& v, const std::string& key) {
  std::vector<ContractColumn> out;
  auto one = [&](const YamlValue& item) {
    if (item.IsScalar() && !item.scalar.empty()) out.push_back({item.scalar, item.mark});
    else r.Error(item.mark, "each entry of '" + key + "' must be a column name");
  };
  if (v.IsSequence()) {
    for (const YamlValue& item : v.items) one(item);
  } else {
    one(v);
  }
  return out;
}

void ReadReferences(const FileReader& r, const YamlValue& v, const std::string& what, SourceContract* c) {
  if (!r.ExpectMap(v, what + ": 'references'")) return;
  for (const auto& [col, target] : v.entries) {
    const size_t dot = target.IsScalar() ? target.scalar.find('.') : std::string::npos;
    if (dot == std::string::npos || dot == 0 || dot + 1 == target.scalar.size()) {
      r.Error(target.mark, what + ": reference of '" + col.scalar + "' must be SOURCE.COLUMN (people.PERSON_ID)");
      continue;
    }
    c->references.push_back({{col.scalar, col.mark},
                             target.scalar.substr(0, dot),
                             {target.scalar.substr(dot + 1), target.mark}});
  }
}

void ReadDatePairs(const FileReader& r, const YamlValue& v, const std::string& what, SourceContract* c) {
  const std::string bad =
      what + ": each entry of 'dates_in_order' must be a pair [START, END] or [START, END, \"the rule it enforces\"]";
  if (!v.IsSequence()) {
    r.Error(v.mark, bad);
    return;
  }
  for (const YamlValue& pair : v.items) {
    const size_t n = pair.IsSequence() ? pair.items.size() : 0;
    bool ok = n == 2 || n == 3;
    for (size_t i = 0; ok && i < n; ++i) ok = pair.items[i].IsScalar() && !pair.items[i].scalar.empty();
    if (!ok) {
      r.Error(pair.mark, bad);
      continue;
    }
    c->dates_in_order.push_back({{pair.items[0].scalar, pair.items[0].mark},
                                 {pair.items[1].scalar, pair.items[1].mark},
                                 n == 3 ? pair.items[2].scalar : std::string()});
  }
}

}  // namespace

SourceContract ReadContract(const FileReader& r, const YamlValue& v, const std::string& what) {
  SourceContract c;
  c.mark = v.mark;
  const std::string w = "the contract of " + what;
  if (!r.ExpectMap(v, w)) return c;
  r.CheckKeys(v, {"key", "required", "references", "dates_in_order", "dates", "date_format", "codes"}, w);
  if (const YamlValue* x = v.Find("key")) c.key = Columns(r, *x, "key");
  if (const YamlValue* x = v.Find("required")) c.required = Columns(r, *x, "required");
  if (const YamlValue* x = v.Find("references")) ReadReferences(r, *x, what, &c);
  if (const YamlValue* x = v.Find("dates_in_order")) ReadDatePairs(r, *x, what, &c);
  if (const YamlValue* x = v.Find("dates")) c.dates = Columns(r, *x, "dates");
  if (const YamlValue* x = v.Find("date_format")) {
    if (x->IsScalar()) c.date_formats = {x->scalar};
    else c.date_formats = r.StrList(*x, "date_format");
    for (const std::string& f : c.date_formats)
      if (!IsValidDateFormat(f))
        r.Error(x->mark, what + ": '" + f + "' is not a date format (use DD, MM, Mon, YYYY and separators, or serial)");
  }
  if (const YamlValue* x = v.Find("codes"); x && r.ExpectMap(*x, "'codes' in " + w)) {
    for (const auto& [col, map] : x->entries) {
      if (!map.IsScalar() || map.scalar.empty()) r.Error(map.mark, what + ": 'codes' of '" + col.scalar + "' must name a code map");
      else c.codes.push_back({{col.scalar, col.mark}, map.scalar, map.mark});
    }
  }
  return c;
}

void CheckContractNames(const FileReader& r, const SourceContract& c, const std::string& what,
                        const std::vector<std::string>& sources, const std::vector<std::string>& code_maps) {
  for (const Reference& ref : c.references)
    if (!std::binary_search(sources.begin(), sources.end(), ref.target))
      r.Error(ref.target_column.mark, what + ": contract references unknown source '" + ref.target + "'");
  for (const CodeColumn& code : c.codes)
    if (!std::binary_search(code_maps.begin(), code_maps.end(), code.map))
      r.Error(code.map_mark, what + ": contract names unknown code map '" + code.map + "'");
}

}  // namespace annexa::contracts
