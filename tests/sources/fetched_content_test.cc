// A report server's answer is checked before parsing: an HTML login page (by
// its Content-Type or by its first bytes), JSON, a PDF or a workbook where CSV
// was expected is refused with the URL and what arrived.
#include "sources/fetched_content.h"

#include <catch2/catch.hpp>

using annexa::sources::CheckFetchedContent;
using annexa::sources::ExpectedContent;
using annexa::sources::HttpResponse;

namespace {
const std::string kUrl = "https://reports.example/contacts.csv";

std::string Refusal(const std::string& content_type, const std::string& body, ExpectedContent e = ExpectedContent::kCsv) {
  HttpResponse r;
  r.status = 200;
  r.content_type = content_type;
  r.body = body;
  annexa::Status s = CheckFetchedContent(r, kUrl, e);
  if (!s.ok()) CHECK(s.code() == annexa::StatusCode::kIoError);
  return s.ok() ? "" : s.message();
}
}  // namespace

TEST_CASE("fetched content: an HTML page is refused by type or by its first bytes", "[http]") {
  const std::string login = kUrl + ": the server sent an HTML page";
  CHECK(Refusal("text/html; charset=utf-8", "<p>Sign in</p>") ==
        login + " (Content-Type text/html), not CSV: a login or error page? Check the URL and the credentials");
  CHECK(Refusal("text/csv", "\xEF\xBB\xBF\r\n  <!DOCTYPE HTML>\n<html>") ==
        login + " (Content-Type text/csv), not CSV: a login or error page? Check the URL and the credentials");
  CHECK(Refusal("", "<html><body>") ==
        login + ", not CSV: a login or error page? Check the URL and the credentials");
  CHECK(Refusal("application/xhtml+xml", "<?xml version=\"1.0\"?>", ExpectedContent::kXml) ==
        login + " (Content-Type application/xhtml+xml), not XML: a login or error page? Check the URL and the credentials");
  CHECK(Refusal("TEXT/HTML", "PK\x03\x04", ExpectedContent::kXlsx) ==
        login + " (Content-Type text/html), not an xlsx workbook: a login or error page? Check the URL and the "
                "credentials");
}

TEST_CASE("fetched content: JSON, PDF and a workbook where CSV was expected are refused", "[http]") {
  CHECK(Refusal("application/json", "{\"error\": \"expired\"}") ==
        kUrl + ": the server sent JSON (Content-Type application/json), not CSV: check the report's export format");
  CHECK(Refusal("application/problem+json", "{}") ==
        kUrl + ": the server sent JSON (Content-Type application/problem+json), not CSV: check the report's export "
               "format");
  CHECK(Refusal("application/pdf", "%PDF-1.7") ==
        kUrl + ": the server sent a application/pdf file, not CSV: check the report's export format");
  CHECK(Refusal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04") ==
        kUrl + ": the server sent an xlsx workbook (Content-Type "
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), not CSV: set 'format: xlsx' for "
               "this source");
}

TEST_CASE("fetched content: CSV, XML and workbooks under their usual or generic types pass", "[http]") {
  CHECK(Refusal("text/csv; charset=windows-1252", "PERSON_ID,DATE\n").empty());
  CHECK(Refusal("text/plain", "PERSON_ID,DATE\n").empty());
  CHECK(Refusal("application/octet-stream", "PERSON_ID,DATE\n").empty());
  CHECK(Refusal("", "PERSON_ID,DATE\n").empty());
  CHECK(Refusal("application/vnd.ms-excel", "PERSON_ID,DATE\n").empty());  // how some servers label CSV
  CHECK(Refusal("application/xml", "<?xml version=\"1.0\"?><Message/>", ExpectedContent::kXml).empty());
  CHECK(Refusal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04",
                ExpectedContent::kXlsx)
            .empty());
}
