#pragma once
// The short-text model: evidence for each model language from the words of a cleaned post
// (frequent-word lists and spelling hints in word_tables.cc). CLD2 needs a few dozen letters to
// be sure; a two-word post like "niet blij" has too few quadgrams for it, but both words are
// among the most frequent Dutch words.

#include <array>
#include <string>
#include <string_view>

#include "analysis/language/word_tables.h"

namespace webcare::analysis::language {

struct WordEvidence {
  // Frequent-word hits per language (index: ModelLanguage). A word listed under k languages adds
  // 1/k to each of them.
  std::array<double, kModelLanguageCount> frequent_words{};
  // Sum of the spelling-hint weights per language, each hint counted once per word.
  std::array<double, kModelLanguageCount> spelling{};
  int words = 0;
  int known_words = 0;  // Words found in at least one frequent-word list.
};

// Scores the space-separated words of `clean_text` (the output of CleanForDetection).
// Thread-safe; the tables are built once, on first use.
WordEvidence ScoreWords(std::string_view clean_text);

// Lower-cases ASCII and the upper-case letters of Latin-1 ("É" => "é"); other bytes unchanged.
std::string LowerForModel(std::string_view word);

}  // namespace webcare::analysis::language
