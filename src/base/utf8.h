#pragma once
// UTF-8 helpers that do not need ICU.

#include <cstddef>
#include <string>
#include <string_view>

namespace webcare::base {

// Decodes the code point that starts at byte `i` of `text` into `code_point` and returns its
// length in bytes, or 0 (code_point untouched) when the sequence there is ill-formed or cut
// off. REQUIRES: i < text.size().
size_t DecodeUtf8(std::string_view text, size_t i, char32_t& code_point);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Offset of the first byte of the first ill-formed sequence, or npos when `text` is valid.
size_t FirstInvalidUtf8Offset(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` bytes that does not split a code point.
std::string_view TruncateUtf8(std::string_view text, size_t max_bytes);

// Number of Unicode code points in valid UTF-8 `text`.
size_t CountCodePoints(std::string_view text);

}  // namespace webcare::base
