#include "base/time_format.h"

#include <gtest/gtest.h>

namespace webcare::base {
namespace {

TEST(TimeFormatTest, RoundTripsUtc) {
  auto parsed = ParseRfc3339("2026-11-22T13:05:09Z");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, int64_t{1795352709} * kMicrosPerSecond);
  EXPECT_EQ(FormatRfc3339(*parsed), "2026-11-22T13:05:09Z");
}

TEST(TimeFormatTest, AppliesOffsetAndFraction) {
  auto parsed = ParseRfc3339("2026-11-22T14:05:09.25+01:00");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(FormatRfc3339(*parsed), "2026-11-22T13:05:09.250Z");
  EXPECT_EQ(FormatRfc3339(*parsed + 1), "2026-11-22T13:05:09.250001Z");
}

TEST(TimeFormatTest, RejectsMalformedTimes) {
  EXPECT_FALSE(ParseRfc3339("2026-11-22").ok());
  EXPECT_FALSE(ParseRfc3339("2026-02-30T00:00:00Z").ok());
  EXPECT_FALSE(ParseRfc3339("2026-11-22T13:05:09").ok());  // No zone.
  EXPECT_FALSE(ParseRfc3339("2026-11-22T25:05:09Z").ok());
  EXPECT_FALSE(ParseRfc3339("2026-11-22T13:05:09Zjunk").ok());
}

TEST(TimeFormatTest, HandlesDatesBeforeEpoch) {
  auto parsed = ParseRfc3339("1969-12-31T23:59:59Z");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, -kMicrosPerSecond);
  EXPECT_EQ(FormatRfc3339(*parsed), "1969-12-31T23:59:59Z");
}

}  // namespace
}  // namespace webcare::base
