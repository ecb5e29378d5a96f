#include "ingest/jsonl_importer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "analysis/query/parser.h"
#include "base/strings.h"
#include "storage/sqlite/sqlite_store.h"
#include "base/test_dir.h"

namespace webcare::ingest {
namespace {

std::string Line(int id, std::string_view text = "storing") {
  return base::StrCat(R"({"network":"x","channel":"x:@ovpas","external_id":")", id,
                      R"(","author":{"handle":"@u)", id % 7, R"("},"text":")", text,
                      R"(","created_at":"2026-11-01T10:00:00Z"})", "\n");
}

class JsonlImporterTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = base::FreshTestDir("importer");
    auto store = storage::sqlite::SqliteStore::Open({.path = dir_ + "/webcare.db"}, clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    ingestor_ = std::make_unique<Ingestor>(*store_, events_, pipeline_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  absl::StatusOr<ImportSummary> ImportText(const std::string& text, ImportOptions options = {}) {
    std::FILE* file = fmemopen(const_cast<char*>(text.data()), text.size(), "r");
    JsonlImporter importer(*ingestor_, clock_);
    auto summary = importer.Import(file, static_cast<int64_t>(text.size()), options);
    std::fclose(file);
    return summary;
  }

  base::FakeClock clock_;
  core::NullEventSink events_;
  analysis::Pipeline pipeline_;
  std::string dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<Ingestor> ingestor_;
};

TEST_F(JsonlImporterTest, KeepsGoodLinesAndReportsBadOnes) {
  std::string text;
  for (int i = 1; i <= 25; ++i) text += Line(i);
  text += "{broken\n\n";
  text += Line(999, "caf\xFF");  // Invalid UTF-8.
  text += Line(26);
  std::vector<RejectedLine> rejected;
  auto summary = ImportText(text, {.batch_size = 4, .on_reject = [&](const RejectedLine& r) { rejected.push_back(r); }});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->totals.inserted, 26);
  EXPECT_EQ(summary->totals.rejected, 2);
  EXPECT_EQ(summary->totals.lines, 28);
  EXPECT_EQ(summary->totals.bytes_read, static_cast<int64_t>(text.size()));
  ASSERT_EQ(rejected.size(), 2u);
  EXPECT_EQ(rejected[0].line_number, 26);
  EXPECT_EQ(rejected[1].line_number, 28);
  EXPECT_EQ(rejected[1].reason.rfind("not valid UTF-8", 0), 0u) << rejected[1].reason;
  EXPECT_EQ(store_->Stats()->posts, 26);
}

TEST_F(JsonlImporterTest, KeepsEachLineAsTheRawPayload) {
  const std::string line = Line(7, "poortjes dicht");
  ASSERT_EQ(ImportText(line)->totals.inserted, 1);
  auto found = store_->SearchPosts({.query = *analysis::query::Parse("poortjes")});
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->posts.size(), 1u);
  auto raw = store_->GetRawPayload(found->posts[0].id);
  ASSERT_TRUE(raw.ok()) << raw.status();
  EXPECT_EQ(*raw + "\n", line);
}

TEST_F(JsonlImporterTest, SecondImportAddsNothing) {
  std::string text;
  for (int i = 1; i <= 50; ++i) text += Line(i);
  ASSERT_EQ(ImportText(text, {.batch_size = 7})->totals.inserted, 50);
  auto again = ImportText(text, {.batch_size = 7});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->totals.inserted, 0);
  EXPECT_EQ(again->totals.duplicates, 50);
  EXPECT_EQ(store_->Stats()->posts, 50);
}

TEST_F(JsonlImporterTest, StopsWhenAskedAndKeepsCommittedBatches) {
  std::string text;
  for (int i = 1; i <= 100; ++i) text += Line(i);
  std::atomic<bool> stop{false};
  int64_t seen = 0;
  ImportOptions options{.batch_size = 10, .stop = &stop, .progress_interval = 0};
  options.on_progress = [&](const ImportProgress& progress) {
    seen = progress.lines;
    if (progress.lines >= 35) stop = true;
  };
  auto summary = ImportText(text, options);
  ASSERT_TRUE(summary.ok());
  EXPECT_TRUE(summary->interrupted);
  EXPECT_GE(seen, 35);
  const int64_t stored = store_->Stats()->posts;
  EXPECT_EQ(stored, summary->totals.inserted);
  EXPECT_LT(stored, 100);
  // Resuming adds exactly what is missing.
  auto rest = ImportText(text);
  EXPECT_EQ(rest->totals.inserted, 100 - stored);
  EXPECT_EQ(store_->Stats()->posts, 100);
}

}  // namespace
}  // namespace webcare::ingest
