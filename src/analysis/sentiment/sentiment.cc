#include "analysis/sentiment/sentiment.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "absl/container/inlined_vector.h"
#include "analysis/sentiment/lexicon.h"
#include "analysis/sentiment/lookup.h"
#include "analysis/sentiment/rules.h"
#include "analysis/sentiment/tokenizer.h"

namespace webcare::analysis::sentiment {
namespace {

struct Thresholds {
  double negative;  // Scores at or below are negative.
  double positive;  // Scores at or above are positive.
};

// VADER's ±0.05 labels a post by a single mild word. Customer posts that mention one mildly
// positive word ("please", "ok", "hopelijk") are mostly neutral requests, so the neutral band
// is wider: English 0.40 is the best macro-F1 on SemEval's validation set, Dutch 0.20 on the
// Dutch sets (which have no separate validation part), other languages in between. See
// bench/eval_sentiment/README.md.
Thresholds ThresholdsFor(std::string_view language) {
  if (language == "en") return {-0.40, 0.40};
  if (language == "nl") return {-0.20, 0.20};
  return {-0.30, 0.30};
}

constexpr Language kDutchOnly[] = {Language::kDutch};
constexpr Language kEnglishOnly[] = {Language::kEnglish};
constexpr Language kBoth[] = {Language::kDutch, Language::kEnglish};

std::span<const Language> LanguagesFor(std::string_view language) {
  if (language == "nl") return kDutchOnly;
  if (language == "en") return kEnglishOnly;
  return kBoth;
}

enum class Role { kSentiment, kNegation, kBooster, kContrast, kExcess };

// A sentiment word or phrase, or a modifier, spanning tokens [begin, end).
struct Unit {
  size_t begin = 0;
  size_t end = 0;
  Role role = Role::kSentiment;
  double delta = 0;        // Boosters.
  std::optional<Hit> hit;  // Sentiment units; for a modifier, its own score if it has one.
  int gap_negations = 0;   // Phrases with a gap: the negations and boosters in it.
  double gap_boost = 0;
};

double Sign(double value) { return value < 0 ? -1.0 : 1.0; }

bool SameClause(std::span<const Token> tokens, size_t a, size_t b) {
  return a < tokens.size() && b < tokens.size() && tokens[a].clause == tokens[b].clause;
}

// The tokens in a phrase's gap; never more than kMaxPhraseGap, so never on the heap.
using Gap = absl::InlinedVector<size_t, kMaxPhraseGap>;

// Where `phrase` ends when it starts at tokens[i], or 0 when it does not match there. The
// tokens in its gap, if any, go to `gap`.
size_t MatchAt(std::span<const Token> tokens, size_t i, const Phrase& phrase, Gap& gap) {
  gap.clear();
  size_t t = i;
  for (size_t k = 0; k < phrase.keys.size(); ++k, ++t) {
    if (k > 0 && k == phrase.gap) {
      const size_t limit = t + kMaxPhraseGap;
      while (t < limit && t < tokens.size() && SameClause(tokens, i, t) &&
             tokens[t].key != phrase.keys[k]) {
        gap.push_back(t++);
      }
    }
    if (t >= tokens.size() || !SameClause(tokens, i, t) || tokens[t].key != phrase.keys[k]) {
      return 0;
    }
  }
  return t;
}

// The longest phrase of the terms file starting at tokens[i], within one clause. A phrase that
// ends in a negation ("werkt niet") is not taken when the negation has a sentiment word to
// negate ("werkt niet goed"). Negations and boosters in a phrase's gap apply to the phrase:
// "dat viel me echt niet tegen".
// `entries` holds Lexicon::Entry of every token's key (see FindUnits).
std::optional<Unit> MatchPhrase(std::span<const Token> tokens,
                                std::span<const KeyEntry* const> entries, size_t i,
                                std::span<const Language> languages) {
  if (entries[i] == nullptr) return std::nullopt;  // No phrase starts with this key.
  Gap gap;
  for (Language language : languages) {
    const std::vector<Phrase>* phrases = entries[i]->phrases[static_cast<int>(language)];
    if (phrases == nullptr) continue;
    for (const Phrase& phrase : *phrases) {
      const size_t end = MatchAt(tokens, i, phrase, gap);
      if (end == 0) continue;
      const std::optional<Modifier> last =
          FindModifier(tokens, end - 1, languages, entries[end - 1]);
      if (last && last->kind == ModifierKind::kNegation && SameClause(tokens, end - 1, end) &&
          LookUp(tokens, end, languages, entries[end])) {
        continue;
      }
      Unit unit{i, end, Role::kSentiment, 0, Hit{phrase.valence, "phrase"}};
      for (size_t t : gap) {
        if (std::optional<Modifier> modifier = FindModifier(tokens, t, languages, entries[t])) {
          if (modifier->kind == ModifierKind::kNegation) ++unit.gap_negations;
          if (modifier->kind == ModifierKind::kBooster) unit.gap_boost += modifier->delta;
        }
      }
      return unit;
    }
  }
  return std::nullopt;
}

// Fills `units` (cleared first) with the units of `tokens`. `entries` is scratch space.
void FindUnits(std::span<const Token> tokens, std::span<const Language> languages,
               std::vector<const KeyEntry*>& entries, std::vector<Unit>& units) {
  // Each key is looked up once, here; the rules below read its entry.
  const Lexicon& lexicon = Lexicon::Get();
  entries.clear();
  for (const Token& token : tokens) entries.push_back(lexicon.Entry(token.key));
  units.clear();
  size_t i = 0;
  // A salutation is no praise: "Beste NS,", "Dear Delta,", "Lieve KPN".
  if (!tokens.empty() && (tokens[0].key == "beste" || tokens[0].key == "dear" ||
                          tokens[0].key == "lieve" || tokens[0].key == "geachte")) {
    i = 1;
  }
  while (i < tokens.size()) {
    if (std::optional<Unit> phrase = MatchPhrase(tokens, entries, i, languages)) {
      units.push_back(*phrase);
    } else if (std::optional<Modifier> modifier = FindModifier(tokens, i, languages, entries[i])) {
      Unit unit{i, i + modifier->length, Role::kBooster, modifier->delta, std::nullopt};
      if (modifier->kind == ModifierKind::kNegation) unit.role = Role::kNegation;
      if (modifier->kind == ModifierKind::kContrast) unit.role = Role::kContrast;
      if (modifier->kind == ModifierKind::kExcess) unit.role = Role::kExcess;
      if (modifier->alone != Modifier::Alone::kNever) {
        const bool clause_ends = i + 1 >= tokens.size() ||
                                 tokens[i + 1].clause != tokens[i].clause ||
                                 tokens[i + 1].kind != TokenKind::kWord;
        if (modifier->alone == Modifier::Alone::kAlways || clause_ends) {
          unit.hit = LookUp(tokens, i, languages, entries[i]);
        }
      }
      units.push_back(unit);
    } else if (std::optional<Hit> hit = LookUp(tokens, i, languages, entries[i])) {
      units.push_back(Unit{i, i + 1, Role::kSentiment, 0, hit});
    } else {
      ++i;
      continue;
    }
    i = units.back().end;
  }
}

// Settles the words that are either a modifier or a sentiment word, depending on what follows.
void ResolveDualRoles(std::span<const Token> tokens, std::vector<Unit>& units) {
  // Pattern's intense adjectives modify a sentiment word right after them: "vreselijk leuk".
  for (size_t k = 0; k + 1 < units.size(); ++k) {
    Unit& unit = units[k];
    const Unit& next = units[k + 1];
    if (unit.role == Role::kSentiment && unit.hit->valence.source == Source::kPattern &&
        unit.hit->valence.intensity >= kPatternIntensifier && unit.end - unit.begin == 1 &&
        next.role == Role::kSentiment && next.begin == unit.end &&
        SameClause(tokens, unit.begin, next.begin)) {
      unit.role = Role::kBooster;
      unit.delta = kBoost;
    }
  }
  // A modifier with nothing to modify keeps its own score: "super!", "no, thanks".
  for (size_t k = 0; k < units.size(); ++k) {
    Unit& unit = units[k];
    if (unit.role == Role::kSentiment || !unit.hit) continue;
    bool modifies = false;
    for (size_t j = k + 1; j < units.size() && !modifies; ++j) {
      if (units[j].begin >= unit.end + kModifierWindow) break;
      modifies =
          units[j].role == Role::kSentiment && SameClause(tokens, unit.begin, units[j].begin);
    }
    if (!modifies) unit.role = Role::kSentiment;
  }
}

std::string Words(std::span<const Token> tokens, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) out.push_back(' ');
    out.append(tokens[i].text);
  }
  return out;
}

// VADER's test: some words are ALL CAPS, but not all, so the capitals are emphasis.
bool CapsAreEmphasis(std::span<const Token> tokens) {
  int words = 0;
  int caps = 0;
  for (const Token& token : tokens) {
    if (token.kind != TokenKind::kWord && token.kind != TokenKind::kHashtag) continue;
    ++words;
    if (token.all_caps) ++caps;
  }
  return caps > 0 && caps < words;
}

// The contrast weight of the unit starting at token `begin`: the first contrast word in its
// sentence decides (before it 0.5, after it 1.5); a sentence that starts with a contrast word
// ("Goed. Maar ...") also weighs down the sentence before it.
std::optional<double> ContrastWeight(std::span<const Token> tokens,
                                     const std::vector<size_t>& contrasts, size_t begin) {
  const int sentence = tokens[begin].sentence;
  for (size_t c : contrasts) {
    if (tokens[c].sentence == sentence) return begin > c ? kAfterContrast : kBeforeContrast;
  }
  size_t next = begin;
  while (next < tokens.size() && tokens[next].sentence == sentence) ++next;
  if (next < tokens.size() &&
      std::find(contrasts.begin(), contrasts.end(), next) != contrasts.end()) {
    return kBeforeContrast;
  }
  return std::nullopt;
}

// Praise in a post is sarcasm when the post also carries an irony marker ("alweer", 🙄), or
// when it names the service failing ("storing", "in de wacht", "outage") and praises in
// words at least this strong ("top", "geweldig", "prachtig", "great", "love"). Thanks and emoji
// do not count as such praise: customers thank sincerely for news of an outage ("bedankt voor
// de update 👍"). Never when the post says the problem was solved or the writer was helped
// (`resolved`).
inline constexpr double kSarcasticPraise = 2.0;

bool HasCue(const KeyEntry* entry, uint8_t cue) {
  return entry != nullptr && (entry->cues & cue) != 0;
}

Situation UnitSituation(std::span<const Token> tokens, std::span<const KeyEntry* const> entries,
                        const Unit& unit) {
  if (!HasCue(entries[unit.begin], kCueSituation) && unit.hit->via != "compound") {
    return Situation::kNone;
  }
  return SituationOf(tokens, unit.begin, unit.end, unit.hit->via);
}

// `entries` holds Lexicon::Entry of every token's key.
bool IsSarcastic(std::span<const Token> tokens, std::span<const KeyEntry* const> entries,
                 std::span<const Unit> units, bool resolved) {
  if (resolved) return false;
  double praise = 0;
  bool failure = false;
  bool complaint = false;  // Some negative unit.
  for (const Unit& unit : units) {
    if (unit.role != Role::kSentiment) continue;
    const double valence = unit.hit->valence.score;
    if (valence > 0) {
      const TokenKind kind = tokens[unit.begin].kind;
      if (kind == TokenKind::kEmoji || kind == TokenKind::kEmoticon ||
          (HasCue(entries[unit.begin], kCueThanks) && IsThanks(tokens, unit.begin, unit.end))) {
        praise = std::max(praise, 1e-9);  // Praise to flip, but no sign of exaggeration.
        continue;
      }
      praise = std::max(praise, valence);
    } else if (valence < 0) {
      complaint = true;
      failure = failure || UnitSituation(tokens, entries, unit) == Situation::kFailure;
    }
  }
  // A marker needs something to be ironic about: "alweer" is also "already" ("ik heb het boek
  // alweer uit, geweldig"), and 🙄 and 😒 are negative units themselves.
  if (praise == 0 || !complaint) return false;
  if (failure && praise >= kSarcasticPraise) return true;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (HasCue(entries[i], kCueIrony) && IsIronyMarker(tokens, i)) return true;
  }
  return false;
}

// A question sentence of three words or more: "storing?" alone is a curt complaint.
bool IsCalmQuestion(std::string_view text, std::span<const Token> tokens, size_t i) {
  int words = 0;
  for (const Token& token : tokens) {
    if (token.sentence == tokens[i].sentence && token.kind == TokenKind::kWord) ++words;
  }
  return words >= 3 && SentenceIsQuestion(text, tokens, i);
}

// What Analyze needs besides its result, kept per thread so that a post allocates no
// scratch memory once the thread has seen a post as long.
struct Scratch {
  TokenBuffer tokens;
  std::vector<const KeyEntry*> entries;
  std::vector<Unit> units;
  std::vector<int> unit_at;
  std::vector<size_t> contrasts;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

}  // namespace

std::string_view LabelName(SentimentLabel label) {
  switch (label) {
    case SentimentLabel::kNegative:
      return "negative";
    case SentimentLabel::kNeutral:
      return "neutral";
    case SentimentLabel::kPositive:
      return "positive";
  }
  return "neutral";
}

SentimentLabel LabelForScore(double score, std::string_view language) {
  const Thresholds thresholds = ThresholdsFor(language);
  if (score >= thresholds.positive) return SentimentLabel::kPositive;
  if (score <= thresholds.negative) return SentimentLabel::kNegative;
  return SentimentLabel::kNeutral;
}

SentimentResult Analyze(std::string_view text, std::string_view language) {
  const std::span<const Language> languages = LanguagesFor(language);
  Scratch& scratch = ThreadScratch();
  TokenizeInto(text, scratch.tokens);
  const std::span<const Token> tokens = scratch.tokens.tokens();
  std::vector<Unit>& units = scratch.units;
  FindUnits(tokens, languages, scratch.entries, units);
  ResolveDualRoles(tokens, units);

  std::vector<int>& unit_at = scratch.unit_at;
  unit_at.assign(tokens.size(), -1);
  std::vector<size_t>& contrasts = scratch.contrasts;
  contrasts.clear();
  for (size_t k = 0; k < units.size(); ++k) {
    for (size_t i = units[k].begin; i < units[k].end; ++i) unit_at[i] = static_cast<int>(k);
    if (units[k].role == Role::kContrast) contrasts.push_back(units[k].begin);
  }
  const bool caps_are_emphasis = CapsAreEmphasis(tokens);
  // The webcare rules (rules.h: resolved outages, sarcasm, calm questions) are about a
  // negative unit; most posts have none and skip them, which keeps Analyze fast.
  bool has_negative = false;
  for (const Unit& unit : units) {
    has_negative = has_negative || (unit.role == Role::kSentiment && unit.hit->valence.score < 0);
  }
  bool resolved = false;
  bool sarcastic = false;
  bool calm_questions = false;
  if (has_negative) {
    const bool questions = scratch.tokens.question_marks() > 0;
    for (const Unit& unit : units) {
      // A resolution asked about is none: "Is de storing al voorbij?", "Is it fixed yet?".
      resolved = resolved || (unit.role == Role::kSentiment && unit.hit->valence.score >= 0 &&
                              HasCue(scratch.entries[unit.begin], kCueResolution) &&
                              IsResolution(tokens, unit.begin, unit.end) &&
                              !(questions && SentenceIsQuestion(text, tokens, unit.begin)));
    }
    sarcastic = IsSarcastic(tokens, scratch.entries, units, resolved);
    // Questions with '!', "??" or impatience are not calm ("Alweer een storing?!",
    // "Overcharged again??", "Wanneer is de storing eindelijk voorbij?").
    calm_questions = questions && scratch.tokens.exclamation_marks() == 0 &&
                     text.find("??") == std::string_view::npos;
    for (size_t i = 0; calm_questions && i < tokens.size(); ++i) {
      calm_questions = !(HasCue(scratch.entries[i], kCueImpatience) && IsImpatience(tokens, i));
    }
  }

  SentimentResult result;
  // One allocation for the explanation: a line per sentiment unit, and two for punctuation.
  size_t lines = 2;
  for (const Unit& unit : units) lines += unit.role == Role::kSentiment ? 1 : 0;
  result.explanation.reserve(lines);
  double sum = 0;
  for (const Unit& unit : units) {
    if (unit.role != Role::kSentiment || unit.hit->valence.score == 0) continue;
    double value = unit.hit->valence.score;
    std::string rule(unit.hit->via);
    size_t first = unit.begin;
    if (unit.end - unit.begin == 1 && tokens[unit.begin].all_caps && caps_are_emphasis) {
      value += Sign(value) * kCapsBoost;
      rule += "+caps";
    }
    for (size_t i = unit.begin; i < unit.end; ++i) {
      if (tokens[i].elongated) {
        value += Sign(value) * kElongationBoost;
        rule += "+elongation";
        break;
      }
    }
    if (unit.hit->intensified) {
      value += Sign(value) * kBoost;
      rule += "+intensifier";
    }
    if (unit.gap_boost != 0) {
      value += Sign(value) * unit.gap_boost;
      rule += unit.gap_boost > 0 ? "+intensifier" : "+downtoner";
    }
    for (int k = 0; k < unit.gap_negations; ++k) {
      value *= kNegationFactor;
      rule += "+negation";
    }
    // Modifiers in the three tokens before, nearest first, as VADER applies them.
    int previous_unit = -1;
    for (size_t distance = 1; distance <= kModifierWindow && distance <= unit.begin; ++distance) {
      const size_t i = unit.begin - distance;
      if (!SameClause(tokens, i, unit.begin)) break;
      const int k = unit_at[i];
      if (k < 0 || k == previous_unit) continue;
      previous_unit = k;
      const Unit& modifier = units[k];
      if (modifier.role == Role::kBooster) {
        double step = modifier.delta * kBoosterDecay[distance - 1];
        if (modifier.end - modifier.begin == 1 && tokens[modifier.begin].all_caps &&
            caps_are_emphasis) {
          step += Sign(modifier.delta) * kCapsBoost;
        }
        value += Sign(value) * step;
        rule += modifier.delta > 0 ? "+intensifier" : "+downtoner";
        first = modifier.begin;
      } else if (modifier.role == Role::kNegation) {
        value *= kNegationFactor;
        rule += "+negation";
        first = modifier.begin;
      } else if (modifier.role == Role::kExcess && distance == 1 &&
                 unit.hit->valence.source == Source::kPattern &&
                 !(unit.end < tokens.size() &&
                   (tokens[unit.end].key == "om" || tokens[unit.end].key == "voor"))) {
        // "te leuk om te stoppen", "te mooi voor woorden" (so good that ...) is praise.
        // Pattern's words are adjectives; "te" before anything else is the infinitive marker.
        value = value > 0 ? value * kNegationFactor : value - kBoost;
        rule += "+excess";
        first = modifier.begin;
      }
    }
    if (std::optional<double> weight = ContrastWeight(tokens, contrasts, unit.begin)) {
      value *= *weight;
      rule += "+contrast";
    }
    if (sarcastic && value > 0) {
      value *= kNegationFactor;
      rule += "+sarcasm";
    } else if ((resolved || calm_questions) && value < 0 &&
               UnitSituation(tokens, scratch.entries, unit) != Situation::kNone) {
      if (resolved) {
        value *= kQuestionTopicFactor;
        rule += "+resolved";
      } else if (IsCalmQuestion(text, tokens, unit.begin)) {
        value *= kQuestionTopicFactor;
        rule += "+question";
      }
    }
    if (value < 0) {
      value *= kNegativeWeight;
      rule += "+negative-weight";
    }
    sum += value;
    result.explanation.push_back(Contribution{Words(tokens, first, unit.end), value,
                                              std::move(rule),
                                              std::string(SourceName(unit.hit->valence.source))});
  }
  // Punctuation pushes the sum away from zero, as in VADER.
  if (sum != 0) {
    const int exclamations = std::min(scratch.tokens.exclamation_marks(), kMaxExclamations);
    if (exclamations > 0) {
      const double push = Sign(sum) * exclamations * kExclamationBoost;
      result.explanation.push_back(
          Contribution{std::string(exclamations, '!'), push, "exclamation", ""});
    }
    const int questions = scratch.tokens.question_marks();
    if (questions > 1) {
      const double push =
          Sign(sum) * (questions <= 3 ? questions * kQuestionBoost : kManyQuestionsBoost);
      result.explanation.push_back(
          Contribution{std::string(std::min(questions, 4), '?'), push, "question", ""});
    }
  }
  double raw = 0;
  for (const Contribution& item : result.explanation) raw += item.contribution;
  result.raw = raw;
  result.score = std::clamp(raw / std::sqrt(raw * raw + kAlpha), -1.0, 1.0);
  result.label = LabelForScore(result.score, language);
  return result;
}

}  // namespace webcare::analysis::sentiment
