// Comparing, hashing and indexing cells by their display text
// (CellValue::ToText) without building that text for every cell: the list
// rules compare millions of cells, and formatting each date costs more than
// the comparison. Every answer is the one ToText would give.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lists/annex_list.h"

namespace annexa::validate {

// a.ToText() == b.ToText().
inline bool SameText(const CellValue& a, const CellValue& b) {
  using Kind = CellValue::Kind;
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
inline bool TextEmpty(const CellValue& c) {
  using Kind = CellValue::Kind;
  return c.kind == Kind::kBlank || (c.kind == Kind::kText && c.text.empty());
}

// Hashes of cells' display texts: equal texts give equal hashes, whatever
// the kinds. Dates' texts are hashed once per distinct date.
class CellTextHasher {
 public:
  uint64_t operator()(const CellValue& c) {
    using Kind = CellValue::Kind;
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

// A set of items, numbered by the caller, for finding the item equal to a
// given one: a table of item numbers with their hashes, open addressing
// with linear probing, doubled when half full. What "equal" means is the
// caller's: `same(i)` says whether item i is the one looked for, and is
// asked only of items whose hash matches. Lighter than a std::unordered_map
// keyed by strings over a million rows: no string built and no node
// allocated per item, and usually one slot read per look-up before the
// caller's comparison. Items are numbered below 2^32 - 1 (far more rows
// than a list can hold).
class HashedItems {
 public:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  // The item with `hash` that `same` accepts, or kNone.
  template <typename Same>
  size_t Find(uint64_t hash, Same same) const {
    if (slots_.empty()) return kNone;
    const uint32_t tag = Tag(hash);
    for (size_t s = tag & Mask();; s = (s + 1) & Mask()) {
      const Slot& slot = slots_[s];
      if (slot.item == 0) return kNone;
      if (slot.tag == tag && same(slot.item - 1)) return slot.item - 1;
    }
  }

  // Adds `item`, which Find has just not found.
  void Add(uint64_t hash, size_t item) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    Put(Slot{Tag(hash), static_cast<uint32_t>(item + 1)});
    ++size_;
  }

  // The item equal to `item` that was added first, adding `item` when
  // there is none (and then returning it).
  template <typename Same>
  size_t FindOrAdd(uint64_t hash, size_t item, Same same) {
    const size_t found = Find(hash, same);
    if (found != kNone) return found;
    Add(hash, item);
    return item;
  }

 private:
  struct Slot {
    uint32_t tag = 0;   // the item's hash, folded to 32 bits; also picks the first slot to try
    uint32_t item = 0;  // the item's number + 1; 0: empty
  };
  static uint32_t Tag(uint64_t hash) { return static_cast<uint32_t>(hash ^ (hash >> 32)); }
  size_t Mask() const { return slots_.size() - 1; }
  void Put(Slot slot) {
    size_t s = slot.tag & Mask();
    while (slots_[s].item != 0) s = (s + 1) & Mask();
    slots_[s] = slot;
  }
  void Grow() {
    std::vector<Slot> old(std::max<size_t>(64, 2 * slots_.size()));
    old.swap(slots_);
    for (const Slot& slot : old)
      if (slot.item != 0) Put(slot);
  }

  std::vector<Slot> slots_;  // a power of two of them, at most half used
  size_t size_ = 0;
};

// The rows of a list by the text of one of their cells (an identifier):
// which earlier row has the same text as a row, and which row has the text
// of a cell of another list. The list must outlive the index, unchanged.
class RowsByText {
 public:
  static constexpr size_t kNone = HashedItems::kNone;

  RowsByText(const AnnexList& list, size_t column) : list_(list), column_(column), first_(list.rows.size()) {
    for (size_t r = 0; r < list.rows.size(); ++r) {
      const CellValue& cell = Cell(r);
      first_[r] = rows_.FindOrAdd(hasher_(cell), r, [&](size_t i) { return SameText(Cell(i), cell); });
    }
  }

  // The first row with the same text as row r: r itself when no earlier
  // row has it.
  size_t first(size_t r) const { return first_[r]; }

  // The first row whose text is that of `cell`, or kNone.
  size_t Find(const CellValue& cell) {
    return rows_.Find(hasher_(cell), [&](size_t i) { return SameText(Cell(i), cell); });
  }

 private:
  const CellValue& Cell(size_t r) const { return list_.rows[r].cells[column_]; }

  const AnnexList& list_;
  size_t column_;
  CellTextHasher hasher_;
  HashedItems rows_;           // the rows holding a text no earlier row holds
  std::vector<size_t> first_;  // per row: first(r)
};

}  // namespace annexa::validate
