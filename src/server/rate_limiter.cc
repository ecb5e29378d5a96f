#include "server/rate_limiter.h"

namespace webcare::server {

constexpr size_t kMaxKeys = 100'000;  // Bounds memory under a flood of distinct keys.

void RateLimiter::Prune(std::deque<base::Micros>& events, base::Micros now) {
  while (!events.empty() && events.front() <= now - window_) events.pop_front();
}

int64_t RateLimiter::RetryAfterSeconds(const std::string& key) {
  const base::Micros now = clock_.NowMicros();
  std::lock_guard lock(mutex_);
  auto it = events_.find(key);
  if (it == events_.end()) return 0;
  Prune(it->second, now);
  if (static_cast<int>(it->second.size()) < limit_) return 0;
  const base::Micros free_at = it->second.front() + window_;
  return std::max<int64_t>(1, (free_at - now + base::kMicrosPerSecond - 1) / base::kMicrosPerSecond);
}

void RateLimiter::Record(const std::string& key) {
  const base::Micros now = clock_.NowMicros();
  std::lock_guard lock(mutex_);
  if (events_.size() >= kMaxKeys && !events_.contains(key)) {
    // Sweep keys whose events have all expired; if none, forget everything rather than grow.
    for (auto it = events_.begin(); it != events_.end();) {
      Prune(it->second, now);
      if (it->second.empty()) {
        events_.erase(it++);
      } else {
        ++it;
      }
    }
    if (events_.size() >= kMaxKeys) events_.clear();
  }
  auto& events = events_[key];
  Prune(events, now);
  events.push_back(now);
}

void RateLimiter::Reset(const std::string& key) {
  std::lock_guard lock(mutex_);
  events_.erase(key);
}

}  // namespace webcare::server
