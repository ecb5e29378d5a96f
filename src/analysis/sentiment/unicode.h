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
// ill-formed bytes (then `length` is 0).
char32_t PeekCodePoint(std::string_view text, size_t i, size_t& length);
void Encode(char32_t cp, std::string& out);

char32_t LowerCodePoint(char32_t cp);
bool IsUpper(char32_t cp);
bool IsLower(char32_t cp);
// Letters and combining marks of any script (a range test; see unicode.cc).
bool IsLetter(char32_t cp);
bool IsDigit(char32_t cp);
bool IsApostrophe(char32_t cp);  // ' and ’
bool IsEmoji(char32_t cp);
// Parts of an emoji sequence after its first code point: variation selectors, skin tones,
// the keycap mark and tag characters.
bool IsEmojiModifier(char32_t cp);
bool IsRegionalIndicator(char32_t cp);

}  // namespace internal
}  // namespace webcare::analysis::sentiment
