#pragma once
// The words that change other words' sentiment, and the constants of the rules, per language.
// Most constants are VADER's (Hutto & Gilbert 2014), measured with human raters; the word
// lists extend VADER's English lists and add Dutch ones.

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "analysis/sentiment/lexicon.h"
#include "analysis/sentiment/tokenizer.h"

namespace webcare::analysis::sentiment {

inline constexpr double kBoost = 0.293;             // VADER's B_INCR: "very", "heel".
inline constexpr double kDampen = -0.293;           // VADER's B_DECR: "slightly", "een beetje".
inline constexpr double kNegationFactor = -0.74;    // VADER's N_SCALAR: flip and dampen.
inline constexpr double kCapsBoost = 0.733;         // VADER's C_INCR: "GOOD" among lower case.
inline constexpr double kElongationBoost = 0.293;   // Ours, as strong as one booster: "goooed".
inline constexpr double kExclamationBoost = 0.292;  // VADER's, per '!' up to four.
inline constexpr int kMaxExclamations = 4;
inline constexpr double kQuestionBoost = 0.18;       // VADER's, per '?' when there are 2 or 3.
inline constexpr double kManyQuestionsBoost = 0.96;  // VADER's, for 4 or more.
inline constexpr double kBeforeContrast = 0.5;       // VADER's weights around "but".
inline constexpr double kAfterContrast = 1.5;
// Negative expressions weigh one and a half times: people use positive words more often and
// more loosely (the "positivity bias"), so a lexicon sum leans positive. The factor is
// SO-CAL's (Taboada et al. 2011, Computational Linguistics 37(2)), applied like there, after
// negation; it also gave the best macro-F1 on our development sets.
inline constexpr double kNegativeWeight = 1.5;
inline constexpr int kModifierWindow = 3;  // Negations and boosters reach 3 tokens ahead.
// VADER's damping of a booster by its distance to the sentiment word (1, 2 or 3 tokens).
inline constexpr double kBoosterDecay[kModifierWindow] = {1.0, 0.95, 0.9};
// VADER's normalisation: score = raw / sqrt(raw² + kAlpha).
inline constexpr double kAlpha = 15;

// A service situation named in a calm question is its topic, not the writer's feeling: "Is er
// een storing?", "Any news on the disruption?" are questions that webcare agents label neutral.
// So is an outage reported as over ("de storing is voorbij"). Such words count this much in a
// question sentence of three words or more, in a post without '!' or impatience, and anywhere
// in a post that reports a resolution.
inline constexpr double kQuestionTopicFactor = 0.25;

// What a sentiment unit names, for the question and sarcasm rules.
enum class Situation {
  kNone,
  // A problem or an event, not necessarily anyone's fault or a complaint: "probleem", "kwijt",
  // "vertraging", "wachten", "problem", "delayed". Reviews praise a product and mention a delayed
  // delivery in one breath, so these are no sign of sarcasm.
  kTopic,
  // The service failing or keeping a customer on hold: "storing", "uitval", "in de wacht",
  // "wachtrij", "outage", "on hold". Also a topic.
  kFailure,
};

// The situation named by the unit of tokens [begin, end), found `via` ("compound" lets Dutch
// compounds count by their head: "internetstoring").
Situation SituationOf(std::span<const Token> tokens, size_t begin, size_t end,
                      std::string_view via);

// Strong signs that praise in the same post is ironic: an eye-roll or upside-down face (🙄, 🙃,
// 😒, 😑), "alweer", "yet again". Not "weer eens", "as always" or "once again", which praise
// sincerely as often ("as always, great service"). Tested at tokens[i].
bool IsIronyMarker(std::span<const Token> tokens, size_t i);

// A unit that reports a problem solved, over or help received ("opgelost", "werkt weer",
// "voorbij", "goed geholpen", "fixed"): praise next to it is sincere even when the post names
// an outage, and the outage it names is news, not a complaint.
bool IsResolution(std::span<const Token> tokens, size_t begin, size_t end);

// Words of impatience ("eindelijk", "alweer", "nog steeds", "still", "finally", "again"): a
// question with one is no calm question ("Wanneer is de storing eindelijk voorbij?").
bool IsImpatience(std::span<const Token> tokens, size_t i);

// Thanks ("bedankt", "dank je wel", "thanks", "cheers"): customers thank sincerely in posts
// about an outage, so thanks alone never makes a post sarcastic.
bool IsThanks(std::span<const Token> tokens, size_t begin, size_t end);

// Bits of KeyEntry::cues: which of the functions above may be true for a unit or token that
// starts with the key. Analyze tests the bit (free: the entry is looked up anyway) before the
// function, which compares the words with its list.
inline constexpr uint8_t kCueSituation = 1;   // SituationOf (besides compounds).
inline constexpr uint8_t kCueResolution = 2;  // IsResolution.
inline constexpr uint8_t kCueThanks = 4;      // IsThanks.
inline constexpr uint8_t kCueImpatience = 8;  // IsImpatience.
inline constexpr uint8_t kCueIrony = 16;      // IsIronyMarker.

// The first word of every entry of those lists, with its bit.
std::vector<std::pair<std::string_view, uint8_t>> CueFirstWords();

// Whether the sentence of tokens[i] ends in '?': the characters between its last token and the
// next token (or the end of `text`) hold one. Tokens point into `text`.
bool SentenceIsQuestion(std::string_view text, std::span<const Token> tokens, size_t i);

// kExcess is Dutch "te" before an adjective: "te duur", "te makkelijk" (too easy) is a
// complaint even when the adjective is positive.
enum class ModifierKind { kNegation, kBooster, kContrast, kExcess };

struct Modifier {
  ModifierKind kind = ModifierKind::kBooster;
  double delta = 0;  // Boosters: kBoost-like (positive) or kDampen-like (negative).
  int length = 1;    // Tokens it spans: "een beetje" is 2.
  // Whether the word has a sentiment of its own when it modifies no sentiment word: "super
  // service", "no, thanks"; "erg" and "zeer" only at the end of a clause ("wat erg", "doet
  // zeer"), since before any other word they are boosters ("erg spannend"). Most boosters
  // have none ("echt niet", "so?"), whatever a lexicon says.
  enum class Alone { kNever, kAtClauseEnd, kAlways };
  Alone alone = Alone::kNever;
};

// The negation, booster or contrast word (or words) starting at tokens[i] in any of
// `languages`, or nullopt. Knows the exceptions: "niet alleen ... maar ook" and "not only ...
// but also" are neither negation nor contrast, nor is "maar" as a particle ("alleen maar").
std::optional<Modifier> FindModifier(std::span<const Token> tokens, size_t i,
                                     std::span<const Language> languages);
// The same, given Lexicon::Entry of tokens[i].key (null when there is none), so that a key
// is looked up once however many rules ask about it.
std::optional<Modifier> FindModifier(std::span<const Token> tokens, size_t i,
                                     std::span<const Language> languages, const KeyEntry* entry);

// The single-word modifiers of `language`, and the first words of its modifier phrases ("een"
// of "een beetje"), for the lexicon's entries.
const absl::flat_hash_map<std::string_view, Modifier>& WordModifiers(Language language);
std::vector<std::string_view> ModifierPhraseFirstWords(Language language);

// English "like" is a sentiment word only as the verb of liking ("I like", "really like"),
// not as a preposition ("looks like", "like a"), which is most of its uses.
bool IsVerbLike(std::span<const Token> tokens, size_t i);

// Base forms of an inflected Dutch adjective, most likely first: "mooie" -> "mooi",
// "grote" -> "groot", "lieve" -> "lief", "boze" -> "boos", "leukste" -> "leuk",
// "slechter" -> "slecht". The partitive "-s" ("iets moois") needs its context; see lookup.cc.
std::vector<std::string> DutchBaseForms(std::string_view key);

// The same forms in the same order, without allocating for the common case: lookup.cc tries
// them for every Dutch word the lexicon lacks. A form is a prefix of the key (a view into it)
// or a respelling kept in this object, so the list must outlive its forms and the key.
class DutchBaseFormList {
 public:
  explicit DutchBaseFormList(std::string_view key);
  DutchBaseFormList(const DutchBaseFormList&) = delete;
  DutchBaseFormList& operator=(const DutchBaseFormList&) = delete;

  std::span<const std::string_view> forms() const { return {forms_.data(), size_}; }

 private:
  void AddStem(std::string_view stem);
  void Add(std::string_view form) { forms_[size_++] = form; }
  // A respelled form: the stem with its last letter replaced by `last` and, when `doubled` is
  // not 0, that vowel inserted before it ("grot" -> "groot").
  void AddRespelled(std::string_view stem, char last, char doubled);

  // Two endings apply at most ("-ste" and "-e"), each adding at most three forms, two of them
  // respelled.
  static constexpr size_t kMaxRespelled = 4;
  std::array<std::string_view, 6> forms_;
  size_t size_ = 0;
  std::array<char, 128> buffer_;  // Respelled forms, back to back.
  size_t buffer_used_ = 0;
  std::vector<std::string> long_forms_;  // Those that do not fit; reserved, so never moved.
};

// Dutch intensifying prefixes of compounds: "supergoed", "keileuk", "oersaai".
std::span<const std::string_view> DutchIntensifierPrefixes();
// Dutch vulgar prefixes that make any compound negative: "kutservice", "klotebedrijf".
std::span<const std::string_view> DutchNegativePrefixes();

}  // namespace webcare::analysis::sentiment
