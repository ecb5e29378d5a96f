#pragma once
// A histogram of durations with fixed buckets, in the shape Prometheus expects: each bucket
// counts the observations at or below its upper bound (cumulative), plus their count and sum.
// Not thread-safe; its owner guards it.

#include <array>
#include <chrono>
#include <cstdint>

namespace webcare::base {

struct DurationHistogram {
  // Upper bounds in seconds: from a fast commit or request (1 ms) to a stalled one (1 s).
  static constexpr std::array<double, 10> kBounds = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,  0.1,    0.25,  0.5,  1.0};
  std::array<int64_t, kBounds.size()> buckets = {};
  int64_t count = 0;
  double sum = 0;

  void Record(double seconds) {
    for (size_t i = 0; i < kBounds.size(); ++i) {
      if (seconds <= kBounds[i]) ++buckets[i];
    }
    ++count;
    sum += seconds;
  }
  void RecordSince(std::chrono::steady_clock::time_point start) {
    Record(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
};

}  // namespace webcare::base
