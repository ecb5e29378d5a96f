#include "analysis/intent/scanner.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace webcare::analysis::intent::internal {
namespace {

using ::testing::ElementsAre;

// The events of `text` written compactly: words as their key, "#key" for hashtags, "?" for a
// question mark ("?!" when mixed), "!" for an exclamation, "." for a sentence end, "," for a
// clause end, "E:<hex>" for an emoji.
std::vector<std::string> Events(std::string_view text) {
  Scanner scanner(text);
  Event event;
  std::vector<std::string> out;
  while (scanner.Next(event)) {
    switch (event.kind) {
      case EventKind::kWord:
        out.emplace_back(event.key);
        break;
      case EventKind::kHashtag:
        out.push_back("#" + std::string(event.key));
        break;
      case EventKind::kEmoji: {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "E:%X", static_cast<unsigned>(event.code_point));
        out.emplace_back(buffer);
        break;
      }
      case EventKind::kQuestionMark:
        out.push_back(event.mixed ? "?!" : "?");
        break;
      case EventKind::kExclamation:
        out.push_back("!");
        break;
      case EventKind::kSentenceEnd:
        out.push_back(".");
        break;
      case EventKind::kClauseEnd:
        out.push_back(",");
        break;
    }
  }
  return out;
}

TEST(ScannerTest, WordsAreLowerCasedWithoutAccents) {
  EXPECT_THAT(Events("Waarom WERKT de App"), ElementsAre("waarom", "werkt", "de", "app"));
  EXPECT_THAT(Events("één geïrriteerde Ærger café"),
              ElementsAre("een", "geirriteerde", "aerger", "cafe"));
  // Combining accents (NFD) are dropped like precomposed ones.
  EXPECT_THAT(Events("cafe\xCC\x81 open"), ElementsAre("cafe", "open"));
  // Other scripts are kept as written.
  EXPECT_THAT(Events("Привет мир"), ElementsAre("Привет", "мир"));
}

TEST(ScannerTest, Apostrophes) {
  EXPECT_THAT(Events("don't auto's m’n"), ElementsAre("don't", "auto's", "m'n"));
  EXPECT_THAT(Events("'t is 's avonds"), ElementsAre("'t", "is", "'s", "avonds"));
  // A quote around a word is no part of it.
  EXPECT_THAT(Events("'storing' ok"), ElementsAre("storing", "ok"));
}

TEST(ScannerTest, NumbersKeepTheirSeparators) {
  EXPECT_THAT(Events("4,60 om 10:30 of 3.50."),
              ElementsAre("4,60", "om", "10:30", "of", "3.50", "."));
  EXPECT_THAT(Events("ja, 20 euro"), ElementsAre("ja", ",", "20", "euro"));
}

TEST(ScannerTest, LinksMentionsAndAddressesAreSkipped) {
  EXPECT_THAT(Events("zie https://ovpas.example/faq?onderwerp=pas nu"), ElementsAre("zie", "nu"));
  EXPECT_THAT(Events("zie www.ovpas.example/x?y=1 nu"), ElementsAre("zie", "nu"));
  // A query string without "http" is part of a link too.
  EXPECT_THAT(Events("ovpas.example/faq?id=3 klopt"),
              ElementsAre("ovpas", "example", "faq", "klopt"));
  EXPECT_THAT(Events("@ovpas @anna@mastodon.social hoi"), ElementsAre("hoi"));
  EXPECT_THAT(Events("hoi @ovpas."), ElementsAre("hoi", "."));
  EXPECT_THAT(Events("mail info@ovpas.example aub"), ElementsAre("mail", "info", "aub"));
}

TEST(ScannerTest, Hashtags) {
  EXPECT_THAT(Events("#storing #OV_pas #1"), ElementsAre("#storing", "#ov_pas", "#1"));
  // "C#" and "&#39;" hold no hashtag.
  EXPECT_THAT(Events("C# &#39;"), ElementsAre("c", "39", ","));
}

TEST(ScannerTest, Punctuation) {
  EXPECT_THAT(Events("Werkt het? Nee!! Echt?!"),
              ElementsAre("werkt", "het", "?", "nee", "!", "echt", "?!"));
  EXPECT_THAT(Events("echt？ ja‼ wat⁉"), ElementsAre("echt", "?", "ja", "!", "wat", "?!"));
  EXPECT_THAT(Events("Hoi, kan ik; dat: ok (ja)"),
              ElementsAre("hoi", ",", "kan", "ik", ",", "dat", ",", "ok", ",", "ja", ","));
  EXPECT_THAT(Events("eerst... dan… nu\nklaar"),
              ElementsAre("eerst", ".", "dan", ".", "nu", ".", "klaar"));
  // Abbreviations and domains do not end a sentence; a dash between spaces ends a clause.
  EXPECT_THAT(Events("o.a. ovpas.nl"), ElementsAre("o", "a", ".", "ovpas", "nl"));
  EXPECT_THAT(Events("ov-pas - storing — weer"),
              ElementsAre("ov", "pas", ",", "storing", ",", "weer"));
}

TEST(ScannerTest, Emoji) {
  EXPECT_THAT(Events("top👍🏽 🙄"), ElementsAre("top", "E:1F44D", "E:1F644"));
  EXPECT_THAT(Events("❤️"), ElementsAre("E:2764"));
  // A joined sequence yields its parts; the joiner and variation selectors are skipped.
  EXPECT_THAT(Events("🤦‍♀️"), ElementsAre("E:1F926", "E:2640"));
}

TEST(ScannerTest, LongWordsAreTruncated) {
  const std::string text = std::string(40, 'a') + " b";
  Scanner scanner(text);
  Event event;
  ASSERT_TRUE(scanner.Next(event));
  EXPECT_TRUE(event.truncated);
  EXPECT_EQ(event.key, std::string(Scanner::kMaxKeyBytes, 'a'));
  ASSERT_TRUE(scanner.Next(event));
  EXPECT_FALSE(event.truncated);
  EXPECT_EQ(event.key, "b");
}

TEST(ScannerTest, AllCaps) {
  Scanner scanner("NOOIT Nooit OK A 12");
  Event event;
  std::vector<bool> caps;
  while (scanner.Next(event)) caps.push_back(event.all_caps);
  EXPECT_THAT(caps, ElementsAre(true, false, true, false, false));
}

TEST(ScannerTest, IllFormedUtf8Separates) {
  EXPECT_THAT(Events("kapot\xFF\xFEstuk \xC3"), ElementsAre("kapot", "stuk"));
  EXPECT_THAT(Events("\xE2\x80"), ElementsAre());
  EXPECT_THAT(Events(""), ElementsAre());
}

}  // namespace
}  // namespace webcare::analysis::intent::internal
