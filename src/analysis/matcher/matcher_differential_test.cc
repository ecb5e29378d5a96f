// The compiled stream set against its definition: thousands of random streams (text, phrases,
// prefixes, NEAR, hashtags, mentions, every field but stream:, nested AND/OR/NOT) compiled into
// one set, and for every post Match() must report exactly the streams whose query::Filter
// matches. Posts are random texts over a vocabulary with the tokenizer's hard cases
// (differential_support.h) and realistic posts from the demo world.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "analysis/matcher/matcher.h"
#include "analysis/matcher/matcher_internal.h"
#include "analysis/query/differential_support.h"
#include "analysis/query/evaluator.h"
#include "analysis/query/parser.h"
#include "base/strings.h"
#include "ingest/demo/demo_world.h"

namespace webcare::analysis::matcher {
namespace {

using query::testing::Generator;

constexpr int kRandomPosts = 400;
constexpr int kDemoPosts = 400;
constexpr int kStreams = 4000;

struct Author {
  std::string handle;
  std::string name;
  int64_t followers;
};

const std::vector<Author>& Authors() {
  static const auto* authors =
      new std::vector<Author>{{"@anna@mastodon.social", "Anna de Vries", 12000},
                              {"@Anna", "anna", 5},
                              {"anna@example.nl", "", -1},
                              {"@ns_online", "NS", 1000000},
                              {"@bob", "Bob", 0},
                              {"+31600000174", "Zoë Bakker", 999},
                              {"@@zoe", "ZOE", 1000}};
  return *authors;
}

// A post and the strings its view points into.
struct Post {
  std::string text, language, network, channel, author_handle, author_name, sentiment;
  int64_t followers = -1;
  bool question = false, reply = false, is_private = false, link = false, attachment = false;

  query::PostView View() const {
    return {.text = text,
            .language = language,
            .network = network,
            .channel = channel,
            .author_handle = author_handle,
            .author_name = author_name,
            .followers = followers,
            .sentiment = sentiment,
            .is_question = question,
            .is_reply = reply,
            .is_private = is_private,
            .has_link = link,
            .has_attachment = attachment,
            .streams = {}};
  }
};

void RandomFields(Generator& generate, Post& post) {
  post.language = generate.Pick(std::vector<std::string>{"nl", "en", "NL", "de", ""});
  post.sentiment = generate.Pick(std::vector<std::string>{"negative", "neutral", "positive", ""});
  post.question = generate.Chance(0.3);
  post.reply = generate.Chance(0.3);
  post.is_private = generate.Chance(0.2);
  post.link = generate.Chance(0.3);
  post.attachment = generate.Chance(0.2);
}

Post RandomPost(Generator& generate) {
  Post post;
  post.text = generate.Text(/*with_mentions=*/true);
  RandomFields(generate, post);
  post.network = generate.Pick(std::vector<std::string>{"x", "mastodon", "Mastodon", "email"});
  post.channel = generate.Pick(std::vector<std::string>{
      "x:@ovpas", "X:@OVpas", "mastodon:@ovpas@mastodon.social", "email:a@b.nl"});
  const Author& author = generate.Pick(Authors());
  post.author_handle = author.handle;
  post.author_name = author.name;
  post.followers = author.followers;
  return post;
}

std::vector<Post> DemoPosts(Generator& generate, int count) {
  std::vector<Post> posts;
  const absl::Status status = ingest::demo::GenerateDemoWorld(
      {.posts = count, .seed = 7, .end_time = 1'790'000'000'000'000}, [&](core::NewPost&& in) {
        Post post;
        post.text = in.text;
        post.network = in.network;
        post.channel = in.channel;
        post.author_handle = in.author.handle;
        post.author_name = in.author.name;
        post.followers = in.author.followers;
        RandomFields(generate, post);
        posts.push_back(std::move(post));
        return absl::OkStatus();
      });
  EXPECT_TRUE(status.ok()) << status;
  return posts;
}

std::string RandomLeaf(Generator& generate, const std::vector<std::string>& texts) {
  static const std::vector<std::string> kLeaves = {"#storing",
                                                   "#Störing*",
                                                   "#stor*",
                                                   "#ns_online",
                                                   "#café",
                                                   "#rt",
                                                   "#x_y",
                                                   "#ov",
                                                   "#ovpas",
                                                   "#o*",
                                                   "@ns_online",
                                                   "@NS_ONLINE",
                                                   "@ns*",
                                                   "@anna",
                                                   "@Anna@mastodon.social",
                                                   "@anna@example.nl",
                                                   "@anna@*",
                                                   "@bob",
                                                   "@zoë",
                                                   "@a*",
                                                   "@ovpas",
                                                   "@ovpas*",
                                                   "lang:nl",
                                                   "lang:en",
                                                   "lang:de",
                                                   "network:x",
                                                   "network:mastodon",
                                                   "channel:x:@ovpas",
                                                   "channel:mastodon:@ovpas@mastodon.social",
                                                   "author:@anna",
                                                   "author:anna",
                                                   "author:\"Anna de Vries\"",
                                                   "author:@ns_online",
                                                   "author:zoe",
                                                   "author:\"zoë bakker\"",
                                                   "author:+31600000174",
                                                   "author:@anna@mastodon.social",
                                                   "followers:>10000",
                                                   "followers:>=1000",
                                                   "followers:<5",
                                                   "followers:<=5",
                                                   "followers:0",
                                                   "followers:1000..1m",
                                                   "sentiment:negative",
                                                   "sentiment:neutral",
                                                   "sentiment:positive",
                                                   "has:link",
                                                   "has:attachment",
                                                   "is:question",
                                                   "is:reply",
                                                   "is:private"};
  return generate.Chance(0.35) ? generate.Pick(kLeaves) : generate.TextTerm(texts);
}

std::string RandomQuery(Generator& generate, const std::vector<std::string>& texts, int depth = 0) {
  const int kind = depth >= 3 ? 0 : generate.Uniform(0, 8);
  if (kind <= 2) return RandomLeaf(generate, texts);
  if (kind <= 4) return generate.TextQuery(texts, 1);
  std::string group = "(";
  const int children = generate.Uniform(2, 4);
  for (int i = 0; i < children; ++i) {
    if (i > 0) group += kind <= 6 ? " " : " OR ";
    if (i > 0 && kind <= 6 && generate.Chance(0.3)) group += "-";
    group += RandomQuery(generate, texts, depth + 1);
  }
  return group + ")";
}

class MatcherDifferentialTest : public ::testing::Test {
 protected:
  void TearDown() override { internal::ForceFallbackScanForTesting(false); }

  // Compares Match() with every stream's Filter on every post; returns the mismatches.
  int Compare(const std::vector<Post>& posts, const char* what) {
    int mismatches = 0;
    int64_t pairs = 0;
    std::vector<int64_t> actual;
    for (const Post& post : posts) {
      const query::PostView view = post.View();
      const query::AnalysedText text = query::AnalyseText(view.text);
      std::vector<int64_t> expected;
      for (size_t i = 0; i < filters_.size(); ++i) {
        if (filters_[i].Matches(view, text)) expected.push_back(ids_[i]);
      }
      compiled_->Match(view, text, &actual);
      pairs += static_cast<int64_t>(expected.size());
      if (actual == expected) continue;
      if (++mismatches > 5) continue;
      std::string detail;
      for (size_t i = 0; i < filters_.size(); ++i) {
        const bool in_expected = std::binary_search(expected.begin(), expected.end(), ids_[i]);
        const bool in_actual = std::find(actual.begin(), actual.end(), ids_[i]) != actual.end();
        if (in_expected != in_actual) {
          base::StrAppend(detail, "\n  ", in_expected ? "Filter only: " : "Match only: ", ids_[i],
                          " ", sources_[i]);
        }
      }
      ADD_FAILURE() << what << " post: " << post.text << " lang=" << post.language << detail;
    }
    total_pairs_ += pairs;
    return mismatches;
  }

  void MakeStreams(Generator& generate, const std::vector<std::string>& texts) {
    std::vector<StreamQuery> streams;
    int refused = 0;
    while (static_cast<int>(streams.size()) < kStreams) {
      const std::string input = RandomQuery(generate, texts);
      auto parsed = query::Parse(input);
      if (!parsed.ok()) {
        ++refused;
        continue;
      }
      // Ids with gaps and out of order, as a store would hand them over after edits.
      const int64_t id = (static_cast<int64_t>(streams.size()) * 7919) % 100'003;
      streams.push_back({id, *parsed});
      sources_.push_back(input);
    }
    std::sort(streams.begin(), streams.end(),
              [](const StreamQuery& a, const StreamQuery& b) { return a.id < b.id; });
    sources_.clear();
    for (const StreamQuery& stream : streams) {
      ids_.push_back(stream.id);
      filters_.emplace_back(stream.query);
      sources_.push_back(query::Describe(stream.query));
    }
    std::shuffle(streams.begin(), streams.end(), std::mt19937(5));
    auto compiled = CompiledStreams::Compile(streams);
    ASSERT_TRUE(compiled.ok()) << compiled.status();
    compiled_ = *compiled;
    EXPECT_EQ(compiled_->size(), static_cast<size_t>(kStreams));
    std::printf("%d streams (%d generated queries refused by the parser)\n", kStreams, refused);
  }

  std::vector<int64_t> ids_;
  std::vector<query::Filter> filters_;
  std::vector<std::string> sources_;
  std::shared_ptr<const CompiledStreams> compiled_;
  int64_t total_pairs_ = 0;
};

TEST_F(MatcherDifferentialTest, MatchEqualsEveryFilter) {
  Generator generate(20260101);
  std::vector<Post> posts;
  std::vector<std::string> texts;
  for (int i = 0; i < kRandomPosts; ++i) posts.push_back(RandomPost(generate));
  for (Post& post : DemoPosts(generate, kDemoPosts)) posts.push_back(std::move(post));
  for (const Post& post : posts) texts.push_back(post.text);
  ASSERT_NO_FATAL_FAILURE(MakeStreams(generate, texts));

  EXPECT_EQ(Compare(posts, "vectorscan"), 0);
  const int64_t pairs = total_pairs_;
  // The comparison means something only when streams do match, often and not always.
  EXPECT_GT(pairs, static_cast<int64_t>(posts.size()) * kStreams / 50);
  EXPECT_LT(pairs, static_cast<int64_t>(posts.size()) * kStreams / 2);

  internal::ForceFallbackScanForTesting(true);
  const std::vector<Post> some(posts.begin(), posts.begin() + 60);
  EXPECT_EQ(Compare(some, "fallback"), 0);
  std::printf("%zu posts x %d streams: %lld matching pairs\n", posts.size(), kStreams,
              static_cast<long long>(pairs));
}

}  // namespace
}  // namespace webcare::analysis::matcher
