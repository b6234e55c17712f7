// Keyed hashing and random bytes for data protection (see SECURITY.md):
// HMAC-SHA256 keys the pseudonyms, random bytes make the PDF's owner
// password. The one adapter for OpenSSL's libcrypto (no other file includes
// an OpenSSL header): a reviewed, constant-time implementation that Debian
// patches, rather than a hand-written SHA-256.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace annexa {

using Sha256Digest = std::array<uint8_t, 32>;

// HMAC-SHA256 (RFC 2104, FIPS 180-4) of `data` under `key`.
Sha256Digest HmacSha256(std::string_view key, std::string_view data);

// `n` bytes from the operating system's cryptographic generator; kInternal
// when it cannot supply them.
Result<std::string> RandomBytes(size_t n);

// Lower-case hex of `bytes`.
std::string ToHex(std::string_view bytes);

}  // namespace annexa
