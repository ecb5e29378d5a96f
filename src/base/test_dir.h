#pragma once
// For tests: a fresh, empty folder of the running test's own, so that tests running at the
// same time (ctest -j) never share files, and a rerun starts clean.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>

namespace webcare::base {

// "<gtest's temp dir><prefix>-<test name>", emptied and created. Parameterised names (in the
// prefix or the test's) hold '/', which becomes '_'. The test removes it in its TearDown.
inline std::string FreshTestDir(std::string_view prefix) {
  std::string name = std::string(prefix) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::replace(name.begin(), name.end(), '/', '_');
  std::string dir = ::testing::TempDir() + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace webcare::base
