#include "base/chores.h"

#include <atomic>
#include <chrono>
#include <thread>

#include "gtest/gtest.h"

namespace webcare::base {
namespace {

using std::chrono::milliseconds;

// Polls `done` for up to 10 s: chores run on their own thread.
template <typename Predicate>
bool Eventually(Predicate done) {
  for (int i = 0; i < 1000 && !done(); ++i) std::this_thread::sleep_for(milliseconds(10));
  return done();
}

TEST(ChoreRunnerTest, RunsEachChoreRepeatedlyAtItsOwnPace) {
  std::atomic<int> fast = 0;
  std::atomic<int> slow = 0;
  ChoreRunner runner;
  runner.Add("fast", milliseconds(5), [&] { ++fast; return absl::OkStatus(); });
  runner.Add("slow", std::chrono::hours(1), [&] { ++slow; return absl::OkStatus(); });
  runner.Start();
  EXPECT_TRUE(Eventually([&] { return fast >= 3; }));
  runner.Stop();
  EXPECT_EQ(slow, 1);  // Right after Start, then not for an hour.
}

TEST(ChoreRunnerTest, AFailingChoreRunsAgainAndDoesNotStopTheOthers) {
  std::atomic<int> failing = 0;
  std::atomic<int> healthy = 0;
  ChoreRunner runner;
  runner.Add("failing", milliseconds(5), [&] { ++failing; return absl::InternalError("disk full"); });
  runner.Add("healthy", milliseconds(5), [&] { ++healthy; return absl::OkStatus(); });
  runner.Start();
  EXPECT_TRUE(Eventually([&] { return failing >= 2 && healthy >= 2; }));
}

TEST(ChoreRunnerTest, StopReturnsPromptlyAndNoChoreRunsAfterIt) {
  std::atomic<int> runs = 0;
  ChoreRunner runner;
  runner.Add("hourly", std::chrono::hours(1), [&] { ++runs; return absl::OkStatus(); });
  runner.Start();
  ASSERT_TRUE(Eventually([&] { return runs == 1; }));
  const auto before = std::chrono::steady_clock::now();
  runner.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(5));
  runner.Stop();  // Idempotent.
  EXPECT_EQ(runs, 1);
}

TEST(ChoreRunnerTest, StopWithoutStartIsFine) {
  ChoreRunner runner;
  runner.Add("never", milliseconds(1), [] { return absl::OkStatus(); });
  runner.Stop();
}

}  // namespace
}  // namespace webcare::base
