// libFuzzer target: the CIN census XML reader (sources/cin_census_reader.h).
// Input format and checks: fuzz_entry.h. Run: scripts/fuzz (docs/fuzzing.md).
#include "fuzz/fuzz_entry.h"
#include "fuzz/fuzz_target.h"

ANNEXA_FUZZ_TARGET(annexa::fuzz::FuzzCinCensus)
