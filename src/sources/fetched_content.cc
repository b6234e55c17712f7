#include "sources/fetched_content.h"

#include <cctype>
#include <string_view>

namespace annexa::sources {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "text/html; charset=utf-8" -> "text/html".
std::string MediaType(const std::string& content_type) {
  std::string t = Lower(content_type.substr(0, content_type.find(';')));
  const size_t b = t.find_first_not_of(" \t"), e = t.find_last_not_of(" \t");
  return b == std::string::npos ? "" : t.substr(b, e - b + 1);
}

// The body opens like an HTML document (after a BOM and blank space).
bool LooksLikeHtml(const std::string& body) {
  size_t i = body.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
  const std::string head = Lower(std::string_view(body).substr(i, 15));
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0;
}

const char* Name(ExpectedContent e) {
  switch (e) {
    case ExpectedContent::kCsv: return "CSV";
    case ExpectedContent::kXlsx: return "an xlsx workbook";
    case ExpectedContent::kXml: return "XML";
  }
  return "";
}

}  // namespace

Status CheckFetchedContent(const HttpResponse& response, const std::string& shown_url, ExpectedContent expected) {
  const std::string type = MediaType(response.content_type);
  const std::string declared = type.empty() ? "" : " (Content-Type " + type + ")";
  std::string what;
  if (type == "text/html" || type == "application/xhtml+xml" || LooksLikeHtml(response.body))
    what = "an HTML page" + declared + ", not " + Name(expected) +
           ": a login or error page? Check the URL and the credentials";
  else if (type == "application/json" || type.ends_with("+json"))
    what = "JSON" + declared + ", not " + std::string(Name(expected)) + ": check the report's export format";
  else if (type == "application/pdf" || type.rfind("image/", 0) == 0)
    what = "a " + type + " file, not " + std::string(Name(expected)) + ": check the report's export format";
  else if (expected == ExpectedContent::kCsv &&
           type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    what = "an xlsx workbook" + declared + ", not CSV: set 'format: xlsx' for this source";
  if (what.empty()) return Status::Ok();
  return IoError(shown_url + ": the server sent " + what);
}

}  // namespace annexa::sources
