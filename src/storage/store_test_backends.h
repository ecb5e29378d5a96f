#pragma once
// For the storage conformance suites: the backends every suite runs against, and a fixture
// that opens a fresh store of one backend in a folder of its own for each test. A new backend
// registers once, in StoreBackends(); every suite built on StoreBackendTest then runs on it.
// The fixture also makes the users, teams and conversations most tests start from.

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "base/strings.h"
#include "base/test_dir.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace webcare::storage {

struct StoreBackend {
  std::string name;
  std::function<absl::StatusOr<std::unique_ptr<Store>>(const std::string& dir, const base::Clock&)> open;
};

inline std::vector<StoreBackend> StoreBackends() {
  return {{"sqlite", [](const std::string& dir, const base::Clock& clock)
                         -> absl::StatusOr<std::unique_ptr<Store>> {
             auto store = sqlite::SqliteStore::Open({.path = dir + "/webcare.db"}, clock);
             if (!store.ok()) return store.status();
             return std::unique_ptr<Store>(std::move(*store));
           }}};
}

// For gtest's messages: the backend's name rather than the bytes of the struct.
inline void PrintTo(const StoreBackend& backend, std::ostream* out) { *out << backend.name; }

// For gtest's test names: "Backends/SuiteName.Test/sqlite".
inline std::string StoreBackendName(const testing::TestParamInfo<StoreBackend>& info) {
  return info.param.name;
}

class StoreBackendTest : public testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    dir_ = base::FreshTestDir(base::StrCat("store-", GetParam().name, "-",
                                            testing::UnitTest::GetInstance()->current_test_info()->test_suite_name()));
    auto store = GetParam().open(dir_, clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A user by e-mail local part: "agent" is agent@example.com, named "Test agent".
  core::UserId AddUser(const std::string& local, core::Role role = core::Role::kAgent) {
    auto user = store_->CreateUser(
        {.email = base::StrCat(local, "@example.com"), .name = base::StrCat("Test ", local), .role = role}, "hash");
    EXPECT_TRUE(user.ok()) << user.status();
    return user.ok() ? user->id : core::UserId();
  }

  core::TeamId AddTeam(const std::string& name) {
    auto team = store_->CreateTeam(name);
    EXPECT_TRUE(team.ok()) << team.status();
    return team.ok() ? team->id : core::TeamId();
  }

  // A new analysed inbound post, from an author of its own, as a conversation of its own,
  // routed to `team` (unset: no team). Each post is a minute after the previous one.
  core::ConversationId AddConversation(core::TeamId team = {}) {
    ++posts_;
    core::NewPost post;
    post.network = "x";
    post.channel = "x:@ovpas";
    post.external_id = base::StrCat("in-", posts_);
    post.author = {.network = "x", .handle = base::StrCat("@klant_", posts_), .name = "Klant", .followers = 10};
    post.text = base::StrCat("Waar blijft mijn pas? (", posts_, ")");
    post.created_at = clock_.NowMicros() + posts_ * 60 * base::kMicrosPerSecond;
    post.raw = "{}";
    post.classification.analysed = true;
    post.classification.language = "nl";
    post.classification.sentiment_label = "neutral";
    post.classification.intent = "question";
    post.classification.team = team;
    post.classification.priority = 20;
    auto inserted = store_->InsertPosts(std::vector<core::NewPost>{post});
    EXPECT_TRUE(inserted.ok()) << inserted.status();
    if (!inserted.ok() || inserted->conversations.size() != 1) return core::ConversationId();
    return inserted->conversations[0];
  }

  core::Conversation Get(core::ConversationId id) {
    auto conversation = store_->GetConversation(id);
    EXPECT_TRUE(conversation.ok()) << conversation.status();
    return conversation.ok() ? *conversation : core::Conversation{};
  }

  base::FakeClock clock_;
  std::string dir_;
  std::unique_ptr<Store> store_;
  int posts_ = 0;  // Posts AddConversation made.
};

}  // namespace webcare::storage
