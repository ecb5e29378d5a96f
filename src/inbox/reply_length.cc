#include "inbox/reply_length.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>

#include "base/strings.h"
#include "base/utf8.h"

namespace webcare::inbox {
namespace {

using Text = std::u32string;

constexpr char32_t kZeroWidthJoiner = 0x200D;
constexpr char32_t kEmojiPresentationSelector = 0xFE0F;  // VS16
constexpr char32_t kCombiningKeycap = 0x20E3;

// ---------------------------------------------------------------------------------------------
// Text as code points.

// Decodes `text` into NFC code points. ICU replaces each ill-formed UTF-8 sequence by U+FFFD,
// which is what a network would receive after our own sanitising, so those count too.
Text NfcCodePoints(std::string_view text) {
  const int32_t length = static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX));
  const icu::UnicodeString source =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), length));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString normalized;
  if (U_SUCCESS(status)) normalized = nfc->normalize(source, status);
  // Should ICU fail (it only does on allocation failure), the unnormalised text is the best
  // estimate we have; a count must never be refused.
  const icu::UnicodeString& chosen = U_SUCCESS(status) ? normalized : source;

  Text out;
  out.reserve(chosen.length());
  for (int32_t i = 0; i < chosen.length();) {
    const UChar32 c = chosen.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

std::string ToUtf8(const Text& text, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    uint8_t buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, static_cast<UChar32>(text[i]));
    out.append(reinterpret_cast<const char*>(buffer), length);
  }
  return out;
}

bool IsAsciiAlpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char32_t c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
char AsciiLowerChar(char32_t c) {
  return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}
bool IsWordChar(char32_t c) {
  return c < 0x80 ? IsAsciiAlnum(c) || c == '_' : static_cast<bool>(u_isalnum(c));
}

// True when `text[begin, end)` equals the lower-case ASCII `lower`, ignoring ASCII case.
bool EqualsAsciiLower(const Text& text, size_t begin, size_t end, std::string_view lower) {
  if (end - begin != lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (AsciiLowerChar(text[begin + i]) != lower[i]) return false;
  }
  return true;
}

bool StartsWithAsciiLower(const Text& text, size_t at, std::string_view lower) {
  return at + lower.size() <= text.size() && EqualsAsciiLower(text, at, at + lower.size(), lower);
}

// ---------------------------------------------------------------------------------------------
// Links.

// Top-level domains accepted for a link without a scheme. Without a scheme a dot between two
// words is only a link when the last word is a real top-level domain, so that "e.g." or
// "Mr.Smith" stay text. Country codes (two letters) and the generic domains people use.
constexpr std::string_view kCountryCodes =
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br "
    "bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz "
    "ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw "
    "gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw "
    "ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu "
    "mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt "
    "pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc "
    "td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws "
    "ye yt za zm zw";
constexpr std::array<std::string_view, 62> kGenericDomains = {
    "aero",     "agency", "amsterdam", "app",    "art",  "asia",     "berlin",  "biz",    "blog",
    "brussels", "cat",    "click",     "cloud",  "club", "com",      "coop",    "design", "dev",
    "digital",  "edu",    "email",     "eus",    "frl",  "fun",      "gal",     "gent",   "gov",
    "help",     "icu",    "info",      "int",    "jobs", "life",     "link",    "live",   "london",
    "media",    "mil",    "mobi",      "museum", "name", "net",      "network", "news",   "nyc",
    "online",   "org",    "page",      "paris",  "pro",  "services", "shop",    "site",   "social",
    "space",    "store",  "support",   "team",   "tech", "tel",      "travel",  "xyz"};

bool IsKnownTopLevelDomain(const Text& text, size_t begin, size_t end) {
  if (end - begin == 2) {
    for (size_t i = 0; i + 2 <= kCountryCodes.size(); i += 3) {
      if (EqualsAsciiLower(text, begin, end, kCountryCodes.substr(i, 2))) return true;
    }
    return false;
  }
  return std::any_of(kGenericDomains.begin(), kGenericDomains.end(),
                     [&](std::string_view tld) { return EqualsAsciiLower(text, begin, end, tld); });
}

// With a scheme the writer clearly meant a link, so any alphabetic top-level domain of two or
// more letters (including internationalised ones) and punycode ("xn--...") are accepted.
bool IsPlausibleTopLevelDomain(const Text& text, size_t begin, size_t end) {
  if (end - begin < 2) return false;
  if (StartsWithAsciiLower(text, begin, "xn--")) return true;
  return std::all_of(text.begin() + begin, text.begin() + end,
                     [](char32_t c) { return c < 0x80 ? IsAsciiAlpha(c) : u_isalpha(c); });
}

bool IsHostChar(char32_t c, bool allow_unicode) {
  if (c < 0x80) return IsAsciiAlnum(c) || c == '-' || c == '_';
  return allow_unicode && u_isalnum(c);
}

// A link cannot start in the middle of a word, an e-mail address, a mention, a hashtag, a
// cashtag or another host name or path.
bool MayPrecedeLink(char32_t previous) {
  if (previous < 0x80) {
    return !(IsAsciiAlnum(previous) || previous == '@' || previous == '#' || previous == '$' ||
             previous == '_' || previous == '.' || previous == '-' || previous == '/');
  }
  return previous != 0xFF20 && previous != 0xFF03;  // Full-width @ and #.
}

// End of the host name starting at `at`, or `at` when there is none: the longest run of dotted
// labels, at least two, whose last label is a top-level domain. A longer run may end in a word
// that is no domain ("bol.com.Zie" is "bol.com" and a typo).
size_t HostEnd(const Text& text, size_t at, bool with_scheme) {
  std::vector<std::pair<size_t, size_t>> labels;
  size_t i = at;
  while (true) {
    const size_t start = i;
    while (i < text.size() && IsHostChar(text[i], with_scheme)) ++i;
    if (i == start) break;
    labels.emplace_back(start, i);
    if (i + 1 < text.size() && text[i] == '.' && IsHostChar(text[i + 1], with_scheme)) {
      ++i;
      continue;
    }
    break;
  }
  for (size_t n = labels.size(); n >= 2; --n) {
    const auto [begin, end] = labels[n - 1];
    const bool valid = with_scheme ? IsPlausibleTopLevelDomain(text, begin, end)
                                   : IsKnownTopLevelDomain(text, begin, end);
    if (valid) return end;
  }
  // http://192.168.1.10/status
  if (with_scheme && labels.size() == 4 &&
      std::all_of(labels.begin(), labels.end(), [&](const auto& label) {
        return label.second - label.first <= 3 &&
               std::all_of(text.begin() + label.first, text.begin() + label.second, IsAsciiDigit);
      })) {
    return labels.back().second;
  }
  return at;
}

// Characters that end a path: white space, and the quotes and brackets around a link in text.
// Non-ASCII letters and digits stay part of the path, other non-ASCII symbols (an emoji, an
// ideographic full stop) end it.
bool EndsPath(char32_t c) {
  if (c <= ' ' || c == 0x7F) return true;
  if (c < 0x80) return c == '<' || c == '>' || c == '"' || c == '`' || c == '{' || c == '}';
  return !u_isalnum(c) && u_charType(c) != U_NON_SPACING_MARK;
}

// Punctuation that ends a sentence rather than a link when it is the last character.
bool IsTrailingPunctuation(char32_t c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
         c == '*';
}

// End of the path, query and fragment starting at `at` (which holds '/', '?' or '#'). Brackets
// that close one opened in the path belong to it ("wiki/Utrecht_(stad)"); others close the text
// around the link.
size_t PathEnd(const Text& text, size_t at) {
  int open_parens = 0;
  int open_brackets = 0;
  size_t i = at;
  for (; i < text.size() && !EndsPath(text[i]); ++i) {
    const char32_t c = text[i];
    if (c == '(') ++open_parens;
    if (c == '[') ++open_brackets;
    if (c == ')' && open_parens-- == 0) break;
    if (c == ']' && open_brackets-- == 0) break;
  }
  while (i > at && IsTrailingPunctuation(text[i - 1])) --i;
  return i;
}

// Length in code points of the link that starts at `at`, or 0.
size_t LinkLengthAt(const Text& text, size_t at, bool require_scheme) {
  if (at > 0 && !MayPrecedeLink(text[at - 1])) return 0;
  size_t host = at;
  bool with_scheme = false;
  for (std::string_view scheme : {"https://", "http://"}) {
    if (StartsWithAsciiLower(text, at, scheme)) {
      host = at + scheme.size();
      with_scheme = true;
      break;
    }
  }
  if (require_scheme && !with_scheme) return 0;
  size_t end = HostEnd(text, host, with_scheme);
  if (end == host) return 0;
  // A port, only when digits follow the colon ("bol.com: nu" is no port).
  if (end + 1 < text.size() && text[end] == ':' && IsAsciiDigit(text[end + 1])) {
    ++end;
    while (end < text.size() && IsAsciiDigit(text[end])) ++end;
  }
  if (end < text.size() && (text[end] == '/' || text[end] == '?' || text[end] == '#')) {
    end = PathEnd(text, end);
  }
  return end - at;
}

// Calls on_link(begin, length) for each link and on_other(index) for every other code point.
template <typename OnLink, typename OnOther>
void ScanLinks(const Text& text, bool require_scheme, OnLink on_link, OnOther on_other) {
  for (size_t i = 0; i < text.size();) {
    const size_t length = LinkLengthAt(text, i, require_scheme);
    if (length > 0) {
      on_link(i, length);
      i += length;
    } else {
      i += on_other(i);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Emoji.

bool HasProperty(char32_t c, UProperty property) {
  return u_hasBinaryProperty(static_cast<UChar32>(c), property);
}
bool IsRegionalIndicator(char32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }
bool IsTagCharacter(char32_t c) { return c >= 0xE0020 && c <= 0xE007F; }

// Length in code points of one emoji at `at` (a pictograph with its presentation selector,
// skin tone and tag characters; a keycap; a flag), without ZWJ continuations, or 0. Inside a ZWJ
// sequence (`joined`) a text-style pictograph such as ♀ counts as part of the emoji; on its own
// a pictograph such as © or ❤ is only an emoji with VS16 or a skin tone after it.
size_t EmojiElementAt(const Text& text, size_t at, bool joined) {
  const char32_t c = text[at];
  const auto next_is = [&](size_t offset, char32_t value) {
    return at + offset < text.size() && text[at + offset] == value;
  };
  if (IsAsciiDigit(c) || c == '#' || c == '*') {  // Keycap: 1, optional VS16, U+20E3.
    const size_t selector = next_is(1, kEmojiPresentationSelector) ? 1 : 0;
    return next_is(1 + selector, kCombiningKeycap) ? 2 + selector : 0;
  }
  if (IsRegionalIndicator(c)) {  // A flag is a pair of regional indicators.
    return at + 1 < text.size() && IsRegionalIndicator(text[at + 1]) ? 2 : 0;
  }
  if (!HasProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) && !HasProperty(c, UCHAR_EMOJI_MODIFIER)) {
    return 0;
  }
  bool emoji_style = joined || HasProperty(c, UCHAR_EMOJI_PRESENTATION);
  size_t length = 1;
  while (at + length < text.size()) {
    const char32_t next = text[at + length];
    if (next == kEmojiPresentationSelector || HasProperty(next, UCHAR_EMOJI_MODIFIER)) {
      emoji_style = true;
    } else if (!IsTagCharacter(next)) {  // Tags spell subdivision flags (England, Scotland).
      break;
    }
    ++length;
  }
  return emoji_style ? length : 0;
}

// Length in code points of the whole emoji at `at`, including ZWJ sequences such as 👩‍💻 or
// 👨‍👩‍👧, or 0.
size_t EmojiLengthAt(const Text& text, size_t at) {
  size_t length = EmojiElementAt(text, at, /*joined=*/false);
  if (length == 0) return 0;
  while (at + length + 1 < text.size() && text[at + length] == kZeroWidthJoiner) {
    const size_t next = EmojiElementAt(text, at + length + 1, /*joined=*/true);
    if (next == 0) break;
    length += 1 + next;
  }
  return length;
}

// ---------------------------------------------------------------------------------------------
// The networks' counts.

// twitter-text v3 configuration: these ranges (Latin, Greek, Cyrillic, Hebrew, Arabic, Indic
// scripts and common punctuation) weigh 1, everything else 2.
int XWeight(char32_t c) {
  const bool light = c <= 0x10FF || (c >= 0x2000 && c <= 0x200D) || (c >= 0x2010 && c <= 0x201F) ||
                     (c >= 0x2032 && c <= 0x2037);
  return light ? 1 : 2;
}

int64_t CountXWeighted(const Text& text) {
  int64_t count = 0;
  ScanLinks(
      text, /*require_scheme=*/false, [&](size_t, size_t) { count += kLinkLength; },
      [&](size_t i) -> size_t {
        if (const size_t emoji = EmojiLengthAt(text, i); emoji > 0) {
          count += 2;
          return emoji;
        }
        count += XWeight(text[i]);
        return 1;
      });
  return count;
}

// End of the user part of a mention at `at`: '@', then ASCII letters, digits and '_', with '.'
// and '-' allowed inside. Returns `at` when there is no mention there.
size_t MentionUserEnd(const Text& text, size_t at) {
  if (text[at] != '@' || (at > 0 && (IsWordChar(text[at - 1]) || text[at - 1] == '/'))) {
    return at;
  }
  size_t end = at;
  for (size_t i = at + 1; i < text.size(); ++i) {
    const char32_t c = text[i];
    if (IsAsciiAlnum(c) || c == '_') {
      end = i + 1;
    } else if (end == at || (c != '.' && c != '-')) {
      break;
    }
  }
  return end;
}

// Mastodon counts "@anna@social.example" as "@anna": the domain does not count.
// Returns the number of code points of the domain part after `user_end`, or 0.
size_t MentionDomainLength(const Text& text, size_t user_end) {
  if (user_end >= text.size() || text[user_end] != '@') return 0;
  size_t last_word = user_end;
  for (size_t i = user_end + 1; i < text.size(); ++i) {
    const char32_t c = text[i];
    if (IsWordChar(c)) {
      last_word = i;
    } else if (c != '.' && c != '-') {
      break;
    }
  }
  return last_word > user_end ? last_word + 1 - user_end : 0;
}

int64_t CountMastodon(const Text& text) {
  int64_t count = 0;
  ScanLinks(
      text, /*require_scheme=*/true, [&](size_t, size_t) { count += kLinkLength; },
      [&](size_t i) -> size_t {
        if (const size_t user_end = MentionUserEnd(text, i); user_end > i) {
          const size_t domain = MentionDomainLength(text, user_end);
          if (domain > 0) {
            count += static_cast<int64_t>(user_end - i);
            return user_end - i + domain;
          }
        }
        count += 1;
        return 1;
      });
  return count;
}

struct Rule {
  int public_limit;
  int private_limit;
};

int ClampToInt(int64_t value) { return static_cast<int>(std::min<int64_t>(value, INT_MAX)); }

}  // namespace

ReplyLength CountReply(std::string_view network, bool is_private, std::string_view text) {
  const std::string name = base::AsciiLower(network);
  const Text code_points = NfcCodePoints(text);
  const int plain = ClampToInt(static_cast<int64_t>(code_points.size()));
  const auto code_point_rule = [&](Rule rule) {
    return ReplyLength{plain, is_private ? rule.private_limit : rule.public_limit, "characters"};
  };

  if (name == "x" || name == "twitter") {
    if (is_private) return ReplyLength{plain, 10'000, "characters"};
    return ReplyLength{ClampToInt(CountXWeighted(code_points)), 280,
                       "X weighted characters, links count 23"};
  }
  if (name == "mastodon") {
    return ReplyLength{ClampToInt(CountMastodon(code_points)), 500,
                       "characters, links count 23, mentions without their domain"};
  }
  if (name == "facebook") return code_point_rule({8'000, 2'000});
  if (name == "instagram") return code_point_rule({2'200, 1'000});
  if (name == "email" || name == "e-mail") return code_point_rule({100'000, 100'000});
  if (name == "forum") return code_point_rule({20'000, 20'000});
  return code_point_rule({5'000, 5'000});
}

std::vector<std::string> FindLinks(std::string_view text, bool require_scheme) {
  const Text code_points = NfcCodePoints(text);
  std::vector<std::string> links;
  ScanLinks(
      code_points, require_scheme,
      [&](size_t begin, size_t length) {
        links.push_back(ToUtf8(code_points, begin, begin + length));
      },
      [](size_t) -> size_t { return 1; });
  return links;
}

std::vector<LinkSpan> FindLinkSpans(std::string_view text, bool require_scheme) {
  // The code points as written, each with the byte it starts at; an ill-formed byte becomes
  // U+FFFD, which no link contains.
  Text code_points;
  std::vector<size_t> offsets;
  code_points.reserve(text.size());
  offsets.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size();) {
    char32_t c = 0;
    const size_t length = base::DecodeUtf8(text, i, c);
    offsets.push_back(i);
    code_points.push_back(length > 0 ? c : 0xFFFD);
    i += length > 0 ? length : 1;
  }
  offsets.push_back(text.size());
  std::vector<LinkSpan> spans;
  ScanLinks(
      code_points, require_scheme,
      [&](size_t begin, size_t length) {
        spans.push_back({.offset = offsets[begin], .size = offsets[begin + length] - offsets[begin]});
      },
      [](size_t) -> size_t { return 1; });
  return spans;
}

}  // namespace webcare::inbox
