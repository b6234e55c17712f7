// libFuzzer target: the xlsx reader on the XML of its parts: a bundle of parts packed into a
// stored zip.
// Input format and checks: fuzz_entry.h. Run: scripts/fuzz (docs/fuzzing.md).
#include "fuzz/fuzz_entry.h"
#include "fuzz/fuzz_target.h"

ANNEXA_FUZZ_TARGET(annexa::fuzz::FuzzXlsxXml)
