#include "realtime/hub.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/clock.h"
#include "storage/sqlite/sqlite_store.h"
#include "base/test_dir.h"

namespace webcare::realtime {
namespace {

using nlohmann::json;

// Records what the hub sends, the messages of a batch one by one (as the web UI reads them);
// can play a client that stopped reading.
class RecordingClient final : public Client {
 public:
  bool Send(std::shared_ptr<const std::string> message) override {
    std::lock_guard lock(mutex_);
    if (refuse_) return false;
    json parsed = json::parse(*message);
    texts_.push_back(message);
    ++sent_;
    if (parsed["type"] == "batch") {
      EXPECT_GE(parsed["messages"].size(), 2u) << "a batch of one is sent as the message itself";
      for (json& inner : parsed["messages"]) messages_.push_back(std::move(inner));
    } else {
      messages_.push_back(std::move(parsed));
    }
    return true;
  }
  // How many times Send was called.
  size_t Sent() {
    std::lock_guard lock(mutex_);
    return sent_;
  }
  // What Send was given, in order.
  std::vector<std::shared_ptr<const std::string>> Texts() {
    std::lock_guard lock(mutex_);
    return texts_;
  }
  std::vector<json> Messages() {
    std::lock_guard lock(mutex_);
    return messages_;
  }
  // The messages of `type`, waiting up to 5 s until there are at least `count`.
  std::vector<json> WaitFor(const std::string& type, size_t count) {
    for (int i = 0; i < 500; ++i) {
      std::vector<json> matching;
      for (const json& message : Messages()) {
        if (message["type"] == type) matching.push_back(message);
      }
      if (matching.size() >= count) return matching;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "timed out waiting for " << count << " " << type << " messages";
    return {};
  }
  void Refuse() {
    std::lock_guard lock(mutex_);
    refuse_ = true;
  }

 private:
  std::mutex mutex_;
  bool refuse_ = false;
  size_t sent_ = 0;
  std::vector<std::shared_ptr<const std::string>> texts_;
  std::vector<json> messages_;
};

class HubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = base::FreshTestDir("hub");
    auto store = storage::sqlite::SqliteStore::Open({.path = dir_ + "/webcare.db"}, clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    clock_.Set(1'700'000'000'000'000);
    auto support = store_->CreateTeam("Support");
    auto pr = store_->CreateTeam("PR");
    ASSERT_TRUE(support.ok() && pr.ok());
    support_ = support->id;
    pr_ = pr->id;
    anna_ = MakeUser("anna@example.org", "Anna", support_);
    bram_ = MakeUser("bram@example.org", "Bram", support_);
    carla_ = MakeUser("carla@example.org", "Carla", pr_);
    hub_ = std::make_unique<Hub>(*store_, clock_,
                                 [](const core::Event& event, const core::Conversation* conversation) {
                                   return json{{"type", "event"},
                                               {"seq", event.seq},
                                               {"kind", event.kind},
                                               {"team", conversation ? conversation->team.value() : 0}}
                                       .dump();
                                 });
    ASSERT_TRUE(hub_->Start().ok());
  }
  void TearDown() override {
    hub_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Replaces the fixture's hub with one that renders events by `format`, with `options`.
  void RestartHub(EventFormatter format, HubOptions options = {}) {
    hub_.reset();
    hub_ = std::make_unique<Hub>(*store_, clock_, std::move(format), options);
    ASSERT_TRUE(hub_->Start().ok());
  }
  // Events rendered as their seq alone.
  static std::string SeqOnly(const core::Event& event, const core::Conversation*) {
    return json{{"type", "event"}, {"seq", event.seq}}.dump();
  }

  inbox::Viewer MakeUser(const std::string& email, const std::string& name, core::TeamId team) {
    auto user = store_->CreateUser({.email = email, .name = name, .role = core::Role::kAgent}, "x");
    EXPECT_TRUE(user.ok()) << user.status();
    EXPECT_TRUE(store_->SetTeamMember(team, user->id, true).ok());
    return inbox::Viewer{.user = *user, .teams = {team}};
  }

  // A new conversation routed to `team`.
  core::ConversationId NewConversation(const std::string& id, core::TeamId team) {
    core::NewPost post{.network = "x", .channel = "x:@brand", .external_id = id,
                       .author = {.network = "x", .handle = "@" + id}, .text = "help", .created_at = 1};
    post.classification.analysed = true;
    post.classification.team = team;
    post.classification.priority = 10;
    auto inserted = store_->InsertPosts({&post, 1});
    EXPECT_TRUE(inserted.ok()) << inserted.status();
    hub_->Publish(core::PostsIngested{});
    return inserted->conversations.at(0);
  }

  void Claim(core::ConversationId id, const inbox::Viewer& viewer) {
    auto changed = store_->UpdateConversation(id, {.assignee = viewer.user.id}, {.kind = "conversation.claimed"});
    ASSERT_TRUE(changed.ok()) << changed.status();
    hub_->Publish(core::EventsRecorded{changed->seq});
  }

  base::FakeClock clock_;
  std::string dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<Hub> hub_;
  core::TeamId support_, pr_;
  inbox::Viewer anna_, bram_, carla_;
};

TEST_F(HubTest, SendsHelloThenEveryEventOnceInOrder) {
  auto client = std::make_shared<RecordingClient>();
  hub_->Connect(anna_, client, std::nullopt);
  EXPECT_EQ(client->WaitFor("hello", 1).at(0)["seq"], 0);
  const auto first = NewConversation("1", support_);
  Claim(first, anna_);
  NewConversation("2", support_);
  const auto events = client->WaitFor("event", 3);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0]["kind"], "posts.added");
  EXPECT_EQ(events[1]["kind"], "conversation.claimed");
  EXPECT_EQ(events[2]["kind"], "posts.added");
  EXPECT_LT(events[0]["seq"], events[1]["seq"]);
  EXPECT_LT(events[1]["seq"], events[2]["seq"]);
}

TEST_F(HubTest, KeepsOtherTeamsConversationsFromAnAgent) {
  auto carla = std::make_shared<RecordingClient>();
  auto anna = std::make_shared<RecordingClient>();
  hub_->Connect(carla_, carla, std::nullopt);
  hub_->Connect(anna_, anna, std::nullopt);
  NewConversation("support-only", support_);
  NewConversation("pr-only", pr_);
  const auto carla_events = carla->WaitFor("event", 1);
  const auto anna_events = anna->WaitFor("event", 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // Nothing more may come.
  ASSERT_EQ(carla->WaitFor("event", 1).size(), 1u);
  ASSERT_EQ(anna->WaitFor("event", 1).size(), 1u);
  EXPECT_EQ(carla_events[0]["team"], pr_.value());
  EXPECT_EQ(anna_events[0]["team"], support_.value());
}

TEST_F(HubTest, ReconnectingClientGetsWhatItMissedExactlyOnce) {
  auto before = std::make_shared<RecordingClient>();
  hub_->Connect(anna_, before, std::nullopt);
  NewConversation("a", support_);
  const int64_t last_seen = before->WaitFor("event", 1).at(0)["seq"];
  before->Refuse();  // The connection drops...
  const auto second = NewConversation("b", support_);
  Claim(second, bram_);
  // ... and comes back naming the last seq it saw.
  auto after = std::make_shared<RecordingClient>();
  hub_->Connect(anna_, after, last_seen);
  const auto missed = after->WaitFor("event", 2);
  ASSERT_EQ(missed.size(), 2u);
  EXPECT_EQ(missed[0]["kind"], "posts.added");
  EXPECT_EQ(missed[1]["kind"], "conversation.claimed");
  EXPECT_GT(missed[0]["seq"], last_seen);
  NewConversation("c", support_);
  EXPECT_EQ(after->WaitFor("event", 3).size(), 3u);
  EXPECT_EQ(hub_->ClientCount(), 1u);  // The refusing one was dropped.
}

TEST_F(HubTest, ABurstGoesOutAsOneBatchInOrder) {
  auto client = std::make_shared<RecordingClient>();
  hub_->Connect(anna_, client, std::nullopt);
  client->WaitFor("hello", 1);
  // Forty conversations in one commit: forty events, read by the hub in one go.
  std::vector<core::NewPost> posts;
  for (int i = 0; i < 40; ++i) {
    core::NewPost post{.network = "x", .channel = "x:@brand", .external_id = "burst" + std::to_string(i),
                       .author = {.network = "x", .handle = "@burst" + std::to_string(i)}, .text = "help",
                       .created_at = 1};
    post.classification.analysed = true;
    post.classification.team = i % 2 == 0 ? support_ : pr_;  // Anna may see half of them.
    posts.push_back(std::move(post));
  }
  ASSERT_TRUE(store_->InsertPosts(posts).ok());
  hub_->Publish(core::PostsIngested{});
  const auto events = client->WaitFor("event", 20);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // Nothing more may come.
  EXPECT_EQ(client->WaitFor("event", 20).size(), 20u);
  for (size_t i = 1; i < events.size(); ++i) EXPECT_LT(events[i - 1]["seq"], events[i]["seq"]);
  for (const json& event : events) EXPECT_EQ(event["team"], support_.value());
  EXPECT_EQ(client->Sent(), 2u);  // The hello, then one batch.
}

TEST_F(HubTest, ScreensDueTheSameBurstShareOneBatch) {
  // Anna twice and Bram: the same team, so the same events. Carla (PR) is due the others.
  auto anna_here = std::make_shared<RecordingClient>();
  auto anna_there = std::make_shared<RecordingClient>();
  auto bram = std::make_shared<RecordingClient>();
  auto carla = std::make_shared<RecordingClient>();
  hub_->Connect(anna_, anna_here, std::nullopt);
  hub_->Connect(anna_, anna_there, std::nullopt);
  hub_->Connect(bram_, bram, std::nullopt);
  hub_->Connect(carla_, carla, std::nullopt);
  std::vector<core::NewPost> posts;
  for (int i = 0; i < 6; ++i) {
    core::NewPost post{.network = "x", .channel = "x:@brand", .external_id = "shared" + std::to_string(i),
                       .author = {.network = "x", .handle = "@shared" + std::to_string(i)}, .text = "help",
                       .created_at = 1};
    post.classification.analysed = true;
    post.classification.team = i % 3 == 0 ? pr_ : support_;
    posts.push_back(std::move(post));
  }
  ASSERT_TRUE(store_->InsertPosts(posts).ok());
  hub_->Publish(core::PostsIngested{});
  // On failure: what each screen was sent.
  const auto sent = [&] {
    std::string all;
    for (auto* client : {anna_here.get(), anna_there.get(), bram.get(), carla.get()}) {
      all += "screen:\n";
      for (const auto& text : client->Texts()) all += "  " + *text + "\n";
    }
    return all;
  };
  ASSERT_EQ(anna_here->WaitFor("event", 4).size(), 4u) << sent();
  ASSERT_EQ(anna_there->WaitFor("event", 4).size(), 4u) << sent();
  ASSERT_EQ(bram->WaitFor("event", 4).size(), 4u) << sent();
  ASSERT_EQ(carla->WaitFor("event", 2).size(), 2u) << sent();
  // The hello, then the batch: one string for the three Support screens, another for Carla.
  const auto batch = [](RecordingClient& client) { return client.Texts().at(1); };
  EXPECT_EQ(batch(*anna_here), batch(*anna_there)) << sent();
  EXPECT_EQ(batch(*anna_here), batch(*bram)) << sent();
  EXPECT_NE(batch(*anna_here), batch(*carla)) << sent();
  EXPECT_EQ(anna_here->Texts().size(), 2u) << sent();
}

TEST_F(HubTest, ChangesSoonAfterARoundWaitForTheNextTogether) {
  RestartHub(SeqOnly, {.round_gap = 300'000});
  auto client = std::make_shared<RecordingClient>();
  hub_->Connect(anna_, client, std::nullopt);
  NewConversation("first", support_);
  client->WaitFor("event", 1);
  const auto first_round = std::chrono::steady_clock::now();
  NewConversation("second", support_);
  NewConversation("third", support_);
  ASSERT_EQ(client->WaitFor("event", 3).size(), 3u);
  // The next round waited out the gap, and took both changes at once.
  EXPECT_GE(std::chrono::steady_clock::now() - first_round, std::chrono::milliseconds(200));
  EXPECT_EQ(client->Sent(), 3u);  // The hello, the first event, then one batch of two.
}

TEST_F(HubTest, ClientTooFarBehindIsToldToResync) {
  // No gap between rounds: the five events are pumped before the watcher connects, so that it
  // starts at the head.
  RestartHub(SeqOnly, {.ring_size = 2, .round_gap = 0});
  for (int i = 0; i < 5; ++i) NewConversation("r" + std::to_string(i), support_);
  auto watcher = std::make_shared<RecordingClient>();
  hub_->Connect(anna_, watcher, std::nullopt);
  NewConversation("last", support_);
  watcher->WaitFor("event", 1);
  auto late = std::make_shared<RecordingClient>();
  hub_->Connect(anna_, late, 1);
  EXPECT_EQ(late->WaitFor("resync", 1).size(), 1u);
}

TEST_F(HubTest, AClientOwedMoreThanItsQueueCanTakeIsToldToResync) {
  // Events of 100 KB each: forty of them are more than a catch-up may send at once.
  RestartHub([](const core::Event& event, const core::Conversation*) {
    return json{{"type", "event"}, {"seq", event.seq}, {"padding", std::string(100'000, 'x')}}.dump();
  });
  auto watcher = std::make_shared<RecordingClient>();
  hub_->Connect(anna_, watcher, std::nullopt);
  watcher->WaitFor("hello", 1);
  // One at a time: forty pumped at once would be too much for the watcher too.
  for (size_t i = 0; i < 40; ++i) {
    NewConversation("big" + std::to_string(i), support_);
    watcher->WaitFor("event", i + 1);
  }
  EXPECT_EQ(watcher->WaitFor("resync", 0).size(), 0u);
  // Back with the first seq: the backlog is 4 MB, so a resync instead, and the client stays.
  auto late = std::make_shared<RecordingClient>();
  hub_->Connect(anna_, late, 0);
  EXPECT_EQ(late->WaitFor("resync", 1).size(), 1u);
  NewConversation("after", support_);
  const auto events = late->WaitFor("event", 1);
  ASSERT_EQ(events.size(), 1u);  // None of the backlog, then what came after the resync.
  EXPECT_GT(events[0]["seq"], late->WaitFor("resync", 1).at(0)["seq"]);
  EXPECT_EQ(hub_->ClientCount(), 2u);
}

TEST_F(HubTest, SharesViewingAndTypingWithColleaguesWhoCanSeeIt) {
  const auto conversation = NewConversation("p", support_);
  auto anna = std::make_shared<RecordingClient>();
  auto bram = std::make_shared<RecordingClient>();
  auto carla = std::make_shared<RecordingClient>();
  const int64_t anna_id = hub_->Connect(anna_, anna, std::nullopt);
  const int64_t bram_id = hub_->Connect(bram_, bram, std::nullopt);
  hub_->Connect(carla_, carla, std::nullopt);
  const std::string id = std::to_string(conversation.value());
  hub_->OnMessage(anna_id, R"({"type":"presence","conversation_id":)" + id + R"(,"state":"viewing"})");
  hub_->OnMessage(bram_id, R"({"type":"presence","conversation_id":)" + id + R"(,"state":"typing"})");
  const auto seen = anna->WaitFor("presence", 2);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1]["people"].size(), 2u);
  EXPECT_EQ(seen[1]["people"][1]["name"], "Bram");
  EXPECT_EQ(seen[1]["people"][1]["state"], "typing");
  auto people = hub_->Presence(conversation);
  ASSERT_EQ(people.size(), 2u);
  // What GET /api/v1/conversations/{id} shows is exactly what the feed sent.
  EXPECT_EQ(PresenceJson(people), seen[1]["people"]);
  // Typing ends on its own when it is not refreshed.
  clock_.Advance(7 * base::kMicrosPerSecond);
  hub_->Publish(core::EventsRecorded{});
  const auto later = anna->WaitFor("presence", 3);
  EXPECT_EQ(later.back()["people"][1]["state"], "viewing");
  // Leaving (or disconnecting) clears it for everyone.
  hub_->Disconnect(bram_id);
  const auto after = anna->WaitFor("presence", 4);
  EXPECT_EQ(after.back()["people"].size(), 1u);
  // Carla (another team) heard none of it.
  EXPECT_TRUE(carla->WaitFor("hello", 1).size() == 1u);
  for (const json& message : carla->Messages()) EXPECT_NE(message["type"], "presence");
}

TEST_F(HubTest, RefusesPresenceOnConversationsTheUserCannotSee) {
  const auto conversation = NewConversation("secret", pr_);
  auto anna = std::make_shared<RecordingClient>();
  const int64_t anna_id = hub_->Connect(anna_, anna, std::nullopt);
  hub_->OnMessage(anna_id, R"({"type":"presence","conversation_id":)" +
                               std::to_string(conversation.value()) + R"(,"state":"viewing"})");
  EXPECT_EQ(anna->WaitFor("error", 1).size(), 1u);
  EXPECT_TRUE(hub_->Presence(conversation).empty());
  hub_->OnMessage(anna_id, "not json");
  EXPECT_EQ(anna->WaitFor("error", 2).size(), 2u);
}

TEST_F(HubTest, TellsMentionedColleagueAboutTheNote) {
  const auto conversation = NewConversation("n", support_);
  auto bram = std::make_shared<RecordingClient>();
  hub_->Connect(bram_, bram, std::nullopt);
  auto note = store_->AddNote({.conversation = conversation, .author = anna_.user.id, .text = "@bram kijk jij?",
                               .mentions = {bram_.user.id}});
  ASSERT_TRUE(note.ok()) << note.status();
  hub_->Publish(core::EventsRecorded{note->second});
  const auto notifications = bram->WaitFor("notification", 1);
  ASSERT_EQ(notifications.size(), 1u);
  EXPECT_EQ(notifications[0]["conversation_id"], conversation.value());
}

TEST_F(HubTest, DeletedConversationsReachOnlyThoseWhoCouldSeeThemAndOnlyAsADeletion) {
  const auto shared = NewConversation("shared", support_);  // Carla is asked as an expert.
  const auto internal = NewConversation("internal", support_);
  ASSERT_TRUE(store_->UpdateConversation(shared, {.add_experts = {carla_.user.id}}, {.kind = "conversation.expert"}).ok());
  // The hub is down while a note is written and both are deleted, so it reads those events
  // only after the deletion, when the conversations can no longer be read.
  hub_.reset();
  ASSERT_TRUE(store_->AddNote({.conversation = internal, .author = anna_.user.id, .text = "@bram",
                               .mentions = {bram_.user.id}}).ok());
  auto deleted = store_->SoftDeleteConversations(std::vector<core::ConversationId>{shared, internal},
                                                 anna_.user.id, 10 * base::kMicrosPerSecond);
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  RestartHub([](const core::Event& event, const core::Conversation* conversation) {
    return json{{"type", "event"}, {"seq", event.seq}, {"kind", event.kind},
                {"conversation_id", event.conversation.value()},
                {"team", conversation ? conversation->team.value() : 0}}.dump();
  });
  auto anna = std::make_shared<RecordingClient>();
  auto bram = std::make_shared<RecordingClient>();
  auto carla = std::make_shared<RecordingClient>();
  hub_->Connect(anna_, anna, 0);
  hub_->Connect(bram_, bram, 0);
  hub_->Connect(carla_, carla, 0);

  // Of everything about them, only the deletions go out; without the conversation itself.
  const auto seen = anna->WaitFor("event", 2);
  ASSERT_EQ(seen.size(), 2u);
  for (const json& event : seen) {
    EXPECT_EQ(event["kind"], "conversation.deleted");
    EXPECT_EQ(event["team"], 0);
  }
  EXPECT_EQ(carla->WaitFor("event", 1).at(0)["conversation_id"], shared.value());
  // Undo brings them back, with the conversation, to those who may see them.
  auto restored = store_->RestoreDeleteBatch(deleted->batch.id, anna_.user.id);
  ASSERT_TRUE(restored.ok()) << restored.status();
  hub_->Publish(core::EventsRecorded{restored->seq});
  const auto back = anna->WaitFor("event", 4);
  ASSERT_EQ(back.size(), 4u);
  EXPECT_EQ(back[2]["kind"], "conversation.restored");
  EXPECT_EQ(back[2]["team"], support_.value());
  const auto carla_back = carla->WaitFor("event", 2);
  ASSERT_EQ(carla_back.size(), 2u);
  EXPECT_EQ(carla_back[1]["kind"], "conversation.restored");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // Nothing more may come.
  EXPECT_EQ(carla->WaitFor("event", 2).size(), 2u);
  // The note written before the deletion was never shown, nor its mention.
  for (const json& message : bram->Messages()) {
    EXPECT_NE(message["type"], "notification");
    if (message["type"] == "event") EXPECT_NE(message["kind"], "note.added");
  }
}

TEST_F(HubTest, TellsThoseWhoLoseSightOfAConversationToDropIt) {
  auto anna = std::make_shared<RecordingClient>();
  auto bram = std::make_shared<RecordingClient>();
  auto carla = std::make_shared<RecordingClient>();
  hub_->Connect(anna_, anna, std::nullopt);
  hub_->Connect(bram_, bram, std::nullopt);
  hub_->Connect(carla_, carla, std::nullopt);
  // Carla (PR) holds a Support conversation as its assignee.
  const auto moved = NewConversation("moved", support_);
  ASSERT_EQ(anna->WaitFor("event", 1).size(), 1u);  // Pumped before the claim: not Carla's.
  Claim(moved, carla_);
  ASSERT_EQ(carla->WaitFor("event", 1).at(0)["kind"], "conversation.claimed");
  ASSERT_EQ(anna->WaitFor("event", 2).size(), 2u);
  ASSERT_EQ(bram->WaitFor("event", 2).size(), 2u);
  const auto change = [&](const storage::ConversationUpdate& update, const char* kind) {
    auto changed = store_->UpdateConversation(moved, update, {.kind = kind});
    ASSERT_TRUE(changed.ok()) << changed.status();
    hub_->Publish(core::EventsRecorded{changed->seq});
  };

  // It moves to PR: Support's agents could see it, cannot now, and hear so; Carla still sees it.
  change({.team = pr_}, "conversation.team");
  for (const auto& support_agent : {anna, bram}) {
    const auto gone = support_agent->WaitFor("out_of_sight", 1);
    ASSERT_EQ(gone.size(), 1u);
    EXPECT_EQ(gone[0]["conversation_id"], moved.value());
    EXPECT_GT(gone[0]["seq"], 0);
  }
  EXPECT_EQ(carla->WaitFor("event", 2).at(1)["kind"], "conversation.team");
  // Given to Anna while in PR: she sees it again as its assignee, Carla still sees it.
  change({.assignee = anna_.user.id}, "conversation.assigned");
  EXPECT_EQ(anna->WaitFor("event", 3).at(2)["kind"], "conversation.assigned");
  EXPECT_EQ(carla->WaitFor("event", 3).at(2)["kind"], "conversation.assigned");
  // Back to Support: Bram sees it again, and Carla, in PR and no longer its assignee, loses it.
  change({.team = support_}, "conversation.team");
  EXPECT_EQ(carla->WaitFor("out_of_sight", 1).size(), 1u);
  EXPECT_EQ(anna->WaitFor("event", 4).at(3)["kind"], "conversation.team");
  EXPECT_EQ(bram->WaitFor("event", 3).at(2)["kind"], "conversation.team");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // Nothing more may come.
  EXPECT_EQ(anna->WaitFor("out_of_sight", 1).size(), 1u);
  EXPECT_EQ(bram->WaitFor("out_of_sight", 1).size(), 1u);
  EXPECT_EQ(carla->WaitFor("out_of_sight", 1).size(), 1u);
  EXPECT_EQ(carla->WaitFor("event", 3).size(), 3u);
  EXPECT_EQ(bram->WaitFor("event", 3).size(), 3u);
}

}  // namespace
}  // namespace webcare::realtime
