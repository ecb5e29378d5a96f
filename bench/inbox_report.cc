#include "bench/inbox_report.h"

#include <sqlite3.h>
#include <unistd.h>

#include <fstream>

#include "base/strings.h"

namespace webcare::bench {
namespace {

using nlohmann::json;

// The targets.
constexpr double kDeliveryP99TargetMs = 100;
constexpr double kListP99TargetMs = 20;

double Max(const std::vector<double>& samples) { return Percentile(samples, 1.0); }

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0 && line.find(':') != std::string::npos) {
      return line.substr(line.find(':') + 2);
    }
  }
  return "";
}

json Spread(const std::vector<double>& samples) {
  return {{"samples", samples.size()},
          {"p50_ms", Percentile(samples, 0.5)},
          {"p95_ms", Percentile(samples, 0.95)},
          {"p99_ms", Percentile(samples, 0.99)},
          {"max_ms", Max(samples)}};
}

bool RealtimeComplete(const RealtimeResult& r) {
  return r.lost == 0 && r.duplicates == 0 && r.unexpected == 0 && r.resyncs == 0 &&
         r.batch_errors == 0 && r.delivered > 0;
}

bool ListComplete(const ListResult& l) {
  return l.requests > 0 && l.errors == 0 && l.mismatches == 0 && l.unchecked == 0;
}

json RealtimeJson(const RealtimeResult& r) {
  return {{"clients", r.clients},
          {"lead_clients", r.lead_clients},
          {"batches", r.batches},
          {"batch_errors", r.batch_errors},
          {"first_error", r.first_error},
          {"posts_inserted", r.posts_inserted},
          {"send_seconds", r.send_seconds},
          {"delivery", Spread(r.delivery_ms)},
          {"post", Spread(r.post_ms)},
          {"send_lag", Spread(r.send_lag_ms)},
          {"client_loop_lag", Spread(r.client_loop_lag_ms)},
          {"events_in_log", r.events},
          {"expected", r.expected},
          {"delivered", r.delivered},
          {"lost", r.lost},
          {"clients_with_loss", r.clients_with_loss},
          {"duplicates", r.duplicates},
          {"unexpected", r.unexpected},
          {"unmatched", r.unmatched},
          {"resyncs", r.resyncs},
          {"disconnects", r.disconnects},
          {"disconnect_reason", r.disconnect_reason},
          {"reconnect_error", r.reconnect_error},
          {"bytes", r.bytes},
          {"frames", r.frames},
          {"mean_message_bytes", r.delivered > 0 ? static_cast<double>(r.bytes) / r.delivered : 0},
          {"client_cpu_seconds", r.client_cpu_seconds},
          {"other_messages", r.other_messages},
          {"fan_out_per_event", r.events > 0 ? static_cast<double>(r.delivered) / r.events : 0},
          {"drain_seconds", r.drain_seconds},
          {"server_cpu_seconds", r.server_cpu_seconds},
          {"http_connections_opened", r.http_connections_opened}};
}

json ListJson(const ListResult& l) {
  json by_status = json::object();
  for (const auto& [status, count] : l.errors_by_status) by_status[base::StrCat(status)] = count;
  json kinds = json::array();
  for (const ListCaseResult& kind : l.cases) {
    kinds.push_back({{"name", kind.name},
                     {"requests", kind.requests},
                     {"errors", kind.errors},
                     {"ours", Spread(kind.ours_ms)},
                     {"baseline", Spread(kind.baseline_ms)},
                     {"alone", Spread(kind.alone_ms)},
                     {"alone_errors", kind.alone_errors},
                     {"checked", kind.checked},
                     {"returned", kind.returned},
                     {"same_rows", kind.same_rows}});
  }
  return {{"requests", l.requests},
          {"errors", l.errors},
          {"first_error", l.first_error},
          {"errors_by_status", by_status},
          {"mismatches", l.mismatches},
          {"unchecked", l.unchecked},
          {"ours", Spread(l.ours_ms)},
          {"baseline", Spread(l.baseline_ms)},
          {"send_lag", Spread(l.send_lag_ms)},
          {"send_seconds", l.send_seconds},
          {"server_cpu_seconds", l.server_cpu_seconds},
          {"http_connections_opened", l.http_connections_opened},
          {"kinds", kinds}};
}

}  // namespace

std::vector<Row> InboxRows(const InboxMeasurements& m) {
  const RealtimeResult& r = m.realtime;
  const ListResult& l = m.list;
  std::vector<Row> rows;
  rows.push_back({"prepare: conversations", static_cast<double>(m.world.conversations),
                  std::nullopt, "count", 0});
  rows.push_back({m.world.reused ? "prepare: time (earlier run, reused)" : "prepare: time",
                  m.world.prepare_seconds, std::nullopt, "s", 1});
  rows.push_back({"prepare: database read into the page cache", m.warm_seconds, std::nullopt, "s", 1});
  const std::pair<const char*, double> quantiles[] = {
      {"p50", 0.5}, {"p95", 0.95}, {"p99", 0.99}, {"max", 1.0}};
  for (const auto& [name, q] : quantiles) {
    rows.push_back({base::StrCat("realtime delivery ", name, " (baseline: the POST)"),
                    Percentile(r.delivery_ms, q), Percentile(r.post_ms, q), "ms", 1});
  }
  // The clients share the server's machine: a late clients' thread stamps its messages late.
  for (const auto& [name, q] : quantiles) {
    if (q == 0.95) continue;
    rows.push_back({base::StrCat("realtime clients' thread running late ", name),
                    Percentile(r.client_loop_lag_ms, q), std::nullopt, "ms", 1});
  }
  rows.push_back({"realtime posts stored per second (baseline: the rate asked)",
                  r.send_seconds > 0 ? static_cast<double>(r.posts_inserted) / r.send_seconds : 0,
                  r.rate_asked, "posts/s", 0});
  rows.push_back({"realtime events delivered (baseline: due)", static_cast<double>(r.delivered),
                  static_cast<double>(r.expected), "messages", 0});
  rows.push_back({"realtime WebSocket frames (baseline: messages in them)", static_cast<double>(r.frames),
                  static_cast<double>(r.messages), "frames", 0});
  rows.push_back({"realtime events lost", static_cast<double>(r.lost), std::nullopt, "messages", 0});
  rows.push_back({"realtime duplicates", static_cast<double>(r.duplicates), std::nullopt,
                  "messages", 0});
  rows.push_back({"realtime shown to someone who may not see it",
                  static_cast<double>(r.unexpected), std::nullopt, "messages", 0});
  rows.push_back({"realtime connections dropped by the server", static_cast<double>(r.disconnects),
                  std::nullopt, "count", 0});
  rows.push_back({"realtime POST errors", static_cast<double>(r.batch_errors), std::nullopt,
                  "count", 0});
  for (const auto& [name, q] : quantiles) {
    if (q == 0.95) continue;
    rows.push_back({base::StrCat("list ", name, " (baseline: raw SQL)"), Percentile(l.ours_ms, q),
                    Percentile(l.baseline_ms, q), "ms", 2});
  }
  rows.push_back({"list errors", static_cast<double>(l.errors), std::nullopt, "count", 0});
  // Per kind: the tail under the load, then the median of requests sent one at a time (what
  // one request costs, like the baseline's lone queries).
  for (const ListCaseResult& kind : l.cases) {
    rows.push_back({base::StrCat("list p99 under load: ", kind.name), Percentile(kind.ours_ms, 0.99),
                    Percentile(kind.baseline_ms, 0.99), "ms", 2});
  }
  for (const ListCaseResult& kind : l.cases) {
    rows.push_back({base::StrCat("list median alone: ", kind.name), Percentile(kind.alone_ms, 0.5),
                    Percentile(kind.baseline_ms, 0.5), "ms", 2});
  }
  return rows;
}

nlohmann::json InboxMeta(const InboxMeasurements& m, const InboxSettings& s) {
  const World& w = m.world;
  json teams = json::array();
  for (const BenchTeam& team : w.teams) teams.push_back({{"id", team.id}, {"name", team.name}});
  const double delivery_p99 = Percentile(m.realtime.delivery_ms, 0.99);
  const double list_p99 = Percentile(m.list.ours_ms, 0.99);
  return {
      {"settings",
       {{"conversations", s.conversations},
        {"agents", s.agents},
        {"leads", s.leads},
        {"seed", s.seed},
        {"server_threads", s.server_threads},
        {"clients", s.realtime.clients},
        {"lead_every", s.realtime.lead_every},
        {"rate", s.realtime.rate},
        {"batch_posts", s.realtime.batch_posts},
        {"realtime_seconds", s.realtime.seconds},
        {"reply_percent", s.realtime.reply_percent},
        {"list_rate", s.list.rate},
        {"list_seconds", s.list.seconds},
        {"list_warmup_seconds", s.list.warmup_seconds}}},
      {"machine",
       {{"nproc", sysconf(_SC_NPROCESSORS_ONLN)},
        {"cpu", CpuModel()},
        {"sqlite", sqlite3_libversion()}}},
      {"loadavg_at_start", s.load_at_start},
      {"loadavg_at_end", LoadAverage()},
      {"world",
       {{"conversations", w.conversations},
        {"posts", w.posts},
        {"teams", teams},
        {"agents", w.Agents().size()},
        {"leads", w.Leads().size()},
        {"db_bytes", w.db_bytes},
        {"reused", w.reused},
        {"prepare_seconds", w.prepare_seconds},
        {"warm_seconds", m.warm_seconds},
        {"warm_bytes", m.warm_bytes},
        {"users_seconds", w.users_seconds},
        {"ingest_seconds", w.ingest_seconds},
        {"state_seconds", w.state_seconds}}},
      {"realtime", RealtimeJson(m.realtime)},
      {"list", ListJson(m.list)},
      {"server_exit", m.server_exit},
      {"targets_met",
       {{"realtime_delivery_p99_below_100_ms",
         !m.realtime.delivery_ms.empty() && delivery_p99 < kDeliveryP99TargetMs},
        {"realtime_no_message_lost", RealtimeComplete(m.realtime)},
        {"list_p99_below_20_ms", !m.list.ours_ms.empty() && list_p99 < kListP99TargetMs},
        {"list_every_request_answered", ListComplete(m.list)}}},
  };
}

bool Correct(const InboxMeasurements& m) {
  return RealtimeComplete(m.realtime) && ListComplete(m.list);
}

std::string CorrectnessSummary(const InboxMeasurements& m) {
  const RealtimeResult& r = m.realtime;
  const ListResult& l = m.list;
  return base::StrCat("realtime: ", r.delivered, " of ", r.expected, " due events delivered, ",
                      r.lost, " lost, ", r.duplicates, " duplicated, ", r.unexpected,
                      " not visible to their client, ", r.resyncs, " resyncs, ", r.batch_errors,
                      " POST errors", r.first_error.empty() ? "" : base::StrCat(" (", r.first_error, ")"),
                      "; list: ", l.errors, " errors",
                      l.first_error.empty() ? "" : base::StrCat(" (", l.first_error, ")"), ", ",
                      l.mismatches, " kinds with rows unlike the baseline's, ", l.unchecked,
                      " kinds never answered");
}

}  // namespace webcare::bench
