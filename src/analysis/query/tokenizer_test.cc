#include "analysis/query/tokenizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace webcare::analysis::query {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(TokenizerTest, SplitsOnEverythingButLettersAndDigits) {
  EXPECT_THAT(Tokenize("Storing bij de NS, weer!"),
              ElementsAre("storing", "bij", "de", "ns", "weer"));
  EXPECT_THAT(Tokenize("ov-chipkaart"), ElementsAre("ov", "chipkaart"));
  EXPECT_THAT(Tokenize("#NS_storing @ns_online"), ElementsAre("ns", "storing", "ns", "online"));
  EXPECT_THAT(Tokenize("10:30 2024"), ElementsAre("10", "30", "2024"));
  EXPECT_THAT(Tokenize("https://ns.nl/storing?x=1"),
              ElementsAre("https", "ns", "nl", "storing", "x", "1"));
  EXPECT_THAT(Tokenize("  ...  "), IsEmpty());
  EXPECT_THAT(Tokenize(""), IsEmpty());
}

TEST(TokenizerTest, FoldsCaseAndAccents) {
  EXPECT_THAT(Tokenize("Café CAFÉ café"), ElementsAre("cafe", "cafe", "cafe"));
  EXPECT_THAT(Tokenize("coördinatie één naïef Zoë"),
              ElementsAre("coordinatie", "een", "naief", "zoe"));
  EXPECT_THAT(Tokenize("Ærø straße İstanbul ΣΊΣΥΦΟΣ"),
              ElementsAre("ærø", "straße", "istanbul", "σίσυφοσ"));  // As SQLite folds them.
  EXPECT_THAT(Tokenize("cafe\xCC\x81 x\xCC\x85y"),  // A combining acute joins, U+0305 splits.
              ElementsAre("cafe", "x", "y"));
  EXPECT_THAT(Tokenize("Ǖ ǡ"), ElementsAre("u", "ǡ"));
}

TEST(TokenizerTest, EmojiFollowSqlitesUnicodeVersion) {
  EXPECT_THAT(Tokenize("trein😡vertraagd"), ElementsAre("trein", "vertraagd"));  // Unicode 6.1.
  EXPECT_THAT(Tokenize("top🥰dank"),
              ElementsAre("top🥰dank"));  // Unicode 11: a letter to SQLite.
}

TEST(TokenizerTest, IllFormedUtf8Separates) {
  EXPECT_THAT(Tokenize("caf\xC3 x"), ElementsAre("caf", "x"));
}

TEST(TokenizerTest, ExtractsHashtags) {
  const Tags tags = ExtractTags("#Storing bij #NS_storing, #café! C# a#b &#39; ##x #ov-chip #_ #1");
  EXPECT_THAT(tags.hashtags, ElementsAre("storing", "ns_storing", "cafe", "x", "ov", "1"));
  EXPECT_THAT(tags.mentions, IsEmpty());
}

TEST(TokenizerTest, ExtractsMentions) {
  const Tags tags =
      ExtractTags("@NS_online en @Anna@Mastodon.Social. mail anna@example.nl @bob@ @x@-y (@Zoë)");
  EXPECT_THAT(tags.mentions, ElementsAre("ns_online", "anna@mastodon.social", "bob", "x", "zoe"));
}

TEST(TokenizerTest, TagColumnText) {
  EXPECT_EQ(TagColumnText(ExtractTags("#Storing @ns #fail")), " #storing #fail @ns ");
  EXPECT_EQ(TagColumnText(ExtractTags("geen tags")), "");
}

TEST(TokenizerTest, TagBodies) {
  EXPECT_EQ(HashtagBodyLength("storing"), 7u);
  EXPECT_EQ(HashtagBodyLength("ov-chip"), 2u);
  EXPECT_EQ(HashtagBodyLength("_"), 0u);
  EXPECT_EQ(MentionBodyLength("anna@mastodon.social"), 20u);
  EXPECT_EQ(MentionBodyLength("anna@mastodon.social."), 20u);
  EXPECT_EQ(MentionBodyLength("anna@"), 4u);
  EXPECT_EQ(FoldTag("NS_Störing"), "ns_storing");
}

TEST(TokenizerTest, ClassifiesCodePoints) {
  EXPECT_EQ(ClassifyCodePoint('A').kind, CharClass::kToken);
  EXPECT_EQ(ClassifyCodePoint('A').folded, U'a');
  EXPECT_EQ(ClassifyCodePoint('_').kind, CharClass::kSeparator);
  EXPECT_EQ(ClassifyCodePoint(0x301).kind, CharClass::kDiacritic);
  EXPECT_EQ(ClassifyCodePoint(0xC9).folded, U'e');
  EXPECT_EQ(ClassifyCodePoint(0xE000).kind, CharClass::kToken);  // Private use.
  EXPECT_EQ(ClassifyCodePoint(0x10400).folded, char32_t{0x10428});
  EXPECT_EQ(ClassifyCodePoint(0x110000).kind, CharClass::kSeparator);
}

}  // namespace
}  // namespace webcare::analysis::query
