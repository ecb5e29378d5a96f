#include "base/clock.h"

#include <chrono>

namespace webcare::base {

Micros SystemClock::NowMicros() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const SystemClock& SystemClock::Instance() {
  static const SystemClock* const clock = new SystemClock();
  return *clock;
}

}  // namespace webcare::base
