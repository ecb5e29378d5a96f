#include "base/chores.h"

#include <algorithm>

#include "spdlog/spdlog.h"

namespace webcare::base {

ChoreRunner::~ChoreRunner() { Stop(); }

void ChoreRunner::Add(std::string name, std::chrono::milliseconds every,
                      std::function<absl::Status()> chore) {
  chores_.push_back({.name = std::move(name), .every = every, .run = std::move(chore), .next = {}});
}

void ChoreRunner::Start() {
  if (thread_.joinable() || chores_.empty()) return;
  const auto now = std::chrono::steady_clock::now();
  for (Chore& chore : chores_) chore.next = now;
  thread_ = std::thread([this] { Loop(); });
}

void ChoreRunner::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ChoreRunner::Loop() {
  while (true) {
    const auto now = std::chrono::steady_clock::now();
    auto next = now + std::chrono::hours(1);
    for (Chore& chore : chores_) {
      if (chore.next <= now) {
        if (absl::Status done = chore.run(); !done.ok()) {
          spdlog::warn("{}: {}", chore.name, done.ToString());
        }
        // Counted from the end of the run: a slow chore never queues up behind itself.
        chore.next = std::chrono::steady_clock::now() + chore.every;
      }
      next = std::min(next, chore.next);
    }
    std::unique_lock lock(mutex_);
    if (wake_.wait_until(lock, next, [this] { return stopping_; })) return;
  }
}

}  // namespace webcare::base
