#include "analysis/query/tokenizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>

namespace webcare::analysis::query {
namespace {

// SQLite's unicode61 tables describe Unicode 6.1 (fts5_unicode2.c): a code point assigned
// later is unassigned there, and unassigned code points are token characters.
bool AssignedByUnicode61(UChar32 c) {
  UVersionInfo age;
  u_charAge(c, age);
  if (age[0] == 0) return false;  // Unassigned today.
  return age[0] < 6 || (age[0] == 6 && age[1] <= 1);
}

// The combining marks unicode61 lets continue a token (sqlite3Fts5UnicodeIsdiacritic): a subset
// of U+0300..U+0331. With remove_diacritics they vanish from the token.
bool IsUnicode61Diacritic(UChar32 c) {
  constexpr uint32_t kMask0 = 0x08029FDF;  // U+0300..U+031F.
  constexpr uint32_t kMask1 = 0x000361F8;  // U+0320..U+0331.
  if (c < 0x300 || c > 0x331) return false;
  return c < 0x320 ? (kMask0 >> (c - 0x300)) & 1 : (kMask1 >> (c - 0x320)) & 1;
}

// Characters whose general category changed after Unicode 6.1, so that today's ICU would
// classify them differently from SQLite. Found by the code point sweep in unicode61_test.cc
// against ICU 72 (Unicode 15); a newer ICU may add entries, and that test will say which.
bool WasTokenInUnicode61(UChar32 c) {
  return c == 0x1885 || c == 0x1886;  // Mongolian Ali Gali baluda: Lo then, Mn now.
}
bool WasSeparatorInUnicode61(UChar32 c) {
  // New Tai Lue vowel signs and Vedic signs: Mc then, Lo now.
  return (c >= 0x19B0 && c <= 0x19C0) || c == 0x19C8 || c == 0x19C9 || c == 0x1CF2 || c == 0x1CF3;
}

bool IsUnicode61TokenChar(UChar32 c) {
  if (c == 0xFFFE || c == 0xFFFF) return false;  // SQLite reads these as U+FFFD.
  if (WasTokenInUnicode61(c)) return true;
  if (WasSeparatorInUnicode61(c)) return false;
  if (!AssignedByUnicode61(c)) return true;
  const uint32_t category = U_MASK(u_charType(c));
  return (category & (U_GC_L_MASK | U_GC_N_MASK | U_GC_CO_MASK | U_GC_CN_MASK)) != 0;
}

// sqlite3Fts5UnicodeFold(c, 2): simple case folding as of Unicode 6.1 (only Deseret outside
// the BMP), then, for a letter that decomposes to an ASCII letter and combining marks, that
// letter alone.
UChar32 Unicode61Fold(UChar32 c, const icu::Normalizer2& nfd) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  if (IsUnicode61Diacritic(c)) return 0;
  if (!AssignedByUnicode61(c)) return c;
  if (c >= 0x10000) return c >= 0x10400 && c <= 0x10427 ? c + 0x28 : c;
  if (c == 0x1E0 || c == 0x1E1) return 0x1E1;  // SQLite keeps the marks of ǡ (and only ǡ).
  UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
  if (!AssignedByUnicode61(folded)) folded = c;
  icu::UnicodeString decomposed;
  if (nfd.getDecomposition(folded, decomposed) && decomposed.length() >= 2) {
    const UChar base = decomposed.charAt(0);
    bool marks_only = base < 0x80 && u_isalpha(base);
    for (int32_t i = 1; marks_only && i < decomposed.length(); ++i) {
      marks_only = u_charType(decomposed.charAt(i)) == U_NON_SPACING_MARK;
    }
    if (marks_only) return u_tolower(base);
  }
  return folded;
}

CharInfo ComputeInfo(UChar32 c, const icu::Normalizer2& nfd) {
  if (IsUnicode61TokenChar(c)) {
    return {CharClass::kToken, static_cast<char32_t>(Unicode61Fold(c, nfd))};
  }
  if (IsUnicode61Diacritic(c)) return {CharClass::kDiacritic, 0};
  return {CharClass::kSeparator, 0};
}

// The Basic Multilingual Plane, precomputed: bits 0..20 the folded code point, 21..22 the class.
class BmpTable {
 public:
  BmpTable() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    for (UChar32 c = 0; c < 0x10000; ++c) {
      CharInfo info;
      if (U_SUCCESS(status)) info = ComputeInfo(c, *nfd);
      entries_[c] = static_cast<uint32_t>(info.folded) | (static_cast<uint32_t>(info.kind) << 21);
    }
  }
  CharInfo Get(UChar32 c) const {
    const uint32_t entry = entries_[c];
    return {static_cast<CharClass>(entry >> 21), static_cast<char32_t>(entry & 0x1FFFFF)};
  }

 private:
  std::array<uint32_t, 0x10000> entries_;
};

const BmpTable& Bmp() {
  static const BmpTable* table = new BmpTable();
  return *table;
}

// Decodes the code point at text[i] and advances i; ill-formed input reads as U+FFFD.
UChar32 Next(std::string_view text, size_t& i) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t offset = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(bytes, offset, length, c);
  i = static_cast<size_t>(offset);
  return c < 0 ? 0xFFFD : c;
}

void AppendUtf8(std::string& out, char32_t c) {
  char buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, 4, static_cast<UChar32>(c), error);
  if (!error) out.append(buffer, static_cast<size_t>(length));
}

bool IsAsciiAlnum(unsigned char byte) {
  return (byte >= '0' && byte <= '9') || ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z');
}

// Characters a tag is made of: token characters, the diacritics that continue them, and '_'.
bool IsTagChar(const CharInfo& info, UChar32 c) {
  return info.kind != CharClass::kSeparator || c == '_';
}

// Length of a run of tag characters at the start of `text` holding at least one letter or
// digit; 0 when there is none.
size_t TagRunLength(std::string_view text) {
  size_t i = 0;
  size_t end = 0;
  bool has_token_char = false;
  while (i < text.size()) {
    size_t next = i;
    const UChar32 c = Next(text, next);
    const CharInfo info = ClassifyCodePoint(c);
    if (!IsTagChar(info, c)) break;
    has_token_char = has_token_char || info.kind == CharClass::kToken;
    i = end = next;
  }
  return has_token_char ? end : 0;
}

// Length of a mention's domain at the start of `text`: letters, digits, '.' and '-', starting
// with a letter or digit and not ending in '.' or '-'; 0 when there is none.
size_t DomainLength(std::string_view text) {
  size_t i = 0;
  size_t end = 0;
  while (i < text.size()) {
    size_t next = i;
    const UChar32 c = Next(text, next);
    const CharInfo info = ClassifyCodePoint(c);
    if (info.kind != CharClass::kSeparator) {
      end = next;
    } else if (i == 0 || (c != '.' && c != '-')) {
      break;  // A domain starts with a letter or digit.
    }
    i = next;
  }
  return end;
}

}  // namespace

CharInfo ClassifyCodePoint(char32_t c) {
  if (c < 0x10000) return Bmp().Get(static_cast<UChar32>(c));
  if (c > 0x10FFFF) return {};
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return {};
  return ComputeInfo(static_cast<UChar32>(c), *nfd);
}

std::vector<std::string> Tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  tokens.reserve(text.size() / 6 + 1);  // About one token per six bytes of post text.
  TokenizeInto(text, tokens);
  return tokens;
}

void TokenizeInto(std::string_view text, std::vector<std::string>& tokens) {
  size_t count = 0;
  // The next token's string: one already in `tokens` when there is one, keeping its capacity.
  const auto next_slot = [&]() -> std::string& {
    if (count == tokens.size()) tokens.emplace_back();
    std::string& slot = tokens[count++];
    slot.clear();
    return slot;
  };
  std::string* current = nullptr;  // The token being read, if any.
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (current == nullptr && IsAsciiAlnum(byte)) {
      // Most tokens are ASCII letters and digits up to an ASCII separator: copied in one piece
      // and folded in place. A run that meets a non-ASCII byte may go on (a letter or a
      // diacritic), so it takes the general path below.
      size_t end = i + 1;
      while (end < text.size() && IsAsciiAlnum(static_cast<unsigned char>(text[end]))) ++end;
      if (end == text.size() || static_cast<unsigned char>(text[end]) < 0x80) {
        std::string& token = next_slot();
        token.assign(text.substr(i, end - i));
        for (char& c : token) {
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        }
        i = end;
        continue;
      }
    }
    CharInfo info;
    if (byte < 0x80) {  // The common case, without a table look-up.
      ++i;
      info = {IsAsciiAlnum(byte) ? CharClass::kToken : CharClass::kSeparator,
              static_cast<char32_t>(byte >= 'A' && byte <= 'Z' ? byte + 32 : byte)};
    } else {
      info = ClassifyCodePoint(static_cast<char32_t>(Next(text, i)));
    }
    // A diacritic continues a token but never starts one, exactly as in unicode61.
    const bool token_char = info.kind == CharClass::kToken ||
                            (current != nullptr && info.kind == CharClass::kDiacritic);
    if (token_char) {
      // No slot is taken while `current` points into `tokens`, so the pointer stays valid.
      if (current == nullptr) current = &next_slot();
      if (info.folded != 0 && info.folded < 0x80) {
        current->push_back(static_cast<char>(info.folded));
      } else if (info.folded != 0) {
        AppendUtf8(*current, info.folded);
      }
    } else {
      current = nullptr;
    }
  }
  tokens.resize(count);
}

std::string FoldTag(std::string_view tag) {
  std::string folded;
  size_t i = 0;
  while (i < tag.size()) {
    const UChar32 c = Next(tag, i);
    const CharInfo info = ClassifyCodePoint(static_cast<char32_t>(c));
    if (info.kind == CharClass::kSeparator) {
      AppendUtf8(folded, static_cast<char32_t>(c));  // '_', and '@', '.', '-' in mentions.
    } else if (info.folded != 0) {
      AppendUtf8(folded, info.folded);
    }
  }
  return folded;
}

size_t HashtagBodyLength(std::string_view body) { return TagRunLength(body); }

size_t MentionBodyLength(std::string_view body) {
  const size_t user = TagRunLength(body);
  if (user == 0 || user + 1 >= body.size() || body[user] != '@') return user;
  const size_t domain = DomainLength(body.substr(user + 1));
  return domain == 0 ? user : user + 1 + domain;
}

Tags ExtractTags(std::string_view text) {
  Tags tags;
  ExtractTagsInto(text, tags);
  return tags;
}

void ExtractTagsInto(std::string_view text, Tags& tags) {
  tags.hashtags.clear();
  tags.mentions.clear();
  // '#' and '@' are ASCII, and in UTF-8 an ASCII byte is never part of another character, so
  // a byte search finds every candidate; only the character before each one is decoded. Most
  // posts have no tags and cost one scan.
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  size_t from = 0;
  while (true) {
    // A plain loop: find_first_of calls memchr on the two-byte set for every byte of text.
    size_t at = from;
    while (at < text.size() && text[at] != '#' && text[at] != '@') ++at;
    if (at >= text.size()) break;
    from = at + 1;
    const char c = text[at];
    UChar32 before = ' ';  // The start of the text counts as a separator.
    if (at > 0) {
      int32_t offset = static_cast<int32_t>(at);
      U8_PREV(bytes, 0, offset, before);
      if (before < 0) before = 0xFFFD;
    }
    // "C#", "a#b", "&#39;" and "anna@example.nl" hold no tags.
    if (IsTagChar(ClassifyCodePoint(static_cast<char32_t>(before)), before)) continue;
    if ((c == '#' && before == '&') || (c == '@' && before == '@')) continue;
    const std::string_view rest = text.substr(at + 1);
    const size_t length = c == '#' ? HashtagBodyLength(rest) : MentionBodyLength(rest);
    if (length == 0) continue;
    (c == '#' ? tags.hashtags : tags.mentions).push_back(FoldTag(rest.substr(0, length)));
    // A tag ends in a tag character, so a '#' or '@' right after it starts no tag: "#a#b"
    // holds only #a. Skipping the body makes that so.
    from = at + 1 + length;
  }
}

std::string TagColumnText(const Tags& tags) {
  if (tags.hashtags.empty() && tags.mentions.empty()) return "";
  std::string column = " ";
  for (const std::string& tag : tags.hashtags) column.append("#").append(tag).append(" ");
  for (const std::string& mention : tags.mentions) column.append("@").append(mention).append(" ");
  return column;
}

}  // namespace webcare::analysis::query
