#pragma once
// Message authentication for outgoing webhooks and any other signed payload. Backed by
// libsodium; this header does not expose it.

#include <cstddef>
#include <string>
#include <string_view>

namespace webcare::base {

// HMAC-SHA-256 (RFC 2104, FIPS 180-4) of `message` with `key` of any length, as 64 lowercase
// hex digits. Thread-safe.
std::string HmacSha256Hex(std::string_view key, std::string_view message);

// True when `a` and `b` are equal. The time taken depends only on the lengths, never on where
// the contents differ, so comparing a received signature with the expected one does not leak
// how many leading characters were right. Thread-safe.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// SHA-256 (FIPS 180-4) of `data` as 64 lowercase hex digits: the name under which an
// attachment's content is stored. Thread-safe.
std::string Sha256Hex(std::string_view data);

// `bytes` random bytes from the operating system's generator, as unpadded base64url (A-Z, a-z,
// 0-9, '-' and '_'; 4 characters per 3 bytes, rounded up): codes and tokens that may appear in
// a URL and cannot be guessed. Thread-safe.
std::string RandomUrlToken(size_t bytes);

}  // namespace webcare::base
