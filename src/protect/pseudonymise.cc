#include "protect/pseudonymise.h"

#include <algorithm>
#include <cstdint>
#include <map>

#include "core/crypto.h"
#include "core/postcode.h"
#include "core/text.h"

namespace annexa::protect {

namespace {

using spec::Personal;

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
// Part of a word: ASCII letters and digits, and every byte of a UTF-8
// sequence (accented letters), so "C1" is not found inside "C12" or "ÉC1".
bool WordByte(char c) { return IsAsciiDigit(c) || IsAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80; }

// One original value and what stands for it in a message.
struct Replacement {
  std::string from, to;
};

// Replaces whole-word occurrences of each `from` (longest first) in `text`.
// Done in one pass over `text`, so a replacement is never itself rewritten.
std::string ReplaceWords(const std::string& text, std::vector<Replacement> reps) {
  std::erase_if(reps, [](const Replacement& r) { return r.from.empty() || r.from == r.to; });
  if (reps.empty()) return text;
  std::stable_sort(reps.begin(), reps.end(),
                   [](const Replacement& a, const Replacement& b) { return a.from.size() > b.from.size(); });
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const bool at_start = i == 0 || !WordByte(text[i - 1]) || !WordByte(text[i]);
    const Replacement* hit = nullptr;
    if (at_start) {
      for (const Replacement& r : reps) {
        if (text.compare(i, r.from.size(), r.from) != 0) continue;
        const size_t end = i + r.from.size();
        if (end < text.size() && WordByte(text[end]) && WordByte(text[end - 1])) continue;
        hit = &r;
        break;
      }
    }
    if (hit) {
      out += hit->to;
      i += hit->from.size();
    } else {
      out += text[i++];
    }
  }
  return out;
}

// The forms in which a cell's value can be quoted in a message, each with
// what stands for it there.
void AddForms(Pseudonymiser& p, Personal kind, const CellValue& v, std::vector<Replacement>* out) {
  if (v.blank() || kind == Personal::kNone) return;
  if (kind == Personal::kDateOfBirth && v.kind == CellValue::Kind::kDate) {
    const CivilDate m = FirstOfMonth(v.date);
    out->push_back({v.date.ToUk(), m.ToUk()});
    out->push_back({v.date.ToIso(), m.ToIso()});
    return;
  }
  const std::string text = v.ToText();
  std::string to = PseudonymiseText(p, kind, text);
  if (to.empty()) to = std::string(kind == Personal::kName ? kRemoved : kWithheld);
  out->push_back({text, to});
}

// The cell as --pseudonymise writes it.
CellValue RewriteCell(Pseudonymiser& p, Personal kind, const CellValue& v) {
  if (v.blank()) return v;
  switch (kind) {
    case Personal::kNone: return v;
    case Personal::kId: return CellValue::Text(p.Id(v.ToText()));
    case Personal::kDateOfBirth:
      if (v.kind == CellValue::Kind::kDate) return CellValue::Date(FirstOfMonth(v.date));
      return CellValue::Text(std::string(kWithheld));
    case Personal::kPostcode: {
      std::string sector = PostcodeSector(v.ToText());
      return CellValue::Text(sector.empty() ? std::string(kWithheld) : std::move(sector));
    }
    case Personal::kName: return CellValue::Blank();
  }
  return v;
}

// The personal columns of a list: index and kind.
std::vector<std::pair<size_t, Personal>> PersonalColumns(const AnnexList& l) {
  std::vector<std::pair<size_t, Personal>> out;
  if (!l.spec) return out;
  for (size_t c = 0; c < l.spec->columns.size(); ++c)
    if (l.spec->columns[c].personal != Personal::kNone) out.emplace_back(c, l.spec->columns[c].personal);
  return out;
}

}  // namespace

std::string Pseudonymiser::Id(std::string_view id) {
  const std::string key(Trim(id));
  if (key.empty()) return "";
  if (auto it = forward_.find(key); it != forward_.end()) return it->second;
  const Sha256Digest d = HmacSha256(salt_, key);
  uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) bits = bits << 8 | d[static_cast<size_t>(i)];
  // Crockford's alphabet: no I, L, O or U, so a pseudonym read aloud or
  // copied by hand is not mistaken for another.
  static const char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string out = "P-";
  for (int i = 0; i < 12; ++i) out += kAlphabet[(bits >> (59 - 5 * i)) & 31];  // the top 60 bits
  auto [rev, fresh] = reverse_.emplace(out, key);
  if (!fresh && rev->second != key) collided_ = true;
  forward_.emplace(key, out);
  return out;
}

CivilDate FirstOfMonth(CivilDate d) { return CivilDate(d.year(), d.month(), 1); }

std::string PostcodeSector(std::string_view postcode) {
  const std::optional<PostcodeParts> p = SplitPostcode(postcode);
  return p ? p->sector : "";
}

std::string PseudonymiseText(Pseudonymiser& p, Personal kind, std::string_view text) {
  if (Trim(text).empty()) return std::string(text);
  switch (kind) {
    case Personal::kNone: return std::string(text);
    case Personal::kId: return p.Id(text);
    case Personal::kDateOfBirth:
      if (auto d = CivilDate::Parse(Trim(text))) return FirstOfMonth(*d).ToUk();
      return std::string(kWithheld);
    case Personal::kPostcode: {
      std::string sector = PostcodeSector(text);
      return sector.empty() ? std::string(kWithheld) : sector;
    }
    case Personal::kName: return "";
  }
  return std::string(text);
}

std::string SourceName(std::string_view source) {
  std::string_view s = source;
  if (s.find("://") != std::string_view::npos) s = s.substr(0, s.find_first_of("?#"));
  while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  const size_t slash = s.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? s : s.substr(slash + 1));
}

Status PseudonymisePack(Pseudonymiser& p, const std::vector<AnnexList*>& lists, Findings* findings) {
  std::map<int, size_t> by_number;
  std::vector<std::vector<std::pair<size_t, Personal>>> personal(lists.size());
  // Every row of each child (by the value of its first column, when that is
  // an id), so that a message about one list can be cleaned of the values
  // the same child has in another ("... is '01/02/2010' here but ...").
  std::unordered_map<std::string, std::vector<std::pair<size_t, size_t>>> rows_of;
  for (size_t i = 0; i < lists.size(); ++i) {
    const AnnexList& l = *lists[i];
    if (!l.spec) continue;
    by_number[l.spec->number] = i;
    personal[i] = PersonalColumns(l);
    if (personal[i].empty() || personal[i][0].first != 0 || personal[i][0].second != Personal::kId) continue;
    for (size_t r = 0; r < l.rows.size(); ++r)
      if (!l.rows[r].cells.empty() && !l.rows[r].cells[0].blank())
        rows_of[l.rows[r].cells[0].ToText()].emplace_back(i, r);
  }
  auto add_row = [&](size_t li, size_t r, std::vector<Replacement>* reps) {
    const auto& cells = lists[li]->rows[r].cells;
    for (const auto& [c, kind] : personal[li])
      if (c < cells.size()) AddForms(p, kind, cells[c], reps);
  };

  for (Finding& f : *findings) {
    std::vector<Replacement> reps;
    Personal kind = Personal::kNone;
    auto li = by_number.find(f.list);
    if (li != by_number.end() && !f.column.empty()) {
      if (const spec::ColumnSpec* col = lists[li->second]->spec->FindColumn(f.column)) kind = col->personal;
    } else if (f.column.empty() && !f.value.empty()) {
      kind = Personal::kId;  // a value of no column (a join key): assume it names someone
    }
    if (li != by_number.end() && f.list_row > 0 &&
        static_cast<size_t>(f.list_row) <= lists[li->second]->rows.size()) {
      const size_t r = static_cast<size_t>(f.list_row - 1);
      const AnnexList& l = *lists[li->second];
      add_row(li->second, r, &reps);
      if (!l.rows[r].cells.empty()) {
        auto child = rows_of.find(l.rows[r].cells[0].ToText());
        if (child != rows_of.end())
          for (const auto& [lj, rj] : child->second) add_row(lj, rj, &reps);
      }
    }
    if (kind != Personal::kNone && !f.value.empty()) {
      std::string value = PseudonymiseText(p, kind, f.value);
      reps.push_back({f.value, value.empty() ? std::string(kRemoved) : value});
      f.value = std::move(value);
    }
    f.message = ReplaceWords(f.message, std::move(reps));
    f.source = SourceName(f.source);
  }

  for (size_t i = 0; i < lists.size(); ++i) {
    AnnexList& l = *lists[i];
    for (auto& row : l.rows)
      for (const auto& [c, kind] : personal[i])
        if (c < row.cells.size()) row.cells[c] = RewriteCell(p, kind, row.cells[c]);
    for (std::string& s : l.sources) s = SourceName(s);
  }
  if (p.collided())
    return Internal("two different identifiers have the same pseudonym; run again with a different salt");
  return Status::Ok();
}

}  // namespace annexa::protect
