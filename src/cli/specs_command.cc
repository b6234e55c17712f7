#include "cli/specs_command.h"

#include <charconv>
#include <iostream>
#include <ostream>

#include "core/text.h"
#include "mapping/code_resolver.h"
#include "spec/spec_loader.h"
#include "spec/value_aliases.h"

namespace annexa::cli {

namespace {

using spec::BlankBasis;
using spec::BlankRule;
using spec::ColumnSpec;
using spec::ColumnType;
using spec::ListSpec;
using spec::SpecVersion;

int NoPositionals(const ParsedArgs& args, AppContext& ctx) {
  if (args.positionals.empty()) return kExitOk;
  ctx.err << "annexa: unexpected argument '" << args.positionals[0] << "'\n";
  return kExitUsage;
}

std::string WindowText(const spec::Window& w) {
  std::string months = std::to_string(w.months) + " months";
  if (w.point_in_time && w.months) return "now + " + months;
  if (w.point_in_time) return "now";
  return months;
}

std::string WindowWords(const spec::Window& w) {
  std::string months = "the " + std::to_string(w.months) + " months before the reference date";
  if (w.point_in_time && w.months) return "at the reference date, and in " + months;
  if (w.point_in_time) return "at the reference date (point in time)";
  return "in " + months;
}

std::string GrainText(spec::Grain g) {
  switch (g) {
    case spec::Grain::kChild: return "per child";
    case spec::Grain::kEvent: return "per event";
    case spec::Grain::kAdopter: return "per adopter";
  }
  return "";
}

std::string TypeText(const ColumnSpec& c) {
  std::string t(spec::ToString(c.type));
  if (c.type == ColumnType::kInteger && (c.min || c.max)) {
    t += " ";
    t += c.min ? std::to_string(*c.min) : "";
    t += "..";
    t += c.max ? std::to_string(*c.max) : "";
  }
  if (!c.code_set.empty()) t += " (" + c.code_set + ")";
  return t;
}

std::string BlankText(const ColumnSpec& c) {
  std::string t;
  switch (c.blank) {
    case BlankRule::kNever: t = "never blank"; break;
    case BlankRule::kAllowed: t = "may be blank"; break;
    case BlankRule::kConditional: t = "blank only when " + c.blank_when; break;
  }
  if (c.blank_basis == BlankBasis::kImplementation) t += " [implementations' reading; Ofsted silent]";
  return t;
}

// Quotes a header so trailing spaces stay visible.
std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

Result<SpecVersion> LoadFor(const ParsedArgs& args, AppContext& ctx) {
  const std::string root = args.Get("specs-dir", ctx.resources.specs_dir);
  return spec::LoadSpecVersion(root, args.Get("spec", spec::kDefaultSpecVersion));
}

}  // namespace

int RunSpecsVersions(const ParsedArgs& args, AppContext& ctx) {
  if (int rc = NoPositionals(args, ctx)) return rc;
  for (const std::string& v : spec::AvailableVersions(ctx.resources.specs_dir)) {
    Result<SpecVersion> sv = spec::LoadSpecVersion(ctx.resources.specs_dir, v);
    if (!sv.ok()) return ReportFailure(sv.status(), ctx);
    ctx.out << Pad(v, 12) << "  " << sv->lists.size() << " lists, " << sv->TotalColumns() << " columns  "
            << sv->title << (v == spec::kDefaultSpecVersion ? "  (default)" : "") << "\n";
  }
  return kExitOk;
}

int RunSpecsList(const ParsedArgs& args, AppContext& ctx) {
  if (int rc = NoPositionals(args, ctx)) return rc;
  Result<SpecVersion> sv = LoadFor(args, ctx);
  if (!sv.ok()) return ReportFailure(sv.status(), ctx);
  ctx.out << sv->id << ": " << sv->title << " (" << sv->lists.size() << " lists, "
          << sv->TotalColumns() << " columns)\n\n";
  ctx.out << "List  " << Pad("Title", 72) << "Columns  " << Pad("Grain", 13) << "Window\n";
  for (const ListSpec& l : sv->lists) {
    std::string n = std::to_string(l.number);
    ctx.out << Pad(std::string(4 - n.size(), ' ') + n, 6) << Pad(l.title, 72);
    std::string cols = std::to_string(l.columns.size());
    ctx.out << std::string(7 - cols.size(), ' ') << cols << "  " << Pad(GrainText(l.grain), 13)
            << WindowText(l.window) << "\n";
  }
  ctx.out << "\nWindow: 'now' = at the reference date; 'N months' = in the N months before it.\n";
  return kExitOk;
}

int RunSpecsShow(const ParsedArgs& args, AppContext& ctx) {
  if (args.positionals.size() != 1) {
    ctx.err << "annexa: specs show needs one list number (1-11) or 'audit', e.g. `annexa specs show 8`\n";
    return kExitUsage;
  }
  Result<SpecVersion> sv = LoadFor(args, ctx);
  if (!sv.ok()) return ReportFailure(sv.status(), ctx);
  const std::string& word = args.positionals[0];
  int number = 0;
  auto [p, ec] = std::from_chars(word.data(), word.data() + word.size(), number);
  const bool whole = ec == std::errc() && p == word.data() + word.size() && number >= 1 && number <= 99;
  const ListSpec* list = word == "audit" ? sv->audit.get() : whole ? sv->FindList(number) : nullptr;
  if (!list) {
    ctx.err << "annexa: no list '" << word << "' in " << sv->id << " (lists 1-" << sv->lists.size()
            << (sv->audit ? ", or audit" : "") << ")\n";
    return kExitUsage;
  }
  ctx.out << list->title << "  [sheet " << list->sheet << ", " << sv->id << ", " << list->columns.size()
          << " columns]\n\n";
  ctx.out << "Inclusion: " << list->inclusion << "\n";
  ctx.out << "Rows:      " << (list->grain_note.empty() ? GrainText(list->grain) : list->grain_note) << "\n";
  ctx.out << "Window:    " << WindowWords(list->window) << "\n";
  for (size_t i = 0; i < list->columns.size(); ++i) {
    const ColumnSpec& c = list->columns[i];
    ctx.out << "\n" << (i + 1) << ". [" << ColumnLetters(static_cast<int>(i) + 1) << "] " << Quoted(c.header)
            << "\n";
    ctx.out << "   key: " << c.key << "; type: " << TypeText(c) << "; " << BlankText(c) << "\n";
    if (!c.blank_only_if_blank.empty())
      ctx.out << "   must be filled when '" << c.blank_only_if_blank << "' is filled\n";
    if (!c.guidance.empty()) ctx.out << "   guidance: " << c.guidance << "\n";
    if (!c.aliases.empty()) ctx.out << "   also read as: " << Join(c.aliases, " | ") << "\n";
    if (const spec::CodeSet* set = sv->FindCodeSet(c.code_set)) {
      ctx.out << (c.type == ColumnType::kText ? "   special values:\n" : "   allowed values:\n");
      for (const spec::CodeValue& v : set->values) {
        ctx.out << "     " << v.display;
        if (!v.label.empty() && v.display.find(v.label) == std::string::npos) ctx.out << "  = " << v.label;
        if (!v.aliases.empty()) ctx.out << "   (also: " << Join(v.aliases, " | ") << ")";
        ctx.out << "\n";
      }
    }
  }
  return kExitOk;
}

int RunSpecsCheck(const ParsedArgs& args, AppContext& ctx) {
  if (int rc = NoPositionals(args, ctx)) return rc;
  Result<SpecVersion> sv = LoadFor(args, ctx);
  if (!sv.ok()) return ReportFailure(sv.status(), ctx);
  ctx.out << sv->id << ": OK, " << sv->lists.size() << " lists, " << sv->TotalColumns() << " columns, "
          << sv->code_sets.size() << " code sets\n";
  return kExitOk;
}

int RunSpecsRead(const ParsedArgs& args, AppContext& ctx) {
  if (args.positionals.empty()) {
    ctx.err << "annexa: specs read needs a code set and values, e.g. `annexa specs read ETHNICITY \"Black - "
               "Kenyan\"`, or a code set and values one per line on standard input\n";
    return kExitUsage;
  }
  Result<SpecVersion> sv = LoadFor(args, ctx);
  if (!sv.ok()) return ReportFailure(sv.status(), ctx);
  const spec::CodeSet* set = sv->FindCodeSet(args.positionals[0]);
  if (!set) {
    std::vector<std::string> names;
    for (const auto& entry : sv->code_sets) names.push_back(entry.first);
    ctx.err << "annexa: no code set '" << args.positionals[0] << "'; the code sets are: " << Join(names, ", ")
            << "\n";
    return kExitUsage;
  }
  const std::string root = args.Get("specs-dir", ctx.resources.specs_dir);
  Result<spec::ValueAliases> aliases = spec::LoadValueAliases(root + "/value_aliases.yaml");
  if (!aliases.ok()) return ReportFailure(aliases.status(), ctx);
  const std::string column = args.Get("column", "");
  if (!column.empty()) {
    // The column must exist and use this code set, or its spellings would
    // be read against the wrong values.
    bool found = false;
    for (const spec::ListSpec& list : sv->lists)
      for (const auto& c : list.columns) found = found || (c.key == column && c.code_set == set->name);
    if (!found) {
      ctx.err << "annexa: no column '" << column << "' with code set " << set->name
              << " in " << sv->id << " (column keys: `annexa specs show LIST`)\n";
      return kExitUsage;
    }
  }
  const mapping::CodeResolver resolver(*set, *aliases, nullptr, column);
  std::vector<std::string> values(args.positionals.begin() + 1, args.positionals.end());
  if (values.empty())
    for (std::string line; std::getline(std::cin, line);)
      if (!Trim(line).empty()) values.emplace_back(Trim(line));
  int refused = 0;
  for (const std::string& v : values) {
    const mapping::Resolution r = resolver.Read(v);
    refused += r.display == nullptr;
    ctx.out << v << "\t" << (r.display ? *r.display : "(not read)") << "\t"
            << (!r.display ? "map it in the config's code_maps" : r.exact ? "exact" : "spelling (reported)") << "\n";
  }
  return refused ? kExitFindings : kExitOk;
}

}  // namespace annexa::cli
