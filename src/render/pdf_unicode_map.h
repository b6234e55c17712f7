// The text of a PDF that libharu 2.3 writes, made extractable without
// warnings (issue 20). libharu's UTF-8 fonts (a Type0 font over a TrueType
// CIDFont whose CIDs are the characters' Unicode values) carry two faults:
// the font's /ToUnicode map is a copy of the encoding CMap (a
// `begincidrange`, which a ToUnicode map may not hold: pdftotext warns
// "Invalid 'begincidrange' operator in ToUnicode CMap" once per font per
// page) and the CIDFont's /CIDSystemInfo names the ordering "Identity-H"
// (a CMap's name, not a character collection: "Unknown character
// collection").
//
// MendUnicodeMaps replaces each such ToUnicode stream with a proper
// `beginbfrange` map of the characters the font's widths (/W) list (the
// CIDs are Unicode values), uncompressed, corrects the ordering to
// "Identity", and rebuilds the cross-reference table for the objects that
// moved. It reads only what libharu writes (one classic xref table); any
// other shape, and an encrypted PDF (whose streams are not plain), is left
// exactly as it was: for an encrypted PDF the writer replaces the map
// before saving instead (pdf_writer.cc, UseIdentityToUnicode).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace annexa::render {

// Returns how many ToUnicode maps were rewritten.
int MendUnicodeMaps(std::string* pdf);

// A ToUnicode map (the stream's text) in which each CID is its own Unicode
// value, over the inclusive `ranges`; "" when a range is not within
// 0..0xFFFF. A bfrange may not cross a change of the first byte, so ranges
// are cut there; at most 100 entries per block.
std::string IdentityToUnicode(const std::vector<std::pair<long, long>>& ranges);

}  // namespace annexa::render
