#pragma once
// Process metrics in the Prometheus text format. Thread-safe.

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "absl/base/thread_annotations.h"
#include "base/histogram.h"
#include "core/event.h"
#include "storage/store.h"

namespace webcare::server {

class Metrics final : public core::EventSink {
 public:
  void RecordRequest(const std::string& method, const std::string& route, int status, double seconds);
  // How long a request waited, once read, for a free handler thread (`serve --threads`).
  void RecordHandlerWait(double seconds);
  void RecordLoginFailure() { login_failures_++; }
  // Counts ingested posts.
  void Publish(const core::DomainEvent& event) override;

  // `stats` from the store at scrape time.
  std::string Render(const storage::StoreStats& stats) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, int64_t> requests_ ABSL_GUARDED_BY(mutex_);
  base::DurationHistogram request_durations_ ABSL_GUARDED_BY(mutex_);
  base::DurationHistogram handler_waits_ ABSL_GUARDED_BY(mutex_);
  std::atomic<int64_t> posts_ingested_{0};
  std::atomic<int64_t> login_failures_{0};
};

}  // namespace webcare::server
