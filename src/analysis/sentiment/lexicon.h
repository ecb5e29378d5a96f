#pragma once
// The sentiment lexicons, embedded at build time (tools/lexicons/convert.py), merged with our
// webcare terms and put on one scale: VADER's mean human rating, -4 (most negative) .. +4.
//   - English: VADER's lexicon (npm vader-sentiment 1.1.3), ratings as published.
//   - Dutch: Pattern's nl-sentiment.xml, polarity -1..+1 times kPatternScale. Pattern's
//     intensity says which adjectives work as intensifiers ("vreselijk leuk").
//   - Both: src/analysis/sentiment/webcare_terms.tsv, which overrides and extends the two.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"

namespace webcare::analysis::sentiment {

enum class Language { kDutch = 0, kEnglish = 1 };

enum class Source { kVader, kPattern, kWebcare };
std::string_view SourceName(Source source);  // "vader", "pattern", "webcare"

// Pattern's polarity of "goed" (0.55) times this is about VADER's "good" (1.9); "slecht"
// (-0.7) becomes -2.45, next to VADER's "bad" (-2.5).
inline constexpr double kPatternScale = 3.5;
// Pattern words closer to neutral than this are left out: Pattern averages them away, but in a
// sum the many near-neutral adjectives ("nieuw" 0.15, "lang" -0.1) only add noise.
inline constexpr double kPatternMinPolarity = 0.1;
// Pattern adjectives at least this intense boost the sentiment word right after them.
inline constexpr double kPatternIntensifier = 1.5;

struct Valence {
  double score = 0;      // VADER's scale.
  double intensity = 1;  // Pattern's intensity; 1 elsewhere.
  Source source = Source::kWebcare;
};

// A phrase of the terms file. Dutch splits particle verbs around other words ("dat viel me
// erg tegen", "ik raad het iedereen aan"), so a term may hold a gap, written " ... ": up to
// kMaxPhraseGap tokens of the same clause may stand there ("valt ... tegen").
struct Phrase {
  std::vector<std::string> keys;  // Token keys (see tokenizer.h), two or more.
  size_t gap = 0;                 // The gap comes before keys[gap]; 0 for none.
  std::string_view text;          // As written in the terms file.
  Valence valence;
};

inline constexpr size_t kMaxPhraseGap = 4;

struct Modifier;  // rules.h

// Everything the tables hold for one key, found with one lookup. Analyze looks up each token's
// key once and hands the entry to the rules, instead of looking the key up in each table.
struct KeyEntry {
  std::array<const Valence*, 2> valence{};              // Find, per Language.
  std::array<const Valence*, 2> term{};                 // FindTerm.
  std::array<const std::vector<Phrase>*, 2> phrases{};  // PhrasesStartingWith.
  std::array<const Modifier*, 2> modifier{};            // The word modifier (rules.cc).
  std::array<bool, 2> starts_modifier_phrase{};         // "een" of "een beetje" (rules.cc).
  // Bits (kCue* in rules.h): the key starts a situation, resolution or thanks, or is a word of
  // impatience or irony, so the webcare rules compare it with their lists only then.
  uint8_t cues = 0;
};

// Immutable after construction; Get() builds it once and is safe to call from any thread.
class Lexicon {
 public:
  static const Lexicon& Get();

  // A word, hashtag, emoji or emoticon by its token key: the terms of `language` first, then
  // its published lexicon. Keys without accents also find accented entries ("ideeen"), and
  // the other way round through RemoveAccents by the caller. Null when unknown.
  const Valence* Find(std::string_view key, Language language) const;
  // Only our terms: the score of a Dutch vulgar prefix ("kut", "klote") in a compound.
  const Valence* FindTerm(std::string_view key, Language language) const;

  // Phrases whose first key is `key`, longest (in keys) first; null when none.
  const std::vector<Phrase>* PhrasesStartingWith(std::string_view key, Language language) const;

  // What the tables of both languages hold for `key`; null when none has it.
  const KeyEntry* Entry(std::string_view key) const;

  // False when no entry of `language` of kMinCompoundHead bytes or more ends like `word`, so
  // that no part of `word` can be a compound head: a cheap test before trying every split.
  bool MayEndInHead(std::string_view word, Language language) const;
  static constexpr size_t kMinCompoundHead = 6;

  size_t size(Language language) const;  // Single-word entries, for tests.

 private:
  Lexicon();

  struct Tables {
    absl::flat_hash_map<std::string, Valence> terms;
    // The terms over the published lexicon, so a word costs one lookup.
    absl::flat_hash_map<std::string, Valence> all;
    absl::flat_hash_map<std::string, std::vector<Phrase>> phrases;
    absl::flat_hash_set<std::string> head_endings;  // Last 4 bytes of the long entries.
  };
  std::array<Tables, 2> tables_;
  // Every key of the tables above and of the modifiers, pointing into them: the one map lookups
  // go to. A key without an entry is in no table. Built last, when the tables no longer change.
  absl::flat_hash_map<std::string, KeyEntry> entries_;
};

}  // namespace webcare::analysis::sentiment
