#include "analysis/sentiment/lexicon.h"

#include <algorithm>
#include <cmath>

#include "analysis/sentiment/lexicon_data.h"
#include "analysis/sentiment/rules.h"
#include "analysis/sentiment/tokenizer.h"
#include "analysis/sentiment/unicode.h"
#include "base/strings.h"

namespace webcare::analysis::sentiment {
namespace {

using Map = absl::flat_hash_map<std::string, Valence>;

// Pattern rates adjectives, but many of its most frequent forms are mostly something else in
// running text: prepositions and adverbs ("naar" is "to" far more often than "nasty", "waar"
// "where" more than "true"), verb forms ("zat", "laat", "gemaakt") or plain description
// ("groot", "warm"). Found by crossing the lexicon with the 1,500 most frequent words of
// Pattern's own nl-frequency.txt; a sum over words cannot afford their noise.
constexpr std::string_view kPatternFunctionWords[] = {
    "naar",       "waar",      "eens",      "net",
    "zat",        "gemaakt",   "naast",     "vroeg",
    "open",       "vol",       "recht",     "los",
    "laat",       "min",       "links",     "last",
    "natuurlijk", "precies",   "juist",     "direct",
    "nodig",      "mogelijk",  "bezig",     "aanwezig",
    "half",       "enig",      "bepaald",   "algemeen",
    "normaal",    "eventueel", "voorlopig", "regelmatig",
    "gewend",     "zwart",     "donker",    "groot",
    "klein",      "hoog",      "laag",      "lang",
    "oude",       "jong",      "breed",     "extra",
    "licht",      "zacht",     "warm",      "koud",
    "diep",       "geheel",    "volkomen",  "waarschijnlijk",
    "dood",       "arm",       "vlug",      "gelezen",
    "uitgelezen",
};

bool IsPatternFunctionWord(std::string_view word) {
  for (std::string_view function_word : kPatternFunctionWords) {
    if (word == function_word) return true;
  }
  return false;
}

// Adds `key` and, when different, its form without accents (unless that form has an entry of
// its own), so "geëmotioneerd" is found when typed "geemotioneerd".
void Add(Map& map, std::string key, const Valence& valence) {
  std::string plain = RemoveAccents(key);
  map[std::move(key)] = valence;
  map.try_emplace(std::move(plain), valence);
}

}  // namespace

std::string_view SourceName(Source source) {
  switch (source) {
    case Source::kVader:
      return "vader";
    case Source::kPattern:
      return "pattern";
    case Source::kWebcare:
      return "webcare";
  }
  return "";
}

const Lexicon& Lexicon::Get() {
  static const Lexicon* const lexicon = new Lexicon();
  return *lexicon;
}

Lexicon::Lexicon() {
  Tables& dutch = tables_[static_cast<int>(Language::kDutch)];
  Tables& english = tables_[static_cast<int>(Language::kEnglish)];
  for (const internal::LexiconEntry& entry : internal::VaderLexicon()) {
    Add(english.all, std::string(entry.word), {entry.score, 1.0, Source::kVader});
  }
  for (const internal::LexiconEntry& entry : internal::PatternLexicon()) {
    if (std::fabs(entry.score) < kPatternMinPolarity || IsPatternFunctionWord(entry.word)) {
      continue;
    }
    Add(dutch.all, std::string(entry.word),
        {entry.score * kPatternScale, entry.intensity, Source::kPattern});
  }
  for (const internal::TermEntry& entry : internal::WebcareTerms()) {
    std::vector<Tables*> targets;
    if (entry.language == "nl" || entry.language == "*") targets.push_back(&dutch);
    if (entry.language == "en" || entry.language == "*") targets.push_back(&english);
    const Valence valence{entry.score, 1.0, Source::kWebcare};
    constexpr std::string_view kGap = " ... ";
    const size_t gap_at = entry.term.find(kGap);
    Phrase phrase;
    phrase.text = entry.term;
    phrase.valence = valence;
    for (Token& token : Tokenize(entry.term.substr(0, gap_at)).tokens) {
      phrase.keys.push_back(std::move(token.key));
    }
    if (gap_at != std::string_view::npos) {
      phrase.gap = phrase.keys.size();
      for (Token& token : Tokenize(entry.term.substr(gap_at + kGap.size())).tokens) {
        phrase.keys.push_back(std::move(token.key));
      }
      if (phrase.gap == 0 || phrase.gap == phrase.keys.size()) continue;  // lexicon_test.
    }
    if (phrase.keys.empty()) continue;  // lexicon_test checks that this never happens.
    if (phrase.keys.size() == 1) {
      for (Tables* tables : targets) Add(tables->terms, phrase.keys[0], valence);
      continue;
    }
    for (Tables* tables : targets) tables->phrases[phrase.keys[0]].push_back(phrase);
  }
  for (Tables& tables : tables_) {
    for (const auto& [key, valence] : tables.terms) tables.all[key] = valence;
    for (const auto& [key, valence] : tables.all) {
      if (key.size() >= kMinCompoundHead) tables.head_endings.insert(key.substr(key.size() - 4));
    }
    for (auto& [first, phrases] : tables.phrases) {
      std::stable_sort(phrases.begin(), phrases.end(), [](const Phrase& a, const Phrase& b) {
        return a.keys.size() > b.keys.size();
      });
    }
  }
  for (int i = 0; i < 2; ++i) {
    const Tables& tables = tables_[i];
    for (const auto& [key, valence] : tables.all) entries_[key].valence[i] = &valence;
    for (const auto& [key, valence] : tables.terms) entries_[key].term[i] = &valence;
    for (const auto& [key, phrases] : tables.phrases) entries_[key].phrases[i] = &phrases;
    for (const auto& [word, modifier] : WordModifiers(static_cast<Language>(i))) {
      entries_[std::string(word)].modifier[i] = &modifier;
    }
    for (std::string_view word : ModifierPhraseFirstWords(static_cast<Language>(i))) {
      entries_[std::string(word)].starts_modifier_phrase[i] = true;
    }
  }
  for (const auto& [word, cue] : CueFirstWords()) entries_[std::string(word)].cues |= cue;
}

const KeyEntry* Lexicon::Entry(std::string_view key) const {
  const auto it = entries_.find(base::ToAbsl(key));
  return it == entries_.end() ? nullptr : &it->second;
}

const Valence* Lexicon::Find(std::string_view key, Language language) const {
  const KeyEntry* entry = Entry(key);
  return entry == nullptr ? nullptr : entry->valence[static_cast<int>(language)];
}

const Valence* Lexicon::FindTerm(std::string_view key, Language language) const {
  const KeyEntry* entry = Entry(key);
  return entry == nullptr ? nullptr : entry->term[static_cast<int>(language)];
}

const std::vector<Phrase>* Lexicon::PhrasesStartingWith(std::string_view key,
                                                        Language language) const {
  const KeyEntry* entry = Entry(key);
  return entry == nullptr ? nullptr : entry->phrases[static_cast<int>(language)];
}

bool Lexicon::MayEndInHead(std::string_view word, Language language) const {
  return word.size() >= kMinCompoundHead &&
         tables_[static_cast<int>(language)].head_endings.contains(
             base::ToAbsl(word.substr(word.size() - 4)));
}

size_t Lexicon::size(Language language) const {
  return tables_[static_cast<int>(language)].all.size();
}

}  // namespace webcare::analysis::sentiment
