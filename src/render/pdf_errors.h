// libharu's error codes in words, for messages a council can act on
// ("a text longer than the PDF library takes (65,535 bytes)" rather than
// "error 0x105B"). Only the codes' values are used: pdf_writer.cc stays the
// one file that calls libharu.
#pragma once

#include <cstdint>
#include <string>

namespace annexa::render {

// "what went wrong (libharu error 0xNNNN)", with the detail (often an errno
// or a zlib/libpng code) when it is not 0. An unknown code is named by its
// number alone.
std::string HpdfErrorText(unsigned long code, unsigned long detail = 0);

}  // namespace annexa::render
