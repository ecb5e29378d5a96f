#include "inbox/business_hours.h"

#include <algorithm>
#include <string>

#include "base/strings.h"
#include "base/utf8.h"

namespace webcare::inbox {
namespace {

constexpr int kMinutesPerDay = 24 * 60;
constexpr size_t kMaxClosedNameBytes = 100;
constexpr char kWeekdays[][10] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                  "Friday", "Saturday", "Sunday"};

std::string ClockTime(int minutes) {
  const int h = minutes / 60, m = minutes % 60;
  return base::StrCat(h < 10 ? "0" : "", h, ":", m < 10 ? "0" : "", m);
}

// IANA names are letters, digits and "/_+-", never a path that leaves the zoneinfo folder.
bool PlausibleZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' ||
      name.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '/' || c == '_' || c == '+' || c == '-';
  });
}

absl::Status Invalid(std::string message) {
  return absl::InvalidArgumentError(std::move(message));
}

// Index 0..6 (Monday..Sunday) of a local date.
int WeekdayIndex(absl::CivilDay day) {
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday: return 0;
    case absl::Weekday::tuesday: return 1;
    case absl::Weekday::wednesday: return 2;
    case absl::Weekday::thursday: return 3;
    case absl::Weekday::friday: return 4;
    case absl::Weekday::saturday: return 5;
    case absl::Weekday::sunday: return 6;
  }
  return 0;
}

// Sorts and merges touching or overlapping segments.
void Merge(std::vector<std::pair<int, int>>& segments) {
  std::sort(segments.begin(), segments.end());
  std::vector<std::pair<int, int>> merged;
  for (const auto& segment : segments) {
    if (!merged.empty() && segment.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, segment.second);
    } else {
      merged.push_back(segment);
    }
  }
  segments = std::move(merged);
}

}  // namespace

BusinessClock::BusinessClock() = default;

absl::StatusOr<BusinessClock> BusinessClock::Create(const core::BusinessHours& hours) {
  BusinessClock clock;
  if (!PlausibleZoneName(hours.time_zone) ||
      !absl::LoadTimeZone(base::ToAbsl(hours.time_zone), &clock.zone_)) {
    return Invalid(base::StrCat("time_zone \"", hours.time_zone,
                                "\" is not a known IANA time zone, such as Europe/Amsterdam or UTC"));
  }
  clock.always_open_ = hours.always_open;
  if (hours.intervals.size() > static_cast<size_t>(kMaxOpeningIntervals)) {
    return Invalid(base::StrCat("at most ", kMaxOpeningIntervals, " opening intervals per schedule"));
  }
  if (hours.closed.size() > static_cast<size_t>(kMaxClosedDates)) {
    return Invalid(base::StrCat("at most ", kMaxClosedDates, " closed dates per schedule"));
  }
  for (const core::OpeningInterval& interval : hours.intervals) {
    if (interval.weekday < 1 || interval.weekday > 7) {
      return Invalid("weekday must be 1 (Monday) to 7 (Sunday)");
    }
    const char* day = kWeekdays[interval.weekday - 1];
    if (interval.opens < 0 || interval.opens >= kMinutesPerDay) {
      return Invalid(base::StrCat(day, ": the opening time must lie from 00:00 to 23:59"));
    }
    if (interval.closes < 1 || interval.closes > kMinutesPerDay) {
      return Invalid(base::StrCat(day, ": the closing time must lie from 00:01 to 24:00"));
    }
    if (interval.opens == interval.closes) {
      return Invalid(base::StrCat(day, ": the interval ", ClockTime(interval.opens), "-",
                                  ClockTime(interval.closes), " is empty"));
    }
    const int index = interval.weekday - 1;
    if (interval.closes > interval.opens) {
      clock.week_[index].emplace_back(interval.opens, interval.closes);
    } else {
      // Past midnight: the rest of this day, and the next day's morning.
      clock.week_[index].emplace_back(interval.opens, kMinutesPerDay);
      if (interval.closes > 0) clock.week_[(index + 1) % 7].emplace_back(0, interval.closes);
    }
  }
  for (auto& segments : clock.week_) Merge(segments);
  for (const core::ClosedDate& closed : hours.closed) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(base::ToAbsl(closed.date), &day) ||
        base::ToStd(absl::FormatCivilTime(day)) != closed.date) {
      return Invalid(base::StrCat("closed date \"", closed.date,
                                  "\" is not a date of the form 2026-12-25"));
    }
    if (closed.name.size() > kMaxClosedNameBytes || !base::IsValidUtf8(closed.name)) {
      return Invalid(base::StrCat("the name of closed date ", closed.date, " is at most ",
                                  kMaxClosedNameBytes, " bytes of text"));
    }
    clock.closed_.push_back(day);
  }
  std::sort(clock.closed_.begin(), clock.closed_.end());
  if (const auto repeat = std::adjacent_find(clock.closed_.begin(), clock.closed_.end());
      repeat != clock.closed_.end()) {
    return Invalid(base::StrCat("closed date ", base::ToStd(absl::FormatCivilTime(*repeat)),
                                " is listed twice"));
  }
  if (!clock.always_open_ &&
      std::all_of(clock.week_.begin(), clock.week_.end(), [](const auto& s) { return s.empty(); })) {
    return Invalid("the schedule has no open time: add an opening interval or make it 24/7");
  }
  return clock;
}

bool BusinessClock::Closed(absl::CivilDay day) const {
  return std::binary_search(closed_.begin(), closed_.end(), day);
}

absl::CivilDay BusinessClock::LocalDay(base::Micros at) const {
  return absl::CivilDay(zone_.At(absl::FromUnixMicros(at)).cs);
}

std::vector<std::pair<base::Micros, base::Micros>> BusinessClock::OpenOn(absl::CivilDay day) const {
  std::vector<std::pair<base::Micros, base::Micros>> open;
  if (Closed(day)) return open;
  const auto instant = [&](int minute, bool opening) {
    const absl::TimeZone::TimeInfo info = zone_.At(absl::CivilSecond(day) + minute * 60);
    switch (info.kind) {
      case absl::TimeZone::TimeInfo::UNIQUE:
        return absl::ToUnixMicros(info.pre);
      case absl::TimeZone::TimeInfo::SKIPPED:
        return absl::ToUnixMicros(info.trans);
      case absl::TimeZone::TimeInfo::REPEATED:
        return absl::ToUnixMicros(opening ? info.pre : info.post);
    }
    return absl::ToUnixMicros(info.pre);
  };
  for (const auto& [opens, closes] : week_[WeekdayIndex(day)]) {
    const base::Micros start = instant(opens, true), end = instant(closes, false);
    if (end > start) open.emplace_back(start, end);
  }
  return open;
}

base::Micros BusinessClock::Add(base::Micros from, base::Micros business) const {
  if (business <= 0) return from;
  if (always_open_) return from + business;
  base::Micros remaining = business;
  // The day before too: a time-zone change at midnight can stretch its last interval past
  // the start of `from`'s local day.
  absl::CivilDay day = LocalDay(from) - 1;
  for (int i = 0; i < kHorizonDays; ++i, ++day) {
    for (auto [start, end] : OpenOn(day)) {
      if (end <= from) continue;
      start = std::max(start, from);
      if (remaining <= end - start) return start + remaining;
      remaining -= end - start;
    }
  }
  return absl::ToUnixMicros(zone_.At(absl::CivilSecond(day)).pre);
}

base::Micros BusinessClock::Between(base::Micros from, base::Micros to) const {
  if (to <= from) return 0;
  if (always_open_) return to - from;
  base::Micros total = 0;
  const absl::CivilDay last = LocalDay(to);
  absl::CivilDay day = LocalDay(from) - 1;
  for (int i = 0; i < 10 * kHorizonDays && day <= last; ++i, ++day) {
    for (const auto& [start, end] : OpenOn(day)) {
      const base::Micros overlap = std::min(end, to) - std::max(start, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

bool BusinessClock::IsOpen(base::Micros at) const {
  if (always_open_) return true;
  const absl::CivilDay day = LocalDay(at);
  for (const absl::CivilDay candidate : {day - 1, day}) {
    for (const auto& [start, end] : OpenOn(candidate)) {
      if (start <= at && at < end) return true;
    }
  }
  return false;
}

}  // namespace webcare::inbox
