// The parts every sheet shares, read once at open: the shared strings
// (rich text joined, phonetic runs skipped, _xHHHH_ escapes decoded) and
// which cell styles format their numbers as dates; plus reading a part
// whole or in slices as it is inflated.
#include "sources/xlsx_shared_parts.h"

#include <algorithm>
#include <utility>

namespace annexa::sources::detail {

namespace {

// Reads an OOXML "_xHHHH_" escape at s[i]; false when there is none.
bool ReadEscape(std::string_view s, size_t i, uint32_t& code) {
  if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return false;
  auto [p, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, code, 16);
  return ec == std::errc() && p == s.data() + i + 6;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
    return;
  }
  int extra = cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3;
  const uint32_t lead = (0xFF00u >> (extra + 1)) & 0xFF;  // 0xC0, 0xE0 or 0xF0
  out += static_cast<char>(lead | (cp >> (6 * extra)));
  for (int shift = 6 * (extra - 1); shift >= 0; shift -= 6) {
    out += static_cast<char>(0x80 | ((cp >> shift) & 0x3F));
  }
}

std::string ItemText(XmlNode item) {
  std::string out;
  AppendItemText(item, out);
  return out;
}

bool IsBuiltinDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

// A custom number format shows a date or time when it has a d, m, y, h or s
// token outside quoted literals, [...] sections (locale, colour, condition),
// backslash escapes and the _x / *x padding pairs.
bool IsDateFormatCode(std::string_view code) {
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"' || c == '[') {
      i = code.find(c == '"' ? '"' : ']', i + 1);
      if (i == std::string_view::npos) return false;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (std::string_view("dmyhsDMYHS").find(c) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string DecodeEscapes(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    if (!ReadEscape(s, i, cp)) {
      out += s[i++];
      continue;
    }
    i += 7;
    uint32_t low = 0;
    if (cp >= 0xD800 && cp <= 0xDBFF && ReadEscape(s, i, low) && low >= 0xDC00 && low <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 7;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    AppendUtf8(out, cp);
  }
  return out;
}

void AppendItemText(XmlNode item, std::string& out) {
  const size_t start = out.size();
  for (XmlNode child = item.FirstChild(); child; child = child.NextSibling()) {
    std::string_view name = child.LocalName();
    if (name == "t") {
      child.AppendText(out);
    } else if (name == "r") {
      for (XmlNode t = child.FirstChild("t"); t; t = t.NextSibling("t")) t.AppendText(out);
    }
  }
  if (out.find("_x", start) == std::string::npos) return;
  std::string decoded = DecodeEscapes(out.substr(start));
  out.resize(start);
  out += decoded;
}

Result<XmlDocument> ReadXml(ZipArchive& zip, const std::string& part) {
  Result<std::string> bytes = zip.Read(part);
  if (!bytes.ok()) return bytes.status();
  return XmlDocument::Parse(std::move(bytes).value(), zip.name() + ":" + part);
}

Status ParsePart(ZipArchive& zip, const std::string& part, std::string_view container,
                 std::string_view item, size_t slice_bytes,
                 const XmlDocument::SliceVisitor& visit) {
  return XmlDocument::ParseInSlices(
      [&zip, &part](const XmlDocument::ByteSink& sink) { return zip.ReadInPieces(part, sink); },
      zip.name() + ":" + part, container, item, slice_bytes, visit);
}

Status ReadSharedStrings(ZipArchive& zip, const std::string& part, size_t slice_bytes,
                         std::vector<std::string>& out) {
  return ParsePart(zip, part, "sst", "si", slice_bytes, [&out](XmlNode sst, bool restart) {
    if (restart) out.clear();
    for (XmlNode si = sst.FirstChild("si"); si; si = si.NextSibling("si")) {
      out.push_back(ItemText(si));
    }
    return Status::Ok();
  });
}

Result<std::vector<uint8_t>> ReadDateStyles(ZipArchive& zip, const std::string& part) {
  Result<XmlDocument> doc = ReadXml(zip, part);
  if (!doc.ok()) return doc.status();
  XmlNode root = doc->Root();
  std::vector<std::pair<int, bool>> custom;
  for (XmlNode f = root.FirstChild("numFmts").FirstChild("numFmt"); f; f = f.NextSibling("numFmt")) {
    int id = 0;
    if (ParseInt(f.Attribute("numFmtId"), id)) {
      custom.emplace_back(id, IsDateFormatCode(f.Attribute("formatCode")));
    }
  }
  std::vector<uint8_t> date_xf;
  for (XmlNode xf = root.FirstChild("cellXfs").FirstChild("xf"); xf; xf = xf.NextSibling("xf")) {
    int id = 0;
    bool is_date = false;
    if (ParseInt(xf.Attribute("numFmtId"), id)) {
      auto it = std::find_if(custom.begin(), custom.end(), [id](auto& c) { return c.first == id; });
      is_date = it != custom.end() ? it->second : IsBuiltinDateFormat(id);
    }
    date_xf.push_back(is_date ? 1 : 0);
  }
  return date_xf;
}

}  // namespace annexa::sources::detail
