#include "server/rate_limiter.h"

#include <gtest/gtest.h>

namespace webcare::server {
namespace {

TEST(RateLimiterTest, AllowsUpToTheLimitPerWindow) {
  base::FakeClock clock;
  RateLimiter limiter(3, 60 * base::kMicrosPerSecond, clock);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limiter.RetryAfterSeconds("a"), 0);
    limiter.Record("a");
    clock.Advance(base::kMicrosPerSecond);
  }
  EXPECT_EQ(limiter.RetryAfterSeconds("a"), 57);  // The first event leaves the window at t=60.
  EXPECT_EQ(limiter.RetryAfterSeconds("b"), 0);   // Keys are independent.
  clock.Advance(57 * base::kMicrosPerSecond);
  EXPECT_EQ(limiter.RetryAfterSeconds("a"), 0);
  limiter.Record("a");
  limiter.Reset("a");
  EXPECT_EQ(limiter.RetryAfterSeconds("a"), 0);
}

}  // namespace
}  // namespace webcare::server
