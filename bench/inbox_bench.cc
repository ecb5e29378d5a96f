// The inbox benchmark: realtime fan-out and conversation-list latency of the real
// `webcare serve` binary on a large prepared inbox, each against a baseline measured in the
// same run. Prints one table to standard output, progress to standard error, and writes the
// table as JSON. Exits 0 whether or not the targets are met (it says which are); with --check,
// exits 1 when a message was lost or a request failed. See README.md.

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "base/logging.h"
#include "base/status.h"
#include "base/strings.h"
#include "bench/bench_util.h"
#include "bench/inbox_report.h"
#include "bench/inbox_world.h"
#include "bench/list_phase.h"
#include "bench/realtime_phase.h"
#include "bench/serve_process.h"

namespace webcare::bench {
namespace {

constexpr char kUsage[] =
    "usage: webcare_inbox_bench [--conversations N] [--quick] [--clients N] [--rate N]\n"
    "                           [--realtime-seconds S] [--batch N] [--list-rate N]\n"
    "                           [--list-seconds S] [--agents N] [--leads N] [--seed N]\n"
    "                           [--webcare PATH] [--data DIR] [--dir PATH] [--keep]\n"
    "                           [--server-threads N] [--out PATH] [--check]\n"
    "                           [--prepare-only]\n"
    "  --conversations N   conversations in the prepared inbox (default 1000000)\n"
    "  --quick             smoke run: 100000 conversations, 100 clients, 10 s phases\n"
    "  --clients N         realtime WebSocket clients (default 500; every 10th a lead's)\n"
    "  --rate N            posts per second through POST /api/v1/posts (default 1000)\n"
    "  --realtime-seconds S  how long posts are sent (default 30)\n"
    "  --batch N           posts per request (default 10)\n"
    "  --list-rate N       conversation-list requests per second (default 200)\n"
    "  --list-seconds S    how long they are sent (default 30)\n"
    "  --agents N, --leads N  people in the inbox (default 200 and 20)\n"
    "  --seed N            demo world seed (default 1)\n"
    "  --webcare PATH      the webcare binary (default: next to this one in the build tree)\n"
    "  --data DIR          prepare the inbox here, or reuse it if an earlier run did; kept\n"
    "  --dir PATH          where the temporary folder goes (default $TMPDIR or /tmp)\n"
    "  --keep              keep the temporary folder\n"
    "  --server-threads N  webcare serve --threads (default 4)\n"
    "  --out PATH          JSON results (default build/bench/inbox_results.json)\n"
    "  --check             exit 1 when a message was lost or a request failed\n"
    "  --prepare-only      prepare the inbox (with --data: for later runs) and stop\n";

struct Config {
  int64_t conversations = 1'000'000;
  int agents = 200;
  int leads = 20;
  uint64_t seed = 1;
  RealtimeOptions realtime;
  ListOptions list;
  std::string webcare;
  std::string data;
  std::string dir;
  bool keep = false;
  int server_threads = 4;
  std::string out = "build/bench/inbox_results.json";
  bool check = false;
  bool prepare_only = false;
};

bool ParseFlags(int argc, char** argv, Config& config, bool& help) {
  bool quick = false;
  int64_t conversations = -1, clients = -1, realtime_seconds = -1, list_seconds = -1;
  FlagReader flags("webcare_inbox_bench", kUsage, argc, argv);
  while (flags.Next()) {
    bool ok = true;
    if (flags.Is("--quick")) {
      quick = true;
    } else if (flags.Is("--keep")) {
      config.keep = true;
    } else if (flags.Is("--check")) {
      config.check = true;
    } else if (flags.Is("--prepare-only")) {
      config.prepare_only = true;
    } else if (flags.Is("--conversations")) {
      ok = flags.Number(conversations);
    } else if (flags.Is("--clients")) {
      ok = flags.Number(clients);
    } else if (flags.Is("--rate")) {
      ok = flags.Number(config.realtime.rate);
    } else if (flags.Is("--realtime-seconds")) {
      ok = flags.Number(realtime_seconds);
    } else if (flags.Is("--batch")) {
      ok = flags.Number(config.realtime.batch_posts);
    } else if (flags.Is("--list-rate")) {
      ok = flags.Number(config.list.rate);
    } else if (flags.Is("--list-seconds")) {
      ok = flags.Number(list_seconds);
    } else if (flags.Is("--agents")) {
      ok = flags.Number(config.agents);
    } else if (flags.Is("--leads")) {
      ok = flags.Number(config.leads);
    } else if (flags.Is("--seed")) {
      ok = flags.Number(config.seed);
    } else if (flags.Is("--server-threads")) {
      ok = flags.Number(config.server_threads);
    } else if (flags.Is("--webcare")) {
      ok = flags.Path(config.webcare);
    } else if (flags.Is("--data")) {
      ok = flags.Path(config.data);
    } else if (flags.Is("--dir")) {
      ok = flags.Path(config.dir);
    } else if (flags.Is("--out")) {
      ok = flags.Path(config.out);
    } else if (flags.IsHelp()) {
      help = true;
      return false;
    } else {
      return flags.Unknown();
    }
    if (!ok) return false;
  }
  if (quick) {
    config.conversations = 100'000;
    config.realtime.clients = 100;
    config.realtime.seconds = 10;
    config.list.seconds = 10;
  }
  if (conversations > 0) config.conversations = conversations;
  if (clients > 0) config.realtime.clients = static_cast<int>(clients);
  if (realtime_seconds > 0) config.realtime.seconds = static_cast<double>(realtime_seconds);
  if (list_seconds > 0) config.list.seconds = static_cast<double>(list_seconds);
  if (config.webcare.empty()) config.webcare = DefaultServeBinary();
  config.realtime.seed = config.list.seed = config.seed;
  return true;
}

int Run(const Config& config) {
  const std::string load_at_start = LoadAverage();
  std::string work_dir = config.data;
  bool temporary = false;
  if (work_dir.empty()) {
    auto made = MakeTempDir(config.dir);
    if (!made.ok()) {
      std::fprintf(stderr, "webcare_inbox_bench: %s\n", made.status().ToString().c_str());
      return 1;
    }
    work_dir = *made + "/data";
    temporary = true;
  }
  Progress(base::StrCat("inbox benchmark in ", work_dir, "; ",
                        base::WithThousands(config.conversations), " conversations"));
  InboxMeasurements m;
  absl::Status status = [&]() -> absl::Status {
    ASSIGN_OR_RETURN(m.world, PrepareWorld(work_dir, {.conversations = config.conversations,
                                                      .agents = config.agents,
                                                      .leads = config.leads,
                                                      .seed = config.seed}));
    Progress(base::StrCat(m.world.reused ? "reusing " : "prepared ",
                          base::WithThousands(m.world.conversations), " conversations (",
                          base::WithThousands(m.world.posts), " posts) in ",
                          m.world.prepare_seconds, " s"));
    if (config.prepare_only) return absl::OkStatus();
    // A server that has run for a while has its database in the page cache; a fresh copy of
    // the prepared inbox (or one the kernel evicted between runs) has not, and then every
    // random read of the phases below waits for the disk. Read it once, as a running server
    // would have.
    const auto warm_start = std::chrono::steady_clock::now();
    ASSIGN_OR_RETURN(m.warm_bytes, ReadWholeFile(work_dir + "/webcare.db"));
    m.warm_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - warm_start).count();
    Progress(base::StrCat("read the database (", base::WithThousands(m.warm_bytes), " bytes) in ",
                          m.warm_seconds, " s"));
    ServeProcess server;
    RETURN_IF_ERROR(server.Start(config.webcare, work_dir, work_dir + "/bench-serve.log",
                                 config.server_threads));
    Progress(base::StrCat("webcare serve listening on port ", server.port()));
    // Lists first: the realtime phase adds tens of thousands of new conversations, which
    // would otherwise change what the list phase measures.
    ASSIGN_OR_RETURN(m.list, MeasureLists(m.world, server, config.list));
    ASSIGN_OR_RETURN(m.realtime, MeasureRealtime(m.world, server, config.realtime));
    m.server_exit = server.Stop();
    return absl::OkStatus();
  }();
  int exit_code = 0;
  if (status.ok() && !config.prepare_only) {
    const std::vector<Row> rows = InboxRows(m);
    const nlohmann::json meta = InboxMeta(m, InboxSettings{.conversations = config.conversations,
                                                           .agents = config.agents,
                                                           .leads = config.leads,
                                                           .seed = config.seed,
                                                           .server_threads = config.server_threads,
                                                           .realtime = config.realtime,
                                                           .list = config.list,
                                                           .load_at_start = load_at_start});
    std::fputs(FormatTable(rows).c_str(), stdout);
    std::fflush(stdout);
    std::string targets = "targets:";
    for (const auto& [name, met] : meta["targets_met"].items()) {
      base::StrAppend(targets, " ", name, "=", met.get<bool>() ? "met" : "NOT met");
    }
    Progress(targets);
    status = WriteJson(config.out, rows, meta);
    if (status.ok()) Progress(base::StrCat("wrote ", config.out));
    if (config.check && !Correct(m)) {
      std::fprintf(stderr, "webcare_inbox_bench: --check: %s\n", CorrectnessSummary(m).c_str());
      exit_code = 1;
    }
  }
  if (!status.ok()) {
    std::fprintf(stderr, "webcare_inbox_bench: %s\n", status.ToString().c_str());
    exit_code = 1;
  }
  if (temporary && !config.keep) {
    RemoveTree(work_dir.substr(0, work_dir.size() - 5));
  } else {
    Progress(base::StrCat("kept ", work_dir));
  }
  return exit_code;
}

}  // namespace
}  // namespace webcare::bench

int main(int argc, char** argv) {
  webcare::bench::Config config;
  bool help = false;
  if (!webcare::bench::ParseFlags(argc, argv, config, help)) return help ? 0 : 2;
  if (absl::Status logging = webcare::base::InitLogging("warn"); !logging.ok()) return 1;
  return webcare::bench::Run(config);
}
