#pragma once
// Figures 2 and 3: search and conversation-list latency of the store against bare SQLite on the
// same database file.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace webcare::bench {

// Latency samples in milliseconds, one per call.
struct Latencies {
  std::vector<double> ours;
  std::vector<double> baseline;
};

struct SearchCase {
  std::string query;  // As a user types it into webcare's search box.
  std::string fts5;   // What someone writing bare FTS5 would write for it.
};

// Ten typical webcare searches whose words occur in the demo world (demo_phrases.cc).
std::vector<SearchCase> DefaultSearchCases();

struct SearchResult {
  SearchCase search;
  int64_t matches = 0;   // Posts matching in the whole database.
  int64_t returned = 0;  // Posts on the first page (at most 50).
  Latencies latency;
};

// Ours: SqliteStore::SearchPosts (ParseTextQuery included, newest first, limit 50).
// Baseline: SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid DESC LIMIT 50.
// Both return the same ids (checked); `rounds` timed rounds after `warmup` untimed ones.
absl::StatusOr<std::vector<SearchResult>> MeasureSearch(const std::string& db_path,
                                                        const std::vector<SearchCase>& cases,
                                                        int warmup, int rounds);

struct ListResult {
  std::string name;
  int64_t returned = 0;
  Latencies latency;
};

// Ours: SqliteStore::ListConversations first page (limit 50), without a filter and with
// status = new. Baseline: SELECT <conversation columns> FROM conversations [WHERE status = ?]
// ORDER BY last_post_at DESC, id DESC LIMIT 50.
absl::StatusOr<std::vector<ListResult>> MeasureConversationList(const std::string& db_path,
                                                                int warmup, int rounds);

}  // namespace webcare::bench
