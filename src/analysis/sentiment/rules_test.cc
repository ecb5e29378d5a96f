#include "analysis/sentiment/rules.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace webcare::analysis::sentiment {
namespace {

using ::testing::Contains;
using ::testing::Optional;

constexpr Language kNl[] = {Language::kDutch};
constexpr Language kEn[] = {Language::kEnglish};

// The modifier at word `index` of `text`.
std::optional<Modifier> ModifierAt(std::string_view text, size_t index,
                                   std::span<const Language> languages) {
  const TokenizedText tokenized = Tokenize(text);
  return FindModifier(tokenized.tokens, index, languages);
}

std::optional<ModifierKind> KindAt(std::string_view text, size_t index,
                                   std::span<const Language> languages) {
  const std::optional<Modifier> modifier = ModifierAt(text, index, languages);
  if (!modifier) return std::nullopt;
  return modifier->kind;
}

TEST(RulesTest, Negations) {
  EXPECT_THAT(KindAt("niet goed", 0, kNl), Optional(ModifierKind::kNegation));
  EXPECT_THAT(KindAt("geen aanrader", 0, kNl), Optional(ModifierKind::kNegation));
  EXPECT_THAT(KindAt("nooit meer", 0, kNl), Optional(ModifierKind::kNegation));
  EXPECT_THAT(KindAt("isn't good", 0, kEn), Optional(ModifierKind::kNegation));
  EXPECT_THAT(KindAt("it wasn’t", 1, kEn), Optional(ModifierKind::kNegation));
  EXPECT_THAT(KindAt("no problem", 0, kEn), Optional(ModifierKind::kNegation));
  EXPECT_THAT(KindAt("the least helpful", 1, kEn), Optional(ModifierKind::kNegation));
  EXPECT_EQ(KindAt("at least helpful", 1, kEn), std::nullopt);
  // A Dutch negation is not an English one.
  EXPECT_EQ(KindAt("niet", 0, kEn), std::nullopt);
}

TEST(RulesTest, NotOnlyButAlsoIsNeitherNegationNorContrast) {
  EXPECT_EQ(KindAt("niet alleen snel maar ook vriendelijk", 0, kNl), std::nullopt);
  EXPECT_EQ(KindAt("niet alleen snel maar ook vriendelijk", 3, kNl), std::nullopt);
  EXPECT_EQ(KindAt("not only fast but also kind", 0, kEn), std::nullopt);
  EXPECT_EQ(KindAt("not only fast but also kind", 3, kEn), std::nullopt);
}

TEST(RulesTest, MaarAsParticleIsNoContrast) {
  EXPECT_THAT(KindAt("snel maar duur", 1, kNl), Optional(ModifierKind::kContrast));
  EXPECT_EQ(KindAt("het is alleen maar wachten", 3, kNl), std::nullopt);
  EXPECT_EQ(KindAt("kom maar op", 1, kNl), std::nullopt);
  EXPECT_THAT(KindAt("fast but pricey", 1, kEn), Optional(ModifierKind::kContrast));
}

TEST(RulesTest, BoostersAndDowntonersIncludingPhrases) {
  const std::optional<Modifier> heel = ModifierAt("heel goed", 0, kNl);
  ASSERT_TRUE(heel);
  EXPECT_EQ(heel->delta, kBoost);
  const std::optional<Modifier> beetje = ModifierAt("een beetje traag", 0, kNl);
  ASSERT_TRUE(beetje);
  EXPECT_EQ(beetje->delta, kDampen);
  EXPECT_EQ(beetje->length, 2);
  const std::optional<Modifier> best_wel = ModifierAt("best wel duur", 0, kNl);
  ASSERT_TRUE(best_wel);
  EXPECT_EQ(best_wel->length, 2);
  const std::optional<Modifier> a_bit = ModifierAt("a bit slow", 0, kEn);
  ASSERT_TRUE(a_bit);
  EXPECT_EQ(a_bit->delta, kDampen);
  // Elongated boosters are still boosters.
  const std::optional<Modifier> sooo = ModifierAt("sooo good", 0, kEn);
  ASSERT_TRUE(sooo);
  EXPECT_EQ(sooo->delta, kBoost);
}

TEST(RulesTest, OnlySomeModifiersStandAlone) {
  using Alone = Modifier::Alone;
  EXPECT_EQ(ModifierAt("super", 0, kNl)->alone, Alone::kAlways);
  EXPECT_EQ(ModifierAt("no", 0, kEn)->alone, Alone::kAlways);
  EXPECT_EQ(ModifierAt("erg", 0, kNl)->alone, Alone::kAtClauseEnd);
  EXPECT_EQ(ModifierAt("echt", 0, kNl)->alone, Alone::kNever);
  EXPECT_EQ(ModifierAt("really", 0, kEn)->alone, Alone::kNever);
}

TEST(RulesTest, LikeIsASentimentWordOnlyAsAVerb) {
  EXPECT_TRUE(IsVerbLike(Tokenize("I really like it").tokens, 2));
  EXPECT_TRUE(IsVerbLike(Tokenize("we like it").tokens, 1));
  EXPECT_FALSE(IsVerbLike(Tokenize("looks like rain").tokens, 1));
  EXPECT_FALSE(IsVerbLike(Tokenize("like a boss").tokens, 0));
}

TEST(RulesTest, DutchBaseForms) {
  EXPECT_THAT(DutchBaseForms("mooie"), Contains("mooi"));
  EXPECT_THAT(DutchBaseForms("grote"), Contains("groot"));
  EXPECT_THAT(DutchBaseForms("dikke"), Contains("dik"));
  EXPECT_THAT(DutchBaseForms("lieve"), Contains("lief"));
  EXPECT_THAT(DutchBaseForms("boze"), Contains("boos"));
  EXPECT_THAT(DutchBaseForms("leukste"), Contains("leuk"));
  EXPECT_THAT(DutchBaseForms("slechter"), Contains("slecht"));
  EXPECT_TRUE(DutchBaseForms("goed").empty());
}

}  // namespace
}  // namespace webcare::analysis::sentiment
