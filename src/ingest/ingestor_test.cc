#include "ingest/ingestor.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "analysis/query/parser.h"
#include "base/strings.h"
#include "ingest/demo/demo_streams.h"
#include "storage/sqlite/sqlite_store.h"
#include "base/test_dir.h"

namespace webcare::ingest {
namespace {

class IngestorTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = base::FreshTestDir("ingestor");
    auto store = storage::sqlite::SqliteStore::Open({.path = dir_ + "/webcare.db"}, clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    ingestor_ = std::make_unique<Ingestor>(*store_, events_, pipeline_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  core::NewPost Post(int id, std::string text, int minute = 0) {
    core::NewPost post;
    post.network = "x";
    post.channel = "x:@ovpas";
    post.external_id = base::StrCat(id);
    post.author = {.network = "x", .handle = "@reiziger", .followers = 40};
    post.text = std::move(text);
    post.created_at = 1'790'000'000 * base::kMicrosPerSecond + minute * 60 * base::kMicrosPerSecond;
    return post;
  }

  std::vector<core::Post> Stored(std::string_view query) {
    auto found = store_->SearchPosts({.query = *analysis::query::Parse(query)});
    EXPECT_TRUE(found.ok()) << found.status();
    return found.ok() ? found->posts : std::vector<core::Post>{};
  }

  base::FakeClock clock_;
  core::CountingEventSink events_;
  analysis::Pipeline pipeline_;
  std::string dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<Ingestor> ingestor_;
};

TEST_F(IngestorTest, AnalysesStoresAndPublishes) {
  ASSERT_TRUE(store_->CreateStream({.name = "Storingen", .query = "storing", .colour = "#dc2626",
                                    .priority_weight = 20}).ok());
  ASSERT_TRUE(ingestor_->ReloadConfiguration().ok());
  std::vector<core::NewPost> posts = {Post(1, "Alweer een storing, waardeloos!")};
  auto result = ingestor_->Ingest(posts);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(events_.published, 1);
  const std::vector<core::Post> stored = Stored("storing");
  ASSERT_EQ(stored.size(), 1u);
  const core::PostClassification& analysis = stored[0].classification;
  EXPECT_TRUE(analysis.analysed);
  EXPECT_EQ(analysis.language, "nl");
  EXPECT_EQ(analysis.sentiment_label, "negative");
  ASSERT_EQ(analysis.streams.size(), 1u);
  EXPECT_EQ(analysis.streams[0].name, "Storingen");
}

TEST_F(IngestorTest, RepeatContactRaisesThePriority) {
  std::vector<core::NewPost> first = {Post(1, "Hoe laat gaat de bus?", 0)};
  ASSERT_TRUE(ingestor_->Ingest(first).ok());
  std::vector<core::NewPost> again = {Post(2, "Hoe laat gaat de bus?", 10), Post(3, "Hoe laat gaat de bus?", 20)};
  ASSERT_TRUE(ingestor_->Ingest(again).ok());
  const auto priority_of = [&](const core::Post& post) { return post.classification.priority; };
  const std::vector<core::Post> stored = Stored("bus");  // Newest first.
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_GT(priority_of(stored[0]), priority_of(stored[1]));
  EXPECT_GT(priority_of(stored[1]), priority_of(stored[2]));
  bool repeat = false;
  for (const auto& reason : stored[0].classification.reasons) repeat |= reason.code == "repeat-contact";
  EXPECT_TRUE(repeat);
}

TEST_F(IngestorTest, ReloadRefusesABrokenStoredRuleSet) {
  ASSERT_TRUE(store_->PutSetting(std::string(kRoutingRulesKey), R"({"base":"veel"})").ok());
  EXPECT_FALSE(ingestor_->ReloadConfiguration().ok());
}

TEST_F(IngestorTest, ReloadSkipsAStoredStreamThatNoLongerParses) {
  ASSERT_TRUE(store_->CreateStream({.name = "Oud", .query = "a NEAR (b OR c)", .colour = "#000000"}).ok());
  ASSERT_TRUE(store_->CreateStream({.name = "Storingen", .query = "storing", .colour = "#dc2626"}).ok());
  ASSERT_TRUE(ingestor_->ReloadConfiguration().ok());
  std::vector<core::NewPost> posts = {Post(1, "storing a b")};
  ASSERT_TRUE(ingestor_->Ingest(posts).ok());
  const std::vector<core::Post> stored = Stored("storing");
  ASSERT_EQ(stored.size(), 1u);
  ASSERT_EQ(stored[0].classification.streams.size(), 1u);
  EXPECT_EQ(stored[0].classification.streams[0].name, "Storingen");
}

TEST_F(IngestorTest, ConcurrentReloadsEndWithTheLatestStreams) {
  // Two editors each add streams and reload; whatever the interleaving, the pipeline ends with
  // every stored stream (a reload that read earlier must not publish last).
  const auto editor = [&](int who) {
    for (int i = 0; i < 20; ++i) {
      const std::string name = base::StrCat("s", who, "_", i);
      ASSERT_TRUE(store_->CreateStream({.name = name, .query = "storing", .colour = "#000000"}).ok());
      ASSERT_TRUE(ingestor_->ReloadConfiguration().ok());
    }
  };
  std::thread first(editor, 1);
  std::thread second(editor, 2);
  first.join();
  second.join();
  EXPECT_EQ(pipeline_.Analyze(Post(1, "storing")).streams.size(), 40u);
}

TEST_F(IngestorTest, DemoStreamsAreValid) {
  for (core::Stream stream : demo::DemoStreams()) {
    EXPECT_TRUE(analysis::CheckStream(stream).ok()) << stream.name << ": " << analysis::CheckStream(stream);
  }
  ASSERT_TRUE(demo::SeedDemoConfiguration(*store_).ok());
  EXPECT_EQ(store_->ListStreams()->size(), demo::DemoStreams().size());
  EXPECT_EQ(store_->ListTeams()->size(), 3u);
  ASSERT_TRUE(demo::SeedDemoConfiguration(*store_).ok());  // A configured store is left alone.
  EXPECT_EQ(store_->ListStreams()->size(), demo::DemoStreams().size());
}

TEST_F(IngestorTest, ReanalyzeFillsPostsStoredWithoutAnalysis) {
  // Stored straight into the store, as posts of a data folder from before analysis existed.
  std::vector<core::NewPost> old = {Post(1, "storing bij de poortjes"), Post(2, "bedankt voor de hulp!", 1)};
  ASSERT_TRUE(store_->InsertPosts(old).ok());
  ASSERT_TRUE(store_->CreateStream({.name = "Storingen", .query = "storing", .colour = "#dc2626"}).ok());
  ASSERT_TRUE(ingestor_->ReloadConfiguration().ok());
  std::vector<int64_t> progress;
  auto done = ingestor_->Reanalyze(/*all=*/false, [&](int64_t n) { progress.push_back(n); },
                                   nullptr, /*batch_size=*/1);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(*done, 2);
  EXPECT_EQ(progress, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(Stored("stream:Storingen").size(), 1u);
  EXPECT_EQ(Stored("sentiment:positive").size(), 1u);
  // Nothing is left; --all does them again.
  EXPECT_EQ(*ingestor_->Reanalyze(false), 0);
  EXPECT_EQ(*ingestor_->Reanalyze(true), 2);
  std::atomic<bool> stop = true;
  EXPECT_EQ(*ingestor_->Reanalyze(true, {}, &stop), 0);
}

}  // namespace
}  // namespace webcare::ingest
