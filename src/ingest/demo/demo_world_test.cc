#include "ingest/demo/demo_world.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/utf8.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingest/demo/demo_phrases.h"

namespace webcare::ingest::demo {
namespace {

using core::Direction;
using core::NewPost;
using ::testing::IsEmpty;

constexpr base::Micros kSecond = base::kMicrosPerSecond;
constexpr base::Micros kHour = 3600 * kSecond;
constexpr base::Micros kDay = 24 * kHour;
constexpr base::Micros kWindow = 90 * kDay;
// 2026-01-01T00:00:00Z.
constexpr base::Micros kEnd = 1'767'225'600LL * kSecond;

std::vector<NewPost> Generate(int64_t posts, uint64_t seed, base::Micros end = kEnd) {
  std::vector<NewPost> out;
  const absl::Status status =
      GenerateDemoWorld({.posts = posts, .seed = seed, .end_time = end}, [&](NewPost&& post) {
        out.push_back(std::move(post));
        return absl::OkStatus();
      });
  EXPECT_TRUE(status.ok()) << status;
  return out;
}

// Every field, so "byte-identical" is checked on everything a consumer could see.
std::string Serialize(const NewPost& p) {
  std::string s = p.network + '|' + p.channel + '|' + p.external_id + '|' + p.author.network + '|' +
                  p.author.handle + '|' + p.author.name + '|' + std::to_string(p.author.followers) +
                  '|' + p.author.url + '|' + p.text + '|' + std::to_string(p.created_at) + '|' +
                  p.in_reply_to + '|' + p.url + '|' + std::to_string(p.metrics.likes) + ',' +
                  std::to_string(p.metrics.reposts) + ',' + std::to_string(p.metrics.replies) +
                  ',' + std::to_string(p.metrics.views) + '|' +
                  (p.direction == Direction::kInbound ? "in" : "out") + '|' +
                  (p.is_private ? "private" : "public") + '|' + p.raw;
  for (const auto& a : p.attachments) s += '|' + a.url + ',' + a.media_type + ',' + a.name;
  return s;
}

std::vector<std::string> SerializeAll(const std::vector<NewPost>& posts) {
  std::vector<std::string> out;
  out.reserve(posts.size());
  for (const NewPost& post : posts) out.push_back(Serialize(post));
  return out;
}

// Lower-cased ASCII words of a text, for rough language and theme checks.
std::set<std::string> Words(const std::string& text) {
  std::set<std::string> words;
  std::string word;
  for (const char c : text + " ") {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!word.empty()) {
      words.insert(word);
      word.clear();
    }
  }
  return words;
}

class DemoWorldTest : public ::testing::Test {
 protected:
  // One 20k run shared by the statistical tests; generating it once keeps the suite fast.
  static const std::vector<NewPost>& World() {
    static const auto* const world = new std::vector<NewPost>(Generate(20000, 1));
    return *world;
  }
};

TEST_F(DemoWorldTest, SameSeedGivesIdenticalSequence) {
  EXPECT_EQ(SerializeAll(Generate(5000, 42)), SerializeAll(Generate(5000, 42)));
}

TEST_F(DemoWorldTest, DifferentSeedGivesDifferentSequence) {
  const std::vector<std::string> a = SerializeAll(Generate(3000, 1));
  const std::vector<std::string> b = SerializeAll(Generate(3000, 2));
  ASSERT_EQ(a.size(), b.size());
  int different = 0;
  for (size_t i = 0; i < a.size(); ++i) different += a[i] != b[i];
  EXPECT_GT(different, 2900);
}

TEST_F(DemoWorldTest, CountIsExactlyWhatWasAsked) {
  for (const int64_t posts : {0, 1, 2, 7, 999, 4321}) {
    EXPECT_EQ(Generate(posts, 3).size(), static_cast<size_t>(posts)) << posts;
  }
  EXPECT_EQ(World().size(), 20000u);
}

TEST_F(DemoWorldTest, TimeOrderedWithinTheNinetyDayWindow) {
  // Also with an end time that is not on a whole hour, so the edge buckets are partial.
  for (const base::Micros end : {kEnd, kEnd + 1234 * kSecond + 567}) {
    const std::vector<NewPost> posts = end == kEnd ? World() : Generate(5000, 9, end);
    ASSERT_FALSE(posts.empty());
    for (size_t i = 0; i < posts.size(); ++i) {
      ASSERT_GE(posts[i].created_at, end - kWindow) << i;
      ASSERT_LT(posts[i].created_at, end) << i;
      if (i > 0) {
        ASSERT_LE(posts[i - 1].created_at, posts[i].created_at) << i;
      }
    }
    // The whole window is used, not just a corner of it.
    EXPECT_LT(posts.front().created_at, end - kWindow + kDay);
    EXPECT_GT(posts.back().created_at, end - kDay);
  }
}

TEST_F(DemoWorldTest, BothLanguagesAndAllNetworks) {
  const std::set<std::string> dutch = {"het", "niet", "ik",   "mijn",    "jullie", "je",
                                       "een", "naar", "dank", "bedankt", "wat",    "op"};
  const std::set<std::string> english = {"the",    "my",     "you",   "your", "to", "can",
                                         "please", "thanks", "thank", "what", "at", "is"};
  int nl = 0;
  int en = 0;
  std::map<std::string, int> networks;
  for (const NewPost& post : World()) {
    ++networks[post.network];
    int nl_hits = 0;
    int en_hits = 0;
    for (const std::string& word : Words(post.text)) {
      nl_hits += dutch.count(word);
      en_hits += english.count(word);
    }
    if (nl_hits > en_hits) ++nl;
    if (en_hits > nl_hits) ++en;
  }
  const double nl_share = static_cast<double>(nl) / (nl + en);
  EXPECT_GT(nl_share, 0.55);
  EXPECT_LT(nl_share, 0.85);
  for (const char* network :
       {"x", "mastodon", "facebook", "instagram", "forum", "email", "phone"}) {
    EXPECT_GT(networks[network], 200) << network;
  }
}

TEST_F(DemoWorldTest, MondayAndWednesdayMorningsBusierThanSundayNight) {
  // Posts per hour, bucketed by Amsterdam-ish local weekday and hour.
  std::map<std::pair<int, int>, int> counts;
  for (const NewPost& post : World()) {
    const base::Micros local = post.created_at + kHour;
    const int64_t day = local / kDay;
    const int weekday = static_cast<int>((day + 3) % 7);  // 0 = Monday
    counts[{weekday, static_cast<int>(local % kDay / kHour)}]++;
  }
  int mon_wed_morning = 0;
  int sunday_night = 0;
  for (int hour = 7; hour <= 10; ++hour) mon_wed_morning += counts[{0, hour}] + counts[{2, hour}];
  for (int hour = 0; hour <= 5; ++hour) sunday_night += counts[{6, hour}];
  // Per-hour averages: 8 Monday/Wednesday morning hours against 6 Sunday night hours.
  EXPECT_GT(mon_wed_morning / 8.0, 5 * (sunday_night / 6.0));
  // And Saturday afternoon sits between the two.
  int saturday = 0;
  for (int hour = 13; hour <= 16; ++hour) saturday += counts[{5, hour}];
  EXPECT_LT(saturday / 4.0, mon_wed_morning / 8.0);
  EXPECT_GT(saturday / 4.0, sunday_night / 6.0);
}

TEST_F(DemoWorldTest, RepliesAnswerAnEarlierPostOnTheSameChannel) {
  std::map<std::pair<std::string, std::string>, const NewPost*> seen;
  int outbound = 0;
  int inbound_replies = 0;
  int private_outbound = 0;
  for (const NewPost& post : World()) {
    if (!post.in_reply_to.empty()) {
      const auto parent = seen.find({post.channel, post.in_reply_to});
      ASSERT_NE(parent, seen.end()) << post.channel << " " << post.in_reply_to;
      // The team answers customers and customers answer the team.
      EXPECT_NE(parent->second->direction, post.direction) << post.text;
      EXPECT_LT(parent->second->created_at, post.created_at);
      EXPECT_EQ(parent->second->is_private, post.is_private);
    }
    if (post.direction == Direction::kOutbound) {
      ++outbound;
      private_outbound += post.is_private;
      EXPECT_FALSE(post.in_reply_to.empty());
      EXPECT_THAT(post.text, ::testing::ContainsRegex("\\^[A-Z][A-Z]"));
      EXPECT_THAT(post.author.name, ::testing::HasSubstr("OV-Pas"));
    } else if (!post.in_reply_to.empty()) {
      ++inbound_replies;
    }
    seen[{post.channel, post.external_id}] = &post;
  }
  EXPECT_GT(outbound, 4000);
  EXPECT_LT(outbound, 9000);
  EXPECT_GT(inbound_replies, 300);  // Customers answer the team's replies.
  EXPECT_GT(private_outbound, 500);
}

TEST_F(DemoWorldTest, AboutHalfOfNewConversationsGetAnAnswer) {
  std::set<std::pair<std::string, std::string>> answered;
  for (const NewPost& post : World()) {
    if (post.direction == Direction::kOutbound) answered.insert({post.channel, post.in_reply_to});
  }
  int roots = 0;
  int roots_answered = 0;
  for (const NewPost& post : World()) {
    // Leave out the last two days: their answers may fall after the window.
    if (post.direction != Direction::kInbound || !post.in_reply_to.empty() ||
        post.created_at > kEnd - 2 * kDay) {
      continue;
    }
    ++roots;
    roots_answered += answered.count({post.channel, post.external_id});
  }
  const double share = static_cast<double>(roots_answered) / roots;
  EXPECT_GT(share, 0.4);
  EXPECT_LT(share, 0.6);
}

TEST_F(DemoWorldTest, ChannelAndExternalIdAreUnique) {
  std::set<std::pair<std::string, std::string>> ids;
  for (const NewPost& post : World()) {
    EXPECT_FALSE(post.external_id.empty());
    EXPECT_TRUE(ids.insert({post.channel, post.external_id}).second)
        << post.channel << " " << post.external_id;
  }
}

TEST_F(DemoWorldTest, WorldsOfDifferentSeedsShareNoIds) {
  std::set<std::pair<std::string, std::string>> first;
  for (const NewPost& post : Generate(3000, 1)) first.insert({post.channel, post.external_id});
  for (const NewPost& post : Generate(3000, 2)) {
    EXPECT_FALSE(first.contains({post.channel, post.external_id})) << post.channel << " " << post.external_id;
  }
}

TEST_F(DemoWorldTest, TextsAreValidUtf8AndNotEmpty) {
  int with_emoji = 0;
  for (const NewPost& post : World()) {
    ASSERT_FALSE(post.text.empty());
    ASSERT_TRUE(base::IsValidUtf8(post.text)) << post.text;
    ASSERT_TRUE(base::IsValidUtf8(post.author.name)) << post.author.name;
    EXPECT_TRUE(post.raw.empty());
    EXPECT_EQ(post.text.find("{"), std::string::npos) << post.text;  // No unfilled slot.
    EXPECT_EQ(post.text.find("  "), std::string::npos) << post.text;
    with_emoji += post.text.find("\xF0\x9F") != std::string::npos;
  }
  EXPECT_GT(with_emoji, 1000);
}

TEST_F(DemoWorldTest, RepeatCustomersInfluencersAndSafeAddresses) {
  std::map<std::string, std::set<std::string>> networks_by_name;
  std::set<std::string> influencers;
  for (const NewPost& post : World()) {
    if (post.direction != Direction::kInbound) continue;
    networks_by_name[post.author.name].insert(post.network);
    if (post.author.followers >= 50000) {
      EXPECT_LE(post.author.followers, 300000);
      influencers.insert(post.author.handle);
    } else {
      EXPECT_LE(post.author.followers, 5000);
    }
    if (post.network == "email") {
      EXPECT_THAT(post.author.handle,
                  ::testing::MatchesRegex("[a-z]+[._-][a-z]+[0-9]*@example\\.(nl|com)"));
    }
  }
  int multi_network = 0;
  for (const auto& [name, networks] : networks_by_name) multi_network += networks.size() >= 3;
  EXPECT_GT(multi_network, 100);
  EXPECT_GE(influencers.size(), 5u);
  EXPECT_LE(influencers.size(), 30u);  // Up to 10 people on up to 3 networks each.
}

TEST_F(DemoWorldTest, OutagesSurgeWithASharedTheme) {
  std::map<int64_t, int> per_hour;
  std::map<int64_t, int> themed_per_hour;
  for (const NewPost& post : World()) {
    const int64_t hour = post.created_at / kHour;
    ++per_hour[hour];
    const std::set<std::string> words = Words(post.text);
    if (post.direction == Direction::kInbound &&
        (words.count("storing") || words.count("poortjes") || words.count("outage") ||
         words.count("gates"))) {
      ++themed_per_hour[hour];
    }
  }
  std::vector<int> volumes;
  for (const auto& [hour, count] : per_hour) volumes.push_back(count);
  std::sort(volumes.begin(), volumes.end());
  const int median = volumes[volumes.size() / 2];
  int surge_hours = 0;
  for (const auto& [hour, count] : per_hour) {
    if (count > 3 * median && themed_per_hour[hour] * 2 > count) ++surge_hours;
  }
  EXPECT_GE(surge_hours, 4);  // At least 3 outages of at least 2 hours; some overlap the edge.
}

TEST_F(DemoWorldTest, StopsAtTheFirstSinkError) {
  int calls = 0;
  const absl::Status status =
      GenerateDemoWorld({.posts = 1000, .seed = 1, .end_time = kEnd}, [&](NewPost&&) {
        return ++calls == 10 ? absl::UnavailableError("disk full") : absl::OkStatus();
      });
  EXPECT_EQ(status, absl::UnavailableError("disk full"));
  EXPECT_EQ(calls, 10);
}

TEST_F(DemoWorldTest, RejectsBadOptions) {
  const auto sink = [](NewPost&&) { return absl::OkStatus(); };
  EXPECT_TRUE(
      absl::IsInvalidArgument(GenerateDemoWorld({.posts = -1, .seed = 1, .end_time = kEnd}, sink)));
  EXPECT_TRUE(
      absl::IsInvalidArgument(GenerateDemoWorld({.posts = 10, .seed = 1, .end_time = 0}, sink)));
  EXPECT_TRUE(absl::IsInvalidArgument(
      GenerateDemoWorld({.posts = 10, .seed = 1, .end_time = kEnd}, nullptr)));
  EXPECT_TRUE(absl::IsInvalidArgument(GenerateDemoWorld(
      {.posts = 10, .seed = 1, .end_time = std::numeric_limits<base::Micros>::max()}, sink)));
  EXPECT_TRUE(GenerateDemoWorld({.posts = 0, .seed = 1, .end_time = kEnd}, sink).ok());
}

TEST(DemoPhrasesTest, PoolsAreCompleteAndRich) {
  EXPECT_THAT(CheckPhrasePools(), IsEmpty());
  EXPECT_GE(TemplatesPerLanguage(Lang::kNl), 40u);
  EXPECT_GE(TemplatesPerLanguage(Lang::kEn), 40u);
}

TEST(DemoPhrasesTest, EmptyOptionalSlotsLeaveNoStraySpace) {
  SlotValues values;
  values.plain = true;
  values.mention = "OV-Pas";
  values.first_name = "Anna";
  for (uint64_t i = 0; i < TemplateCount(Lang::kNl, Phrase::kInbound, Topic::kGates); ++i) {
    std::string text;
    RenderTemplate(Lang::kNl, Phrase::kInbound, Topic::kGates, i, values, &text);
    EXPECT_EQ(text.find("  "), std::string::npos) << text;
    EXPECT_NE(text.back(), ' ') << text;
  }
}

}  // namespace
}  // namespace webcare::ingest::demo
