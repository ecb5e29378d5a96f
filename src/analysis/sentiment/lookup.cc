#include "analysis/sentiment/lookup.h"

#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
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
// without accents.
using Forms = absl::InlinedVector<std::string, 3>;

Forms Spellings(const Token& token, std::string_view key) {
  Forms forms{std::string(key)};
  if (token.elongated) {
    for (std::string& form : ShortenElongations(key)) forms.push_back(std::move(form));
  }
  if (HasNonAscii(key)) {
    std::string plain = RemoveAccents(key);
    if (plain != key) forms.push_back(std::move(plain));
  }
  return forms;
}

const Valence* FindAny(const Lexicon& lexicon, const Forms& forms, Language language) {
  for (const std::string& form : forms) {
    if (const Valence* valence = lexicon.Find(form, language)) return valence;
  }
  return nullptr;
}

const Valence* FindInflected(const Lexicon& lexicon, std::string_view word) {
  for (const std::string& base : DutchBaseForms(word)) {
    if (const Valence* valence = lexicon.Find(base, Language::kDutch)) return valence;
  }
  return nullptr;
}

// Dutch writes compounds as one word. An intensifying prefix boosts the rest ("supergoed"), a
// vulgar one makes the word negative ("kutservice"). Otherwise the head (last part) decides
// when it is an entry of six letters or more after a first part of four or more
// ("internetstoring", "gebruiksvriendelijk"): shorter heads hide inside unrelated words
// ("ondergoed"), and shorter first parts are verb prefixes ("verwachten" is not "wachten").
std::optional<Hit> FindDutchCompound(const Lexicon& lexicon, std::string_view word) {
  constexpr size_t kMinPrefix = 3;      // Of what follows an intensifying or vulgar prefix.
  constexpr size_t kMinHeadPrefix = 4;  // Of the first part before a head.
  for (std::string_view prefix : DutchIntensifierPrefixes()) {
    if (word.size() >= prefix.size() + kMinPrefix && word.starts_with(prefix)) {
      const std::string_view rest = word.substr(prefix.size());
      const Valence* valence = lexicon.Find(rest, Language::kDutch);
      if (valence == nullptr) valence = FindInflected(lexicon, rest);
      if (valence != nullptr) return Hit{*valence, "compound", true};
    }
  }
  for (std::string_view prefix : DutchNegativePrefixes()) {
    if (word.size() >= prefix.size() + kMinPrefix && word.starts_with(prefix)) {
      const Valence* valence = lexicon.FindTerm(prefix, Language::kDutch);
      if (valence == nullptr) valence = lexicon.FindTerm("kut", Language::kDutch);
      if (valence != nullptr) return Hit{*valence, "compound", false};
    }
  }
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
  const Lexicon& lexicon = Lexicon::Get();
  const Token& token = tokens[i];
  switch (token.kind) {
    case TokenKind::kEmoji:
      for (Language language : languages) {
        if (const Valence* valence = lexicon.Find(token.key, language)) {
          return Hit{*valence, "emoji"};
        }
      }
      return std::nullopt;
    case TokenKind::kEmoticon: {
      const std::string lower = FoldCase(token.key);
      for (Language language : languages) {
        const Valence* valence = lexicon.Find(token.key, language);
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
  const std::string_view via = hashtag ? "hashtag" : "lexicon";
  // "#fail" may have an entry of its own; otherwise the hashtag counts as its word.
  if (hashtag) {
    for (Language language : languages) {
      if (const Valence* valence = lexicon.Find(token.key, language)) return Hit{*valence, via};
    }
  }
  const std::string_view word =
      hashtag ? std::string_view(token.key).substr(1) : std::string_view(token.key);
  const Forms forms = Spellings(token, word);
  for (Language language : languages) {
    if (language == Language::kEnglish && word == "like" && !IsVerbLike(tokens, i)) continue;
    if (const Valence* valence = FindAny(lexicon, forms, language)) return Hit{*valence, via};
  }
  for (Language language : languages) {
    if (language != Language::kDutch) continue;
    for (const std::string& form : forms) {
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
    for (const std::string& form : forms) {
      if (std::optional<Hit> hit = FindDutchCompound(lexicon, form)) return hit;
    }
  }
  return std::nullopt;
}

}  // namespace webcare::analysis::sentiment
