#include "analysis/language/text_cleaner.h"

#include "base/utf8.h"

#include <array>
#include <cstdint>

namespace webcare::analysis::language {
namespace internal {


bool IsWordCodePoint(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c < 0xC0) return false;                // Latin-1 punctuation, symbols, NBSP.
  if (c == 0xD7 || c == 0xF7) return false;  // × and ÷.
  if (c < 0x2000) {
    // Decimal digits of Arabic and Devanagari, the ones seen in posts; a digit ends a word.
    if ((c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9) || (c >= 0x966 && c <= 0x96F)) {
      return false;
    }
    return true;  // Latin, IPA, combining marks, Greek, Cyrillic, ... , Greek Extended.
  }
  if (c < 0x2C00) return false;  // General punctuation (incl. ZWJ) up to misc symbols + arrows.
  if (c < 0x2E00) return true;   // Glagolitic, Latin Extended-C, Coptic, Georgian, Tifinagh.
  if (c < 0x2E80) return false;  // Supplemental punctuation.
  if (c < 0x3000) return true;   // CJK radicals.
  if (c < 0x3040) return c >= 0x3005 && c <= 0x3007;  // CJK punctuation; 々 〆 〇 are letters.
  if (c >= 0x3200 && c < 0x3400) return false;        // Enclosed and squared CJK (㊗, ㊙).
  if (c < 0xD800) return true;                        // Kana, CJK, Yi, Hangul.
  if (c < 0xF900) return false;                       // Surrogates, private use.
  if (c < 0xFE00) return true;                        // CJK compatibility, presentation forms.
  if (c < 0xFE20) return false;                       // Variation selectors (emoji VS16).
  if (c < 0xFE30) return true;                        // Combining half marks.
  if (c < 0xFE70) return false;                       // CJK compatibility and small forms.
  if (c < 0xFF00) return c != 0xFEFF;                 // Arabic presentation forms; not BOM.
  if (c < 0xFFF0) {
    return (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) ||
           (c >= 0xFF66 && c <= 0xFFDC);  // Full-width Latin, half-width kana and Hangul.
  }
  if (c < 0x10000) return false;  // Specials.
  // Musical and mathematical symbols, and the "𝐛𝐨𝐥𝐝" letters people use for effect, which CLD2
  // does not know.
  if (c >= 0x1D000 && c < 0x1E000) return false;
  if (c >= 0x1EC70 && c < 0x20000) return false;  // Number systems, emoji, pictographs.
  if (c < 0xE0000) return true;                   // Historic scripts, CJK extensions.
  return false;                                   // Tags, variation selectors, private use.
}

}  // namespace internal

namespace {

using base::DecodeUtf8;
using internal::IsWordCodePoint;

// ' ', '\t', '\n', '\v', '\f' and '\r', as one bit test: it runs on every byte of a post.
bool IsAsciiSpace(char c) {
  constexpr uint64_t kSpaces = (uint64_t{1} << ' ') | (uint64_t{1} << '\t') |
                               (uint64_t{1} << '\n') | (uint64_t{1} << '\v') |
                               (uint64_t{1} << '\f') | (uint64_t{1} << '\r');
  const auto byte = static_cast<unsigned char>(c);
  return byte <= ' ' && ((kSpaces >> byte) & 1) != 0;
}
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiLetter(char c) { return IsAsciiLower(static_cast<char>(c | 0x20)); }
char AsciiLowerChar(char c) { return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLowerChar(text[i]) != prefix[i]) return false;
  }
  return true;
}

// A set of ASCII characters as a bitmap, so that testing a byte costs no search.
class AsciiSet {
 public:
  constexpr explicit AsciiSet(std::string_view chars) {
    for (char c : chars) bits_[static_cast<unsigned char>(c) >> 6] |= uint64_t{1} << (c & 63);
  }
  constexpr bool Contains(char c) const {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 128 && ((bits_[byte >> 6] >> (byte & 63)) & 1) != 0;
  }

 private:
  uint64_t bits_[2] = {0, 0};
};

// Punctuation that wraps a URL or mention in running text: "(zie www.x.nl)", "@ovpas:".
constexpr AsciiSet kLeadingWrap("([{<\"'*_");
constexpr AsciiSet kTrailingWrap(".,;:!?)]}>\"'*_");

std::string_view TrimWrapping(std::string_view token) {
  while (!token.empty() && kLeadingWrap.Contains(token.front())) token.remove_prefix(1);
  while (!token.empty() && kTrailingWrap.Contains(token.back())) token.remove_suffix(1);
  return token;
}

// The length of the ASCII letters that make up `token` when nothing follows them but trailing
// wrapping ("goed,", "opgelost?!"), as in most tokens of most posts; 0 for any other token.
// Such a token is no link, mention, address or number, and is one word.
size_t PlainWordLength(std::string_view token) {
  size_t letters = 0;
  while (letters < token.size() && IsAsciiLetter(token[letters])) ++letters;
  for (size_t i = letters; i < token.size(); ++i) {
    if (!kTrailingWrap.Contains(token[i])) return 0;
  }
  return letters;
}

// Top-level domains that make "bol.com" or "ns.nl" a link even without "www." or a path. Kept
// short on purpose: "dag.ik" (a missing space) must stay text.
constexpr std::array<std::string_view, 30> kKnownTlds = {
    "com", "net", "org", "info", "biz", "io",  "ly",  "co", "me", "tv",
    "app", "dev", "nl",  "be",   "de",  "fr",  "uk",  "eu", "es", "it",
    "at",  "ch",  "ca",  "au",   "us",  "gov", "edu", "nu", "ai", "gl"};

// "bit.ly/x", "ovpas.nl", "www.ovpas.nl/storing": a host of dotted labels, ending in letters.
bool LooksLikeBareHost(std::string_view token) {
  const size_t slash = token.find('/');
  const std::string_view host = token.substr(0, slash);
  const size_t last_dot = host.rfind('.');
  if (last_dot == std::string_view::npos || last_dot == 0) return false;
  for (char c : host) {
    if (!(IsAsciiLower(c) || IsAsciiUpper(c) || IsAsciiDigit(c) || c == '-' || c == '.')) {
      return false;
    }
  }
  const std::string_view tld = host.substr(last_dot + 1);
  if (tld.size() < 2) return false;
  for (char c : tld) {
    if (!(IsAsciiLower(c) || IsAsciiUpper(c))) return false;
  }
  if (slash != std::string_view::npos && slash + 1 < token.size()) return true;
  for (std::string_view known : kKnownTlds) {
    if (tld.size() == known.size() && StartsWithIgnoreCase(tld, known)) return true;
  }
  return false;
}

// A whitespace-separated token (without its wrapping, see TrimWrapping) that carries no
// language at all.
bool IsNonLanguageToken(std::string_view token) {
  if (token.empty()) return false;
  if (token.front() == '@' || StartsWithIgnoreCase(token, ".@")) return true;  // Mention.
  if (StartsWithIgnoreCase(token, "www.")) return true;
  // One pass for the characters the remaining tests look for; most words have none of them.
  bool colon = false;
  bool dot = false;
  for (char c : token) {
    if (IsAsciiLetter(c)) continue;
    // '@' inside: an e-mail address. A digit: "4G", "2e", "10:15", "€12,50", "ns2024".
    if (c == '@' || IsAsciiDigit(c)) return true;
    colon |= c == ':';
    dot |= c == '.';
  }
  if (colon && token.find("://") != std::string_view::npos) return true;
  return dot && LooksLikeBareHost(token);  // A bare host has a dot before any '/'.
}

// The code point at token[i] into `c`, and its length; 0 for an ill-formed byte. ASCII, nearly
// every byte of a post, is decoded inline.
size_t Decode(std::string_view token, size_t i, char32_t& c) {
  const auto byte = static_cast<unsigned char>(token[i]);
  if (byte < 0x80) {
    c = byte;
    return 1;
  }
  return DecodeUtf8(token, i, c);
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return IsAsciiLower(static_cast<char>(c)) || IsAsciiUpper(static_cast<char>(c));
  return IsWordCodePoint(c);
}

class Builder {
 public:
  Builder(size_t capacity, CleanText& out) : out_(out) {
    out_.text.clear();
    out_.text.reserve(capacity);
    out_.letters = 0;
    out_.words = 0;
    out_.non_latin_letters = 0;
  }

  // AddToken for a token of ASCII letters.
  void AddPlainWord(std::string_view letters) {
    EndWord();
    AddLetters(letters);
    EndWord();
  }

  // Appends the words in `token`, splitting on everything that is not a word code point.
  void AddToken(std::string_view token, bool split_camel_case) {
    EndWord();
    size_t i = 0;
    while (i < token.size()) {
      if (!split_camel_case && IsAsciiLetter(token[i])) {
        // A run of ASCII letters, nearly all of a post, at once; the same as one at a time.
        size_t end = i + 1;
        while (end < token.size() && IsAsciiLetter(token[end])) ++end;
        AddLetters(token.substr(i, end - i));
        i = end;
        continue;
      }
      char32_t c = 0;
      const size_t length = Decode(token, i, c);
      if (length == 0) {  // Ill-formed byte: dropped, and it ends the word.
        EndWord();
        ++i;
        continue;
      }
      const std::string_view bytes = token.substr(i, length);
      i += length;
      if (IsWordChar(c)) {
        if (split_camel_case && length == 1 && IsAsciiUpper(bytes[0]) && CamelBoundary(token, i)) {
          EndWord();
        }
        AddLetter(bytes);
        // Latin is below U+0250 (Latin-1, Extended-A and -B) and Latin Extended Additional.
        if (c >= 0x250 && !(c >= 0x1E00 && c <= 0x1EFF)) ++out_.non_latin_letters;
        continue;
      }
      // Apostrophes and hyphens join words ("don't", "zo'n", "e-mail") only between letters.
      const bool joiner = c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 || c == 0x2011;
      if (joiner && in_word_ && LetterAt(token, i)) {
        pending_joiner_ = (c == '-' || c == 0x2010 || c == 0x2011) ? '-' : '\'';
      } else {
        EndWord();
      }
    }
    EndWord();
  }

 private:
  // The upper-case letter just before `after` starts a new word: "nietBlij" => "niet Blij",
  // "KPNStoring" => "KPN Storing".
  bool CamelBoundary(std::string_view token, size_t after) const {
    if (!in_word_) return false;
    const char previous = last_letter_;
    if (IsAsciiLower(previous)) return true;
    return IsAsciiUpper(previous) && after < token.size() && IsAsciiLower(token[after]);
  }

  static bool LetterAt(std::string_view token, size_t i) {
    char32_t next = 0;
    return i < token.size() && Decode(token, i, next) > 0 && IsWordChar(next);
  }

  // AddLetter for each of `run`, single-byte letters.
  void AddLetters(std::string_view run) {
    StartLetter();
    out_.text.append(run);
    last_letter_ = run.back();
    out_.letters += static_cast<int>(run.size());
  }

  // What comes before a letter: the space before a new word, or the joiner within one.
  void StartLetter() {
    if (!in_word_) {
      if (!out_.text.empty()) out_.text.push_back(' ');
      in_word_ = true;
      ++out_.words;
    } else if (pending_joiner_ != 0) {
      out_.text.push_back(pending_joiner_);
    }
    pending_joiner_ = 0;
  }

  void AddLetter(std::string_view bytes) {
    StartLetter();
    out_.text.append(bytes);
    last_letter_ = bytes.size() == 1 ? bytes[0] : '\0';
    ++out_.letters;
  }

  void EndWord() {
    in_word_ = false;
    pending_joiner_ = 0;
    last_letter_ = '\0';
  }

  CleanText& out_;
  bool in_word_ = false;
  char pending_joiner_ = 0;
  char last_letter_ = '\0';
};

}  // namespace

CleanText CleanForDetection(std::string_view text, const CleanOptions& options) {
  CleanText out;
  CleanForDetectionInto(text, options, out);
  return out;
}

void CleanForDetectionInto(std::string_view text, const CleanOptions& options, CleanText& out) {
  Builder builder(text.size(), out);
  bool first = true;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsAsciiSpace(text[i])) ++i;
    const size_t start = i;
    while (i < text.size() && !IsAsciiSpace(text[i])) ++i;
    if (start == i) break;
    const std::string_view token = text.substr(start, i - start);
    const bool at_start = first;
    first = false;
    if (at_start && (token == "RT" || token == "RT:")) continue;  // Retweet marker.
    if (const size_t letters = PlainWordLength(token); letters > 0) {
      builder.AddPlainWord(token.substr(0, letters));  // What the steps below would do.
      continue;
    }
    const std::string_view core = TrimWrapping(token);
    if (IsNonLanguageToken(core)) continue;
    if (!core.empty() && core.front() == '#') {
      if (options.hashtags == HashtagMode::kDrop) continue;
      builder.AddToken(core.substr(1), options.hashtags == HashtagMode::kSplitWords);
      continue;
    }
    builder.AddToken(token, /*split_camel_case=*/false);
  }
}

}  // namespace webcare::analysis::language
