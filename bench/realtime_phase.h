#pragma once
// The realtime figure of the inbox benchmark: N WebSocket clients (agents and leads) follow
// the feed while posts are ingested through POST /api/v1/posts at a fixed rate in small
// batches, on an open-loop schedule. Per delivered event: the time from the moment its batch
// was sent to the moment the client received it. Per client: the events it should have had
// (every event after its hello on a conversation its user may see, by the rule of
// docs/realtime.md applied to the database afterwards) against those it got: lost ones,
// duplicates and ones it should not have seen. Baseline: the POST itself, from the same
// moment to its answer, i.e. analysis plus the durable commit; the delivery cannot happen
// before it, so the ratio is what the fan-out adds on top of the write.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/inbox_world.h"

namespace webcare::bench {

class ServeProcess;

struct RealtimeOptions {
  int clients = 500;
  int lead_every = 10;  // Every 10th client is a lead's screen, the others agents'.
  int rate = 1000;      // Posts per second.
  int batch_posts = 10;
  double seconds = 30;
  int reply_percent = 20;  // Posts that follow up in an existing conversation (with a team).
  uint64_t seed = 1;
  int http_connections = 64;
  double drain_seconds = 30;  // At most this long for deliveries after the last answer.
};

struct RealtimeResult {
  int clients = 0;
  int lead_clients = 0;
  int64_t batches = 0;
  int64_t batch_errors = 0;  // Batches not answered 200/201.
  std::string first_error;
  int64_t posts_inserted = 0;
  double rate_asked = 0;  // Posts per second.
  double send_seconds = 0;  // First to last batch sent.
  std::vector<double> delivery_ms;  // One per event delivered to a client.
  std::vector<double> post_ms;      // One per batch: sent to answered.
  std::vector<double> send_lag_ms;  // One per batch: due to sent (busy connections).
  // One per 10 ms tick: how late the clients' thread ran a timer (ProbeLoopLag).
  std::vector<double> client_loop_lag_ms;
  int64_t events = 0;               // In the log after the first hello.
  int64_t expected = 0;             // Sum over clients.
  int64_t delivered = 0;
  int64_t lost = 0;
  int64_t duplicates = 0;
  int64_t unexpected = 0;  // Delivered, but its user may not see the conversation.
  int64_t unmatched = 0;   // Delivered events whose post the benchmark did not send.
  int64_t resyncs = 0;
  int64_t disconnects = 0;
  int64_t other_messages = 0;
  int clients_with_loss = 0;
  std::string disconnect_reason;  // Why the first connection was lost.
  std::string reconnect_error;    // What the last failed reconnect saw.
  int64_t bytes = 0;               // Of every message received.
  int64_t frames = 0;              // WebSocket frames received (a batch is one frame).
  int64_t messages = 0;            // Messages received, those of a batch one by one.
  double client_cpu_seconds = 0;   // The benchmark's WebSocket thread during the phase.
  double drain_seconds = 0;  // After the last answer until deliveries stopped.
  double server_cpu_seconds = 0;
  size_t http_connections_opened = 0;
};

absl::StatusOr<RealtimeResult> MeasureRealtime(const World& world, const ServeProcess& server,
                                               const RealtimeOptions& options);

}  // namespace webcare::bench
