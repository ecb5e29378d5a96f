#include "analysis/sentiment/rules.h"

#include <array>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"

namespace webcare::analysis::sentiment {
namespace {

constexpr double kSlightBoost = 0.15;  // "pretty good", "behoorlijk": less than "very".

struct WordModifier {
  std::string_view word;
  ModifierKind kind;
  double delta;
};

constexpr ModifierKind kNeg = ModifierKind::kNegation;
constexpr ModifierKind kUp = ModifierKind::kBooster;
constexpr ModifierKind kBut = ModifierKind::kContrast;
constexpr ModifierKind kToo = ModifierKind::kExcess;

// Dutch. Negations cover spoken and Flemish forms ("nie"); boosters and downtoners are the
// degree adverbs of the ANS (Algemene Nederlandse Spraakkunst) that customers use.
constexpr WordModifier kDutchWords[] = {
    {"niet", kNeg, 0},
    {"geen", kNeg, 0},
    {"nooit", kNeg, 0},
    {"niets", kNeg, 0},
    {"niks", kNeg, 0},
    {"nergens", kNeg, 0},
    {"noch", kNeg, 0},
    {"zonder", kNeg, 0},
    {"geeneens", kNeg, 0},
    {"nie", kNeg, 0},
    {"nimmer", kNeg, 0},
    {"geenszins", kNeg, 0},
    {"allerminst", kNeg, 0},
    {"evenmin", kNeg, 0},
    {"nauwelijks", kUp, kDampen},
    {"amper", kUp, kDampen},
    {"heel", kUp, kBoost},
    {"erg", kUp, kBoost},
    {"zeer", kUp, kBoost},
    {"echt", kUp, kBoost},
    {"super", kUp, kBoost},
    {"ontzettend", kUp, kBoost},
    {"enorm", kUp, kBoost},
    {"hartstikke", kUp, kBoost},
    {"bijzonder", kUp, kBoost},
    {"uiterst", kUp, kBoost},
    {"extreem", kUp, kBoost},
    {"ongelooflijk", kUp, kBoost},
    {"ongelofelijk", kUp, kBoost},
    {"waanzinnig", kUp, kBoost},
    {"vreselijk", kUp, kBoost},
    {"verschrikkelijk", kUp, kBoost},
    {"afschuwelijk", kUp, kBoost},
    {"totaal", kUp, kBoost},
    {"compleet", kUp, kBoost},
    {"volledig", kUp, kBoost},
    {"helemaal", kUp, kBoost},
    {"absoluut", kUp, kBoost},
    {"werkelijk", kUp, kBoost},
    {"mega", kUp, kBoost},
    {"zo", kUp, kBoost},
    {"zó", kUp, kBoost},
    {"intens", kUp, kBoost},
    {"hoogst", kUp, kBoost},
    {"buitengewoon", kUp, kBoost},
    {"uitermate", kUp, kBoost},
    {"dermate", kUp, kBoost},
    {"zwaar", kUp, kBoost},
    {"ontiegelijk", kUp, kBoost},
    {"oprecht", kUp, kBoost},
    {"bizar", kUp, kBoost},
    {"veel", kUp, kBoost},
    {"stukken", kUp, kBoost},
    {"behoorlijk", kUp, kSlightBoost},
    {"flink", kUp, kSlightBoost},
    {"beetje", kUp, kDampen},
    {"enigszins", kUp, kDampen},
    {"redelijk", kUp, kDampen},
    {"tamelijk", kUp, kDampen},
    {"lichtelijk", kUp, kDampen},
    {"licht", kUp, kDampen},
    {"ietwat", kUp, kDampen},
    {"iets", kUp, kDampen},
    {"vrij", kUp, kDampen},
    {"minder", kUp, kDampen},
    {"best", kUp, kSlightBoost},
    {"maar", kBut, 0},
    {"echter", kBut, 0},
    {"te", kToo, 0},
};

// English: VADER's NEGATE and BOOSTER_DICT (vaderSentiment.js 1.1.3), plus "no" and a few
// boosters VADER lacks ("super", "pretty", which VADER scores as the adjective). VADER's
// hyphenated "uh-uh", "kind-of" and "sort-of" are left out: the tokenizer splits hyphens, and
// "kind of" and "sort of" are phrases below.
constexpr WordModifier kEnglishWords[] = {
    {"aint", kNeg, 0},
    {"arent", kNeg, 0},
    {"cannot", kNeg, 0},
    {"cant", kNeg, 0},
    {"couldnt", kNeg, 0},
    {"darent", kNeg, 0},
    {"didnt", kNeg, 0},
    {"doesnt", kNeg, 0},
    {"dont", kNeg, 0},
    {"hadnt", kNeg, 0},
    {"hasnt", kNeg, 0},
    {"havent", kNeg, 0},
    {"isnt", kNeg, 0},
    {"mightnt", kNeg, 0},
    {"mustnt", kNeg, 0},
    {"neither", kNeg, 0},
    {"neednt", kNeg, 0},
    {"never", kNeg, 0},
    {"none", kNeg, 0},
    {"nope", kNeg, 0},
    {"nor", kNeg, 0},
    {"not", kNeg, 0},
    {"nothing", kNeg, 0},
    {"nowhere", kNeg, 0},
    {"oughtnt", kNeg, 0},
    {"shant", kNeg, 0},
    {"shouldnt", kNeg, 0},
    {"uhuh", kNeg, 0},
    {"wasnt", kNeg, 0},
    {"werent", kNeg, 0},
    {"without", kNeg, 0},
    {"wont", kNeg, 0},
    {"wouldnt", kNeg, 0},
    {"rarely", kNeg, 0},
    {"seldom", kNeg, 0},
    {"despite", kNeg, 0},
    {"no", kNeg, 0},
    {"nobody", kNeg, 0},
    {"absolutely", kUp, kBoost},
    {"amazingly", kUp, kBoost},
    {"awfully", kUp, kBoost},
    {"completely", kUp, kBoost},
    {"considerably", kUp, kBoost},
    {"decidedly", kUp, kBoost},
    {"deeply", kUp, kBoost},
    {"effing", kUp, kBoost},
    {"enormously", kUp, kBoost},
    {"entirely", kUp, kBoost},
    {"especially", kUp, kBoost},
    {"exceptionally", kUp, kBoost},
    {"extremely", kUp, kBoost},
    {"fabulously", kUp, kBoost},
    {"flipping", kUp, kBoost},
    {"flippin", kUp, kBoost},
    {"fricking", kUp, kBoost},
    {"frickin", kUp, kBoost},
    {"frigging", kUp, kBoost},
    {"friggin", kUp, kBoost},
    {"fully", kUp, kBoost},
    {"fucking", kUp, kBoost},
    {"greatly", kUp, kBoost},
    {"hella", kUp, kBoost},
    {"highly", kUp, kBoost},
    {"hugely", kUp, kBoost},
    {"incredibly", kUp, kBoost},
    {"intensely", kUp, kBoost},
    {"majorly", kUp, kBoost},
    {"more", kUp, kBoost},
    {"most", kUp, kBoost},
    {"particularly", kUp, kBoost},
    {"purely", kUp, kBoost},
    {"quite", kUp, kBoost},
    {"really", kUp, kBoost},
    {"remarkably", kUp, kBoost},
    {"so", kUp, kBoost},
    {"substantially", kUp, kBoost},
    {"thoroughly", kUp, kBoost},
    {"totally", kUp, kBoost},
    {"tremendously", kUp, kBoost},
    {"uber", kUp, kBoost},
    {"unbelievably", kUp, kBoost},
    {"unusually", kUp, kBoost},
    {"utterly", kUp, kBoost},
    {"very", kUp, kBoost},
    {"super", kUp, kBoost},
    {"freaking", kUp, kBoost},
    {"freakin", kUp, kBoost},
    {"insanely", kUp, kBoost},
    {"ridiculously", kUp, kBoost},
    {"pretty", kUp, kSlightBoost},
    {"almost", kUp, kDampen},
    {"barely", kUp, kDampen},
    {"hardly", kUp, kDampen},
    {"kinda", kUp, kDampen},
    {"kindof", kUp, kDampen},
    {"less", kUp, kDampen},
    {"little", kUp, kDampen},
    {"marginally", kUp, kDampen},
    {"occasionally", kUp, kDampen},
    {"partly", kUp, kDampen},
    {"scarcely", kUp, kDampen},
    {"slightly", kUp, kDampen},
    {"somewhat", kUp, kDampen},
    {"sorta", kUp, kDampen},
    {"sortof", kUp, kDampen},
    {"fairly", kUp, kDampen},
    {"but", kBut, 0},
    {"however", kBut, 0},
};

struct PhraseModifier {
  std::array<std::string_view, 3> words;  // Unused slots empty.
  double delta;
};

constexpr PhraseModifier kDutchPhrases[] = {
    {{"een", "beetje", ""}, kDampen},    {{"best", "wel", ""}, kDampen},
    {{"een", "tikkeltje", ""}, kDampen}, {{"een", "tikje", ""}, kDampen},
    {{"wel", "een", "beetje"}, kDampen},
};
constexpr PhraseModifier kEnglishPhrases[] = {
    {{"a", "little", "bit"}, kDampen}, {{"a", "bit", ""}, kDampen},
    {{"a", "little", ""}, kDampen},    {{"kind", "of", ""}, kDampen},
    {{"sort", "of", ""}, kDampen},     {{"just", "enough", ""}, kDampen},
    {{"a", "tad", ""}, kDampen},
};

// Modifiers whose lexicon score counts when they modify nothing (see Modifier::alone).
constexpr std::string_view kAlwaysAlone[] = {"super",     "no",      "nope",    "pretty",
                                             "bijzonder", "oprecht", "redelijk"};
constexpr std::string_view kAloneAtClauseEnd[] = {
    "erg",        "zeer",         "vreselijk",    "verschrikkelijk", "afschuwelijk", "bizar",
    "waanzinnig", "ongelooflijk", "ongelofelijk", "extreem",         "enorm",        "intens"};

using WordMap = absl::flat_hash_map<std::string_view, Modifier>;

WordMap MakeMap(std::span<const WordModifier> words) {
  WordMap map;
  for (const WordModifier& w : words) {
    Modifier modifier{w.kind, w.delta, 1, Modifier::Alone::kNever};
    for (std::string_view word : kAlwaysAlone) {
      if (word == w.word) modifier.alone = Modifier::Alone::kAlways;
    }
    for (std::string_view word : kAloneAtClauseEnd) {
      if (word == w.word) modifier.alone = Modifier::Alone::kAtClauseEnd;
    }
    map[w.word] = modifier;
  }
  return map;
}

std::span<const PhraseModifier> Phrases(Language language) {
  if (language == Language::kDutch) return kDutchPhrases;
  return kEnglishPhrases;
}

std::string_view KeyAt(std::span<const Token> tokens, size_t i) {
  return i < tokens.size() ? std::string_view(tokens[i].key) : std::string_view();
}

bool SameClause(std::span<const Token> tokens, size_t a, size_t b) {
  return a < tokens.size() && b < tokens.size() && tokens[a].clause == tokens[b].clause;
}

bool ContainsKey(std::initializer_list<std::string_view> words, std::string_view key) {
  for (std::string_view w : words) {
    if (w == key) return true;
  }
  return false;
}

// A single word modifier, trying the word as written (its lexicon entry) and its shortened
// elongations.
// Whether the keys of tokens [begin, end) are the space-separated `words`, without building
// a string: this runs for the sentiment units of every post.
bool KeysAre(std::span<const Token> tokens, size_t begin, size_t end, std::string_view words) {
  for (size_t i = begin; i < end; ++i) {
    const std::string_view key = tokens[i].key;
    if (!words.starts_with(key)) return false;
    words.remove_prefix(key.size());
    if (i + 1 < end) {
      if (words.empty() || words.front() != ' ') return false;
      words.remove_prefix(1);
    }
  }
  return words.empty();
}

struct SituationWord {
  std::string_view words;
  Situation situation;
};

// Both languages: a key means the same in either, and the lists are short.
constexpr SituationWord kSituationWords[] = {
    {"storing", Situation::kFailure},       {"storingen", Situation::kFailure},
    {"uitval", Situation::kFailure},        {"uitgevallen", Situation::kFailure},
    {"vertraging", Situation::kTopic},      {"vertragingen", Situation::kTopic},
    {"vertraagd", Situation::kTopic},       {"vertraagde", Situation::kTopic},
    {"wachten", Situation::kTopic},         {"wachttijd", Situation::kFailure},
    {"wachttijden", Situation::kFailure},   {"wachtrij", Situation::kFailure},
    {"in de wacht", Situation::kFailure},   {"ligt plat", Situation::kFailure},
    {"outage", Situation::kFailure},        {"outages", Situation::kFailure},
    {"disruption", Situation::kFailure},    {"disruptions", Situation::kFailure},
    {"delay", Situation::kTopic},           {"delays", Situation::kTopic},
    {"delayed", Situation::kTopic},         {"on hold", Situation::kFailure},
    {"still waiting", Situation::kFailure}, {"is down", Situation::kFailure},
    {"still down", Situation::kFailure},    {"dubbel afgeschreven", Situation::kFailure},
    {"charged twice", Situation::kFailure}, {"double charged", Situation::kFailure},
    {"overcharged", Situation::kFailure},   {"probleem", Situation::kTopic},
    {"problemen", Situation::kTopic},       {"kwijt", Situation::kTopic},
    {"verloren", Situation::kTopic},        {"problem", Situation::kTopic},
    {"problems", Situation::kTopic},        {"issue", Situation::kTopic},
    {"issues", Situation::kTopic},          {"lost", Situation::kTopic},
};

std::optional<Modifier> FindWord(const Token& token, Language language, const KeyEntry* entry) {
  const WordMap& map = WordModifiers(language);
  if (entry != nullptr && entry->modifier[static_cast<int>(language)] != nullptr) {
    return *entry->modifier[static_cast<int>(language)];
  }
  if (token.elongated) {
    for (const std::string& form : ShortenElongations(token.key)) {
      if (auto it = map.find(std::string_view(form)); it != map.end()) return it->second;
    }
  }
  if (language == Language::kEnglish && token.key.size() > 3 && token.key.ends_with("n't")) {
    return Modifier{ModifierKind::kNegation, 0, 1};
  }
  return std::nullopt;
}

}  // namespace

const WordMap& WordModifiers(Language language) {
  static const WordMap* const dutch = new WordMap(MakeMap(kDutchWords));
  static const WordMap* const english = new WordMap(MakeMap(kEnglishWords));
  return language == Language::kDutch ? *dutch : *english;
}

std::optional<Modifier> FindModifier(std::span<const Token> tokens, size_t i,
                                     std::span<const Language> languages) {
  return FindModifier(tokens, i, languages, Lexicon::Get().Entry(tokens[i].key));
}

std::vector<std::string_view> ModifierPhraseFirstWords(Language language) {
  std::vector<std::string_view> words;
  for (const PhraseModifier& phrase : Phrases(language)) words.push_back(phrase.words[0]);
  return words;
}

std::optional<Modifier> FindModifier(std::span<const Token> tokens, size_t i,
                                     std::span<const Language> languages, const KeyEntry* entry) {
  const Token& token = tokens[i];
  if (token.kind != TokenKind::kWord) return std::nullopt;
  // Most words are no modifier: without an entry, a word is neither a word modifier nor the
  // start of a modifier phrase, so only the spellings tried below could make it one.
  if (entry == nullptr && !token.elongated && !token.key.ends_with("n't") && token.key != "least") {
    return std::nullopt;
  }
  const std::string_view previous =
      i > 0 && SameClause(tokens, i - 1, i) ? KeyAt(tokens, i - 1) : std::string_view();
  const std::string_view next =
      SameClause(tokens, i, i + 1) ? KeyAt(tokens, i + 1) : std::string_view();
  for (Language language : languages) {
    // Only a phrase's first word (its entry says so) can start a modifier phrase.
    if (entry != nullptr && entry->starts_modifier_phrase[static_cast<int>(language)]) {
      for (const PhraseModifier& phrase : Phrases(language)) {
        int length = 0;
        while (length < 3 && !phrase.words[length].empty()) ++length;
        bool match = i + length <= tokens.size();
        for (int k = 0; match && k < length; ++k) {
          match = tokens[i + k].key == phrase.words[k] && (k == 0 || SameClause(tokens, i, i + k));
        }
        if (match) return Modifier{ModifierKind::kBooster, phrase.delta, length};
      }
    }
    std::optional<Modifier> modifier = FindWord(tokens[i], language, entry);
    if (!modifier) continue;
    if (modifier->kind == ModifierKind::kNegation &&
        ContainsKey({"alleen", "enkel", "only", "just"}, next)) {
      return std::nullopt;  // "niet alleen ... maar ook", "not only ... but also".
    }
    if (tokens[i].key == "zonder" && ContainsKey({"meer", "twijfel"}, next)) {
      return std::nullopt;  // "zonder meer", "zonder twijfel": without doubt.
    }
    // VADER's "never so": "nog nooit zo'n slecht boek", "never so happy" intensify.
    if (ContainsKey({"nooit", "never"}, tokens[i].key) &&
        ContainsKey({"zo", "zo'n", "zulk", "zulke", "so", "this", "such"}, next)) {
      return Modifier{ModifierKind::kBooster, kBoost, 1, Modifier::Alone::kNever};
    }
    if (modifier->kind == ModifierKind::kContrast) {
      if (ContainsKey({"ook", "also", "liefst", "zelfs"}, next)) return std::nullopt;
      // "maar" as a particle: "alleen maar", "nog maar", "kom maar", "wacht maar af".
      if (tokens[i].key == "maar" &&
          ContainsKey({"alleen", "nog", "slechts", "enkel", "gewoon", "even", "toch", "dan", "kom",
                       "wacht", "ga", "doe", "zeg", "laat"},
                      previous)) {
        return std::nullopt;
      }
    }
    return modifier;
  }
  // VADER's "least" rule: "the least helpful" negates, "at least" and "very least" do not.
  if (tokens[i].key == "least" && !ContainsKey({"at", "very"}, previous)) {
    for (Language language : languages) {
      if (language == Language::kEnglish) return Modifier{ModifierKind::kNegation, 0, 1};
    }
  }
  return std::nullopt;
}

bool IsVerbLike(std::span<const Token> tokens, size_t i) {
  if (i == 0 || !SameClause(tokens, i - 1, i)) return false;
  static const auto* const subjects = new absl::flat_hash_set<std::string_view>{
      "i",     "we",        "you",    "they",  "u",      "ya",       "really",   "totally",
      "also",  "actually",  "do",     "does",  "did",    "don't",    "dont",     "didn't",
      "didnt", "doesn't",   "doesnt", "still", "always", "def",      "honestly", "genuinely",
      "truly", "seriously", "kinda",  "ppl",   "people", "everyone", "gonna",    "to"};
  return subjects->contains(std::string_view(tokens[i - 1].key));
}

namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool IsConsonant(char c) { return c >= 'b' && c <= 'z' && !IsVowel(c); }

}  // namespace

DutchBaseFormList::DutchBaseFormList(std::string_view key) {
  // Superlative stems are four letters or more: "moest" is a verb, not "moe" + "-st".
  if (key.size() > 6 && key.ends_with("ste")) AddStem(key.substr(0, key.size() - 3));
  if (key.size() > 5 && key.ends_with("ere")) AddStem(key.substr(0, key.size() - 3));
  if (key.size() > 5 && key.ends_with("st")) AddStem(key.substr(0, key.size() - 2));
  if (key.size() > 4 && key.ends_with("er")) AddStem(key.substr(0, key.size() - 2));
  if (key.size() > 3 && key.ends_with("e")) AddStem(key.substr(0, key.size() - 1));
}

// Spelling changes when the ending goes: "dikk" -> "dik", "grot" -> "groot", "liev" -> "lief",
// "boz" -> "boos".
void DutchBaseFormList::AddStem(std::string_view stem) {
  if (stem.size() < 2) return;
  const size_t n = stem.size();
  Add(stem);
  if (n >= 3 && stem[n - 1] == stem[n - 2] && IsConsonant(stem[n - 1])) {
    Add(stem.substr(0, n - 1));
    return;
  }
  char last = stem.back();
  if (last == 'v') last = 'f';
  if (last == 'z') last = 's';
  if (last != stem.back()) AddRespelled(stem, last, 0);
  // The vowel doubling looks at the stem as respelled: "boz" -> "bos" -> "boos".
  if (n >= 3 && IsConsonant(last) && IsVowel(stem[n - 2]) && stem[n - 2] != 'i' &&
      (n == 3 || !IsVowel(stem[n - 3]))) {
    AddRespelled(stem, last, stem[n - 2]);
  }
}

void DutchBaseFormList::AddRespelled(std::string_view stem, char last, char doubled) {
  const size_t size = stem.size() + (doubled != 0 ? 1 : 0);
  char* out = nullptr;
  if (buffer_used_ + size <= buffer_.size()) {
    out = buffer_.data() + buffer_used_;
    buffer_used_ += size;
  } else {
    if (long_forms_.empty()) long_forms_.reserve(kMaxRespelled);
    out = long_forms_.emplace_back(size, '\0').data();
  }
  stem.copy(out, stem.size() - 1);
  if (doubled != 0) out[size - 2] = doubled;
  out[size - 1] = last;
  Add(std::string_view(out, size));
}

std::vector<std::string> DutchBaseForms(std::string_view key) {
  const DutchBaseFormList list(key);
  std::vector<std::string> forms;
  for (std::string_view form : list.forms()) forms.emplace_back(form);
  return forms;
}

std::span<const std::string_view> DutchIntensifierPrefixes() {
  static constexpr std::string_view kPrefixes[] = {"super", "mega",  "hyper", "ultra", "kei",
                                                   "bere",  "reuze", "oer",   "dood",  "bloed"};
  return kPrefixes;
}

std::span<const std::string_view> DutchNegativePrefixes() {
  static constexpr std::string_view kPrefixes[] = {"kut", "klote", "kanker", "tering"};
  return kPrefixes;
}

Situation SituationOf(std::span<const Token> tokens, size_t begin, size_t end,
                      std::string_view via) {
  for (const SituationWord& word : kSituationWords) {
    if (KeysAre(tokens, begin, end, word.words)) return word.situation;
  }
  // Billing errors with a gap: "charging me twice", "charged the full fare twice".
  if (end - begin >= 3 && tokens[end - 1].key == "twice" &&
      (tokens[begin].key == "charging" || tokens[begin].key == "charged")) {
    return Situation::kFailure;
  }
  // A Dutch compound names what its head names: "internetstoring", "treinstoringen".
  if (via == "compound" && end == begin + 1) {
    for (const SituationWord& word : kSituationWords) {
      if (word.words.find(' ') == std::string_view::npos &&
          tokens[begin].key.ends_with(word.words)) {
        return word.situation;
      }
    }
  }
  return Situation::kNone;
}

bool IsIronyMarker(std::span<const Token> tokens, size_t i) {
  const Token& token = tokens[i];
  if (token.kind == TokenKind::kEmoji) {
    // Face with rolling eyes, upside-down, unamused, expressionless.
    return token.key == "\U0001F644" || token.key == "\U0001F643" || token.key == "\U0001F612" ||
           token.key == "\U0001F611";
  }
  if (token.kind != TokenKind::kWord) return false;
  if (token.key == "alweer") return true;
  if (i + 1 >= tokens.size() || !SameClause(tokens, i, i + 1)) return false;
  const std::string_view next = tokens[i + 1].key;
  return token.key == "yet" && next == "again";
}

constexpr std::string_view kResolutions[] = {
    "opgelost", "is verholpen",  "verholpen",     "werkt weer",   "doet het weer",
    "geholpen", "goed geholpen", "snel geholpen", "top geholpen", "fixed",
    "resolved", "sorted",        "voorbij",
};

bool IsResolution(std::span<const Token> tokens, size_t begin, size_t end) {
  for (std::string_view words : kResolutions) {
    if (KeysAre(tokens, begin, end, words)) return true;
  }
  return false;
}

bool IsImpatience(std::span<const Token> tokens, size_t i) {
  const std::string_view key = tokens[i].key;
  if (key == "eindelijk" || key == "alweer" || key == "still" || key == "finally" ||
      key == "again") {
    return true;
  }
  return key == "nog" && i + 1 < tokens.size() && tokens[i + 1].key == "steeds" &&
         SameClause(tokens, i, i + 1);
}

constexpr std::string_view kThanks[] = {
    "bedankt", "dank",  "dankjewel", "dankuwel", "dank je wel", "dank u wel", "thanks",
    "thank",   "thanx", "thnx",      "thx",      "ty",          "cheers",
};

bool IsThanks(std::span<const Token> tokens, size_t begin, size_t end) {
  for (std::string_view words : kThanks) {
    if (KeysAre(tokens, begin, end, words)) return true;
  }
  return false;
}

bool SentenceIsQuestion(std::string_view text, std::span<const Token> tokens, size_t i) {
  size_t last = i;
  while (last + 1 < tokens.size() && tokens[last + 1].sentence == tokens[i].sentence) ++last;
  const char* from = tokens[last].text.data() + tokens[last].text.size();
  const char* to =
      last + 1 < tokens.size() ? tokens[last + 1].text.data() : text.data() + text.size();
  if (from < text.data() || to > text.data() + text.size() || from > to) return false;
  return std::string_view(from, static_cast<size_t>(to - from)).find('?') != std::string_view::npos;
}

std::vector<std::pair<std::string_view, uint8_t>> CueFirstWords() {
  const auto first = [](std::string_view words) { return words.substr(0, words.find(' ')); };
  std::vector<std::pair<std::string_view, uint8_t>> out;
  for (const SituationWord& word : kSituationWords)
    out.emplace_back(first(word.words), kCueSituation);
  // The billing errors with a gap (SituationOf).
  out.emplace_back("charging", kCueSituation);
  out.emplace_back("charged", kCueSituation);
  for (std::string_view words : kResolutions) out.emplace_back(first(words), kCueResolution);
  for (std::string_view words : kThanks) out.emplace_back(first(words), kCueThanks);
  for (std::string_view word : {"eindelijk", "alweer", "still", "finally", "again", "nog"}) {
    out.emplace_back(word, kCueImpatience);
  }
  for (std::string_view word :
       {"\U0001F644", "\U0001F643", "\U0001F612", "\U0001F611", "alweer", "yet"}) {
    out.emplace_back(word, kCueIrony);
  }
  return out;
}

}  // namespace webcare::analysis::sentiment
