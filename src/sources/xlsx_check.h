// Whether an xlsx file is whole: read back before a pack that holds it is
// swapped in. The workbook library streams sheets through temporary files
// and does not check those writes, so a full disk or a file-size limit can
// leave a zip that closes cleanly around a sheet cut short (issue 17).
//
// Cheap beside writing the file (bench/README.md): the zip's central
// directory is read, every part is inflated once and its CRC-32 compared
// with the one recorded (libzip does this at the end of each read), and
// every XML part (.xml, .rels) is parsed for well-formedness, worksheets a
// slice of rows at a time so no sheet is held whole. Nothing is converted
// into cells.
#pragma once

#include <string>

#include "core/status.h"
#include "sources/zip_archive.h"

namespace annexa::sources {

// Ok when whole; otherwise kParseError "<path>: <part>: <what is wrong>"
// (not a zip archive, a part that fails its CRC or is cut short, "XML error
// at byte N"), kNotFound, kIoError or kLimitExceeded as ZipArchive gives.
Status CheckXlsxWhole(const std::string& path, ZipLimits limits = {});

}  // namespace annexa::sources
