#pragma once
// Business-hours arithmetic for SLA timers (docs/sla.md): "30 business minutes after this
// post" and "how many business minutes between these two instants", in a team's time zone,
// with its weekly opening intervals and closed dates.
//
// Counting is in real elapsed time while the team is open, so the night the clocks go forward
// an interval of 01:00-05:00 holds three hours, and the night they go back four. An opening
// or closing time that does not exist that day (inside the spring gap) is taken as the moment
// of the change; one that exists twice (the autumn repeat) opens at its first and closes at
// its second occurrence. A closed date closes that local calendar day, including the part
// after midnight of a night shift that began the day before.
//
// Thread-safety: a BusinessClock is immutable after Create and may be shared.

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "core/sla.h"

namespace webcare::inbox {

// Limits that keep a schedule readable and the arithmetic bounded.
inline constexpr int kMaxOpeningIntervals = 70;  // Ten per day.
inline constexpr int kMaxClosedDates = 400;
// Add() looks this many days ahead at most; with no open time within them it answers the
// end of that horizon (a schedule always has open time, so only absurd targets reach it).
inline constexpr int kHorizonDays = 3660;

class BusinessClock {
 public:
  // Every minute counts, in UTC.
  BusinessClock();

  // The schedule checked and prepared. InvalidArgument with a sentence a person understands:
  // an unknown time zone, a weekday or time out of range, an empty interval, a malformed or
  // repeated date, or a week without any open time.
  static absl::StatusOr<BusinessClock> Create(const core::BusinessHours& hours);

  // The instant `business` of business time after `from`. From outside opening hours the
  // count starts at the next opening. Add(from, 0) == from.
  base::Micros Add(base::Micros from, base::Micros business) const;
  base::Micros AddMinutes(base::Micros from, int64_t minutes) const {
    return Add(from, minutes * 60 * base::kMicrosPerSecond);
  }
  // Business time within [from, to); 0 when `to` is not after `from`.
  base::Micros Between(base::Micros from, base::Micros to) const;
  bool IsOpen(base::Micros at) const;

  bool always_open() const { return always_open_; }

 private:
  // [opens, closes) in minutes after local midnight, 0 <= opens < closes <= 1440.
  using Segment = std::pair<int, int>;

  bool Closed(absl::CivilDay day) const;
  // The segments of `day` as absolute instants, in order (none on a closed date).
  std::vector<std::pair<base::Micros, base::Micros>> OpenOn(absl::CivilDay day) const;
  absl::CivilDay LocalDay(base::Micros at) const;

  bool always_open_ = true;
  absl::TimeZone zone_ = absl::UTCTimeZone();
  std::array<std::vector<Segment>, 7> week_;  // Index 0 is Monday.
  std::vector<absl::CivilDay> closed_;        // Sorted.
};

}  // namespace webcare::inbox
