#pragma once
// Small periodic jobs of a running server (waking snoozed conversations, escalating overdue
// follow-ups, SLA warnings, purging deleted conversations) on one background thread, so each
// job is a few lines where it is wired up and none needs a thread of its own.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"

namespace webcare::base {

class ChoreRunner {
 public:
  ChoreRunner() = default;
  ChoreRunner(const ChoreRunner&) = delete;
  ChoreRunner& operator=(const ChoreRunner&) = delete;
  ~ChoreRunner();  // Stops.

  // Runs `chore` about every `every`, first right after Start. A failure is logged with
  // `name` and the chore runs again next time. REQUIRES: before Start.
  void Add(std::string name, std::chrono::milliseconds every, std::function<absl::Status()> chore);

  void Start();
  // Waits for a chore that is running to finish; none runs after. Idempotent.
  void Stop();

 private:
  struct Chore {
    std::string name;
    std::chrono::milliseconds every;
    std::function<absl::Status()> run;
    std::chrono::steady_clock::time_point next;
  };
  void Loop();

  std::vector<Chore> chores_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace webcare::base
