// Comparing and hashing cells by their display text (CellValue::ToText)
// without building that text for every cell: the list rules compare
// hundreds of thousands of cells, and formatting each date costs more than
// the comparison. Every answer is the one ToText would give.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "mapping/annex_list.h"

namespace annexa::validate {

// a.ToText() == b.ToText().
inline bool SameText(const mapping::CellValue& a, const mapping::CellValue& b) {
  using Kind = mapping::CellValue::Kind;
  if (a.kind == b.kind) {
    switch (a.kind) {
      case Kind::kBlank:
        return true;
      case Kind::kText:
        return a.text == b.text;
      case Kind::kInteger:
        return a.integer == b.integer;
      case Kind::kDate:
        if (a.date == b.date) return true;
        break;  // different dates: their texts decide
    }
  }
  return a.ToText() == b.ToText();
}

// c.ToText().empty().
inline bool TextEmpty(const mapping::CellValue& c) {
  using Kind = mapping::CellValue::Kind;
  return c.kind == Kind::kBlank || (c.kind == Kind::kText && c.text.empty());
}

// Hashes of cells' display texts: equal texts give equal hashes, whatever
// the kinds. Dates' texts are hashed once per distinct date.
class CellTextHasher {
 public:
  uint64_t operator()(const mapping::CellValue& c) {
    using Kind = mapping::CellValue::Kind;
    switch (c.kind) {
      case Kind::kBlank:
        return Of(std::string_view());
      case Kind::kText:
        return Of(c.text);
      case Kind::kInteger:
        return Of(std::to_string(c.integer));
      case Kind::kDate:
        break;
    }
    const int m = c.date.month(), d = c.date.day();
    if (m < 0 || m > 0xFFFF || d < 0 || d > 0xFFFF) return Of(c.ToText());
    const uint64_t key = (static_cast<uint64_t>(static_cast<uint32_t>(c.date.year())) << 32) |
                         (static_cast<uint64_t>(m) << 16) | static_cast<uint64_t>(d);
    auto [it, fresh] = dates_.try_emplace(key, 0);
    if (fresh) it->second = Of(c.ToText());
    return it->second;
  }

 private:
  static uint64_t Of(std::string_view text) { return std::hash<std::string_view>{}(text); }
  std::unordered_map<uint64_t, uint64_t> dates_;  // (year, month, day) -> hash of its text
};

}  // namespace annexa::validate
