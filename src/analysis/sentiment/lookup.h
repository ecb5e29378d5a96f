#pragma once
// Finds the lexicon score of one token, trying the spellings people actually use: elongations
// ("goooed"), missing accents ("ideeen"), hashtags ("#storing"), inflected Dutch adjectives
// ("mooie", "grootste") and Dutch compounds ("internetstoring", "supergoed", "kutservice").

#include <optional>
#include <span>
#include <string_view>

#include "analysis/sentiment/lexicon.h"
#include "analysis/sentiment/tokenizer.h"

namespace webcare::analysis::sentiment {

struct Hit {
  Valence valence;
  // How the token was found: "lexicon", "emoji", "emoticon", "hashtag", "inflection" or
  // "compound".
  std::string_view via;
  bool intensified = false;  // An intensifying prefix: "supergoed", "oersaai".
};

// The score of tokens[i] in the first of `languages` that knows it; nullopt when none does.
std::optional<Hit> LookUp(std::span<const Token> tokens, size_t i,
                          std::span<const Language> languages);
// The same, given Lexicon::Entry of tokens[i].key (null when there is none).
std::optional<Hit> LookUp(std::span<const Token> tokens, size_t i,
                          std::span<const Language> languages, const KeyEntry* entry);

}  // namespace webcare::analysis::sentiment
