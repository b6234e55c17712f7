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

namespace {

// "-12345.6" -> "-12,345.6": commas between the whole part's thousands.
std::string Grouped(std::string s) {
  const size_t start = !s.empty() && s[0] == '-' ? 1 : 0;
  size_t end = s.find('.');
  if (end == std::string::npos) end = s.size();
  for (size_t i = end; i > start + 3; i -= 3) s.insert(i - 3, ",");
  return s;
}

}  // namespace

std::string Count(int64_t n) { return Grouped(std::to_string(n)); }

std::string Number(double v, const std::string& unit) {
  if (std::isnan(v)) return "\u2013";
  if (unit == "%") return Percent(v);
  char buf[32];
  if (unit == "per 10,000") std::snprintf(buf, sizeof buf, "%.1f", v);
  else std::snprintf(buf, sizeof buf, "%.0f", v);
  return Grouped(buf);
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
