// libFuzzer target: the spec loader (spec/spec_loader.h) on a bundle of YAML files held in memory.
// Input format and checks: fuzz_entry.h. Run: scripts/fuzz (docs/fuzzing.md).
#include "fuzz/fuzz_entry.h"
#include "fuzz/fuzz_target.h"

ANNEXA_FUZZ_TARGET(annexa::fuzz::FuzzSpec)
