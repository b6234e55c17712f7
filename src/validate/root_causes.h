// Root causes (issue 19): one blank or wrong source cell feeds every list
// cell taken from it (a blank disability in the people table is blank in
// Lists 4 to 8), and each of those list cells has its finding. Findings
// that share one source cell (file, row, column) are one root cause: the
// first of them, in the run's order, stands for the cell; the others are
// its consequences. A finding with no source cell is a root cause alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/finding.h"

namespace annexa::validate {

struct RootCauses {
  // Per stored finding (in Findings order): its root cause's number, from 1
  // in order of first appearance.
  std::vector<uint32_t> root_of;
  // Per root cause (number - 1): the index of its first finding, and how
  // many findings share it.
  std::vector<size_t> first;
  std::vector<uint32_t> findings;
  size_t count() const { return first.size(); }
  bool IsRoot(size_t finding) const { return first[root_of[finding] - 1] == finding; }
  uint32_t Shared(size_t finding) const { return findings[root_of[finding] - 1]; }
};

RootCauses FindRootCauses(const Findings& findings);

// Root causes counted by the severity and code of each cause's most severe
// finding that is not explained (the first such); a cause whose findings
// are all explained is not counted. Findings only counted (beyond a rule's
// cap) are causes each.
std::map<std::pair<Severity, std::string>, int64_t> CountRootCauses(const Findings& findings);

}  // namespace annexa::validate
