#include "analysis/matcher/matcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "analysis/matcher/matcher_internal.h"
#include "analysis/query/parser.h"

namespace webcare::analysis::matcher {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

query::Query ParseOrDie(std::string_view text) {
  auto parsed = query::Parse(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.status();
  return parsed.ok() ? *parsed : query::Query{};
}

using Streams = std::vector<std::pair<int64_t, std::string>>;

std::shared_ptr<const CompiledStreams> CompileOrDie(const Streams& streams) {
  std::vector<StreamQuery> queries;
  for (const auto& [id, text] : streams) queries.push_back({id, ParseOrDie(text)});
  auto compiled = CompiledStreams::Compile(queries);
  EXPECT_TRUE(compiled.ok()) << compiled.status();
  return compiled.ok() ? *compiled : nullptr;
}

std::vector<int64_t> MatchIds(const CompiledStreams& streams, const query::PostView& post) {
  std::vector<int64_t> ids = {-99};  // Match() must clear what was there.
  streams.Match(post, query::AnalyseText(post.text), &ids);
  return ids;
}

// The definition: the ids of the streams whose query::Filter matches, ascending.
std::vector<int64_t> FilterIds(const Streams& streams, const query::PostView& post) {
  std::vector<int64_t> ids;
  for (const auto& [id, text] : streams) {
    if (query::Filter(ParseOrDie(text)).Matches(post)) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

query::PostView WithText(std::string_view text) {
  query::PostView post;
  post.text = text;
  return post;
}

// Every test runs twice: with Vectorscan, and with the direct search Match() falls back to.
class MatcherTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override { internal::ForceFallbackScanForTesting(GetParam()); }
  void TearDown() override { internal::ForceFallbackScanForTesting(false); }

  // Whether `query`, compiled as one stream, matches `post`; also checks that query::Filter
  // gives the same answer, since that is the definition.
  static bool Matches(std::string_view text, const query::PostView& post) {
    auto streams = CompileOrDie({{7, std::string(text)}});
    if (streams == nullptr) return false;
    const std::vector<int64_t> ids = MatchIds(*streams, post);
    const bool matched = ids == std::vector<int64_t>{7};
    EXPECT_TRUE(matched || ids.empty()) << text;
    EXPECT_EQ(matched, query::Filter(ParseOrDie(text)).Matches(post))
        << text << " on " << post.text;
    return matched;
  }
  static bool TextMatches(std::string_view query, std::string_view text) {
    return Matches(query, WithText(text));
  }
};

INSTANTIATE_TEST_SUITE_P(Scan, MatcherTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Fallback" : "Vectorscan"; });

TEST_P(MatcherTest, WordsPhrasesAndPrefixes) {
  const std::string_view text = "Weer een storing bij de NS in Utrecht, ov-chipkaart doet het niet";
  EXPECT_TRUE(TextMatches("storing", text));
  EXPECT_FALSE(TextMatches("storingen", text));
  EXPECT_FALSE(TextMatches("stor", text));  // Whole tokens only,
  EXPECT_TRUE(TextMatches("stor*", text));  // unless a prefix.
  EXPECT_FALSE(TextMatches("toring", text));
  EXPECT_FALSE(TextMatches("tor*", text));  // A prefix starts a token.
  EXPECT_TRUE(TextMatches("weer", text));   // First and last tokens.
  EXPECT_TRUE(TextMatches("niet", text));
  EXPECT_TRUE(TextMatches("nie*", text));
  EXPECT_TRUE(TextMatches("\"storing bij de ns\"", text));
  EXPECT_FALSE(TextMatches("\"storing de ns\"", text));
  EXPECT_TRUE(TextMatches("\"bij de n\"*", text));
  EXPECT_FALSE(TextMatches("\"bij d ns\"*", text));  // Only the last token is a prefix.
  EXPECT_TRUE(TextMatches("ov-chipkaart", text));
  EXPECT_TRUE(TextMatches("\"ov chipkaart\"", text));
  EXPECT_TRUE(TextMatches("ov-chip*", text));
  EXPECT_FALSE(TextMatches("chipkaart-ov", text));
  EXPECT_FALSE(TextMatches("storing", ""));
  EXPECT_FALSE(TextMatches("storing", "!!! ..."));
}

TEST_P(MatcherTest, CaseAndAccentsFoldAsTheTokenizerDoes) {
  EXPECT_TRUE(TextMatches("cafe", "Koffie in het café"));
  EXPECT_TRUE(TextMatches("CAFÉ", "koffie in het cafe"));
  EXPECT_TRUE(TextMatches("coordinatie", "Slechte coördinatie!"));
  EXPECT_TRUE(TextMatches("\"een keer\"", "Eén keer nog"));
  EXPECT_TRUE(TextMatches("naïe*", "NAIEVE vraag"));
  EXPECT_FALSE(TextMatches("ns", "ＮＳ rijdt niet"));  // Full-width letters stay full-width.
  EXPECT_TRUE(TextMatches("ＮＳ", "ｎｓ rijdt niet"));
  EXPECT_TRUE(TextMatches("σίσυφος", "ΣΊΣΥΦΟΣ"));
}

TEST_P(MatcherTest, BooleanOperators) {
  const std::string_view text = "storing op het spoor bij Utrecht";
  EXPECT_TRUE(TextMatches("storing utrecht", text));
  EXPECT_FALSE(TextMatches("storing amsterdam", text));
  EXPECT_TRUE(TextMatches("storing OR amsterdam", text));
  EXPECT_TRUE(TextMatches("amsterdam OR storing", text));
  EXPECT_FALSE(TextMatches("amsterdam OR rotterdam", text));
  EXPECT_TRUE(TextMatches("amsterdam OR (spoor utrecht)", text));
  EXPECT_FALSE(TextMatches("storing -utrecht", text));
  EXPECT_FALSE(TextMatches("storing NOT \"bij utrecht\"", text));
  EXPECT_TRUE(TextMatches("storing -\"utrecht bij\"", text));
  EXPECT_TRUE(TextMatches("storing -(utrecht amsterdam)", text));
  EXPECT_FALSE(TextMatches("storing -(utrecht OR amsterdam)", text));
  EXPECT_TRUE(TextMatches("storing (-amsterdam -rotterdam)", text));
  EXPECT_TRUE(TextMatches("(storing OR vertraging) (utrecht OR amsterdam) -rt", text));
  EXPECT_FALSE(
      TextMatches("(storing OR vertraging) (utrecht OR amsterdam) -rt", "RT: storing utrecht"));
}

TEST_P(MatcherTest, NearCountsTokensBetween) {
  const std::string_view text = "storing bij station Utrecht Centraal";  // 0 1 2 3 4
  EXPECT_TRUE(TextMatches("storing NEAR/2 utrecht", text));
  EXPECT_FALSE(TextMatches("storing NEAR/1 utrecht", text));
  EXPECT_TRUE(TextMatches("utrecht NEAR/2 storing", text));
  EXPECT_TRUE(TextMatches("storing NEAR/0 bij", text));
  EXPECT_TRUE(TextMatches("\"storing bij\" NEAR/1 utrecht", text));
  EXPECT_FALSE(TextMatches("\"storing bij\" NEAR/0 utrecht", text));
  EXPECT_TRUE(TextMatches("utrecht NEAR/1 \"storing bij\"", text));
  EXPECT_TRUE(TextMatches("stor* NEAR/2 utr*", text));
  EXPECT_FALSE(TextMatches("stor* NEAR/1 utr*", text));
  EXPECT_TRUE(TextMatches("storing NEAR/0 storing", text));
  EXPECT_TRUE(TextMatches("storing NEAR utrecht", text));
  EXPECT_FALSE(TextMatches("storing NEAR/2 amsterdam", text));
  // Every occurrence counts, not only the first: the later "centraal" is near.
  EXPECT_TRUE(TextMatches("storing NEAR/3 centraal", "centraal x y z w storing y z w centraal"));
  EXPECT_FALSE(TextMatches("storing NEAR/2 centraal", "centraal x y z w storing y z w centraal"));
  // Overlapping occurrences of one phrase: "a a" at 0, 1 and 2.
  EXPECT_TRUE(TextMatches("\"a a\" NEAR/0 b", "a a a a b"));
  EXPECT_FALSE(TextMatches("\"a a\" NEAR/0 b", "a a a x b"));
  // A NEAR beside other uses of the same phrase, in one stream and across streams.
  EXPECT_TRUE(TextMatches("utrecht (storing NEAR/2 utrecht)", text));
  EXPECT_FALSE(TextMatches("utrecht -(storing NEAR/1 utrecht)", "x utrecht y storing z"));
  EXPECT_TRUE(TextMatches("utrecht -(storing NEAR/0 utrecht)", "x utrecht y storing z"));
}

TEST_P(MatcherTest, HashtagsAndMentions) {
  const std::string_view tagged =
      "Alweer #Storing bij @NS_online en @anna@mastodon.social #NS_fail";
  const std::string_view plain = "Alweer storing bij NS";
  EXPECT_TRUE(TextMatches("#storing", tagged));
  EXPECT_FALSE(TextMatches("#storing", plain));  // A hashtag matches only the hashtag,
  EXPECT_TRUE(TextMatches("storing", tagged));   // a word both the word and the tag's text.
  EXPECT_TRUE(TextMatches("#STÖRING", tagged));
  EXPECT_FALSE(TextMatches("#stor", tagged));
  EXPECT_TRUE(TextMatches("#stor*", tagged));
  EXPECT_FALSE(TextMatches("#fail", tagged));  // Whole tags: #NS_fail is not #fail,
  EXPECT_TRUE(TextMatches("fail", tagged));    // though its text holds the word.
  EXPECT_TRUE(TextMatches("#ns_f*", tagged));
  EXPECT_FALSE(TextMatches("#ns_online", tagged));  // A mention is not a hashtag,
  EXPECT_FALSE(TextMatches("@ns_fail", tagged));    // nor a hashtag a mention.
  EXPECT_TRUE(TextMatches("@ns_online", tagged));
  EXPECT_FALSE(TextMatches("@ns", tagged));
  EXPECT_TRUE(TextMatches("@ns*", tagged));
  EXPECT_TRUE(TextMatches("@anna", tagged));  // Any server.
  EXPECT_FALSE(TextMatches("@ann", tagged));
  EXPECT_TRUE(TextMatches("@Anna@Mastodon.social", tagged));
  EXPECT_TRUE(TextMatches("@anna@mast*", tagged));
  EXPECT_FALSE(TextMatches("@anna@x.nl", tagged));
  EXPECT_FALSE(TextMatches("@mastodon", tagged));
  EXPECT_FALSE(TextMatches("@example", "mail anna@example.nl"));
  EXPECT_FALSE(TextMatches("@anna", "@annabel"));
  EXPECT_TRUE(TextMatches("#ov #storing", "#storing en #ov"));  // Tags in any order.
  EXPECT_TRUE(TextMatches("\"ns online\"", tagged));            // Words of a mention.
  EXPECT_FALSE(TextMatches("\"fail anna\"", tagged));  // Tags come after the tokens in the scan.
}

TEST_P(MatcherTest, Fields) {
  query::PostView post = WithText("Is de storing al opgelost?");
  post.language = "nl";
  post.network = "Mastodon";
  post.channel = "mastodon:@ovpas@mastodon.social";
  post.author_handle = "@Anna@mastodon.social";
  post.author_name = "Anna de Vries";
  post.followers = 12000;
  post.sentiment = "negative";
  post.is_question = true;
  post.has_link = true;
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
  EXPECT_TRUE(Matches("followers:>10000", post));
  EXPECT_FALSE(Matches("followers:<10000", post));
  EXPECT_TRUE(Matches("followers:12000", post));
  EXPECT_TRUE(Matches("followers:10000..20000", post));
  EXPECT_TRUE(Matches("storing lang:nl -is:reply", post));
  EXPECT_FALSE(Matches("storing lang:nl -is:question", post));
  EXPECT_TRUE(Matches("(lang:en OR lang:nl) followers:>10k", post));
  post.is_reply = post.is_private = post.has_attachment = true;
  EXPECT_TRUE(Matches("is:reply is:private has:attachment", post));
  post.author_handle = "anna@example.nl";
  post.author_name = "";
  EXPECT_TRUE(Matches("author:anna", post));
  EXPECT_TRUE(Matches("author:ANNA@example.nl", post));
  EXPECT_FALSE(Matches("author:example", post));
  post.followers = -1;
  EXPECT_FALSE(Matches("followers:<5", post));  // Unknown reach matches no comparison,
  EXPECT_TRUE(Matches("-followers:<5 lang:nl", post));
}

// Streams that can match without any word of the text (filters, with or without negated
// words) are woken by their filters, whatever the scan found.
TEST_P(MatcherTest, StreamsWithoutWordsAreWokenByTheirFilters) {
  query::PostView post = WithText("geen woorden die ergens op lijken");
  post.language = "nl";
  EXPECT_TRUE(Matches("lang:nl", post));
  EXPECT_TRUE(Matches("lang:nl -rt", post));
  EXPECT_TRUE(Matches("storing OR lang:nl", post));
  EXPECT_TRUE(Matches("(storing lang:en) OR (lang:nl -storing)", post));
  EXPECT_FALSE(Matches("lang:nl -woorden", post));
  post.text = "";
  EXPECT_TRUE(Matches("lang:nl -rt", post));
}

// Field filters are decided once per post and shared by every stream that uses them; filters
// that look alike but decide differently must not share.
TEST_P(MatcherTest, FieldFiltersSharedBetweenStreams) {
  const Streams list = {{1, "lang:NL"},
                        {2, "lang:nl"},
                        {3, "author:@anna"},  // Also compares "@anna" with the name.
                        {4, "author:anna"},
                        {5, "author:anna@mail"},
                        {6, "author:anna@mail@example.nl"},
                        {7, "author:anna@m"},
                        {8, "followers:>1000"},
                        {9, "followers:>=1001"},
                        {10, "followers:1001"},
                        {11, "channel:X:@OVpas"},
                        {12, "network:x -lang:nl"},
                        {13, "sentiment:negative OR is:question"}};
  auto streams = CompileOrDie(list);
  ASSERT_NE(streams, nullptr);
  query::PostView post = WithText("");
  post.language = "Nl";
  post.author_handle = "@@Anna@mail@example.nl";
  post.author_name = "bob";
  post.followers = 1001;
  post.channel = "x:@ovpas";
  post.network = "X";
  post.is_question = true;
  EXPECT_THAT(MatchIds(*streams, post), ElementsAre(1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 13));
  EXPECT_EQ(MatchIds(*streams, post), FilterIds(list, post));
  post.author_handle = "bob";
  post.author_name = "@ANNA";
  post.language = "en";
  post.followers = 1000;
  post.is_question = false;
  EXPECT_THAT(MatchIds(*streams, post), ElementsAre(3, 11, 12));
  EXPECT_EQ(MatchIds(*streams, post), FilterIds(list, post));
  post.author_handle = "";
  post.author_name = "";
  post.network = "mastodon";
  post.channel = "";
  post.sentiment = "negative";
  EXPECT_THAT(MatchIds(*streams, post), ElementsAre(13));
  EXPECT_EQ(MatchIds(*streams, post), FilterIds(list, post));
}

TEST_P(MatcherTest, ManyStreamsReportAscendingIds) {
  // Given out of order, with literals shared between streams and one NEAR literal also used
  // plainly.
  const Streams list = {{40, "storing utrecht"},
                        {3, "storing"},
                        {-5, "lang:nl"},
                        {1000, "#storing OR @ovpas"},
                        {12, "storing NEAR/1 utrecht"},
                        {13, "storing NEAR/3 utrecht"},
                        {7, "vertraging"},
                        {8, "storing -utrecht"},
                        {9, "utrec*"}};
  auto streams = CompileOrDie(list);
  ASSERT_NE(streams, nullptr);
  EXPECT_EQ(streams->size(), 9u);
  query::PostView post = WithText("Storing bij station Utrecht @OVpas");
  post.language = "nl";
  EXPECT_THAT(MatchIds(*streams, post), ElementsAre(-5, 3, 9, 13, 40, 1000));
  EXPECT_EQ(MatchIds(*streams, post), FilterIds(list, post));
  post.text = "Storing";
  post.language = "en";
  EXPECT_THAT(MatchIds(*streams, post), ElementsAre(3, 8));
  EXPECT_EQ(MatchIds(*streams, post), FilterIds(list, post));
  post.text = "niets";
  EXPECT_THAT(MatchIds(*streams, post), IsEmpty());
}

TEST_P(MatcherTest, IgnoresTheStreamsOfThePost) {
  auto streams = CompileOrDie({{1, "storing"}});
  ASSERT_NE(streams, nullptr);
  const std::vector<std::string> names = {"storing"};
  query::PostView post = WithText("vertraging");
  post.streams = names;
  EXPECT_THAT(MatchIds(*streams, post), IsEmpty());
}

TEST_P(MatcherTest, SetsOfDifferentSizesOnOneThread) {
  // One thread's scratch space and buffers serve every set it uses, in any order.
  Streams many;
  for (int i = 0; i < 300; ++i) {
    many.push_back({i, "woord" + std::to_string(i) + " NEAR/2 storing"});
  }
  auto big = CompileOrDie(many);
  auto small = CompileOrDie({{1, "storing"}});
  auto empty = CompileOrDie({});
  ASSERT_NE(big, nullptr);
  ASSERT_NE(small, nullptr);
  ASSERT_NE(empty, nullptr);
  const query::PostView post = WithText("woord17 storing bij woord299");
  for (int round = 0; round < 3; ++round) {
    EXPECT_THAT(MatchIds(*small, post), ElementsAre(1));
    EXPECT_THAT(MatchIds(*big, post), ElementsAre(17, 299));
    EXPECT_THAT(MatchIds(*empty, post), IsEmpty());
  }
  EXPECT_EQ(empty->size(), 0u);
}

TEST(CheckStreamQueryTest, RefusesTheStreamField) {
  EXPECT_TRUE(CheckStreamQuery(ParseOrDie("storing lang:nl")).ok());
  const absl::Status status = CheckStreamQuery(ParseOrDie("storing -(stream:storingen OR rt)"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("stream:storingen"));
  EXPECT_THAT(status.message(), HasSubstr("other streams"));
}

TEST(CompileTest, NamesTheStreamThatCannotBeCompiled) {
  std::vector<StreamQuery> streams = {{1, ParseOrDie("storing")},
                                      {42, ParseOrDie("storing stream:ov")}};
  auto compiled = CompiledStreams::Compile(streams);
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(compiled.status().message(), HasSubstr("stream 42:"));
  EXPECT_THAT(compiled.status().message(), HasSubstr("stream:ov"));
}

TEST(CompileTest, RefusesTwoStreamsWithOneId) {
  std::vector<StreamQuery> streams = {
      {5, ParseOrDie("storing")}, {6, ParseOrDie("x")}, {5, ParseOrDie("vertraging")}};
  auto compiled = CompiledStreams::Compile(streams);
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(compiled.status().message(), HasSubstr("stream 5:"));
}

TEST(CompileTest, RefusesTreesParseCannotMake) {
  using query::MakeGroup;
  using query::MakeTerm;
  using query::NodeKind;
  using query::TermKind;
  const auto compile = [](query::Node root) {
    std::vector<StreamQuery> streams = {{3, query::Query{std::move(root)}}};
    return CompiledStreams::Compile(streams).status();
  };
  // A term without words would match every post with any word in query::Filter.
  absl::Status status = compile(
      MakeGroup(NodeKind::kAnd, {MakeTerm(TermKind::kText, "x"), MakeTerm(TermKind::kText, "!!")}));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("stream 3:"));
  EXPECT_THAT(status.message(), HasSubstr("no words"));
  status = compile(MakeGroup(
      NodeKind::kNear, {MakeTerm(TermKind::kText, "a"), MakeTerm(TermKind::kHashtag, "b")}, 2));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  status = compile(MakeGroup(NodeKind::kNear, {MakeTerm(TermKind::kText, "a")}, 2));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  status = compile(MakeGroup(NodeKind::kNot, {}));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(compile(MakeTerm(TermKind::kText, "a")).ok());
}

// Parse() never makes an empty AND or OR, but a tree built by hand may hold one; query::Filter
// reads them as true and false, and so does the matcher (an empty AND is the one stream that
// no signal can wake: it is evaluated on every post).
TEST(CompileTest, EmptyGroupsAsFilterReadsThem) {
  std::vector<StreamQuery> streams = {
      {1, query::Query{query::MakeGroup(query::NodeKind::kAnd, {})}},
      {2, query::Query{query::MakeGroup(query::NodeKind::kOr, {})}},
      {3, ParseOrDie("storing")}};
  auto compiled = CompiledStreams::Compile(streams);
  ASSERT_TRUE(compiled.ok()) << compiled.status();
  for (const char* text : {"", "storing", "iets anders"}) {
    const query::PostView post = WithText(text);
    std::vector<int64_t> expected;
    for (const StreamQuery& stream : streams) {
      if (query::Filter(stream.query).Matches(post)) expected.push_back(stream.id);
    }
    EXPECT_EQ(MatchIds(**compiled, post), expected) << text;
    EXPECT_THAT(MatchIds(**compiled, post), ::testing::Contains(1));
  }
}

TEST(CompileTest, AnEmptySetMatchesNothing) {
  auto compiled = CompiledStreams::Compile({});
  ASSERT_TRUE(compiled.ok());
  EXPECT_EQ((*compiled)->size(), 0u);
  EXPECT_THAT(MatchIds(**compiled, WithText("storing")), IsEmpty());
}

TEST(StreamMatcherTest, StartsEmptyAndIsReplacedWhole) {
  StreamMatcher matcher;
  ASSERT_NE(matcher.Current(), nullptr);
  EXPECT_EQ(matcher.Current()->size(), 0u);
  auto first = CompileOrDie({{1, "storing"}});
  matcher.Replace(first);
  EXPECT_EQ(matcher.Current(), first);
  matcher.Replace(nullptr);  // Means "no streams": Current() is never null.
  ASSERT_NE(matcher.Current(), nullptr);
  EXPECT_EQ(matcher.Current()->size(), 0u);
}

// Threads match posts while the set is swapped back and forth. Each post is matched against
// one whole set: the old one or the new one, never a mix, and a set stays alive while a
// thread uses it.
TEST(StreamMatcherTest, SwapsWhileOtherThreadsMatch) {
  Streams a_streams, b_streams;
  for (int i = 0; i < 50; ++i) {
    a_streams.push_back({i, "storing OR #storing"});
    b_streams.push_back({1000 + i, "storing NEAR/3 utrecht"});
  }
  b_streams.push_back({5000, "lang:nl"});
  const auto a = CompileOrDie(a_streams);
  const auto b = CompileOrDie(b_streams);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  std::vector<int64_t> a_ids, b_ids;
  for (const auto& [id, text] : a_streams) a_ids.push_back(id);
  for (const auto& [id, text] : b_streams) b_ids.push_back(id);

  StreamMatcher matcher;
  matcher.Replace(a);
  std::atomic<bool> stop{false};
  std::atomic<int64_t> matched{0}, mixed{0}, seen_a{0}, seen_b{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&] {
      query::PostView post = WithText("#storing bij station Utrecht");
      post.language = "nl";
      const query::AnalysedText text = query::AnalyseText(post.text);
      std::vector<int64_t> ids;
      while (!stop.load()) {
        const std::shared_ptr<const CompiledStreams> current = matcher.Current();
        current->Match(post, text, &ids);
        ++matched;
        if (ids == a_ids) {
          ++seen_a;
        } else if (ids == b_ids) {
          ++seen_b;
        } else {
          ++mixed;
        }
      }
    });
  }
  for (int swap = 0; swap < 400; ++swap) {
    // Fresh sets now and then, so that threads also meet databases they have not seen.
    if (swap % 50 == 49) {
      matcher.Replace(CompileOrDie(swap % 100 == 49 ? a_streams : b_streams));
    } else {
      matcher.Replace(swap % 2 == 0 ? b : a);
    }
    // Three more matches by two threads: one of them loaded the set after this swap.
    const int64_t before = matched.load();
    while (matched.load() < before + 3) std::this_thread::yield();
  }
  stop = true;
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mixed.load(), 0);
  EXPECT_GT(seen_a.load(), 0);
  EXPECT_GT(seen_b.load(), 0);
  EXPECT_EQ(seen_a + seen_b, matched.load());
}

}  // namespace
}  // namespace webcare::analysis::matcher
