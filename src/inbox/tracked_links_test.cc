// Tracked links: which links are replaced and how, that a reply is measured as it is sent,
// and that short links are stored with the reply and followed.

#include "inbox/tracked_links.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/event.h"
#include "inbox/company_settings.h"
#include "inbox/inbox_service.h"
#include "inbox/reply_length.h"
#include "storage/sqlite/sqlite_store.h"
#include "base/test_dir.h"

namespace webcare::inbox {
namespace {

constexpr std::string_view kBase = "https://care.example";

// Codes c1, c2, ... in the order they are drawn.
std::function<std::string()> Counter() {
  auto next = std::make_shared<int>(0);
  return [next] { return "c" + std::to_string(++*next); };
}

LinkPlan Rewrite(std::string_view text, const std::vector<core::TrackedLink>& existing = {}) {
  return RewriteLinks(text, kBase, existing, Counter());
}

TEST(FindLinkSpansTest, GivesByteRangesOfTheTextAsWritten) {
  const std::string text = "Café ☕ https://a.example/ü?x=1, en (zie http://b.example)";
  const std::vector<LinkSpan> spans = FindLinkSpans(text, /*require_scheme=*/true);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(text.substr(spans[0].offset, spans[0].size), "https://a.example/ü?x=1");
  EXPECT_EQ(text.substr(spans[1].offset, spans[1].size), "http://b.example");
  // Without a scheme only when asked; ill-formed bytes before a link do not shift it.
  EXPECT_TRUE(FindLinkSpans("zie bol.com/x", /*require_scheme=*/true).empty());
  EXPECT_EQ(FindLinkSpans("zie bol.com/x", /*require_scheme=*/false).size(), 1u);
  const std::string bad = "\xff\xfe https://c.example/d";
  const auto after_bad = FindLinkSpans(bad, /*require_scheme=*/true);
  ASSERT_EQ(after_bad.size(), 1u);
  EXPECT_EQ(bad.substr(after_bad[0].offset, after_bad[0].size), "https://c.example/d");
}

TEST(RewriteLinksTest, TextWithoutLinksIsUnchanged) {
  const LinkPlan plan = Rewrite("Hoi Anna, we kijken ernaar. Groet, e.g. bol.com en @ovpas");
  EXPECT_EQ(plan.text, "Hoi Anna, we kijken ernaar. Groet, e.g. bol.com en @ovpas");
  EXPECT_TRUE(plan.new_links.empty());
  EXPECT_EQ(Rewrite("").text, "");
}

TEST(RewriteLinksTest, PunctuationAfterALinkStaysOutsideIt) {
  const LinkPlan plan = Rewrite("Zie https://ovpas.example/storingen. Of (https://ovpas.example/app)! "
                                "En https://nl.wikipedia.org/wiki/Utrecht_(stad)?");
  EXPECT_EQ(plan.text, "Zie https://care.example/l/c1. Of (https://care.example/l/c2)! "
                       "En https://care.example/l/c3?");
  ASSERT_EQ(plan.new_links.size(), 3u);
  EXPECT_EQ(plan.new_links[0].url, "https://ovpas.example/storingen");
  EXPECT_EQ(plan.new_links[1].url, "https://ovpas.example/app");
  EXPECT_EQ(plan.new_links[2].url, "https://nl.wikipedia.org/wiki/Utrecht_(stad)");
}

TEST(RewriteLinksTest, SeveralLinksAndRepeatsShareOneCodePerAddress) {
  const LinkPlan plan = Rewrite("https://a.example/x en HTTP://b.example/y\nen nog eens https://a.example/x");
  EXPECT_EQ(plan.text, "https://care.example/l/c1 en https://care.example/l/c2\nen nog eens https://care.example/l/c1");
  ASSERT_EQ(plan.new_links.size(), 2u);
  EXPECT_EQ(plan.new_links[0].code, "c1");
  EXPECT_EQ(plan.new_links[1].url, "HTTP://b.example/y");
}

TEST(RewriteLinksTest, ALinkTheConversationHasKeepsItsCode) {
  const std::vector<core::TrackedLink> existing = {{.code = "old", .url = "https://a.example/x"}};
  const LinkPlan plan = Rewrite("https://a.example/x en https://b.example", existing);
  EXPECT_EQ(plan.text, "https://care.example/l/old en https://care.example/l/c1");
  ASSERT_EQ(plan.new_links.size(), 1u);
  EXPECT_EQ(plan.new_links[0].url, "https://b.example");
}

TEST(RewriteLinksTest, ShortLinksSchemelessLinksAndOtherSchemesStayAsWritten) {
  for (const std::string text : {"https://care.example/l/abcdefghijklmnop", "HTTPS://Care.Example/l/abc.",
                                 "bol.com/storing", "javascript:alert(1)", "mailto:help@ovpas.example",
                                 "ftp://files.example/a", "iemand@https://a.example"}) {
    const LinkPlan plan = Rewrite(text);
    EXPECT_EQ(plan.text, text);
    EXPECT_TRUE(plan.new_links.empty()) << text;
  }
  const std::string long_url = "https://a.example/" + std::string(kMaxTrackedUrlBytes, 'x');
  EXPECT_EQ(Rewrite(long_url).text, long_url);
}

TEST(RewriteLinksTest, OnXAndMastodonTheCountDoesNotChange) {
  const std::string text = "Zie https://ovpas.example/storingen/2026/11/21/utrecht-centraal-poortjes en "
                           "http://a.nl ^MB";
  const LinkPlan plan = RewriteLinks(text, kBase, {}, [] { return std::string(kLinkCodeLength, 'x'); });
  for (const char* network : {"x", "mastodon"}) {
    EXPECT_EQ(CountReply(network, false, plan.text).count, CountReply(network, false, text).count) << network;
  }
  // Elsewhere characters count: each link becomes exactly as long as a short link.
  const int short_link = static_cast<int>(ShortLink(kBase, std::string(kLinkCodeLength, 'x')).size());
  EXPECT_EQ(CountReply("facebook", false, plan.text).count,
            CountReply("facebook", false, "Zie  en  ^MB").count + 2 * short_link);
}

TEST(TrackedLinkFormatsTest, CodesPublicUrlsAndRedirects) {
  EXPECT_TRUE(IsLinkCode("AbCd-_0123456789"));
  EXPECT_FALSE(IsLinkCode("AbCd-_012345678"));     // 15
  EXPECT_FALSE(IsLinkCode("AbCd-_0123456789a"));   // 17
  EXPECT_FALSE(IsLinkCode("AbCd/_0123456789"));
  EXPECT_FALSE(IsLinkCode(""));

  EXPECT_EQ(*NormalisePublicUrl("https://care.example.com/"), "https://care.example.com");
  EXPECT_EQ(*NormalisePublicUrl("HTTP://care.example.com:8080/webcare//"), "http://care.example.com:8080/webcare");
  for (const char* bad : {"care.example.com", "ftp://care.example.com", "https://", "https:///x",
                          "https://care.example.com/?a=b", "https://care.example.com/#x",
                          "https://user@care.example.com", "https://care example.com"}) {
    EXPECT_TRUE(absl::IsInvalidArgument(NormalisePublicUrl(bad).status())) << bad;
  }
  EXPECT_EQ(RedirectTarget("https://a.example/ü?q=a b"), "https://a.example/%C3%BC?q=a%20b");
  EXPECT_EQ(RedirectTarget("https://a.example/%20"), "https://a.example/%20");
}

// A real store, for the tracker and the inbox service together.
class LinkTrackerTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = base::FreshTestDir("tracked-links");
    auto store = storage::sqlite::SqliteStore::Open({.path = dir_ + "/webcare.db"}, clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    auto user = store_->CreateUser({.email = "agent@example.com", .name = "Aart Agent", .role = core::Role::kAgent}, "h");
    ASSERT_TRUE(user.ok()) << user.status();
    agent_ = {.user = *user, .teams = {}};
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  core::ConversationId NewConversation(const std::string& network) {
    core::NewPost post;
    post.network = network;
    post.channel = network + ":@ovpas";
    post.external_id = "in-" + network;
    post.author = {.network = network, .handle = "@anna", .name = "Anna de Vries"};
    post.text = "Waar vind ik de storingen?";
    post.created_at = clock_.NowMicros();
    post.raw = "{}";
    auto inserted = store_->InsertPosts(std::vector<core::NewPost>{post});
    EXPECT_TRUE(inserted.ok()) << inserted.status();
    return inserted->conversations.at(0);
  }

  base::FakeClock clock_;
  core::CountingEventSink events_;
  std::string dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  Viewer agent_;
};

TEST_F(LinkTrackerTest, AReplyIsMeasuredAsSentAndItsLinksAreStoredWithIt) {
  LinkTracker tracker(*store_, events_, std::string(kBase));
  InboxService inbox(*store_, events_, clock_);
  inbox.TrackLinks(&tracker);
  const core::ConversationId conversation = NewConversation("facebook");
  const ReplyRequest request{.text = "Kijk op https://ovpas.example/storingen.", .signature = false};

  auto measured = inbox.Measure(agent_, conversation, request);
  ASSERT_TRUE(measured.ok()) << measured.status();
  EXPECT_TRUE(store_->ListTrackedLinks(conversation)->empty());  // A measure stores nothing.
  auto sent = inbox.Reply(agent_, conversation, request);
  ASSERT_TRUE(sent.ok()) << sent.status();
  EXPECT_EQ(CountReply("facebook", false, sent->text).count, measured->length.count);
  EXPECT_TRUE(sent->text.starts_with("Kijk op https://care.example/l/")) << sent->text;
  EXPECT_TRUE(sent->text.ends_with(".")) << sent->text;

  auto links = store_->ListTrackedLinks(conversation);
  ASSERT_TRUE(links.ok()) << links.status();
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ((*links)[0].url, "https://ovpas.example/storingen");
  EXPECT_EQ((*links)[0].post, sent->id);
  EXPECT_TRUE(IsLinkCode((*links)[0].code));
  EXPECT_EQ(sent->text, "Kijk op " + ShortLink(kBase, (*links)[0].code) + ".");

  // Following it counts a click, tells open screens, and leads to the original; a second
  // reply reuses the code.
  const int announced = events_.published;
  EXPECT_EQ(*tracker.Follow((*links)[0].code), "https://ovpas.example/storingen");
  EXPECT_EQ(tracker.List(conversation)->at(0).clicks, 1);
  EXPECT_EQ(events_.published, announced + 1);
  auto again = inbox.Reply(agent_, conversation, {.text = "Nogmaals: https://ovpas.example/storingen", .signature = false});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->text, "Nogmaals: " + ShortLink(kBase, (*links)[0].code));
  EXPECT_EQ(store_->ListTrackedLinks(conversation)->size(), 1u);
  EXPECT_TRUE(absl::IsNotFound(tracker.Follow("AAAAAAAAAAAAAAAA").status()));
  EXPECT_TRUE(absl::IsNotFound(tracker.Follow("../../etc").status()));
}

TEST_F(LinkTrackerTest, TheReplyTheCompanyOrAMissingPublicUrlCanTurnTrackingOff) {
  const core::ConversationId conversation = NewConversation("x");
  const std::string text = "Zie https://ovpas.example/a";
  LinkTracker tracker(*store_, events_, std::string(kBase));
  EXPECT_EQ(tracker.Plan(conversation, text, /*track=*/false)->text, text);
  EXPECT_NE(tracker.Plan(conversation, text, /*track=*/true)->text, text);

  ASSERT_TRUE(SaveCompanySettings(*store_, {.name = "OV-Pas", .track_links = false}).ok());
  EXPECT_EQ(tracker.Plan(conversation, text, /*track=*/true)->text, text);
  ASSERT_TRUE(SaveCompanySettings(*store_, {.name = "OV-Pas", .track_links = true}).ok());

  LinkTracker without_url(*store_, events_, "");
  EXPECT_EQ(without_url.Plan(conversation, text, /*track=*/true)->text, text);
  without_url.SetPublicBase("https://other.example");
  EXPECT_TRUE(without_url.Plan(conversation, text, /*track=*/true)->text.starts_with("Zie https://other.example/l/"));

  // An inbox without a tracker sends links as written.
  InboxService inbox(*store_, events_, clock_);
  auto sent = inbox.Reply(agent_, conversation, {.text = text, .signature = false});
  ASSERT_TRUE(sent.ok()) << sent.status();
  EXPECT_EQ(sent->text, text);
  EXPECT_TRUE(store_->ListTrackedLinks(conversation)->empty());
}

TEST_F(LinkTrackerTest, AReplyOverTheLimitStoresNoLinks) {
  LinkTracker tracker(*store_, events_, std::string(kBase));
  InboxService inbox(*store_, events_, clock_);
  inbox.TrackLinks(&tracker);
  const core::ConversationId conversation = NewConversation("x");
  const std::string text = std::string(270, 'a') + " https://ovpas.example/storingen";
  EXPECT_TRUE(absl::IsInvalidArgument(inbox.Reply(agent_, conversation, {.text = text}).status()));
  EXPECT_TRUE(store_->ListTrackedLinks(conversation)->empty());
}

TEST(CompanySettingsTest, DefaultsUntilSavedAndTheNameIsChecked) {
  base::FakeClock clock;
  const std::string dir = testing::TempDir() + "company-settings";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = storage::sqlite::SqliteStore::Open({.path = dir + "/webcare.db"}, clock);
  ASSERT_TRUE(store.ok()) << store.status();
  auto settings = LoadCompanySettings(**store);
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->name, "");
  EXPECT_TRUE(settings->track_links);
  EXPECT_TRUE(absl::IsInvalidArgument(SaveCompanySettings(**store, {.name = "OV\nPas"})));
  EXPECT_TRUE(absl::IsInvalidArgument(SaveCompanySettings(**store, {.name = std::string(201, 'a')})));
  ASSERT_TRUE(SaveCompanySettings(**store, {.name = "  OV-Pas ", .track_links = false}).ok());
  EXPECT_EQ(LoadCompanySettings(**store)->name, "OV-Pas");
  EXPECT_FALSE(LoadCompanySettings(**store)->track_links);
  store->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace webcare::inbox
