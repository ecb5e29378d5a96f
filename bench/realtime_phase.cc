#include "bench/realtime_phase.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "base/clock.h"
#include "base/status.h"
#include "base/strings.h"
#include "bench/bench_util.h"
#include "bench/http_load.h"
#include "bench/raw_sqlite.h"
#include "bench/serve_process.h"
#include "bench/ws_client.h"
#include "ingest/demo/demo_world.h"
#include "ingest/interchange.h"

namespace webcare::bench {
namespace {

namespace asio = boost::asio;

struct ReplyTarget {
  std::string network;
  std::string channel;
  std::string external_id;
};

// The first inbound post of random public conversations that have a team. Following up on
// one never changes who may see it (only a missing team is ever filled in by ingest), so
// the visibility read from the database afterwards is the one the server applied.
absl::StatusOr<std::vector<ReplyTarget>> PickReplyTargets(const World& world, uint64_t seed,
                                                          size_t count) {
  ASSIGN_OR_RETURN(RawDb db, OpenRaw(world.db_path, /*read_only=*/true));
  ASSIGN_OR_RETURN(RawStmt find, PrepareRaw(db.get(),
                                            "SELECT p.network, p.channel, p.external_id"
                                            " FROM conversations c JOIN posts p"
                                            " ON p.conversation_id = c.id"
                                            " WHERE c.id = ? AND c.team_id IS NOT NULL"
                                            " AND c.private = 0 AND p.direction = 'inbound'"
                                            " ORDER BY p.created_at LIMIT 1"));
  std::mt19937_64 random(seed * 31 + 5);
  std::uniform_int_distribution<int64_t> pick(1, std::max<int64_t>(1, world.conversations));
  std::vector<ReplyTarget> targets;
  for (size_t attempt = 0; attempt < count * 5 && targets.size() < count; ++attempt) {
    sqlite3_bind_int64(find.get(), 1, pick(random));
    if (sqlite3_step(find.get()) == SQLITE_ROW) {
      targets.push_back({std::string(ColumnText(find.get(), 0)),
                         std::string(ColumnText(find.get(), 1)),
                         std::string(ColumnText(find.get(), 2))});
    }
    sqlite3_reset(find.get());
  }
  return targets;
}

// `count` inbound demo posts (a later stretch of the same demo world); `reply_percent` of
// them follow up on a target, the others start a public conversation of their own.
absl::StatusOr<std::vector<core::NewPost>> PlanPosts(const std::vector<ReplyTarget>& targets,
                                                     int64_t count, int reply_percent,
                                                     uint64_t seed) {
  std::vector<core::NewPost> posts;
  posts.reserve(count);
  const absl::Status generated = ingest::demo::GenerateDemoWorld(
      {.posts = count * 2 + 1000,
       .seed = seed + 1000,
       .end_time = base::SystemClock::Instance().NowMicros()},
      [&](core::NewPost&& post) -> absl::Status {
        if (static_cast<int64_t>(posts.size()) >= count) return absl::CancelledError("enough");
        if (post.direction != core::Direction::kInbound) return absl::OkStatus();
        const size_t k = posts.size();
        post.is_private = false;
        post.in_reply_to.clear();
        if (!targets.empty() && static_cast<int>(k % 100) < reply_percent) {
          const ReplyTarget& target = targets[k % targets.size()];
          post.network = target.network;
          post.channel = target.channel;
          post.in_reply_to = target.external_id;
        }
        posts.push_back(std::move(post));
        return absl::OkStatus();
      });
  if (!generated.ok() && !absl::IsCancelled(generated)) return generated;
  return posts;
}

// One event of the log with what decides who may see it.
struct LogEvent {
  int64_t seq = 0;
  bool has_conversation = false;
  int64_t team = 0;
  int64_t assignee = 0;
  std::vector<int64_t> experts;
};

absl::StatusOr<std::vector<LogEvent>> ReadLog(const std::string& db_path, int64_t after_seq) {
  ASSIGN_OR_RETURN(RawDb db, OpenRaw(db_path, /*read_only=*/true));
  ASSIGN_OR_RETURN(RawStmt read,
                   PrepareRaw(db.get(),
                              "SELECT e.seq, e.conversation_id IS NOT NULL,"
                              " coalesce(c.team_id, 0), coalesce(c.assignee_id, 0),"
                              " (SELECT group_concat(x.user_id) FROM conversation_experts x"
                              "  WHERE x.conversation_id = e.conversation_id)"
                              " FROM events e LEFT JOIN conversations c ON c.id = e.conversation_id"
                              " WHERE e.seq > ? ORDER BY e.seq"));
  sqlite3_bind_int64(read.get(), 1, after_seq);
  std::vector<LogEvent> events;
  int code;
  while ((code = sqlite3_step(read.get())) == SQLITE_ROW) {
    LogEvent event{.seq = sqlite3_column_int64(read.get(), 0),
                   .has_conversation = sqlite3_column_int(read.get(), 1) != 0,
                   .team = sqlite3_column_int64(read.get(), 2),
                   .assignee = sqlite3_column_int64(read.get(), 3)};
    const std::string experts(ColumnText(read.get(), 4));
    for (const std::string_view id : base::Split(experts, ',')) {
      int64_t value = 0;
      if (base::ParseInt(id, value)) event.experts.push_back(value);
    }
    events.push_back(std::move(event));
  }
  if (code != SQLITE_DONE) return RawError(db.get(), code, "reading the event log");
  return events;
}

// Viewer::CanSee (src/inbox/inbox_service.cc), for the benchmark's users.
bool CanSee(const BenchUser& user, const LogEvent& event) {
  if (user.lead || !event.has_conversation || event.team == 0 || event.assignee == user.id) {
    return true;
  }
  if (std::find(user.teams.begin(), user.teams.end(), event.team) != user.teams.end()) return true;
  return std::find(event.experts.begin(), event.experts.end(), user.id) != event.experts.end();
}

// The JSON array of one batch; each external id carries the batch, the post and the moment it
// was sent (microseconds into the run).
std::string BatchBody(std::vector<core::NewPost>& posts, size_t first, size_t count,
                      const std::string& run, int64_t batch, int64_t sent_us) {
  std::string body = "[";
  const base::Micros now = base::SystemClock::Instance().NowMicros();
  for (size_t i = first; i < first + count && i < posts.size(); ++i) {
    core::NewPost& post = posts[i];
    post.external_id = base::StrCat("wcb-", run, "-", batch, "-", i - first, "-sent-", sent_us);
    post.created_at = now;
    if (i > first) body += ",";
    body += ingest::ToJsonLine(post);
  }
  body += "]";
  return body;
}

// Compares what each client got with what it should have got.
void Account(const World& world, const std::vector<WsClientRecord>& records,
             const std::vector<LogEvent>& log, RealtimeResult& result) {
  for (const WsClientRecord& record : records) {
    const BenchUser& user = world.users[record.user];
    std::vector<int64_t> received;
    received.reserve(record.events.size());
    for (const WsEvent& event : record.events) received.push_back(event.seq);
    std::sort(received.begin(), received.end());
    size_t next = 0;
    int64_t lost = 0;
    for (const LogEvent& event : log) {
      if (event.seq <= record.hello_seq) continue;
      const bool due = CanSee(user, event);
      const bool got = next < received.size() && received[next] == event.seq;
      if (got) ++next;
      if (due) ++result.expected;
      if (due && !got) ++lost;
      if (!due && got) ++result.unexpected;
    }
    result.lost += lost;
    if (lost > 0) ++result.clients_with_loss;
    result.delivered += static_cast<int64_t>(record.events.size());
    result.duplicates += record.duplicates;
    result.resyncs += record.resyncs;
    result.disconnects += record.disconnects;
    result.other_messages += record.other;
    if (record.disconnects > 0 && result.disconnect_reason.empty()) {
      result.disconnect_reason = record.first_disconnect;
      if (record.last_error != record.first_disconnect) result.reconnect_error = record.last_error;
    }
  }
}

// How late a timer due every 10 ms fires on the clients' thread, until `stop`: while a
// client thread is behind, every message it reads is stamped that much late, so a delivery
// tail that is the benchmark's own shows here rather than in the server.
asio::awaitable<void> ProbeLoopLag(asio::io_context& io, const std::atomic<bool>& stop,
                                   std::vector<double>& lag_ms) {
  asio::steady_timer timer(io);
  auto due = std::chrono::steady_clock::now();
  while (!stop.load()) {
    due += std::chrono::milliseconds(10);
    timer.expires_at(due);
    co_await timer.async_wait(asio::use_awaitable);
    const SteadyTime fired = std::chrono::steady_clock::now();
    lag_ms.push_back(MillisBetween(due, fired));
    due = std::max(due, fired - std::chrono::milliseconds(10));
  }
}

}  // namespace

absl::StatusOr<RealtimeResult> MeasureRealtime(const World& world, const ServeProcess& server,
                                               const RealtimeOptions& options) {
  const std::vector<const BenchUser*> agents = world.Agents();
  const std::vector<const BenchUser*> leads = world.Leads();
  RealtimeResult result;
  result.clients = options.clients;
  result.rate_asked = options.rate;

  asio::io_context ws_io, http_io;
  auto ws_work = asio::make_work_guard(ws_io);
  auto http_work = asio::make_work_guard(http_io);
  std::thread ws_thread([&] { ws_io.run(); });
  std::thread http_thread([&] { http_io.run(); });
  const auto stop_threads = [&] {
    ws_work.reset();
    http_work.reset();
    ws_io.stop();
    http_io.stop();
    ws_thread.join();
    http_thread.join();
  };

  WsFleet fleet(ws_io, server.port());
  size_t next_agent = 0, next_lead = 0;
  for (int i = 0; i < options.clients; ++i) {
    const bool lead = i % options.lead_every == 0;
    const BenchUser* user = lead ? leads[next_lead++ % leads.size()]
                                 : agents[next_agent++ % agents.size()];
    result.lead_clients += lead ? 1 : 0;
    fleet.Add(static_cast<size_t>(user - world.users.data()), user->token);
  }
  Stopwatch connecting;
  if (absl::Status connected = fleet.ConnectAll(16, std::chrono::seconds(180)); !connected.ok()) {
    fleet.CloseAll();
    stop_threads();
    return connected;
  }
  Progress(base::StrCat("realtime: ", options.clients, " clients (", result.lead_clients,
                        " leads' screens) connected in ", connecting.Seconds(), " s"));

  const int64_t batches =
      std::max<int64_t>(1, std::llround(options.seconds * options.rate / options.batch_posts));
  absl::StatusOr<std::vector<ReplyTarget>> targets =
      PickReplyTargets(world, options.seed, 2000);
  absl::StatusOr<std::vector<core::NewPost>> posts =
      targets.ok() ? PlanPosts(*targets, batches * options.batch_posts, options.reply_percent,
                               options.seed)
                   : absl::StatusOr<std::vector<core::NewPost>>(targets.status());
  if (!posts.ok()) {
    fleet.CloseAll();
    stop_threads();
    return posts.status();
  }

  HttpPool pool(http_io, server.port(), options.http_connections);
  std::vector<SteadyTime> batch_sent(batches);
  absl::flat_hash_map<int64_t, int64_t> post_batch;  // Post id -> batch; on the HTTP thread.
  const std::string run = base::StrCat(base::SystemClock::Instance().NowMicros());
  const std::string& token = leads.front()->token;  // Adding posts takes a lead.
  const auto interval = std::chrono::nanoseconds(
      static_cast<int64_t>(1e9 * options.batch_posts / options.rate));
  const double cpu_before = server.CpuSeconds();
  const double client_cpu_before = fleet.ClientCpuSeconds();
  std::atomic<bool> stop_probe = false;
  asio::co_spawn(ws_io, ProbeLoopLag(ws_io, stop_probe, result.client_loop_lag_ms), asio::detached);
  const SteadyTime start = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
  std::atomic<int64_t> answered = 0;  // Read by the progress lines.
  SteadyTime last_sent = start;
  RunAndWait(
      http_io,
      [&]() -> asio::awaitable<void> {
        co_await RunSchedule(start, interval, batches, [&](int64_t k) {
          const SteadyTime now = std::chrono::steady_clock::now();
          const int64_t sent_us =
              std::chrono::duration_cast<std::chrono::microseconds>(now - start).count();
          std::string body = BatchBody(*posts, static_cast<size_t>(k) * options.batch_posts,
                                       options.batch_posts, run, k, sent_us);
          pool.Submit(MakeRequest("POST", "/api/v1/posts", token, std::move(body)),
                      [&, k](HttpOutcome&& outcome) {
                        ++answered;
                        batch_sent[k] = outcome.sent;
                        last_sent = std::max(last_sent, outcome.sent);
                        result.send_lag_ms.push_back(MillisBetween(outcome.due, outcome.sent));
                        if (outcome.status != 200 && outcome.status != 201) {
                          ++result.batch_errors;
                          if (result.first_error.empty()) {
                            result.first_error = base::StrCat("POST /api/v1/posts: ",
                                                              outcome.status, " ", outcome.error,
                                                              outcome.body.substr(0, 300));
                          }
                          return;
                        }
                        result.post_ms.push_back(MillisBetween(outcome.sent, outcome.done));
                        const auto body = nlohmann::json::parse(outcome.body, nullptr, false);
                        if (!body.is_object() || !body.contains("post_ids")) return;
                        result.posts_inserted += body.value("inserted", int64_t{0});
                        for (const auto& id : body["post_ids"]) {
                          if (id.is_number_integer()) post_batch[id.get<int64_t>()] = k;
                        }
                      });
        });
        co_await pool.Drain();
      },
      [&] {
        Progress(base::StrCat("realtime: ", answered.load(), "/", batches, " batches answered, ",
                              base::WithThousands(fleet.messages()), " messages received"));
      });
  result.batches = batches;
  result.send_seconds = MillisBetween(start, last_sent) / 1e3;
  result.http_connections_opened = pool.connections_opened();

  // Deliveries still under way: wait until nothing has arrived for two seconds.
  Stopwatch draining;
  int64_t seen = fleet.messages();
  Stopwatch quiet;
  while (draining.Seconds() < options.drain_seconds && quiet.Seconds() < 2) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (const int64_t now = fleet.messages(); now != seen) {
      seen = now;
      quiet.Restart();
    }
  }
  result.drain_seconds = std::max(0.0, draining.Seconds() - quiet.Seconds());
  stop_probe = true;
  result.server_cpu_seconds = server.CpuSeconds() - cpu_before;
  result.client_cpu_seconds = fleet.ClientCpuSeconds() - client_cpu_before;
  result.bytes = fleet.bytes();
  result.frames = fleet.frames();
  result.messages = fleet.messages();
  fleet.CloseAll();
  stop_threads();
  const std::vector<WsClientRecord> records = fleet.TakeRecords();

  int64_t first_hello = INT64_MAX;
  for (const WsClientRecord& record : records) first_hello = std::min(first_hello, record.hello_seq);
  ASSIGN_OR_RETURN(const std::vector<LogEvent> log, ReadLog(world.db_path, first_hello));
  result.events = static_cast<int64_t>(log.size());
  Account(world, records, log, result);
  for (const WsClientRecord& record : records) {
    for (const WsEvent& event : record.events) {
      const auto batch = post_batch.find(event.post_id);
      if (batch == post_batch.end()) {
        ++result.unmatched;
        continue;
      }
      result.delivery_ms.push_back(MillisBetween(batch_sent[batch->second], event.received));
    }
  }
  return result;
}

}  // namespace webcare::bench
