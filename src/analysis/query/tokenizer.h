#pragma once
// How post text becomes searchable tokens, and which hashtags and mentions it holds.
//
// Tokenize() reproduces SQLite FTS5's `unicode61 remove_diacritics 2` tokenizer (the one
// posts_fts uses) code point for code point, so a standing filter and archive search cut text
// the same way: letters, digits and private-use characters are token characters, everything
// else separates; tokens are case-folded and lose their accents ("Café" -> "cafe"). SQLite's
// tables date from Unicode 6.1: characters assigned since then count as token characters and
// are not folded, as in SQLite. differential_test.cc checks every code point against SQLite.
//
// Thread-safe; the first call builds a 256 KiB table of the Basic Multilingual Plane.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace webcare::analysis::query {

// The folded tokens of `text`, in order. Ill-formed UTF-8 counts as U+FFFD, a separator
// (posts are valid UTF-8 by the time they are analysed).
std::vector<std::string> Tokenize(std::string_view text);
// Tokenize() into `tokens`, replacing what was there. The strings already in it are reused, so
// a caller that keeps one vector per thread allocates nothing per post once warm.
void TokenizeInto(std::string_view text, std::vector<std::string>& tokens);

// Hashtags and mentions of a post, folded like tokens but kept whole: "#NS_Storing" gives
// hashtag "ns_storing", "@Anna@Mastodon.social" gives mention "anna@mastodon.social".
//   - A hashtag is '#' then letters, digits and '_' (at least one letter or digit), where the
//     '#' does not follow a letter, digit, '_' or '&' (so "C#", "a#b" and "&#39;" are none).
//   - A mention is '@' then letters, digits and '_', optionally '@' and a domain (letters,
//     digits, '.', '-'; starting with a letter or digit, not ending in '.' or '-'), where the
//     '@' does not follow a letter, digit, '_' or '@' (so "anna@example.nl" in running text is
//     an address, not a mention).
struct Tags {
  std::vector<std::string> hashtags;  // Without '#', in order of appearance, repeats kept.
  std::vector<std::string> mentions;  // Without '@'.
};
Tags ExtractTags(std::string_view text);
void ExtractTagsInto(std::string_view text, Tags& tags);  // Replaces what `tags` held.

// The text archive search looks tags up in (posts.tags, see fts5.h): every hashtag as "#tag"
// and every mention as "@name", each followed by a space, after a leading space:
// " #storing @ns_online ". Empty when there are none.
std::string TagColumnText(const Tags& tags);

// How many bytes at the start of `body` (the text right after a '#' or '@' that starts a tag)
// ExtractTags would take as the tag; 0 when no tag starts there. The parser accepts `#body`
// only when the whole body is taken, so a query names exactly the tags posts can contain.
size_t HashtagBodyLength(std::string_view body);
size_t MentionBodyLength(std::string_view body);

// A tag as typed in a query, folded the way ExtractTags folds tags.
std::string FoldTag(std::string_view tag);

// The unicode61 view of one code point, for tests: kSeparator, kToken (starts or continues a
// token) or kDiacritic (only continues one); `folded` is what the token gets, 0 for nothing.
enum class CharClass { kSeparator, kToken, kDiacritic };
struct CharInfo {
  CharClass kind = CharClass::kSeparator;
  char32_t folded = 0;
};
CharInfo ClassifyCodePoint(char32_t c);

}  // namespace webcare::analysis::query
