#include <atomic>
#include <cstdio>
#include <thread>

#include "app/commands.h"
#include "app/data_dir.h"
#include "base/strings.h"
#include "ingest/ingestor.h"
#include "server/api.h"
#include "server/http_server.h"
#include "server/router.h"
#include "server/static_assets.h"
#include "spdlog/spdlog.h"

namespace webcare::app {
namespace {

// "127.0.0.1:8080", "[::1]:8080", ":8080" (all IPv4 interfaces).
bool ParseListen(const std::string& listen, std::string& host, uint16_t& port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";
  return base::ParseInt(std::string_view(listen).substr(colon + 1), port);
}

}  // namespace

int RunServe(const ServeFlags& flags, const base::Clock& clock) {
  std::string host;
  uint16_t port = 0;
  if (!ParseListen(flags.listen, host, port)) {
    std::fprintf(stderr, "webcare serve: --listen wants HOST:PORT, got \"%s\"\n", flags.listen.c_str());
    return 2;
  }
  auto store = OpenDataDir(flags.data_dir, clock);
  if (!store.ok()) {
    std::fprintf(stderr, "webcare serve: %s\n", store.status().ToString().c_str());
    return 1;
  }
  server::Metrics metrics;
  auto ingest = OpenIngest(**store, metrics);
  if (!ingest.ok()) {
    std::fprintf(stderr, "webcare serve: %s\n", ingest.status().ToString().c_str());
    return 1;
  }
  ingest::Ingestor& ingestor = (*ingest)->ingestor;
  server::AuthService auth(**store, clock);
  server::Router router(auth, metrics);
  server::RegisterApi(router, {.store = **store, .auth = auth, .ingestor = ingestor, .metrics = metrics},
                      {.secure_cookies = flags.secure_cookies});
  router.SetFallback(server::ServeStaticAsset);

  server::HttpServer http({.host = host, .port = port, .threads = flags.threads},
                          [&router, &flags](server::HttpRequest& request) {
                            request.remote_address = server::ClientAddress(request, flags.trust_proxy);
                            return router.Handle(request);
                          });
  if (absl::Status listening = http.Listen(); !listening.ok()) {
    std::fprintf(stderr, "webcare serve: %s\n", listening.ToString().c_str());
    return 1;
  }
  const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  // Scripts (and the tests) read the port from this line when --listen asked for port 0.
  std::printf("webcare: listening on http://%s:%u\n", shown_host.c_str(), http.port());
  std::fflush(stdout);
  spdlog::info("serving data folder {}", flags.data_dir);
  // Posts stored before the analysis pipeline existed are analysed in the background, so an
  // upgraded data folder needs no extra step; the server answers meanwhile.
  std::atomic<bool> stop_analysis = false;
  std::thread reanalysis([&] {
    auto done = ingestor.Reanalyze(/*all=*/false, [](int64_t count) {
      if (count % 50'000 == 0) spdlog::info("analysed {} posts stored before analysis existed", count);
    }, &stop_analysis);
    if (!done.ok()) {
      spdlog::error("analysing stored posts failed: {}", done.status().ToString());
    } else if (*done > 0) {
      spdlog::info("analysed {} posts stored before analysis existed", *done);
    }
  });
  http.Run();
  stop_analysis = true;
  reanalysis.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace webcare::app
