#include "analysis/language/text_cleaner.h"

#include <gtest/gtest.h>

#include <string>

namespace webcare::analysis::language {
namespace {

std::string Clean(std::string_view text, HashtagMode hashtags = HashtagMode::kSplitWords) {
  return CleanForDetection(text, {.hashtags = hashtags}).text;
}

TEST(CleanForDetectionTest, KeepsWordsAndCollapsesWhitespace) {
  const CleanText clean = CleanForDetection("  Ik heb\tal drie\n\ndagen   geen internet!  ");
  EXPECT_EQ(clean.text, "Ik heb al drie dagen geen internet");
  EXPECT_EQ(clean.words, 7);
  EXPECT_EQ(clean.letters, 28);
}

TEST(CleanForDetectionTest, StripsUrlsMentionsAndEmail) {
  EXPECT_EQ(Clean("@ovpas @NS_online waarom? https://t.co/abc123 zie www.ovpas.nl/storing"),
            "waarom zie");
  EXPECT_EQ(Clean("mail me at jan.jansen@example.com or bit.ly/x2 (ovpas.nl)."), "mail me at or");
  EXPECT_EQ(Clean(".@ovpas thanks"), "thanks");
}

TEST(CleanForDetectionTest, KeepsAbbreviationsAndMissingSpaces) {
  // Not hosts: one-letter labels, or an unknown "top-level domain".
  EXPECT_EQ(Clean("o.a. de trein"), "o a de trein");
  EXPECT_EQ(Clean("dag.ik"), "dag ik");
}

TEST(CleanForDetectionTest, StripsRetweetMarkerOnlyAtTheStart) {
  EXPECT_EQ(Clean("RT @user: storing bij de NS"), "storing bij de NS");
  EXPECT_EQ(Clean("zie RT hierboven"), "zie RT hierboven");
}

TEST(CleanForDetectionTest, DropsWordsWithDigits) {
  EXPECT_EQ(Clean("Trein van 10:15 had 25 min vertraging op 4G, €12,50 kwijt"),
            "Trein van had min vertraging op kwijt");
}

TEST(CleanForDetectionTest, StripsEmojiAndSymbols) {
  EXPECT_EQ(Clean("thanks👍🏽 top!! 😡😡 ❤️ ™"), "thanks top");
  const CleanText only_emoji =
      CleanForDetection("😀🎉👍🏽❤️ 🇳🇱 👨‍👩‍👧");
  EXPECT_EQ(only_emoji.text, "");
  EXPECT_EQ(only_emoji.letters, 0);
  EXPECT_EQ(only_emoji.words, 0);
}

TEST(CleanForDetectionTest, KeepsApostrophesAndHyphensInsideWords) {
  EXPECT_EQ(Clean("don't zo'n e-mail -- 'quoted' don’t"), "don't zo'n e-mail quoted don't");
}

TEST(CleanForDetectionTest, HashtagModes) {
  EXPECT_EQ(Clean("#NietBlij met #KPNStoring #fail #ns2024", HashtagMode::kSplitWords),
            "Niet Blij met KPN Storing fail");
  EXPECT_EQ(Clean("#NietBlij met #KPNStoring #fail", HashtagMode::kKeepWord),
            "NietBlij met KPNStoring fail");
  EXPECT_EQ(Clean("#NietBlij met #KPNStoring #fail", HashtagMode::kDrop), "met");
}

TEST(CleanForDetectionTest, KeepsOtherScriptsAndAccents) {
  EXPECT_EQ(Clean("Coëfficiënt één café"), "Coëfficiënt één café");
  EXPECT_EQ(Clean("Привет, мир! 你好。"), "Привет мир 你好");
}

TEST(CleanForDetectionTest, DropsInvalidUtf8) {
  const std::string text = std::string("sto\xffring \xc3\x28 niet\xe2\x82 blij \xed\xa0\x80") + "x";
  const CleanText clean = CleanForDetection(text);
  EXPECT_EQ(clean.text, "sto ring niet blij x");
}

TEST(IsWordCodePointTest, LettersAndNot) {
  EXPECT_TRUE(internal::IsWordCodePoint(U'a'));
  EXPECT_TRUE(internal::IsWordCodePoint(U'ë'));
  EXPECT_TRUE(internal::IsWordCodePoint(U'ж'));
  EXPECT_TRUE(internal::IsWordCodePoint(U'あ'));
  EXPECT_FALSE(internal::IsWordCodePoint(U'1'));
  EXPECT_FALSE(internal::IsWordCodePoint(U'€'));
  EXPECT_FALSE(internal::IsWordCodePoint(U'\u200d'));  // Zero-width joiner.
  EXPECT_FALSE(internal::IsWordCodePoint(U'\ufe0f'));  // Emoji variation selector.
  EXPECT_FALSE(internal::IsWordCodePoint(U'😀'));
  EXPECT_FALSE(internal::IsWordCodePoint(U'🇳'));
  EXPECT_FALSE(internal::IsWordCodePoint(U'𝐡'));  // Mathematical bold letters.
}

}  // namespace
}  // namespace webcare::analysis::language
