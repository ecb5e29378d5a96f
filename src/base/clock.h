#pragma once
// Time source. Every component that needs "now" takes a Clock so tests can control time.
// Times are UTC microseconds since the Unix epoch throughout the code base.

#include <atomic>
#include <cstdint>

namespace webcare::base {

using Micros = int64_t;
inline constexpr Micros kMicrosPerSecond = 1'000'000;

class Clock {
 public:
  virtual ~Clock() = default;
  // Thread-safe.
  virtual Micros NowMicros() const = 0;
};

// The real wall clock.
class SystemClock final : public Clock {
 public:
  Micros NowMicros() const override;
  // Process-wide instance; never destroyed.
  static const SystemClock& Instance();
};

// A clock that only moves when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Micros start = 1'700'000'000 * kMicrosPerSecond) : now_(start) {}
  Micros NowMicros() const override { return now_.load(); }
  void Advance(Micros delta) { now_ += delta; }
  void Set(Micros now) { now_ = now; }

 private:
  std::atomic<Micros> now_;
};

}  // namespace webcare::base
