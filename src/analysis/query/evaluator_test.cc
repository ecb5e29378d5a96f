#include "analysis/query/evaluator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/query/parser.h"

namespace webcare::analysis::query {
namespace {

bool Matches(std::string_view query, const PostView& post) {
  auto parsed = Parse(query);
  EXPECT_TRUE(parsed.ok()) << query << ": " << parsed.status();
  return parsed.ok() && Filter(*parsed).Matches(post);
}

PostView WithText(std::string_view text) {
  PostView post;
  post.text = text;
  return post;
}

bool TextMatches(std::string_view query, std::string_view text) {
  return Matches(query, WithText(text));
}

TEST(EvaluatorTest, WordsPhrasesAndPrefixes) {
  const std::string_view text = "Weer een storing bij de NS in Utrecht, ov-chipkaart doet het niet";
  EXPECT_TRUE(TextMatches("storing", text));
  EXPECT_FALSE(TextMatches("storingen", text));
  EXPECT_TRUE(TextMatches("stor*", text));
  EXPECT_TRUE(TextMatches("\"storing bij de ns\"", text));
  EXPECT_FALSE(TextMatches("\"storing de ns\"", text));
  EXPECT_TRUE(TextMatches("\"bij de n\"*", text));
  EXPECT_TRUE(TextMatches("ov-chipkaart", text));
  EXPECT_TRUE(TextMatches("\"ov chipkaart\"", text));  // Punctuation does not matter.
  EXPECT_TRUE(TextMatches("ov-chip*", text));
  EXPECT_FALSE(TextMatches("chipkaart-ov", text));
  EXPECT_FALSE(TextMatches("stor", text));  // Whole tokens only, unless a prefix.
}

TEST(EvaluatorTest, CaseAndAccentsDoNotMatter) {
  EXPECT_TRUE(TextMatches("cafe", "Koffie in het café"));
  EXPECT_TRUE(TextMatches("CAFÉ", "koffie in het cafe"));
  EXPECT_TRUE(TextMatches("coordinatie", "Slechte coördinatie!"));
  EXPECT_TRUE(TextMatches("\"een keer\"", "Eén keer nog"));
  EXPECT_TRUE(TextMatches("naïe*", "NAIEVE vraag"));
}

TEST(EvaluatorTest, BooleanOperators) {
  const std::string_view text = "storing op het spoor bij Utrecht";
  EXPECT_TRUE(TextMatches("storing utrecht", text));
  EXPECT_FALSE(TextMatches("storing amsterdam", text));
  EXPECT_TRUE(TextMatches("storing OR amsterdam", text));
  EXPECT_TRUE(TextMatches("amsterdam OR (spoor utrecht)", text));
  EXPECT_FALSE(TextMatches("storing -utrecht", text));
  EXPECT_FALSE(TextMatches("storing NOT \"bij utrecht\"", text));
  EXPECT_TRUE(TextMatches("storing -\"utrecht bij\"", text));
  EXPECT_TRUE(TextMatches("storing -(utrecht amsterdam)", text));
  EXPECT_FALSE(TextMatches("storing -(utrecht OR amsterdam)", text));
  EXPECT_TRUE(TextMatches("storing (-amsterdam -rotterdam)", text));
}

TEST(EvaluatorTest, NearCountsTokensBetween) {
  const std::string_view text = "storing bij station Utrecht Centraal";  // 0 1 2 3 4
  EXPECT_TRUE(TextMatches("storing NEAR/2 utrecht", text));              // Two tokens between.
  EXPECT_FALSE(TextMatches("storing NEAR/1 utrecht", text));
  EXPECT_TRUE(TextMatches("utrecht NEAR/2 storing", text));          // Either order.
  EXPECT_TRUE(TextMatches("storing NEAR/0 bij", text));              // Adjacent.
  EXPECT_TRUE(TextMatches("\"storing bij\" NEAR/1 utrecht", text));  // From the phrase's end.
  EXPECT_FALSE(TextMatches("\"storing bij\" NEAR/0 utrecht", text));
  EXPECT_TRUE(TextMatches("utrecht NEAR/1 \"storing bij\"", text));
  EXPECT_TRUE(TextMatches("stor* NEAR/2 utr*", text));
  EXPECT_TRUE(TextMatches("storing NEAR/0 storing", text));  // A phrase is near itself.
  EXPECT_TRUE(TextMatches("storing NEAR utrecht", text));    // Default distance 10.
  EXPECT_FALSE(TextMatches("storing NEAR/2 amsterdam", text));
  EXPECT_TRUE(TextMatches("storing NEAR/3 centraal", "centraal x storing y z w centraal"));
}

TEST(EvaluatorTest, HashtagsAndMentions) {
  const std::string_view tagged =
      "Alweer #Storing bij @NS_online en @anna@mastodon.social #NS_fail";
  const std::string_view plain = "Alweer storing bij NS";
  EXPECT_TRUE(TextMatches("#storing", tagged));
  EXPECT_FALSE(TextMatches("#storing", plain));  // A hashtag matches only the hashtag,
  EXPECT_TRUE(TextMatches("storing", tagged));   // a word both the word and the tag's text.
  EXPECT_TRUE(TextMatches("storing", plain));
  EXPECT_TRUE(TextMatches("#STÖRING", tagged));
  EXPECT_FALSE(TextMatches("#fail", tagged));  // Whole tags: #NS_fail is not #fail,
  EXPECT_TRUE(TextMatches("fail", tagged));    // though its text holds the word.
  EXPECT_TRUE(TextMatches("#ns_f*", tagged));
  EXPECT_TRUE(TextMatches("@ns_online", tagged));
  EXPECT_FALSE(TextMatches("@ns", tagged));
  EXPECT_TRUE(TextMatches("@ns*", tagged));
  EXPECT_TRUE(TextMatches("@anna", tagged));  // Any server.
  EXPECT_TRUE(TextMatches("@Anna@Mastodon.social", tagged));
  EXPECT_FALSE(TextMatches("@anna@x.nl", tagged));
  EXPECT_FALSE(TextMatches("@example", "mail anna@example.nl"));
}

TEST(EvaluatorTest, Fields) {
  const std::vector<std::string> streams = {"Storingen", "OV"};
  PostView post = WithText("Is de storing al opgelost?");
  post.language = "nl";
  post.network = "mastodon";
  post.channel = "mastodon:@ovpas@mastodon.social";
  post.author_handle = "@Anna@mastodon.social";
  post.author_name = "Anna de Vries";
  post.followers = 12000;
  post.sentiment = "negative";
  post.is_question = true;
  post.has_link = true;
  post.streams = streams;
  EXPECT_TRUE(Matches("lang:nl", post));
  EXPECT_TRUE(Matches("lang:NL", post));
  EXPECT_FALSE(Matches("lang:en", post));
  EXPECT_TRUE(Matches("network:mastodon", post));
  EXPECT_FALSE(Matches("network:x", post));
  EXPECT_TRUE(Matches("channel:mastodon:@ovpas@mastodon.social", post));
  EXPECT_FALSE(Matches("channel:x:@ovpas", post));
  EXPECT_TRUE(Matches("author:@anna", post));
  EXPECT_TRUE(Matches("author:anna", post));
  EXPECT_TRUE(Matches("author:@anna@mastodon.social", post));
  EXPECT_TRUE(Matches("author:\"anna de vries\"", post));
  EXPECT_FALSE(Matches("author:@ann", post));
  EXPECT_FALSE(Matches("author:\"Anna de\"", post));
  EXPECT_TRUE(Matches("sentiment:negative", post));
  EXPECT_FALSE(Matches("sentiment:positive", post));
  EXPECT_TRUE(Matches("is:question has:link", post));
  EXPECT_FALSE(Matches("is:reply", post));
  EXPECT_FALSE(Matches("is:private", post));
  EXPECT_FALSE(Matches("has:attachment", post));
  EXPECT_TRUE(Matches("stream:storingen", post));
  EXPECT_FALSE(Matches("stream:storing", post));
  EXPECT_TRUE(Matches("storing lang:nl -is:reply", post));
  EXPECT_TRUE(Matches("(lang:en OR lang:nl) followers:>10k", post));
}

TEST(EvaluatorTest, FollowerComparisons) {
  const auto with = [](int64_t followers) {
    PostView post = WithText("x");
    post.followers = followers;
    return post;
  };
  EXPECT_TRUE(Matches("followers:>10000", with(10001)));
  EXPECT_FALSE(Matches("followers:>10000", with(10000)));
  EXPECT_TRUE(Matches("followers:>=10000", with(10000)));
  EXPECT_TRUE(Matches("followers:<5", with(4)));
  EXPECT_FALSE(Matches("followers:<5", with(5)));
  EXPECT_TRUE(Matches("followers:<=5", with(5)));
  EXPECT_TRUE(Matches("followers:5", with(5)));
  EXPECT_FALSE(Matches("followers:=5", with(6)));
  EXPECT_TRUE(Matches("followers:1000..5000", with(1000)));
  EXPECT_TRUE(Matches("followers:1000..5000", with(5000)));
  EXPECT_FALSE(Matches("followers:1000..5000", with(5001)));
  EXPECT_FALSE(Matches("followers:<5", with(-1)));    // Unknown reach matches no comparison,
  EXPECT_TRUE(Matches("x -followers:<5", with(-1)));  // so its negation always does.
}

TEST(EvaluatorTest, SharesOneAnalysisBetweenFilters) {
  const PostView post = WithText("#storing in Utrecht");
  const AnalysedText text = AnalyseText(post.text);
  const Filter first(*Parse("#storing"));
  const Filter second(*Parse("utrecht NEAR/1 storing"));
  EXPECT_TRUE(first.Matches(post, text));
  EXPECT_TRUE(second.Matches(post, text));
}

}  // namespace
}  // namespace webcare::analysis::query
