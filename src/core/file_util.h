// Whole-file reads and atomic writes. Every output annexa produces goes
// through WriteFileAtomically so that a failed or killed run never leaves a
// half-written file where a good one was.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace annexa {

// Reads a whole file. Fails with kNotFound when it does not exist, kIoError
// when it cannot be read, kLimitExceeded when it is larger than max_bytes.
Result<std::string> ReadFile(const std::string& path,
                             uint64_t max_bytes = 4ull * 1024 * 1024 * 1024);

// Writes `data` to `path` via a temporary file in the same directory, fsync
// and rename(2). On failure the previous file (if any) is untouched and the
// temporary file is removed. `mode` is applied to the new file.
Status WriteFileAtomically(const std::string& path, const std::string& data,
                           unsigned mode = 0600);

}  // namespace annexa
