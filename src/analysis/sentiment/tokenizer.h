#pragma once
// Splits a post into the tokens sentiment rules look at: words, hashtags, emoji and emoticons,
// with the clause and sentence each belongs to. URLs and @mentions carry no sentiment of their
// own and are dropped. Works on any bytes: ill-formed UTF-8 separates tokens and is never part
// of one, so every token's text is well-formed UTF-8. Keys are case-folded (see unicode.h).

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace webcare::analysis::sentiment {

enum class TokenKind {
  kWord,      // Letters and digits, with inner apostrophes: "goed", "don't", "auto's", "4g".
  kHashtag,   // "#fail": key "#fail"; lookups fall back to the word without '#'.
  kEmoji,     // One emoji with its modifiers and joined parts: "👍🏽", "🤦‍♂️".
  kEmoticon,  // ":)", ":-(", ":D", "<3", "xD".
};

struct Token {
  std::string_view text;  // As written; points into the analysed text.
  // Lookup key. Words and hashtags: lower-cased, "’" written "'". Emoji: the first code point
  // without variation selectors and skin tones (see EmojiKey). Emoticons: as written.
  std::string key;
  TokenKind kind = TokenKind::kWord;
  bool all_caps = false;   // Two or more letters, all upper case: "SLECHT", "NIET".
  bool elongated = false;  // A letter written three or more times in a row: "heeeel".
  int clause = 0;          // Clauses end at , ; : ( ) and wherever sentences end.
  int sentence = 0;        // Sentences end at . ! ? … and line breaks.
};

struct TokenizedText {
  std::vector<Token> tokens;
  int exclamation_marks = 0;  // '!' outside URLs (and '‼' as two).
  int question_marks = 0;     // '?' outside URLs.
};

// Tokenizes `text`. The result points into `text`, which must outlive it.
TokenizedText Tokenize(std::string_view text);

// The same tokens in storage that is reused from one text to the next: the slots and their
// key strings keep their capacity, so tokenizing a post allocates nothing once the buffer has
// seen a post as long. Analyze keeps one per thread.
class TokenBuffer {
 public:
  std::span<const Token> tokens() const { return {slots_.data(), size_}; }
  int exclamation_marks() const { return exclamation_marks_; }
  int question_marks() const { return question_marks_; }

 private:
  friend class TokenWriter;
  friend TokenizedText Tokenize(std::string_view text);

  std::vector<Token> slots_;  // The first size_ are this text's tokens; the rest are spare.
  size_t size_ = 0;
  int exclamation_marks_ = 0;
  int question_marks_ = 0;
};

// Tokenizes `text` into `out`, replacing what was there. The tokens point into `text`.
void TokenizeInto(std::string_view text, TokenBuffer& out);

// Lookup forms of an elongated word, most likely first: every run of three or more identical
// letters shortened to two ("goooood" -> "good"), then to one ("sooo" -> "so"). Empty when
// `key` has no such run.
std::vector<std::string> ShortenElongations(std::string_view key);

// The lookup key of an emoji sequence: its first code point, so that "❤️" and "❤", "👍🏽"
// and "👍", "🤦‍♀️" and "🤦" share one entry in the terms file.
std::string EmojiKey(std::string_view emoji);

}  // namespace webcare::analysis::sentiment
