#pragma once
// The hand-written tables of the short-text model: frequent words per language and spelling
// hints. Written from general knowledge of the languages and of webcare posts, never derived
// from the evaluation sets, so that the evaluation stays a fair test (see README.md).

#include <cstdint>
#include <span>
#include <string_view>

namespace webcare::analysis::language {

// The languages the short-text model knows. Dutch and English are the product's languages and
// have a few hundred words each; the others have a few dozen, enough that a German, French,
// Spanish or Afrikaans post is not pulled towards Dutch or English by the model alone.
enum class ModelLanguage : uint8_t { kNl = 0, kEn, kDe, kFr, kEs, kAf };
inline constexpr int kModelLanguageCount = 6;

// "nl", "en", "de", "fr", "es", "af".
std::string_view ModelLanguageCode(ModelLanguage language);
// Index into the arrays of the model for an ISO 639-1 code, or -1 when the model lacks it.
int ModelLanguageIndex(std::string_view code);

// Frequent words of `language`, lower case. A word may appear under several languages ("de" is
// Dutch, French and Spanish); the model then splits its weight between them.
std::span<const std::string_view> FrequentWords(ModelLanguage language);

enum class HintPlace : uint8_t { kAnywhere, kPrefix, kSuffix };

inline constexpr uint8_t LanguageBit(ModelLanguage language) {
  return static_cast<uint8_t>(1u << static_cast<int>(language));
}

// A spelling pattern typical of some languages: "ij" of Dutch, "th" of English, "ß" of German.
// A word matching it adds `weight` to each language in `languages` (a mask of LanguageBit).
struct SpellingHint {
  std::string_view pattern;
  HintPlace place;
  uint8_t languages;
  float weight;
};

std::span<const SpellingHint> SpellingHints();

}  // namespace webcare::analysis::language
