#include "spec/spec_loader.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <map>
#include <set>

#include "core/file_util.h"
#include "core/text.h"
#include "core/yaml_adapter.h"
#include "core/yaml_reader.h"
#include "core/finding_kinds.h"
#include "spec/rule_loader.h"

namespace annexa::spec {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxBaseDepth = 8;
// ---- code sets -------------------------------------------------------------

struct CodeSetsFile {
  std::map<std::string, CodeSet> all;  // every value, with its versions
};

void ReadCodeValue(const FileReader& r, const YamlValue& v, const std::set<std::string>& known_versions,
                   CodeSet* set) {
  const std::string what = "code value";
  if (!r.ExpectMap(v, what)) return;
  r.CheckKeys(v, {"display", "code", "label", "detail", "group", "group2", "aliases", "dfe_codes", "versions"}, what);
  CodeValue out;
  out.display = r.Str(v, "display", what, true).value_or("");
  out.code = r.Str(v, "code", what, false).value_or("");
  out.label = r.Str(v, "label", what, false).value_or("");
  out.detail = r.Str(v, "detail", what, false).value_or("");
  out.group = r.Str(v, "group", what, false).value_or("");
  out.group2 = r.Str(v, "group2", what, false).value_or("");
  if (const YamlValue* a = v.Find("aliases")) out.aliases = r.StrList(*a, "aliases");
  if (const YamlValue* a = v.Find("dfe_codes")) out.dfe_codes = r.StrList(*a, "dfe_codes");
  if (const YamlValue* vs = v.Find("versions")) {
    out.versions = r.StrList(*vs, "versions");
    for (const std::string& ver : out.versions)
      if (!known_versions.count(ver))
        r.Error(vs->mark, "code value '" + out.display + "' names unknown version '" + ver + "'");
  }
  set->values.push_back(std::move(out));
}

CodeSetsFile ReadCodeSets(const FileReader& r, const YamlValue& root, const std::set<std::string>& known) {
  CodeSetsFile out;
  if (!r.ExpectMap(root, "the code sets file")) return out;
  r.CheckKeys(root, {"code_sets"}, "the code sets file");
  const YamlValue* sets = root.Find("code_sets");
  if (!sets) {
    r.Error(root.mark, "the code sets file is missing required key 'code_sets'");
    return out;
  }
  if (!r.ExpectMap(*sets, "'code_sets'")) return out;
  for (const auto& [name, body] : sets->entries) {
    const std::string what = "code set '" + name.scalar + "'";
    if (!r.ExpectMap(body, what)) continue;
    r.CheckKeys(body, {"title", "note", "values"}, what);
    CodeSet set;
    set.name = name.scalar;
    set.title = r.Str(body, "title", what, true).value_or("");
    set.note = r.Str(body, "note", what, false).value_or("");
    const YamlValue* values = body.Find("values");
    if (!values || !values->IsSequence() || values->items.empty()) {
      r.Error(values ? values->mark : body.mark, what + " needs a non-empty list of 'values'");
      continue;
    }
    for (const YamlValue& v : values->items) ReadCodeValue(r, v, known, &set);
    out.all.emplace(set.name, std::move(set));
  }
  return out;
}

bool AcceptedIn(const CodeValue& v, const std::string& version) {
  return v.versions.empty() || std::find(v.versions.begin(), v.versions.end(), version) != v.versions.end();
}

// The code sets as one version sees them; a spelling that could mean two
// values is a problem.
std::map<std::string, CodeSet> FilterCodeSets(const CodeSetsFile& file, const std::string& version,
                                              const FileReader& r) {
  std::map<std::string, CodeSet> out;
  for (const auto& [name, set] : file.all) {
    CodeSet filtered = set;
    filtered.values.clear();
    std::map<std::string, std::string> seen;  // match form -> display
    for (const CodeValue& v : set.values) {
      if (!AcceptedIn(v, version)) continue;
      std::vector<std::string> spellings = v.aliases;
      spellings.insert(spellings.begin(), v.display);
      spellings.insert(spellings.end(), v.dfe_codes.begin(), v.dfe_codes.end());
      for (const std::string& s : spellings) {
        auto [it, fresh] = seen.emplace(MatchForm(s), v.display);
        if (!fresh)
          r.Error({}, "code set '" + name + "': '" + s + "' matches both '" + it->second + "' and '" +
                          v.display + "' in " + version);
      }
      filtered.values.push_back(v);
    }
    out.emplace(name, std::move(filtered));
  }
  return out;
}

// ---- columns ---------------------------------------------------------------

const std::initializer_list<std::string_view> kColumnKeys = {
    "use", "key", "header", "aliases", "type", "min", "max", "code_set",
    "blank", "blank_when", "blank_only_if_blank", "blank_basis", "guidance", "personal"};

// Applies one column's keys (a full definition or a `use:` override).
void ApplyColumnKeys(const FileReader& r, const YamlValue& v, const std::string& what, ColumnSpec* c) {
  if (v.Find("blank")) {  // a new blank rule does not inherit the old condition
    c->blank_when.clear();
    c->blank_only_if_blank.clear();
  }
  for (const auto& [k, val] : v.entries) {
    const std::string& key = k.scalar;
    if (key == "use") continue;
    if (key == "aliases") {
      c->aliases = r.StrList(val, key);
      continue;
    }
    if (!val.IsScalar()) {
      r.Error(val.mark, "'" + key + "' in " + what + " must be a single value");
      continue;
    }
    if (key == "key") c->key = val.scalar;
    else if (key == "header") c->header = val.scalar;
    else if (key == "code_set") c->code_set = val.scalar;
    else if (key == "blank_when") c->blank_when = val.scalar;
    else if (key == "blank_only_if_blank") c->blank_only_if_blank = val.scalar;
    else if (key == "guidance") c->guidance = val.scalar;
    else if (key == "min") c->min = r.Int(val, key);
    else if (key == "max") c->max = r.Int(val, key);
    else if (key == "type") {
      if (auto t = r.OneOf<ColumnType>(val, "type",
                                       {{"id", ColumnType::kId}, {"date", ColumnType::kDate},
                                        {"integer", ColumnType::kInteger}, {"code", ColumnType::kCode},
                                        {"text", ColumnType::kText}, {"postcode", ColumnType::kPostcode}},
                                       what))
        c->type = *t;
    } else if (key == "blank") {
      if (auto b = r.OneOf<BlankRule>(val, "blank rule",
                                      {{"never", BlankRule::kNever}, {"allowed", BlankRule::kAllowed},
                                       {"conditional", BlankRule::kConditional}},
                                      what))
        c->blank = *b;
    } else if (key == "blank_basis") {
      if (auto b = r.OneOf<BlankBasis>(val, "blank_basis",
                                       {{"ofsted", BlankBasis::kOfsted},
                                        {"implementation", BlankBasis::kImplementation}},
                                       what))
        c->blank_basis = *b;
    } else if (key == "personal") {
      if (auto p = r.OneOf<Personal>(val, "personal",
                                     {{"none", Personal::kNone}, {"id", Personal::kId},
                                      {"date_of_birth", Personal::kDateOfBirth},
                                      {"postcode", Personal::kPostcode}, {"name", Personal::kName}},
                                     what))
        c->personal = *p;
    }
  }
}

// The mark of `key` when this definition sets it, else of the definition.
YamlMark KeyMark(const YamlValue& v, std::string_view key) {
  const YamlValue* k = v.Find(key);
  return k ? k->mark : v.mark;
}

// Checks that hold for a finished column, wherever its keys came from.
// `v` is the definition being checked (for positions).
void CheckColumn(const FileReader& r, const YamlValue& v, const std::string& what,
                 const std::map<std::string, CodeSet>& code_sets, ColumnSpec* c) {
  const YamlMark mark = v.mark;
  if (c->key.empty()) r.Error(mark, what + " is missing required key 'key'");
  if (c->header.empty()) r.Error(mark, what + " is missing required key 'header'");
  if ((c->min || c->max) && c->type != ColumnType::kInteger)
    r.Error(KeyMark(v, v.Find("min") ? "min" : "max"), what + ": 'min' and 'max' apply only to type integer");
  if (c->min && c->max && *c->min > *c->max)
    r.Error(KeyMark(v, "min"), what + ": 'min' " + std::to_string(*c->min) + " is greater than 'max' " +
                      std::to_string(*c->max));
  if (c->type == ColumnType::kCode && c->code_set.empty())
    r.Error(mark, what + " of type code needs a 'code_set'");
  if (!c->code_set.empty()) {
    if (c->type != ColumnType::kCode && c->type != ColumnType::kText)
      r.Error(KeyMark(v, "code_set"), what + ": 'code_set' applies only to types code and text");
    if (!code_sets.count(c->code_set))
      r.Error(KeyMark(v, "code_set"), what + " uses undefined code set '" + c->code_set + "'");
  }
  if (c->blank == BlankRule::kConditional && c->blank_when.empty())
    r.Error(KeyMark(v, "blank"), what + " has blank: conditional but no 'blank_when'");
  if (c->blank != BlankRule::kConditional && (!c->blank_when.empty() || !c->blank_only_if_blank.empty()))
    r.Error(KeyMark(v, "blank"), what + ": 'blank_when' and 'blank_only_if_blank' need blank: conditional");
  // Each kind of personal value is rewritten one way (src/protect/), which
  // only makes sense for some column types.
  const bool fits = c->personal == Personal::kNone ||
                    (c->personal == Personal::kId && (c->type == ColumnType::kId || c->type == ColumnType::kText)) ||
                    (c->personal == Personal::kDateOfBirth && c->type == ColumnType::kDate) ||
                    (c->personal == Personal::kPostcode && (c->type == ColumnType::kPostcode || c->type == ColumnType::kText)) ||
                    (c->personal == Personal::kName && c->type == ColumnType::kText);
  if (!fits)
    r.Error(KeyMark(v, "personal"), what + ": 'personal: " + std::string(ToString(c->personal)) +
                                        "' does not apply to type " + std::string(ToString(c->type)));
  c->match_form = MatchForm(c->header);
}

struct SharedColumns {
  std::map<std::string, ColumnSpec> by_name;
};

SharedColumns ReadSharedColumns(const FileReader& r, const YamlValue& root,
                                const std::map<std::string, CodeSet>& code_sets) {
  SharedColumns out;
  if (!r.ExpectMap(root, "the shared columns file")) return out;
  r.CheckKeys(root, {"columns"}, "the shared columns file");
  const YamlValue* cols = root.Find("columns");
  if (!cols || !r.ExpectMap(*cols, "'columns'")) return out;
  for (const auto& [name, body] : cols->entries) {
    const std::string what = "shared column '" + name.scalar + "'";
    if (!r.ExpectMap(body, what)) continue;
    r.CheckKeys(body, kColumnKeys, what);
    if (body.Find("use")) r.Error(body.mark, what + " cannot 'use' another column");
    ColumnSpec c;
    c.key = name.scalar;
    ApplyColumnKeys(r, body, what, &c);
    CheckColumn(r, body, what, code_sets, &c);
    out.by_name.emplace(name.scalar, std::move(c));
  }
  return out;
}

// ---- lists -----------------------------------------------------------------

void ReadColumns(const FileReader& r, const YamlValue& cols, const SharedColumns& shared,
                 const std::map<std::string, CodeSet>& code_sets, ListSpec* list) {
  std::map<std::string, int> key_lines, header_lines;
  std::vector<YamlMark> marks;
  for (const YamlValue& v : cols.items) {
    std::string what = "column " + std::to_string(list->columns.size() + 1) + " of List " +
                       std::to_string(list->number);
    if (!r.ExpectMap(v, what)) continue;
    if (const YamlValue* k = v.Find("key"); k && k->IsScalar()) what = "column '" + k->scalar + "'";
    else if (const YamlValue* u = v.Find("use"); u && u->IsScalar()) what = "column '" + u->scalar + "'";
    r.CheckKeys(v, kColumnKeys, what);
    ColumnSpec c;
    if (auto use = r.Str(v, "use", what, false)) {
      auto it = shared.by_name.find(*use);
      if (it == shared.by_name.end()) {
        r.Error(v.Find("use")->mark, what + " uses undefined shared column '" + *use + "'");
        continue;
      }
      c = it->second;
    }
    ApplyColumnKeys(r, v, what, &c);
    CheckColumn(r, v, what, code_sets, &c);
    if (!c.key.empty()) {
      auto [it, fresh] = key_lines.emplace(c.key, v.mark.line);
      if (!fresh)
        r.Error(v.mark, "duplicate column '" + c.key + "' in List " + std::to_string(list->number) +
                            " (first defined at line " + std::to_string(it->second) + ")");
    }
    if (!c.header.empty()) {
      auto [it, fresh] = header_lines.emplace(c.match_form, v.mark.line);
      if (!fresh)
        r.Error(v.mark, "duplicate column header '" + c.header + "' in List " +
                            std::to_string(list->number) + " (first defined at line " +
                            std::to_string(it->second) + ")");
    }
    marks.push_back(v.mark);
    list->columns.push_back(std::move(c));
  }
  for (size_t i = 0; i < list->columns.size(); ++i) {
    const ColumnSpec& c = list->columns[i];
    if (!c.blank_only_if_blank.empty() && !list->FindColumn(c.blank_only_if_blank))
      r.Error(marks[i], "column '" + c.key + "': 'blank_only_if_blank' names unknown column '" +
                            c.blank_only_if_blank + "'");
  }
}

std::optional<ListSpec> ReadList(const FileReader& r, const YamlValue& root, const SharedColumns& shared,
                                 const std::map<std::string, CodeSet>& code_sets) {
  const std::string what = "the list file";
  if (!r.ExpectMap(root, what)) return std::nullopt;
  r.CheckKeys(root, {"list", "title", "sheet", "inclusion", "grain", "grain_note", "window", "summary", "columns"}, what);
  ListSpec list;
  list.file = r.file();
  if (const YamlValue* n = root.Find("list")) {
    if (n->IsScalar() && n->scalar == "audited_cases") {
      list.number = kAuditedCasesList;
    } else {
      // Range-checked before narrowing: 'list: 4294967297' is not List 1.
      const int64_t number = r.Int(*n, "list").value_or(0);
      list.number = number >= 1 && number <= 99 ? static_cast<int>(number) : 0;
      if (number < 1 || number > 99)
        r.Error(n->mark, "'list' must be a number from 1 to 99 (or audited_cases)");
    }
  } else {
    r.Error(root.mark, what + " is missing required key 'list'");
  }
  list.title = r.Str(root, "title", what, true).value_or("");
  list.sheet = r.Str(root, "sheet", what, true).value_or("");
  list.inclusion = r.Str(root, "inclusion", what, true).value_or("");
  list.grain_note = r.Str(root, "grain_note", what, false).value_or("");
  if (const YamlValue* g = root.Find("grain")) {
    if (auto grain = r.OneOf<Grain>(*g, "grain",
                                    {{"child", Grain::kChild}, {"event", Grain::kEvent},
                                     {"adopter", Grain::kAdopter}},
                                    "the list"))
      list.grain = *grain;
  } else {
    r.Error(root.mark, what + " is missing required key 'grain'");
  }
  if (const YamlValue* w = root.Find("window"); w && r.ExpectMap(*w, "'window'")) {
    r.CheckKeys(*w, {"months", "point_in_time"}, "'window'");
    if (const YamlValue* m = w->Find("months")) {
      const int64_t months = r.Int(*m, "months").value_or(0);
      list.window.months = static_cast<int>(std::clamp<int64_t>(months, -1, 121));
      if (months < 1 || months > 120)
        r.Error(m->mark, "'months' must be from 1 to 120");
    }
    if (const YamlValue* p = w->Find("point_in_time")) list.window.point_in_time = r.Bool(*p, "point_in_time").value_or(false);
    if (list.window.months == 0 && !list.window.point_in_time)
      r.Error(w->mark, "'window' needs 'months', 'point_in_time: true', or both");
  } else if (!root.Find("window")) {
    r.Error(root.mark, what + " is missing required key 'window'");
  }
  const YamlValue* cols = root.Find("columns");
  if (!cols || !cols->IsSequence() || cols->items.empty()) {
    r.Error(cols ? cols->mark : root.mark, what + " needs a non-empty list of 'columns'");
    return list;
  }
  ReadColumns(r, *cols, shared, code_sets, &list);
  if (const YamlValue* sm = root.Find("summary"); sm && r.ExpectMap(*sm, "'summary'")) {
    r.CheckKeys(*sm, {"date", "breakdowns"}, "'summary'");
    list.summary.date = r.Str(*sm, "date", "'summary'", false).value_or("");
    if (const YamlValue* b = sm->Find("breakdowns")) list.summary.breakdowns = r.StrList(*b, "breakdowns");
    std::vector<std::string> keys = list.summary.breakdowns;
    if (!list.summary.date.empty()) keys.push_back(list.summary.date);
    for (const std::string& k : keys)
      if (!list.FindColumn(k)) r.Error(sm->mark, "'summary' names unknown column '" + k + "'");
    if (!list.summary.date.empty() && list.FindColumn(list.summary.date) &&
        list.FindColumn(list.summary.date)->type != ColumnType::kDate)
      r.Error(sm->mark, "'summary' date '" + list.summary.date + "' is not a date column");
  }
  return list;
}

// ---- versions --------------------------------------------------------------

// Reads one YAML file of the spec by its path ("<root>/<version>/x.yaml"):
// from disk, or from texts in memory.
using YamlLoader = std::function<Result<YamlValue>(const std::string& path)>;
// The .yaml files in a folder ("<root>/<version>/rules"), sorted by name;
// empty when there is no such folder.
using YamlLister = std::function<std::vector<std::string>(const std::string& dir)>;

class VersionLoader {
 public:
  VersionLoader(std::string root, const std::vector<std::string>& versions, YamlLoader load, YamlLister list,
                Problems* problems)
      : root_(std::move(root)), problems_(problems), known_(versions.begin(), versions.end()),
        load_(std::move(load)), list_(std::move(list)) {}

  // Loads `version` into `out`; returns a non-ok Status only for failures
  // that stop loading (missing files, YAML syntax); content problems go to
  // problems_.
  Status Load(const std::string& version, int depth, SpecVersion* out) {
    if (depth > kMaxBaseDepth) return ParseError(root_ + "/" + version + ": 'base' chain is too deep (a cycle?)");
    const std::string dir = root_ + "/" + version;
    const std::string path = dir + "/version.yaml";
    if (!known_.count(version))
      return NotFound("no spec version '" + version + "' in " + root_ + " (versions: " +
                      Join(std::vector<std::string>(known_.begin(), known_.end()), ", ") + ")");
    Result<YamlValue> doc = load_(path);
    if (!doc.ok()) return doc.status();
    FileReader r(path, problems_);
    const YamlValue& v = *doc;
    if (!r.ExpectMap(v, "the version file")) return Status::Ok();
    r.CheckKeys(v, {"version", "title", "published", "base", "source", "codes", "columns", "lists", "audit", "rules"},
                "the version file");
    out->id = r.Str(v, "version", "the version file", true).value_or("");
    if (!out->id.empty() && out->id != version)
      r.Error(v.Find("version")->mark, "'version' is '" + out->id + "' but the folder is '" + version + "'");
    out->id = version;
    out->title = r.Str(v, "title", "the version file", true).value_or("");
    out->published = r.Str(v, "published", "the version file", false).value_or("");
    out->source = r.Str(v, "source", "the version file", false).value_or("");
    out->base = r.Str(v, "base", "the version file", false).value_or("");

    std::vector<ListSpec> base_lists;
    std::vector<std::string> rule_files;
    std::string base_audit_file;
    std::string codes_path = dir + "/../codes.yaml", columns_path = dir + "/../columns.yaml";
    if (!out->base.empty()) {
      SpecVersion base;
      ANNEXA_RETURN_IF_ERROR(Load(out->base, depth + 1, &base));
      base_lists = std::move(base.lists);
      rule_files = std::move(base.rule_files);
      if (base.audit) base_audit_file = base.audit->file;
      codes_path = base_codes_path_;
      columns_path = base_columns_path_;
    }
    if (auto c = r.Str(v, "codes", "the version file", false)) codes_path = dir + "/" + *c;
    if (auto c = r.Str(v, "columns", "the version file", false)) columns_path = dir + "/" + *c;
    codes_path = fs::path(codes_path).lexically_normal().string();
    columns_path = fs::path(columns_path).lexically_normal().string();
    base_codes_path_ = codes_path;
    base_columns_path_ = columns_path;

    Result<YamlValue> codes_doc = load_(codes_path);
    if (!codes_doc.ok()) return codes_doc.status();
    FileReader codes_reader(codes_path, problems_);
    out->code_sets = FilterCodeSets(ReadCodeSets(codes_reader, *codes_doc, known_), version, codes_reader);

    Result<YamlValue> cols_doc = load_(columns_path);
    if (!cols_doc.ok()) return cols_doc.status();
    SharedColumns shared = ReadSharedColumns(FileReader(columns_path, problems_), *cols_doc, out->code_sets);

    const YamlValue* lists = v.Find("lists");
    if (!lists || !lists->IsSequence() || (lists->items.empty() && out->base.empty())) {
      r.Error(lists ? lists->mark : v.mark, "the version file needs a list of 'lists' files");
      return Status::Ok();
    }
    // Inherited lists are re-read against this version's code sets.
    std::map<int, ListSpec> by_number;
    for (ListSpec& l : base_lists) {
      Result<YamlValue> ldoc = load_(l.file);
      if (!ldoc.ok()) return ldoc.status();
      if (auto list = ReadList(FileReader(l.file, problems_), *ldoc, shared, out->code_sets))
        by_number[list->number] = std::move(*list);
    }
    std::set<int> own;
    for (const YamlValue& item : lists->items) {
      if (!item.IsScalar()) {
        r.Error(item.mark, "each entry of 'lists' must be a file name");
        continue;
      }
      const std::string list_path = dir + "/" + item.scalar;
      Result<YamlValue> ldoc = load_(list_path);
      if (!ldoc.ok()) {
        if (ldoc.status().code() == StatusCode::kNotFound)
          r.Error(item.mark, "list file '" + item.scalar + "' not found");
        else
          problems_->AddRaw(ldoc.status().message());
        continue;
      }
      auto list = ReadList(FileReader(list_path, problems_), *ldoc, shared, out->code_sets);
      if (!list) continue;
      if (list->number == kAuditedCasesList) {
        r.Error(item.mark, "'" + item.scalar + "' is the audited-case list: name it under 'audit:', not 'lists:'");
        continue;
      }
      if (!own.insert(list->number).second)
        r.Error(item.mark, "List " + std::to_string(list->number) + " is defined twice");
      by_number[list->number] = std::move(*list);
    }
    // The audited-case list: this version's `audit:` file, else the base's.
    std::string audit_file = base_audit_file;
    if (auto a = r.Str(v, "audit", "the version file", false))
      audit_file = fs::path(dir + "/" + *a).lexically_normal().string();
    out->audit.reset();
    if (!audit_file.empty()) {
      Result<YamlValue> adoc = load_(audit_file);
      if (!adoc.ok()) {
        if (adoc.status().code() == StatusCode::kNotFound)
          r.Error(v.Find("audit") ? v.Find("audit")->mark : v.mark, "audit file '" + audit_file + "' not found");
        else
          problems_->AddRaw(adoc.status().message());
      } else if (auto audit = ReadList(FileReader(audit_file, problems_), *adoc, shared, out->code_sets)) {
        if (audit->number != kAuditedCasesList)
          problems_->Add(audit_file, {}, "the audit file must say 'list: audited_cases'");
        else
          out->audit = std::make_shared<const ListSpec>(std::move(*audit));
      }
    }
    out->lists.clear();
    std::set<std::string> sheets;
    if (out->audit) sheets.insert(out->audit->sheet);
    for (auto& [n, l] : by_number) {
      if (!sheets.insert(l.sheet).second)
        problems_->Add(l.file, {}, "sheet name '" + l.sheet + "' is used by two lists");
      out->lists.push_back(std::move(l));
    }
    // Data rules: the base's files and this version's `rules:` folder, each
    // checked against this version's lists and code sets.
    if (auto folder = r.Str(v, "rules", "the version file", false)) {
      const std::string rules_dir = fs::path(dir + "/" + *folder).lexically_normal().string();
      const std::vector<std::string> files = list_(rules_dir);
      if (files.empty()) r.Error(v.Find("rules")->mark, "rules folder '" + *folder + "' has no .yaml files");
      for (const std::string& f : files)
        if (std::find(rule_files.begin(), rule_files.end(), f) == rule_files.end()) rule_files.push_back(f);
    }
    out->rules.clear();
    out->coverage.clear();
    for (const std::string& f : rule_files) {
      Result<YamlValue> rdoc = load_(f);
      if (!rdoc.ok()) {
        problems_->AddRaw(rdoc.status().message());
        continue;
      }
      ReadRulesFile(FileReader(f, problems_), *rdoc, *out, &out->rules, &out->coverage);
    }
    CheckRuleSet(out->rules, out->coverage, problems_);
    out->rule_files = std::move(rule_files);
    return Status::Ok();
  }

 private:
  std::string root_;
  Problems* problems_;
  std::set<std::string> known_;
  YamlLoader load_;
  YamlLister list_;
  std::string base_codes_path_, base_columns_path_;
};

}  // namespace

std::vector<std::string> AvailableVersions(const std::string& specs_root) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(specs_root, ec)) {
    if (entry.is_directory(ec) && fs::exists(entry.path() / "version.yaml", ec))
      out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

Result<SpecVersion> LoadWith(const std::string& root, const std::vector<std::string>& versions,
                             const std::string& version, YamlLoader load, YamlLister list) {
  Problems problems;
  SpecVersion out;
  VersionLoader loader(root, versions, std::move(load), std::move(list), &problems);
  ANNEXA_RETURN_IF_ERROR(loader.Load(version, 0, &out));
  if (!problems.empty()) return problems.ToStatus();
  // The data rules join the catalogue of finding kinds (core/finding_kinds.h).
  for (const DataRule& rule : out.rules) {
    std::string lists;
    for (int n : rule.lists) lists += (lists.empty() ? "" : ", ") + std::to_string(n);
    RegisterDataRuleKind(rule.id, rule.severity, lists, rule.what);
  }
  return out;
}

std::vector<std::string> ListYamlFiles(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file(ec) && entry.path().extension() == ".yaml")
      out.push_back(fs::path(entry.path()).lexically_normal().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

Result<SpecVersion> LoadSpecVersion(const std::string& specs_root, const std::string& version) {
  return LoadWith(specs_root, AvailableVersions(specs_root), version, LoadYamlFile, ListYamlFiles);
}

Result<SpecVersion> LoadSpecVersionFromTexts(const std::map<std::string, std::string>& files,
                                             const std::string& version, const std::string& display_root) {
  std::vector<std::string> versions;
  for (const auto& [path, text] : files) {
    const fs::path p(path);
    if (p.filename() == "version.yaml" && p.parent_path().has_filename() &&
        !p.parent_path().parent_path().has_filename())
      versions.push_back(p.parent_path().string());
  }
  const std::string prefix = display_root + "/";
  auto load = [&](const std::string& path) -> Result<YamlValue> {
    std::string key = fs::path(path).lexically_normal().string();
    if (StartsWith(key, prefix)) key = fs::path(key.substr(prefix.size())).lexically_normal().string();
    auto it = files.find(key);
    if (it == files.end()) return NotFound(path + ": no such file");
    return ParseYaml(it->second, path);
  };
  auto list = [&](const std::string& dir) {
    std::vector<std::string> out;
    std::string key = fs::path(dir).lexically_normal().string();
    if (StartsWith(key, prefix)) key = fs::path(key.substr(prefix.size())).lexically_normal().string();
    for (const auto& [path, text] : files) {
      const fs::path p(path);
      if (p.parent_path().string() == key && p.extension() == ".yaml") out.push_back(prefix + path);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  return LoadWith(display_root, versions, version, load, list);
}

}  // namespace annexa::spec
