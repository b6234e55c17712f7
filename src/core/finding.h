// A finding: something wrong or worth a look in the data, located precisely.
// Bad data is never a Status (that is for operational failures): every stage
// collects findings and carries on. Stable kebab-case codes let users filter
// and track them between runs; each code is a kind in core/finding_kinds.h,
// which makes findings with their code and severity.
#pragma once

#include <cstdint>
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
  // Where it came from.
  std::string source;    // file or URL
  int64_t source_row = 0;
  std::string source_column;
};

using Findings = std::vector<Finding>;

}  // namespace annexa
