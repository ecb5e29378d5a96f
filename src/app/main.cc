// webcare: one binary for serving, importing, demo data and administration.

#include <CLI/CLI.hpp>

#include "app/commands.h"
#include "app/data_dir.h"
#include "base/logging.h"

int main(int argc, char** argv) {
  using namespace webcare::app;
  CLI::App cli{"Webcare: social customer service. Listen, respond, remember."};
  cli.require_subcommand(1);
  std::string log_level = "info";
  cli.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")->capture_default_str();

  ServeFlags serve{.data_dir = kDefaultDataDir};
  auto* serve_cmd = cli.add_subcommand("serve", "Serve the web UI and the API");
  serve_cmd->add_option("--data", serve.data_dir, "Data folder")->capture_default_str();
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  serve_cmd->add_option("--threads", serve.threads, "Threads that run request handlers")->capture_default_str()->check(CLI::Range(1, 256));
  serve_cmd->add_flag("--secure-cookies", serve.secure_cookies, "Mark the session cookie Secure (serve behind HTTPS)");
  serve_cmd->add_flag("--trust-proxy", serve.trust_proxy,
                      "Behind a reverse proxy: take the client address from X-Forwarded-For");
  serve_cmd->add_option("--max-attachment-mb", serve.max_attachment_mb, "Largest file an agent may attach to a reply, in MiB")
      ->capture_default_str()->check(CLI::Range(1, 100));
  serve_cmd->add_option("--public-url", serve.public_url,
                        "The address customers reach Webcare at, for tracked links (https://care.example.com)");

  ImportFlags import{.data_dir = kDefaultDataDir};
  auto* import_cmd = cli.add_subcommand("import", "Import posts from JSONL files (docs/formats/jsonl.md)");
  import_cmd->add_option("--data", import.data_dir, "Data folder")->capture_default_str();
  import_cmd->add_option("--batch", import.batch_size, "Posts per transaction")->capture_default_str()->check(CLI::Range(1, 100000));
  import_cmd->add_option("files", import.files, "Files to import; - for standard input")->required();
  import_cmd->footer("Exit status: 0 all lines stored, 3 some lines rejected (the rest stored), "
                     "1 failure, 130 interrupted.");

  DemoFlags demo{.data_dir = kDefaultDataDir};
  auto* demo_cmd = cli.add_subcommand("demo", "Generate a deterministic demo world and store it");
  demo_cmd->add_option("--data", demo.data_dir, "Data folder")->capture_default_str();
  demo_cmd->add_option("--posts", demo.posts, "Number of posts")->capture_default_str()->check(CLI::Range(int64_t{0}, int64_t{100'000'000}));
  demo_cmd->add_option("--seed", demo.seed, "Random seed")->capture_default_str();
  demo_cmd->add_option("--end", demo.end, "Newest time, RFC 3339 (default: the current hour)");
  demo_cmd->add_option("--output", demo.output, "Write JSONL to this file (- for standard output) instead of storing");

  UserAddFlags user{.data_dir = kDefaultDataDir};
  auto* user_cmd = cli.add_subcommand("user", "Manage users");
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "Create a user; the password is read from standard input");
  user_add->add_option("--data", user.data_dir, "Data folder")->capture_default_str();
  user_add->add_option("--email", user.email, "E-mail address (the log-in name)")->required();
  user_add->add_option("--name", user.name, "Display name")->required();
  user_add->add_option("--role", user.role, "viewer, agent, lead or admin")->required();

  AnalyzeFlags analyze{.data_dir = kDefaultDataDir};
  auto* analyze_cmd = cli.add_subcommand(
      "analyze", "Analyse posts from standard input; one JSON object per line out");
  analyze_cmd->add_option("--data", analyze.data_dir, "Data folder (its streams and history)")
      ->capture_default_str();
  analyze_cmd->add_option("--format", analyze.format,
                          "text: one text per line; jsonl: interchange format (docs/formats/jsonl.md)")
      ->capture_default_str();
  analyze_cmd->footer("Output per line: language, sentiment {score, label, explanation}, intent, "
                      "streams, priority, reasons. Exit status 3 when some lines were unreadable.");

  StreamsFlags streams{.data_dir = kDefaultDataDir};
  auto* streams_cmd = cli.add_subcommand("streams", "Standing monitoring queries");
  streams_cmd->require_subcommand(1);
  auto* streams_list = streams_cmd->add_subcommand("list", "List the streams");
  streams_list->add_option("--data", streams.data_dir, "Data folder")->capture_default_str();
  auto* streams_test = streams_cmd->add_subcommand(
      "test", "Show which stored posts a query would catch, and why (docs/query-language.md)");
  streams_test->add_option("--data", streams.data_dir, "Data folder")->capture_default_str();
  streams_test->add_option("--limit", streams.limit, "Posts to show")->capture_default_str()->check(CLI::Range(1, 200));
  streams_test->add_option("query", streams.query, "The query")->required();

  ReanalyzeFlags reanalyze{.data_dir = kDefaultDataDir};
  auto* reanalyze_cmd = cli.add_subcommand(
      "reanalyze", "Analyse stored posts again with the current streams and routing rules");
  reanalyze_cmd->add_option("--data", reanalyze.data_dir, "Data folder")->capture_default_str();
  reanalyze_cmd->add_flag("--all", reanalyze.all,
                          "Every post (default: only posts stored before analysis existed)");

  CLI11_PARSE(cli, argc, argv);
  if (auto status = webcare::base::InitLogging(log_level); !status.ok()) {
    std::fprintf(stderr, "webcare: %s\n", std::string(status.message()).c_str());
    return 2;
  }
  const auto& clock = webcare::base::SystemClock::Instance();
  if (*serve_cmd) return RunServe(serve, clock);
  if (*import_cmd) return RunImport(import, clock);
  if (*demo_cmd) return RunDemo(demo, clock);
  if (*user_add) return RunUserAdd(user, clock);
  if (*analyze_cmd) return RunAnalyze(analyze, clock);
  if (*reanalyze_cmd) return RunReanalyze(reanalyze, clock);
  if (*streams_list) return RunStreamsList(streams, clock);
  if (*streams_test) return RunStreamsTest(streams, clock);
  return 2;
}
