#pragma once
// The Unicode the sentiment rules need, without ICU: decoding UTF-8 leniently, lower-casing
// and removing accents for the scripts the lexicons hold (Latin with every Dutch accent, Greek,
// Cyrillic), and telling letters, emoji and their modifiers apart.

#include <cstddef>
#include <string>
#include <string_view>

namespace webcare::analysis::sentiment {

// Lower-cases UTF-8 (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic); "’" becomes "'".
// Ill-formed bytes are copied unchanged.
std::string FoldCase(std::string_view text);

// Removes accents from Latin letters: "geëmotioneerd" -> "geemotioneerd", "één" -> "een".
// Returns the input unchanged when it has none.
std::string RemoveAccents(std::string_view text);

namespace internal {

inline constexpr char32_t kNoCodePoint = 0xFFFFFFFF;
inline constexpr char32_t kZeroWidthJoiner = 0x200D;

// The code point at text[i] (its length in `length`), or kNoCodePoint past the end or on
// ill-formed bytes (then `length` is 0). ASCII, most of every post, is decoded inline.
char32_t PeekMultiByteCodePoint(std::string_view text, size_t i, size_t& length);
inline char32_t PeekCodePoint(std::string_view text, size_t i, size_t& length) {
  if (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) {
    length = 1;
    return static_cast<unsigned char>(text[i]);
  }
  return PeekMultiByteCodePoint(text, i, length);
}
void Encode(char32_t cp, std::string& out);

char32_t LowerCodePoint(char32_t cp);
bool IsUpper(char32_t cp);
bool IsLower(char32_t cp);
// Letters and combining marks of any script (a range test; see unicode.cc).
bool IsNonAsciiLetter(char32_t cp);
inline bool IsLetter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return IsNonAsciiLetter(cp);
}
inline bool IsDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }
inline bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }  // ' and ’
bool IsEmoji(char32_t cp);
// Parts of an emoji sequence after its first code point: variation selectors, skin tones,
// the keycap mark and tag characters.
bool IsEmojiModifier(char32_t cp);
bool IsRegionalIndicator(char32_t cp);

}  // namespace internal
}  // namespace webcare::analysis::sentiment
