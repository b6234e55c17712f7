// Whether a source's header row reads as headers or as a record (a file
// exported without its header row), so that an error about its columns
// never puts a record's values (an id, a name, a date of birth) on the
// terminal: such a row is described by column positions and the headers
// the config expects, never by its cells (docs/config.md, "Header rows").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/table.h"

namespace annexa {

// What a header cell looks like when it is a record's value instead:
// "a date" (any default format, or an ISO date-time), "a number" (digits,
// optionally with one point, a leading '-', or spaces and hyphens between
// groups: "943 476 5919"), "an id" (up to three letters then three or more
// digits: "C1234"), "a postcode" ("SW1A 1AA") or "an email address"; ""
// when it may be header text.
std::string_view DataLikeKind(std::string_view cell);

// False when any cell of `headers` is DataLikeKind.
bool LooksLikeHeaderRow(const std::vector<std::string>& headers);

// "the header row does not look like headers: columns 1 and 4 hold data
// (an id, a date); was the file exported without its header row?": names
// positions and kinds only. `expected` (may be empty) are headers the config
// expects; those missing from `headers` are named from the config:
// "... : 0 of 2 expected columns found (e.g. 'PERSON_ID' missing), columns
// 1 and 4 hold data ...".
std::string NotAHeaderMessage(const std::vector<std::string>& headers, const std::vector<std::string>& expected = {});

// How an error about a missing column describes the table's columns:
// "its columns: A, B, C" (the first 25, then ", ...") when its header row
// reads as headers, else NotAHeaderMessage(t.headers, expected). A header
// row none of whose cells is one of two or more `expected` columns is not
// a header row either (its cells are not quoted).
std::string DescribeColumns(const Table& t, const std::vector<std::string>& expected);

}  // namespace annexa
