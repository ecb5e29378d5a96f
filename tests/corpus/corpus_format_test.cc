#include <string>

#include "corpus/corpus.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace webcare::corpus {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::string_view kSetup = R"(# Teams first.
team: Webcare
team: Techniek
default team: Webcare
rules: {"question": 20}

== Storingen
team: Techniek
weight: 15
query: storing* OR
  uitval
== Merk
query: ovpas
)";

CorpusSetup TestSetup() {
  auto setup = ParseSetup(kSetup, "streams.def");
  EXPECT_TRUE(setup.ok()) << setup.status();
  return *setup;
}

std::string SetupError(std::string_view text) {
  auto setup = ParseSetup(text, "streams.def");
  EXPECT_FALSE(setup.ok()) << text;
  return std::string(setup.status().message());
}

std::string CaseError(std::string_view text) {
  auto cases = ParseCases(text, "x.case", TestSetup());
  EXPECT_FALSE(cases.ok()) << text;
  return std::string(cases.status().message());
}

constexpr std::string_view kExpectations = R"(expect language: nl
expect sentiment: negative
expect intent: complaint
expect question: no
expect streams: Storingen
expect team: Techniek
expect priority: 50..80
)";

TEST(SetupTest, TeamsStreamsAndRules) {
  const CorpusSetup setup = TestSetup();
  ASSERT_EQ(setup.teams.size(), 2u);
  EXPECT_EQ(setup.TeamId("Techniek"), 2);
  EXPECT_EQ(setup.TeamName(1), "Webcare");
  EXPECT_EQ(setup.TeamName(0), "none");
  ASSERT_EQ(setup.streams.size(), 2u);
  EXPECT_EQ(setup.streams[0].id.value(), 1);
  EXPECT_EQ(setup.streams[0].name, "Storingen");
  EXPECT_EQ(setup.streams[0].query, "storing* OR uitval");  // Indented lines continue.
  EXPECT_EQ(setup.streams[0].owner_team.value(), 2);
  EXPECT_EQ(setup.streams[0].priority_weight, 15);
  EXPECT_EQ(setup.streams[1].owner_team.value(), 0);
  EXPECT_EQ(setup.streams[1].colour, "#6b7280");
  EXPECT_EQ(setup.rules.default_team, 1);
  EXPECT_EQ(setup.rules.question, 20);
  EXPECT_EQ(setup.rules.base, analysis::routing::RoutingRules().base);
}

TEST(SetupTest, Errors) {
  EXPECT_THAT(SetupError("== A\nteam: Nobody\nquery: a\n"),
              HasSubstr("streams.def:2: unknown team \"Nobody\""));
  EXPECT_THAT(SetupError("== A\nquery: a\n== A\nquery: b\n"),
              HasSubstr("streams.def:3: stream \"A\" twice"));
  EXPECT_THAT(SetupError("== A\nweight: 5\n"), HasSubstr("streams.def:1: a stream needs a query"));
  EXPECT_THAT(SetupError("== A\nquery: a\nwieght: 5\n"),
              HasSubstr("streams.def:3: unknown stream key \"wieght\""));
  EXPECT_THAT(SetupError("== A\nquery: a\nweight: veel\n"), HasSubstr("weight: needs a whole"));
  EXPECT_THAT(SetupError("rules: {\"bsae\": 1}\n== A\nquery: a\n"),
              HasSubstr("streams.def:1: routing rules: \"bsae\" is not a routing rule"));
  EXPECT_THAT(SetupError("default team: PR\n== A\nquery: a\n"),
              HasSubstr("streams.def:1: unknown team \"PR\""));
  EXPECT_THAT(SetupError("team: A\n"), HasSubstr("no streams"));
  EXPECT_THAT(SetupError("colour: red\n== A\nquery: a\n"), HasSubstr("unknown setting"));
}

TEST(CasesTest, OneCaseWithDefaults) {
  const std::string text =
      "# A comment.\n== storing bij inchecken\nfollowers: 120\n"
      "post: Storing: ik kan niet inchecken!\n" +
      std::string(kExpectations);
  auto cases = ParseCases(text, "storingen.case", TestSetup());
  ASSERT_TRUE(cases.ok()) << cases.status();
  ASSERT_EQ(cases->size(), 1u);
  const Case& c = (*cases)[0];
  EXPECT_EQ(c.file, "storingen.case");
  EXPECT_EQ(c.line, 2);
  EXPECT_EQ(c.title, "storing bij inchecken");
  EXPECT_EQ(c.text, "Storing: ik kan niet inchecken!");  // The colon in the post stays.
  EXPECT_EQ(c.network, "x");
  EXPECT_EQ(c.channel, "x:@ovpas");
  EXPECT_EQ(c.author, "@klant2");
  EXPECT_EQ(c.followers, 120);
  EXPECT_FALSE(c.is_private);
  EXPECT_EQ(c.language, "nl");
  EXPECT_EQ(c.sentiment, "negative");
  EXPECT_EQ(c.intent, "complaint");
  EXPECT_FALSE(c.question);
  EXPECT_THAT(c.streams, ElementsAre("Storingen"));
  EXPECT_EQ(c.team, "Techniek");
  EXPECT_EQ(c.priority_min, 50);
  EXPECT_EQ(c.priority_max, 80);
}

TEST(CasesTest, EveryPostKeyAndAMultiLinePost) {
  const std::string text =
      "== e-mail\nnetwork: email\nchannel: email:klantenservice@ovpas.nl\nauthor: a@example.nl\n"
      "name: A. Klant\nprivate: yes\nreply: yes\ndirection: inbound\ncustomer value: 80\n"
      "recent contacts: 2\npost: Beste OV-Pas,\n  \n  Mijn pas is kwijt.\n  Groet\n"
      "expect language: nl\nexpect sentiment: neutral\nexpect intent: question\n"
      "expect question: yes\nexpect streams: Merk, Storingen\nexpect team: none\n"
      "expect priority: 30\n"
      "== outbound\ndirection: outbound\npost: Wij kijken ernaar.\n" +
      std::string(kExpectations);
  auto cases = ParseCases(text, "dm.case", TestSetup());
  ASSERT_TRUE(cases.ok()) << cases.status();
  ASSERT_EQ(cases->size(), 2u);
  const Case& c = (*cases)[0];
  EXPECT_EQ(c.network, "email");
  EXPECT_EQ(c.channel, "email:klantenservice@ovpas.nl");
  EXPECT_EQ(c.author, "a@example.nl");
  EXPECT_EQ(c.author_name, "A. Klant");
  EXPECT_TRUE(c.is_private);
  EXPECT_TRUE(c.reply);
  EXPECT_FALSE(c.outbound);
  EXPECT_EQ(c.customer_value, 80);
  EXPECT_EQ(c.recent_contacts, 2);
  // A blank line between indented lines is a paragraph break.
  EXPECT_EQ(c.text, "Beste OV-Pas,\n\nMijn pas is kwijt.\nGroet");
  EXPECT_THAT(c.streams, ElementsAre("Merk", "Storingen"));
  EXPECT_EQ(c.team, "none");
  EXPECT_EQ(c.priority_min, 30);
  EXPECT_EQ(c.priority_max, 30);
  EXPECT_TRUE((*cases)[1].outbound);
}

TEST(CasesTest, IndentedLinesContinueThePost) {
  const std::string text = "== mail\npost: Beste OV-Pas,\n  Mijn pas is kwijt.\n    Groet\n" +
                           std::string(kExpectations);
  auto cases = ParseCases(text, "dm.case", TestSetup());
  ASSERT_TRUE(cases.ok()) << cases.status();
  EXPECT_EQ((*cases)[0].text, "Beste OV-Pas,\nMijn pas is kwijt.\nGroet");
}

TEST(CasesTest, ErrorsNameFileAndLine) {
  const std::string ok_post = "== a\npost: hoi\n";
  EXPECT_THAT(CaseError("== a\npost: hoi\nexpect language: nl\n"),
              HasSubstr("x.case:1: case \"a\" has no \"expect sentiment:\""));
  EXPECT_THAT(CaseError(ok_post + "expect mood: happy\n"),
              HasSubstr("x.case:3: unknown key \"expect mood:\""));
  EXPECT_THAT(CaseError(ok_post + "expect sentiment: negatief\n"),
              HasSubstr("x.case:3: bad value \"negatief\" for expect sentiment"));
  EXPECT_THAT(CaseError(ok_post + "expect intent: klacht\n"), HasSubstr("x.case:3: bad value"));
  EXPECT_THAT(CaseError(ok_post + "expect question: ja\n"), HasSubstr("yes or no"));
  EXPECT_THAT(CaseError(ok_post + "expect streams: Storingen, Onbekend\n"),
              HasSubstr("unknown stream \"Onbekend\""));
  EXPECT_THAT(CaseError(ok_post + "expect streams: Merk, Merk\n"), HasSubstr("named twice"));
  EXPECT_THAT(CaseError(ok_post + "expect team: Kantine\n"), HasSubstr("a team from streams.def"));
  EXPECT_THAT(CaseError(ok_post + "expect priority: 80..50\n"), HasSubstr("a range such as"));
  EXPECT_THAT(CaseError(ok_post + "expect priority: 0..101\n"), HasSubstr("a range such as"));
  EXPECT_THAT(CaseError(ok_post + "followers: veel\n"), HasSubstr("for followers"));
  EXPECT_THAT(CaseError(ok_post + "customer value: 101\n"), HasSubstr("0..100"));
  EXPECT_THAT(CaseError(ok_post + "direction: sideways\n"), HasSubstr("inbound or outbound"));
  EXPECT_THAT(CaseError(ok_post + "post: nog een\n"), HasSubstr("x.case:3: \"post:\" twice"));
  EXPECT_THAT(CaseError(ok_post + "zomaar tekst\n"),
              HasSubstr("x.case:3: expected \"key: value\""));
  EXPECT_THAT(CaseError("post: hoi\n"), HasSubstr("x.case:1: text before the first case"));
  EXPECT_THAT(CaseError("==\n"), HasSubstr("a case needs a title"));
  EXPECT_THAT(CaseError("# nothing\n"), HasSubstr("no cases"));
  EXPECT_THAT(CaseError("== a\npost:\n" + std::string(kExpectations)), HasSubstr("post: is empty"));
}

TEST(FloorsTest, EveryFieldOnce) {
  const std::string all =
      "# floors\nlanguage 99.5\nsentiment 70\nintent 80\nquestion 90\nstreams 100\nteam 90\n"
      "priority 75.5\n";
  auto floors = ParseFloors(all, "floors");
  ASSERT_TRUE(floors.ok()) << floors.status();
  ASSERT_EQ(floors->size(), 7u);
  EXPECT_EQ((*floors)[0].field, "language");
  EXPECT_DOUBLE_EQ((*floors)[0].percent, 99.5);
  EXPECT_DOUBLE_EQ((*floors)[6].percent, 75.5);

  EXPECT_THAT(std::string(ParseFloors("language 99\n", "floors").status().message()),
              HasSubstr("no floor for \"sentiment\""));
  EXPECT_THAT(std::string(ParseFloors(all + "intent 70\n", "floors").status().message()),
              HasSubstr("floors:9: \"intent\" twice"));
  EXPECT_THAT(std::string(ParseFloors("mood 50\n", "floors").status().message()),
              HasSubstr("floors:1: unknown field \"mood\""));
  EXPECT_THAT(std::string(ParseFloors("intent 180\n", "floors").status().message()),
              HasSubstr("a percentage"));
  EXPECT_THAT(std::string(ParseFloors("intent veel\n", "floors").status().message()),
              HasSubstr("a percentage"));
}

}  // namespace
}  // namespace webcare::corpus
