#pragma once
// Sentiment of a post in Dutch or English: a score in [-1, 1], a label, and an explanation
// that says which words (and which rules) gave the score.
//
// The method is VADER's (Hutto & Gilbert 2014), generalised to two languages: every sentiment
// word or phrase gets its lexicon score (see lexicon.h), which rules then shape: negation
// within the three preceding tokens flips and dampens it, boosters and downtoners move it,
// ALL CAPS and elongation ("heeeel") amplify it, words before a contrast ("maar", "but") count
// half and after it one and a half times, negative expressions count one and a half times
// (SO-CAL), and '!' (up to four) and repeated '?' push the sum away from zero. The raw score,
// the sum, becomes the score like VADER's compound: raw / sqrt(raw² + 15). See README.md for
// the rules in detail and their evaluation.

#include <string>
#include <string_view>
#include <vector>

namespace webcare::analysis::sentiment {

enum class SentimentLabel { kNegative, kNeutral, kPositive };

std::string_view LabelName(SentimentLabel label);  // "negative", "neutral", "positive"

// One line of an explanation.
struct Contribution {
  // The words as written, including the modifiers that applied: "niet goed", "😡", "!!".
  std::string token;
  // Its share of the raw score (VADER's scale, about -4..+4 per word).
  double contribution = 0;
  // What produced it: "lexicon", "phrase", "emoji", "emoticon", "hashtag", "inflection",
  // "compound", "exclamation" or "question", followed by the rules that shaped it in the
  // order they applied, joined by '+': caps, elongation, intensifier, downtoner, negation,
  // excess, contrast, negative-weight. E.g. "lexicon+negation+negative-weight".
  std::string rule;
  // Where the base score came from: "vader", "pattern", "webcare"; empty for punctuation.
  std::string source;
};

struct SentimentResult {
  double score = 0;  // In [-1, 1]: raw / sqrt(raw² + 15).
  double raw = 0;    // The sum of the explanation's contributions.
  SentimentLabel label = SentimentLabel::kNeutral;
  std::vector<Contribution> explanation;  // In text order; punctuation last.
};

// Analyzes `text` (any bytes; ill-formed UTF-8 is skipped) in `language`: "nl", "en", or
// anything else for both lexicons, Dutch first. Thread-safe; the lexicons are built on first
// use.
SentimentResult Analyze(std::string_view text, std::string_view language);

// The label of `score` in `language`: positive from the positive threshold up, negative from
// the negative threshold down (thresholds in sentiment.cc, chosen on development data).
SentimentLabel LabelForScore(double score, std::string_view language);

}  // namespace webcare::analysis::sentiment
