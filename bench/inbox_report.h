#pragma once
// The inbox benchmark's table, JSON details and verdicts, from what its phases measured.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "bench/inbox_world.h"
#include "bench/list_phase.h"
#include "bench/realtime_phase.h"

namespace webcare::bench {

struct InboxMeasurements {
  World world;
  RealtimeResult realtime;
  ListResult list;
  int server_exit = 0;
  // Reading the database file once before the server starts (bench/README.md, "Server").
  double warm_seconds = 0;
  int64_t warm_bytes = 0;
};

// The settings of the run, for the JSON.
struct InboxSettings {
  int64_t conversations = 0;
  int agents = 0;
  int leads = 0;
  uint64_t seed = 0;
  int server_threads = 0;
  RealtimeOptions realtime;
  ListOptions list;
  std::string load_at_start;
};

std::vector<Row> InboxRows(const InboxMeasurements& m);
// Settings, machine, details of each phase and `targets_met`.
nlohmann::json InboxMeta(const InboxMeasurements& m, const InboxSettings& settings);

// No event lost, duplicated or shown to someone who may not see it; every batch and list
// request answered; every checked list answer equal to the baseline's rows.
bool Correct(const InboxMeasurements& m);
// What was wrong, for --check.
std::string CorrectnessSummary(const InboxMeasurements& m);

}  // namespace webcare::bench
