#include "mapping/config_loader.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <tuple>

#include "core/date_format.h"
#include "core/file_util.h"
#include "core/run_facts.h"
#include "core/text.h"
#include "core/text_limits.h"
#include "mapping/code_resolver.h"
#include "mapping/source_inputs.h"
#include "sources/database_source.h"
#include "core/yaml_reader.h"
#include "spec/spec_loader.h"

namespace annexa::mapping {

namespace fs = std::filesystem;

namespace {

std::string RedactUrlPath(const std::string& url) {
  const size_t q = url.find_first_of("?#");
  return q == std::string::npos ? url : url.substr(0, q);
}

const std::set<std::string> kDeriveKinds = {"age", "count_before_latest", "latest", "count", "exists",
                                            "case_status", "related", "postcode_in"};

// The source's kind: its `format`, else the one its URL's or file's
// extension picks; null for a format no kind has (reported at the key).
const sources::SourceReader* KindOf(const YamlValue& v) {
  if (const YamlValue* f = v.Find("format")) return sources::FindReader(f->IsScalar() ? f->scalar : "");
  if (v.Find("connection")) return sources::FindReader("database");  // a table or query on a database
  const YamlValue* url = v.Find("url");
  if (url && url->IsScalar()) return &sources::ReaderForPath(RedactUrlPath(url->scalar));
  const YamlValue* file = v.Find("file");
  return &sources::ReaderForPath(file && file->IsScalar() ? file->scalar : "");
}

std::vector<std::string> StrOrList(const FileReader& r, const YamlValue& v, std::string_view key) {
  if (v.IsScalar()) return {v.scalar};
  return r.StrList(v, key);
}

void ReadAuth(const FileReader& r, const YamlValue& v, SourceConfig* s) {
  if (!r.ExpectMap(v, "'auth'")) return;
  r.CheckKeys(v, {"type", "username", "password_env", "token_env"}, "'auth'");
  if (const YamlValue* t = v.Find("type")) {
    if (auto a = r.OneOf<sources::HttpAuth>(*t, "type",
                                             {{"none", sources::HttpAuth::kNone},
                                              {"basic", sources::HttpAuth::kBasic},
                                              {"bearer", sources::HttpAuth::kBearer},
                                              {"ntlm", sources::HttpAuth::kNtlm},
                                              {"negotiate", sources::HttpAuth::kNegotiate}},
                                             "'auth'"))
      s->http.auth = *a;
  }
  s->http.username = r.Str(v, "username", "'auth'", false).value_or("");
  s->http.password_env = r.Str(v, "password_env", "'auth'", false).value_or("");
  s->http.token_env = r.Str(v, "token_env", "'auth'", false).value_or("");
  using sources::HttpAuth;
  if (s->http.auth == HttpAuth::kBearer && s->http.token_env.empty())
    r.Error(v.mark, "bearer auth needs 'token_env' (the environment variable holding the token)");
  if ((s->http.auth == HttpAuth::kBasic || s->http.auth == HttpAuth::kNtlm) &&
      (s->http.username.empty() || s->http.password_env.empty()))
    r.Error(v.mark, "basic and ntlm auth need 'username' and 'password_env'");
}

void ReadSource(const FileReader& r, const std::string& name, const YamlValue& v, const std::string& base_dir,
                CouncilConfig* config) {
  const std::string what = "source '" + name + "'";
  SourceConfig s;
  s.name = name;
  s.mark = v.mark;
  if (v.IsScalar()) {  // shorthand: `people: people.csv`
    s.path = (fs::path(base_dir) / v.scalar).lexically_normal().string();
    s.reader = &sources::ReaderForPath(v.scalar);
    s.options = s.reader->configure(r, nullptr, what);
    config->sources.emplace(name, std::move(s));
    return;
  }
  if (!r.ExpectMap(v, what)) return;
  s.reader = KindOf(v);
  sources::CheckSourceKeys(r, v, s.reader, what);
  const auto file = r.Str(v, "file", what, false);
  const auto url = r.Str(v, "url", what, false);
  const bool located = !s.reader || s.reader->content;  // a file or URL, not a database
  if (located && file.has_value() == url.has_value()) r.Error(v.mark, what + " needs exactly one of 'file' or 'url'");
  if (file) s.path = (fs::path(base_dir) / *file).lexically_normal().string();
  if (url) {
    if (!StartsWith(*url, "http://") && !StartsWith(*url, "https://"))
      r.Error(v.Find("url")->mark, what + ": 'url' must start with http:// or https://");
    else if (sources::UrlHasUserInfo(*url))
      // libcurl would send it as credentials; a password there is in the
      // config in clear. Not echoed: it may be a password.
      r.Error(v.Find("url")->mark, what + ": 'url' must not hold a user name or password (user@host); give them "
                                          "with 'auth', the password in an environment variable");
    s.url = *url;
    s.http.url = *url;
  }
  if (const YamlValue* f = v.Find("format"); f && !s.reader) {
    std::vector<std::string> formats;
    for (const sources::SourceReader* kind : sources::SourceReaders()) formats.emplace_back(kind->format);
    r.Error(f->mark, what + " has unknown format '" + f->scalar + "' (expected one of: " + Join(formats, ", ") + ")");
  }
  if (s.reader) s.options = s.reader->configure(r, &v, what);
  if (const YamlValue* a = v.Find("auth")) ReadAuth(r, *a, &s);
  if (const YamlValue* l = v.Find("latest_per"); l && r.ExpectMap(*l, what + " 'latest_per'")) {
    r.CheckKeys(*l, {"key", "by", "date_format"}, what + " 'latest_per'");
    SourceConfig::LatestPer lp;
    lp.mark = l->mark;
    lp.key = r.Str(*l, "key", what + " 'latest_per'", true).value_or("");
    lp.by = r.Str(*l, "by", what + " 'latest_per'", true).value_or("");
    if (const YamlValue* f = l->Find("date_format")) {
      lp.date_formats = StrOrList(r, *f, "date_format");
      for (const std::string& x : lp.date_formats)
        if (!IsValidDateFormat(x)) r.Error(f->mark, what + ": '" + x + "' is not a date format");
    }
    s.latest_per = std::move(lp);
  }
  if (const YamlValue* c = v.Find("contract")) s.contract = contracts::ReadContract(r, *c, what);
  if (const YamlValue* h = v.Find("history")) {
    if (h->IsScalar() && (h->scalar == "current_only" || h->scalar == "kept"))
      s.current_only = h->scalar == "current_only";
    else
      r.Error(h->mark, what + ": 'history' must be 'kept' (dated records, kept when superseded) or 'current_only' "
                              "(only the current state: past dates cannot be rebuilt from it), not '" + h->scalar + "'");
  }
  if (const YamlValue* o = v.Find("optional")) s.optional = r.Bool(*o, "optional").value_or(false);
  if (const YamlValue* c = v.Find("columns")) {
    s.columns = r.StrList(*c, "columns");
    if (!s.optional) r.Error(c->mark, what + ": 'columns' names the headers of an optional source that is missing "
                                             "or empty; it needs 'optional: true'");
  }
  s.http.ca_file = r.Str(v, "ca_file", what, false).value_or("");
  if (const YamlValue* t = v.Find("verify_tls")) s.http.verify_tls = r.Bool(*t, "verify_tls").value_or(true);
  if (const YamlValue* t = v.Find("allow_cross_host_redirect"))
    s.http.allow_cross_host_redirect = r.Bool(*t, "allow_cross_host_redirect").value_or(false);
  if (const YamlValue* t = v.Find("allow_insecure_http"))
    s.http.allow_insecure_http = r.Bool(*t, "allow_insecure_http").value_or(false);
  // Basic and bearer secrets travel in clear over http://: a test server only.
  const bool basic = s.http.auth == sources::HttpAuth::kBasic;
  const bool in_clear = basic || s.http.auth == sources::HttpAuth::kBearer;
  if (const YamlValue* a = v.Find("auth"); a && in_clear && url && StartsWith(*url, "http://") &&
                                           !s.http.allow_insecure_http)
    r.Error(a->mark, what + ": " + (basic ? "basic" : "bearer") +
                         " authentication over plain http:// sends the secret unencrypted; use an https:// URL, or "
                         "'allow_insecure_http: true' when the server is a test server");
  // Range-checked before any arithmetic: 'timeout_seconds:
  // 9223372036854775807' is a problem to report, not a signed overflow.
  auto bounded = [&](const char* key, int64_t lo, int64_t hi) -> std::optional<int64_t> {
    const YamlValue* t = v.Find(key);
    const std::optional<int64_t> n = t ? r.Int(*t, key) : std::nullopt;
    if (!n || (*n >= lo && *n <= hi)) return n;
    r.Error(t->mark, std::string("'") + key + "' must be from " + std::to_string(lo) + " to " + std::to_string(hi));
    return std::nullopt;
  };
  // Positive (curl reads 0 as no timeout at all), and no longer than the
  // deadline of the whole fetch (HttpRequest::deadline_ms, 600 s).
  if (auto n = bounded("timeout_seconds", 1, 600)) s.http.total_timeout_ms = *n * 1000;
  if (auto n = bounded("connect_timeout_seconds", 1, 600)) s.http.connect_timeout_ms = *n * 1000;
  if (auto n = bounded("low_speed_seconds", 1, 600)) s.http.low_speed_seconds = *n;
  if (auto n = bounded("retries", 0, 100)) s.http.max_attempts = 1 + static_cast<int>(*n);
  if (auto n = bounded("max_megabytes", 0, 1 << 20)) s.http.max_bytes = static_cast<uint64_t>(*n) << 20;
  config->sources.emplace(name, std::move(s));
}

// `with_reason`: a `where` condition leaves rows out, so it may say why; a
// `when` condition only chooses a value.
Condition ReadCondition(const FileReader& r, const YamlValue& v, const std::string& what, bool with_reason = true) {
  Condition c;
  if (!r.ExpectMap(v, what)) return c;
  if (with_reason) r.CheckKeys(v, {"column", "in", "not_in", "blank", "not_blank", "reason"}, what);
  else r.CheckKeys(v, {"column", "in", "not_in", "blank", "not_blank"}, what);
  c.column = r.Str(v, "column", what, true).value_or("");
  if (const YamlValue* x = v.Find("in")) c.in = StrOrList(r, *x, "in");
  if (const YamlValue* x = v.Find("not_in")) c.not_in = StrOrList(r, *x, "not_in");
  if (const YamlValue* x = v.Find("blank")) c.blank = r.Bool(*x, "blank");
  if (const YamlValue* x = v.Find("not_blank")) {
    if (auto b = r.Bool(*x, "not_blank")) c.blank = !*b;
  }
  c.reason = r.Str(v, "reason", what, false).value_or("");
  if (c.in.empty() && c.not_in.empty() && !c.blank)
    r.Error(v.mark, what + " needs one of 'in', 'not_in', 'blank' or 'not_blank'");
  return c;
}

// `where` in a derivation: either a list of conditions or a map COLUMN: values.
std::vector<Condition> ReadWhere(const FileReader& r, const YamlValue& v, const std::string& what) {
  std::vector<Condition> out;
  if (v.IsSequence()) {
    for (const YamlValue& item : v.items) out.push_back(ReadCondition(r, item, what));
  } else if (v.IsMap()) {
    for (const auto& [k, val] : v.entries) {
      Condition c;
      c.column = k.scalar;
      c.in = StrOrList(r, val, k.scalar);
      out.push_back(std::move(c));
    }
  } else {
    r.Error(v.mark, what + " must be a list of conditions or a mapping of column: values");
  }
  return out;
}

// One code map. Every key must be one the resolver can honour: a blank
// source value is mapped only by the `(blank)` key; an empty, null or
// non-scalar key, and two keys that are one key once matched the way values
// are (MatchForm: case, spaces, quote and dash style, a final '.' or '?'),
// are errors at their line.
void ReadCodeMap(const FileReader& r, const std::string& name, const YamlValue& table, CouncilConfig* config) {
  const std::string what = "code map '" + name + "'";
  auto& out = config->code_maps[name];
  std::map<std::string, const YamlValue*> forms;  // match form -> the key first seen with it
  for (const auto& [from, to] : table.entries) {
    if (!from.IsScalar()) {
      r.Error(from.mark, what + ": a key must be a single value" +
                             (from.IsNull() ? std::string(" (a null key maps nothing; write '") + kBlankKey +
                                                  "' to map a blank source value)"
                                            : std::string()));
      continue;
    }
    if (Trim(from.scalar).empty()) {
      r.Error(from.mark, what + ": the key '" + from.scalar + "' maps nothing (blank source values are never looked "
                                "up as keys); write '" + kBlankKey + "' to map a blank source value");
      continue;
    }
    const std::string form = from.scalar == "*" ? "*" : MatchForm(from.scalar);
    if (auto [it, fresh] = forms.emplace(form, &from); !fresh) {
      r.Error(from.mark, what + ": the key '" + from.scalar + "' is the key '" + it->second->scalar + "' of line " +
                             std::to_string(it->second->mark.line) +
                             " once matched as values are (ignoring case, spaces, quote and dash style, a final '.' or "
                             "'?')");
      continue;
    }
    if (!to.IsScalar()) r.Error(to.mark, what + ": '" + from.scalar + "' must map to one value");
    else out[from.scalar] = to.scalar;
    config->code_map_marks[name][from.scalar] = to.mark;
  }
}

// `on: COLUMN` (the same name both sides) or `on: {left: ..., right: ...}`.
void ReadOn(const FileReader& r, const YamlValue& v, const std::string& what, std::string* left, std::string* right) {
  if (const YamlValue* on = v.Find("on")) {
    if (on->IsScalar()) {
      *left = *right = on->scalar;
    } else if (r.ExpectMap(*on, "'on'")) {
      r.CheckKeys(*on, {"left", "right"}, "'on'");
      *left = r.Str(*on, "left", "'on'", true).value_or("");
      *right = r.Str(*on, "right", "'on'", true).value_or("");
    }
  } else {
    r.Error(v.mark, what + " is missing required key 'on'");
  }
}

// `dates: {start, end}` with `during: {start, end}` or `as_of: COLUMN|reference_date`.
void ReadDates(const FileReader& r, const YamlValue& v, const std::string& what, DateMatch* d) {
  const YamlValue* dates = v.Find("dates");
  const YamlValue* during = v.Find("during");
  const YamlValue* as_of = v.Find("as_of");
  if (!dates && !during && !as_of) return;
  if (!dates) {
    r.Error((during ? during : as_of)->mark, what + ": 'during' and 'as_of' need 'dates' (the related row's start and end columns)");
    return;
  }
  if (!during == !as_of) r.Error(dates->mark, what + ": 'dates' needs exactly one of 'during' or 'as_of'");
  if (r.ExpectMap(*dates, "'dates'")) {
    r.CheckKeys(*dates, {"start", "end"}, "'dates'");
    d->start = r.Str(*dates, "start", "'dates'", true).value_or("");
    d->end = r.Str(*dates, "end", "'dates'", false).value_or("");
  }
  if (during && r.ExpectMap(*during, "'during'")) {
    r.CheckKeys(*during, {"start", "end"}, "'during'");
    d->during_start = r.Str(*during, "start", "'during'", true).value_or("");
    d->during_end = r.Str(*during, "end", "'during'", false).value_or("");
  }
  if (as_of) {
    if (as_of->IsScalar() && !as_of->scalar.empty()) d->as_of = as_of->scalar;
    else r.Error(as_of->mark, what + ": 'as_of' must be a date column or reference_date");
  }
}

// A test over related rows: `related: TABLE`, `on`, optional `where` and
// dates, and exactly one of `exists: true|false`, `all`, `any`, `none`.
// `own_keys`: v holds only the test (not a column rule's other keys).
RelatedTest ReadRelatedTest(const FileReader& r, const YamlValue& v, const std::string& what, bool own_keys = true) {
  RelatedTest t;
  t.mark = t.rows.mark = v.mark;
  if (own_keys)
    r.CheckKeys(v, {"related", "on", "where", "dates", "during", "as_of", "exists", "all", "any", "none", "reason"},
                what);
  t.rows.table = r.Str(v, "related", what, true).value_or("");
  ReadOn(r, v, what, &t.rows.left, &t.rows.right);
  if (const YamlValue* w = v.Find("where")) t.rows.where = ReadWhere(r, *w, what + " 'where'");
  ReadDates(r, v, what, &t.rows.dates);
  t.reason = r.Str(v, "reason", what, false).value_or("");
  int quantifiers = 0;
  if (const YamlValue* e = v.Find("exists")) {
    t.quantifier = r.Bool(*e, "exists").value_or(true) ? Quantifier::kExists : Quantifier::kNotExists;
    ++quantifiers;
  }
  for (const auto& [key, q] : {std::pair{"all", Quantifier::kAll}, {"any", Quantifier::kAny}, {"none", Quantifier::kNone}}) {
    if (const YamlValue* x = v.Find(key)) {
      t.quantifier = q;
      t.test = ReadWhere(r, *x, what + " '" + key + "'");
      ++quantifiers;
    }
  }
  if (quantifiers != 1) r.Error(v.mark, what + " needs exactly one of 'exists', 'all', 'any' or 'none'");
  return t;
}

// A list of column conditions and related-row tests (the items with `related:`).
void ReadItems(const FileReader& r, const YamlValue& list, const std::string& what, std::vector<Condition>* conditions,
               std::vector<RelatedTest>* related) {
  for (const YamlValue& item : list.items) {
    if (item.IsMap() && item.Find("related")) related->push_back(ReadRelatedTest(r, item, what));
    else conditions->push_back(ReadCondition(r, item, what));
  }
}

ColumnRule ReadRule(const FileReader& r, const std::string& key, const YamlValue& v) {
  const std::string what = "column '" + key + "'";
  ColumnRule rule;
  rule.mark = v.mark;
  if (v.IsScalar()) {  // shorthand: `child_id: PERSON_ID`
    rule.columns = {v.scalar};
    return rule;
  }
  if (!r.ExpectMap(v, what)) return rule;
  r.CheckKeys(v, {"column", "first_of", "value", "derive", "map", "date_format", "date_formats", "from", "table",
                  "key", "date", "end", "anchor", "months", "min_count", "where", "cin_plans", "when", "else", "distinct",
                  "related", "on", "dates", "during", "as_of", "exists", "all", "any", "none"},
              what);
  int kinds = 0;
  if (auto c = r.Str(v, "column", what, false)) { rule.kind = RuleKind::kColumn; rule.columns = {*c}; ++kinds; }
  if (const YamlValue* f = v.Find("first_of")) {
    rule.kind = RuleKind::kFirstOf;
    rule.columns = r.StrList(*f, "first_of");
    if (rule.columns.size() < 2) r.Error(f->mark, what + ": 'first_of' needs two or more columns");
    ++kinds;
  }
  if (const YamlValue* c = v.Find("value")) {
    rule.kind = RuleKind::kConstant;
    rule.constant = c->IsScalar() ? c->scalar : "";
    ++kinds;
  }
  if (auto d = r.Str(v, "derive", what, false)) {
    rule.kind = RuleKind::kDerive;
    rule.derive.kind = *d;
    ++kinds;
    if (!kDeriveKinds.count(*d))
      r.Error(v.Find("derive")->mark, what + ": unknown derivation '" + *d +
                                          "' (expected one of: age, count_before_latest, latest, count, exists, case_status, related, postcode_in)");
  }
  if (kinds != 1) {
    r.Error(v.mark, what + " needs exactly one of 'column', 'first_of', 'value' or 'derive'");
    return rule;
  }
  rule.map = r.Str(v, "map", what, false).value_or("");
  if (const YamlValue* w = v.Find("when")) {
    if (w->IsSequence()) for (const YamlValue& item : w->items) rule.when.push_back(ReadCondition(r, item, what + " 'when'", false));
    else rule.when.push_back(ReadCondition(r, *w, what + " 'when'", false));
  }
  if (const YamlValue* e = v.Find("else")) {
    if (rule.when.empty()) r.Error(e->mark, what + ": 'else' needs 'when'");
    else if (!e->IsScalar()) r.Error(e->mark, "'else' in " + what + " must be a single value");
    else rule.otherwise = e->scalar;
  }
  if (const YamlValue* f = v.Find("date_format")) rule.date_formats = StrOrList(r, *f, "date_format");
  if (const YamlValue* f = v.Find("date_formats")) rule.date_formats = StrOrList(r, *f, "date_formats");
  for (const std::string& f : rule.date_formats)
    if (!IsValidDateFormat(f))
      r.Error(v.Find(v.Find("date_format") ? "date_format" : "date_formats")->mark,
              what + ": '" + f + "' is not a date format (use DD, MM, Mon, YYYY and separators, or serial)");
  DeriveConfig& d = rule.derive;
  d.from = r.Str(v, "from", what, false).value_or(d.kind == "postcode_in" ? "placement_postcode" : "date_of_birth");
  d.table = r.Str(v, "table", what, false).value_or("");
  d.key = r.Str(v, "key", what, false).value_or("");
  d.date = r.Str(v, "date", what, false).value_or("");
  d.end = r.Str(v, "end", what, false).value_or("");
  d.anchor = r.Str(v, "anchor", what, false).value_or("");
  if (const YamlValue* m = v.Find("months")) {
    d.months = static_cast<int>(r.Int(*m, "months").value_or(12));
    if (d.months < 1 || d.months > 1200) r.Error(m->mark, "'months' must be from 1 to 1200");
  }
  if (const YamlValue* m = v.Find("min_count")) d.min_count = static_cast<int>(r.Int(*m, "min_count").value_or(1));
  if (const YamlValue* x = v.Find("distinct")) d.distinct = r.Bool(*x, "distinct").value_or(false);
  if (d.kind == "related") {
    d.related = ReadRelatedTest(r, v, what, false);
  } else {
    if (const YamlValue* w = v.Find("where")) d.where = ReadWhere(r, *w, what + " 'where'");
    for (const char* name : {"related", "on", "dates", "during", "as_of", "exists", "all", "any", "none"})
      if (const YamlValue* x = v.Find(name)) r.Error(x->mark, what + ": '" + name + "' belongs to derive: related");
  }
  if (const YamlValue* x = v.Find("distinct"); x && d.kind != "count" && d.kind != "exists")
    r.Error(x->mark, what + ": 'distinct' applies to derive: count and exists");
  if (const YamlValue* p = v.Find("cin_plans"); p && r.ExpectMap(*p, "'cin_plans'")) {
    r.CheckKeys(*p, {"table", "key", "start", "end"}, "'cin_plans'");
    d.plan_table = r.Str(*p, "table", "'cin_plans'", true).value_or("");
    d.plan_key = r.Str(*p, "key", "'cin_plans'", true).value_or("");
    d.plan_start = r.Str(*p, "start", "'cin_plans'", true).value_or("");
    d.plan_end = r.Str(*p, "end", "'cin_plans'", true).value_or("");
  }
  if (rule.kind == RuleKind::kDerive) {
    const bool related = d.kind == "count_before_latest" || d.kind == "latest" || d.kind == "count" || d.kind == "exists";
    if (related && (d.table.empty() || d.key.empty() || d.date.empty()))
      r.Error(v.mark, what + ": derive: " + d.kind + " needs 'table', 'key' and 'date'");
    if (d.kind == "postcode_in" && (d.table.empty() || d.key.empty()))
      r.Error(v.mark, what + ": derive: postcode_in needs 'table' (the source listing the council's postcode areas, "
                             "districts, sectors or postcodes) and 'key' (its column)");
  }
  return rule;
}

void ReadJoin(const FileReader& r, const YamlValue& v, ListConfig* list) {
  const std::string what = "a join of List " + std::to_string(list->number);
  JoinConfig j;
  j.mark = v.mark;
  if (!r.ExpectMap(v, what)) return;
  r.CheckKeys(v, {"table", "on", "pick", "by", "required", "where", "dates", "during", "as_of"}, what);
  j.table = r.Str(v, "table", what, true).value_or("");
  ReadOn(r, v, what, &j.left, &j.right);
  if (const YamlValue* p = v.Find("pick"))
    if (auto pick = r.OneOf<JoinPick>(*p, "pick", {{"one", JoinPick::kOne}, {"latest", JoinPick::kLatest}}, what))
      j.pick = *pick;
  j.by = r.Str(v, "by", what, false).value_or("");
  if (j.pick == JoinPick::kLatest && j.by.empty()) r.Error(v.mark, what + ": pick: latest needs 'by' (a date column)");
  if (const YamlValue* q = v.Find("required")) j.required = r.Bool(*q, "required").value_or(true);
  if (const YamlValue* w = v.Find("where")) {
    if (w->IsSequence()) ReadItems(r, *w, what + " 'where'", &j.where, &j.where_related);
    else j.where = ReadWhere(r, *w, what + " 'where'");
  }
  ReadDates(r, v, what, &j.dates);
  list->joins.push_back(std::move(j));
}

// `exclude_when` item: `reason` and `when`, a list of column conditions
// and related-row tests that must all hold.
Exclusion ReadExclusion(const FileReader& r, const YamlValue& v, const std::string& what) {
  Exclusion e;
  e.mark = v.mark;
  if (!r.ExpectMap(v, what)) return e;
  r.CheckKeys(v, {"reason", "when"}, what);
  e.reason = r.Str(v, "reason", what, true).value_or("");
  const YamlValue* when = v.Find("when");
  if (!when || !when->IsSequence() || when->items.empty()) {
    r.Error(when ? when->mark : v.mark, what + " needs 'when': a list of conditions that must all hold");
    return e;
  }
  ReadItems(r, *when, what + " 'when'", &e.conditions, &e.related);
  return e;
}

void ReadList(const FileReader& r, int number, const YamlValue& v, CouncilConfig* config) {
  const bool audit = number == spec::kAuditedCasesList;
  const std::string what = audit ? std::string("'audit'") : "List " + std::to_string(number);
  ListConfig list;
  list.number = number;
  list.mark = v.mark;
  if (!r.ExpectMap(v, what)) return;
  r.CheckKeys(v, {"from", "join", "where", "exclude_when", "window", "dedupe", "latest_per_child", "columns"}, what);
  list.from = r.Str(v, "from", what, true).value_or("");
  if (const YamlValue* j = v.Find("join")) {
    if (j->IsSequence()) for (const YamlValue& item : j->items) ReadJoin(r, item, &list);
    else r.Error(j->mark, what + ": 'join' must be a list");
  }
  if (const YamlValue* w = v.Find("where")) {
    if (w->IsSequence()) ReadItems(r, *w, what + " 'where'", &list.where, &list.where_related);
    else r.Error(w->mark, what + ": 'where' must be a list of conditions");
  }
  if (const YamlValue* x = v.Find("exclude_when")) {
    if (!x->IsSequence()) r.Error(x->mark, what + ": 'exclude_when' must be a list");
    for (const YamlValue& item : x->items) list.exclude_when.push_back(ReadExclusion(r, item, what + " 'exclude_when'"));
  }
  if (const YamlValue* w = v.Find("window"); w && r.ExpectMap(*w, "'window'")) {
    r.CheckKeys(*w, {"start", "end", "months"}, "'window'");
    if (const YamlValue* m = w->Find("months")) {
      list.window.months = static_cast<int>(r.Int(*m, "months").value_or(0));
      if (!audit)
        r.Error(m->mark, what + ": Ofsted fixes this list's window; 'months' applies only to the audited-case list");
      else if (list.window.months < 1 || list.window.months > 60)
        r.Error(m->mark, "'months' must be from 1 to 60");
    }
    if (const YamlValue* st = w->Find("start")) list.window.start = StrOrList(r, *st, "start");
    else r.Error(w->mark, "'window' is missing required key 'start'");
    if (const YamlValue* e = w->Find("end")) list.window.end = StrOrList(r, *e, "end");
  }
  if (const YamlValue* d = v.Find("dedupe")) list.dedupe = r.StrList(*d, "dedupe");
  list.latest_per_child = r.Str(v, "latest_per_child", what, false).value_or("");
  const YamlValue* cols = v.Find("columns");
  if (!cols || !r.ExpectMap(*cols, what + " 'columns'")) {
    if (!cols) r.Error(v.mark, what + " is missing required key 'columns'");
  } else {
    for (const auto& [k, rule] : cols->entries) list.columns.emplace(k.scalar, ReadRule(r, k.scalar, rule));
  }
  config->lists.emplace(number, std::move(list));
}

}  // namespace

Result<CouncilConfig> LoadCouncilConfig(const std::string& path, const std::string& data_dir,
                                        const PathGuard* sandbox) {
  Result<std::string> text = ReadFile(path, kMaxYamlBytes);
  if (!text.ok()) return text.status();
  return ParseCouncilConfig(*text, path, data_dir, sandbox);
}

Result<CouncilConfig> ParseCouncilConfig(const std::string& yaml_text, const std::string& path,
                                         const std::string& data_dir, const PathGuard* sandbox) {
  Result<YamlValue> doc = ParseYaml(yaml_text, path);
  // A config too deep or too big to read (an alias bomb) is a bad config
  // (exit 2), not an unreadable source.
  if (!doc.ok() && doc.status().code() == StatusCode::kLimitExceeded) return ParseError(doc.status().message());
  if (!doc.ok()) return doc.status();
  Problems problems;
  FileReader r(path, &problems);
  CouncilConfig config;
  config.file = path;
  const YamlValue& v = *doc;
  const std::string what = "the config";
  if (!r.ExpectMap(v, what)) return problems.ToStatus();
  r.CheckKeys(v, {"council", "la_code", "spec", "reference_date", "base_dir", "sources", "code_maps", "lists",
                  "child_population", "indicator_targets", "template", "audit", "connections", "explanations",
                  "indicator_sources", "indicators_file"},
              what);
  if (const YamlValue* p = v.Find("child_population")) {
    config.child_population = r.Int(*p, "child_population").value_or(0);
    if (config.child_population < 0) r.Error(p->mark, "'child_population' must not be negative");
  }
  if (const YamlValue* t = v.Find("indicator_targets"); t && r.ExpectMap(*t, "'indicator_targets'")) {
    for (const auto& [id, body] : t->entries) {
      const std::string w = "targets of '" + id.scalar + "'";
      if (!r.ExpectMap(body, w)) continue;
      r.CheckKeys(body, {"minimum", "upper", "higher_is_better"}, w);
      CouncilConfig::Target target;
      target.line = id.mark.line;
      const YamlValue& fields = body;  // clang 14 lambdas cannot capture a structured binding
      auto number = [&](const char* key) -> std::optional<double> {
        const YamlValue* x = fields.Find(key);
        if (!x) return std::nullopt;
        char* end = nullptr;
        const double d = std::strtod(x->scalar.c_str(), &end);
        if (!x->IsScalar() || x->scalar.empty() || *end) {
          r.Error(x->mark, std::string("'") + key + "' must be a number, not '" + x->scalar + "'");
          return std::nullopt;
        }
        return d;
      };
      target.minimum = number("minimum");
      target.upper = number("upper");
      if (const YamlValue* h = body.Find("higher_is_better")) target.higher_is_better = r.Bool(*h, "higher_is_better");
      config.indicator_targets[id.scalar] = target;
    }
  }
  config.council = r.Str(v, "council", what, true).value_or("");
  config.la_code = r.Str(v, "la_code", what, true).value_or("");
  // Both reach the PDF cover and footers, the workbook's Cover and
  // properties and the file names: one printable line, capped
  // (core/text_limits.h says why the caps).
  for (const auto& [key, value, cap] : {std::tuple<const char*, const std::string*, size_t>{
                                            "council", &config.council, kMaxNameChars},
                                        {"la_code", &config.la_code, kMaxCodeChars}}) {
    if (const YamlValue* x = v.Find(key); x && x->IsScalar())
      if (std::string why = TextProblem(*value, cap); !why.empty()) r.Error(x->mark, std::string("'") + key + "' " + why);
  }
  // The LA code names the output files: no '/', '..' or spaces in it.
  if (const YamlValue* x = v.Find("la_code"); x && x->IsScalar() && TextProblem(config.la_code, kMaxCodeChars).empty() &&
      !std::all_of(config.la_code.begin(), config.la_code.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_';
      }))
    r.Error(x->mark, "'la_code' names the output files, so it may hold only letters, digits, '-' and '_', not '" +
                         config.la_code + "'");
  config.spec_version = r.Str(v, "spec", what, false).value_or(spec::kDefaultSpecVersion);
  if (auto d = r.Str(v, "reference_date", what, false)) {
    config.reference_date = ParseReferenceDate(*d);
    if (!config.reference_date) r.Error(v.Find("reference_date")->mark, "'reference_date' must be a date (YYYY-MM-DD), not '" + *d + "'");
  }
  const fs::path config_dir = fs::path(path).parent_path();
  if (auto t = r.Str(v, "template", what, false)) config.output_template = (config_dir / *t).lexically_normal().string();
  if (auto e = r.Str(v, "explanations", what, false)) config.explanations = (config_dir / *e).lexically_normal().string();
  if (auto f = r.Str(v, "indicators_file", what, false))
    config.indicators_file = (config_dir / *f).lexically_normal().string();
  if (const YamlValue* is = v.Find("indicator_sources"); is && r.ExpectMap(*is, "'indicator_sources'")) {
    for (const auto& [role, body] : is->entries) {
      const std::string w = "indicator source '" + role.scalar + "'";
      if (!r.ExpectMap(body, w)) continue;
      r.CheckKeys(body, {"source", "columns", "where", "date_format"}, w);
      CouncilConfig::IndicatorSource src;
      src.mark = role.mark;
      src.source = r.Str(body, "source", w, true).value_or("");
      if (const YamlValue* c = body.Find("columns"); c && r.ExpectMap(*c, w + "'s columns")) {
        for (const auto& [key, header] : c->entries) {
          if (header.IsScalar() && !header.scalar.empty()) src.columns[key.scalar] = header.scalar;
          else r.Error(header.mark, w + ": column '" + key.scalar + "' must name one column of the source");
        }
      } else if (!c) {
        r.Error(body.mark, w + " is missing required key 'columns'");
      }
      if (const YamlValue* wh = body.Find("where"); wh && r.ExpectMap(*wh, w + "'s where"))
        for (const auto& [header, values] : wh->entries) src.where[header.scalar] = StrOrList(r, values, "where");
      if (const YamlValue* f = body.Find("date_format")) src.date_formats = StrOrList(r, *f, "date_format");
      for (const std::string& f : src.date_formats)
        if (!IsValidDateFormat(f)) r.Error(body.Find("date_format")->mark, w + ": unknown date format '" + f + "'");
      config.indicator_sources[role.scalar] = std::move(src);
    }
  }
  config.base_dir = (config_dir / r.Str(v, "base_dir", what, false).value_or(".")).lexically_normal().string();
  if (!data_dir.empty()) config.base_dir = fs::path(data_dir).lexically_normal().string();
  if (const YamlValue* s = v.Find("sources"); s && r.ExpectMap(*s, "'sources'")) {
    for (const auto& [name, body] : s->entries) ReadSource(r, name.scalar, body, config.base_dir, &config);
    ResolveSourceInputs(r, &config);  // the sources an SQL source reads
    // Database sources: the connection each names (docs/database.md).
    std::map<std::string, sources::DatabaseConnection> connections;
    if (const YamlValue* c = v.Find("connections")) connections = sources::ReadConnections(r, *c, config_dir.string());
    for (auto& [name, src] : config.sources)
      if (src.reader && src.reader->format == "database")
        sources::ResolveConnection(r, connections, &src.options, "source '" + name + "'");
  } else if (!s) {
    r.Error(v.mark, "the config is missing required key 'sources'");
  }
  if (sandbox) {  // before anything is opened: a refused path is never read
    if (const YamlValue* s = v.Find("sources"); s && s->IsMap()) {
      for (const auto& [name, body] : s->entries) {
        auto it = config.sources.find(name.scalar);
        const YamlValue* file = body.IsScalar() ? &body : body.Find("file");
        if (it == config.sources.end() || it->second.path.empty() || !file) continue;
        if (std::string why = sandbox->Problem(it->second.path, file->scalar); !why.empty())
          r.Error(file->mark, "source '" + name.scalar + "': " + why + " (--sandbox)");
      }
    }
    if (const YamlValue* t = v.Find("template"); t && !config.output_template.empty())
      if (std::string why = sandbox->Problem(config.output_template, t->scalar); !why.empty())
        r.Error(t->mark, "'template': " + why + " (--sandbox)");
    if (const YamlValue* e = v.Find("explanations"); e && !config.explanations.empty())
      if (std::string why = sandbox->Problem(config.explanations, e->scalar); !why.empty())
        r.Error(e->mark, "'explanations': " + why + " (--sandbox)");
    if (const YamlValue* f = v.Find("indicators_file"); f && !config.indicators_file.empty())
      if (std::string why = sandbox->Problem(config.indicators_file, f->scalar); !why.empty())
        r.Error(f->mark, "'indicators_file': " + why + " (--sandbox)");
  }
  if (const YamlValue* m = v.Find("code_maps"); m && r.ExpectMap(*m, "'code_maps'")) {
    for (const auto& [name, table] : m->entries) {
      if (!r.ExpectMap(table, "code map '" + name.scalar + "'")) continue;
      ReadCodeMap(r, name.scalar, table, &config);
    }
  }
  if (const YamlValue* l = v.Find("lists"); l && r.ExpectMap(*l, "'lists'")) {
    for (const auto& [k, body] : l->entries) {
      const auto n = r.Int(k, "list number");
      if (n && (*n < 1 || *n > 99)) r.Error(k.mark, "list number must be from 1 to 99");
      if (n) ReadList(r, static_cast<int>(*n), body, &config);
    }
  } else if (!l) {
    r.Error(v.mark, "the config is missing required key 'lists'");
  }
  // The audited-case list: mapped like a list (docs/config.md).
  if (const YamlValue* a = v.Find("audit")) ReadList(r, spec::kAuditedCasesList, *a, &config);
  // References inside the config.
  {
    std::vector<std::string> source_names, map_names;  // sorted: the maps' keys
    for (const auto& [name, s] : config.sources) source_names.push_back(name);
    for (const auto& [name, m] : config.code_maps) map_names.push_back(name);
    for (const auto& [name, s] : config.sources)
      if (s.contract) contracts::CheckContractNames(r, *s.contract, "source '" + name + "'", source_names, map_names);
  }
  for (const auto& [role, src] : config.indicator_sources)
    if (!src.source.empty() && !config.sources.count(src.source))
      r.Error(src.mark, "indicator source '" + role + "': 'source' names unknown source '" + src.source + "'");
  for (const auto& [n, list] : config.lists) {
    const std::string name = n == spec::kAuditedCasesList ? "'audit'" : "List " + std::to_string(n);
    if (!list.from.empty() && !config.sources.count(list.from))
      r.Error(list.mark, name + ": 'from' names unknown source '" + list.from + "'");
    for (const JoinConfig& j : list.joins)
      if (!config.sources.count(j.table))
        r.Error(j.mark, name + ": join names unknown source '" + j.table + "'");
    ForEachRelatedTest(list, [&](const RelatedTest& t) {
      if (!config.sources.count(t.rows.table))
        r.Error(t.mark, name + ": 'related' names unknown source '" + t.rows.table + "'");
    });
    for (const auto& [key, rule] : list.columns) {
      if (!rule.map.empty() && !config.code_maps.count(rule.map))
        r.Error(rule.mark, "column '" + key + "': unknown code map '" + rule.map + "'");
      const DeriveConfig& d = rule.derive;
      if (rule.kind == RuleKind::kDerive && !d.table.empty() && !config.sources.count(d.table))
        r.Error(rule.mark, "column '" + key + "': derive names unknown source '" + d.table + "'");
      if (rule.kind == RuleKind::kDerive && !d.plan_table.empty() && !config.sources.count(d.plan_table))
        r.Error(rule.mark, "column '" + key + "': cin_plans names unknown source '" + d.plan_table + "'");
    }
  }
  if (!problems.empty()) return problems.ToStatus();
  return config;
}

Status CheckConfigAgainstSpec(CouncilConfig& config, const spec::SpecVersion& spec,
                              const spec::ValueAliases& aliases) {
  Problems problems;
  FileReader r(config.file, &problems);
  // Which code set each code map feeds, to check its targets.
  std::map<std::string, std::set<std::string>> map_sets;
  for (auto& [n, list] : config.lists) {
    const spec::ListSpec* ls = spec.FindList(n);
    if (!ls) {
      r.Error(list.mark, n == spec::kAuditedCasesList ? "'audit': " + spec.id + " names no audited-case list (version.yaml 'audit:')"
                                                      : "List " + std::to_string(n) + " is not a list of " + spec.id);
      continue;
    }
    const std::string show = n == spec::kAuditedCasesList ? "audit" : std::to_string(n);
    auto known_key = [&](const std::string& key, const YamlMark& mark, const std::string& where) {
      if (key.empty() || ls->FindColumn(key)) return;
      r.Error(mark, ls->Label() + ": " + where + " names unknown column '" + key + "' (see: annexa specs show " + show + ")");
    };
    for (const auto& [key, rule] : list.columns) {
      const spec::ColumnSpec* col = ls->FindColumn(key);
      if (!col) {
        known_key(key, rule.mark, "'columns'");
        continue;
      }
      if (!rule.map.empty()) {
        if (col->code_set.empty())
          r.Error(rule.mark, "column '" + key + "' has no code set, so 'map' does not apply");
        else
          map_sets[rule.map].insert(col->code_set);
      }
      if (!rule.date_formats.empty() && col->type != spec::ColumnType::kDate && rule.kind != RuleKind::kDerive &&
          key != "date_of_birth")
        r.Error(rule.mark, "column '" + key + "' is not a date, so 'date_format' does not apply");
      if (rule.kind == RuleKind::kDerive && rule.derive.kind == "age") known_key(rule.derive.from, rule.mark, "derive: age 'from'");
      if (rule.kind == RuleKind::kDerive && rule.derive.kind == "postcode_in") {
        known_key(rule.derive.from, rule.mark, "derive: postcode_in 'from'");
        if (col->code_set != "INOUT")
          r.Error(rule.mark, "column '" + key + "': derive: postcode_in gives In or Out, for a Placement Location "
                             "column (code set INOUT), not " + (col->code_set.empty() ? "a column without a code set" : col->code_set));
      }
    }
    for (const std::string& k : list.window.start) known_key(k, list.mark, "'window' start");
    for (const std::string& k : list.dedupe) known_key(k, list.mark, "'dedupe'");
    known_key(list.latest_per_child, list.mark, "'latest_per_child'");
  }
  for (const auto& [name, sets] : map_sets) {
    for (auto& [from, to] : config.code_maps[name]) {
      for (const std::string& set_name : sets) {
        const spec::CodeSet* set = spec.FindCodeSet(set_name);
        if (!set) continue;
        if (auto display = ResolveInSet(*set, aliases, to)) {
          to = *display;
        } else {
          r.Error(config.code_map_marks[name][from], "code map '" + name + "' maps '" + from + "' to '" + to + "', which is not a value of " +
                          set_name + " in " + spec.id);
        }
      }
    }
  }
  if (!problems.empty()) return problems.ToStatus();
  return Status::Ok();
}

}  // namespace annexa::mapping
