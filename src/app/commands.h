#pragma once
// The `webcare` subcommands. Each returns the process exit code.

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"

namespace webcare::app {

struct ServeFlags {
  std::string data_dir;
  std::string listen = "127.0.0.1:8080";
  int threads = 4;
  bool secure_cookies = false;
  bool trust_proxy = false;  // Take client addresses from X-Forwarded-For (for rate limits).
  int max_attachment_mb = 10;  // Largest attachment upload (docs/configuration.md).
  // Where customers reach this server, for the short links in replies; empty: the listening
  // address, unless that is every interface (docs/configuration.md).
  std::string public_url;
};
int RunServe(const ServeFlags& flags, const base::Clock& clock);

// Exit codes of `webcare import`.
inline constexpr int kImportOk = 0;
inline constexpr int kImportFailed = 1;
inline constexpr int kImportRejectedLines = 3;
inline constexpr int kImportInterrupted = 130;

struct ImportFlags {
  std::string data_dir;
  std::vector<std::string> files;  // "-" is standard input.
  size_t batch_size = 5000;
};
int RunImport(const ImportFlags& flags, const base::Clock& clock);

struct DemoFlags {
  std::string data_dir;
  int64_t posts = 20000;
  uint64_t seed = 1;
  std::string end;     // RFC 3339; empty: the start of the current UTC hour.
  std::string output;  // Write JSONL here ("-": standard output) instead of storing.
};
int RunDemo(const DemoFlags& flags, const base::Clock& clock);

struct UserAddFlags {
  std::string data_dir;
  std::string email;
  std::string name;
  std::string role;
};
int RunUserAdd(const UserAddFlags& flags, const base::Clock& clock);

struct AnalyzeFlags {
  std::string data_dir;
  std::string format = "text";  // text: one post text per line; jsonl: the interchange format.
};
// Exit status: 0, 3 when some lines could not be read (they get {"line", "error"}), 1 failure.
int RunAnalyze(const AnalyzeFlags& flags, const base::Clock& clock);

struct StreamsFlags {
  std::string data_dir;
  std::string query;
  int limit = 20;
};
int RunStreamsList(const StreamsFlags& flags, const base::Clock& clock);
// Exit status 2 when the query does not parse (the message names the column).
int RunStreamsTest(const StreamsFlags& flags, const base::Clock& clock);

struct ReanalyzeFlags {
  std::string data_dir;
  bool all = false;  // Every post, not only those stored before analysis existed.
};
int RunReanalyze(const ReanalyzeFlags& flags, const base::Clock& clock);

// The log-ins `webcare demo` creates, printed by `make run`.
inline constexpr char kDemoPassword[] = "webcare-demo";

}  // namespace webcare::app
