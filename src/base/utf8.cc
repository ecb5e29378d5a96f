#include "base/utf8.h"

#include <cstdint>

namespace webcare::base {
namespace {

}  // namespace

// Follows the table of well-formed byte sequences in the Unicode standard (Table 3-7).
size_t DecodeUtf8(std::string_view text, size_t i, char32_t& code_point) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(text[i + k]); };
  const size_t remaining = text.size() - i;
  const auto cont = [&](size_t k, uint8_t lo = 0x80, uint8_t hi = 0xBF) {
    return k < remaining && byte(k) >= lo && byte(k) <= hi;
  };
  const uint8_t b0 = byte(0);
  if (b0 < 0x80) {
    code_point = b0;
    return 1;
  }
  size_t length = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = cont(1) ? 2 : 0;
  } else if (b0 == 0xE0) {
    length = cont(1, 0xA0) && cont(2) ? 3 : 0;
  } else if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) {
    length = cont(1) && cont(2) ? 3 : 0;
  } else if (b0 == 0xED) {
    length = cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  } else if (b0 == 0xF0) {
    length = cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  } else if (b0 >= 0xF1 && b0 <= 0xF3) {
    length = cont(1) && cont(2) && cont(3) ? 4 : 0;
  } else if (b0 == 0xF4) {
    length = cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  }
  if (length == 0) return 0;
  static constexpr uint8_t kLeadMask[] = {0, 0, 0x1F, 0x0F, 0x07};
  char32_t value = b0 & kLeadMask[length];
  for (size_t k = 1; k < length; ++k) value = (value << 6) | (byte(k) & 0x3F);
  code_point = value;
  return length;
}

size_t FirstInvalidUtf8Offset(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    char32_t ignored;
    const size_t n = DecodeUtf8(text, i, ignored);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

bool IsValidUtf8(std::string_view text) {
  return FirstInvalidUtf8Offset(text) == std::string_view::npos;
}

std::string_view TruncateUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  // Step back over continuation bytes so the cut lands on a code point boundary.
  while (end > 0 && (static_cast<uint8_t>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace webcare::base
