// Data protection end to end on the tiny golden council (tests/golden/tiny):
// every output private (0600); nothing personal on the terminal;
// --pseudonymise leaves none of the council's ids, dates of birth or
// workers' names (nor the salt) in any byte of any output, with exact
// pseudonyms consistent across lists; the refusals; the PDF password.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include "cli/app.h"
#include "core/file_util.h"
#include "sources/xlsx_reader.h"
#include "sources/zip_archive.h"
#include "test_support.h"

using namespace annexa;
namespace fs = std::filesystem;

namespace {

const char kSalt[] = "annexa-test-salt-0123456789";
const char kPassword[] = "Rehearsal-2026!";

std::string Tiny() { return testing::SourceDir() + "/tests/golden/tiny"; }

// What the tiny council's extracts hold that must never be shown: ids,
// dates of birth (as written and as annexa writes them) and workers' names.
const std::vector<std::string>& Ids() {
  static const std::vector<std::string> v = {"C1", "C2", "C3"};
  return v;
}
const std::vector<std::string>& Secrets() {
  static const std::vector<std::string> v = {"23/11/2010", "2010-11-23", "10/01/2027", "2027-01-10",
                                             "29/02/2008", "2008-02-29", "Zoë",        "O’Neill",
                                             "Neill",      "Sam Smith",  "Smith"};
  return v;
}

struct Run {
  int rc = -1;
  std::string out, err, progress;
};

// Runs annexa with ANNEXA_SALT / ANNEXA_PDF_PASSWORD as given ("" = unset).
Run Annexa(std::vector<std::string> args, const std::string& salt_env = "", const std::string& password_env = "") {
  if (salt_env.empty()) ::unsetenv("ANNEXA_SALT");
  else ::setenv("ANNEXA_SALT", salt_env.c_str(), 1);
  if (password_env.empty()) ::unsetenv("ANNEXA_PDF_PASSWORD");
  else ::setenv("ANNEXA_PDF_PASSWORD", password_env.c_str(), 1);
  std::ostringstream out, err;
  Run r;
  cli::AppContext ctx{out, err, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs"), [] { return std::string("2026-11-23T09:30:00"); },
                      [&](const std::string& m) { r.progress += m + "\n"; }, nullptr};
  r.rc = cli::RunApp(args, ctx);
  ::unsetenv("ANNEXA_SALT");
  ::unsetenv("ANNEXA_PDF_PASSWORD");
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::vector<std::string> GenerateArgs(const std::string& out) {
  // No run history: runs are compared byte for byte (a second run would show
  // the first in its QA workbook's Changes sheet).
  return {"generate", "--config", Tiny() + "/config.yaml", "--out", out, "--generated-at", "2026-11-23T09:30:00",
          "--no-history"};
}

std::string Shell(const std::string& command, int* rc = nullptr) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = ::pclose(p);
  if (rc) *rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

// True when `needle` occurs in `hay` as a whole word (not inside "C12" or
// the cell reference "AC1"): neither neighbour a letter or digit.
bool HasWord(const std::string& hay, const std::string& needle) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) {
    const bool left = at == 0 || !word(hay[at - 1]) || !word(needle.front());
    const size_t end = at + needle.size();
    const bool right = end >= hay.size() || !word(hay[end]) || !word(needle.back());
    if (left && right) return true;
  }
  return false;
}

// Every output file of a run folder, as (name, bytes); an xlsx contributes
// each of its unzipped parts too, the PDF its text.
std::vector<std::pair<std::string, std::string>> Outputs(const std::string& dir, const std::string& password = "") {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string path = e.path().string(), name = e.path().filename().string();
    files.emplace_back(name, testing::ReadBytes(path));
    if (e.path().extension() == ".xlsx") {
      auto zip = sources::ZipArchive::Open(path);
      REQUIRE(zip.ok());
      for (const std::string& part : zip->EntryNames()) {
        auto bytes = zip->Read(part);
        REQUIRE(bytes.ok());
        files.emplace_back(name + ":" + part, *bytes);
      }
    }
    if (e.path().extension() == ".pdf")
      files.emplace_back(name + ":text", Shell("pdftotext " + (password.empty() ? "" : "-upw '" + password + "' ") +
                                               "'" + path + "' - 2>/dev/null"));
  }
  return files;
}

// Every cell of every sheet of the workbook, as text.
std::string WorkbookText(const std::string& path) {
  sources::Workbook wb = testing::OpenOk(path);
  std::string text;
  for (const std::string& name : wb.SheetNames()) {
    auto sheet = wb.SheetByName(name);
    REQUIRE(sheet.ok());
    for (int r = 1; r <= (*sheet)->max_row(); ++r)
      for (int c = 1; c <= (*sheet)->max_col(); ++c) text += (*sheet)->At(r, c).ToText() + "\t";
  }
  return text;
}

std::string Pdf(const std::string& dir) { return dir + "/annex_a_001_2026-11-23_pack.pdf"; }
std::string Xlsx(const std::string& dir) { return dir + "/annex_a_001_2026-11-23.xlsx"; }
std::string QaXlsx(const std::string& dir) { return dir + "/annex_a_001_2026-11-23_qa.xlsx"; }

}  // namespace

TEST_CASE("protect: every output file is created 0600", "[protect]") {
  const std::string out = testing::MakeTempDir();
  const Run r = Annexa(GenerateArgs(out));
  INFO(r.err);
  REQUIRE((r.rc == 0 || r.rc == 1));
  int files = 0;
  for (const auto& e : fs::directory_iterator(out)) {
    INFO(e.path().string());
    struct stat st;
    REQUIRE(::stat(e.path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    ++files;
  }
  CHECK(files >= 5);  // workbook, PDF, findings, completeness, run summary (and any newer output)
}

TEST_CASE("protect: the terminal shows no ids, dates of birth or names", "[protect]") {
  const std::string out = testing::MakeTempDir();
  const Run gen = Annexa(GenerateArgs(out));
  REQUIRE((gen.rc == 0 || gen.rc == 1));
  const Run val = Annexa({"validate", "--workbook", Xlsx(out), "--reference-date", "2026-11-23", "--findings",
                          testing::MakeTempDir() + "/f.csv"});
  REQUIRE((val.rc == 0 || val.rc == 1));
  const Run reh = Annexa({"rehearse", "--config", Tiny() + "/config.yaml", "--notification", "2026-11-23 09:30",
                          "--out", testing::MakeTempDir()});
  REQUIRE((reh.rc == 0 || reh.rc == 1));
  // The outputs do hold them (so the check below is not vacuous) ...
  const std::string cells = WorkbookText(Xlsx(out));
  CHECK(cells.find("\tC1\t") != std::string::npos);
  CHECK(cells.find("\tSam Smith\t") != std::string::npos);
  // ... the terminal does not.
  for (const Run* r : {&gen, &val, &reh}) {
    const std::string terminal = r->out + r->err + r->progress;
    CHECK(terminal.find("Wrote") != std::string::npos);
    for (const std::string& id : Ids()) {
      INFO(terminal);
      CHECK_FALSE(HasWord(terminal, id));
    }
    for (const std::string& s : Secrets()) {
      INFO(terminal);
      CHECK(terminal.find(s) == std::string::npos);
    }
  }
}

TEST_CASE("protect: --pseudonymise leaves no id, date of birth, name or salt in any output", "[protect]") {
  const std::string out = testing::MakeTempDir();
  const std::string salt_file = testing::WriteTextFile(testing::MakeTempDir(), "salt", std::string(kSalt) + "\n");
  ::chmod(salt_file.c_str(), 0600);
  std::vector<std::string> args = GenerateArgs(out);
  args.insert(args.end(), {"--pseudonymise", "--salt-file", salt_file});
  const Run r = Annexa(args);
  INFO(r.err);
  REQUIRE((r.rc == 0 || r.rc == 1));
  CHECK(r.err.empty());  // no warning: the salt file is private

  const auto files = Outputs(out);
  REQUIRE(files.size() > 10);
  for (const auto& [name, bytes] : files) {
    INFO(name);
    CHECK(bytes.find(kSalt) == std::string::npos);
    CHECK(bytes.find("annexa-test-salt") == std::string::npos);
    for (const std::string& s : Secrets()) {
      INFO(s);
      CHECK(bytes.find(s) == std::string::npos);
    }
    // xlsx parts name cells "C1", "C2" ..., and compressed bytes (the
    // xlsx, the PDF) hold two-character words by chance: ids are checked in
    // the workbook's cells below and in the PDF's text.
    if (name.find(".xlsx") != std::string::npos || name.size() < 5 || name.substr(name.size() - 4) == ".pdf") continue;
    for (const std::string& id : Ids()) {
      INFO(id);
      CHECK_FALSE(HasWord(bytes, id));
    }
  }
  // Both workbooks: the upload one and the QA one (issue 19).
  const std::string cells = WorkbookText(Xlsx(out)) + WorkbookText(QaXlsx(out));
  for (const std::string& id : Ids()) CHECK(cells.find("\t" + id + "\t") == std::string::npos);
  for (const std::string& s : Secrets()) CHECK(cells.find(s) == std::string::npos);
  for (const std::string& text : {r.out, r.err, r.progress}) CHECK(text.find(kSalt) == std::string::npos);

  // Exact pseudonyms, the same in List 1 and List 7 and in Child_gaps.
  sources::Workbook wb = testing::OpenOk(Xlsx(out));
  auto list1 = wb.SheetByName("List_1");
  auto list7 = wb.SheetByName("List_7");
  REQUIRE(list1.ok());
  REQUIRE(list7.ok());
  std::set<std::string> ids1, ids7;
  for (int row = 3; row <= (*list1)->max_row(); ++row) {
    ids1.insert(std::string((*list1)->At(row, 1).text));
    // Date of Birth (column D): the first of the month.
    const auto dob = (*list1)->At(row, 4).AsDate();
    if (dob) CHECK(dob->day() == 1);
  }
  for (int row = 3; row <= (*list7)->max_row(); ++row) {
    ids7.insert(std::string((*list7)->At(row, 1).text));
    const int worker = (*list7)->max_col();  // Allocated Worker, the last column: removed
    CHECK((*list7)->At(row, worker).empty());
    CHECK_FALSE((*list7)->At(row, worker - 1).empty());  // Allocated Team: kept
  }
  const std::string c1 = "P-7YVSW10DX2HE", c2 = "P-W9PPJH50XP5A", c3 = "P-FZXAP0F6BREJ";
  CHECK(ids1 == std::set<std::string>{c1, c2, c3});
  CHECK(ids7 == std::set<std::string>{c1, c3});
  CHECK(cells.find("\t" + c1 + "\t") != std::string::npos);
  // The covers say so (the QA workbook's Cover; the upload workbook has
  // none, and prints the notice at the top of each page).
  sources::Workbook qa = testing::OpenOk(QaXlsx(out));
  auto cover = qa.SheetByName("Cover");
  REQUIRE(cover.ok());
  CHECK(std::string((*cover)->At(2, 1).text).rfind("PSEUDONYMISED: identifiers are salted hashes", 0) == 0);
  const std::string page1 = Shell("pdftotext -l 1 '" + Pdf(out) + "' - 2>/dev/null");
  CHECK(page1.find("(pseudonymised)") != std::string::npos);
  CHECK(page1.find("PSEUDONYMISED") != std::string::npos);
  // The findings keep their rule, list row and source row; the source is cut to its file name.
  const std::string findings = testing::ReadBytes(out + "/annex_a_001_2026-11-23_findings.csv");
  CHECK(findings.find(",root,1,error,not-a-code,1,3,5,contact_source,G,Contact Source,ZZZ,contacts.csv,4,SRC,") !=
        std::string::npos);
  CHECK(findings.find("/tests/golden") == std::string::npos);
  // Whom a finding is about is the pseudonym the lists show (issue 19).
  CHECK(findings.find("\r\nP-") != std::string::npos);

  // The same salt from the environment gives byte-identical lists.
  const std::string again = testing::MakeTempDir();
  std::vector<std::string> env_args = GenerateArgs(again);
  env_args.push_back("--pseudonymise");
  const Run e = Annexa(env_args, kSalt);
  REQUIRE((e.rc == 0 || e.rc == 1));
  CHECK(WorkbookText(Xlsx(again)) + WorkbookText(QaXlsx(again)) == cells);
}

TEST_CASE("protect: rehearse --pseudonymise writes a pseudonymised pack", "[protect]") {
  const std::string out = testing::MakeTempDir();
  const Run r = Annexa({"rehearse", "--config", Tiny() + "/config.yaml", "--notification", "2026-11-23 09:30", "--out",
                        out, "--pseudonymise"},
                       kSalt);
  INFO(r.err);
  REQUIRE((r.rc == 0 || r.rc == 1));
  const std::string cells = WorkbookText(Xlsx(out));
  CHECK(cells.find("\tP-7YVSW10DX2HE\t") != std::string::npos);
  CHECK(cells.find("\tC1\t") == std::string::npos);
}

TEST_CASE("protect: --pseudonymise is refused without a usable salt, and never echoes it", "[protect]") {
  const std::string out = testing::MakeTempDir() + "/pack";
  std::vector<std::string> args = GenerateArgs(out);
  args.push_back("--pseudonymise");

  Run r = Annexa(args);
  CHECK(r.rc == 2);
  CHECK(r.err ==
        "annexa: --pseudonymise needs a salt: --salt-file FILE or the environment variable ANNEXA_SALT (a secret "
        "of at least 16 bytes, the same for every run whose pseudonyms should match)\n");

  r = Annexa(args, "short-salt-15ch");
  CHECK(r.rc == 2);
  CHECK(r.err ==
        "annexa: the salt in the environment variable ANNEXA_SALT is shorter than 16 bytes; use a long random "
        "secret (e.g. openssl rand -hex 32)\n");

  const std::string dir = testing::MakeTempDir();
  const std::string short_file = testing::WriteTextFile(dir, "short", "tiny-salt\n");
  std::vector<std::string> with_file = args;
  with_file.insert(with_file.end(), {"--salt-file", short_file});
  r = Annexa(with_file, kSalt);  // the file wins over the environment
  CHECK(r.rc == 2);
  CHECK(r.err.find("annexa: the salt in " + short_file + " is shorter than 16 bytes") == 0);
  CHECK(r.err.find("tiny-salt") == std::string::npos);

  with_file.back() = dir + "/missing";
  r = Annexa(with_file);
  CHECK(r.rc == 2);
  CHECK(r.err == "annexa: " + dir + "/missing: no such file\n");

  std::vector<std::string> no_flag = GenerateArgs(out);
  no_flag.insert(no_flag.end(), {"--salt-file", short_file});
  r = Annexa(no_flag);
  CHECK(r.rc == 2);
  CHECK(r.err == "annexa: --salt-file applies only with --pseudonymise\n");

  // A salt file others can read works, with a warning.
  const std::string loose = testing::WriteTextFile(dir, "loose", kSalt);
  ::chmod(loose.c_str(), 0644);
  with_file.back() = loose;
  r = Annexa(with_file);
  CHECK((r.rc == 0 || r.rc == 1));
  CHECK(r.err == "annexa: warning: " + loose + " can be read by other users; chmod 600 it\n");
}

TEST_CASE("protect: --pdf-password-file encrypts the PDF", "[protect]") {
  const std::string out = testing::MakeTempDir();
  const std::string dir = testing::MakeTempDir();
  const std::string password_file = testing::WriteTextFile(dir, "pw", std::string(kPassword) + "\n");
  ::chmod(password_file.c_str(), 0600);
  std::vector<std::string> args = GenerateArgs(out);
  args.insert(args.end(), {"--pdf-password-file", password_file});
  const Run r = Annexa(args);
  INFO(r.err);
  REQUIRE((r.rc == 0 || r.rc == 1));
  const std::string pdf = testing::ReadBytes(Pdf(out));
  CHECK(pdf.find("/Encrypt") != std::string::npos);
  int rc = 0;
  Shell("pdftotext '" + Pdf(out) + "' - 2>/dev/null", &rc);
  CHECK(rc != 0);
  Shell("pdftotext -upw wrong-password '" + Pdf(out) + "' - 2>/dev/null", &rc);
  CHECK(rc != 0);
  const std::string text = Shell("pdftotext -upw '" + std::string(kPassword) + "' '" + Pdf(out) + "' - 2>/dev/null", &rc);
  CHECK(rc == 0);
  CHECK(text.find("Tinyshire") != std::string::npos);
  // Its text is read without warnings (issue 20): libharu's /ToUnicode
  // copy of the encoding CMap made pdftotext warn "Invalid
  // 'begincidrange' operator" once per font per page.
  const std::string warnings =
      Shell("pdftotext -upw '" + std::string(kPassword) + "' '" + Pdf(out) + "' /dev/null 2>&1", &rc);
  CHECK(rc == 0);
  CHECK(warnings == "");
  for (const auto& [name, bytes] : Outputs(out, kPassword)) {
    INFO(name);
    CHECK(bytes.find(kPassword) == std::string::npos);
  }
  CHECK((r.out + r.err + r.progress).find(kPassword) == std::string::npos);

  // From the environment too; a password PDF readers could not use is refused.
  const std::string env_out = testing::MakeTempDir();
  Run e = Annexa(GenerateArgs(env_out), "", kPassword);
  REQUIRE((e.rc == 0 || e.rc == 1));
  CHECK(testing::ReadBytes(Pdf(env_out)).find("/Encrypt") != std::string::npos);
  e = Annexa(GenerateArgs(testing::MakeTempDir()), "", "short");
  CHECK(e.rc == 2);
  CHECK(e.err ==
        "annexa: the PDF password in the environment variable ANNEXA_PDF_PASSWORD must be 8 to 32 printable ASCII "
        "characters (PDF readers use no more than 32)\n");
  CHECK(e.err.find("short\n") == std::string::npos);
}

TEST_CASE("protect: Exampleshire pseudonymised holds none of its ids or workers' names", "[protect]") {
  const std::string plain = testing::MakeTempDir(), pseudo = testing::MakeTempDir();
  const std::string config = testing::SourceDir() + "/config/exampleshire.yaml";
  const Run a = Annexa({"generate", "--config", config, "--out", plain, "--generated-at", "2026-11-23T09:30:00"});
  REQUIRE((a.rc == 0 || a.rc == 1));
  const Run b = Annexa({"generate", "--config", config, "--out", pseudo, "--generated-at", "2026-11-23T09:30:00",
                        "--pseudonymise"},
                       kSalt);
  INFO(b.err);
  REQUIRE(b.rc == a.rc);

  // What the plain pack shows: every id (column A of every list and of the
  // audited cases), every worker's or adviser's name, and the ids quoted by
  // findings about rows that were left out.
  std::set<std::string> ids, names;
  // The QA workbook: the upload workbook's lists and the audited cases.
  sources::Workbook wb = testing::OpenOk(plain + "/annex_a_999_2026-11-23_qa.xlsx");
  for (const std::string& sheet_name : wb.SheetNames()) {
    if (sheet_name.rfind("List_", 0) != 0 && sheet_name != "Audited_cases") continue;
    auto sheet = wb.SheetByName(sheet_name);
    REQUIRE(sheet.ok());
    for (int c = 1; c <= (*sheet)->max_col(); ++c) {
      const std::string header((*sheet)->At(2, c).text);
      const bool id = c == 1 || header == "Family identifier";
      const bool name = header == "Allocated Worker" || header == "Allocated Personal Advisor" || header == "Auditor";
      if (!id && !name) continue;
      for (int r = 3; r <= (*sheet)->max_row(); ++r) {
        const std::string v = (*sheet)->At(r, c).ToText();
        if (!v.empty()) (id ? ids : names).insert(v);
      }
    }
  }
  const std::string plain_findings = testing::ReadBytes(plain + "/annex_a_999_2026-11-23_findings.csv");
  for (size_t at = plain_findings.find("PERSON_ID '"); at != std::string::npos;
       at = plain_findings.find("PERSON_ID '", at + 1)) {
    const size_t from = at + 11;
    ids.insert(plain_findings.substr(from, plain_findings.find('\'', from) - from));
  }
  REQUIRE(ids.size() > 1000);
  REQUIRE(names.size() > 10);

  const std::string cells = WorkbookText(pseudo + "/annex_a_999_2026-11-23.xlsx") +
                            WorkbookText(pseudo + "/annex_a_999_2026-11-23_qa.xlsx");
  for (const auto& [file, bytes] : Outputs(pseudo)) {
    // Its cells are checked below; the QA workbook's comments (each marked
    // cell's findings) are text to check here.
    if (file.find(".xlsx") != std::string::npos && file.find(":xl/comments") == std::string::npos) continue;
    INFO(file);
    // Its words (runs of letters and digits), to look the ids up in.
    std::set<std::string> words;
    std::string word;
    for (char ch : bytes + " ") {
      if (std::isalnum(static_cast<unsigned char>(ch))) word += ch;
      else if (!word.empty()) words.insert(std::exchange(word, std::string()));
    }
    for (const std::string& id : ids) {
      INFO(id);
      CHECK(words.count(id) == 0);
    }
    for (const std::string& n : names) CHECK(bytes.find(n) == std::string::npos);
  }
  for (const std::string& id : ids) {
    INFO(id);
    CHECK(cells.find("\t" + id + "\t") == std::string::npos);
  }
  for (const std::string& n : names) CHECK(cells.find(n) == std::string::npos);
}
