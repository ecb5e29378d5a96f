#pragma once
// The real `webcare serve` binary as a child process of the inbox benchmark: started on port 0
// against a data folder, its port read from the line it prints, stopped with SIGTERM.

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace webcare::bench {

class ServeProcess {
 public:
  ServeProcess() = default;
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;
  // Stops the server if it still runs.
  ~ServeProcess();

  // Starts `binary serve --data data_dir --listen 127.0.0.1:0 --threads threads`, its output
  // going to `log_path`, and waits (up to 120 s) for "listening on". Then waits until the
  // server's own start-up work is done (its CPU use falls below 5% of a core for a second, at
  // most 60 s), so that work is not measured.
  absl::Status Start(const std::string& binary, const std::string& data_dir,
                     const std::string& log_path, int threads);
  // SIGTERM, then waits; the exit status (128 + signal when killed), -1 when not running.
  int Stop();

  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // CPU time (user + system) the server has used so far, in seconds; -1 when unknown.
  double CpuSeconds() const;

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::string log_path_;
};

// `webcare` next to this benchmark in the build tree: <build>/src/app/webcare for
// <build>/bench/webcare_inbox_bench.
std::string DefaultServeBinary();

}  // namespace webcare::bench
