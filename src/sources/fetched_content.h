// Is what a report server sent the kind of file the config expects? A
// session that expired or a proxy in the way answers 200 with an HTML login
// page; parsed as CSV that page would become a "source" with odd columns, so
// it is refused before any parsing, naming the URL and what arrived.
#pragma once

#include <string>

#include "core/status.h"
#include "sources/http_fetch.h"

namespace annexa::sources {

enum class ExpectedContent { kCsv, kXlsx, kXml };

// Ok, or kIoError "<url>: the server sent an HTML page (Content-Type
// text/html), not CSV: a login or error page? Check the URL and the
// credentials". Looks at the declared Content-Type and at the body's first
// bytes (an HTML page served as text/csv is still an HTML page). Unknown or
// generic types (application/octet-stream, text/plain, none) are accepted.
Status CheckFetchedContent(const HttpResponse& response, const std::string& shown_url, ExpectedContent expected);

}  // namespace annexa::sources
