#include "analysis/routing/routing.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace webcare::analysis::routing {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

sentiment::SentimentResult Sentiment(double score, sentiment::SentimentLabel label) {
  sentiment::SentimentResult result;
  result.score = score;
  result.label = label;
  return result;
}

int Sum(const RoutingDecision& decision) {
  int sum = 0;
  for (const Reason& reason : decision.reasons) sum += reason.points;
  return sum;
}

const Reason* FindReason(const RoutingDecision& decision, std::string_view code) {
  for (const Reason& reason : decision.reasons) {
    if (reason.code == code) return &reason;
  }
  return nullptr;
}

// The points of the reason with `code`; fails the test when there is none.
int Points(const RoutingDecision& decision, std::string_view code) {
  const Reason* reason = FindReason(decision, code);
  if (reason == nullptr) {
    ADD_FAILURE() << "no reason " << code;
    return 0;
  }
  return reason->points;
}

TEST(RulesJsonTest, DefaultsRoundTrip) {
  const RoutingRules defaults;
  EXPECT_EQ(RulesToJson(defaults),
            R"({"base":10,"negative_sentiment":25,"positive_sentiment":-5,"question":15,)"
            R"("complaint":20,"influence_max":25,"customer_value_max":15,"repeat_contact":10,)"
            R"("repeat_contact_max":20,"private_message":5,"influence_max_followers":1000000,)"
            R"("default_team":0})");
  auto parsed = RulesFromJson(RulesToJson(defaults));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, defaults);
}

TEST(RulesJsonTest, EveryKeyRoundTrips) {
  RoutingRules rules;
  rules.base = 1;
  rules.negative_sentiment = 2;
  rules.positive_sentiment = -3;
  rules.question = 4;
  rules.complaint = 5;
  rules.influence_max = 6;
  rules.influence_max_followers = 50'000;
  rules.customer_value_max = 7;
  rules.repeat_contact = 8;
  rules.repeat_contact_max = 9;
  rules.private_message = -10;
  rules.default_team = 42;
  auto parsed = RulesFromJson(RulesToJson(rules));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, rules);
}

TEST(RulesJsonTest, MissingKeysKeepTheirDefaults) {
  auto empty = RulesFromJson("{}");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, RoutingRules());
  auto some = RulesFromJson(R"({"base": 20, "default_team": 3})");
  ASSERT_TRUE(some.ok());
  RoutingRules expected;
  expected.base = 20;
  expected.default_team = 3;
  EXPECT_EQ(*some, expected);
}

TEST(RulesJsonTest, LimitsAreInclusive) {
  EXPECT_TRUE(RulesFromJson(R"({"base": 100, "question": -100})").ok());
  EXPECT_TRUE(RulesFromJson(R"({"repeat_contact_max": 0, "default_team": 0})").ok());
  EXPECT_TRUE(RulesFromJson(R"({"influence_max_followers": 101})").ok());
}

// Each bad document and a fragment its error must contain: the key and what is wrong.
TEST(RulesJsonTest, ErrorsNameTheKey) {
  const std::pair<std::string, std::string> cases[] = {
      {R"({"bsae": 10})", R"("bsae" is not a routing rule)"},
      {R"({"base": 101})", R"("base" must be from -100 to 100 points, got 101)"},
      {R"({"complaint": -101})", R"("complaint" must be from -100 to 100 points, got -101)"},
      {R"({"base": 18446744073709551615})", R"("base" must be from -100 to 100 points)"},
      {R"({"repeat_contact_max": -1})", R"("repeat_contact_max" must be from 0 to 100)"},
      {R"({"question": 1.5})", R"("question" must be a whole number)"},
      {R"({"question": "15"})", R"("question" must be a whole number)"},
      {R"({"question": true})", R"("question" must be a whole number)"},
      {R"({"question": null})", R"("question" must be a whole number)"},
      {R"({"influence_max_followers": -5})", R"("influence_max_followers" must be more than 100)"},
      {R"({"influence_max_followers": 100})", R"("influence_max_followers" must be more than)"},
      {R"({"default_team": -1})", R"("default_team" must be a team id, or 0 for none, got -1)"},
  };
  for (const auto& [json, fragment] : cases) {
    auto parsed = RulesFromJson(json);
    ASSERT_FALSE(parsed.ok()) << json;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << json;
    EXPECT_THAT(std::string(parsed.status().message()), HasSubstr(fragment)) << json;
    EXPECT_THAT(std::string(parsed.status().message()), HasSubstr("routing rules: ")) << json;
  }
}

TEST(RulesJsonTest, NotAnObject) {
  for (std::string_view json : {"", "{", "[1, 2]", "10", "\"base\"", "{\"base\": 10,}"}) {
    auto parsed = RulesFromJson(json);
    ASSERT_FALSE(parsed.ok()) << json;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << json;
  }
  EXPECT_THAT(std::string(RulesFromJson("[1]").status().message()), HasSubstr("JSON object"));
  EXPECT_THAT(std::string(RulesFromJson("{").status().message()), HasSubstr("not valid JSON"));
}

TEST(InfluenceTest, LogScaleFromOneHundredToMax) {
  const RoutingRules rules;  // Max at 1,000,000 followers.
  EXPECT_EQ(Influence(-1, rules), 0);
  EXPECT_EQ(Influence(0, rules), 0);
  EXPECT_EQ(Influence(100, rules), 0);
  EXPECT_NEAR(Influence(1'000, rules), 0.25, 1e-9);
  EXPECT_NEAR(Influence(10'000, rules), 0.5, 1e-9);
  EXPECT_NEAR(Influence(100'000, rules), 0.75, 1e-9);
  EXPECT_EQ(Influence(1'000'000, rules), 1);
  EXPECT_EQ(Influence(50'000'000, rules), 1);
  RoutingRules small;
  small.influence_max_followers = 10'000;
  EXPECT_NEAR(Influence(1'000, small), 0.5, 1e-9);
}

TEST(RouteTest, OutboundGetsNothing) {
  const auto negative = Sentiment(-0.9, sentiment::SentimentLabel::kNegative);
  RoutingInput input;
  input.inbound = false;
  input.sentiment = &negative;
  input.intent.intent = intent::Intent::kComplaint;
  input.followers = 500'000;
  input.streams = {{1, "Storingen", 7, 50}};
  const RoutingDecision decision = Route(input, RoutingRules());
  EXPECT_EQ(decision.priority, 0);
  EXPECT_EQ(decision.team, 0);
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].code, "outbound");
  EXPECT_EQ(decision.reasons[0].points, 0);
}

TEST(RouteTest, PlainPostGetsTheBase) {
  const auto neutral = Sentiment(0, sentiment::SentimentLabel::kNeutral);
  RoutingInput input;
  input.sentiment = &neutral;
  const RoutingDecision decision = Route(input, RoutingRules());
  EXPECT_EQ(decision.priority, 10);
  EXPECT_EQ(decision.team, 0);
  EXPECT_THAT(decision.reasons, ElementsAre(Field(&Reason::code, "base")));
  EXPECT_EQ(decision.reasons[0].text, "inbound post");
}

TEST(RouteTest, NegativeSentimentScalesWithTheScore) {
  for (auto [score, points] : {std::pair{-0.72, 18}, {-1.0, 25}, {-0.4, 10}}) {
    const auto s = Sentiment(score, sentiment::SentimentLabel::kNegative);
    RoutingInput input;
    input.sentiment = &s;
    const RoutingDecision decision = Route(input, RoutingRules());
    EXPECT_EQ(Points(decision, "negative-sentiment"), points) << score;
    EXPECT_EQ(decision.priority, 10 + points);
  }
  const auto s = Sentiment(-0.72, sentiment::SentimentLabel::kNegative);
  RoutingInput input;
  input.sentiment = &s;
  EXPECT_EQ(FindReason(Route(input, RoutingRules()), "negative-sentiment")->text,
            "negative sentiment (-0.72)");
  // A slightly negative score that is not labelled negative gives no points.
  const auto mild = Sentiment(-0.1, sentiment::SentimentLabel::kNeutral);
  input.sentiment = &mild;
  EXPECT_EQ(FindReason(Route(input, RoutingRules()), "negative-sentiment"), nullptr);
  input.sentiment = nullptr;
  EXPECT_EQ(Route(input, RoutingRules()).priority, 10);
}

TEST(RouteTest, PositiveSentimentLowers) {
  const auto s = Sentiment(0.65, sentiment::SentimentLabel::kPositive);
  RoutingInput input;
  input.sentiment = &s;
  input.intent.intent = intent::Intent::kPraise;
  const RoutingDecision decision = Route(input, RoutingRules());
  EXPECT_EQ(Points(decision, "positive-sentiment"), -5);
  EXPECT_EQ(FindReason(decision, "positive-sentiment")->text, "positive sentiment (0.65)");
  EXPECT_EQ(decision.priority, 5);
}

TEST(RouteTest, PositiveWordsInAComplaintDoNotLower) {
  // "Top service hoor, 40 minuten in de wacht 👍": sarcasm scores positive.
  const auto s = Sentiment(0.51, sentiment::SentimentLabel::kPositive);
  RoutingInput input;
  input.sentiment = &s;
  input.intent.intent = intent::Intent::kComplaint;
  const RoutingDecision decision = Route(input, RoutingRules());
  EXPECT_EQ(FindReason(decision, "positive-sentiment"), nullptr);
  EXPECT_EQ(decision.priority, 30);
}

TEST(RouteTest, QuestionAndComplaint) {
  RoutingInput input;
  input.intent.is_question = true;
  input.intent.intent = intent::Intent::kQuestion;
  EXPECT_EQ(Route(input, RoutingRules()).priority, 25);
  input.intent.intent = intent::Intent::kComplaint;
  input.intent.cue = "complaint term 'alweer'";
  const RoutingDecision both = Route(input, RoutingRules());
  EXPECT_EQ(both.priority, 45);
  EXPECT_EQ(Points(both, "question"), 15);
  EXPECT_EQ(Points(both, "complaint"), 20);
  EXPECT_EQ(FindReason(both, "complaint")->text, "complaint (complaint term 'alweer')");
  input.intent.is_question = false;
  input.intent.cue = "";
  const RoutingDecision complaint = Route(input, RoutingRules());
  EXPECT_EQ(complaint.priority, 30);
  EXPECT_EQ(FindReason(complaint, "complaint")->text, "complaint");
  // Praise and information add nothing of their own.
  input.intent.intent = intent::Intent::kPraise;
  EXPECT_EQ(Route(input, RoutingRules()).priority, 10);
}

TEST(RouteTest, InfluenceIsLogScaled) {
  RoutingInput input;
  for (auto [followers, points] :
       {std::pair<int64_t, int>{1'000, 6}, {10'000, 13}, {245'000, 21}, {2'000'000, 25}}) {
    input.followers = followers;
    const RoutingDecision decision = Route(input, RoutingRules());
    EXPECT_EQ(Points(decision, "influence"), points) << followers;
  }
  input.followers = 10'000;
  EXPECT_EQ(FindReason(Route(input, RoutingRules()), "influence")->text,
            "influence (10,000 followers)");
  // Unknown, too few, or too few to earn a whole point.
  for (int64_t followers : {-1, 0, 100, 120}) {
    input.followers = followers;
    EXPECT_EQ(FindReason(Route(input, RoutingRules()), "influence"), nullptr) << followers;
  }
}

TEST(RouteTest, CustomerValue) {
  RoutingInput input;
  input.customer_value = 80;
  const RoutingDecision decision = Route(input, RoutingRules());
  EXPECT_EQ(Points(decision, "customer-value"), 12);
  EXPECT_EQ(FindReason(decision, "customer-value")->text, "customer value (80 of 100)");
  input.customer_value = 250;  // Clamped to 100.
  EXPECT_EQ(Points(Route(input, RoutingRules()), "customer-value"), 15);
  input.customer_value = 0;
  EXPECT_EQ(FindReason(Route(input, RoutingRules()), "customer-value"), nullptr);
  input.customer_value = 3;  // 0.45 points: none.
  EXPECT_EQ(FindReason(Route(input, RoutingRules()), "customer-value"), nullptr);
}

TEST(RouteTest, RepeatContactIsCapped) {
  RoutingInput input;
  input.recent_contacts = 1;
  RoutingDecision decision = Route(input, RoutingRules());
  EXPECT_EQ(Points(decision, "repeat-contact"), 10);
  EXPECT_EQ(FindReason(decision, "repeat-contact")->text,
            "repeat contact (1 earlier post in 7 days)");
  input.recent_contacts = 3;
  decision = Route(input, RoutingRules());
  EXPECT_EQ(Points(decision, "repeat-contact"), 20);
  EXPECT_EQ(FindReason(decision, "repeat-contact")->text,
            "repeat contact (3 earlier posts in 7 days)");
  input.recent_contacts = int64_t{1} << 40;  // No overflow.
  EXPECT_EQ(Points(Route(input, RoutingRules()), "repeat-contact"), 20);
  RoutingRules negative;
  negative.repeat_contact = -15;
  input.recent_contacts = 2;
  EXPECT_EQ(Points(Route(input, negative), "repeat-contact"), -20);
}

TEST(RouteTest, PrivateMessage) {
  RoutingInput input;
  input.is_private = true;
  const RoutingDecision decision = Route(input, RoutingRules());
  EXPECT_EQ(Points(decision, "private-message"), 5);
  EXPECT_EQ(decision.priority, 15);
}

TEST(RouteTest, StreamsAddTheirWeightAndPickTheTeam) {
  RoutingInput input;
  input.streams = {{4, "Facturen", 2, 10}, {9, "Storingen", 7, 20}, {12, "Merk", 0, 30}};
  const RoutingDecision decision = Route(input, RoutingRules());
  // "Merk" weighs most but has no owner team, so Storingen's team gets the post.
  EXPECT_EQ(decision.team, 7);
  EXPECT_EQ(decision.priority, 10 + 10 + 20 + 30);
  std::vector<std::string> texts;
  for (const Reason& reason : decision.reasons) {
    if (reason.code == "stream") texts.push_back(reason.text);
  }
  EXPECT_THAT(texts,
              ElementsAre("stream Facturen (+10)", "stream Storingen (+20)", "stream Merk (+30)"));
}

TEST(RouteTest, TiesGoToTheLowestStreamId) {
  RoutingInput input;
  input.streams = {{8, "B", 3, 10}, {5, "A", 2, 10}, {11, "C", 4, 10}};
  EXPECT_EQ(Route(input, RoutingRules()).team, 2);
}

TEST(RouteTest, NegativeStreamWeightsLower) {
  RoutingInput input;
  input.streams = {{1, "Ruis", 3, -8}};
  const RoutingDecision decision = Route(input, RoutingRules());
  EXPECT_EQ(decision.priority, 2);
  EXPECT_EQ(decision.team, 3);
  EXPECT_EQ(decision.reasons.back().text, "stream Ruis (-8)");
}

TEST(RouteTest, DefaultTeamWhenNoStreamHasAnOwner) {
  RoutingRules rules;
  rules.default_team = 5;
  RoutingInput input;
  EXPECT_EQ(Route(input, rules).team, 5);
  input.streams = {{1, "Merk", 0, 10}};
  EXPECT_EQ(Route(input, rules).team, 5);
  input.streams.push_back({2, "Storingen", 6, 0});
  EXPECT_EQ(Route(input, rules).team, 6);
}

TEST(RouteTest, PriorityIsClampedButReasonsKeepTheirPoints) {
  const auto angry = Sentiment(-0.95, sentiment::SentimentLabel::kNegative);
  RoutingInput input;
  input.sentiment = &angry;
  input.intent = {intent::Intent::kComplaint, true, "complaint term 'alweer'"};
  input.followers = 245'000;
  input.customer_value = 90;
  input.recent_contacts = 4;
  input.is_private = true;
  input.streams = {{1, "Storingen", 7, 20}};
  const RoutingDecision high = Route(input, RoutingRules());
  EXPECT_EQ(high.priority, 100);
  EXPECT_EQ(Sum(high), 10 + 24 + 15 + 20 + 21 + 14 + 20 + 5 + 20);

  RoutingRules low;
  low.base = -50;
  RoutingInput plain;
  const RoutingDecision clamped = Route(plain, low);
  EXPECT_EQ(clamped.priority, 0);
  EXPECT_EQ(Sum(clamped), -50);
}

TEST(RouteTest, UnclampedPriorityIsTheSumOfTheReasons) {
  const auto s = Sentiment(-0.5, sentiment::SentimentLabel::kNegative);
  RoutingInput input;
  input.sentiment = &s;
  input.intent = {intent::Intent::kQuestion, true, "question mark"};
  input.followers = 2'000;
  input.streams = {{3, "Facturen", 2, 5}};
  const RoutingDecision decision = Route(input, RoutingRules());
  EXPECT_EQ(decision.priority, Sum(decision));
  EXPECT_EQ(decision.priority, 10 + 13 + 15 + 8 + 5);
}

}  // namespace
}  // namespace webcare::analysis::routing
