// libFuzzer target: the xlsx reader (sources/xlsx_reader.h) on whole workbook files: zip
// container, parts, sheets.
// Input format and checks: fuzz_entry.h. Run: scripts/fuzz (docs/fuzzing.md).
#include "fuzz/fuzz_entry.h"
#include "fuzz/fuzz_target.h"

ANNEXA_FUZZ_TARGET(annexa::fuzz::FuzzXlsx)
