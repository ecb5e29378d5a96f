#include "analysis/sentiment/lookup.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "analysis/sentiment/rules.h"
#include "analysis/sentiment/unicode.h"

namespace webcare::analysis::sentiment {
namespace {

bool IsNumber(std::string_view key) {
  for (char c : key) {
    if (!(c >= '0' && c <= '9') && c != '.' && c != ',') return false;
  }
  return true;
}

bool HasNonAscii(std::string_view key) {
  for (char c : key) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// The forms of a word to try as they are: the key, its shortened elongations, and the key
// without accents. The key itself is not copied, and the other forms are only built for the
// few words that have them, so the common case allocates nothing.
class Spellings {
 public:
  Spellings(const Token& token, std::string_view key) {
    forms_[size_++] = key;
    if (token.elongated) {
      elongations_.emplace(ShortenElongations(key));
      for (const std::string& form : *elongations_) forms_[size_++] = form;
    }
    if (HasNonAscii(key)) {
      plain_.emplace(RemoveAccents(key));
      if (*plain_ != key) forms_[size_++] = *plain_;
    }
  }
  Spellings(const Spellings&) = delete;
  Spellings& operator=(const Spellings&) = delete;

  std::span<const std::string_view> forms() const { return {forms_.data(), size_}; }

 private:
  std::array<std::string_view, 4> forms_;  // The key, two elongation forms, no accents.
  size_t size_ = 0;
  // Only for the few words that have these forms; optional, so that the others pay nothing.
  std::optional<std::vector<std::string>> elongations_;
  std::optional<std::string> plain_;
};

// The first of `spellings` that `language` knows. `first_entry` is the lexicon entry of the
// first spelling when the caller has it (when the spelling is the token's key), else the
// spelling is looked up.
const Valence* FindAny(const Lexicon& lexicon, const Spellings& spellings, Language language,
                       const KeyEntry* const* first_entry) {
  const std::span<const std::string_view> forms = spellings.forms();
  for (size_t k = 0; k < forms.size(); ++k) {
    const Valence* valence = nullptr;
    if (k == 0 && first_entry != nullptr) {
      valence =
          *first_entry == nullptr ? nullptr : (*first_entry)->valence[static_cast<int>(language)];
    } else {
      valence = lexicon.Find(forms[k], language);
    }
    if (valence != nullptr) return valence;
  }
  return nullptr;
}

const Valence* FindInflected(const Lexicon& lexicon, std::string_view word) {
  // Every ending DutchBaseFormList knows ("-e", "-ste", "-ere", "-er", "-st") ends in one of
  // these; most words end in none.
  if (word.size() <= 3 || (word.back() != 'e' && word.back() != 'r' && word.back() != 't')) {
    return nullptr;
  }
  const DutchBaseFormList bases(word);
  for (std::string_view base : bases.forms()) {
    if (const Valence* valence = lexicon.Find(base, Language::kDutch)) return valence;
  }
  return nullptr;
}

// The Dutch compound prefixes by their first letter, intensifying ones first, each group in
// the order of its list: a word is compared only with the prefixes it could start with.
class PrefixIndex {
 public:
  struct Prefix {
    std::string_view text;
    bool intensifier;
  };

  PrefixIndex() {
    for (std::string_view prefix : DutchIntensifierPrefixes()) Add({prefix, true});
    for (std::string_view prefix : DutchNegativePrefixes()) Add({prefix, false});
  }
  const std::vector<Prefix>& StartingWith(char c) const {
    return by_initial_[static_cast<unsigned char>(c)];
  }

 private:
  void Add(const Prefix& prefix) {
    if (prefix.text.empty()) return;
    by_initial_[static_cast<unsigned char>(prefix.text[0])].push_back(prefix);
  }
  std::array<std::vector<Prefix>, 256> by_initial_;
};

// A compound of an intensifying prefix ("supergoed") or a vulgar one ("kutservice").
std::optional<Hit> FindPrefixCompound(const Lexicon& lexicon, std::string_view word) {
  constexpr size_t kMinPrefix = 3;  // Of what follows the prefix.
  static const PrefixIndex* const index = new PrefixIndex();
  for (const PrefixIndex::Prefix& prefix : index->StartingWith(word[0])) {
    if (word.size() < prefix.text.size() + kMinPrefix || !word.starts_with(prefix.text)) continue;
    if (prefix.intensifier) {
      const std::string_view rest = word.substr(prefix.text.size());
      const Valence* valence = lexicon.Find(rest, Language::kDutch);
      if (valence == nullptr) valence = FindInflected(lexicon, rest);
      if (valence != nullptr) return Hit{*valence, "compound", true};
    } else {
      const Valence* valence = lexicon.FindTerm(prefix.text, Language::kDutch);
      if (valence == nullptr) valence = lexicon.FindTerm("kut", Language::kDutch);
      if (valence != nullptr) return Hit{*valence, "compound", false};
    }
  }
  return std::nullopt;
}

// Dutch writes compounds as one word. An intensifying prefix boosts the rest ("supergoed"), a
// vulgar one makes the word negative ("kutservice"). Otherwise the head (last part) decides
// when it is an entry of six letters or more after a first part of four or more
// ("internetstoring", "gebruiksvriendelijk"): shorter heads hide inside unrelated words
// ("ondergoed"), and shorter first parts are verb prefixes ("verwachten" is not "wachten").
std::optional<Hit> FindDutchCompound(const Lexicon& lexicon, std::string_view word) {
  constexpr size_t kMinHeadPrefix = 4;  // Of the first part before a head.
  if (word.empty()) return std::nullopt;
  if (std::optional<Hit> hit = FindPrefixCompound(lexicon, word)) return hit;
  constexpr size_t kMinHead = Lexicon::kMinCompoundHead;
  if (word.size() < kMinHead + kMinHeadPrefix || !lexicon.MayEndInHead(word, Language::kDutch)) {
    return std::nullopt;
  }
  for (size_t split = kMinHeadPrefix; split + kMinHead <= word.size(); ++split) {
    if ((static_cast<unsigned char>(word[split]) & 0xC0) == 0x80) continue;  // Mid code point.
    const std::string_view head = word.substr(split);
    // A head in ge- is a participle ("leeftijdsgenoten" is not "genoten"), not a compound part.
    if (head.starts_with("ge")) continue;
    if (const Valence* valence = lexicon.Find(head, Language::kDutch)) {
      return Hit{*valence, "compound", false};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Hit> LookUp(std::span<const Token> tokens, size_t i,
                          std::span<const Language> languages) {
  return LookUp(tokens, i, languages, Lexicon::Get().Entry(tokens[i].key));
}

std::optional<Hit> LookUp(std::span<const Token> tokens, size_t i,
                          std::span<const Language> languages, const KeyEntry* entry) {
  const Lexicon& lexicon = Lexicon::Get();
  const Token& token = tokens[i];
  // The token's key in `language`, from its entry: Lexicon::Find without a second lookup.
  const auto find_key = [entry](Language language) -> const Valence* {
    return entry == nullptr ? nullptr : entry->valence[static_cast<int>(language)];
  };
  switch (token.kind) {
    case TokenKind::kEmoji:
      for (Language language : languages) {
        if (const Valence* valence = find_key(language)) return Hit{*valence, "emoji"};
      }
      return std::nullopt;
    case TokenKind::kEmoticon: {
      const std::string lower = FoldCase(token.key);
      for (Language language : languages) {
        const Valence* valence = find_key(language);
        if (valence == nullptr) valence = lexicon.Find(lower, language);
        if (valence != nullptr) return Hit{*valence, "emoticon"};
      }
      return std::nullopt;
    }
    case TokenKind::kHashtag:
    case TokenKind::kWord:
      break;
  }
  if (IsNumber(token.key)) return std::nullopt;
  const bool hashtag = token.kind == TokenKind::kHashtag;
  // Most English words: a word the tables lack, with no other spelling to try, is unknown
  // (Dutch goes on to inflections and compounds).
  if (!hashtag && entry == nullptr && !token.elongated &&
      std::find(languages.begin(), languages.end(), Language::kDutch) == languages.end() &&
      !HasNonAscii(token.key)) {
    return std::nullopt;
  }
  const std::string_view via = hashtag ? "hashtag" : "lexicon";
  // "#fail" may have an entry of its own; otherwise the hashtag counts as its word.
  if (hashtag) {
    for (Language language : languages) {
      if (const Valence* valence = find_key(language)) return Hit{*valence, via};
    }
  }
  const std::string_view word =
      hashtag ? std::string_view(token.key).substr(1) : std::string_view(token.key);
  const Spellings spellings(token, word);
  // A word is its key; a hashtag's word is not, and is looked up by itself.
  const KeyEntry* const* word_entry = hashtag ? nullptr : &entry;
  for (Language language : languages) {
    if (language == Language::kEnglish && word == "like" && !IsVerbLike(tokens, i)) continue;
    if (const Valence* valence = FindAny(lexicon, spellings, language, word_entry)) {
      return Hit{*valence, via};
    }
  }
  for (Language language : languages) {
    if (language != Language::kDutch) continue;
    for (std::string_view form : spellings.forms()) {
      if (const Valence* valence = FindInflected(lexicon, form)) {
        return Hit{*valence, "inflection"};
      }
    }
    // The partitive "-s" only after its quantifier: "iets moois", "niets bijzonders" (while
    // "slechts" is "only", not "slecht").
    const std::string_view previous = i > 0 ? std::string_view(tokens[i - 1].key) : "";
    if (word.size() > 4 && word.ends_with("s") &&
        (previous == "iets" || previous == "niets" || previous == "niks" || previous == "wat" ||
         previous == "veel" || previous == "weinig")) {
      const std::string_view stem = word.substr(0, word.size() - 1);
      const Valence* valence = lexicon.Find(stem, Language::kDutch);
      if (valence == nullptr) valence = FindInflected(lexicon, stem);
      if (valence != nullptr) return Hit{*valence, "inflection"};
    }
    for (std::string_view form : spellings.forms()) {
      if (std::optional<Hit> hit = FindDutchCompound(lexicon, form)) return hit;
    }
  }
  return std::nullopt;
}

}  // namespace webcare::analysis::sentiment
