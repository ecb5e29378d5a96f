// One conformance suite for every storage backend: each backend registers once, in
// store_test_backends.h, and must pass every test unchanged.

#include <gtest/gtest.h>

#include "base/strings.h"
#include "base/clock.h"
#include "storage/store.h"
#include "storage/store_test_backends.h"
#include "analysis/query/parser.h"
#include "analysis/query/tokenizer.h"

namespace webcare::storage {
namespace {

using core::Direction;
using core::NewPost;

NewPost MakePost(std::string external_id, std::string text, int64_t minute = 0) {
  NewPost post;
  post.network = "x";
  post.channel = "x:@ovpas";
  post.external_id = std::move(external_id);
  post.author = {.network = "x", .handle = "@anna", .name = "Anna de Vries", .followers = 120};
  post.text = std::move(text);
  post.created_at = 1'790'000'000 * base::kMicrosPerSecond + minute * 60 * base::kMicrosPerSecond;
  post.raw = base::StrCat(R"({"id":")", post.external_id, R"("})");
  return post;
}

analysis::query::Query Query(std::string_view text) {
  auto query = analysis::query::Parse(text);
  EXPECT_TRUE(query.ok()) << query.status();
  return query.ok() ? *query : analysis::query::Query{};
}

// An analysed post, as the ingestor hands it to the store.
NewPost Analysed(NewPost post, std::string language, std::string sentiment, int priority,
                 std::vector<core::StreamRef> streams = {}, core::TeamId team = {}) {
  core::PostClassification& c = post.classification;
  c.analysed = true;
  c.language = std::move(language);
  c.language_confidence = 0.9;
  c.sentiment_label = std::move(sentiment);
  c.sentiment_score = c.sentiment_label == "negative" ? -0.6 : c.sentiment_label == "positive" ? 0.6 : 0;
  c.sentiment_explanation = {{.token = "storing", .contribution = -1.5, .rule = "lexicon", .source = "webcare"}};
  c.intent = "complaint";
  c.is_question = post.text.find('?') != std::string::npos;
  c.has_link = post.text.find("http") != std::string::npos;
  c.tags = analysis::query::TagColumnText(analysis::query::ExtractTags(post.text));
  c.streams = std::move(streams);
  c.team = team;
  c.priority = priority;
  c.reasons = {{.code = "base", .text = "inbound post", .points = priority}};
  return post;
}

class StoreConformanceTest : public StoreBackendTest {
 protected:
  InsertResult Insert(std::vector<NewPost> posts) {
    auto result = store_->InsertPosts(posts);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : InsertResult{};
  }
};

TEST_P(StoreConformanceTest, InsertIsIdempotentOnChannelAndExternalId) {
  InsertResult first = Insert({MakePost("1", "storing"), MakePost("2", "poortjes dicht")});
  EXPECT_EQ(first.inserted, 2);
  InsertResult again = Insert({MakePost("1", "storing"), MakePost("3", "nieuw")});
  EXPECT_EQ(again.inserted, 1);
  EXPECT_EQ(again.duplicates, 1);
  // The same external id on another channel is another post.
  NewPost other = MakePost("1", "storing");
  other.channel = "x:@ovpas_help";
  EXPECT_EQ(Insert({other}).inserted, 1);
  EXPECT_EQ(store_->Stats()->posts, 4);
}

TEST_P(StoreConformanceTest, DuplicateInsideOneBatchIsStoredOnce) {
  InsertResult result = Insert({MakePost("1", "a"), MakePost("1", "a")});
  EXPECT_EQ(result.inserted, 1);
  EXPECT_EQ(result.duplicates, 1);
}

TEST_P(StoreConformanceTest, RepliesJoinTheirParentsConversation) {
  NewPost question = MakePost("10", "Mijn saldo klopt niet", 0);
  NewPost answer = MakePost("11", "Stuur ons een DM ^MB", 5);
  answer.in_reply_to = "10";
  answer.direction = Direction::kOutbound;
  answer.author = {.network = "x", .handle = "@ovpas", .name = "OV-Pas", .followers = 50000};
  NewPost other = MakePost("12", "Poortjes Utrecht kapot", 7);
  Insert({question, answer, other});
  auto list = store_->ListConversations({});
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->conversations.size(), 2u);
  // Newest activity first.
  EXPECT_EQ(list->conversations[0].preview, "Poortjes Utrecht kapot");
  const core::Conversation& thread = list->conversations[1];
  EXPECT_EQ(thread.post_count, 2);
  EXPECT_EQ(thread.preview, "Stuur ons een DM ^MB");
  EXPECT_EQ(thread.author.handle, "@anna");
  auto posts = store_->ListConversationPosts(thread.id);
  ASSERT_TRUE(posts.ok());
  ASSERT_EQ(posts->size(), 2u);
  EXPECT_EQ((*posts)[0].text, "Mijn saldo klopt niet");
  EXPECT_EQ((*posts)[1].direction, Direction::kOutbound);
  EXPECT_EQ((*posts)[1].author.followers, 50000);
}

TEST_P(StoreConformanceTest, ReplyBeforeItsParentStillJoinsOneConversation) {
  NewPost reply = MakePost("21", "Nog steeds niet opgelost", 10);
  reply.in_reply_to = "20";
  Insert({reply});
  Insert({MakePost("20", "Dubbel afgeschreven", 0)});
  auto list = store_->ListConversations({});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->conversations.size(), 1u);
  EXPECT_EQ(list->conversations[0].post_count, 2);
  EXPECT_EQ(list->conversations[0].preview, "Nog steeds niet opgelost");
}

TEST_P(StoreConformanceTest, PrivateMessagesOfOneAuthorFormOneThread) {
  NewPost first = MakePost("dm-1", "Mijn kaartnummer is 1234", 0);
  first.is_private = true;
  NewPost second = MakePost("dm-2", "Hallo?", 30);
  second.is_private = true;
  Insert({first});
  Insert({second});
  auto list = store_->ListConversations({});
  ASSERT_EQ(list->conversations.size(), 1u);
  EXPECT_TRUE(list->conversations[0].is_private);
  EXPECT_EQ(list->conversations[0].post_count, 2);
}

TEST_P(StoreConformanceTest, AuthorReachIsRefreshed) {
  Insert({MakePost("1", "a")});
  NewPost later = MakePost("2", "b", 1);
  later.author.followers = 245000;
  Insert({later});
  auto list = store_->ListConversations({});
  ASSERT_EQ(list->conversations.size(), 2u);
  EXPECT_EQ(list->conversations[0].author.followers, 245000);
  EXPECT_EQ(list->conversations[1].author.followers, 245000);
}

TEST_P(StoreConformanceTest, UnknownReachKeepsTheStoredCount) {
  NewPost known = MakePost("1", "a");
  known.author.followers = 5000;
  NewPost unknown = MakePost("2", "b", 1);
  unknown.author.followers = -1;  // The source did not report it.
  Insert({known});
  Insert({unknown});
  auto list = store_->ListConversations({});
  ASSERT_EQ(list->conversations.size(), 2u);
  EXPECT_EQ(list->conversations[0].author.followers, 5000);
  NewPost first_seen = MakePost("3", "c", 2);
  first_seen.author.handle = "@new";
  first_seen.author.followers = -1;
  Insert({first_seen});
  EXPECT_EQ(store_->ListConversations({})->conversations[0].author.followers, 0);
}

TEST_P(StoreConformanceTest, SearchFoldsCaseAndAccentsAndSupportsOperators) {
  Insert({MakePost("1", "Koffie in het café was lekker", 0),
          MakePost("2", "STORING bij de poortjes van Utrecht", 1),
          MakePost("3", "storing opgelost, dank!", 2),
          MakePost("4", "klantenservice reageert niet", 3)});
  const auto ids = [&](std::string_view q, SearchOrder order = SearchOrder::kRecent) {
    auto result = store_->SearchPosts({.query = Query(q), .order = order});
    EXPECT_TRUE(result.ok()) << result.status();
    std::vector<std::string> out;
    if (result.ok()) {
      for (const auto& post : result->posts) out.push_back(post.external_id);
    }
    return out;
  };
  EXPECT_EQ(ids("cafe"), std::vector<std::string>{"1"});
  EXPECT_EQ(ids("storing"), (std::vector<std::string>{"3", "2"}));
  EXPECT_EQ(ids("storing -opgelost"), std::vector<std::string>{"2"});
  EXPECT_EQ(ids("\"poortjes van utrecht\""), std::vector<std::string>{"2"});
  EXPECT_EQ(ids("\"van utrecht poortjes\""), std::vector<std::string>{});
  EXPECT_EQ(ids("klant*"), std::vector<std::string>{"4"});
  EXPECT_EQ(ids("koffie OR klantenservice"), (std::vector<std::string>{"4", "1"}));
  EXPECT_EQ(ids("(koffie OR storing) utrecht"), std::vector<std::string>{"2"});
  EXPECT_EQ(ids("storing", SearchOrder::kRelevance).size(), 2u);
}

TEST_P(StoreConformanceTest, SearchPagesWithACursor) {
  std::vector<NewPost> posts;
  for (int i = 0; i < 7; ++i) posts.push_back(MakePost(base::StrCat(i), "storing", i));
  Insert(posts);
  std::vector<std::string> seen;
  PostSearch search{.query = Query("storing"), .page = {.limit = 3}};
  for (int pages = 0; pages < 5; ++pages) {
    auto page = store_->SearchPosts(search);
    ASSERT_TRUE(page.ok());
    for (const auto& post : page->posts) seen.push_back(post.external_id);
    if (page->next_cursor.empty()) break;
    search.page.cursor = page->next_cursor;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"6", "5", "4", "3", "2", "1", "0"}));
  search.page.cursor = "garbage";
  EXPECT_TRUE(absl::IsInvalidArgument(store_->SearchPosts(search).status()));
}

TEST_P(StoreConformanceTest, ConversationsFilterAndPage) {
  std::vector<NewPost> posts;
  for (int i = 0; i < 5; ++i) posts.push_back(MakePost(base::StrCat("x", i), "storing", i));
  NewPost toot = MakePost("m1", "Geweldig geholpen", 10);
  toot.network = "mastodon";
  toot.channel = "mastodon:@ovpas@mastodon.social";
  toot.author.network = "mastodon";
  posts.push_back(toot);
  Insert(posts);
  auto mastodon = store_->ListConversations({.network = "mastodon"});
  ASSERT_TRUE(mastodon.ok());
  ASSERT_EQ(mastodon->conversations.size(), 1u);
  EXPECT_EQ(mastodon->conversations[0].network, "mastodon");
  auto by_text = store_->ListConversations({.query = Query("geholpen")});
  ASSERT_EQ(by_text->conversations.size(), 1u);
  auto new_ones = store_->ListConversations({.status = core::ConversationStatus::kNew});
  EXPECT_EQ(new_ones->conversations.size(), 6u);
  EXPECT_TRUE(store_->ListConversations({.status = core::ConversationStatus::kResolved})->conversations.empty());

  ConversationFilter filter{.page = {.limit = 4}};
  auto first = store_->ListConversations(filter);
  ASSERT_EQ(first->conversations.size(), 4u);
  ASSERT_FALSE(first->next_cursor.empty());
  filter.page.cursor = first->next_cursor;
  auto second = store_->ListConversations(filter);
  ASSERT_EQ(second->conversations.size(), 2u);
  EXPECT_TRUE(second->next_cursor.empty());
  EXPECT_GT(first->conversations.back().last_post_at, second->conversations.front().last_post_at);
}

TEST_P(StoreConformanceTest, KeepsTheRawPayload) {
  InsertResult result = Insert({MakePost("raw-1", "hallo")});
  ASSERT_EQ(result.post_ids.size(), 1u);
  auto raw = store_->GetRawPayload(result.post_ids[0]);
  ASSERT_TRUE(raw.ok()) << raw.status();
  EXPECT_EQ(*raw, R"({"id":"raw-1"})");
  EXPECT_TRUE(absl::IsNotFound(store_->GetRawPayload(core::PostId(999)).status()));
}

TEST_P(StoreConformanceTest, RejectsABatchWithAnInvalidPostAndKeepsNothingOfIt) {
  NewPost bad = MakePost("b", "x");
  bad.text = "caf\xC3";
  auto result = store_->InsertPosts(std::vector<NewPost>{MakePost("a", "ok"), bad});
  EXPECT_TRUE(absl::IsInvalidArgument(result.status()));
  EXPECT_EQ(store_->Stats()->posts, 0);
}

TEST_P(StoreConformanceTest, UsersSessionsAndTokens) {
  auto user = store_->CreateUser({.email = "Anna@Example.com", .name = "Anna", .role = core::Role::kLead}, "hash");
  ASSERT_TRUE(user.ok()) << user.status();
  EXPECT_TRUE(absl::IsAlreadyExists(
      store_->CreateUser({.email = "anna@example.com", .name = "A", .role = core::Role::kAgent}, "h").status()));
  auto found = store_->FindUserByEmail("anna@example.com");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->user.role, core::Role::kLead);
  EXPECT_EQ(found->password_hash, "hash");

  const base::Micros hour = 3600 * base::kMicrosPerSecond;
  ASSERT_TRUE(store_->CreateSession("s1", {.user = user->id, .csrf_token = "c", .expires_at = clock_.NowMicros() + hour}).ok());
  EXPECT_EQ(store_->FindSession("s1")->csrf_token, "c");
  clock_.Advance(2 * hour);
  EXPECT_TRUE(absl::IsNotFound(store_->FindSession("s1").status()));  // Expired.
  ASSERT_TRUE(store_->CreateSession("s2", {.user = user->id, .csrf_token = "d", .expires_at = clock_.NowMicros() + hour}).ok());
  ASSERT_TRUE(store_->DeleteSession("s2").ok());
  EXPECT_TRUE(absl::IsNotFound(store_->FindSession("s2").status()));

  auto token = store_->CreateApiToken(user->id, "crm sync", "t1");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(store_->UseApiToken("t1")->user, user->id);
  EXPECT_EQ(store_->ListApiTokens(user->id)->size(), 1u);
  EXPECT_TRUE(absl::IsNotFound(store_->RevokeApiToken(core::UserId(999), token->id)));
  ASSERT_TRUE(store_->RevokeApiToken(user->id, token->id).ok());
  EXPECT_TRUE(absl::IsNotFound(store_->UseApiToken("t1").status()));
  EXPECT_TRUE(store_->ListApiTokens(user->id)->empty());
}

TEST_P(StoreConformanceTest, ReopensWithTheSameData) {
  Insert({MakePost("1", "blijft bewaard")});
  store_.reset();
  auto reopened = GetParam().open(dir_, clock_);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  store_ = std::move(*reopened);
  EXPECT_EQ(store_->Stats()->posts, 1);
  EXPECT_EQ(store_->SearchPosts({.query = Query("bewaard")})->posts.size(), 1u);
}

TEST_P(StoreConformanceTest, KeepsTheAnalysisOfAPost) {
  auto team = store_->CreateTeam("Binnendienst");
  ASSERT_TRUE(team.ok()) << team.status();
  auto stream = store_->CreateStream({.name = "Storingen", .query = "storing", .owner_team = team->id,
                                      .colour = "#dc2626", .priority_weight = 20});
  ASSERT_TRUE(stream.ok()) << stream.status();
  Insert({Analysed(MakePost("1", "Storing bij de poortjes?"), "nl", "negative", 72,
                   {{.id = stream->id, .name = "Storingen"}}, team->id),
          MakePost("2", "nog niet geanalyseerd", 1)});
  auto posts = store_->SearchPosts({.query = Query("storing OR geanalyseerd")});
  ASSERT_TRUE(posts.ok()) << posts.status();
  ASSERT_EQ(posts->posts.size(), 2u);
  const core::PostClassification& plain = posts->posts[0].classification;
  EXPECT_FALSE(plain.analysed);
  const core::PostClassification& c = posts->posts[1].classification;
  ASSERT_TRUE(c.analysed);
  EXPECT_EQ(c.language, "nl");
  EXPECT_DOUBLE_EQ(c.language_confidence, 0.9);
  EXPECT_EQ(c.sentiment_label, "negative");
  EXPECT_DOUBLE_EQ(c.sentiment_score, -0.6);
  ASSERT_EQ(c.sentiment_explanation.size(), 1u);
  EXPECT_EQ(c.sentiment_explanation[0].token, "storing");
  EXPECT_EQ(c.sentiment_explanation[0].source, "webcare");
  EXPECT_EQ(c.intent, "complaint");
  EXPECT_TRUE(c.is_question);
  EXPECT_EQ(c.priority, 72);
  EXPECT_EQ(c.team, team->id);
  ASSERT_EQ(c.reasons.size(), 1u);
  EXPECT_EQ(c.reasons[0].points, 72);
  ASSERT_EQ(c.streams.size(), 1u);
  EXPECT_EQ(c.streams[0].name, "Storingen");
  EXPECT_EQ(c.streams[0].colour, "#dc2626");

  auto conversation = store_->GetConversation(posts->posts[1].conversation);
  ASSERT_TRUE(conversation.ok());
  EXPECT_EQ(conversation->priority, 72);
  EXPECT_EQ(conversation->team, team->id);
  EXPECT_EQ(conversation->language, "nl");
  EXPECT_EQ(conversation->sentiment_label, "negative");
  ASSERT_EQ(conversation->streams.size(), 1u);
  EXPECT_EQ(conversation->streams[0].id, stream->id);
}

TEST_P(StoreConformanceTest, ConversationKeepsItsHighestPriorityUntilResolved) {
  NewPost first = Analysed(MakePost("1", "storing!"), "nl", "negative", 80);
  NewPost reply = Analysed(MakePost("2", "dank je", 5), "nl", "positive", 20);
  reply.in_reply_to = "1";
  Insert({first});
  Insert({reply});
  auto list = store_->ListConversations({});
  ASSERT_EQ(list->conversations.size(), 1u);
  EXPECT_EQ(list->conversations[0].priority, 80);
  // The latest inbound post sets the sentiment.
  EXPECT_EQ(list->conversations[0].sentiment_label, "positive");
}

TEST_P(StoreConformanceTest, ArchiveSearchUsesTheAnalysis) {
  auto stream = store_->CreateStream({.name = "Storingen", .query = "storing", .colour = "#dc2626"});
  ASSERT_TRUE(stream.ok());
  Insert({Analysed(MakePost("1", "storing op Utrecht #ovfail"), "nl", "negative", 70,
                   {{.id = stream->id, .name = "Storingen"}}),
          Analysed(MakePost("2", "outage at Utrecht", 1), "en", "negative", 60),
          Analysed(MakePost("3", "top geholpen, bedankt", 2), "nl", "positive", 10)});
  const auto ids = [&](std::string_view q) {
    std::vector<std::string> out;
    auto result = store_->SearchPosts({.query = Query(q)});
    EXPECT_TRUE(result.ok()) << q << ": " << result.status();
    if (result.ok()) for (const auto& post : result->posts) out.push_back(post.external_id);
    return out;
  };
  EXPECT_EQ(ids("lang:nl"), (std::vector<std::string>{"3", "1"}));
  EXPECT_EQ(ids("utrecht lang:en"), (std::vector<std::string>{"2"}));
  EXPECT_EQ(ids("sentiment:negative -lang:en"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(ids("#ovfail"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(ids("stream:storingen"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(ids("utrecht OR bedankt"), (std::vector<std::string>{"3", "2", "1"}));
  auto relevance = store_->SearchPosts({.query = Query("utrecht lang:nl"), .order = SearchOrder::kRelevance});
  ASSERT_TRUE(relevance.ok()) << relevance.status();
  ASSERT_EQ(relevance->posts.size(), 1u);
}

TEST_P(StoreConformanceTest, ConversationsFilterOnTheAnalysis) {
  auto team = store_->CreateTeam("PR");
  auto stream = store_->CreateStream({.name = "Lof", .query = "bedankt", .colour = "#16a34a"});
  ASSERT_TRUE(team.ok() && stream.ok());
  Insert({Analysed(MakePost("1", "storing", 0), "nl", "negative", 90),
          Analysed(MakePost("2", "outage", 1), "en", "negative", 40),
          Analysed(MakePost("3", "bedankt", 2), "nl", "positive", 10,
                   {{.id = stream->id, .name = "Lof"}}, team->id)});
  const auto ids = [&](ConversationFilter filter) {
    std::vector<std::string> out;
    auto list = store_->ListConversations(filter);
    EXPECT_TRUE(list.ok()) << list.status();
    if (list.ok()) for (const auto& c : list->conversations) out.push_back(c.preview);
    return out;
  };
  EXPECT_EQ(ids({.language = "nl"}), (std::vector<std::string>{"bedankt", "storing"}));
  EXPECT_EQ(ids({.sentiment = "negative"}), (std::vector<std::string>{"outage", "storing"}));
  EXPECT_EQ(ids({.min_priority = 40}), (std::vector<std::string>{"outage", "storing"}));
  EXPECT_EQ(ids({.stream = stream->id}), (std::vector<std::string>{"bedankt"}));
  EXPECT_EQ(ids({.team = team->id}), (std::vector<std::string>{"bedankt"}));
  EXPECT_EQ(ids({.query = Query("lang:en OR bedankt")}), (std::vector<std::string>{"bedankt", "outage"}));
  // Most urgent first, paged by (priority, time, id).
  ConversationFilter urgent{.order = ConversationOrder::kPriority, .page = {.limit = 2}};
  auto page = store_->ListConversations(urgent);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->conversations.size(), 2u);
  EXPECT_EQ(page->conversations[0].priority, 90);
  EXPECT_EQ(page->conversations[1].priority, 40);
  urgent.page.cursor = page->next_cursor;
  auto rest = store_->ListConversations(urgent);
  ASSERT_TRUE(rest.ok()) << rest.status();
  ASSERT_EQ(rest->conversations.size(), 1u);
  EXPECT_EQ(rest->conversations[0].priority, 10);
  urgent.page.cursor = "1.2";  // A recent-order cursor does not fit the priority order.
  EXPECT_TRUE(absl::IsInvalidArgument(store_->ListConversations(urgent).status()));

  // The open ones by priority (their own index), paged the same way; a resolved one is left out.
  auto resolved = store_->UpdateConversation(page->conversations[1].id,
                                             {.status = core::ConversationStatus::kResolved}, {.kind = "test"});
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  ConversationFilter open_urgent{.open_only = true, .order = ConversationOrder::kPriority, .page = {.limit = 1}};
  std::vector<int> priorities;
  for (int i = 0; i < 3; ++i) {
    auto open = store_->ListConversations(open_urgent);
    ASSERT_TRUE(open.ok()) << open.status();
    for (const auto& c : open->conversations) priorities.push_back(c.priority);
    if (open->next_cursor.empty()) break;
    open_urgent.page.cursor = open->next_cursor;
  }
  EXPECT_EQ(priorities, (std::vector<int>{90, 10}));
}

TEST_P(StoreConformanceTest, AuthorHistoriesCountRecentInboundPosts) {
  Insert({MakePost("1", "een", 0), MakePost("2", "twee", 10)});
  std::vector<NewPost> batch = {MakePost("3", "drie", 20), MakePost("4", "vier", 30)};
  NewPost stranger = MakePost("5", "hallo", 40);
  stranger.author.handle = "@bob";
  batch.push_back(stranger);
  auto histories = store_->AuthorHistories(batch, /*window=*/15 * 60 * base::kMicrosPerSecond);
  ASSERT_TRUE(histories.ok()) << histories.status();
  ASSERT_EQ(histories->size(), 3u);
  EXPECT_EQ((*histories)[0].recent_posts, 1);  // Post 2 (minute 10); post 1 is too old.
  EXPECT_EQ((*histories)[1].recent_posts, 1);  // Post 3 of the same batch (minute 20).
  EXPECT_EQ((*histories)[2].recent_posts, 0);
  EXPECT_EQ((*histories)[2].customer_value, 0);

  // The team's own posts are neither counted nor given a count.
  NewPost reply = MakePost("6", "graag gedaan", 21);
  reply.direction = Direction::kOutbound;
  std::vector<NewPost> mixed = {reply, MakePost("7", "nog een vraag", 22)};
  auto with_reply = store_->AuthorHistories(mixed, 15 * 60 * base::kMicrosPerSecond);
  ASSERT_TRUE(with_reply.ok());
  EXPECT_EQ((*with_reply)[0].recent_posts, 0);
  EXPECT_EQ((*with_reply)[1].recent_posts, 1);  // Post 2 only.
}

TEST_P(StoreConformanceTest, AuthorHistoriesStopCountingAtAHundred) {
  std::vector<NewPost> many;
  for (int i = 0; i < 130; ++i) many.push_back(MakePost(base::StrCat("m", i), "hallo", i));
  auto histories = store_->AuthorHistories(many, 24 * 3600 * base::kMicrosPerSecond);
  ASSERT_TRUE(histories.ok());
  EXPECT_EQ(histories->back().recent_posts, 100);
  Insert(many);
  std::vector<NewPost> next = {MakePost("next", "hallo", 131)};
  EXPECT_EQ((*store_->AuthorHistories(next, 24 * 3600 * base::kMicrosPerSecond))[0].recent_posts, 100);
}

TEST_P(StoreConformanceTest, StreamsTeamsAndSettings) {
  auto team = store_->CreateTeam("Support");
  ASSERT_TRUE(team.ok());
  EXPECT_TRUE(absl::IsAlreadyExists(store_->CreateTeam("Support").status()));
  EXPECT_EQ(store_->ListTeams()->size(), 1u);

  core::Stream stream{.name = "App", .query = "app crash*", .owner_team = team->id,
                      .colour = "#2563eb", .priority_weight = 5};
  auto created = store_->CreateStream(stream);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_TRUE(created->id.valid());
  EXPECT_EQ(created->created_at, clock_.NowMicros());
  EXPECT_TRUE(absl::IsAlreadyExists(store_->CreateStream({.name = "APP", .query = "x", .colour = "#000000"}).status()));
  EXPECT_TRUE(absl::IsNotFound(
      store_->CreateStream({.name = "Other", .query = "x", .owner_team = core::TeamId(99), .colour = "#000000"}).status()));

  core::Stream changed = *created;
  changed.query = "app NEAR/3 crash*";
  changed.active = false;
  changed.owner_team = core::TeamId();
  clock_.Advance(base::kMicrosPerSecond);
  auto updated = store_->UpdateStream(changed);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->created_at, created->created_at);
  EXPECT_GT(updated->updated_at, created->updated_at);
  auto read = store_->GetStream(created->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->query, "app NEAR/3 crash*");
  EXPECT_FALSE(read->active);
  EXPECT_FALSE(read->owner_team.valid());
  EXPECT_EQ(store_->ListStreams()->size(), 1u);

  changed.id = core::StreamId(999);
  EXPECT_TRUE(absl::IsNotFound(store_->UpdateStream(changed).status()));
  ASSERT_TRUE(store_->DeleteStream(created->id).ok());
  EXPECT_TRUE(absl::IsNotFound(store_->DeleteStream(created->id)));
  EXPECT_TRUE(store_->ListStreams()->empty());

  EXPECT_TRUE(absl::IsNotFound(store_->GetSetting("routing_rules").status()));
  ASSERT_TRUE(store_->PutSetting("routing_rules", R"({"base":5})").ok());
  ASSERT_TRUE(store_->PutSetting("routing_rules", R"({"base":7})").ok());
  EXPECT_EQ(*store_->GetSetting("routing_rules"), R"({"base":7})");
}

TEST_P(StoreConformanceTest, PostsStoredBeforeAnalysisCanBeAnalysedLater) {
  auto stream = store_->CreateStream({.name = "Storingen", .query = "storing", .colour = "#dc2626"});
  ASSERT_TRUE(stream.ok());
  NewPost reply = MakePost("2", "nog steeds storing", 5);
  reply.in_reply_to = "1";
  Insert({MakePost("1", "storing"), reply, Analysed(MakePost("3", "al klaar", 9), "nl", "neutral", 5)});
  auto pending = store_->ListPostsForAnalysis(core::PostId(), 10, /*unanalysed_only=*/true);
  ASSERT_TRUE(pending.ok()) << pending.status();
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ(store_->ListPostsForAnalysis(core::PostId(), 10, false)->size(), 3u);
  EXPECT_EQ(store_->ListPostsForAnalysis((*pending)[0].id, 10, true)->size(), 1u);
  EXPECT_TRUE(absl::IsInvalidArgument(store_->ListPostsForAnalysis(core::PostId(), 0, true).status()));

  std::vector<std::pair<core::PostId, core::PostClassification>> updates;
  updates.push_back({(*pending)[0].id, Analysed(MakePost("1", "storing"), "nl", "negative", 60,
                                                {{.id = stream->id, .name = "Storingen"}}).classification});
  updates.push_back({(*pending)[1].id, Analysed(reply, "nl", "negative", 75).classification});
  ASSERT_TRUE(store_->UpdateAnalyses(updates).ok());
  EXPECT_TRUE(store_->ListPostsForAnalysis(core::PostId(), 10, true)->empty());
  auto conversation = store_->GetConversation((*pending)[0].conversation);
  ASSERT_TRUE(conversation.ok());
  EXPECT_EQ(conversation->priority, 75);
  EXPECT_EQ(conversation->language, "nl");
  EXPECT_EQ(conversation->sentiment_label, "negative");
  ASSERT_EQ(conversation->streams.size(), 1u);
  EXPECT_EQ(store_->SearchPosts({.query = Query("stream:Storingen")})->posts.size(), 1u);
  std::vector<std::pair<core::PostId, core::PostClassification>> missing = {{core::PostId(999), {}}};
  EXPECT_TRUE(absl::IsNotFound(store_->UpdateAnalyses(missing)));
}

// A conversation's streams are those its posts match now: they follow new posts, a new
// analysis and a deleted stream, in its row and in the stream filter.
TEST_P(StoreConformanceTest, ConversationStreamsFollowTheirPosts) {
  auto outages = store_->CreateStream({.name = "Storingen", .query = "storing", .colour = "#dc2626"});
  auto app = store_->CreateStream({.name = "App", .query = "app", .colour = "#2563eb"});
  ASSERT_TRUE(outages.ok() && app.ok());
  const core::StreamRef outage_ref{.id = outages->id, .name = "Storingen"}, app_ref{.id = app->id, .name = "App"};
  NewPost reply = Analysed(MakePost("2", "storing in de app", 5), "nl", "negative", 50, {outage_ref, app_ref});
  reply.in_reply_to = "1";
  Insert({Analysed(MakePost("1", "storing"), "nl", "negative", 40, {outage_ref}), reply,
          Analysed(MakePost("3", "app", 9), "nl", "neutral", 5, {app_ref})});
  auto posts = store_->ListPostsForAnalysis(core::PostId(), 10, /*unanalysed_only=*/false);
  ASSERT_TRUE(posts.ok()) << posts.status();
  ASSERT_EQ(posts->size(), 3u);
  const core::ConversationId thread = (*posts)[0].conversation;
  const auto stream_names = [&] {
    std::vector<std::string> names;
    const core::Conversation conversation = Get(thread);
    for (const auto& stream : conversation.streams) names.push_back(stream.name);
    return names;
  };
  const auto listed = [&](core::StreamId stream) {
    std::vector<core::ConversationId> ids;
    auto list = store_->ListConversations({.stream = stream});
    EXPECT_TRUE(list.ok()) << list.status();
    if (list.ok()) for (const auto& conversation : list->conversations) ids.push_back(conversation.id);
    return ids;
  };
  EXPECT_EQ(stream_names(), (std::vector<std::string>{"App", "Storingen"}));
  EXPECT_EQ(listed(app->id).size(), 2u);

  // The reply no longer matches anything: the thread keeps only what its first post matches.
  std::vector<std::pair<core::PostId, core::PostClassification>> updates = {
      {(*posts)[1].id, Analysed(reply, "nl", "negative", 50).classification}};
  ASSERT_TRUE(store_->UpdateAnalyses(updates).ok());
  EXPECT_EQ(stream_names(), std::vector<std::string>{"Storingen"});
  EXPECT_EQ(listed(app->id), std::vector<core::ConversationId>{(*posts)[2].conversation});
  EXPECT_EQ(listed(outages->id), std::vector<core::ConversationId>{thread});

  ASSERT_TRUE(store_->DeleteStream(outages->id).ok());
  EXPECT_TRUE(stream_names().empty());
  ASSERT_EQ(listed(app->id).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformanceTest, testing::ValuesIn(StoreBackends()), StoreBackendName);

}  // namespace
}  // namespace webcare::storage
