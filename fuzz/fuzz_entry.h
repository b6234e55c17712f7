// The body of every fuzz target, shared by the libFuzzer targets
// (fuzz/*_fuzzer.cc) and the test that replays their findings
// (tests/fuzz/fuzz_regression_test.cc), so a replayed input takes exactly
// the path the fuzzer took. Each returns what the reader said: OK or its
// error. A crash, leak, hang or undefined behaviour is what the fuzzer and
// the sanitizers look for; an error Status is a correct answer.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace annexa::fuzz {

// CSV: byte 0 XOR '0' picks the options (bits 0-1 delimiter , ; tab |;
// bits 2-3 encoding auto/utf-8/windows-1252/auto; bit 4 trim off; bits 5-6
// header_row - 1; bit 7 max_field_bytes 64), so a seed starting with '0'
// reads with the defaults. The rest is the file.
Status FuzzCsv(std::string_view data);

// xlsx: the bytes are the workbook file; every sheet is opened and its
// cells read as text and as dates.
Status FuzzXlsx(std::string_view data);

// xlsx parts: a bundle (see SplitBundle) of part names and XML texts,
// packed into an uncompressed zip and read as FuzzXlsx does, so mutations
// reach the XML rather than breaking the zip's checksums.
Status FuzzXlsxXml(std::string_view data);

// CIN census: the bytes are the XML return.
Status FuzzCinCensus(std::string_view data);

// Council config: the bytes are the YAML; a config that loads is then
// checked against the repository's spec version it names.
Status FuzzConfig(std::string_view data);

// Spec: a bundle of YAML files under an in-memory specs root
// ("codes.yaml", "v1/version.yaml", ...); every version in it is loaded.
Status FuzzSpec(std::string_view data);

// Splits "@@ name\n<text>\n@@ name2\n<text>" into name -> text. Text before
// the first "@@ " line is ignored; a repeated name keeps the last text.
std::map<std::string, std::string> SplitBundle(std::string_view data);

// A zip archive holding `parts` stored (not compressed), with correct
// CRCs: what FuzzXlsxXml opens.
std::string StoredZip(const std::map<std::string, std::string>& parts);

}  // namespace annexa::fuzz
