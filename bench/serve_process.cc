#include "bench/serve_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>
#include <vector>

#include "base/strings.h"

extern char** environ;

namespace webcare::bench {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// utime + stime of /proc/PID/stat, in clock ticks; -1 when unreadable.
int64_t CpuTicks(pid_t pid) {
  std::ifstream in(base::StrCat("/proc/", pid, "/stat"));
  std::string stat;
  std::getline(in, stat);
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are
  // plain numbers: state is field 3, utime field 14, stime field 15.
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::vector<std::string> fields;
  std::string field;
  for (size_t i = close + 2; i <= stat.size(); ++i) {
    if (i == stat.size() || stat[i] == ' ') {
      fields.push_back(field);
      field.clear();
    } else {
      field += stat[i];
    }
  }
  if (fields.size() < 13) return -1;
  return std::stoll(fields[11]) + std::stoll(fields[12]);
}

}  // namespace

std::string DefaultServeBinary() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return "webcare";
  return (self.parent_path().parent_path() / "src" / "app" / "webcare").string();
}

ServeProcess::~ServeProcess() { Stop(); }

absl::Status ServeProcess::Start(const std::string& binary, const std::string& data_dir,
                                 const std::string& log_path, int threads) {
  if (access(binary.c_str(), X_OK) != 0) {
    return absl::NotFoundError(base::StrCat("cannot run ", binary,
                                            "; build the webcare target or pass --webcare PATH"));
  }
  log_path_ = log_path;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<std::string> args = {binary,      "serve",   "--data",
                                   data_dir,    "--listen", "127.0.0.1:0",
                                   "--threads", base::StrCat(threads)};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const int spawned = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    pid_ = -1;
    return absl::InternalError(base::StrCat("cannot start ", binary));
  }

  const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (port_ == 0) {
    std::smatch match;
    const std::string log = ReadFile(log_path_);
    if (std::regex_search(log, match, listening)) {
      port_ = static_cast<uint16_t>(std::stoi(match[1]));
      break;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::InternalError(base::StrCat("webcare serve exited early:\n", log));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      Stop();
      return absl::DeadlineExceededError(
          base::StrCat("webcare serve did not start within 120 s:\n", log));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }

  // Start-up work in the background (the hub's first read, analysing posts stored before
  // analysis existed) would otherwise be measured as the benchmark's.
  const long ticks_per_second = sysconf(_SC_CLK_TCK);
  for (int second = 0; second < 60; ++second) {
    const int64_t before = CpuTicks(pid_);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const int64_t after = CpuTicks(pid_);
    if (before < 0 || after < 0 || (after - before) * 20 < ticks_per_second) break;
  }
  return absl::OkStatus();
}

double ServeProcess::CpuSeconds() const {
  if (pid_ <= 0) return -1;
  const int64_t ticks = CpuTicks(pid_);
  return ticks < 0 ? -1 : static_cast<double>(ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

int ServeProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace webcare::bench
