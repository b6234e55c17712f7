#include "cli/indicators_command.h"

#include <cstdio>
#include <ostream>

#include "core/text.h"
#include "indicators/indicator_spec.h"
#include "indicators/indicator_table.h"
#include "indicators/indicators_markdown.h"

namespace annexa::cli {

namespace {

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// "min 80, upper 90 (higher is better)", or "-" without a default.
std::string Targets(const std::optional<indicators::Target>& target) {
  if (!target) return "-";
  const indicators::Target& t = *target;
  std::string s;
  if (t.minimum) s += "min " + Number(*t.minimum);
  if (t.upper) s += (s.empty() ? "" : ", ") + std::string("upper ") + Number(*t.upper);
  return s + (t.higher_is_better ? " (higher is better)" : " (lower is better)");
}

}  // namespace

int RunIndicators(const ParsedArgs& args, AppContext& ctx) {
  if (!args.positionals.empty()) {
    ctx.err << "annexa: unexpected argument '" << args.positionals[0] << "'\n";
    return kExitUsage;
  }
  Result<indicators::IndicatorSpecs> shipped =
      indicators::LoadIndicatorSpecs({indicators::ShippedIndicatorsFile(ctx.resources.specs_dir)}, nullptr);
  if (!shipped.ok()) {
    ctx.err << "annexa: " << shipped.status().message() << "\n";
    return kExitUsage;
  }
  if (args.Has("markdown")) {
    ctx.out << indicators::IndicatorsMarkdown(*shipped);
    return kExitOk;
  }
  size_t id_width = 2, title_width = 5;
  for (const indicators::IndicatorSpec& d : shipped->indicators) {
    id_width = std::max(id_width, d.id.size());
    title_width = std::max(title_width, d.title.size());
  }
  for (const indicators::IndicatorDef& d : indicators::IndicatorTable()) {
    id_width = std::max(id_width, d.id.size());
    title_width = std::max(title_width, d.title.size());
  }
  ctx.out << Pad("Ref", 7) << Pad("Id", id_width + 2) << Pad("Title", title_width + 2) << Pad("Period", 14)
          << Pad("Unit", 12) << "Default targets\n";
  for (const indicators::IndicatorSpec& d : shipped->indicators)
    ctx.out << Pad(d.reference, 7) << Pad(d.id, id_width + 2) << Pad(d.title, title_width + 2)
            << Pad(indicators::PeriodName(d.period), 14) << Pad(d.unit, 12) << Targets(d.default_target) << "\n";
  for (const indicators::IndicatorDef& d : indicators::IndicatorTable())
    ctx.out << Pad(d.reference, 7) << Pad(d.id, id_width + 2) << Pad(d.title, title_width + 2) << Pad(d.period, 14)
            << Pad(d.unit, 12) << Targets(d.default_target) << "\n";
  ctx.out << "\nDefinitions, trends and notes: annexa indicators --markdown (docs/indicators.md)\n";
  return kExitOk;
}

}  // namespace annexa::cli
