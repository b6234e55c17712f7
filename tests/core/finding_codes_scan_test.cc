// No finding code is written anywhere in src/ but the catalogue
// (src/core/finding_kinds.cc): a finding made with a code of its own would
// be missing from `annexa rules` and docs/rules.md, or could disagree with
// the catalogue's severity. The sources are read with comments left out and
// string literals picked out, then checked for the ways codes used to be
// written: a literal assigned to a code, a Finding built from values, a code
// literal passed with a severity, any catalogue code as a literal, or a
// finding's code or severity set outside the catalogue.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/file_util.h"
#include "core/finding_kinds.h"
#include "test_support.h"

using namespace annexa;

namespace {

struct Literal {
  std::string text;  // as written, escapes and all
  size_t line = 0;
};

struct Scanned {
  std::string code;               // the source with comments blanked (newlines kept)
  std::vector<Literal> literals;  // every string literal
};

// Reads C++ source: comments blanked, string literals (plain and raw)
// collected, character literals skipped (not digit separators: 86'400).
Scanned Scan(const std::string& src) {
  Scanned out;
  out.code.reserve(src.size());
  size_t line = 1;
  auto blank = [&](char ch) { out.code += ch == '\n' ? '\n' : ' '; };
  for (size_t i = 0; i < src.size();) {
    const char ch = src[i];
    if (ch == '\n') ++line;
    if (src.compare(i, 2, "//") == 0) {
      for (; i < src.size() && src[i] != '\n'; ++i) blank(src[i]);
      continue;
    }
    if (src.compare(i, 2, "/*") == 0) {
      const size_t end = std::min(src.find("*/", i + 2), src.size() - 2) + 2;
      for (; i < end; ++i) {
        if (src[i] == '\n') ++line;
        blank(src[i]);
      }
      continue;
    }
    const bool ident_before = i > 0 && (std::isalnum(static_cast<unsigned char>(src[i - 1])) || src[i - 1] == '_');
    if (ch == '"' && i > 0 && src[i - 1] == 'R') {  // R"delim( ... )delim"
      const size_t open = src.find('(', i);
      const std::string close = ")" + src.substr(i + 1, open - i - 1) + "\"";
      const size_t end = src.find(close, open);
      const size_t stop = end == std::string::npos ? src.size() : end + close.size();
      out.literals.push_back({src.substr(open + 1, end - open - 1), line});
      for (; i < stop; ++i) {
        if (src[i] == '\n') ++line;
        out.code += src[i];
      }
      continue;
    }
    if (ch == '"' || (ch == '\'' && !ident_before)) {
      size_t j = i + 1;
      for (; j < src.size() && src[j] != ch && src[j] != '\n'; ++j)
        if (src[j] == '\\') ++j;
      if (ch == '"') out.literals.push_back({src.substr(i + 1, j - i - 1), line});
      out.code.append(src, i, j + 1 - i);
      i = j + 1;
      continue;
    }
    out.code += ch;
    ++i;
  }
  return out;
}

size_t LineAt(const std::string& text, size_t pos) { return 1 + std::count(text.begin(), text.begin() + pos, '\n'); }

// "path:line: what" for every way `src` writes a finding code itself.
std::vector<std::string> Violations(const std::string& path, const std::string& src,
                                    const std::set<std::string>& codes) {
  std::vector<std::string> out;
  const Scanned s = Scan(src);
  auto flag = [&](size_t line, const std::string& what) {
    out.push_back(path + ":" + std::to_string(line) + ": " + what);
  };
  for (const Literal& l : s.literals)
    if (codes.count(l.text)) flag(l.line, "the finding code \"" + l.text + "\" written as a literal");
  const std::string kebab = R"("[a-z][a-z0-9]*(-[a-z0-9]+)+")";
  struct Pattern {
    std::regex re;
    const char* what;
    bool only_where_findings_are_made;
  };
  const Pattern patterns[] = {
      {std::regex(R"(\bcode\s*=\s*(std::string\s*\(\s*)?")"), "a literal assigned to a code", false},
      {std::regex(R"(\bFinding\b\s*(\w+\s*)?\{\s*[^\s}])"), "a Finding built from values, not MakeFinding", false},
      {std::regex(kebab + R"(\s*,\s*(Severity::|sev\b|severity\b))"), "a code literal passed with a severity", false},
      {std::regex(R"((\.|->)(code|severity)\s*=[^=])"), "a finding's code or severity set outside the catalogue",
       true},
  };
  const std::regex declaration(R"(\b(struct|class)\s+$)");
  const bool makes_findings = std::regex_search(s.code, std::regex(R"(\bFindings?\b)"));
  for (const Pattern& p : patterns) {
    if (p.only_where_findings_are_made && !makes_findings) continue;
    for (auto it = std::sregex_iterator(s.code.begin(), s.code.end(), p.re); it != std::sregex_iterator(); ++it) {
      const size_t at = static_cast<size_t>(it->position());
      const size_t from = at < 16 ? 0 : at - 16;
      if (std::regex_search(s.code.substr(from, at - from), declaration)) continue;  // struct Finding {
      flag(LineAt(s.code, at), std::string(p.what) + ": " + it->str());
    }
  }
  return out;
}

std::set<std::string> CatalogueCodes() {
  std::set<std::string> codes;
  for (const FindingKindInfo& k : FindingKinds()) codes.insert(std::string(k.code));
  return codes;
}

}  // namespace

TEST_CASE("finding codes: none is written in src/ outside the catalogue", "[findings]") {
  const std::set<std::string> codes = CatalogueCodes();
  const std::filesystem::path src = testing::SourceDir() + "/src";
  const std::filesystem::path catalogue = src / "core" / "finding_kinds.cc";
  std::vector<std::string> found;
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(src)) {
    const std::string ext = e.path().extension().string();
    if (!e.is_regular_file() || (ext != ".cc" && ext != ".h") || e.path() == catalogue) continue;
    ++files;
    auto text = ReadFile(e.path().string());
    REQUIRE(text.ok());
    const auto v = Violations(std::filesystem::relative(e.path(), src.parent_path()).string(), *text, codes);
    found.insert(found.end(), v.begin(), v.end());
  }
  CHECK(files > 100);  // the scan saw the sources
  std::string report;
  for (const std::string& f : found) report += f + "\n";
  INFO("make findings with MakeFinding(kinds::k...) and add new kinds to src/core/finding_kinds.cc:\n" << report);
  CHECK(found.empty());
}

TEST_CASE("finding codes: the catalogue writes each code once, as a literal", "[findings]") {
  auto text = ReadFile(testing::SourceDir() + "/src/core/finding_kinds.cc");
  REQUIRE(text.ok());
  std::multiset<std::string> literals;
  for (const Literal& l : Scan(*text).literals) literals.insert(l.text);
  for (const std::string& code : CatalogueCodes()) {
    INFO(code);
    CHECK(literals.count(code) == 1);
  }
}

TEST_CASE("finding codes: the scan catches each way a code was written before", "[findings]") {
  const std::set<std::string> codes = {"sheet-name", "list-not-mapped"};
  auto flagged = [&](const std::string& snippet) { return Violations("x.cc", snippet, codes).size(); };
  // As the sources wrote them before the catalogue, and ways around it.
  CHECK(flagged("Finding f;\nf.code = \"list-not-mapped\";\n") >= 1);
  CHECK(flagged("f.code = \"brand-new-code\";\n") == 1);
  CHECK(flagged("void F(Findings* out) { Finding f; f.code = code; out->push_back(f); }\n") == 1);
  CHECK(flagged("Finding f; f.severity = Severity::kError;\n") == 1);
  CHECK(flagged("out->push_back(At(\"brand-new-code\", Severity::kWarning, msg, 1, origin));\n") == 1);
  CHECK(flagged("RuleInfo{\"brand-new-code\", Severity::kError, Scope::kCell, \"all\", \"meaning\"}\n") == 1);
  CHECK(flagged("bad(\"brand-new-code\", sev, why);\n") == 1);
  CHECK(flagged("findings.push_back(Finding{\"brand-new-code\", Severity::kInfo});\n") == 2);
  CHECK(flagged("if (f.code == \"sheet-name\") ++n;\n") == 1);
  CHECK(flagged("struct Finding {\n  std::string code;\n};\nFindings Keep(Findings f) { return Findings{f}; }\n") == 0);
  // Not findings: comments, comparisons, other codes and literals that only look alike.
  CHECK(flagged("// f.code = \"sheet-name\" was how\n/* Finding{\"x\"} */\n"
                "Finding f = MakeFinding(kinds::kSheetName, m);\n") == 0);
  CHECK(flagged("out.code = r.Str(v, \"code\", what);\nif (err.code == 0) return;\n") == 0);
  CHECK(flagged("const char* s = \"a // b\"; long n = 86'400; char q = '\"';\n"
                "out.push_back({\"referrals-nfa\", 15});\n") == 0);
}
