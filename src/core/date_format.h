// Parsing dates as councils' systems write them. A format is a pattern of
// DD, D, MM, M, Mon (Jan..Dec, any case), Month (January..), YYYY and
// literal separators; anything after the date (a time such as " 09:30:00"
// or "T09:30") is ignored. "serial" accepts an Excel 1900-system serial
// number. Impossible dates (31/02/2026) never parse.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"

namespace annexa {

// The formats tried when a config names none, in order: YYYY-MM-DD,
// DD/MM/YYYY, D/M/YYYY, DD-MM-YYYY, DD.MM.YYYY, DD-Mon-YYYY, DD Mon YYYY,
// D Month YYYY, YYYYMMDD. (Never MM/DD/YYYY: it must be asked for.)
const std::vector<std::string>& DefaultDateFormats();

// True when `format` is a pattern this parser understands.
bool IsValidDateFormat(std::string_view format);

// Parses `text` with the first format that matches; nullopt otherwise.
std::optional<CivilDate> ParseDate(std::string_view text, const std::vector<std::string>& formats);

}  // namespace annexa
