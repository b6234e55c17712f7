// A finding: something wrong or worth a look in the data, located precisely.
// Bad data is never a Status (that is for operational failures): every stage
// collects findings and carries on. Stable kebab-case codes let users filter
// and track them between runs; each code is a kind in core/finding_kinds.h,
// which makes findings with their code and severity.
#pragma once

#include <compare>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

namespace annexa {

enum class Severity { kError, kWarning, kInfo };
const char* ToString(Severity s);

struct Finding {
  std::string code;      // the kind's code (core/finding_kinds.h)
  Severity severity = Severity::kWarning;
  std::string message;   // one line, no personal data beyond the value itself
  // Where in Annex A (0 / empty when not about a list cell).
  int list = 0;
  int64_t list_row = 0;  // 1-based data row in the list (excel row = list_row + 2)
  std::string column;    // the spec column key
  std::string value;     // the original value
  // Whom it is about: the list row's child (or adopter) id, and its
  // allocated team and worker where the list has them (people.h fills
  // them in once the lists are final; under --pseudonymise, pseudonyms).
  std::string child;
  std::string team, worker;
  // Where it came from: the source row and column where the value lives
  // (for a joined column, the joined table's row).
  std::string source;    // file or URL
  int64_t source_row = 0;
  std::string source_column;
  // Explained by the council (gaps/explanations.h): who, when (YYYY-MM-DD)
  // and why. An explained finding is still listed but counted apart: it
  // does not make a list red nor the run exit 1. Empty when not explained.
  std::string explained_by, explained_on, explained_reason;
  bool Explained() const { return !explained_on.empty(); }
};

// A finding's identity between runs: the same problem in the same place
// of the same child has the same identity whichever row, file or folder it
// was read from, so that runs can be compared (issue 19). Rule, list,
// column and child; a finding about no child is told apart by its source's
// file name (not its folder) and its value instead.
std::string FindingIdentity(const Finding& f);

// The findings of a run. At most `cap` findings of one code are stored; the
// rest are counted, not stored, by code, severity and list, so every count
// (per code, per list, errors and warnings) stays exact while memory stays
// bounded: a million-row list where every row breaks three rules holds
// 3 x 100,000 findings, not three million (issue 17). The stored findings
// of a code are its first `cap`, in the order they were added.
//
// Used like a vector of Finding (push_back, iteration, size() of the
// stored ones); Append() merges another run's findings, overflow and all.
class Findings {
 public:
  static constexpr size_t kDefaultCap = 100000;
  // Where findings beyond the cap were counted.
  struct OverflowKey {
    std::string code;
    Severity severity = Severity::kWarning;
    int list = 0;
    auto operator<=>(const OverflowKey&) const = default;
  };
  using Overflow = std::map<OverflowKey, int64_t>;

  Findings() = default;
  explicit Findings(size_t cap) : cap_(cap) {}
  Findings(std::initializer_list<Finding> findings);

  // Stores `f`, or counts it when `cap` of its code are stored already.
  void push_back(Finding f);
  // Counts `n` findings of `key` that are not stored.
  void Count(const OverflowKey& key, int64_t n) { overflow_[key] += n; }
  // Adds every finding of `other` (its stored ones under this cap, its
  // counted ones to the counts).
  void Append(Findings&& other);
  void Append(const Findings& other);

  // The stored findings.
  using const_iterator = std::vector<Finding>::const_iterator;
  using iterator = std::vector<Finding>::iterator;
  iterator begin() { return stored_.begin(); }
  iterator end() { return stored_.end(); }
  const_iterator begin() const { return stored_.begin(); }
  const_iterator end() const { return stored_.end(); }
  size_t size() const { return stored_.size(); }
  bool empty() const { return stored_.empty() && overflow_.empty(); }
  Finding& operator[](size_t i) { return stored_[i]; }
  const Finding& operator[](size_t i) const { return stored_[i]; }
  Finding& front() { return stored_.front(); }
  const Finding& front() const { return stored_.front(); }
  Finding& back() { return stored_.back(); }
  const Finding& back() const { return stored_.back(); }
  // Keeps the first `n` stored findings (the counts of the others go too).
  void resize(size_t n);
  void clear();

  // Removes the stored findings and the counts whose severity is less
  // severe than `floor`.
  void DropBelow(Severity floor);

  size_t cap() const { return cap_; }
  // Changes the cap: stored findings beyond the new one are counted instead.
  void SetCap(size_t cap);
  // The findings counted, not stored.
  const Overflow& overflow() const { return overflow_; }
  int64_t not_stored() const;
  // Stored plus counted: every finding made.
  int64_t total() const { return static_cast<int64_t>(stored_.size()) + not_stored(); }

 private:
  size_t cap_ = kDefaultCap;
  std::vector<Finding> stored_;
  std::map<std::string, size_t, std::less<>> per_code_;  // stored findings per code
  Overflow overflow_;
};

// The message of the line that stands for the findings of one overflow key
// in a listing (the findings CSV): "a further 1,234 duplicate-row warnings
// counted, not stored: at most 100,000 findings of one rule are kept".
std::string NotStoredMessage(const Findings::OverflowKey& key, int64_t count, size_t cap);

}  // namespace annexa
