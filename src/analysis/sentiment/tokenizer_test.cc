#include "analysis/sentiment/tokenizer.h"

#include <string>
#include <vector>

#include "analysis/sentiment/unicode.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace webcare::analysis::sentiment {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Keys(std::string_view text) {
  std::vector<std::string> keys;
  for (const Token& token : Tokenize(text).tokens) keys.push_back(token.key);
  return keys;
}

TEST(TokenizerTest, LowerCasesWordsAndKeepsInnerApostrophes) {
  EXPECT_THAT(Keys("Ik vind het NIET goed, don’t you?"),
              ElementsAre("ik", "vind", "het", "niet", "goed", "don't", "you"));
  EXPECT_THAT(Keys("zo'n auto's 't"), ElementsAre("zo'n", "auto's", "t"));
}

TEST(TokenizerTest, FoldsDutchAccentsCaseButKeepsThem) {
  EXPECT_THAT(Keys("ÉÉN Geëmotioneerd IDEEËN"), ElementsAre("één", "geëmotioneerd", "ideeën"));
  EXPECT_EQ(RemoveAccents("één geëmotioneerd ideeën çà"), "een geemotioneerd ideeen ca");
}

TEST(TokenizerTest, DropsUrlsAndMentionsKeepsHashtags) {
  EXPECT_THAT(
      Keys("@NS_online de trein https://ns.nl/x?y=1 #fail #NietBlij www.kpn.com @a@b.social"),
      ElementsAre("de", "trein", "#fail", "#nietblij"));
  const TokenizedText tokenized = Tokenize("#fail");
  ASSERT_EQ(tokenized.tokens.size(), 1u);
  EXPECT_EQ(tokenized.tokens[0].kind, TokenKind::kHashtag);
  EXPECT_EQ(tokenized.tokens[0].text, "#fail");
}

TEST(TokenizerTest, EmojiSequencesAreOneTokenKeyedByTheirFirstCodePoint) {
  const TokenizedText tokenized = Tokenize("top👍🏽❤️ 🤦‍♂️😡😡 🇳🇱");
  ASSERT_EQ(tokenized.tokens.size(), 7u);
  EXPECT_EQ(tokenized.tokens[0].key, "top");
  EXPECT_EQ(tokenized.tokens[1].text, "👍🏽");
  EXPECT_EQ(tokenized.tokens[1].key, "👍");
  EXPECT_EQ(tokenized.tokens[2].key, "❤");
  EXPECT_EQ(tokenized.tokens[3].text, "🤦‍♂️");
  EXPECT_EQ(tokenized.tokens[3].key, "🤦");
  EXPECT_EQ(tokenized.tokens[4].key, "😡");
  EXPECT_EQ(tokenized.tokens[5].key, "😡");
  EXPECT_EQ(tokenized.tokens[6].kind, TokenKind::kEmoji);
}

TEST(TokenizerTest, RecognisesEmoticonsAloneAndStuckToWords) {
  const TokenizedText tokenized = Tokenize("Bedankt:) :-( :D!! ;) <3 xD op: 10:30");
  std::vector<std::string> emoticons;
  for (const Token& token : tokenized.tokens) {
    if (token.kind == TokenKind::kEmoticon) emoticons.push_back(token.key);
  }
  EXPECT_THAT(emoticons, ElementsAre(":)", ":-(", ":D", ";)", "<3", "xD"));
  EXPECT_EQ(tokenized.exclamation_marks, 2);
  EXPECT_EQ(tokenized.tokens[0].key, "bedankt");
}

TEST(TokenizerTest, MarksCapsAndElongation) {
  const TokenizedText tokenized = Tokenize("HEEL heeeel Slecht I sooo");
  ASSERT_EQ(tokenized.tokens.size(), 5u);
  EXPECT_TRUE(tokenized.tokens[0].all_caps);
  EXPECT_FALSE(tokenized.tokens[0].elongated);
  EXPECT_TRUE(tokenized.tokens[1].elongated);
  EXPECT_FALSE(tokenized.tokens[2].all_caps);
  EXPECT_FALSE(tokenized.tokens[3].all_caps);  // One letter is not shouting.
  EXPECT_TRUE(tokenized.tokens[4].elongated);
  EXPECT_THAT(ShortenElongations("heeeel"), ElementsAre("heel", "hel"));
  EXPECT_THAT(ShortenElongations("sooo"), ElementsAre("soo", "so"));
  EXPECT_THAT(ShortenElongations("goed"), IsEmpty());
}

TEST(TokenizerTest, SplitsClausesAndSentences) {
  const TokenizedText tokenized = Tokenize("niet, goed. Maar slecht!? ok");
  ASSERT_EQ(tokenized.tokens.size(), 5u);
  EXPECT_NE(tokenized.tokens[0].clause, tokenized.tokens[1].clause);
  EXPECT_EQ(tokenized.tokens[0].sentence, tokenized.tokens[1].sentence);
  EXPECT_NE(tokenized.tokens[1].sentence, tokenized.tokens[2].sentence);
  EXPECT_EQ(tokenized.tokens[2].clause, tokenized.tokens[3].clause);
  EXPECT_NE(tokenized.tokens[3].sentence, tokenized.tokens[4].sentence);
  EXPECT_EQ(tokenized.exclamation_marks, 1);
  EXPECT_EQ(tokenized.question_marks, 1);
}

TEST(TokenizerTest, NumbersStayWhole) {
  EXPECT_THAT(Keys("€12,50 en 4.5 sterren"), ElementsAre("12,50", "en", "4.5", "sterren"));
}

TEST(TokenizerTest, IllFormedUtf8SeparatesTokensAndNeverEndsUpInOne) {
  const std::string text = std::string("goed\xff\xfe") + "slecht\xc3" + "\xe2\x82" + " 😡\xf0\x9f";
  const TokenizedText tokenized = Tokenize(text);
  ASSERT_EQ(tokenized.tokens.size(), 3u);
  EXPECT_EQ(tokenized.tokens[0].key, "goed");
  EXPECT_EQ(tokenized.tokens[1].key, "slecht");
  EXPECT_EQ(tokenized.tokens[2].key, "😡");
  EXPECT_EQ(FoldCase("A\xff"
                     "B"),
            "a\xff"
            "b");
}

TEST(TokenizerTest, EmptyAndWhitespaceOnly) {
  EXPECT_THAT(Tokenize("").tokens, IsEmpty());
  EXPECT_THAT(Tokenize(" \n\t ").tokens, IsEmpty());
  EXPECT_THAT(Tokenize("!!! ... ???").tokens, IsEmpty());
}

}  // namespace
}  // namespace webcare::analysis::sentiment
