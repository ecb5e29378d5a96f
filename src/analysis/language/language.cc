#include "analysis/language/language.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "analysis/language/cld2_adapter.h"
#include "analysis/language/word_model.h"

namespace webcare::analysis::language {
namespace {

// Languages CLD2 confuses with Dutch on short or informal text: Afrikaans and Frisian share most
// of the spelling, German and Luxembourgish many words.
bool IsCloseRelativeOfDutch(std::string_view code) {
  return code == "af" || code == "fy" || code == "de" || code == "lb";
}

// Scores of the candidate languages of one text: the model's six plus up to three others CLD2
// names. A fixed array, so no allocation.
class Candidates {
 public:
  void Add(std::string_view code, double amount) {
    for (int i = 0; i < count_; ++i) {
      if (entries_[i].code == code) {
        entries_[i].score += amount;
        return;
      }
    }
    if (count_ < static_cast<int>(entries_.size())) entries_[count_++] = {code, amount};
  }

  struct Entry {
    std::string_view code;
    double score = 0;
  };

  // The best entry and the runner-up's score (0 when there is none). On a tie the earlier entry
  // wins: the model's languages come first, Dutch before English.
  std::pair<Entry, double> Best() const {
    Entry best;
    double second = 0;
    bool have_best = false;
    for (int i = 0; i < count_; ++i) {
      const Entry& e = entries_[i];
      if (!have_best || e.score > best.score) {
        if (have_best) second = std::max(second, best.score);
        best = e;
        have_best = true;
      } else {
        second = std::max(second, e.score);
      }
    }
    return {best, second};
  }

 private:
  std::array<Entry, kModelLanguageCount + 3> entries_;
  int count_ = 0;
};

LanguageResult FromCld2(const Cld2Result& cld2) {
  LanguageResult result;
  result.code = std::string(cld2.languages[0].code);
  result.confidence = std::clamp(cld2.languages[0].percent / 100.0, 0.0, 1.0);
  result.reliable = true;
  result.method = kMethodCld2;
  return result;
}

// The word model's part of the short-text score of each model language (everything but CLD2's
// terms).
std::array<double, kModelLanguageCount> WordScores(const WordEvidence& words,
                                                   const DetectOptions& options) {
  std::array<double, kModelLanguageCount> scores{};
  for (int i = 0; i < kModelLanguageCount; ++i) {
    const auto language = static_cast<ModelLanguage>(i);
    double score = options.frequent_word_weight * words.frequent_words[i] +
                   options.spelling_weight * words.spelling[i];
    if (language == ModelLanguage::kNl) score += options.dutch_prior;
    if (language == ModelLanguage::kEn) score += options.english_prior;
    scores[i] = score;
  }
  return scores;
}

// The most CLD2's terms of the short-text score can move one language against another: all of
// CLD2's share (percentages add up to at most 100) at the capped strength, plus the bonus.
double LargestCld2Term(const DetectOptions& options) {
  return std::abs(options.cld2_weight) * options.cld2_score_cap / 1000.0 *
             std::max(1.0, options.relative_discount) +
         std::abs(options.cld2_sure_bonus);
}

// DetectOptions::word_fast_path: the answer without CLD2, or nullopt when CLD2 is needed.
std::optional<LanguageResult> WordsAlone(const CleanText& clean, const WordEvidence& words,
                                         const DetectOptions& options) {
  const std::array<double, kModelLanguageCount> scores = WordScores(words, options);
  // As Candidates::Best: the first highest wins. Languages outside the model score 0 here.
  int best = 0;
  for (int i = 1; i < kModelLanguageCount; ++i) {
    if (scores[i] > scores[best]) best = i;
  }
  double second = 0;
  for (int i = 0; i < kModelLanguageCount; ++i) {
    if (i != best) second = std::max(second, scores[i]);
  }
  const double lead = scores[best] - second;
  const double cld2_term = LargestCld2Term(options);
  if (clean.letters < options.short_text_letters) {
    // Detect takes the short-text model, and CLD2 cannot overturn a lead this large.
    if (!(lead > cld2_term)) return std::nullopt;
  } else {
    const auto language = static_cast<ModelLanguage>(best);
    const bool dutch_or_english = language == ModelLanguage::kNl || language == ModelLanguage::kEn;
    if (!dutch_or_english || clean.non_latin_letters > 0 || words.words == 0 ||
        lead < options.fast_min_lead ||
        words.frequent_words[best] < options.fast_min_coverage * words.words ||
        second > options.fast_max_runner_up * scores[best]) {
      return std::nullopt;
    }
  }
  LanguageResult result;
  result.code = std::string(ModelLanguageCode(static_cast<ModelLanguage>(best)));
  result.confidence = 1.0 - 0.5 * std::exp(-options.confidence_slope * (lead - cld2_term));
  result.reliable = result.confidence >= options.reliable_confidence;
  result.method = kMethodWords;
  return result;
}

// `words` is the text's word evidence when the caller has it already, else null.
LanguageResult ShortText(const CleanText& clean, const Cld2Result& sure,
                         const DetectOptions& options, const WordEvidence* known_words) {
  const Cld2Result guess = RunCld2(clean.text, /*best_effort=*/true);
  const WordEvidence words = known_words != nullptr ? *known_words : ScoreWords(clean.text);

  Candidates candidates;
  const std::array<double, kModelLanguageCount> scores = WordScores(words, options);
  for (int i = 0; i < kModelLanguageCount; ++i) {
    candidates.Add(ModelLanguageCode(static_cast<ModelLanguage>(i)), scores[i]);
  }
  for (const Cld2Language& language : guess.languages) {
    if (language.code == kUndetermined) continue;
    const double strength = std::min(language.normalized_score, options.cld2_score_cap) / 1000.0;
    double score = options.cld2_weight * language.percent / 100.0 * strength;
    if (IsCloseRelativeOfDutch(language.code) &&
        language.normalized_score < options.relative_min_score) {
      score *= options.relative_discount;
    }
    candidates.Add(language.code, score);
  }
  if (sure.languages[0].code != kUndetermined) {
    candidates.Add(sure.languages[0].code, options.cld2_sure_bonus);
  }

  const auto [best, second] = candidates.Best();
  LanguageResult result;
  result.method = kMethodShortText;
  // No evidence at all (CLD2 names nothing, no known word or spelling): a tie at zero would
  // otherwise name Dutch.
  if (best.score <= 0) return result;
  result.code = std::string(best.code);
  result.confidence = 1.0 - 0.5 * std::exp(-options.confidence_slope * (best.score - second));
  result.reliable = result.confidence >= options.reliable_confidence;
  return result;
}

}  // namespace

LanguageResult Detect(std::string_view text) {
  static const DetectOptions kDefaults;
  return Detect(text, kDefaults);
}

LanguageResult Detect(std::string_view text, const DetectOptions& options) {
  // The cleaned text of the last post, per thread: its buffer is reused, so cleaning allocates
  // nothing once a thread has seen a post as long.
  thread_local CleanText clean;
  CleanForDetectionInto(text, options.clean, clean);
  if (clean.letters == 0) return LanguageResult{};  // Empty, emoji, links, numbers only.

  std::optional<WordEvidence> words;
  if (options.word_fast_path) {
    words = ScoreWords(clean.text);
    if (std::optional<LanguageResult> result = WordsAlone(clean, *words, options)) return *result;
  }

  const bool long_enough = clean.letters >= options.short_text_letters;
  // CLD2 without best effort only matters for long texts, or as the bonus of the short-text
  // score; skipping it otherwise saves one of the two CLD2 calls on short posts.
  Cld2Result sure;
  if (long_enough || options.cld2_sure_bonus != 0) {
    sure = RunCld2(clean.text, /*best_effort=*/false);
  }
  const Cld2Language& top = sure.languages[0];
  const bool doubtful_relative =
      IsCloseRelativeOfDutch(top.code) && top.normalized_score < options.relative_min_score;
  if (long_enough && sure.reliable && !doubtful_relative) return FromCld2(sure);
  return ShortText(clean, sure, options, words ? &*words : nullptr);
}

LanguageResult DetectFast(std::string_view text) {
  static const DetectOptions kFast = [] {
    DetectOptions options;
    options.word_fast_path = true;
    return options;
  }();
  return Detect(text, kFast);
}

}  // namespace webcare::analysis::language
