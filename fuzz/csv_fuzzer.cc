// libFuzzer target: the CSV reader (sources/csv_reader.h): byte 0 picks the options, the rest
// is the file.
// Input format and checks: fuzz_entry.h. Run: scripts/fuzz (docs/fuzzing.md).
#include "fuzz/fuzz_entry.h"
#include "fuzz/fuzz_target.h"

ANNEXA_FUZZ_TARGET(annexa::fuzz::FuzzCsv)
