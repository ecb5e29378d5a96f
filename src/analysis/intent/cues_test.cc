#include "analysis/intent/cues.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace webcare::analysis::intent::internal {
namespace {

constexpr int kDutch = 0;
constexpr int kEnglish = 1;

Match Look(std::string_view key) {
  Match match;
  CueTables::Get().LookUp(key, /*truncated=*/false, match);
  return match;
}

TEST(CueTablesTest, EveryListEntryIsSound) {
  // Each entry is one scanner word (or a well-formed phrase), so that it can ever match.
  EXPECT_THAT(CueTables::Get().errors(), ::testing::IsEmpty());
}

TEST(CueTablesTest, RolesPerLanguage) {
  const Match of = Look("of");
  EXPECT_TRUE(of.roles[kDutch] & kCoordinator);  // Dutch "or".
  EXPECT_FALSE(of.roles[kEnglish] & kCoordinator);
  const Match is = Look("is");
  EXPECT_TRUE(is.roles[kDutch] & kVerbAnySubject);
  EXPECT_TRUE(is.roles[kEnglish] & kVerbAnySubject);
  EXPECT_TRUE(Look("waarom").roles[kDutch] & kInterrogative);
  EXPECT_TRUE(Look("welke").roles[kDutch] & kInterrogativeNoun);
  EXPECT_TRUE(Look("kon").roles[kDutch] & kVerbPast);
  EXPECT_TRUE(Look("mijn").roles[kDutch] & kPossessive);
  EXPECT_EQ(Look("fiets").roles[kDutch], 0u);
  EXPECT_EQ(Look("fiets").id, 0);
}

TEST(CueTablesTest, PrefixesAndSuffixes) {
  // "storing*" and "*storing": the word itself, longer words, and compounds.
  EXPECT_TRUE(Look("storing").roles[kDutch] & kTopic);
  EXPECT_TRUE(Look("storingsmelding").roles[kDutch] & kTopic);
  EXPECT_TRUE(Look("appstoring").roles[kDutch] & kTopic);
  EXPECT_FALSE(Look("store").roles[kDutch] & kTopic);
  // A truncated key (a word longer than the scanner keeps) matches prefixes only.
  Match match;
  CueTables::Get().LookUp("klachtenafhandelingsprocedurevanovpas", true, match);
  EXPECT_TRUE(match.roles[kDutch] & kFrustration);
  EXPECT_EQ(match.id, 0);
}

TEST(CueTablesTest, DescriptionsNameTheCue) {
  const CueTables& tables = CueTables::Get();
  const Match storing = Look("storingsmelding");
  ASSERT_NE(tables.Cue(storing, CueIndex(kTopic)), nullptr);
  EXPECT_EQ(*tables.Cue(storing, CueIndex(kTopic)), "problem topic 'storing*'");
  const Match waarom = Look("waarom");
  EXPECT_EQ(*tables.Cue(waarom, CueIndex(kInterrogative)), "interrogative 'waarom'");
  EXPECT_EQ(tables.Cue(waarom, CueIndex(kPraise)), nullptr);
  const std::string* cue = nullptr;
  EXPECT_EQ(tables.EmojiRoles(0x1F644, &cue), kFrustration);  // 🙄
  EXPECT_EQ(*cue, "complaint term '🙄'");
  EXPECT_EQ(tables.EmojiRoles(0x1F600 + 0x40, &cue), 0u);
}

TEST(CueTablesTest, PhrasesAreFoundByTheirLastWord) {
  const CueTables& tables = CueTables::Get();
  const Match steeds = Look("steeds");
  ASSERT_NE(steeds.id, 0);
  bool found = false;
  for (const Phrase& phrase : tables.PhrasesEndingWith(steeds.id)) {
    if (tables.PhraseCue(phrase) == "complaint phrase 'nog steeds'") {
      found = true;
      EXPECT_EQ(phrase.size, 2);
      EXPECT_EQ(phrase.words[0], Look("nog").id);
      EXPECT_EQ(phrase.gap, 0);
    }
  }
  EXPECT_TRUE(found);
  // "can't *" ends with any word.
  bool any = false;
  for (const Phrase& phrase : tables.PhrasesEndingWithAnyWord()) {
    any |= tables.PhraseCue(phrase) == "problem 'can't *'";
  }
  EXPECT_TRUE(any);
}

TEST(CueTablesTest, CueIndexOrder) {
  EXPECT_EQ(CueIndex(kInterrogative), 0);
  EXPECT_EQ(CueIndex(kVerbPast), 1);
  EXPECT_EQ(CueIndex(kAsk), 2);
  EXPECT_EQ(CueIndex(kFrustration | kPraise), 3);  // The lowest kind wins.
  EXPECT_EQ(CueIndex(kPleasantry), kCueKinds - 1);
  EXPECT_EQ(CueIndex(kPronoun), -1);
}

}  // namespace
}  // namespace webcare::analysis::intent::internal
