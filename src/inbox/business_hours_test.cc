#include "inbox/business_hours.h"

#include <gtest/gtest.h>

#include <string>

namespace webcare::inbox {
namespace {

constexpr base::Micros kMinute = 60 * base::kMicrosPerSecond;
constexpr base::Micros kHour = 60 * kMinute;

absl::TimeZone Zone(const std::string& name) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone(name, &zone)) << name;
  return zone;
}

// Local wall time in `zone` as UTC micros (the earlier one when it exists twice).
base::Micros At(const std::string& zone, int y, int m, int d, int h, int min) {
  return absl::ToUnixMicros(absl::FromCivil(absl::CivilMinute(y, m, d, h, min), Zone(zone)));
}

std::string Local(const std::string& zone, base::Micros at) {
  return absl::FormatTime("%Y-%m-%d %a %H:%M %Z", absl::FromUnixMicros(at), Zone(zone));
}

core::OpeningInterval Open(int weekday, int opens_hour, int closes_hour, int opens_minute = 0,
                           int closes_minute = 0) {
  return {.weekday = weekday, .opens = opens_hour * 60 + opens_minute, .closes = closes_hour * 60 + closes_minute};
}

// Monday to Friday 09:00-17:00 in Amsterdam.
core::BusinessHours OfficeHours() {
  core::BusinessHours hours{.time_zone = "Europe/Amsterdam"};
  for (int day = 1; day <= 5; ++day) hours.intervals.push_back(Open(day, 9, 17));
  return hours;
}

BusinessClock Clock(const core::BusinessHours& hours) {
  auto clock = BusinessClock::Create(hours);
  EXPECT_TRUE(clock.ok()) << clock.status();
  return clock.ok() ? *clock : BusinessClock();
}

constexpr char kAms[] = "Europe/Amsterdam";

TEST(BusinessClockTest, AlwaysOpenCountsEveryMinute) {
  const BusinessClock clock;
  const base::Micros from = At("UTC", 2026, 3, 28, 23, 0);
  EXPECT_EQ(clock.AddMinutes(from, 90), from + 90 * kMinute);
  EXPECT_EQ(clock.Between(from, from + 5 * kHour), 5 * kHour);
  EXPECT_EQ(clock.Between(from, from - kHour), 0);
  EXPECT_TRUE(clock.IsOpen(from));
  EXPECT_EQ(clock.AddMinutes(from, 0), from);

  // 24/7 in a zone with DST still counts real time: the spring night has 23 hours.
  const BusinessClock always = Clock({.time_zone = kAms, .always_open = true});
  EXPECT_EQ(always.Between(At(kAms, 2026, 3, 29, 0, 0), At(kAms, 2026, 3, 30, 0, 0)), 23 * kHour);
}

TEST(BusinessClockTest, CountsWithinOpeningHours) {
  const BusinessClock clock = Clock(OfficeHours());
  // Monday 23 November 2026.
  EXPECT_EQ(Local(kAms, clock.AddMinutes(At(kAms, 2026, 11, 23, 10, 0), 60)), "2026-11-23 Mon 11:00 CET");
  // Before opening, the clock starts at 09:00.
  EXPECT_EQ(Local(kAms, clock.AddMinutes(At(kAms, 2026, 11, 23, 7, 0), 30)), "2026-11-23 Mon 09:30 CET");
  // Exactly at closing time.
  EXPECT_EQ(Local(kAms, clock.AddMinutes(At(kAms, 2026, 11, 23, 16, 0), 60)), "2026-11-23 Mon 17:00 CET");
  // Over night into the next day.
  EXPECT_EQ(Local(kAms, clock.AddMinutes(At(kAms, 2026, 11, 23, 16, 30), 60)), "2026-11-24 Tue 09:30 CET");
  // A full business day and a bit.
  EXPECT_EQ(Local(kAms, clock.AddMinutes(At(kAms, 2026, 11, 23, 9, 0), 8 * 60 + 15)), "2026-11-24 Tue 09:15 CET");
}

TEST(BusinessClockTest, SkipsWeekends) {
  const BusinessClock clock = Clock(OfficeHours());
  // Friday 16:30 + 1 hour: half an hour on Friday, half an hour on Monday.
  EXPECT_EQ(Local(kAms, clock.AddMinutes(At(kAms, 2026, 11, 27, 16, 30), 60)), "2026-11-30 Mon 09:30 CET");
  // Saturday counts nothing.
  EXPECT_EQ(Local(kAms, clock.AddMinutes(At(kAms, 2026, 11, 28, 12, 0), 30)), "2026-11-30 Mon 09:30 CET");
  EXPECT_EQ(clock.Between(At(kAms, 2026, 11, 27, 16, 0), At(kAms, 2026, 11, 30, 10, 0)), 2 * kHour);
  EXPECT_EQ(clock.Between(At(kAms, 2026, 11, 28, 8, 0), At(kAms, 2026, 11, 29, 20, 0)), 0);
  EXPECT_FALSE(clock.IsOpen(At(kAms, 2026, 11, 28, 12, 0)));
  EXPECT_TRUE(clock.IsOpen(At(kAms, 2026, 11, 27, 12, 0)));
  EXPECT_FALSE(clock.IsOpen(At(kAms, 2026, 11, 27, 17, 0)));  // Closing time is closed.
}

TEST(BusinessClockTest, SkipsClosedDates) {
  core::BusinessHours hours = OfficeHours();
  hours.closed = {{.date = "2026-12-25", .name = "Christmas Day"}, {.date = "2026-12-28", .name = ""}};
  const BusinessClock clock = Clock(hours);
  // Thursday 24 December 16:30 + 1 hour: Friday 25th and Monday 28th are closed.
  EXPECT_EQ(Local(kAms, clock.AddMinutes(At(kAms, 2026, 12, 24, 16, 30), 60)), "2026-12-29 Tue 09:30 CET");
  EXPECT_EQ(clock.Between(At(kAms, 2026, 12, 24, 0, 0), At(kAms, 2026, 12, 30, 0, 0)), 16 * kHour);
  EXPECT_FALSE(clock.IsOpen(At(kAms, 2026, 12, 25, 12, 0)));
}

TEST(BusinessClockTest, SeveralIntervalsADay) {
  core::BusinessHours hours{.time_zone = kAms};
  for (int day = 1; day <= 7; ++day) {
    hours.intervals.push_back(Open(day, 9, 12));
    hours.intervals.push_back(Open(day, 13, 17));
  }
  const BusinessClock clock = Clock(hours);
  EXPECT_EQ(Local(kAms, clock.AddMinutes(At(kAms, 2026, 11, 23, 11, 30), 60)), "2026-11-23 Mon 13:30 CET");
  EXPECT_EQ(clock.Between(At(kAms, 2026, 11, 23, 0, 0), At(kAms, 2026, 11, 24, 0, 0)), 7 * kHour);
  EXPECT_FALSE(clock.IsOpen(At(kAms, 2026, 11, 23, 12, 30)));
}

TEST(BusinessClockTest, OverlappingIntervalsAreMerged) {
  core::BusinessHours hours{.time_zone = kAms, .intervals = {Open(1, 9, 13), Open(1, 12, 17)}};
  const BusinessClock clock = Clock(hours);
  EXPECT_EQ(clock.Between(At(kAms, 2026, 11, 23, 0, 0), At(kAms, 2026, 11, 24, 0, 0)), 8 * kHour);
}

TEST(BusinessClockTest, IntervalAcrossMidnight) {
  // A night shift: Friday 22:00 until Saturday 06:00.
  core::BusinessHours hours{.time_zone = kAms, .intervals = {Open(5, 22, 6)}};
  const BusinessClock clock = Clock(hours);
  EXPECT_EQ(Local(kAms, clock.AddMinutes(At(kAms, 2026, 11, 27, 23, 0), 120)), "2026-11-28 Sat 01:00 CET");
  // Saturday 05:00: one hour left this week, the rest next Friday night.
  EXPECT_EQ(Local(kAms, clock.AddMinutes(At(kAms, 2026, 11, 28, 5, 0), 120)), "2026-12-04 Fri 23:00 CET");
  EXPECT_EQ(clock.Between(At(kAms, 2026, 11, 27, 0, 0), At(kAms, 2026, 11, 29, 0, 0)), 8 * kHour);
  EXPECT_TRUE(clock.IsOpen(At(kAms, 2026, 11, 28, 3, 0)));

  // A closed Saturday closes the morning part of Friday's night shift.
  hours.closed = {{.date = "2026-11-28"}};
  const BusinessClock holiday = Clock(hours);
  EXPECT_EQ(Local(kAms, holiday.AddMinutes(At(kAms, 2026, 11, 27, 23, 0), 120)), "2026-12-04 Fri 23:00 CET");
}

TEST(BusinessClockTest, SpringForwardNightIsShorter) {
  // 29 March 2026, Amsterdam: 02:00 becomes 03:00.
  core::BusinessHours hours{.time_zone = kAms, .intervals = {Open(7, 1, 5)}};
  const BusinessClock clock = Clock(hours);
  const base::Micros sunday = At(kAms, 2026, 3, 29, 0, 0), monday = At(kAms, 2026, 3, 30, 0, 0);
  EXPECT_EQ(clock.Between(sunday, monday), 3 * kHour);
  EXPECT_EQ(Local(kAms, clock.AddMinutes(At(kAms, 2026, 3, 29, 1, 30), 60)), "2026-03-29 Sun 03:30 CEST");

  // An opening time inside the gap opens at the change, 03:00 summer time.
  const BusinessClock gap = Clock({.time_zone = kAms, .intervals = {Open(7, 2, 6, 30)}});
  EXPECT_EQ(gap.Between(sunday, monday), 3 * kHour);
  EXPECT_EQ(Local(kAms, gap.AddMinutes(sunday, 1)), "2026-03-29 Sun 03:01 CEST");

  // A whole day open has 23 hours.
  const BusinessClock day = Clock({.time_zone = kAms, .intervals = {Open(7, 0, 24)}});
  EXPECT_EQ(day.Between(sunday, monday), 23 * kHour);
}

TEST(BusinessClockTest, FallBackNightIsLonger) {
  // 25 October 2026, Amsterdam: 03:00 summer time becomes 02:00 again.
  const base::Micros sunday = At(kAms, 2026, 10, 25, 0, 0), monday = At(kAms, 2026, 10, 26, 0, 0);
  const BusinessClock clock = Clock({.time_zone = kAms, .intervals = {Open(7, 1, 5)}});
  EXPECT_EQ(clock.Between(sunday, monday), 5 * kHour);
  // The repeated hour opens at its first 02:00 and closes at 03:00, after the second pass.
  const BusinessClock repeated = Clock({.time_zone = kAms, .intervals = {Open(7, 2, 3)}});
  EXPECT_EQ(repeated.Between(sunday, monday), 2 * kHour);
  const BusinessClock day = Clock({.time_zone = kAms, .intervals = {Open(7, 0, 24)}});
  EXPECT_EQ(day.Between(sunday, monday), 25 * kHour);
  EXPECT_EQ(Local(kAms, day.AddMinutes(sunday, 25 * 60)), "2026-10-26 Mon 00:00 CET");
}

TEST(BusinessClockTest, OtherTimeZones) {
  core::BusinessHours hours{.time_zone = "America/New_York"};
  for (int day = 1; day <= 5; ++day) hours.intervals.push_back(Open(day, 8, 20));
  const BusinessClock clock = Clock(hours);
  // Friday 19:00 + 2 hours: one on Friday until 20:00, one on Monday from 08:00.
  EXPECT_EQ(Local("America/New_York", clock.AddMinutes(At("America/New_York", 2026, 11, 27, 19, 0), 120)),
            "2026-11-30 Mon 09:00 EST");
}

TEST(BusinessClockTest, BetweenAndAddAgree) {
  core::BusinessHours hours = OfficeHours();
  hours.intervals.push_back(Open(6, 22, 2));
  hours.closed = {{.date = "2026-03-30"}};
  const BusinessClock clock = Clock(hours);
  const base::Micros from = At(kAms, 2026, 3, 26, 15, 17);
  for (int minutes : {1, 59, 60, 481, 1000, 2400, 10'000}) {
    const base::Micros due = clock.AddMinutes(from, minutes);
    EXPECT_EQ(clock.Between(from, due), minutes * kMinute) << minutes << " -> " << Local(kAms, due);
  }
}

TEST(BusinessClockTest, RejectsSchedulesThatDoNotHold) {
  const auto error = [](const core::BusinessHours& hours) {
    auto clock = BusinessClock::Create(hours);
    return clock.ok() ? std::string("ok") : std::string(clock.status().message());
  };
  EXPECT_EQ(error({.time_zone = "Europe/Atlantis", .always_open = true}),
            "time_zone \"Europe/Atlantis\" is not a known IANA time zone, such as Europe/Amsterdam or UTC");
  EXPECT_NE(error({.time_zone = "../../etc/passwd", .always_open = true}), "ok");
  EXPECT_NE(error({.time_zone = "", .always_open = true}), "ok");
  EXPECT_EQ(error({.time_zone = kAms}), "the schedule has no open time: add an opening interval or make it 24/7");
  EXPECT_EQ(error({.time_zone = kAms, .intervals = {Open(8, 9, 17)}}), "weekday must be 1 (Monday) to 7 (Sunday)");
  EXPECT_EQ(error({.time_zone = kAms, .intervals = {Open(2, 9, 9)}}), "Tuesday: the interval 09:00-09:00 is empty");
  EXPECT_EQ(error({.time_zone = kAms, .intervals = {{.weekday = 1, .opens = 1440, .closes = 60}}}),
            "Monday: the opening time must lie from 00:00 to 23:59");
  EXPECT_EQ(error({.time_zone = kAms, .intervals = {{.weekday = 1, .opens = 60, .closes = 1441}}}),
            "Monday: the closing time must lie from 00:01 to 24:00");
  core::BusinessHours dates = OfficeHours();
  dates.closed = {{.date = "2026-02-30"}};
  EXPECT_EQ(error(dates), "closed date \"2026-02-30\" is not a date of the form 2026-12-25");
  dates.closed = {{.date = "25-12-2026"}};
  EXPECT_NE(error(dates), "ok");
  dates.closed = {{.date = "2026-12-25"}, {.date = "2026-12-25"}};
  EXPECT_EQ(error(dates), "closed date 2026-12-25 is listed twice");
  EXPECT_EQ(error(OfficeHours()), "ok");
  EXPECT_EQ(error({.time_zone = "UTC", .always_open = true}), "ok");
}

TEST(BusinessClockTest, AbsurdTargetsStopAtTheHorizon) {
  // One minute a week: a year of business minutes lies far beyond the horizon.
  const BusinessClock clock = Clock({.time_zone = "UTC", .intervals = {Open(1, 9, 9, 0, 1)}});
  const base::Micros from = At("UTC", 2026, 11, 23, 0, 0);
  const base::Micros due = clock.AddMinutes(from, 525'600);
  EXPECT_GT(due, from + 3000LL * 24 * kHour);
  EXPECT_LE(due, from + (kHorizonDays + 1LL) * 24 * kHour);
}

}  // namespace
}  // namespace webcare::inbox
