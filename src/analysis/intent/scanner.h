#pragma once
// The one pass over a post that intent detection needs: words with a normalised key, hashtags,
// emoji, and the punctuation that ends clauses and sentences. Built for speed: no allocation,
// no regular expressions; the key of the current word lives in a buffer inside the scanner.
//
// What it leaves out, because it says nothing about intent and would cause false cues: URLs
// (a '?' in "…/reis?id=3" is no question), @mentions and e-mail addresses.

#include <cstddef>
#include <string_view>

namespace webcare::analysis::intent::internal {

enum class EventKind {
  kWord,          // Letters and digits, with inner apostrophes: "don't", "auto's", "'t".
  kHashtag,       // "#storing": key "storing".
  kEmoji,         // One emoji code point (modifiers and joiners are skipped).
  kQuestionMark,  // A run of '?' (and '!'): ends a sentence.
  kExclamation,   // A run of '!' without '?': ends a sentence.
  kSentenceEnd,   // '.', '…', a line break.
  kClauseEnd,     // ',', ';', ':', '(', ')', a dash between spaces.
};

struct Event {
  EventKind kind = EventKind::kWord;
  // kWord and kHashtag: lower case; Latin-1 accents removed ("één" -> "een"); "’" written "'".
  // Points into the scanner; valid until the next call of Next().
  std::string_view key;
  bool truncated = false;   // The word was longer than kMaxKeyBytes; `key` is its start.
  bool all_caps = false;    // Two or more ASCII letters, none lower case: "NOOIT", "APP".
  char32_t code_point = 0;  // kEmoji.
  // kQuestionMark: the run mixes '?' and '!' ("?!", "!?!"), the mark of a rhetorical or
  // exasperated question ("Alweer vertraging?!") rather than one that waits for an answer.
  bool mixed = false;
};

class Scanner {
 public:
  static constexpr size_t kMaxKeyBytes = 32;

  explicit Scanner(std::string_view text) : text_(text) {}

  // The next event, or false at the end of the text.
  bool Next(Event& event);

 private:
  void ScanWord(size_t start, Event& event);
  bool AtUrl(size_t i) const;
  void SkipToSpace();
  void SkipHandle();

  std::string_view text_;
  size_t pos_ = 0;
  char key_[kMaxKeyBytes];
};

}  // namespace webcare::analysis::intent::internal
