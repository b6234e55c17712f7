// Wraps a fuzz_entry.h function as a libFuzzer target. A kInternal Status
// (a reader broke its own promise, e.g. a row wider than its header) aborts
// so that libFuzzer saves the input like any crash; every other Status is
// the reader correctly refusing bad input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/status.h"

#define ANNEXA_FUZZ_TARGET(entry)                                                    \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {          \
    const ::annexa::Status s = entry(std::string_view(reinterpret_cast<const char*>(data), size)); \
    if (s.code() == ::annexa::StatusCode::kInternal) {                               \
      std::fprintf(stderr, "broken invariant: %s\n", s.message().c_str());         \
      std::abort();                                                                  \
    }                                                                                \
    return 0;                                                                        \
  }
