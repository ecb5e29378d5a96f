#pragma once
// The tables that tools/lexicons/convert.py generates into the build directory
// (sentiment_lexicons.cc). Scores are as the sources publish them; lexicon.cc scales them.

#include <span>
#include <string_view>

namespace webcare::analysis::sentiment::internal {

struct LexiconEntry {
  std::string_view word;
  float score;      // VADER: mean rating -4..+4. Pattern: polarity -1..+1.
  float intensity;  // Pattern's intensity (about 0.5..2); 1 for VADER.
};

struct TermEntry {
  std::string_view language;  // "nl", "en" or "*".
  std::string_view term;
  float score;  // VADER's scale.
};

// Each sorted by word (bytes), without duplicates.
std::span<const LexiconEntry> VaderLexicon();
std::span<const LexiconEntry> PatternLexicon();
std::span<const TermEntry> WebcareTerms();

}  // namespace webcare::analysis::sentiment::internal
