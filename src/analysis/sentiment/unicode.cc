#include "analysis/sentiment/unicode.h"

#include "base/utf8.h"

#include <cstdint>

namespace webcare::analysis::sentiment {
namespace internal {


char32_t PeekMultiByteCodePoint(std::string_view text, size_t i, size_t& length) {
  char32_t cp = kNoCodePoint;
  length = i < text.size() ? base::DecodeUtf8(text, i, cp) : 0;
  return length == 0 ? kNoCodePoint : cp;
}

void Encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t LowerCodePoint(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0xC0) return cp;
  if (cp <= 0xDE) return cp == 0xD7 ? cp : cp + 32;
  if (cp >= 0x100 && cp <= 0x137) return cp % 2 == 0 ? cp + 1 : cp;
  if (cp >= 0x139 && cp <= 0x148) return cp % 2 == 1 ? cp + 1 : cp;
  if (cp >= 0x14A && cp <= 0x177) return cp % 2 == 0 ? cp + 1 : cp;
  if (cp == 0x178) return 0xFF;
  if (cp >= 0x179 && cp <= 0x17E) return cp % 2 == 1 ? cp + 1 : cp;
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

bool IsUpper(char32_t cp) { return LowerCodePoint(cp) != cp; }

bool IsLower(char32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
         (cp >= 0x100 && cp <= 0x17F && LowerCodePoint(cp) == cp) || (cp >= 0x3AC && cp <= 0x3CE) ||
         (cp >= 0x430 && cp <= 0x45F);
}

bool IsEmoji(char32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
         (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0x2300 && cp <= 0x23FF) ||
         (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x25A0 && cp <= 0x25FF) || cp == 0x2934 ||
         cp == 0x2935 || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299 ||
         cp == 0xA9 || cp == 0xAE || cp == 0x2122 || cp == 0x2139;
}

bool IsEmojiModifier(char32_t cp) {
  return cp == 0xFE0E || cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0x20E3 ||
         (cp >= 0xE0020 && cp <= 0xE007F);
}

bool IsRegionalIndicator(char32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }

// Letters and combining marks of any script. Without ICU this is a range test: Latin, Greek,
// Cyrillic and everything from Armenian up to the general punctuation block, plus the CJK,
// Hangul and Latin Extended Additional ranges.
bool IsNonAsciiLetter(char32_t cp) {
  if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp < 0x2000) return true;
  return (cp >= 0x3040 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

}  // namespace internal

std::string FoldCase(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    const size_t length = base::DecodeUtf8(text, i, cp);
    if (length == 0) {
      out.push_back(text[i++]);
      continue;
    }
    internal::Encode(
        internal::IsApostrophe(cp) || cp == 0x2018 ? U'\'' : internal::LowerCodePoint(cp), out);
    i += length;
  }
  return out;
}

std::string RemoveAccents(std::string_view text) {
  // Base letters of U+00C0..U+00FF and U+0100..U+017F; '_' keeps the letter as it is.
  static constexpr std::string_view kLatin1 =
      "aaaaaa_ceeeeiiii_nooooo_ouuuuy__aaaaaa_ceeeeiiii_nooooo_ouuuuy_y";
  static constexpr std::string_view kExtendedA =
      "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii__jjkk_llllllllllnnnnnn___oooooo__"
      "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
  static_assert(kLatin1.size() == 64 && kExtendedA.size() == 128);
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    const size_t length = base::DecodeUtf8(text, i, cp);
    if (length == 0) {
      out.push_back(text[i++]);
      continue;
    }
    i += length;
    char base = '_';
    if (cp >= 0xC0 && cp <= 0xFF) base = kLatin1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F) base = kExtendedA[cp - 0x100];
    if (cp >= 0x300 && cp <= 0x36F) continue;  // Combining accents (decomposed text).
    if (base != '_') {
      out.push_back(base);
    } else {
      internal::Encode(cp, out);
    }
  }
  return out;
}

}  // namespace webcare::analysis::sentiment
