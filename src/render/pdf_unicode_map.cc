#include "render/pdf_unicode_map.h"

#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <utility>
#include <vector>

namespace annexa::render {

namespace {

// The body of object `num` ("num 0 obj" ... "endobj"): [begin, end) in pdf.
bool FindObject(const std::string& pdf, long num, size_t* begin, size_t* end) {
  const std::string head = std::to_string(num) + " 0 obj";
  for (size_t at = pdf.find(head); at != std::string::npos; at = pdf.find(head, at + 1)) {
    // The number starts a line (not "12 0 obj" inside "112 0 obj").
    if (at > 0 && pdf[at - 1] != '\n' && pdf[at - 1] != '\r') continue;
    const size_t stop = pdf.find("endobj", at);
    if (stop == std::string::npos) return false;
    *begin = at + head.size();
    *end = stop;
    return true;
  }
  return false;
}

// The integer after `key` ("/ToUnicode 5 0 R" -> 5) within [begin, end).
long RefAfter(const std::string& pdf, size_t begin, size_t end, std::string_view key, size_t* key_at = nullptr) {
  const size_t at = pdf.find(key, begin);
  if (at == std::string::npos || at >= end) return -1;
  if (key_at) *key_at = at;
  size_t p = at + key.size();
  while (p < end && (pdf[p] == ' ' || pdf[p] == '[')) ++p;
  return std::strtol(pdf.c_str() + p, nullptr, 10);
}

// The CIDs the /W array of the CIDFont in [begin, end) gives widths for, as
// ranges [first, last]: "/W [ 32 [ 317 400 ] 233 [ 615 ] ]" -> 32-33, 233.
// The form "c_first c_last w" covers c_first..c_last.
std::vector<std::pair<long, long>> WidthRanges(const std::string& pdf, size_t begin, size_t end) {
  std::vector<std::pair<long, long>> out;
  size_t p = pdf.find("/W [", begin);
  if (p == std::string::npos || p >= end) return out;
  p += 4;
  auto skip = [&] {
    while (p < end && (pdf[p] == ' ' || pdf[p] == '\n' || pdf[p] == '\r')) ++p;
  };
  auto number = [&](long* v) {
    skip();
    char* stop = nullptr;
    *v = std::strtol(pdf.c_str() + p, &stop, 10);
    const size_t used = static_cast<size_t>(stop - (pdf.c_str() + p));
    p += used;
    return used > 0;
  };
  while (true) {
    skip();
    if (p >= end || pdf[p] == ']') break;
    long first = 0;
    if (!number(&first)) return {};
    skip();
    if (p < end && pdf[p] == '[') {
      ++p;
      long n = 0, w = 0;
      while (true) {
        skip();
        if (p < end && pdf[p] == ']') {
          ++p;
          break;
        }
        if (!number(&w)) return {};
        ++n;
      }
      if (n > 0) out.emplace_back(first, first + n - 1);
    } else {
      long last = 0, w = 0;
      if (!number(&last) || !number(&w)) return {};
      out.emplace_back(first, last);
    }
  }
  return out;
}

std::string Hex4(long v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "<%04lX>", v);
  return buf;
}


// Rewrites the classic xref table (libharu writes one, after the last
// object) with every object's new offset. False when the table is not the
// shape expected; `pdf` is then unchanged.
bool RebuildXref(std::string* pdf_bytes) {
  std::string& pdf = *pdf_bytes;
  const size_t xref = pdf.rfind("\nxref\n");
  const size_t trailer = pdf.find("trailer", xref == std::string::npos ? 0 : xref);
  const size_t startxref = pdf.rfind("startxref\n");
  if (xref == std::string::npos || trailer == std::string::npos || startxref == std::string::npos || startxref < trailer)
    return false;
  long first = -1, count = -1;
  if (std::sscanf(pdf.c_str() + xref + 6, "%ld %ld", &first, &count) != 2 || first != 0 || count < 1) return false;
  std::string table = "xref\n0 " + std::to_string(count) + "\n0000000000 65535 f\r\n";
  for (long n = 1; n < count; ++n) {
    const std::string head = "\n" + std::to_string(n) + " 0 obj";
    const size_t at = pdf.find(head);
    // An xref offset has exactly ten digits.
    if (at == std::string::npos || at > xref || at + 1 > 9999999999ULL) return false;
    char entry[40];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", at + 1);
    table += entry;
  }
  const size_t eof = pdf.find("%%EOF", startxref);
  if (eof == std::string::npos) return false;
  std::string tail = pdf.substr(trailer, startxref - trailer);
  pdf.resize(xref + 1);
  const size_t new_xref = pdf.size();
  pdf += table + tail + "startxref\n" + std::to_string(new_xref) + "\n%%EOF\n";
  return true;
}

}  // namespace

std::string IdentityToUnicode(const std::vector<std::pair<long, long>>& ranges) {
  std::vector<std::pair<long, long>> cut;
  for (auto [a, b] : ranges) {
    if (a < 0 || b > 0xFFFF || a > b) return "";
    while ((a >> 8) != (b >> 8)) {
      cut.emplace_back(a, a | 0xFF);
      a = (a | 0xFF) + 1;
    }
    cut.emplace_back(a, b);
  }
  std::string s =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering "
      "(UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> "
      "<FFFF>\nendcodespacerange\n";
  for (size_t i = 0; i < cut.size(); i += 100) {
    const size_t n = std::min<size_t>(100, cut.size() - i);
    s += std::to_string(n) + " beginbfrange\n";
    for (size_t k = i; k < i + n; ++k) s += Hex4(cut[k].first) + " " + Hex4(cut[k].second) + " " + Hex4(cut[k].first) + "\n";
    s += "endbfrange\n";
  }
  return s + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

int MendUnicodeMaps(std::string* pdf_bytes) {
  if (pdf_bytes->find("/Encrypt") != std::string::npos) return 0;  // streams and strings not plain
  std::string pdf = *pdf_bytes;
  int mended = 0;
  constexpr std::string_view kType0 = "/Subtype /Type0";
  for (size_t at = pdf.find(kType0); at != std::string::npos; at = pdf.find(kType0, at + 1)) {
    const size_t obj = pdf.rfind(" 0 obj", at);
    const size_t obj_end = pdf.find("endobj", at);
    if (obj == std::string::npos || obj_end == std::string::npos) continue;
    const long to_unicode = RefAfter(pdf, obj, obj_end, "/ToUnicode ");
    const long descendant = RefAfter(pdf, obj, obj_end, "/DescendantFonts ");
    size_t cid_begin = 0, cid_end = 0, map_begin = 0, map_end = 0;
    if (to_unicode < 0 || descendant < 0 || !FindObject(pdf, descendant, &cid_begin, &cid_end)) continue;
    const std::string map = IdentityToUnicode(WidthRanges(pdf, cid_begin, cid_end));
    if (map.empty()) continue;
    // The CIDFont's ordering: a character collection, not a CMap's name.
    constexpr std::string_view kBad = "/Ordering (Identity-H)";
    if (const size_t o = pdf.find(kBad, cid_begin); o != std::string::npos && o < cid_end)
      pdf.replace(o, kBad.size(), "/Ordering (Identity)");
    if (!FindObject(pdf, to_unicode, &map_begin, &map_end)) continue;
    // Only libharu's copy of the encoding CMap is replaced.
    const std::string_view body(pdf.data() + map_begin, map_end - map_begin);
    if (body.find("/Type /CMap") == std::string_view::npos || body.find("/CMapName /UTF-8") == std::string_view::npos)
      continue;
    pdf.replace(map_begin, map_end - map_begin,
                "\n<<\n/Length " + std::to_string(map.size()) + "\n>>\nstream\r\n" + map + "\r\nendstream\n");
    ++mended;
  }
  if (mended == 0 || !RebuildXref(&pdf)) return 0;
  *pdf_bytes = std::move(pdf);
  return mended;
}

}  // namespace annexa::render
