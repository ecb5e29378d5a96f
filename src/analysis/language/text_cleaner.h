#pragma once
// Removes the parts of a post that carry no language before detection. URLs, @mentions, e-mail
// addresses, numbers and emoji are the same in every language. Short posts are made mostly of
// them, so they would otherwise swamp the few real words that matter.

#include <string>
#include <string_view>

namespace webcare::analysis::language {

// What happens to a #hashtag. `bench/eval_language` compares the three on real tweets (see
// README.md); the default is the winner.
enum class HashtagMode {
  kDrop,        // "#storing" disappears.
  kKeepWord,    // "#storing" becomes "storing", "#KPNStoring" becomes "KPNStoring".
  kSplitWords,  // Like kKeepWord, and camel case is split: "#NietBlij" becomes "Niet Blij".
};

struct CleanOptions {
  HashtagMode hashtags = HashtagMode::kSplitWords;
};

// What is left of a post for language detection.
struct CleanText {
  // Words separated by single spaces, no leading or trailing space; always valid UTF-8.
  std::string text;
  // Letters (code points that are neither punctuation, symbols, digits nor spaces) in `text`.
  int letters = 0;
  // Words in `text`.
  int words = 0;
  // Letters of scripts other than Latin (Cyrillic, Greek, CJK, ...): the word model knows only
  // Latin-script languages, so DetectFast leaves a text with any of them to CLD2.
  int non_latin_letters = 0;
};

// Strips from `text`:
//  - a leading retweet marker ("RT @user:"),
//  - URLs (with a scheme, "www.", or a bare host with a well-known top-level domain),
//  - @mentions and e-mail addresses,
//  - hashtags as `options` says,
//  - every word containing a digit ("4G", "2e", "10:15", "€12,50"),
//  - emoji, symbols and punctuation, except an apostrophe or hyphen inside a word,
// and collapses whitespace. Bytes that are not well-formed UTF-8 are dropped, so the result can
// always be given to CLD2. Thread-safe; allocates only the result.
CleanText CleanForDetection(std::string_view text, const CleanOptions& options = {});

// The same into `out`, replacing what was there and reusing its memory: Detect keeps one per
// thread, so that cleaning a post allocates nothing.
void CleanForDetectionInto(std::string_view text, const CleanOptions& options, CleanText& out);

namespace internal {

// True for code points that can be part of a word: letters, combining marks, and the scripts
// CLD2 knows. An approximation without ICU: everything outside the ASCII, Latin-1, punctuation,
// symbol, emoji, digit, private-use and control ranges counts as a letter.
bool IsWordCodePoint(char32_t code_point);

}  // namespace internal
}  // namespace webcare::analysis::language
