#pragma once
// RFC 3339 conversion for the JSON boundary. Storage keeps UTC microseconds.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "base/clock.h"

namespace webcare::base {

// "2026-11-22T13:05:09.123456Z"; fractional seconds only when non-zero (millisecond or
// microsecond precision as needed).
std::string FormatRfc3339(Micros utc);

// Accepts RFC 3339 date-times: "2026-11-22T13:05:09Z", "...09.5+01:00", lower-case t/z.
absl::StatusOr<Micros> ParseRfc3339(std::string_view text);

}  // namespace webcare::base
