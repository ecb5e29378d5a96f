// The SQLite side of deleting conversations: the purge's table list against the schema as the
// migrations leave it, and the raw rows after a purge (search index included).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/soft_delete.h"
#include "storage/sqlite/sqlite_store.h"
#include "base/test_dir.h"

namespace webcare::storage::sqlite {
namespace {

struct ForeignKey {
  std::string table;   // The referencing table ...
  std::string column;  // ... and column,
  std::string parent;  // the referenced table ...
  std::string to;      // ... and column (empty: its primary key).
};

class SqliteBulkTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = base::FreshTestDir("sqlite-bulk");
    auto store = SqliteStore::Open({.path = dir_ + "/webcare.db"}, clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    auto reader = Connection::Open(dir_ + "/webcare.db", /*read_only=*/true);
    ASSERT_TRUE(reader.ok()) << reader.status();
    reader_ = std::move(*reader);
  }
  void TearDown() override {
    reader_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Every foreign key of every table of the migrated schema.
  std::vector<ForeignKey> ForeignKeys() {
    std::vector<ForeignKey> keys;
    auto tables = reader_->Prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    EXPECT_TRUE(tables.ok()) << tables.status();
    if (!tables.ok()) return keys;
    auto names = CollectRows(**tables, [](const Statement& row) { return row.Text(0); });
    EXPECT_TRUE(names.ok()) << names.status();
    if (!names.ok()) return keys;
    for (const std::string& table : *names) {
      auto list = reader_->Prepare(R"(SELECT "table", "from", coalesce("to", '') FROM pragma_foreign_key_list(?))");
      EXPECT_TRUE(list.ok()) << list.status();
      if (!list.ok()) continue;
      (*list)->Bind(1, table);
      auto rows = CollectRows(**list, [&](const Statement& row) {
        return ForeignKey{.table = table, .column = row.Text(1), .parent = row.Text(0), .to = row.Text(2)};
      });
      EXPECT_TRUE(rows.ok()) << rows.status();
      if (rows.ok()) keys.insert(keys.end(), rows->begin(), rows->end());
    }
    return keys;
  }

  int64_t Count(const std::string& sql) {
    auto query = reader_->Prepare(sql);
    EXPECT_TRUE(query.ok()) << query.status();
    if (!query.ok()) return -1;
    auto row = (*query)->Step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    return row.ok() && *row ? (*query)->Int(0) : -1;
  }

  base::FakeClock clock_;
  std::string dir_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<Connection> reader_;
};

TEST_F(SqliteBulkTest, ThePurgeCoversEveryTableThatHangsOffAConversation) {
  const std::vector<ForeignKey> keys = ForeignKeys();
  ASSERT_FALSE(keys.empty());
  // The tables the purge empties first: conversations and posts, and, transitively, every
  // table listed in kPurgedRows (a row pointing at a follow-up of a purged conversation must
  // go too).
  std::set<std::string> purged{"conversations", "posts"};
  for (const PurgedRows& rows : kPurgedRows) purged.insert(std::string(rows.table));
  for (const ForeignKey& key : keys) {
    if (!purged.contains(key.parent) || key.table == "conversations") continue;
    if (key.table == "posts" && key.parent == "conversations") continue;  // Removed by the purge itself.
    const bool listed = std::any_of(std::begin(kPurgedRows), std::end(kPurgedRows), [&](const PurgedRows& rows) {
      return rows.table == key.table && rows.column == key.column && rows.parent == key.parent;
    });
    EXPECT_TRUE(listed) << key.table << "." << key.column << " references " << key.parent
                        << ": add it to kPurgedRows (storage/sqlite/soft_delete.h), or the purge of a "
                           "deleted conversation fails on the foreign key";
    EXPECT_TRUE(key.to.empty() || key.to == "id") << key.table << "." << key.column;
  }
  // Every listed table and column exists, and a parent is purged after its children.
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < std::size(kPurgedRows); ++i) position.try_emplace(std::string(kPurgedRows[i].table), i);
  for (size_t i = 0; i < std::size(kPurgedRows); ++i) {
    const PurgedRows& rows = kPurgedRows[i];
    const bool exists = std::any_of(keys.begin(), keys.end(), [&](const ForeignKey& key) {
      return key.table == rows.table && key.column == rows.column && key.parent == rows.parent;
    });
    EXPECT_TRUE(exists) << rows.table << "." << rows.column << " is listed but has no foreign key to " << rows.parent;
    if (rows.parent != "conversations" && rows.parent != "posts") {
      ASSERT_TRUE(position.contains(std::string(rows.parent))) << rows.parent;
      EXPECT_GT(position[std::string(rows.parent)], i) << rows.table << " must come before " << rows.parent;
    }
  }
}

TEST_F(SqliteBulkTest, ThePurgeLeavesNoRowBehindInAnyTable) {
  auto lead = store_->CreateUser({.email = "lead@example.com", .name = "Lead", .role = core::Role::kLead}, "x");
  ASSERT_TRUE(lead.ok()) << lead.status();
  auto stream = store_->CreateStream({.name = "Pas", .query = "pas"});
  ASSERT_TRUE(stream.ok()) << stream.status();
  core::NewPost post{.network = "x", .channel = "x:@ovpas", .external_id = "1",
                     .author = {.network = "x", .handle = "@klant"}, .text = "Mijn pasje is zoek",
                     .created_at = clock_.NowMicros(), .raw = R"({"id":"1"})"};
  post.classification.analysed = true;
  post.classification.streams = {{.id = stream->id}};
  auto inserted = store_->InsertPosts(std::vector<core::NewPost>{post});
  ASSERT_TRUE(inserted.ok()) << inserted.status();
  const core::ConversationId id = inserted->conversations.at(0);
  ASSERT_TRUE(store_->UpdateConversation(id, {.add_labels = {"zoek"}, .add_experts = {lead->id}}, {.kind = "t"}).ok());
  ASSERT_TRUE(store_->AddNote({.conversation = id, .author = lead->id, .text = "x", .mentions = {lead->id}}).ok());
  ASSERT_TRUE(store_->AddReply({.conversation = id, .sent_by = lead->id, .author = {.network = "x", .handle = "@ovpas"},
                                .external_id = "webcare-1", .text = "Sorry", .created_at = clock_.NowMicros()})
                  .ok());
  ASSERT_EQ(Count("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'pasje'"), 1);
  ASSERT_EQ(Count("SELECT count(*) FROM post_streams"), 1);
  ASSERT_EQ(Count("SELECT count(*) FROM conversation_streams"), 1);

  auto deleted = store_->SoftDeleteConversations(std::vector<core::ConversationId>{id}, lead->id, 1);
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  clock_.Advance(1);
  auto purged = store_->PurgeDeleted(clock_.NowMicros(), 10);
  ASSERT_TRUE(purged.ok()) << purged.status();
  EXPECT_EQ(*purged, 1);
  for (const PurgedRows& rows : kPurgedRows) {
    EXPECT_EQ(Count(base::StrCat("SELECT count(*) FROM ", rows.table, " WHERE ", rows.column, " IS NOT NULL")), 0)
        << rows.table << "." << rows.column;
  }
  EXPECT_EQ(Count("SELECT count(*) FROM posts"), 0);
  // The newest id stays taken by an empty, hidden row, so it is never handed out again.
  EXPECT_EQ(Count("SELECT count(*) FROM conversations WHERE deleted_at IS NULL OR preview <> '' OR post_count <> 0"
                  " OR delete_batch IS NOT NULL"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'pasje'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'sorry'"), 0);
  // What is not the conversation's stays: the author, the stream, the user, the batch record.
  EXPECT_EQ(Count("SELECT count(*) FROM authors"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM streams"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM delete_batches WHERE purged_at IS NOT NULL"), 1);
}

}  // namespace
}  // namespace webcare::storage::sqlite
