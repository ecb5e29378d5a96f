#pragma once
// Process metrics in the Prometheus text format. Thread-safe.

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "absl/base/thread_annotations.h"
#include "core/event.h"
#include "storage/store.h"

namespace webcare::server {

class Metrics final : public core::EventSink {
 public:
  void RecordRequest(const std::string& method, const std::string& route, int status, double seconds);
  void RecordLoginFailure() { login_failures_++; }
  // Counts ingested posts.
  void Publish(const core::DomainEvent& event) override;

  // `stats` from the store at scrape time.
  std::string Render(const storage::StoreStats& stats) const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                       0.05,  0.1,    0.25,  0.5,  1.0};
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, int64_t> requests_ ABSL_GUARDED_BY(mutex_);
  std::array<int64_t, kBuckets.size()> bucket_counts_ ABSL_GUARDED_BY(mutex_) = {};
  int64_t duration_count_ ABSL_GUARDED_BY(mutex_) = 0;
  double duration_sum_ ABSL_GUARDED_BY(mutex_) = 0;
  std::atomic<int64_t> posts_ingested_{0};
  std::atomic<int64_t> login_failures_{0};
};

}  // namespace webcare::server
