#pragma once
// The word lists behind intent detection (README.md): what role a word plays in a question
// ("waarom" opens one, "kan" + "ik" makes one) and which words and phrases mark a complaint,
// praise, a request or a news-like report. Built once into hash tables; looking a word up costs
// one hash and a probe or two, with no allocation.

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace webcare::analysis::intent::internal {

// Roles of a word. A word may have several, and different ones per language ("of" is "or" in
// Dutch, "die" a pronoun in Dutch and a verb in English).
enum Role : uint32_t {
  // Grammar of questions.
  kInterrogative = 1u << 0,      // hoe, waarom, how, why ...
  kInterrogativeNoun = 1u << 1,  // welke, hoeveel, which: a noun follows, never a subject.
  kVerbAnySubject = 1u << 2,     // Verb first with any subject: "is de", "kan mijn".
  kVerbPronoun = 1u << 3,        // Verb first only with a pronoun: "doe je" (not "doe het").
  kVerbPast = 1u << 4,           // kon, was: "Kon mijn pas niet ..." drops its "ik".
  kPronoun = 1u << 5,            // Personal pronouns: ik, je, you, they, iemand.
  kSubject = 1u << 6,            // Other subjects: de, het, er, dit, the, there, this.
  kPossessive = 1u << 7,         // mijn, my: a subject of "Is mijn pas ...", not of "kon".
  kOpener = 1u << 8,             // Keeps a clause "at its start": ok, nou, btw, oh.
  kGreeting = 1u << 9,           // hoi, beste, dear: the clause after its comma starts afresh.
  kCoordinator = 1u << 10,       // en, maar, dus, and, but: a wh-word may follow.
  kPreposition = 1u << 11,       // "Tot welke leeftijd", "Met wie": a wh-word may follow.
  kExclamative = 1u << 12,       // After "wat"/"how": "wat fijn", "how nice" exclaim.
  kArticle = 1u << 13,           // "wat een", "what a": exclaim.
  kThen = 1u << 14,              // dan/then: "Heb je vragen, stuur dan ..." is a condition.
  kAnyone = 1u << 15,            // "iemand ...?", "any update", "anyone else": asks.
  kSubordinator = 1u << 16,      // A wh-word followed by this opens a subordinate clause.
  kRepeat = 1u << 17,            // weer, again, opnieuw: a complaint next to a problem word.
  kNegation = 1u << 18,          // niet, geen, nog, not, still: with a duration, complains.
  kRhetorical = 1u << 19,        // "Serieus?", "Hallo??": alone, no real question.
  kIrritation = 1u << 20,        // "Wat is het nou?": inside a clause, impatience.
  kResolved = 1u << 21,          // opgelost, ontvangen, teruggevonden, got my, fixed
  // Cues for the intent.
  kFrustration = 1u << 22,  // alweer, nog steeds, belachelijk, still waiting, 🙄
  kProblem = 1u << 23,      // werkt niet, kapot, refund, doesn't work, charged twice
  kTopic = 1u << 24,        // storing, vertraging, outage, delay: asked about calmly too
  kPraise = 1u << 25,       // bedankt, top, compliment, thanks, great job
  kRequest = 1u << 26,      // graag, help, kwijt, please, lost: wants something done
  kAsk = 1u << 27,          // vraag me af, i wonder, anyone know: asks without '?'
  kInfo = 1u << 28,         // let op, fyi, meldt, update: passes news on
  kDuration = 1u << 29,     // "al twee weken", "elke keer": complains beside a problem
  kWish = 1u << 30,         // "zou fijn zijn als", "would be nice": a suggestion
  kPleasantry = 1u << 31,   // "fijne avond", "graag gedaan", "ok duidelijk": no praise
};

inline constexpr uint32_t kCueRoles = kFrustration | kProblem | kTopic | kPraise | kRequest | kAsk |
                                      kInfo | kDuration | kWish | kResolved | kPleasantry;

// The cue kinds a description is kept for, in the order of CueIndex().
inline constexpr int kCueKinds = 13;
int CueIndex(uint32_t role);  // Index of the lowest cue or question role in `role`.

// A word's entry, kept small so that the tables stay in cache: its roles and an index into the
// cold table of descriptions.
struct WordInfo {
  uint32_t roles[2] = {0, 0};  // Dutch, English.
  uint16_t id = 0;             // 0: not in the tables.
  uint16_t cues = 0;           // Into the descriptions; 0: none.
};

// What LookUp found for one word: its own entry merged with the prefix and suffix entries it
// matches ("storingsmelding" is "storing*").
struct Match {
  uint32_t roles[2] = {0, 0};
  uint16_t id = 0;
  uint8_t sets = 0;
  uint16_t cues[4] = {0, 0, 0, 0};  // Description sets, the word's own first.
};

// A multi-word cue, matched when its last word arrives. Compact and stored by last word, so
// that the phrases a word may end lie side by side in memory.
struct Phrase {
  static constexpr int kMaxWords = 6;
  uint16_t words[kMaxWords] = {};  // Word ids; kAnyWord matches every word.
  uint8_t size = 0;
  uint8_t gap = 0;  // Two-word phrases: up to `gap` words between them.
  uint32_t roles[2] = {0, 0};
  uint16_t cue = 0;  // Index of its description ("complaint phrase 'nog steeds'").
};

inline constexpr uint16_t kAnyWord = 0xFFFF;

class CueTables {
 public:
  static const CueTables& Get();

  // Roles of `key` (a scanner key) as a whole word, plus the roles of prefix ("storing*") and
  // suffix ("*storing") entries it matches; `truncated` keys only match prefixes.
  // Writes into `match` rather than returning it: a returned copy, stored field by field and
  // reloaded whole, stalled on store forwarding and cost more than the lookup.
  void LookUp(std::string_view key, bool truncated, Match& match) const;
  // For explanations: "complaint term 'storing'"; null when `match` has no cue of that kind
  // (an index of CueIndex()).
  const std::string* Cue(const Match& match, int kind) const;
  // Roles of an emoji.
  uint32_t EmojiRoles(char32_t code_point, const std::string** cue) const;

  std::span<const Phrase> PhrasesEndingWith(uint16_t id) const;
  std::span<const Phrase> PhrasesEndingWithAnyWord() const;
  const std::string& PhraseCue(const Phrase& phrase) const { return phrase_cues_[phrase.cue]; }

  // Problems found while building the tables (an entry that is not one scanner word, ...);
  // empty when they are sound. Tested.
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  // One cache line holds half a dozen slots, and a slot holds all a lookup needs for keys of up
  // to 15 bytes (nearly all): a hit costs one cache miss at most.
  struct Slot {
    static constexpr size_t kInline = 15;
    char key[kInline] = {};  // The key's first bytes.
    uint8_t length = 0;      // 0: empty.
    WordInfo info;
    uint32_t index = 0;  // Into `keys`, for comparing keys longer than kInline.
  };
  struct Table {
    std::vector<Slot> slots;
    std::vector<std::string> keys;
    std::vector<WordInfo> entries;
    uint32_t lengths = 0;  // Bit n: some key has n bytes (prefix and suffix tables).
    // Bit (b0 << 8 | b1): some key starts (prefixes) or ends (suffixes) with bytes b0 b1. Most
    // words fail this test, so they cost no prefix or suffix probe at all.
    std::vector<uint64_t> pairs = std::vector<uint64_t>(1024, 0);
    // One bit per key hash (32,768 bits, 4 KB, stays in cache): words that are in no list,
    // about half of a post, are turned away without touching the slots.
    std::vector<uint64_t> filter = std::vector<uint64_t>(512, 0);
    const WordInfo* Find(std::string_view key) const;
    bool MayHave(unsigned char b0, unsigned char b1) const {
      const unsigned pair = b0 << 8 | b1;
      return (pairs[pair >> 6] >> (pair & 63)) & 1;
    }
    WordInfo& Insert(std::string_view key);
    void Rehash();
  };

  CueTables();
  void Add(uint8_t language_mask, uint32_t roles, std::string_view text);
  uint16_t WordId(std::string_view word);  // Adds a plain entry when there is none.
  const std::string* Describe(uint32_t role, std::string_view text);

  Table words_;
  Table prefixes_;
  Table suffixes_;
  std::vector<Phrase> phrases_;         // Sorted by last word; kAnyWord last.
  std::vector<uint32_t> first_phrase_;  // By word id: where its phrases start in phrases_.
  std::vector<std::string> phrase_cues_;
  std::vector<std::unique_ptr<std::string>> descriptions_;
  std::vector<std::array<const std::string*, kCueKinds>> cue_sets_;  // [0]: none.
  struct EmojiCue {
    char32_t code_point;
    uint32_t roles;
    const std::string* cue;
  };
  std::vector<EmojiCue> emoji_;
  std::vector<std::string> errors_;
};

}  // namespace webcare::analysis::intent::internal
