#include "analysis/intent/intent.h"

#include <cmath>
#include <cstdint>

#include "analysis/intent/cues.h"
#include "analysis/intent/scanner.h"

namespace webcare::analysis::intent {
namespace {

using internal::CueIndex;
using internal::CueTables;
using internal::Event;
using internal::EventKind;
using internal::Match;
using internal::Phrase;
using internal::Scanner;

constexpr uint32_t kVerbRoles =
    internal::kVerbAnySubject | internal::kVerbPronoun | internal::kVerbPast;

constexpr std::string_view kQuestionMarkCue = "question mark";
constexpr std::string_view kRepeatedProblemCue = "complaint: a problem again ('weer', 'again')";
constexpr std::string_view kIrritationCue = "complaint: impatient 'nou'";
constexpr std::string_view kExasperatedCue = "complaint: exasperated '?!'";
constexpr std::string_view kShoutingCue = "complaint: written in capitals";
constexpr std::string_view kNegativeCue = "negative sentiment";
constexpr std::string_view kPositiveCue = "positive sentiment";
constexpr std::string_view kNoCue = "no question, complaint or praise";

// Cue kinds, as indexed by internal::CueIndex.
constexpr int kAskKind = 2;
constexpr int kFrustrationKind = 3;
constexpr int kProblemKind = 4;
constexpr int kTopicKind = 5;
constexpr int kPraiseKind = 6;
constexpr int kRequestKind = 7;
constexpr int kInfoKind = 8;
constexpr int kDurationKind = 9;
constexpr int kWishKind = 10;
constexpr int kResolvedKind = 11;
constexpr int kPleasantryKind = 12;

// What one pass over a text found.
struct Signals {
  bool question = false;
  bool negation = false;  // "niet", "geen", "not", "still" anywhere.
  std::string_view question_cue;
  std::string_view cue[internal::kCueKinds];  // First cue of each kind; empty when none.

  bool Has(int kind) const { return !cue[kind].empty(); }
};

// Reads a post once, front to back, as a state machine over the scanner's events. Questions
// are recognised by a '?' ending a sentence with words in it, or by the shape of their start:
// a wh-word that opens a clause (unless it exclaims, "wat fijn", or opens a subordinate clause,
// "wanneer ik incheck, ..."), a verb first with its subject ("kan ik", "is er", "do you"), or
// "iemand"/"anyone" asking around. A verb-first sentence followed by "dan" is a condition
// ("Heb je vragen, stuur ons dan een DM"), and so is a '?' answered by "Dan ..." at once.
class Reader {
 public:
  Reader(std::string_view language, bool stop_at_question)
      : tables_(CueTables::Get()),
        language_mask_(language == "nl"   ? 1
                       : language == "en" ? 2
                                          : 3),
        stop_at_question_(stop_at_question) {}

  Signals Read(std::string_view text) {
    Scanner scanner(text);
    Event event;
    while (!Done() && scanner.Next(event)) {
      switch (event.kind) {
        case EventKind::kWord:
        case EventKind::kHashtag:
          OnWord(event);
          break;
        case EventKind::kEmoji: {
          const std::string* cue = nullptr;
          const uint32_t roles = tables_.EmojiRoles(event.code_point, &cue);
          if (roles != 0) NoteCues(roles, cue);
          break;
        }
        case EventKind::kClauseEnd:
          EndClause();
          break;
        case EventKind::kQuestionMark:
          // "Serieus?", "Hallo??" alone exclaim; "Alweer vertraging?!" exasperates.
          if (event.mixed && sentence_words_ > 0) NoteCue(kFrustrationKind, kExasperatedCue);
          if (!event.mixed && sentence_words_ > 0 && !signals_.question &&
              !(sentence_words_ == 1 && last_word_rhetorical_)) {
            pending_mark_ = true;
          }
          EndSentence();
          break;
        case EventKind::kExclamation:
        case EventKind::kSentenceEnd:
          EndSentence();
          break;
      }
    }
    EndSentence();
    if (pending_mark_) SetQuestion(kQuestionMarkCue);
    // A post shouted in capitals ("WAAROM WERKT DE APP NOOIT") is angry whatever its words.
    if (caps_words_ >= 4 && caps_words_ * 10 >= words_ * 6) {
      NoteCue(kFrustrationKind, kShoutingCue);
    }
    return signals_;
  }

 private:
  struct RingEntry {
    uint16_t id = 0;
    int clause = -1;
  };
  static constexpr int kRing = 8;  // Longest phrase (6) plus the longest gap we look back.

  bool Done() const { return stop_at_question_ && signals_.question; }

  uint32_t Roles(const Match& info) const {
    uint32_t roles = 0;
    if (language_mask_ & 1) roles |= info.roles[0];
    if (language_mask_ & 2) roles |= info.roles[1];
    return roles;
  }
  uint32_t Roles(const Phrase& phrase) const {
    uint32_t roles = 0;
    if (language_mask_ & 1) roles |= phrase.roles[0];
    if (language_mask_ & 2) roles |= phrase.roles[1];
    return roles;
  }

  void SetQuestion(std::string_view cue) {
    if (signals_.question) return;
    signals_.question = true;
    signals_.question_cue = cue;
  }

  void NoteCue(int kind, std::string_view cue) {
    if (kind >= 0 && signals_.cue[kind].empty()) signals_.cue[kind] = cue;
  }

  // Cue roles of a word or phrase (descriptions from `match`) or of an emoji (`cue`).
  void NoteCues(uint32_t roles, const std::string* cue, const Match* match = nullptr) {
    // "niet ontvangen", "not fixed": a negated resolution resolves nothing.
    if ((roles & internal::kResolved) && last_negation_ >= clause_first_word_ &&
        word_index_ - last_negation_ <= 3) {
      roles &= ~internal::kResolved;
    }
    for (uint32_t rest = roles & internal::kCueRoles; rest != 0; rest &= rest - 1) {
      const int kind = CueIndex(rest & (~rest + 1));
      const std::string* text = match != nullptr ? tables_.Cue(*match, kind) : cue;
      if (text != nullptr) NoteCue(kind, *text);
    }
    if (roles & internal::kAsk) SetQuestion(signals_.cue[kAskKind]);
    if (roles & (internal::kProblem | internal::kTopic)) last_problem_ = word_index_;
    CheckRepeat();
  }

  // "weer een storing", "delayed again": a repeated problem is a complaint.
  void CheckRepeat() {
    if (last_repeat_ < clause_first_word_ || last_problem_ < clause_first_word_) return;
    const int distance =
        last_repeat_ > last_problem_ ? last_repeat_ - last_problem_ : last_problem_ - last_repeat_;
    if (distance <= 3) NoteCue(kFrustrationKind, kRepeatedProblemCue);
  }

  bool Matches(const Phrase& phrase) const {
    const int n = phrase.size;
    // ring_[(word_index_) % kRing] is the current word.
    auto at = [&](int back) -> const RingEntry& {
      return ring_[(word_index_ - back + kRing) % kRing];
    };
    if (phrase.gap > 0) {
      for (int back = 1; back <= phrase.gap + 1 && back <= word_index_; ++back) {
        const RingEntry& entry = at(back);
        if (entry.clause != clause_) return false;
        if (entry.id == phrase.words[0]) return true;
      }
      return false;
    }
    if (n - 1 > word_index_) return false;
    for (int i = 0; i < n - 1; ++i) {
      const RingEntry& entry = at(n - 1 - i);
      if (entry.clause != clause_ || entry.id != phrase.words[i]) return false;
    }
    return true;
  }

  // Whether word `id` may have been seen in this clause: a one-word Bloom filter that rejects
  // nearly every phrase before its words are compared.
  bool InClause(uint16_t id) const { return (clause_words_seen_ >> (id & 63)) & 1; }

  void MatchPhrases(uint16_t id) {
    bool matched = false;
    for (const Phrase& phrase : tables_.PhrasesEndingWith(id)) {
      if (!InClause(phrase.words[0])) continue;
      const uint32_t roles = Roles(phrase);
      if (roles == 0 || !Matches(phrase)) continue;
      matched = true;
      NoteCues(roles, &tables_.PhraseCue(phrase));
    }
    if (matched) return;  // "can't wait" (praise) wins over "can't *" (a problem).
    for (const Phrase& phrase : tables_.PhrasesEndingWithAnyWord()) {
      if (!InClause(phrase.words[0])) continue;
      const uint32_t roles = Roles(phrase);
      if (roles != 0 && Matches(phrase)) NoteCues(roles, &tables_.PhraseCue(phrase));
    }
  }

  // "waaaarom", "storinggggg": people stretch words for emphasis. A word that is not in the
  // tables is looked up again with every run of three or more letters cut to two, then to one.
  void LookUpWord(const Event& event, Match& match) const {
    tables_.LookUp(event.key, event.truncated, match);
    if (match.id != 0 || event.truncated) return;
    std::string_view key = event.key;
    bool elongated = false;
    for (size_t i = 2; i < key.size() && !elongated; ++i) {
      elongated = key[i] == key[i - 1] && key[i] == key[i - 2];
    }
    if (!elongated) return;
    char buffer[Scanner::kMaxKeyBytes];
    for (size_t keep : {2, 1}) {
      size_t n = 0;
      size_t run = 0;
      for (size_t i = 0; i < key.size(); ++i) {
        run = (i > 0 && key[i] == key[i - 1]) ? run + 1 : 1;
        if (run <= keep) buffer[n++] = key[i];
      }
      Match shorter;
      tables_.LookUp(std::string_view(buffer, n), false, shorter);
      if (shorter.id != 0) {
        match = shorter;
        return;
      }
    }
  }

  void OnWord(const Event& event) {
    Match& info = match_;
    LookUpWord(event, info);
    uint32_t roles = Roles(info);
    ++sentence_words_;
    ++words_;
    if (event.all_caps) ++caps_words_;
    if (event.kind == EventKind::kHashtag) roles &= internal::kCueRoles;  // No grammar.

    const bool at_start = clause_words_ == 0;
    if (pending_mark_) {
      // "Vragen? Dan bel je ons": the question only introduces a condition.
      if (!(sentence_start_ && at_start && (roles & internal::kThen))) {
        SetQuestion(kQuestionMarkCue);
      }
      pending_mark_ = false;
    }
    if (pending_wh_ != nullptr) {
      const bool exclaims = roles & (internal::kExclamative | internal::kArticle);
      const bool subordinate = !pending_wh_noun_ && (roles & internal::kSubordinator);
      if (!exclaims && !subordinate) SetQuestion(*pending_wh_);
      pending_wh_ = nullptr;
    }
    if (pending_anyone_ != nullptr) {
      // "Iemand ook last van ...?" asks; "Iemand heeft mijn pas gevonden" tells.
      if (!(roles & kVerbRoles)) {
        SetQuestion(*pending_anyone_);
      }
      pending_anyone_ = nullptr;
    }
    if (pending_verb_ != nullptr) {
      const bool possessive = pending_verb_takes_ == internal::kVerbAnySubject &&
                              (roles & internal::kPossessive) && !(roles & internal::kPronoun);
      bool subject = roles & internal::kPronoun;
      if (pending_verb_takes_ != internal::kVerbPronoun) subject |= roles & internal::kSubject;
      if (subject || possessive) {
        verb_question_ = pending_verb_;
        verb_question_clause_ = clause_;
        verb_question_possessive_ = possessive;
      }
      pending_verb_ = nullptr;
    }
    if (verb_question_ != nullptr) {
      // "Heb je vragen, bel ons dan": a condition. "Kan mijn pas niet vinden": a report whose
      // "ik" was dropped.
      if ((clause_ > verb_question_clause_ && (roles & internal::kThen)) ||
          (verb_question_possessive_ && clause_ == verb_question_clause_ &&
           (roles & internal::kNegation))) {
        verb_question_ = nullptr;
      }
    }
    if (roles & internal::kNegation) {
      signals_.negation = true;
      last_negation_ = word_index_ + 1;
    }
    if ((roles & internal::kIrritation) && !at_start) NoteCue(kFrustrationKind, kIrritationCue);

    if (at_start) {
      if (roles & (internal::kInterrogative | internal::kInterrogativeNoun)) {
        pending_wh_ = tables_.Cue(info, 0);
        pending_wh_noun_ = (roles & internal::kInterrogative) == 0;
      } else if ((roles & kVerbRoles) && sentence_start_ && !mid_coordinator_) {
        pending_verb_ = tables_.Cue(info, 1);
        // The most permissive reading when a word is a verb in both languages.
        pending_verb_takes_ = (roles & internal::kVerbAnySubject) ? internal::kVerbAnySubject
                              : (roles & internal::kVerbPast)     ? internal::kVerbPast
                                                                  : internal::kVerbPronoun;
      } else if (roles & internal::kAnyone) {
        pending_anyone_ = tables_.Cue(info, 2);
      }
    }

    mid_coordinator_ = false;
    last_word_rhetorical_ = (roles & internal::kRhetorical) != 0;
    if (at_start && (roles & (internal::kOpener | internal::kGreeting)) &&
        !(roles & (internal::kInterrogative | internal::kInterrogativeNoun | kVerbRoles))) {
      if (roles & internal::kGreeting) clause_greeting_ = true;
    } else if (at_start && (roles & internal::kPreposition)) {
      mid_coordinator_ = true;  // "Tot welke leeftijd ...": a wh-word may follow, no verb.
    } else if (roles & internal::kCoordinator) {
      mid_coordinator_ = clause_words_ > 0;
      clause_words_ = 0;  // A wh-word may follow: "..., maar waarom ...".
    } else {
      ++clause_words_;
    }

    ++word_index_;
    ring_[word_index_ % kRing] = {info.id, clause_};
    if (roles & internal::kRepeat) {
      last_repeat_ = word_index_;
      CheckRepeat();
    }
    NoteCues(roles, nullptr, &info);
    if (info.id != 0) {
      MatchPhrases(info.id);
      clause_words_seen_ |= uint64_t{1} << (info.id & 63);
    }
  }

  void EndClause() {
    pending_wh_ = nullptr;
    pending_verb_ = nullptr;
    pending_anyone_ = nullptr;
    // A clause of greetings and openers ("Hoi OV-Pas,", "Ok,") leaves the sentence at its start.
    sentence_start_ = sentence_start_ ? (clause_words_ == 0 || clause_greeting_) : clause_greeting_;
    clause_words_ = 0;
    clause_greeting_ = false;
    mid_coordinator_ = false;
    ++clause_;
    clause_first_word_ = word_index_ + 1;
    clause_words_seen_ = 0;
  }

  void EndSentence() {
    EndClause();
    if (verb_question_ != nullptr) SetQuestion(*verb_question_);
    verb_question_ = nullptr;
    sentence_start_ = true;
    sentence_words_ = 0;
  }

  const CueTables& tables_;
  const int language_mask_;
  const bool stop_at_question_;
  Signals signals_;

  int sentence_words_ = 0;
  int clause_words_ = 0;  // Words that are not openers, greetings or coordinators.
  int clause_ = 0;
  int clause_first_word_ = 1;
  uint64_t clause_words_seen_ = 0;  // Bit (id % 64) of every word of the clause so far.
  int word_index_ = 0;              // Of the current word; the first is 1.
  bool sentence_start_ = true;
  bool clause_greeting_ = false;
  bool mid_coordinator_ = false;
  bool pending_mark_ = false;
  const std::string* pending_wh_ = nullptr;
  bool pending_wh_noun_ = false;
  const std::string* pending_anyone_ = nullptr;
  const std::string* pending_verb_ = nullptr;
  uint32_t pending_verb_takes_ = 0;  // The verb role that decides which subjects count.
  const std::string* verb_question_ = nullptr;
  int verb_question_clause_ = 0;
  bool verb_question_possessive_ = false;
  bool last_word_rhetorical_ = false;
  int last_repeat_ = -100;
  int last_negation_ = -100;
  int words_ = 0;
  int caps_words_ = 0;
  int last_problem_ = -100;
  RingEntry ring_[kRing];
  Match match_;  // The current word's, reused.
};

// The sentiment of the post without what its problem words ("storing", "werkt niet"), its
// request words ("kwijt") and its punctuation contribute: a calm question about an outage is still
// a question, while "Waarom is jullie service zo slecht?" stays negative and is a complaint.
bool NegativeBeyondProblemWords(const sentiment::SentimentResult& sentiment,
                                std::string_view language) {
  double raw = 0;
  for (const sentiment::Contribution& line : sentiment.explanation) {
    if (line.rule.starts_with("exclamation") || line.rule.starts_with("question")) continue;
    if (line.contribution < 0) {
      const Signals token = Reader(language, false).Read(line.token);
      if (token.Has(kProblemKind) || token.Has(kTopicKind) || token.Has(kRequestKind)) continue;
    }
    raw += line.contribution;
  }
  const double score = raw / std::sqrt(raw * raw + 15.0);
  return sentiment::LabelForScore(score, language) == sentiment::SentimentLabel::kNegative;
}

}  // namespace

std::string_view IntentName(Intent intent) {
  switch (intent) {
    case Intent::kQuestion:
      return "question";
    case Intent::kComplaint:
      return "complaint";
    case Intent::kPraise:
      return "praise";
    case Intent::kInformation:
      return "information";
  }
  return "information";
}

bool IsQuestion(std::string_view text, std::string_view language) {
  return Reader(language, /*stop_at_question=*/true).Read(text).question;
}

IntentResult Classify(std::string_view text, std::string_view language,
                      const sentiment::SentimentResult& sentiment) {
  const Signals s = Reader(language, /*stop_at_question=*/false).Read(text);
  IntentResult result;
  result.is_question = s.question;
  const bool negative = sentiment.label == sentiment::SentimentLabel::kNegative;
  auto decide = [&](Intent intent, std::string_view cue) {
    result.intent = intent;
    result.cue = cue;
    return result;
  };

  const bool positive = sentiment.label == sentiment::SentimentLabel::kPositive;
  const bool resolved = s.Has(kResolvedKind);
  if (s.Has(kFrustrationKind)) return decide(Intent::kComplaint, s.cue[kFrustrationKind]);
  // "al twee weken", "elke keer": a complaint beside a problem, a negation or negative words.
  if (s.Has(kDurationKind) &&
      (negative || s.negation || s.Has(kProblemKind) || s.Has(kTopicKind))) {
    return decide(Intent::kComplaint, s.cue[kDurationKind]);
  }
  if (s.question) {
    if ((negative || s.Has(kProblemKind)) && NegativeBeyondProblemWords(sentiment, language)) {
      return decide(Intent::kComplaint, s.Has(kProblemKind) ? s.cue[kProblemKind] : kNegativeCue);
    }
    return decide(Intent::kQuestion, s.question_cue);
  }
  if (s.Has(kProblemKind) && !resolved) {
    // Praise beside an unresolved problem is sarcasm: "Great job, charging me twice".
    return decide(Intent::kComplaint, s.cue[kProblemKind]);
  }
  // "Zou fijn zijn als ...": a suggestion, though it says "fijn". "Thanks for letting us know":
  // a formula that passes news on.
  if (s.Has(kWishKind)) return decide(Intent::kInformation, s.cue[kWishKind]);
  if (s.Has(kInfoKind) && !s.Has(kProblemKind) && !negative) {
    return decide(Intent::kInformation, s.cue[kInfoKind]);
  }
  if (s.Has(kPraiseKind) && (positive || s.Has(kProblemKind))) {
    return decide(Intent::kPraise, s.cue[kPraiseKind]);  // Also thanks for a fixed problem.
  }
  if (s.Has(kProblemKind)) return decide(Intent::kInformation, s.cue[kResolvedKind]);
  // A lost card or a plea for help wants something done; the negative words are the
  // customer's bad luck, not a complaint.
  if (s.Has(kRequestKind) && !positive && !s.Has(kTopicKind) && !resolved) {
    return decide(Intent::kQuestion, s.cue[kRequestKind]);
  }
  if (negative) {
    // News and all-clear messages about problems: "Let op: storing ...", "Storing voorbij".
    if (s.Has(kInfoKind)) return decide(Intent::kInformation, s.cue[kInfoKind]);
    if (resolved) return decide(Intent::kInformation, s.cue[kResolvedKind]);
    return decide(Intent::kComplaint, kNegativeCue);
  }
  if (s.Has(kInfoKind)) return decide(Intent::kInformation, s.cue[kInfoKind]);
  if (s.Has(kPraiseKind)) return decide(Intent::kPraise, s.cue[kPraiseKind]);
  if (s.Has(kPleasantryKind)) return decide(Intent::kInformation, s.cue[kPleasantryKind]);
  if (positive) return decide(Intent::kPraise, kPositiveCue);
  if (s.Has(kRequestKind) && !resolved) return decide(Intent::kQuestion, s.cue[kRequestKind]);
  return decide(Intent::kInformation, resolved ? s.cue[kResolvedKind] : kNoCue);
}

}  // namespace webcare::analysis::intent
