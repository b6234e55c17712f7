// Flattens a CIN census return into six Tables in one forward walk of the
// DOM. Each group element's children are visited once and dispatched by
// name to a column, rather than looked up field by field, so a hostile or
// oddly ordered file costs time linear in its size.
#include "sources/cin_census_reader.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/file_util.h"
#include "sources/xml_document.h"

namespace annexa::sources {

namespace {

constexpr std::string_view kRootName = "Message";

// Column lists, in the order the header comment documents. The leading
// LAchildID / CINreferralDate columns of the nested tables are context
// copied from the enclosing <Child> / <CINdetails>, not read from the
// element itself. Plain arrays of string_view: no static constructors.
constexpr std::string_view kChildrenColumns[] = {
    "LAchildID", "PersonBirthDate", "ExpectedPersonBirthDate", "GenderCurrent",
    "Ethnicity", "UPN", "PersonDeathDate", "Disabilities", "Sex"};
constexpr std::string_view kEpisodeColumns[] = {
    "LAchildID",        "CINreferralDate",  "ReferralSource", "PrimaryNeedCode",
    "CINclosureDate",   "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA", "PersonDeathDate"};
constexpr std::string_view kAssessmentColumns[] = {
    "LAchildID", "CINreferralDate", "AssessmentActualStartDate", "AssessmentInternalReviewDate",
    "AssessmentAuthorisationDate", "AssessmentFactors", "PersonDeathDate"};
constexpr std::string_view kCinPlanColumns[] = {"LAchildID", "CINreferralDate",
                                                  "CINPlanStartDate", "CINPlanEndDate", "PersonDeathDate"};
constexpr std::string_view kSection47Columns[] = {
    "LAchildID", "CINreferralDate", "S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC",
    "ICPCnotRequired", "PersonDeathDate"};
constexpr std::string_view kCpPlanColumns[] = {
    "LAchildID", "CINreferralDate", "CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse",
    "LatestCategoryOfAbuse", "NumberOfPreviousCPP", "CPPreviewDates", "PersonDeathDate"};

// Indexes into the lists above that the walker writes directly.
constexpr size_t kIdColumn = 0;            // LAchildID in every table
constexpr size_t kReferralColumn = 1;      // CINreferralDate in episode-level tables
constexpr size_t kDisabilitiesColumn = 7;  // children.Disabilities
constexpr size_t kFactorsColumn = 5;       // assessments.AssessmentFactors
constexpr size_t kReviewsColumn = 7;       // cp_plans.CPPreviewDates
constexpr size_t kDeathColumn = 6;         // children.PersonDeathDate
// Every table but children ends with the child's PersonDeathDate, copied
// from <Child> as context (so a source contract can compare a row's dates
// with it: DfE rule 8555Q, no event after the child's death). It is the
// last column of each of those tables.

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

// Text() rather than TextView(): a value split by a comment or CDATA
// section is still one value.
std::string TrimmedText(XmlNode node) { return Trim(node.Text()); }

// Maps element byte offsets to 1-based line numbers. The newline positions
// are recorded before parsing, because the parser works in place and
// rewrites the buffer; keeping them (8 bytes a line) is cheaper than keeping
// a copy of the whole file. Elements are visited in document order, so the
// lookup is a cursor that only moves forward: one pass for the whole file.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) {
    for (size_t pos = text.find('\n'); pos != std::string_view::npos;
         pos = text.find('\n', pos + 1)) {
      newlines_.push_back(pos);
    }
  }

  int64_t LineAt(size_t offset) {
    if (next_ > 0 && newlines_[next_ - 1] >= offset) next_ = 0;  // never expected
    while (next_ < newlines_.size() && newlines_[next_] < offset) ++next_;
    return static_cast<int64_t>(next_) + 1;
  }

 private:
  std::vector<size_t> newlines_;
  size_t next_ = 0;  // newlines_[0, next_) lie before the last offset asked
};

Table MakeTable(std::string name, std::span<const std::string_view> columns,
                const std::string& origin) {
  Table table;
  table.name = std::move(name);
  table.origin = origin;
  table.headers.assign(columns.begin(), columns.end());
  return table;
}

// A row being filled: all cells empty (missing elements stay empty) until
// set, then added to its table whole.
struct PendingRow {
  PendingRow(const Table& table, int64_t at_line) : cells(table.headers.size()), line(at_line) {}
  // The count always matches, and a row's text is part of the file (under
  // 4 GiB), so AddRow cannot refuse it.
  void AddTo(Table& table) const { table.AddRow(cells, line); }
  std::vector<std::string> cells;
  int64_t line;
};

// Copies `element`'s text into the row's column of the same name, ignoring
// the leading context columns (so a stray <LAchildID> inside a nested group
// cannot overwrite the id it inherited) and unknown elements. The first
// occurrence of a repeated element wins.
void SetLeaf(const Table& table, XmlNode element, size_t context_columns,
             std::vector<bool>& seen, std::vector<std::string>& row) {
  std::string_view name = element.LocalName();
  for (size_t col = context_columns; col < table.headers.size(); ++col) {
    if (table.headers[col] != name) continue;
    if (!seen[col]) {
      seen[col] = true;
      row[col] = TrimmedText(element);
    }
    return;
  }
}

// Appends the trimmed text of each `item_name` child of `container` to
// `out`, ";"-separated. Empty items are skipped: an empty code carries no
// information and would only produce "a;;b".
void AppendJoined(XmlNode container, std::string_view item_name, std::string& out) {
  for (XmlNode item = container.FirstChild(item_name); item; item = item.NextSibling(item_name)) {
    std::string code = TrimmedText(item);
    if (code.empty()) continue;
    if (!out.empty()) out += ';';
    out += code;
  }
}

class CinWalker {
 public:
  CinWalker(LineCounter lines, const std::string& origin)
      : lines_(std::move(lines)),
        children_(MakeTable("children", kChildrenColumns, origin)),
        episodes_(MakeTable("cin_episodes", kEpisodeColumns, origin)),
        assessments_(MakeTable("assessments", kAssessmentColumns, origin)),
        cin_plans_(MakeTable("cin_plans", kCinPlanColumns, origin)),
        section47_(MakeTable("section47", kSection47Columns, origin)),
        cp_plans_(MakeTable("cp_plans", kCpPlanColumns, origin)) {}

  void WalkMessage(XmlNode message) {
    XmlNode children = message.FirstChild("Children");
    for (XmlNode child = children.FirstChild("Child"); child; child = child.NextSibling("Child")) {
      WalkChild(child);
    }
  }

  std::map<std::string, Table> TakeTables() && {
    std::map<std::string, Table> tables;
    for (Table* table :
         {&children_, &episodes_, &assessments_, &cin_plans_, &section47_, &cp_plans_}) {
      std::string name = table->name;
      tables.emplace(std::move(name), std::move(*table));
    }
    return tables;
  }

 private:
  void WalkChild(XmlNode child) {
    PendingRow row(children_, lines_.LineAt(child.Offset()));
    std::vector<bool> seen(children_.headers.size(), false);
    std::string disabilities;
    // One pass over <Child>'s groups, then one over each group's fields;
    // episodes are deferred until the id is known, since nothing obliges a
    // producer to write <ChildIdentifiers> first.
    std::vector<XmlNode> episodes;
    for (XmlNode group = child.FirstChild(); group; group = group.NextSibling()) {
      std::string_view name = group.LocalName();
      if (name == "CINdetails") {
        episodes.push_back(group);
        continue;
      }
      if (name != "ChildIdentifiers" && name != "ChildCharacteristics") continue;
      for (XmlNode field = group.FirstChild(); field; field = field.NextSibling()) {
        if (field.LocalName() == "Disabilities") {
          AppendJoined(field, "Disability", disabilities);
        } else {
          SetLeaf(children_, field, 0, seen, row.cells);
        }
      }
    }
    row.cells[kDisabilitiesColumn] = std::move(disabilities);
    row.AddTo(children_);
    const std::string& id = row.cells[kIdColumn];
    const std::string& died = row.cells[kDeathColumn];
    for (XmlNode episode : episodes) WalkEpisode(episode, id, died);
  }

  void WalkEpisode(XmlNode episode, const std::string& id, const std::string& died) {
    PendingRow pending(episodes_, lines_.LineAt(episode.Offset()));
    std::vector<bool> seen(episodes_.headers.size(), false);
    std::vector<std::string>& row = pending.cells;
    row[kIdColumn] = id;
    // Leaves first, so the referral date is known before the nested groups
    // (which carry it as context) are emitted; nested groups are container
    // elements whose names match no column, so SetLeaf ignores them.
    for (XmlNode field = episode.FirstChild(); field; field = field.NextSibling()) {
      SetLeaf(episodes_, field, kIdColumn + 1, seen, row);
    }
    row.back() = died;  // context, whatever a stray element said
    pending.AddTo(episodes_);
    const std::string& referral = row[kReferralColumn];
    for (XmlNode group = episode.FirstChild(); group; group = group.NextSibling()) {
      std::string_view name = group.LocalName();
      if (name == "Assessments") {
        AddGroupRow(assessments_, group, id, referral, died, "FactorsIdentifiedAtAssessment",
                    "AssessmentFactors", kFactorsColumn);
      } else if (name == "CINPlanDates") {
        AddGroupRow(cin_plans_, group, id, referral, died, {}, {}, 0);
      } else if (name == "Section47") {
        AddGroupRow(section47_, group, id, referral, died, {}, {}, 0);
      } else if (name == "ChildProtectionPlans") {
        AddGroupRow(cp_plans_, group, id, referral, died, "Reviews", "CPPreviewDate", kReviewsColumn);
      }
    }
  }

  // One row for a group nested in <CINdetails>: context columns, then its
  // leaf fields, then (when `list_name` is given) the ";"-joined items of
  // every <list_name> container into `list_column`.
  void AddGroupRow(Table& table, XmlNode group, const std::string& id, const std::string& referral,
                   const std::string& died, std::string_view list_name, std::string_view item_name, size_t list_column) {
    PendingRow pending(table, lines_.LineAt(group.Offset()));
    std::vector<std::string>& row = pending.cells;
    row[kIdColumn] = id;
    row[kReferralColumn] = referral;
    std::vector<bool> seen(table.headers.size(), false);
    std::string joined;
    for (XmlNode field = group.FirstChild(); field; field = field.NextSibling()) {
      if (!list_name.empty() && field.LocalName() == list_name) {
        AppendJoined(field, item_name, joined);
      } else {
        SetLeaf(table, field, kReferralColumn + 1, seen, row);
      }
    }
    if (!list_name.empty()) row[list_column] = std::move(joined);
    row.back() = died;
    pending.AddTo(table);
  }

  LineCounter lines_;
  Table children_;
  Table episodes_;
  Table assessments_;
  Table cin_plans_;
  Table section47_;
  Table cp_plans_;
};

// Takes the bytes over so that a file read from disk is parsed without
// another copy.
Result<std::map<std::string, Table>> ParseOwned(std::string xml, const std::string& origin) {
  LineCounter lines(xml);
  Result<XmlDocument> document = XmlDocument::Parse(std::move(xml), origin);
  if (!document.ok()) return document.status();
  XmlNode root = document->Root();
  if (root.LocalName() != kRootName) {
    return ParseError(origin + ": not a CIN census return (root element is '" +
                      std::string(root.LocalName()) + "', expected '" + std::string(kRootName) +
                      "')");
  }
  CinWalker walker(std::move(lines), origin);
  walker.WalkMessage(root);
  return std::move(walker).TakeTables();
}

}  // namespace

Result<std::map<std::string, Table>> ParseCinCensus(const std::string& xml,
                                                    const std::string& origin) {
  return ParseOwned(xml, origin);
}

Result<std::map<std::string, Table>> ReadCinCensusFile(const std::string& path) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  return ParseOwned(std::move(bytes).value(), path);
}

}  // namespace annexa::sources
