#include "inbox/reply_length.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace webcare::inbox {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

int XCount(std::string_view text) { return CountReply("x", false, text).count; }
int MastodonCount(std::string_view text) { return CountReply("mastodon", false, text).count; }

std::string Repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out.append(piece);
  return out;
}

TEST(ReplyLengthTest, XPublicIs280WeightedCharacters) {
  const ReplyLength length = CountReply("x", false, "Hallo!");
  EXPECT_EQ(length.count, 6);
  EXPECT_EQ(length.limit, 280);
  EXPECT_EQ(length.counting, "X weighted characters, links count 23");
  EXPECT_TRUE(CountReply("x", false, Repeat("a", 280)).fits());
  EXPECT_FALSE(CountReply("x", false, Repeat("a", 281)).fits());
  EXPECT_EQ(CountReply("twitter", false, "Hallo!").limit, 280);
  EXPECT_EQ(CountReply("X", false, "Hallo!").limit, 280);
}

TEST(ReplyLengthTest, XWeighsCjkAndOtherCodePointsTwo) {
  EXPECT_EQ(XCount("你好"), 4);
  EXPECT_EQ(XCount("こんにちは"), 10);
  EXPECT_EQ(XCount("안녕"), 4);
  EXPECT_TRUE(CountReply("x", false, Repeat("好", 140)).fits());
  EXPECT_FALSE(CountReply("x", false, Repeat("好", 141)).fits());
  // Latin, Greek, Cyrillic, Hebrew and Arabic are in U+0000-U+10FF.
  EXPECT_EQ(XCount("café Ωμέγα привет שלום مرحبا"), 28);
  // Punctuation ranges that weigh 1: U+2014 em dash, U+201C/U+201D quotes, U+2032 prime.
  EXPECT_EQ(XCount("\u2014\u201C\u201D\u2032"), 4);
  // Just outside them: U+2026 ellipsis, U+20AC euro sign, U+2122 trade mark.
  EXPECT_EQ(XCount("\u2026\u20AC\u2122"), 6);
}

TEST(ReplyLengthTest, XNormalisesToNfcFirst) {
  // "e" + combining acute is two code points of weight 1; NFC makes it the single "é".
  EXPECT_EQ(XCount("cafe\u0301"), 4);
  EXPECT_EQ(CountReply("facebook", false, "cafe\u0301").count, 4);
  // Hangul jamo compose to one syllable (weight 2) instead of three jamo (weight 2 each).
  EXPECT_EQ(XCount("\u1100\u1161\u11A8"), 2);
  EXPECT_EQ(CountReply("forum", false, "\u1100\u1161\u11A8").count, 1);
}

TEST(ReplyLengthTest, XCountsAWholeEmojiAsTwo) {
  EXPECT_EQ(XCount("😀"), 2);
  // Skin tone.
  EXPECT_EQ(XCount("👍🏽"), 2);
  // Family: a ZWJ sequence of 7 code points.
  EXPECT_EQ(XCount("👨‍👩‍👧‍👦"), 2);
  // Woman technologist; woman running, where the text-style ♀ is joined by ZWJ.
  EXPECT_EQ(XCount("👩‍💻"), 2);
  EXPECT_EQ(XCount("🏃\u200D♀\uFE0F"), 2);
  // Flags: two regional indicators each.
  EXPECT_EQ(XCount("🇳🇱"), 2);
  EXPECT_EQ(XCount("🇳🇱🇧🇪"), 4);
  // England: a black flag, the tag letters "gbeng" and a cancel tag.
  EXPECT_EQ(XCount("🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"), 2);
  // Keycaps, with and without VS16; a red heart with emoji presentation.
  EXPECT_EQ(XCount("1\uFE0F\u20E3"), 2);
  EXPECT_EQ(XCount("#\u20E3"), 2);
  EXPECT_EQ(XCount("\u2764\uFE0F"), 2);
  EXPECT_EQ(XCount("Hoi 👋🏻!"), 7);
  // Without emoji presentation © is a Latin-1 character of weight 1, and a digit is a digit.
  EXPECT_EQ(XCount("© 1"), 3);
  EXPECT_TRUE(CountReply("x", false, Repeat("👨‍👩‍👧‍👦", 140)).fits());
  EXPECT_FALSE(CountReply("x", false, Repeat("👨‍👩‍👧‍👦", 141)).fits());
}

TEST(ReplyLengthTest, XCountsEveryLinkAs23) {
  const std::string long_link =
      "https://www.bol.com/nl/nl/p/ov-chipkaart-hoesje-met-sleutelhanger/9200000012345678/";
  EXPECT_EQ(XCount(long_link), 23);
  EXPECT_EQ(XCount("Zie " + long_link + " voor de hoesjes."), 4 + 23 + 17);
  EXPECT_EQ(XCount("Zie bol.com/x"), 4 + 23);
  EXPECT_EQ(XCount("bol.com"), 23);
  EXPECT_EQ(XCount("http://a.co"), 23);
  EXPECT_EQ(XCount("Kijk op https://example.org/a?b=c#d."), 8 + 23 + 1);
  EXPECT_EQ(XCount("ov-chipkaart.nl en www.ns.nl"), 23 + 4 + 23);
  // Not links: an e-mail address, abbreviations, a missing space after a full stop.
  EXPECT_EQ(XCount("info@bol.com"), 12);
  EXPECT_EQ(XCount("e.g. dit"), 8);
  EXPECT_EQ(XCount("Mr.Smith"), 8);
  const std::string many = Repeat(long_link + " ", 11);  // 11 × 24 = 264.
  EXPECT_EQ(XCount(many), 264);
  EXPECT_TRUE(CountReply("x", false, many).fits());
}

TEST(ReplyLengthTest, FindsLinksWithAndWithoutScheme) {
  EXPECT_THAT(FindLinks("Zie bol.com/x en https://www.ns.nl/reizen?a=1.", false),
              ElementsAre("bol.com/x", "https://www.ns.nl/reizen?a=1"));
  EXPECT_THAT(FindLinks("Zie bol.com/x en https://www.ns.nl/reizen?a=1.", true),
              ElementsAre("https://www.ns.nl/reizen?a=1"));
  // Brackets opened inside the path belong to it; the one around the link does not.
  EXPECT_THAT(FindLinks("(zie https://nl.wikipedia.org/wiki/Utrecht_(stad))", false),
              ElementsAre("https://nl.wikipedia.org/wiki/Utrecht_(stad)"));
  EXPECT_THAT(FindLinks("www.bol.com.Zie je", false), ElementsAre("www.bol.com"));
  EXPECT_THAT(FindLinks("HTTPS://BOL.COM, t.co/abc!", false),
              ElementsAre("HTTPS://BOL.COM", "t.co/abc"));
  EXPECT_THAT(FindLinks("http://192.168.1.10:8080/status", false),
              ElementsAre("http://192.168.1.10:8080/status"));
  EXPECT_THAT(FindLinks("https://bücher.de/straße", false),
              ElementsAre("https://bücher.de/straße"));
  EXPECT_THAT(FindLinks("看bol.com/x。好", false), ElementsAre("bol.com/x"));
  EXPECT_THAT(FindLinks("https://bol.com/x😀", false), ElementsAre("https://bol.com/x"));
  EXPECT_THAT(FindLinks("om 10.30 uur, zie bol.com: nu", false), ElementsAre("bol.com"));
  EXPECT_THAT(FindLinks("https:// #bol.com $bol.com e.g. mail@ns.nl hoi.zzz", false), IsEmpty());
}

TEST(ReplyLengthTest, XDirectMessageIs10000CodePoints) {
  const ReplyLength length = CountReply("x", true, "你好 https://example.org/x");
  EXPECT_EQ(length.count, 24);
  EXPECT_EQ(length.limit, 10'000);
  EXPECT_EQ(length.counting, "characters");
}

TEST(ReplyLengthTest, MastodonIs500WithLinksAs23AndMentionsWithoutDomain) {
  for (bool is_private : {false, true}) {
    const ReplyLength length = CountReply("mastodon", is_private, "Hoi");
    EXPECT_EQ(length.limit, 500);
    EXPECT_EQ(length.counting, "characters, links count 23, mentions without their domain");
  }
  EXPECT_EQ(MastodonCount("@anna@social.example hoi"), 9);  // "@anna hoi".
  EXPECT_EQ(MastodonCount("@anna hoi"), 9);
  EXPECT_EQ(MastodonCount("Hoi @anna.de_vries@mastodon.nl."), 4 + 14 + 1);
  EXPECT_EQ(MastodonCount("mail anna@example.org"), 21);  // An address, not a mention.
  EXPECT_EQ(MastodonCount("Zie https://example.org/a/very/long/path/that/keeps/going"), 4 + 23);
  // Mastodon counts only links with a scheme as 23.
  EXPECT_EQ(MastodonCount("bol.com/x"), 9);
  // Code points, not weights: CJK is 1, an emoji sequence is each of its code points.
  EXPECT_EQ(MastodonCount("你好"), 2);
  EXPECT_EQ(MastodonCount("👍🏽"), 2);
  EXPECT_EQ(MastodonCount("cafe\u0301"), 4);
  EXPECT_TRUE(CountReply("mastodon", false, Repeat("@a@b.example ", 100)).fits());  // 300.
  EXPECT_FALSE(CountReply("mastodon", false, Repeat("x", 501)).fits());
}

TEST(ReplyLengthTest, OtherNetworksCountCodePoints) {
  const std::string text = "Hoi 👋 https://example.org/heel/lang";  // 4 + 1 + 1 + 29.
  struct Case {
    std::string_view network;
    bool is_private;
    int limit;
  };
  for (const Case& c :
       {Case{"facebook", false, 8'000}, Case{"facebook", true, 2'000},
        Case{"instagram", false, 2'200}, Case{"instagram", true, 1'000},
        Case{"email", false, 100'000}, Case{"e-mail", true, 100'000}, Case{"forum", false, 20'000},
        Case{"linkedin", false, 5'000}, Case{"", true, 5'000}, Case{"Facebook", false, 8'000}}) {
    SCOPED_TRACE(c.network);
    const ReplyLength length = CountReply(c.network, c.is_private, text);
    EXPECT_EQ(length.count, 35);
    EXPECT_EQ(length.limit, c.limit);
    EXPECT_EQ(length.counting, "characters");
  }
  EXPECT_TRUE(CountReply("instagram", true, Repeat("é", 1'000)).fits());
  EXPECT_FALSE(CountReply("instagram", true, Repeat("é", 1'001)).fits());
}

TEST(ReplyLengthTest, IllFormedUtf8CountsReplacementCharacters) {
  // Each ill-formed sequence becomes U+FFFD, which weighs 2 on X.
  EXPECT_EQ(CountReply("facebook", false, "ab\xFF").count, 3);
  EXPECT_EQ(XCount("ab\xFF"), 4);
  EXPECT_EQ(CountReply("forum", false, "a\xC3").count, 2);            // Cut off.
  EXPECT_EQ(CountReply("forum", false, "\xF0\x9F\x98 ok").count, 4);  // Cut-off emoji.
  EXPECT_EQ(CountReply("forum", false, "\xED\xA0\x80").count, 3);     // Surrogate.
  EXPECT_EQ(MastodonCount("@anna@\xFF.example"), 15);                 // No domain: counted in full.
  // Every byte value, in every position, without crashing.
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  EXPECT_THAT(FindLinks(bytes, false), IsEmpty());
  for (std::string_view network : {"x", "mastodon", "facebook"}) {
    EXPECT_GT(CountReply(network, false, bytes + bytes).count, 256);
  }
}

TEST(ReplyLengthTest, EmptyTextFitsEverywhere) {
  for (std::string_view network : {"x", "mastodon", "facebook", "other"}) {
    EXPECT_EQ(CountReply(network, false, "").count, 0);
    EXPECT_TRUE(CountReply(network, false, "").fits());
  }
}

}  // namespace
}  // namespace webcare::inbox
