#include "analysis/language/word_model.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace webcare::analysis::language {
namespace {

constexpr int kNl = static_cast<int>(ModelLanguage::kNl);
constexpr int kEn = static_cast<int>(ModelLanguage::kEn);
constexpr int kDe = static_cast<int>(ModelLanguage::kDe);

TEST(WordTablesTest, ListsAreLowerCaseAndWithoutDuplicates) {
  for (int i = 0; i < kModelLanguageCount; ++i) {
    const auto language = static_cast<ModelLanguage>(i);
    std::set<std::string_view> seen;
    for (std::string_view word : FrequentWords(language)) {
      EXPECT_TRUE(seen.insert(word).second) << ModelLanguageCode(language) << ": " << word;
      EXPECT_EQ(LowerForModel(word), word);
      EXPECT_EQ(word.find(' '), std::string_view::npos) << word;
    }
  }
  EXPECT_GE(FrequentWords(ModelLanguage::kNl).size(), 300u);
  EXPECT_GE(FrequentWords(ModelLanguage::kEn).size(), 300u);
}

TEST(WordTablesTest, HintsFitTheIndex) {
  // word_model.cc numbers hints with a uint8_t and indexes them by their first byte.
  EXPECT_LT(SpellingHints().size(), 256u);
  for (const SpellingHint& hint : SpellingHints()) {
    EXPECT_FALSE(hint.pattern.empty());
    EXPECT_NE(hint.languages, 0);
    EXPECT_GT(hint.weight, 0.0f) << hint.pattern;
  }
}

TEST(WordTablesTest, CodesRoundTrip) {
  for (int i = 0; i < kModelLanguageCount; ++i) {
    EXPECT_EQ(ModelLanguageIndex(ModelLanguageCode(static_cast<ModelLanguage>(i))), i);
  }
  EXPECT_EQ(ModelLanguageIndex("it"), -1);
}

TEST(LowerForModelTest, AsciiAndLatin1) {
  EXPECT_EQ(LowerForModel("ÉÉN Storing ÖL ×"), "één storing öl ×");
}

TEST(ScoreWordsTest, FrequentWords) {
  const WordEvidence dutch = ScoreWords("niet blij");
  EXPECT_EQ(dutch.words, 2);
  EXPECT_EQ(dutch.known_words, 2);
  EXPECT_GT(dutch.frequent_words[kNl], dutch.frequent_words[kEn]);

  const WordEvidence english = ScoreWords("Thanks for nothing");
  EXPECT_GT(english.frequent_words[kEn], english.frequent_words[kNl]);
}

TEST(ScoreWordsTest, SharedWordsAreSplit) {
  // "die" is a frequent word of Dutch, German and Afrikaans: a third of a hit each.
  const WordEvidence evidence = ScoreWords("die");
  EXPECT_NEAR(evidence.frequent_words[kNl], 1.0 / 3, 1e-9);
  EXPECT_NEAR(evidence.frequent_words[kDe], 1.0 / 3, 1e-9);
  EXPECT_EQ(evidence.frequent_words[kEn], 0);
}

TEST(ScoreWordsTest, SpellingHints) {
  EXPECT_GT(ScoreWords("vrijdagmiddag").spelling[kNl], ScoreWords("vrijdagmiddag").spelling[kEn]);
  EXPECT_GT(ScoreWords("throughput").spelling[kEn], ScoreWords("throughput").spelling[kNl]);
  EXPECT_GT(ScoreWords("Straße").spelling[kDe], ScoreWords("Straße").spelling[kNl]);
  // An ending needs a stem before it: the word "ed" is not an English past tense.
  EXPECT_EQ(ScoreWords("ed").spelling[kEn], 0);
  // Each hint counts once per word, however often it occurs.
  EXPECT_DOUBLE_EQ(ScoreWords("ijij").spelling[kNl], ScoreWords("ij").spelling[kNl]);
  EXPECT_GT(ScoreWords("ij ij").spelling[kNl], ScoreWords("ij").spelling[kNl]);
}

}  // namespace
}  // namespace webcare::analysis::language
