#include "render/pack_template.h"

#include <cstdlib>
#include <utility>

#include "core/text.h"
#include "core/text_limits.h"

#include <algorithm>
#include <optional>
#include <cmath>
#include <filesystem>

#include "core/yaml_reader.h"

namespace annexa::render {

namespace {


// "#RRGGBB" -> Rgb; nullopt otherwise.
std::optional<Rgb> ParseColour(const std::string& s) {
  if (s.size() != 7 || s[0] != '#') return std::nullopt;
  auto hex = [&](size_t i) -> int {
    int v = 0;
    for (size_t k = i; k < i + 2; ++k) {
      const char c = s[k];
      v *= 16;
      if (c >= '0' && c <= '9') v += c - '0';
      else if (c >= 'a' && c <= 'f') v += c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') v += c - 'A' + 10;
      else return -1;
    }
    return v;
  };
  const int r = hex(1), g = hex(3), b = hex(5);
  if (r < 0 || g < 0 || b < 0) return std::nullopt;
  return Rgb{r / 255.0, g / 255.0, b / 255.0};
}

}  // namespace

const std::vector<std::string>& KnownSections() {
  static const std::vector<std::string> kSections = {"summary", "indicators", "lists", "audited_cases",
                                                     "data_gaps", "row_accounting"};
  return kSections;
}

Result<PackTemplate> LoadPackTemplate(const std::string& path) {
  Result<YamlValue> doc = LoadYamlFile(path);
  if (!doc.ok()) return doc.status();
  Problems problems;
  FileReader r(path, &problems);
  PackTemplate t;
  const std::string what = "the template";
  if (!r.ExpectMap(*doc, what)) return problems.ToStatus();
  const YamlValue& v = *doc;
  r.CheckKeys(v, {"title", "paper", "landscape", "footer", "colours", "fonts", "logo", "font_size", "sections", "indicators",
                  "workbook", "audit_coverage"},
              what);
  if (const YamlValue* wbk = v.Find("workbook"); wbk && r.ExpectMap(*wbk, "'workbook'")) {
    r.CheckKeys(*wbk, {"header_fill"}, "'workbook'");
    if (const YamlValue* fill = wbk->Find("header_fill")) {
      auto rgb = fill->IsScalar() ? ParseColour(fill->scalar) : std::nullopt;
      if (!rgb) r.Error(fill->mark, "'header_fill' must be \"#RRGGBB\", not '" + fill->scalar + "'");
      else
        t.workbook_header_fill = static_cast<uint32_t>(std::lround(rgb->r * 255)) << 16 |
                                 static_cast<uint32_t>(std::lround(rgb->g * 255)) << 8 |
                                 static_cast<uint32_t>(std::lround(rgb->b * 255));
    }
  }
  t.title = r.Str(v, "title", what, false).value_or(t.title);
  t.footer = r.Str(v, "footer", what, false).value_or("");
  // One printable line each, capped (core/text_limits.h): they are on the
  // cover and every page.
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"title", &t.title}, {"footer", &t.footer}}) {
    if (const YamlValue* x = v.Find(key); x && x->IsScalar())
      if (std::string why = TextProblem(*value, kMaxLineChars); !why.empty()) r.Error(x->mark, std::string("'") + key + "' " + why);
  }
  if (const YamlValue* p = v.Find("paper")) {
    if (p->IsScalar() && (p->scalar == "A4" || p->scalar == "Letter")) t.style.paper = p->scalar;
    else r.Error(p->mark, "'paper' must be A4 or Letter, not '" + p->scalar + "'");
  }
  if (const YamlValue* l = v.Find("landscape")) t.style.landscape = r.Bool(*l, "landscape").value_or(false);
  if (const YamlValue* c = v.Find("colours"); c && r.ExpectMap(*c, "'colours'")) {
    r.CheckKeys(*c, {"primary", "accent", "text", "muted", "bar", "red", "amber", "green"}, "'colours'");
    for (const auto& [k, val] : c->entries) {
      auto rgb = val.IsScalar() ? ParseColour(val.scalar) : std::nullopt;
      if (!rgb) {
        r.Error(val.mark, "colour '" + k.scalar + "' must be \"#RRGGBB\", not '" + val.scalar + "'");
        continue;
      }
      Rgb* slot = k.scalar == "primary" ? &t.style.primary : k.scalar == "accent" ? &t.style.accent
                  : k.scalar == "text"  ? &t.style.text    : k.scalar == "muted"  ? &t.style.muted
                  : k.scalar == "bar"   ? &t.style.bar     : k.scalar == "red"    ? &t.style.red
                  : k.scalar == "amber" ? &t.style.amber   : k.scalar == "green"  ? &t.style.green
                                        : nullptr;
      if (slot) *slot = *rgb;
    }
  }
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  auto resolve = [&](const std::string& p) { return p.empty() || p[0] == '/' ? p : (dir / p).lexically_normal().string(); };
  if (const YamlValue* f = v.Find("fonts"); f && r.ExpectMap(*f, "'fonts'")) {
    r.CheckKeys(*f, {"regular", "bold"}, "'fonts'");
    if (auto reg = r.Str(*f, "regular", "'fonts'", false)) t.style.font_regular = resolve(*reg);
    if (auto bold = r.Str(*f, "bold", "'fonts'", false)) t.style.font_bold = resolve(*bold);
  }
  t.style.logo_png = resolve(r.Str(v, "logo", what, false).value_or(""));
  if (const YamlValue* s = v.Find("font_size")) {
    const auto size = r.Int(*s, "font_size");
    if (size && (*size < 6 || *size > 14)) r.Error(s->mark, "'font_size' must be from 6 to 14");
    else if (size) t.style.base_font_size = static_cast<double>(*size);
  }
  if (const YamlValue* s = v.Find("sections")) {
    t.sections = r.StrList(*s, "sections");
    for (const std::string& name : t.sections)
      if (std::find(KnownSections().begin(), KnownSections().end(), name) == KnownSections().end())
        r.Error(s->mark, "unknown section '" + name + "' (expected some of: " + Join(KnownSections(), ", ") + ")");
  }
  if (const YamlValue* i = v.Find("indicators")) t.indicators = r.StrList(*i, "indicators");
  if (const YamlValue* a = v.Find("audit_coverage"); a && r.ExpectMap(*a, "'audit_coverage'")) {
    r.CheckKeys(*a, {"minimum", "upper"}, "'audit_coverage'");
    for (auto [key, field] : {std::pair{"minimum", &t.audit_bands.minimum}, std::pair{"upper", &t.audit_bands.upper}}) {
      const YamlValue* x = a->Find(key);
      if (!x) continue;
      char* end = nullptr;
      const double d = std::strtod(x->scalar.c_str(), &end);
      if (!x->IsScalar() || x->scalar.empty() || *end || d < 0 || d > 100)
        r.Error(x->mark, std::string("'audit_coverage' '") + key + "' must be a percentage from 0 to 100, not '" +
                             x->scalar + "'");
      else
        *field = d;
    }
    if (t.audit_bands.minimum > t.audit_bands.upper)
      r.Error(a->mark, "'audit_coverage' minimum is above its upper band (the minimum is the lower one)");
  }
  if (!problems.empty()) return problems.ToStatus();
  return t;
}

Status CheckTemplateFiles(const PathGuard* sandbox, const std::string& template_path, const PackTemplate& tmpl) {
  if (!sandbox) return Status::Ok();
  auto inside = [&](const std::string& path, const std::string& what) {
    const std::string why = path.empty() ? "" : sandbox->Problem(path);
    return why.empty() ? Status::Ok() : InvalidArgument(template_path + ": " + what + ": " + why + " (--sandbox)");
  };
  const PdfStyle system;  // the default fonts are the system's, not the template's
  ANNEXA_RETURN_IF_ERROR(inside(tmpl.style.logo_png, "'logo'"));
  if (tmpl.style.font_regular != system.font_regular)
    ANNEXA_RETURN_IF_ERROR(inside(tmpl.style.font_regular, "'fonts' regular"));
  if (tmpl.style.font_bold != system.font_bold) ANNEXA_RETURN_IF_ERROR(inside(tmpl.style.font_bold, "'fonts' bold"));
  return Status::Ok();
}

}  // namespace annexa::render
