#include "bench/list_phase.h"

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>
#include <variant>

#include "base/status.h"
#include "base/strings.h"
#include "bench/bench_util.h"
#include "bench/http_load.h"
#include "bench/raw_sqlite.h"
#include "bench/serve_process.h"

namespace webcare::bench {
namespace {

namespace asio = boost::asio;

enum class View { kAll, kMine, kTeam, kUnassigned };

// One kind of list request the web UI makes: the left rail's views (always open=1 there),
// status tabs, the priority sort, and the filters of the filter bar.
struct ListKind {
  const char* name;
  bool lead;   // Asked by a lead (sees everything) or an agent.
  int weight;  // Share of the requests, in percent.
  View view;
  bool open = false;
  const char* status = nullptr;
  bool by_priority = false;
  bool label = false;
  bool network = false;
  int min_priority = 0;
  bool team = false;
};

constexpr ListKind kKinds[] = {
    {"mine, open", false, 20, View::kMine, true},
    {"my teams, open", false, 15, View::kTeam, true},
    {"unassigned, open", false, 10, View::kUnassigned, true},
    {"all, open", false, 10, View::kAll, true},
    {"my teams, open, by priority", false, 8, View::kTeam, true, nullptr, true},
    {"mine, waiting", false, 5, View::kMine, false, "waiting"},
    {"all, open, label", false, 5, View::kAll, true, nullptr, false, true},
    {"my teams, open, network", false, 5, View::kTeam, true, nullptr, false, false, true},
    {"all, every status", false, 4, View::kAll},
    {"lead: all, open", true, 7, View::kAll, true},
    {"lead: all, open, by priority", true, 5, View::kAll, true, nullptr, true},
    {"lead: unassigned, open, priority>=50", true, 3, View::kUnassigned, true, nullptr, false,
     false, false, 50},
    {"lead: one team, open", true, 3, View::kAll, true, nullptr, false, false, false, 0, true},
};
constexpr size_t kKindCount = sizeof(kKinds) / sizeof(kKinds[0]);
// Requests of each kind sent alone before the load, and the time they may take together.
constexpr int kAloneRequests = 10;
constexpr double kAloneSeconds = 5;

struct ListRequest {
  size_t kind = 0;
  size_t user = 0;  // Index into World::users.
  std::string label;
  std::string network;
  int64_t team = 0;
};

std::string Target(const ListRequest& request, const BenchUser&) {
  const ListKind& kind = kKinds[request.kind];
  static constexpr const char* kViews[] = {"all", "mine", "team", "unassigned"};
  std::string target =
      base::StrCat("/api/v1/conversations?view=", kViews[static_cast<int>(kind.view)]);
  if (kind.open) target += "&open=1";
  if (kind.status != nullptr) base::StrAppend(target, "&status=", kind.status);
  if (kind.label) base::StrAppend(target, "&label=", request.label);
  if (kind.network) base::StrAppend(target, "&network=", request.network);
  if (kind.min_priority > 0) base::StrAppend(target, "&min_priority=", kind.min_priority);
  if (kind.team) base::StrAppend(target, "&team=", request.team);
  if (kind.by_priority) target += "&sort=priority";
  return target;
}

using SqlValue = std::variant<int64_t, std::string>;
struct RawQuery {
  std::string sql;
  std::vector<SqlValue> values;  // ?1, ?2, ...
};

// The request as one hand-written query with the same meaning (InboxService::List and
// SqliteStore::ListConversations), reading the conversation's own columns.
RawQuery BaselineQuery(const ListRequest& request, const BenchUser& user) {
  const ListKind& kind = kKinds[request.kind];
  RawQuery query{.sql = "SELECT id, network, channel, status, priority, team_id, assignee_id,"
                        " private, preview, post_count, first_post_at, last_post_at, author_id"
                        " FROM conversations c WHERE 1"};
  const auto param = [&](SqlValue value) {
    query.values.push_back(std::move(value));
    return base::StrCat("?", query.values.size());
  };
  const auto team_list = [&]() {
    std::string list;
    for (const int64_t team : user.teams) base::StrAppend(list, list.empty() ? "" : ", ", param(team));
    return list;
  };
  if (kind.open) query.sql += " AND c.status IN ('new', 'open', 'waiting', 'snoozed')";
  if (kind.status != nullptr) base::StrAppend(query.sql, " AND c.status = ", param(kind.status));
  std::string me;
  if (!user.lead || kind.view == View::kMine) me = param(user.id);
  if (!user.lead) {
    base::StrAppend(query.sql, " AND (c.team_id IS NULL OR c.assignee_id = ", me,
                    user.teams.empty() ? "" : base::StrCat(" OR c.team_id IN (", team_list(), ")"),
                    " OR c.id IN (SELECT conversation_id FROM conversation_experts WHERE user_id = ",
                    me, "))");
  }
  switch (kind.view) {
    case View::kAll:
      break;
    case View::kMine:
      base::StrAppend(query.sql, " AND c.assignee_id = ", me);
      break;
    case View::kUnassigned:
      query.sql += " AND c.assignee_id IS NULL";
      break;
    case View::kTeam:
      query.sql += user.teams.empty() ? " AND 0" : base::StrCat(" AND c.team_id IN (", team_list(), ")");
      break;
  }
  if (kind.label) {
    base::StrAppend(query.sql, " AND c.id IN (SELECT conversation_id FROM conversation_labels"
                               " WHERE label = ", param(request.label), ")");
  }
  if (kind.network) base::StrAppend(query.sql, " AND c.network = ", param(request.network));
  if (kind.min_priority > 0) {
    base::StrAppend(query.sql, " AND c.priority >= ", param(int64_t{kind.min_priority}));
  }
  if (kind.team) base::StrAppend(query.sql, " AND c.team_id = ", param(request.team));
  query.sql += kind.by_priority ? " ORDER BY c.priority DESC, c.last_post_at DESC, c.id DESC"
                                : " ORDER BY c.last_post_at DESC, c.id DESC";
  query.sql += " LIMIT 51";  // As the store: one more than a page, to know there is a next.
  return query;
}

// The requests of the whole run, deterministic for the seed.
std::vector<ListRequest> PlanRequests(const World& world, int64_t count, uint64_t seed) {
  std::vector<double> weights;
  for (const ListKind& kind : kKinds) weights.push_back(kind.weight);
  std::discrete_distribution<size_t> pick_kind(weights.begin(), weights.end());
  std::discrete_distribution<size_t> pick_label({8, 6, 5, 4, 3, 2, 1.5, 1});
  std::mt19937_64 random(seed * 131 + 7);
  const auto agents = world.Agents();
  const auto leads = world.Leads();
  const auto index = [&](size_t size) {
    return std::uniform_int_distribution<size_t>(0, size - 1)(random);
  };
  std::vector<ListRequest> requests;
  requests.reserve(count);
  for (int64_t k = 0; k < count; ++k) {
    ListRequest request{.kind = pick_kind(random)};
    const BenchUser* user = kKinds[request.kind].lead ? leads[index(leads.size())]
                                                       : agents[index(agents.size())];
    request.user = static_cast<size_t>(user - world.users.data());
    request.label = world.labels[pick_label(random) % world.labels.size()];
    request.network = world.networks[index(world.networks.size())];
    request.team = world.teams[index(world.teams.size())].id;
    requests.push_back(std::move(request));
  }
  return requests;
}

struct Answer {
  int status = 0;
  double ms = 0;
  double lag_ms = 0;
  std::string error;
  std::string body;  // Kept for the checked request of each kind only.
};

// Ids in an answer's "conversations", in order.
std::vector<int64_t> AnswerIds(const std::string& body) {
  std::vector<int64_t> ids;
  const auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object() || !parsed.contains("conversations")) return ids;
  for (const auto& conversation : parsed["conversations"]) {
    if (conversation.is_object() && conversation.contains("id")) {
      ids.push_back(conversation["id"].get<int64_t>());
    }
  }
  return ids;
}

// Runs every counted request's baseline query, timed; fills the check of each kind.
absl::Status MeasureBaseline(const World& world, const std::vector<ListRequest>& requests,
                             int64_t first_counted, const std::vector<Answer>& answers,
                             const std::vector<int64_t>& checked, ListResult& result) {
  ASSIGN_OR_RETURN(RawDb db, OpenRaw(world.db_path, /*read_only=*/true));
  std::map<std::string, RawStmt> statements;
  for (int64_t k = first_counted; k < static_cast<int64_t>(requests.size()); ++k) {
    const ListRequest& request = requests[k];
    const RawQuery query = BaselineQuery(request, world.users[request.user]);
    auto statement = statements.find(query.sql);
    if (statement == statements.end()) {
      ASSIGN_OR_RETURN(RawStmt prepared, PrepareRaw(db.get(), query.sql));
      statement = statements.emplace(query.sql, std::move(prepared)).first;
    }
    sqlite3_stmt* stmt = statement->second.get();
    std::vector<int64_t> ids;
    Stopwatch watch;
    for (size_t i = 0; i < query.values.size(); ++i) {
      const int slot = static_cast<int>(i + 1);
      if (const auto* number = std::get_if<int64_t>(&query.values[i])) {
        sqlite3_bind_int64(stmt, slot, *number);
      } else {
        const std::string& text = std::get<std::string>(query.values[i]);
        sqlite3_bind_text(stmt, slot, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
      }
    }
    int code;
    while ((code = sqlite3_step(stmt)) == SQLITE_ROW) {
      ids.push_back(sqlite3_column_int64(stmt, 0));
      // Every column is read, as a caller that shows them would.
      for (int c = 1; c < sqlite3_column_count(stmt); ++c) (void)sqlite3_column_text(stmt, c);
    }
    sqlite3_reset(stmt);
    const double ms = watch.Millis();
    if (code != SQLITE_DONE) return RawError(db.get(), code, base::StrCat("baseline ", query.sql));
    result.baseline_ms.push_back(ms);
    ListCaseResult& kind = result.cases[request.kind];
    kind.baseline_ms.push_back(ms);
    if (checked[request.kind] == k) {
      if (ids.size() > 50) ids.resize(50);
      const std::vector<int64_t> ours = AnswerIds(answers[k].body);
      kind.checked = true;
      kind.returned = static_cast<int64_t>(ours.size());
      kind.same_rows = ours == ids;
      if (!kind.same_rows) ++result.mismatches;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ListResult> MeasureLists(const World& world, const ServeProcess& server,
                                        const ListOptions& options) {
  const int64_t warmup = std::llround(options.warmup_seconds * options.rate);
  const int64_t total = warmup + std::max<int64_t>(1, std::llround(options.seconds * options.rate));
  const std::vector<ListRequest> requests = PlanRequests(world, total, options.seed);
  std::vector<Answer> answers(total);
  // The first counted request of each kind answered 200 is checked against the baseline.
  std::vector<int64_t> checked(kKindCount, -1);

  ListResult result;
  for (const ListKind& kind : kKinds) result.cases.push_back({.name = kind.name});
  asio::io_context io;
  auto work = asio::make_work_guard(io);
  std::thread io_thread([&] { io.run(); });
  HttpPool pool(io, server.port(), options.http_connections);
  std::atomic<int64_t> answered = 0;
  // Each kind alone first, one request at a time: what a request costs without others
  // waiting, to compare with the baseline's equally lonely queries.
  RunAndWait(io, [&]() -> asio::awaitable<void> {
    for (size_t kind = 0; kind < kKindCount; ++kind) {
      Stopwatch spent;
      int sent = 0;
      for (int64_t k = 0; k < total && sent < kAloneRequests && spent.Seconds() < kAloneSeconds;
           ++k) {
        if (requests[k].kind != kind) continue;
        const BenchUser& user = world.users[requests[k].user];
        const HttpOutcome outcome =
            co_await pool.Call(MakeRequest("GET", Target(requests[k], user), user.token));
        ++sent;
        if (outcome.status == 200) {
          result.cases[kind].alone_ms.push_back(MillisBetween(outcome.sent, outcome.done));
        } else {
          ++result.cases[kind].alone_errors;
        }
      }
    }
  });
  Progress("list: each kind alone done; now the open-loop load");
  const double cpu_before = server.CpuSeconds();
  const SteadyTime start = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
  SteadyTime last_sent = start;
  RunAndWait(
      io,
      [&]() -> asio::awaitable<void> {
        co_await RunSchedule(
            start, std::chrono::nanoseconds(static_cast<int64_t>(1e9 / options.rate)), total,
            [&](int64_t k) {
              const ListRequest& request = requests[k];
              const BenchUser& user = world.users[request.user];
              pool.Submit(MakeRequest("GET", Target(request, user), user.token),
                          [&, k](HttpOutcome&& outcome) {
                            ++answered;
                            last_sent = std::max(last_sent, outcome.sent);
                            Answer& answer = answers[k];
                            answer.status = outcome.status;
                            answer.ms = MillisBetween(outcome.due, outcome.done);
                            answer.lag_ms = MillisBetween(outcome.due, outcome.sent);
                            answer.error = std::move(outcome.error);
                            const size_t kind = requests[k].kind;
                            if (outcome.status == 200 && k >= warmup && checked[kind] < 0) {
                              checked[kind] = k;
                              answer.body = std::move(outcome.body);
                            } else if (outcome.status != 200) {
                              answer.body = std::move(outcome.body);
                            }
                          });
            });
        co_await pool.Drain();
      },
      [&] {
        Progress(base::StrCat("list: ", answered.load(), "/", total, " requests answered"));
      });
  result.server_cpu_seconds = server.CpuSeconds() - cpu_before;
  result.send_seconds = MillisBetween(start, last_sent) / 1e3;
  result.http_connections_opened = pool.connections_opened();
  work.reset();
  io.stop();
  io_thread.join();

  for (int64_t k = warmup; k < total; ++k) {
    const Answer& answer = answers[k];
    ListCaseResult& kind = result.cases[requests[k].kind];
    ++result.requests;
    ++kind.requests;
    result.send_lag_ms.push_back(answer.lag_ms);
    if (answer.status != 200) {
      ++result.errors;
      ++kind.errors;
      ++result.errors_by_status[answer.status];
      if (result.first_error.empty()) {
        result.first_error = base::StrCat(Target(requests[k], world.users[requests[k].user]),
                                          ": ", answer.status, " ", answer.error,
                                          answer.body.substr(0, 300));
      }
      continue;
    }
    // From the moment the schedule issued it: waiting for a free connection counts.
    result.ours_ms.push_back(answer.ms);
    kind.ours_ms.push_back(answer.ms);
  }
  Progress("list: running the baseline queries on a raw connection");
  RETURN_IF_ERROR(MeasureBaseline(world, requests, warmup, answers, checked, result));
  for (const ListCaseResult& kind : result.cases) {
    if (kind.requests > kind.errors && !kind.checked) ++result.unchecked;
  }
  return result;
}

}  // namespace webcare::bench
