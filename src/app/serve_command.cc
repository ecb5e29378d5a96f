#include <malloc.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "app/commands.h"
#include "app/data_dir.h"
#include "attachments/attachment_service.h"
#include "attachments/blob_store.h"
#include "base/chores.h"
#include "base/status.h"
#include "base/strings.h"
#include "inbox/canned_answers.h"
#include "inbox/follow_ups.h"
#include "inbox/inbox_service.h"
#include "inbox/reply_review.h"
#include "inbox/sla_service.h"
#include "ingest/ingestor.h"
#include "ingest/outbox/outbox.h"
#include "realtime/hub.h"
#include "server/json_codec.h"
#include "server/realtime_endpoint.h"
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

// The realtime feed builds and frees many buffers of tens to hundreds of KiB a second. glibc
// would give each one fresh pages from the kernel (mmap, then a page fault and a cleared page
// per 4 KiB) and hand them back at once; kept in the heap they are reused instead
// (bench/README.md, "Inbox").
void KeepLargeBuffersInTheHeap() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
}

}  // namespace

int RunServe(const ServeFlags& flags, const base::Clock& clock) {
  KeepLargeBuffersInTheHeap();
  std::string host;
  uint16_t port = 0;
  if (!ParseListen(flags.listen, host, port)) {
    std::fprintf(stderr, "webcare serve: --listen wants HOST:PORT, got \"%s\"\n", flags.listen.c_str());
    return 2;
  }
  std::string public_url;  // Normalised; empty: the listening address, once known.
  if (!flags.public_url.empty()) {
    auto normalised = inbox::NormalisePublicUrl(flags.public_url);
    if (!normalised.ok()) {
      std::fprintf(stderr, "webcare serve: --public-url: %s\n", std::string(normalised.status().message()).c_str());
      return 2;
    }
    public_url = *normalised;
  }
  auto store = OpenDataDir(flags.data_dir, clock);
  if (!store.ok()) {
    std::fprintf(stderr, "webcare serve: %s\n", store.status().ToString().c_str());
    return 1;
  }
  server::Metrics metrics;
  // Every committed change wakes the realtime hub (open screens), the outbox (replies to
  // send) and the metrics. The hub and outbox get their events from the store's event log.
  realtime::Hub hub(**store, clock, [](const core::Event& event, const core::Conversation* conversation) {
    nlohmann::json message = server::ToJson(event);
    message["type"] = "event";
    message["conversation"] = conversation ? server::ToJson(*conversation) : nlohmann::json(nullptr);
    return server::Dump(message);
  });
  ingest::Outbox outbox(**store, hub, clock);
  ingest::OutboxWaker outbox_waker(outbox);
  core::FanOutSink events({&metrics, &hub, &outbox_waker});
  if (absl::Status started = hub.Start(); !started.ok()) {
    std::fprintf(stderr, "webcare serve: %s\n", started.ToString().c_str());
    return 1;
  }
  inbox::InboxService inbox_service(**store, events, clock);
  inbox::FollowUpService follow_ups(**store, inbox_service, events, clock);
  // Attachment contents live in the data folder, addressed by their SHA-256.
  attachments::BlobStore attachment_files(flags.data_dir + "/attachments");
  attachments::AttachmentService attachment_service(
      **store, attachment_files, inbox_service, clock,
      {.max_bytes = int64_t{flags.max_attachment_mb} * 1024 * 1024});
  inbox::ReplyReview reply_review(**store, inbox_service, events, clock);
  // Links in replies become short links this server answers (inbox/tracked_links.h).
  inbox::LinkTracker link_tracker(**store, events, public_url);
  inbox_service.TrackLinks(&link_tracker);
  inbox::CannedAnswers canned_answers(**store);
  // Bulk changes and deletions go through the inbox's rules (inbox/bulk_actions.h).
  inbox::BulkActions bulk_actions(**store, inbox_service, events, clock);
  // Business hours, SLA policies, warnings, breaches and the report (inbox/sla_service.h).
  inbox::SlaService sla_service(**store, events, clock);
  auto ingest = OpenIngest(**store, events);
  if (!ingest.ok()) {
    std::fprintf(stderr, "webcare serve: %s\n", ingest.status().ToString().c_str());
    return 1;
  }
  ingest::Ingestor& ingestor = (*ingest)->ingestor;
  server::AuthService auth(**store, clock);
  server::Router router(auth, metrics);
  server::RegisterApi(router,
                      {.store = **store, .auth = auth, .ingestor = ingestor, .metrics = metrics,
                       .inbox = inbox_service, .follow_ups = follow_ups, .hub = hub,
                       .attachments = attachment_service, .review = reply_review,
                       .canned = canned_answers, .links = link_tracker, .bulk = bulk_actions,
                       .sla = sla_service},
                      {.secure_cookies = flags.secure_cookies});
  storage::Store& audit_store = **store;
  router.SetAudit([&audit_store, &clock](const server::HttpRequest& request, const std::string& pattern,
                                         core::UserId user, int status) {
    auto logged = audit_store.AppendAudit({.at = clock.NowMicros(), .user = user, .user_name = "",
                                           .remote_address = request.remote_address, .action = pattern,
                                           .target = request.path, .status = status});
    if (!logged.ok()) spdlog::error("audit log: {}", logged.ToString());
  });
  router.SetFallback(server::ServeStaticAsset);

  server::HttpServer http({.host = host, .port = port, .threads = flags.threads,
                           // Uploads may be larger than any JSON body.
                           .body_limits = {{"/api/v1/attachments",
                                            static_cast<size_t>(attachment_service.options().max_bytes)}}},
                          [&router, &flags](server::HttpRequest& request) {
                            request.remote_address = server::ClientAddress(request, flags.trust_proxy);
                            return router.Handle(request);
                          });
  http.AddWebSocket(server::kRealtimePath, server::RealtimeAcceptor(auth, inbox_service, hub));
  if (absl::Status listening = http.Listen(); !listening.ok()) {
    std::fprintf(stderr, "webcare serve: %s\n", listening.ToString().c_str());
    return 1;
  }
  const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  // Scripts (and the tests) read the port from this line when --listen asked for port 0.
  std::printf("webcare: listening on http://%s:%u\n", shown_host.c_str(), http.port());
  std::fflush(stdout);
  if (public_url.empty()) {
    // Without --public-url the listening address is the best guess; on every interface there
    // is no address to guess, and a short link nobody can reach would break the reply.
    if (host == "0.0.0.0" || host == "::") {
      spdlog::warn("links in replies are sent as written: give --public-url to track them");
    } else {
      link_tracker.SetPublicBase(base::StrCat("http://", shown_host, ":", http.port()));
    }
  }
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
  outbox.Start();
  // Periodic work of the inbox, each a few lines on one shared thread.
  base::ChoreRunner chores;
  // Snoozed conversations wake up on time; the check is cheap (an index range).
  chores.Add("waking snoozed conversations", std::chrono::seconds(10), [&]() -> absl::Status {
    ASSIGN_OR_RETURN(const int64_t woke, (*store)->WakeSnoozed(clock.NowMicros()));
    if (woke > 0) events.Publish(core::EventsRecorded{});
    return absl::OkStatus();
  });
  // Uploads never attached to a reply go after a day, with files nobody refers to any more.
  // Owners hear of due follow-ups and leads of overdue ones within seconds.
  chores.Add("reminding of follow-ups", std::chrono::seconds(2), [&] { return follow_ups.RemindAndEscalate(); });
  chores.Add("removing unattached uploads", std::chrono::minutes(10), [&]() -> absl::Status {
    return attachment_service.RemoveUnattached().status();
  });
  // Deleted conversations are removed for good once their undo window has closed; every 2 s,
  // so the data is gone within seconds of the window (inbox/bulk_actions.h).
  chores.Add("purging deleted conversations", std::chrono::seconds(2), [&]() -> absl::Status {
    return bulk_actions.PurgeExpired().status();
  });
  // SLA warnings and breaches are recorded, and announced, within seconds of their time.
  chores.Add("recording SLA warnings and breaches", std::chrono::seconds(3), [&]() -> absl::Status {
    return sla_service.Sweep().status();
  });
  chores.Start();
  http.Run();
  chores.Stop();
  outbox.Stop();
  hub.Stop();
  stop_analysis = true;
  reanalysis.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace webcare::app
