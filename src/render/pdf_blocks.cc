#include "render/pdf_blocks.h"

#include <cmath>
#include <cstdio>

namespace annexa::render {

std::string Percent(double v) {
  if (std::isnan(v)) return "\u2013";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v);
  return buf;
}

std::string Count(int64_t n) {
  const std::string digits = std::to_string(n < 0 ? -(n + 1) + 1ULL : static_cast<uint64_t>(n));
  std::string out = n < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Number(double v, const std::string& unit) {
  if (std::isnan(v)) return "\u2013";
  if (unit == "%") return Percent(v);
  char buf[32];
  if (unit == "per 10,000") std::snprintf(buf, sizeof buf, "%.1f", v);
  else std::snprintf(buf, sizeof buf, "%.0f", v);
  // Thousands separated in the whole part: "12345.6" -> "12,345.6".
  std::string s = buf;
  size_t start = s[0] == '-' ? 1 : 0, end = s.find('.');
  if (end == std::string::npos) end = s.size();
  for (size_t i = end; i > start + 3; i -= 3) s.insert(i - 3, ",");
  return s;
}

Block KeyValues(std::vector<std::pair<std::string, std::string>> pairs) {
  Block b;
  b.kind = Block::Kind::kKeyValues;
  b.pairs = std::move(pairs);
  return b;
}

Block TableBlock(Table t) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.table = std::move(t);
  return b;
}

Block Text(Block::Kind kind, std::string text) {
  Block b;
  b.kind = kind;
  b.text = std::move(text);
  return b;
}

Block Chart(std::string title, std::vector<std::pair<std::string, double>> bars) {
  Block b;
  b.kind = Block::Kind::kBarChart;
  b.chart.title = std::move(title);
  b.chart.bars = std::move(bars);
  return b;
}

}  // namespace annexa::render
