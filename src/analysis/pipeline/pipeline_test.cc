#include "analysis/pipeline/pipeline.h"

#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace webcare::analysis {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

core::NewPost Post(std::string text, int64_t followers = 50) {
  core::NewPost post;
  post.network = "x";
  post.channel = "x:@ovpas";
  post.external_id = "1";
  post.author = {.network = "x", .handle = "@reiziger", .name = "Reiziger", .followers = followers};
  post.text = std::move(text);
  return post;
}

core::Stream Stream(int64_t id, std::string name, std::string query, int64_t team = 0, int weight = 0) {
  return core::Stream{.id = core::StreamId(id),
                      .name = std::move(name),
                      .query = std::move(query),
                      .owner_team = core::TeamId(team),
                      .priority_weight = weight};
}

TEST(ContainsLinkTest, FindsWebLinksOnly) {
  EXPECT_TRUE(ContainsLink("zie https://ovpas.nl/storing"));
  EXPECT_TRUE(ContainsLink("HTTP://EXAMPLE.NL"));
  EXPECT_TRUE(ContainsLink("kijk op www.ovpas.nl"));
  EXPECT_FALSE(ContainsLink("de www. is kapot"));
  EXPECT_FALSE(ContainsLink("awww.leuk"));
  EXPECT_FALSE(ContainsLink("http is een protocol"));
  EXPECT_FALSE(ContainsLink(""));
}

TEST(PipelineTest, AnalysesLanguageSentimentIntentAndTags) {
  Pipeline pipeline;
  const PostAnalysis analysis =
      pipeline.Analyze(Post("Alweer een storing bij het inchecken, dit is echt slecht #ovfail @ovpas"));
  EXPECT_EQ(analysis.language.code, "nl");
  EXPECT_EQ(analysis.sentiment.label, sentiment::SentimentLabel::kNegative);
  EXPECT_FALSE(analysis.sentiment.explanation.empty());
  EXPECT_EQ(analysis.intent.intent, intent::Intent::kComplaint);
  EXPECT_EQ(analysis.tags, " #ovfail @ovpas ");
  EXPECT_THAT(analysis.streams, IsEmpty());
  EXPECT_GT(analysis.routing.priority, 0);
  EXPECT_FALSE(analysis.routing.reasons.empty());
}

TEST(PipelineTest, MatchesStreamsAndRoutesToTheOwnerTeam) {
  Pipeline pipeline;
  const core::Stream streams[] = {Stream(1, "Storingen", "storing* OR #storing", 7, 20),
                                  Stream(2, "Lof", "bedankt OR top", 8),
                                  Stream(3, "Engels", "lang:en", 9)};
  ASSERT_TRUE(pipeline.SetStreams(streams).ok());
  const PostAnalysis analysis = pipeline.Analyze(Post("Weer storingen op het station in Utrecht"));
  EXPECT_THAT(analysis.streams, ElementsAre(Field(&StreamHit::name, "Storingen")));
  EXPECT_EQ(analysis.routing.team, 7);
  const PostAnalysis english = pipeline.Analyze(Post("Thanks a lot, the app works great now"));
  EXPECT_THAT(english.streams, ElementsAre(Field(&StreamHit::id, 3)));
}

TEST(PipelineTest, StreamWeightRaisesPriority) {
  Pipeline plain;
  Pipeline weighted;
  const core::Stream heavy[] = {Stream(1, "Storingen", "storing", 0, 30)};
  ASSERT_TRUE(weighted.SetStreams(heavy).ok());
  const core::NewPost post = Post("Is er een storing bij de poortjes?");
  EXPECT_EQ(weighted.Analyze(post).routing.priority - plain.Analyze(post).routing.priority, 30);
}

TEST(PipelineTest, InactiveStreamsMatchNothing) {
  Pipeline pipeline;
  core::Stream stream = Stream(1, "Storingen", "storing");
  stream.active = false;
  ASSERT_TRUE(pipeline.SetStreams({&stream, 1}).ok());
  EXPECT_THAT(pipeline.Analyze(Post("storing")).streams, IsEmpty());
}

TEST(PipelineTest, RefusesABadStreamAndKeepsTheCurrentSet) {
  Pipeline pipeline;
  const core::Stream good[] = {Stream(1, "Storingen", "storing")};
  ASSERT_TRUE(pipeline.SetStreams(good).ok());
  const core::Stream bad[] = {Stream(2, "Kapot", "\"kapot")};
  const absl::Status status = pipeline.SetStreams(bad);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("stream \"Kapot\""));
  EXPECT_THAT(status.message(), HasSubstr("column"));
  const core::Stream nested[] = {Stream(3, "Afgeleid", "stream:Storingen")};
  EXPECT_EQ(pipeline.SetStreams(nested).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(pipeline.Analyze(Post("storing")).streams.size(), 1u);
}

TEST(PipelineTest, RulesChangeThePriority) {
  Pipeline pipeline;
  routing::RoutingRules rules;
  rules.base = 0;
  rules.negative_sentiment = 0;
  rules.positive_sentiment = 0;
  rules.question = 0;
  rules.complaint = 0;
  rules.influence_max = 0;
  rules.private_message = 0;
  pipeline.SetRules(rules);
  EXPECT_EQ(pipeline.Rules(), rules);
  EXPECT_EQ(pipeline.Analyze(Post("Waarom is er weer een storing?!", 500000)).routing.priority, 0);
}

TEST(PipelineTest, OutboundPostsGetNoPriorityAndNoStreams) {
  Pipeline pipeline;
  const core::Stream streams[] = {Stream(1, "Storingen", "storing")};
  ASSERT_TRUE(pipeline.SetStreams(streams).ok());
  core::NewPost post = Post("Wat vervelend, die storing! We kijken ernaar. ^MB");
  post.direction = core::Direction::kOutbound;
  const PostAnalysis analysis = pipeline.Analyze(post);
  EXPECT_EQ(analysis.routing.priority, 0);
  EXPECT_THAT(analysis.streams, IsEmpty());
  EXPECT_EQ(analysis.language.code, "nl");  // Everything else is still analysed.
}

TEST(PipelineTest, ToClassificationKeepsEverything) {
  Pipeline pipeline;
  const core::Stream streams[] = {Stream(4, "Storingen", "storing", 2, 10)};
  ASSERT_TRUE(pipeline.SetStreams(streams).ok());
  const PostAnalysis analysis = pipeline.Analyze(Post("Storing! Zie https://ovpas.nl, waarom?"));
  const core::PostClassification stored = ToClassification(analysis);
  EXPECT_TRUE(stored.analysed);
  EXPECT_EQ(stored.language, analysis.language.code);
  EXPECT_EQ(stored.sentiment_label, sentiment::LabelName(analysis.sentiment.label));
  EXPECT_EQ(stored.sentiment_explanation.size(), analysis.sentiment.explanation.size());
  EXPECT_TRUE(stored.has_link);
  EXPECT_TRUE(stored.is_question);
  EXPECT_EQ(stored.intent, intent::IntentName(analysis.intent.intent));
  ASSERT_EQ(stored.streams.size(), 1u);
  EXPECT_EQ(stored.streams[0].id, core::StreamId(4));
  EXPECT_EQ(stored.team, core::TeamId(2));
  EXPECT_EQ(stored.priority, analysis.routing.priority);
  EXPECT_EQ(stored.reasons.size(), analysis.routing.reasons.size());
}

TEST(PipelineTest, StreamsSwapWhileAnalysing) {
  Pipeline pipeline;
  std::atomic<bool> stop = false;
  std::thread reader([&] {
    while (!stop) {
      const PostAnalysis analysis = pipeline.Analyze(Post("storing bij de poortjes"));
      // Either set, never a mix: one stream or none.
      ASSERT_LE(analysis.streams.size(), 1u);
    }
  });
  for (int i = 0; i < 50; ++i) {
    const core::Stream streams[] = {Stream(1, "Storingen", "storing")};
    ASSERT_TRUE(pipeline.SetStreams(i % 2 ? std::span<const core::Stream>() : streams).ok());
  }
  stop = true;
  reader.join();
}

}  // namespace
}  // namespace webcare::analysis
