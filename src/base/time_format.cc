#include "base/strings.h"
#include "base/time_format.h"

#include <charconv>
#include <chrono>
#include <cstdio>


namespace webcare::base {
namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool ParseDigits(std::string_view text, size_t pos, size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::string FormatRfc3339(Micros utc) {
  using namespace std::chrono;
  const sys_time<microseconds> tp{microseconds{utc}};
  const auto day = floor<days>(tp);
  const year_month_day ymd{day};
  const hh_mm_ss hms{tp - day};
  const int64_t frac = hms.subseconds().count();
  char buffer[48];
  int n = std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d",
                        static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                        static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                        static_cast<int>(hms.minutes().count()),
                        static_cast<int>(hms.seconds().count()));
  if (frac != 0) {
    if (frac % 1000 == 0) {
      n += std::snprintf(buffer + n, sizeof buffer - n, ".%03lld", static_cast<long long>(frac / 1000));
    } else {
      n += std::snprintf(buffer + n, sizeof buffer - n, ".%06lld", static_cast<long long>(frac));
    }
  }
  std::snprintf(buffer + n, sizeof buffer - n, "Z");
  return buffer;
}

absl::StatusOr<Micros> ParseRfc3339(std::string_view text) {
  const auto invalid = [&](std::string_view why) {
    return absl::InvalidArgumentError(
        base::StrCat("invalid RFC 3339 time \"", text.substr(0, 40), "\": ", why));
  };
  int year, month, day, hour, minute, second;
  if (!ParseDigits(text, 0, 4, year) || text.size() < 19 || text[4] != '-' ||
      !ParseDigits(text, 5, 2, month) || text[7] != '-' || !ParseDigits(text, 8, 2, day) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !ParseDigits(text, 11, 2, hour) ||
      text[13] != ':' || !ParseDigits(text, 14, 2, minute) || text[16] != ':' ||
      !ParseDigits(text, 17, 2, second)) {
    return invalid("expected YYYY-MM-DDTHH:MM:SS");
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) {
    return invalid("field out of range");
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return invalid("no such date");
  if (second == 60) second = 59;  // Leap second: clamp rather than reject.
  size_t pos = 19;
  int64_t micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int64_t scale = 100000;
    const size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      micros += (text[pos] - '0') * scale;  // Digits past microseconds are dropped.
      scale /= 10;
      ++pos;
    }
    if (pos == start) return invalid("empty fraction");
  }
  int64_t offset_seconds = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh, om;
    if (!ParseDigits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !ParseDigits(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return invalid("bad offset");
    }
    offset_seconds = (oh * 3600 + om * 60) * (text[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return invalid("missing time zone (Z or +HH:MM)");
  }
  if (pos != text.size()) return invalid("trailing characters");
  const int64_t days = DaysFromCivil(year, month, day);
  const int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return seconds * kMicrosPerSecond + micros;
}

}  // namespace webcare::base
