// `webcare import` and `webcare demo` as a user runs them.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/integration/test_server.h"

namespace webcare::testing {
namespace {

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::temp_directory_path() /
            ("webcare-import-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name())))
               .string();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(ImportTest, KeepsGoodLinesReportsBadOnesAndIsIdempotent) {
  const std::string file = dir_ + "/posts.jsonl";
  {
    std::ofstream out(file);
    out << R"({"network":"x","channel":"x:@ovpas","external_id":"1","author":{"handle":"@a"},"text":"eerste","created_at":"2026-11-01T10:00:00Z"})" << "\n";
    out << R"({"network":"x","channel":"x:@ovpas","external_id":"2","author":{"handle":"@b"},"text":"caf)" << "\xFF"
        << R"(","created_at":"2026-11-01T10:00:00Z"})" << "\n";
    out << "this is not json\n";
    out << R"({"network":"x","channel":"x:@ovpas","external_id":"3","author":{"handle":"@c"},"text":"derde","created_at":"2026-11-01T10:01:00Z"})" << "\n";
  }
  const std::string data = dir_ + "/data";
  CommandResult first = RunWebcare({"import", "--data", data, file});
  EXPECT_EQ(first.exit_code, 3) << first.output;
  EXPECT_NE(first.output.find(file + ":2: rejected: not valid UTF-8 at byte"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find(file + ":3: rejected: malformed JSON"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("(2 new, 0 already stored, 2 rejected)"), std::string::npos) << first.output;

  CommandResult second = RunWebcare({"import", "--data", data, file});
  EXPECT_NE(second.output.find("(0 new, 2 already stored, 2 rejected)"), std::string::npos) << second.output;
}

TEST_F(ImportTest, ReadsStandardInputAndExitsZeroWhenAllIsWell) {
  const std::string line =
      R"({"network":"mastodon","channel":"m:@ovpas","external_id":"s1","author":{"handle":"@x@y.z"},"text":"hoi","created_at":"2026-11-01T10:00:00Z"})";
  CommandResult result = RunWebcare({"import", "--data", dir_ + "/data", "-"}, line + "\n");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("(1 new"), std::string::npos) << result.output;
}

TEST_F(ImportTest, DemoOutputImportsCompletely) {
  const std::string file = dir_ + "/demo.jsonl";
  CommandResult demo = RunWebcare({"demo", "--posts", "500", "--seed", "3", "--end", "2026-11-01T00:00:00Z",
                                   "--output", file});
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  CommandResult imported = RunWebcare({"import", "--data", dir_ + "/data", file});
  EXPECT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("(500 new, 0 already stored, 0 rejected)"), std::string::npos) << imported.output;
}

TEST_F(ImportTest, RefusesBadArguments) {
  EXPECT_EQ(RunWebcare({"import", "--data", dir_ + "/data", dir_ + "/missing.jsonl"}).exit_code, 1);
  EXPECT_NE(RunWebcare({"user", "add", "--data", dir_ + "/data", "--email", "a@example.com", "--name", "A",
                        "--role", "king"}, "long enough password\n").exit_code, 0);
  CommandResult weak = RunWebcare({"user", "add", "--data", dir_ + "/data", "--email", "a@example.com", "--name",
                                   "A", "--role", "agent"}, "short\n");
  EXPECT_EQ(weak.exit_code, 1);
  EXPECT_NE(weak.output.find("at least 10 characters"), std::string::npos) << weak.output;
}

}  // namespace
}  // namespace webcare::testing
