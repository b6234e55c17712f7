#include "core/finding.h"

namespace annexa {

const char* ToString(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "?";
}

}  // namespace annexa
