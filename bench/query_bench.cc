#include "bench/query_bench.h"

#include <functional>
#include <optional>

#include "base/status.h"
#include "base/strings.h"
#include "bench/bench_util.h"
#include "bench/raw_sqlite.h"
#include "core/conversation.h"
#include "storage/sqlite/sqlite_store.h"
#include "analysis/query/parser.h"

namespace webcare::bench {
namespace {

using IdList = std::vector<int64_t>;

// Steps `stmt` to completion collecting column 0; resets it. `read_columns` also touches the
// other columns of each row, as a caller that uses them would.
absl::StatusOr<IdList> RunIds(sqlite3_stmt* stmt, int read_columns = 1) {
  IdList ids;
  int code;
  while ((code = sqlite3_step(stmt)) == SQLITE_ROW) {
    ids.push_back(sqlite3_column_int64(stmt, 0));
    for (int c = 1; c < read_columns; ++c) {
      if (sqlite3_column_type(stmt, c) == SQLITE_TEXT) {
        (void)sqlite3_column_text(stmt, c);
        (void)sqlite3_column_bytes(stmt, c);
      } else {
        (void)sqlite3_column_int64(stmt, c);
      }
    }
  }
  sqlite3_reset(stmt);
  if (code != SQLITE_DONE) return RawError(sqlite3_db_handle(stmt), code, "baseline query");
  return ids;
}

// Times `ours` and `baseline` alternately (which goes first flips every round) and checks once,
// untimed, that they return the same ids.
absl::Status TimePair(const std::function<absl::StatusOr<IdList>()>& ours,
                      const std::function<absl::StatusOr<IdList>()>& baseline, int round,
                      bool record, Latencies& latency, std::optional<IdList>* check) {
  for (int side = 0; side < 2; ++side) {
    const bool ours_now = (side == 0) == (round % 2 == 0);
    Stopwatch watch;
    absl::StatusOr<IdList> ids = ours_now ? ours() : baseline();
    const double ms = watch.Millis();
    if (!ids.ok()) return ids.status();
    if (record) (ours_now ? latency.ours : latency.baseline).push_back(ms);
    if (check != nullptr) {
      if (!check->has_value()) {
        *check = std::move(*ids);
      } else if (**check != *ids) {
        return absl::InternalError("ours and the baseline returned different rows");
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<SearchCase> DefaultSearchCases() {
  return {
      {"storing", "storing"},
      {"\"poortjes werken niet\"", "\"poortjes werken niet\""},
      {"saldo OR refund", "saldo OR refund"},
      {"klant*", "klant*"},
      {"storing -opgelost", "storing NOT opgelost"},
      {"utrecht storing", "utrecht storing"},
      {"app update", "app update"},
      {"dubbel afgeschreven", "dubbel afgeschreven"},
      {"(ov OR trein) vertraging", "(ov OR trein) AND vertraging"},
      {"thanks", "thanks"},
  };
}

absl::StatusOr<std::vector<SearchResult>> MeasureSearch(const std::string& db_path,
                                                        const std::vector<SearchCase>& cases,
                                                        int warmup, int rounds) {
  ASSIGN_OR_RETURN(auto store, storage::sqlite::SqliteStore::Open({.path = db_path},
                                                                  base::SystemClock::Instance()));
  ASSIGN_OR_RETURN(RawDb db, OpenRaw(db_path, /*read_only=*/true));
  ASSIGN_OR_RETURN(
      RawStmt bare,
      PrepareRaw(
          db.get(),
          "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid DESC LIMIT 50"));
  ASSIGN_OR_RETURN(RawStmt count,
                   PrepareRaw(db.get(), "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?"));

  std::vector<SearchResult> results;
  for (const SearchCase& search : cases) {
    SearchResult result;
    result.search = search;
    sqlite3_bind_text(count.get(), 1, search.fts5.c_str(), -1, SQLITE_TRANSIENT);
    ASSIGN_OR_RETURN(IdList total, RunIds(count.get()));
    result.matches = total.empty() ? 0 : total.front();
    results.push_back(std::move(result));
  }

  const auto ours = [&](const SearchCase& search) -> absl::StatusOr<IdList> {
    storage::PostSearch request;
    ASSIGN_OR_RETURN(request.query, analysis::query::Parse(search.query));
    request.order = storage::SearchOrder::kRecent;
    request.page.limit = 50;
    ASSIGN_OR_RETURN(storage::PostList list, store->SearchPosts(request));
    IdList ids;
    for (const core::Post& post : list.posts) ids.push_back(post.id.value());
    return ids;
  };
  const auto baseline = [&](const SearchCase& search) -> absl::StatusOr<IdList> {
    sqlite3_bind_text(bare.get(), 1, search.fts5.data(), static_cast<int>(search.fts5.size()),
                      SQLITE_STATIC);
    return RunIds(bare.get());
  };

  for (int round = 0; round < warmup + rounds; ++round) {
    for (SearchResult& result : results) {
      std::optional<IdList> check;
      const absl::Status status =
          TimePair([&] { return ours(result.search); }, [&] { return baseline(result.search); },
                   round, round >= warmup, result.latency, round == 0 ? &check : nullptr);
      if (!status.ok()) {
        return absl::Status(status.code(), base::StrCat("search ", result.search.query, ": ",
                                                        base::ToStd(status.message())));
      }
      if (check) result.returned = static_cast<int64_t>(check->size());
    }
    if (round + 1 >= warmup && (round + 1 - warmup) % 50 == 0 && round + 1 > warmup) {
      Progress(base::StrCat("search: ", round + 1 - warmup, "/", rounds, " rounds"));
    }
  }
  return results;
}

absl::StatusOr<std::vector<ListResult>> MeasureConversationList(const std::string& db_path,
                                                                int warmup, int rounds) {
  ASSIGN_OR_RETURN(auto store, storage::sqlite::SqliteStore::Open({.path = db_path},
                                                                  base::SystemClock::Instance()));
  ASSIGN_OR_RETURN(RawDb db, OpenRaw(db_path, /*read_only=*/true));
  constexpr std::string_view kColumns =
      "SELECT id, network, channel, status, priority, team_id, assignee_id, private, preview,"
      " post_count, first_post_at, last_post_at, author_id FROM conversations";
  constexpr std::string_view kOrder = " ORDER BY last_post_at DESC, id DESC LIMIT 50";
  constexpr int kColumnCount = 13;

  struct Case {
    std::string name;
    std::optional<core::ConversationStatus> status;
    RawStmt bare;
  };
  std::vector<Case> cases;
  ASSIGN_OR_RETURN(RawStmt all, PrepareRaw(db.get(), base::StrCat(kColumns, kOrder)));
  cases.push_back({"conversation list", std::nullopt, std::move(all)});
  ASSIGN_OR_RETURN(RawStmt by_status,
                   PrepareRaw(db.get(), base::StrCat(kColumns, " WHERE status = ?", kOrder)));
  sqlite3_bind_text(by_status.get(), 1, "new", -1, SQLITE_STATIC);
  cases.push_back(
      {"conversation list status=new", core::ConversationStatus::kNew, std::move(by_status)});

  std::vector<ListResult> results(cases.size());
  for (size_t i = 0; i < cases.size(); ++i) results[i].name = cases[i].name;
  for (int round = 0; round < warmup + rounds; ++round) {
    for (size_t i = 0; i < cases.size(); ++i) {
      Case& list_case = cases[i];
      const auto ours = [&]() -> absl::StatusOr<IdList> {
        storage::ConversationFilter filter;
        filter.status = list_case.status;
        filter.page.limit = 50;
        ASSIGN_OR_RETURN(storage::ConversationList list, store->ListConversations(filter));
        IdList ids;
        for (const core::Conversation& c : list.conversations) ids.push_back(c.id.value());
        return ids;
      };
      const auto baseline = [&] { return RunIds(list_case.bare.get(), kColumnCount); };
      std::optional<IdList> check;
      RETURN_IF_ERROR(TimePair(ours, baseline, round, round >= warmup, results[i].latency,
                               round == 0 ? &check : nullptr));
      if (check) results[i].returned = static_cast<int64_t>(check->size());
    }
  }
  return results;
}

}  // namespace webcare::bench
