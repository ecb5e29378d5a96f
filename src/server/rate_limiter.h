#pragma once
// Counts events per key in a sliding window; used to slow down password guessing.
// Thread-safe.

#include <deque>
#include <mutex>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "base/clock.h"

namespace webcare::server {

class RateLimiter {
 public:
  // At most `limit` events per `window` for one key. `clock` must outlive the limiter.
  RateLimiter(int limit, base::Micros window, const base::Clock& clock)
      : limit_(limit), window_(window), clock_(clock) {}

  // 0 when another event is allowed now, else the seconds until one is (at least 1).
  int64_t RetryAfterSeconds(const std::string& key);
  void Record(const std::string& key);
  void Reset(const std::string& key);

 private:
  // Drops events older than the window. REQUIRES: mutex_.
  void Prune(std::deque<base::Micros>& events, base::Micros now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const int limit_;
  const base::Micros window_;
  const base::Clock& clock_;
  std::mutex mutex_;
  absl::flat_hash_map<std::string, std::deque<base::Micros>> events_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace webcare::server
