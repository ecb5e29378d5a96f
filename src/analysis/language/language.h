#pragma once
// Language detection for posts: CLD2 for ordinary text, and for very short posts CLD2 combined
// with a small model of frequent Dutch and English words and spelling (word_model.h). The
// rules, the figures they were tuned on, and how to re-run the evaluation are in README.md.
//
// Thread-safety: every function here is safe to call from any number of threads at once; the
// only shared state is read-only tables built on first use.

#include <string>
#include <string_view>

#include "analysis/language/text_cleaner.h"

namespace webcare::analysis::language {

// How a result was reached, for the explanation shown with a post.
inline constexpr std::string_view kMethodCld2 = "cld2";             // CLD2 was sure by itself.
inline constexpr std::string_view kMethodShortText = "short-text";  // CLD2 plus the word model.
inline constexpr std::string_view kMethodNone = "none";             // Nothing to detect.
inline constexpr std::string_view kMethodWords = "words";  // The word model alone (DetectFast).

// The code for "no language found" (ISO 639-2 "undetermined").
inline constexpr std::string_view kUndetermined = "und";

struct LanguageResult {
  // ISO 639-1 ("nl", "en", "de", ...); ISO 639-2/3 for the few languages CLD2 knows that have
  // no two-letter code; "und" when the post has no letters or no language could be found.
  std::string code = std::string(kUndetermined);
  // How sure the detector is, 0..1. For "cld2" it is CLD2's share of the text in `code`; for
  // "short-text" it grows with the lead of `code` over the runner-up (see README.md for how
  // often it is right per confidence band). 0 for "und".
  double confidence = 0.0;
  // True when `code` can be acted on without a person checking: CLD2's own verdict for "cld2",
  // a confidence of at least DetectOptions::reliable_confidence for "short-text".
  bool reliable = false;
  // kMethodCld2, kMethodShortText or kMethodNone; points to static storage.
  std::string_view method = kMethodNone;
};

// The tuning knobs, exposed so bench/eval_language can compare settings; production uses the
// defaults, which are the values tuned on the development half of the evaluation data.
struct DetectOptions {
  CleanOptions clean;
  // Texts with fewer letters than this always go through the short-text model; CLD2 alone is
  // unreliable below ~20-30 letters.
  int short_text_letters = 30;
  // Short-text score of a language =
  //     cld2_weight * percent/100 * min(normalized score, cld2_score_cap)/1000
  //         for each language CLD2 names in best-effort mode,
  //   + cld2_sure_bonus if CLD2 names it without best effort (then it had real evidence),
  //   + frequent_word_weight * frequent-word hits + spelling_weight * spelling-hint weights,
  //   + prior (Dutch and English only: the languages of our customers' posts).
  double cld2_weight = 0.4;
  double cld2_score_cap = 2000.0;
  double cld2_sure_bonus = 0.0;
  double frequent_word_weight = 4.0;
  double spelling_weight = 1.25;
  double dutch_prior = 0.0;
  double english_prior = 0.0;
  // Close relatives of Dutch (af, fy, de, lb): CLD2 names them for Dutch text that is short or
  // informal. When CLD2's normalized score for one is below relative_min_score, its CLD2 term
  // above is multiplied by relative_discount, so Dutch words and spelling can win. A long text
  // whose CLD2 answer is such a doubtful relative goes through the short-text model too.
  double relative_min_score = 800.0;
  double relative_discount = 0.5;
  // Short-text confidence = 1 - 0.5 * exp(-confidence_slope * lead over the runner-up).
  double confidence_slope = 1.0;
  double reliable_confidence = 0.85;

  // The word-model fast path (DetectFast), which answers without CLD2 (method kMethodWords)
  // in two cases:
  //  - a short text whose word-model lead is larger than anything CLD2's term above could add
  //    to the runner-up: the short-text model would name the same language whatever CLD2
  //    said, so the code is the one Detect gives;
  //  - a long text in Latin script that the word model gives to Dutch or English with a lead
  //    of at least fast_min_lead, frequent words of that language making up at least
  //    fast_min_coverage of its words, and the runner-up scoring at most fast_max_runner_up
  //    times the winner (this keeps Afrikaans, which shares many Dutch words, with CLD2).
  // Confidence is the short-text formula on the lead less CLD2's largest possible term, so
  // a fast answer is never surer than the full model could have been.
  bool word_fast_path = false;
  double fast_min_lead = 12.0;
  double fast_min_coverage = 0.30;
  double fast_max_runner_up = 0.5;
};

// Detects the language of a post's text. Any bytes are accepted: ill-formed UTF-8 is dropped
// before CLD2 sees the text (CLD2 requires valid UTF-8).
LanguageResult Detect(std::string_view text);
LanguageResult Detect(std::string_view text, const DetectOptions& options);

// Detect with the word-model fast path (DetectOptions::word_fast_path): for the ingest
// firehose, where CLD2 (~4 µs a post) is most of the cost. Typical Dutch and English posts,
// and short posts the word model settles, skip CLD2 and come back with method kMethodWords;
// the rest get exactly what Detect gives. Same code as Detect on 99.99% of the evaluation
// texts, and where they differ DetectFast was right more often (see README.md).
LanguageResult DetectFast(std::string_view text);

}  // namespace webcare::analysis::language
