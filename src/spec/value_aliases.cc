#include "spec/value_aliases.h"

#include <map>
#include <utility>

#include "core/text.h"
#include "core/yaml_reader.h"

namespace annexa::spec {

const std::string* ValueAliases::Find(std::string_view set, std::string_view text) const {
  if (auto b = borrows_.find(set); b != borrows_.end()) set = b->second;
  auto s = by_set_.find(set);
  if (s == by_set_.end()) return nullptr;
  auto v = s->second.find(MatchForm(text));
  return v == s->second.end() ? nullptr : &v->second;
}

const std::string* ValueAliases::FindInColumn(std::string_view column, std::string_view text) const {
  auto c = by_column_.find(column);
  if (c == by_column_.end()) return nullptr;
  auto v = c->second.find(MatchForm(text));
  return v == c->second.end() ? nullptr : &v->second;
}

size_t ValueAliases::size() const {
  size_t n = 0;
  for (const auto& [set, m] : by_set_) n += m.size();
  return n;
}

void ValueAliases::Add(const std::string& set, const std::string& alias, const std::string& display) {
  by_set_[set][MatchForm(alias)] = display;
}

void ValueAliases::AddForColumn(const std::string& column, const std::string& alias, const std::string& display) {
  by_column_[column][MatchForm(alias)] = display;
}

namespace {

// One table of `spelling: display` (a set's, named "of SET", or a column's,
// "of column KEY"): each entry to `add`, unless a spelling already means
// another value (by match form), an error at its line.
template <typename Add>
void ReadTable(const YamlValue& table, const std::string& of, FileReader& r, Add add) {
  std::map<std::string, std::pair<std::string, int>> seen;  // match form -> (display, line)
  for (const auto& [alias, display] : table.entries) {
    if (!display.IsScalar()) {
      r.Error(display.mark, "alias '" + alias.scalar + "' must map to one display string");
      continue;
    }
    auto [it, fresh] = seen.emplace(MatchForm(alias.scalar), std::make_pair(display.scalar, alias.mark.line));
    if (!fresh && it->second.first != display.scalar) {
      r.Error(alias.mark, "alias '" + alias.scalar + "' " + of + " means '" + display.scalar + "' here but '" +
                              it->second.first + "' at line " + std::to_string(it->second.second) +
                              " (the same spelling once case, quotes and spaces are folded): one spelling must "
                              "mean one value");
      continue;
    }
    add(alias.scalar, display.scalar);
  }
}

}  // namespace

Result<ValueAliases> LoadValueAliases(const std::string& path) {
  Result<YamlValue> doc = LoadYamlFile(path);
  if (!doc.ok() && doc.status().code() != StatusCode::kNotFound) return doc.status();
  Problems problems;
  FileReader r(path, &problems);
  ValueAliases out;
  if (doc.ok() && r.ExpectMap(*doc, "the aliases file")) {
    r.CheckKeys(*doc, {"aliases", "columns"}, "the aliases file");
    if (const YamlValue* sets = doc->Find("aliases"); sets && r.ExpectMap(*sets, "'aliases'")) {
      for (const auto& [set, table] : sets->entries) {
        if (table.IsScalar()) {  // "GENDER_ADOPTER: GENDER": the same spellings, read by label
          if (!sets->Find(table.scalar) || !sets->Find(table.scalar)->IsMap())
            r.Error(table.mark, "aliases of '" + set.scalar + "' borrow from '" + table.scalar +
                                    "', which has no aliases of its own in this file");
          else out.Borrow(set.scalar, table.scalar);
          continue;
        }
        if (!r.ExpectMap(table, "aliases of '" + set.scalar + "'")) continue;
        const std::string& set_name = set.scalar;  // (clang 14 cannot capture a structured binding)
        ReadTable(table, "of " + set_name, r,
                  [&](const std::string& a, const std::string& d) { out.Add(set_name, a, d); });
      }
    }
    // Spellings of one column only, by the column's key.
    if (const YamlValue* columns = doc->Find("columns"); columns && r.ExpectMap(*columns, "'columns'"))
      for (const auto& [column, table] : columns->entries) {
        const std::string& key = column.scalar;
        if (r.ExpectMap(table, "aliases of column '" + key + "'"))
          ReadTable(table, "of column " + key, r,
                    [&](const std::string& a, const std::string& d) { out.AddForColumn(key, a, d); });
      }
  }
  if (!problems.empty()) return problems.ToStatus();
  const size_t slash = path.rfind('/');
  Result<ValueKeywords> keywords =
      LoadValueKeywords((slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) + "value_keywords.yaml");
  if (!keywords.ok()) return keywords.status();
  out.SetKeywords(std::move(*keywords));
  return out;
}

}  // namespace annexa::spec
