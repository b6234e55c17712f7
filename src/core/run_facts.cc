#include "core/run_facts.h"

namespace annexa {

std::string RunFacts::PackStem() const { return "annex_a_" + la_code + "_" + reference_date.ToIso(); }

std::optional<CivilDate> ParseReferenceDate(std::string_view text) { return CivilDate::Parse(text); }

}  // namespace annexa
