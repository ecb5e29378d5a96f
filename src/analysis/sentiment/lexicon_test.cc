#include "analysis/sentiment/lexicon.h"

#include <cmath>

#include "analysis/sentiment/lexicon_data.h"
#include "analysis/sentiment/tokenizer.h"
#include "analysis/sentiment/unicode.h"
#include "gtest/gtest.h"

namespace webcare::analysis::sentiment {
namespace {

TEST(LexiconDataTest, TablesAreSortedUniqueAndComplete) {
  for (auto table : {internal::VaderLexicon(), internal::PatternLexicon()}) {
    ASSERT_GT(table.size(), 3000u);
    for (size_t i = 1; i < table.size(); ++i) {
      ASSERT_LT(table[i - 1].word, table[i].word) << "at " << i;
    }
  }
  EXPECT_GT(internal::VaderLexicon().size(), 7000u);
  EXPECT_GE(internal::WebcareTerms().size(), 80u);
}

TEST(LexiconDataTest, ScoresAreThoseTheSourcesPublish) {
  const auto find = [](auto table, std::string_view word) -> const internal::LexiconEntry* {
    for (const internal::LexiconEntry& entry : table) {
      if (entry.word == word) return &entry;
    }
    return nullptr;
  };
  // vader_lexicon.txt: "good 1.9", and "lol" twice (2.9 then 1.8): the last one counts.
  ASSERT_NE(find(internal::VaderLexicon(), "good"), nullptr);
  EXPECT_FLOAT_EQ(find(internal::VaderLexicon(), "good")->score, 1.9f);
  EXPECT_FLOAT_EQ(find(internal::VaderLexicon(), "lol")->score, 1.8f);
  // nl-sentiment.xml: "goed" has two senses, 0.6 and 0.5.
  ASSERT_NE(find(internal::PatternLexicon(), "goed"), nullptr);
  EXPECT_FLOAT_EQ(find(internal::PatternLexicon(), "goed")->score, 0.55f);
  EXPECT_FLOAT_EQ(find(internal::PatternLexicon(), "slecht")->score, -0.7f);
}

TEST(LexiconTest, EveryTermTokenizes) {
  for (const internal::TermEntry& entry : internal::WebcareTerms()) {
    EXPECT_FALSE(Tokenize(entry.term).tokens.empty()) << entry.term;
  }
}

TEST(LexiconTest, TermsOverrideThePublishedLexicons) {
  const Lexicon& lexicon = Lexicon::Get();
  const Valence* worst = lexicon.Find("worst", Language::kEnglish);
  ASSERT_NE(worst, nullptr);
  EXPECT_EQ(worst->source, Source::kWebcare);
  const Valence* good = lexicon.Find("good", Language::kEnglish);
  ASSERT_NE(good, nullptr);
  EXPECT_EQ(good->source, Source::kVader);
  EXPECT_DOUBLE_EQ(good->score, static_cast<double>(1.9f));
}

TEST(LexiconTest, DutchScoresAreOnVadersScale) {
  const Valence* goed = Lexicon::Get().Find("goed", Language::kDutch);
  ASSERT_NE(goed, nullptr);
  EXPECT_EQ(goed->source, Source::kPattern);
  EXPECT_NEAR(goed->score, 0.55 * kPatternScale, 1e-6);
  // Near-neutral Pattern words are left out.
  EXPECT_EQ(Lexicon::Get().Find("oud", Language::kDutch), nullptr);
}

TEST(LexiconTest, LanguagesAreSeparate) {
  const Lexicon& lexicon = Lexicon::Get();
  EXPECT_NE(lexicon.Find("storing", Language::kDutch), nullptr);
  EXPECT_EQ(lexicon.Find("storing", Language::kEnglish), nullptr);
  // Dutch "die" ("that") must not get VADER's "die" (-2.9).
  EXPECT_EQ(lexicon.Find("die", Language::kDutch), nullptr);
  EXPECT_NE(lexicon.Find("die", Language::kEnglish), nullptr);
  // Emoji and emoticons are in both.
  for (Language language : {Language::kDutch, Language::kEnglish}) {
    EXPECT_NE(lexicon.Find(EmojiKey("😡"), language), nullptr);
    EXPECT_NE(lexicon.Find(":)", language), nullptr);
  }
}

TEST(LexiconTest, AccentlessSpellingFindsAccentedEntries) {
  const Lexicon& lexicon = Lexicon::Get();
  for (const internal::LexiconEntry& entry : internal::PatternLexicon()) {
    const std::string plain = RemoveAccents(entry.word);
    if (plain == entry.word || std::fabs(entry.score) < kPatternMinPolarity) continue;
    EXPECT_NE(lexicon.Find(plain, Language::kDutch), nullptr) << entry.word;
  }
}

TEST(LexiconTest, PhrasesAreIndexedByFirstWordLongestFirst) {
  const std::vector<Phrase>* phrases =
      Lexicon::Get().PhrasesStartingWith("kastje", Language::kDutch);
  ASSERT_NE(phrases, nullptr);
  EXPECT_EQ(phrases->front().keys.size(), 4u);
  const std::vector<Phrase>* dank = Lexicon::Get().PhrasesStartingWith("dank", Language::kDutch);
  ASSERT_NE(dank, nullptr);
  for (size_t i = 1; i < dank->size(); ++i) {
    EXPECT_GE((*dank)[i - 1].keys.size(), (*dank)[i].keys.size());
  }
}

}  // namespace
}  // namespace webcare::analysis::sentiment
