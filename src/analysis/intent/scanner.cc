#include "analysis/intent/scanner.h"

#include <array>
#include <cstdint>

#include "base/strings.h"
#include "base/utf8.h"

namespace webcare::analysis::intent::internal {
namespace {

// ASCII letters and digits by table: the scanner asks this for nearly every byte.
constexpr auto kAlnum = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return table;
}();
bool IsAsciiAlnum(unsigned char c) { return kAlnum[c]; }
// ASCII letters and digits lower-cased; 0 for every other byte.
constexpr auto kLowerAlnum = [] {
  std::array<char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 'A' && c <= 'Z') {
      table[c] = static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      table[c] = static_cast<char>(c);
    }
  }
  return table;
}();
bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Latin-1 letters U+00C0..U+00FF without their accents, lower case: "É" and "é" -> "e". Dutch
// writes accents for stress ("één", "vóór") and diaeresis ("geïrriteerd"), which cue lists
// should not have to spell out. Null for × and ÷, which are no letters.
constexpr const char* kLatin1Fold[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",   // C0
    "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
    "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",   // E0
    "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y",   // F0
};

bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018; }

// Letters of the scripts posts come in. Combining accents (NFD text) belong to the word before.
bool IsWordCodePoint(char32_t cp) {
  if (cp < 0x80) return IsAsciiAlnum(static_cast<unsigned char>(cp));
  if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;
  if (cp >= 0x300 && cp <= 0x36F) return true;
  if (cp >= 0x370 && cp <= 0x1FFF) return true;   // Greek, Cyrillic ... Latin Extended Additional.
  if (cp >= 0x3040 && cp <= 0x9FFF) return true;  // Kana, CJK.
  if (cp >= 0xAC00 && cp <= 0xD7AF) return true;  // Hangul.
  return cp >= 0xF900 && cp <= 0xFAFF;
}

bool IsEmoji(char32_t cp) {
  if (cp >= 0x1F3FB && cp <= 0x1F3FF) return false;  // Skin tones modify the emoji before.
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
         (cp >= 0x2B00 && cp <= 0x2BFF);
}

bool IsQuestionChar(char32_t cp) { return cp == '?' || cp == 0xFF1F; }
bool IsExclamationChar(char32_t cp) { return cp == '!' || cp == 0xFF01 || cp == 0x203C; }
bool IsMixedChar(char32_t cp) { return cp == 0x2049 || cp == 0x2048; }  // ⁉ ⁈

}  // namespace

bool Scanner::AtUrl(size_t i) const { return base::StartsWithWebAddress(text_.substr(i)); }

void Scanner::SkipToSpace() {
  while (pos_ < text_.size() && !IsAsciiSpace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
}

// "@anna" or "@anna@mastodon.social".
void Scanner::SkipHandle() {
  ++pos_;  // '@'
  auto skip = [&](bool domain) {
    while (pos_ < text_.size()) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (IsAsciiAlnum(c) || c == '_' || (domain && (c == '-' || c == '.'))) {
        ++pos_;
      } else {
        break;
      }
    }
  };
  skip(false);
  if (pos_ + 1 < text_.size() && text_[pos_] == '@' &&
      IsAsciiAlnum(static_cast<unsigned char>(text_[pos_ + 1]))) {
    ++pos_;
    skip(true);
    // A domain ends before a final dot: "@anna@mastodon.social." ends a sentence.
    if (text_[pos_ - 1] == '.') --pos_;
  }
}

// Scans the word that starts at `start` (pos_ is there) into key_. For a hashtag `start` is
// after the '#', and '_' joins words ("#ov_pas").
void Scanner::ScanWord(size_t start, Event& event) {
  const bool hashtag = event.kind == EventKind::kHashtag;
  size_t length = 0;
  bool truncated = false;
  int upper = 0;
  int lower = 0;
  auto append = [&](std::string_view bytes) {
    if (length + bytes.size() > kMaxKeyBytes) {
      truncated = true;
      return;
    }
    for (char c : bytes) key_[length++] = c;
  };
  pos_ = start;
  while (pos_ < text_.size()) {
    {
      // The common case, kept tight: a run of ASCII letters and digits. Locals, not members:
      // stores to key_ (chars) may alias anything, which would reload pos_ on every byte.
      const char* const data = text_.data();
      const size_t size = text_.size();
      char* const key = key_;
      size_t i = pos_;
      size_t n = length;
      for (; i < size; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        const char folded = kLowerAlnum[c];
        if (folded == 0) break;
        upper += static_cast<unsigned char>(c - 'A') < 26;
        lower += static_cast<unsigned char>(c - 'a') < 26;
        if (n < kMaxKeyBytes) {
          key[n++] = folded;
        } else {
          truncated = true;
        }
      }
      pos_ = i;
      length = n;
      if (i >= size) break;
    }
    const unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c < 0x80) {
      if (hashtag && c == '_') {
        append("_");
        ++pos_;
        continue;
      }
      // "3.50", "2,5", "10:30": a number goes on.
      if ((c == '.' || c == ',' || c == ':') && length > 0 && IsAsciiDigit(key_[length - 1]) &&
          pos_ + 1 < text_.size() && IsAsciiDigit(static_cast<unsigned char>(text_[pos_ + 1]))) {
        append(std::string_view(text_.data() + pos_, 1));
        ++pos_;
        continue;
      }
    }
    char32_t cp = c;
    size_t width = 1;
    if (c >= 0x80) {
      width = base::DecodeUtf8(text_, pos_, cp);
      if (width == 0) break;  // Ill-formed: ends the word.
    }
    if (IsApostrophe(cp)) {
      // Inside a word when a letter follows: "don't", "auto's", "m’n".
      const size_t next = pos_ + width;
      if (length > 0 && next < text_.size() &&
          IsAsciiAlnum(static_cast<unsigned char>(text_[next]))) {
        append("'");
        pos_ = next;
        continue;
      }
      break;
    }
    if (c < 0x80 || !IsWordCodePoint(cp)) break;
    if (cp >= 0x300 && cp <= 0x36F) {
      // A combining accent: dropped, as the precomposed letters lose theirs.
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      append(kLatin1Fold[cp - 0xC0]);
    } else {
      append(text_.substr(pos_, width));
    }
    pos_ += width;
  }
  event.key = std::string_view(key_, length);
  event.truncated = truncated;
  event.all_caps = upper >= 2 && lower == 0;
}

bool Scanner::Next(Event& event) {
  event = Event();
  while (pos_ < text_.size()) {
    // Spaces between words are the most common byte after letters: skipped in a tight loop.
    while (text_[pos_] == ' ') {
      if (++pos_ == text_.size()) return false;
    }
    const unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c < 0x80) {
      if (IsAsciiAlnum(c)) {
        if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') && AtUrl(pos_)) {
          SkipToSpace();
          continue;
        }
        event.kind = EventKind::kWord;
        ScanWord(pos_, event);
        return true;
      }
      switch (c) {
        case '\'': {
          // Dutch "'t", "'s", "'n": an apostrophe, one letter, then no letter.
          const size_t n = text_.size();
          if (pos_ + 1 < n && IsAsciiAlnum(static_cast<unsigned char>(text_[pos_ + 1])) &&
              (pos_ + 2 >= n || !IsAsciiAlnum(static_cast<unsigned char>(text_[pos_ + 2]))) &&
              (pos_ == 0 || !IsAsciiAlnum(static_cast<unsigned char>(text_[pos_ - 1])))) {
            key_[0] = '\'';
            key_[1] = static_cast<char>(text_[pos_ + 1] | 0x20);
            event.kind = EventKind::kWord;
            event.key = std::string_view(key_, 2);
            pos_ += 2;
            return true;
          }
          ++pos_;
          continue;
        }
        case '@':
          if (pos_ > 0 && IsAsciiAlnum(static_cast<unsigned char>(text_[pos_ - 1]))) {
            SkipToSpace();  // An e-mail address.
          } else {
            SkipHandle();
          }
          continue;
        case '#': {
          const bool after_word =
              pos_ > 0 && (IsAsciiAlnum(static_cast<unsigned char>(text_[pos_ - 1])) ||
                           text_[pos_ - 1] == '_' || text_[pos_ - 1] == '&');
          if (!after_word && pos_ + 1 < text_.size()) {
            char32_t next = static_cast<unsigned char>(text_[pos_ + 1]);
            if (next >= 0x80 && base::DecodeUtf8(text_, pos_ + 1, next) == 0) next = 0;
            if (IsWordCodePoint(next) || next == '_') {
              event.kind = EventKind::kHashtag;
              ScanWord(pos_ + 1, event);
              return true;
            }
          }
          ++pos_;
          continue;
        }
        case '?':
        case '!':
          break;  // Below, with their Unicode variants.
        case '.': {
          size_t end = pos_;
          while (end < text_.size() && text_[end] == '.') ++end;
          // One dot inside a token ("o.a.", "ovpas.nl") is no sentence end.
          const bool inside = end - pos_ == 1 && end < text_.size() &&
                              IsAsciiAlnum(static_cast<unsigned char>(text_[end]));
          pos_ = end;
          if (inside) continue;
          event.kind = EventKind::kSentenceEnd;
          return true;
        }
        case '\n':
        case '\r':
          ++pos_;
          event.kind = EventKind::kSentenceEnd;
          return true;
        case ',':
        case ';':
        case ':':
        case '(':
        case ')':
        case '[':
        case ']':
        case '|':
          ++pos_;
          event.kind = EventKind::kClauseEnd;
          return true;
        case '-':
          // A dash between spaces separates clauses: "Storing - kan niet inchecken".
          if (pos_ > 0 && text_[pos_ - 1] == ' ' && pos_ + 1 < text_.size() &&
              text_[pos_ + 1] == ' ') {
            ++pos_;
            event.kind = EventKind::kClauseEnd;
            return true;
          }
          ++pos_;
          continue;
        default:
          ++pos_;
          continue;
      }
    }
    char32_t cp = c;
    size_t width = 1;
    if (c >= 0x80) {
      width = base::DecodeUtf8(text_, pos_, cp);
      if (width == 0) {
        ++pos_;  // Ill-formed UTF-8 separates.
        continue;
      }
    }
    if (IsQuestionChar(cp) || IsExclamationChar(cp) || IsMixedChar(cp)) {
      if (cp == '?') {
        // A query string ("?id=3", "?a_b=x") belongs to a link without "http".
        size_t k = pos_ + 1;
        while (k < text_.size() && (IsAsciiAlnum(static_cast<unsigned char>(text_[k])) ||
                                    text_[k] == '_' || text_[k] == '-')) {
          ++k;
        }
        if (k > pos_ + 1 && k < text_.size() && text_[k] == '=') {
          pos_ = k;
          SkipToSpace();
          continue;
        }
      }
      bool question = false;
      bool exclamation = false;
      while (pos_ < text_.size()) {
        char32_t p = static_cast<unsigned char>(text_[pos_]);
        size_t w = 1;
        if (p >= 0x80) {
          w = base::DecodeUtf8(text_, pos_, p);
          if (w == 0) break;
        }
        if (IsQuestionChar(p)) {
          question = true;
        } else if (IsExclamationChar(p)) {
          exclamation = true;
        } else if (IsMixedChar(p)) {
          question = exclamation = true;
        } else {
          break;
        }
        pos_ += w;
      }
      event.kind = question ? EventKind::kQuestionMark : EventKind::kExclamation;
      event.mixed = question && exclamation;
      return true;
    }
    if (IsApostrophe(cp)) {
      pos_ += width;
      continue;
    }
    if (IsWordCodePoint(cp)) {
      event.kind = EventKind::kWord;
      ScanWord(pos_, event);
      return true;
    }
    pos_ += width;
    if (cp == 0x2026) {  // …
      event.kind = EventKind::kSentenceEnd;
      return true;
    }
    if (cp == 0x2013 || cp == 0x2014) {  // – —
      event.kind = EventKind::kClauseEnd;
      return true;
    }
    if (IsEmoji(cp)) {
      event.kind = EventKind::kEmoji;
      event.code_point = cp;
      return true;
    }
  }
  return false;
}

}  // namespace webcare::analysis::intent::internal
