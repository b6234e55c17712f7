#include "spec/spec_model.h"

#include "core/text.h"

namespace annexa::spec {

std::string_view ToString(ColumnType t) {
  switch (t) {
    case ColumnType::kId: return "id";
    case ColumnType::kDate: return "date";
    case ColumnType::kInteger: return "integer";
    case ColumnType::kCode: return "code";
    case ColumnType::kText: return "text";
    case ColumnType::kPostcode: return "postcode";
  }
  return "?";
}

std::string_view ToString(BlankRule b) {
  switch (b) {
    case BlankRule::kNever: return "never";
    case BlankRule::kAllowed: return "allowed";
    case BlankRule::kConditional: return "conditional";
  }
  return "?";
}

std::string_view ToString(Personal p) {
  switch (p) {
    case Personal::kNone: return "none";
    case Personal::kId: return "id";
    case Personal::kDateOfBirth: return "date_of_birth";
    case Personal::kPostcode: return "postcode";
    case Personal::kName: return "name";
  }
  return "?";
}

std::string_view ToString(Grain g) {
  switch (g) {
    case Grain::kChild: return "child";
    case Grain::kEvent: return "event";
    case Grain::kAdopter: return "adopter";
  }
  return "?";
}

const CodeValue* CodeSet::Find(std::string_view text) const {
  const std::string form = MatchForm(text);
  for (const CodeValue& v : values) {
    if (MatchForm(v.display) == form) return &v;
    for (const std::string& a : v.aliases)
      if (MatchForm(a) == form) return &v;
  }
  return nullptr;
}

bool ColumnSpec::Matches(std::string_view h) const {
  const std::string form = MatchForm(h);
  if (form == match_form) return true;
  for (const std::string& a : aliases)
    if (MatchForm(a) == form) return true;
  return false;
}

const ColumnSpec* ListSpec::FindColumn(std::string_view k) const {
  for (const ColumnSpec& c : columns)
    if (c.key == k) return &c;
  return nullptr;
}

int ListSpec::ColumnIndex(std::string_view k) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].key == k) return static_cast<int>(i);
  return -1;
}

int ListSpec::FindColumnByHeader(std::string_view h) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].Matches(h)) return static_cast<int>(i);
  return -1;
}

std::string ListSpec::Label() const {
  return number == kAuditedCasesList ? title : "List " + std::to_string(number);
}

const ListSpec* SpecVersion::FindList(int n) const {
  if (n == kAuditedCasesList) return audit.get();
  for (const ListSpec& l : lists)
    if (l.number == n) return &l;
  return nullptr;
}

const CodeSet* SpecVersion::FindCodeSet(std::string_view name) const {
  auto it = code_sets.find(std::string(name));
  return it == code_sets.end() ? nullptr : &it->second;
}

int SpecVersion::TotalColumns() const {
  int n = 0;
  for (const ListSpec& l : lists) n += static_cast<int>(l.columns.size());
  return n;
}

}  // namespace annexa::spec
