#pragma once
// The list figure of the inbox benchmark: GET /api/v1/conversations at a fixed rate (open
// loop, keep-alive connections) with the mix of views, filters and sorts the web UI asks for,
// as agents and leads. Baseline: the same request written by hand as one SQL query (the
// view's and filter's conditions, the agent's visibility rule, the order, 51 rows of the
// conversation's own columns) on a raw read-only sqlite3 connection to the same file, run
// once per request after the HTTP part, prepared statements cached, untimed preparation.
// The first answer of each kind is checked to hold the same conversations as the baseline.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/inbox_world.h"

namespace webcare::bench {

class ServeProcess;

struct ListOptions {
  int rate = 200;  // Requests per second.
  double seconds = 30;
  double warmup_seconds = 2;  // At the same rate before, not counted.
  uint64_t seed = 1;
  int http_connections = 32;
};

struct ListCaseResult {
  std::string name;
  int64_t requests = 0;
  int64_t errors = 0;
  std::vector<double> ours_ms;
  std::vector<double> baseline_ms;
  std::vector<double> alone_ms;  // One request at a time, before the load.
  int64_t alone_errors = 0;
  bool checked = false;     // An answer of this kind was compared with the baseline.
  int64_t returned = 0;     // Conversations in the checked answer.
  bool same_rows = false;   // The checked answer and the baseline hold the same ids.
};

struct ListResult {
  std::vector<ListCaseResult> cases;
  std::vector<double> ours_ms;      // Every counted request.
  std::vector<double> baseline_ms;  // Every counted request's baseline.
  std::vector<double> send_lag_ms;
  int64_t requests = 0;
  int64_t errors = 0;
  int64_t mismatches = 0;  // Kinds whose checked answer differs from the baseline.
  int64_t unchecked = 0;   // Kinds without a successful answer to check.
  std::string first_error;
  std::map<int, int64_t> errors_by_status;  // 0: no answer (not sent or connection lost).
  double send_seconds = 0;
  double server_cpu_seconds = 0;
  size_t http_connections_opened = 0;
};

absl::StatusOr<ListResult> MeasureLists(const World& world, const ServeProcess& server,
                                        const ListOptions& options);

}  // namespace webcare::bench
