#include "base/strings.h"
#include "app/progress_display.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace webcare::app {
namespace {

TEST(ProgressDisplayTest, PrintsRateAndEtaOffTerminal) {
  base::FakeClock clock;
  char buffer[512] = {};
  std::FILE* out = fmemopen(buffer, sizeof buffer - 1, "w");
  ProgressDisplay progress("posts", out, clock);
  clock.Advance(10 * base::kMicrosPerSecond);
  progress.Update(50000, 0.25);
  std::fflush(out);
  EXPECT_STREQ(buffer, "25% [######..................] 50,000 posts  5,000/s  0:10  ETA 0:30\n");
  progress.Update(60000, 0.3);  // Within five seconds of the last line: nothing printed.
  std::fclose(out);
  EXPECT_EQ(std::string(buffer).find("60,000"), std::string::npos);
}

}  // namespace
}  // namespace webcare::app
