#pragma once
// Many realtime clients at once for the inbox benchmark: each follows GET /api/v1/realtime
// (docs/realtime.md) over its own WebSocket (Asio sockets on one thread, framing by
// ws_frames.h), authenticated with an API token, and records when each event arrived. A
// client whose connection drops reconnects after 0.5 s with ?since=<the last seq it saw>, as
// the web UI does.

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "bench/http_load.h"
#include "bench/ws_frames.h"

namespace webcare::bench {

struct WsEvent {
  int64_t seq = 0;
  int64_t post_id = 0;  // The first of data.post_ids; 0 for other kinds.
  SteadyTime received;
};

struct WsClientRecord {
  size_t user = 0;          // Index into World::users.
  int64_t hello_seq = -1;   // The seq of the first hello: events after it are due.
  int64_t last_seq = 0;     // The highest seq seen (hello or event).
  std::vector<WsEvent> events;  // In arrival order; duplicates left out (counted below).
  int64_t duplicates = 0;   // Events whose seq was not above the last one seen.
  int64_t resyncs = 0;
  int64_t other = 0;        // Presence, notifications, pongs, errors.
  int64_t disconnects = 0;  // Connections lost before the benchmark closed them.
  std::string first_disconnect;  // Why the first one was lost.
  std::string last_error;
};

class WsFleet {
 public:
  // `io` must be run by one thread (the fleet's state is not locked).
  WsFleet(boost::asio::io_context& io, uint16_t port);
  ~WsFleet();

  // Adds a client of World::users[user]; it connects in ConnectAll.
  void Add(size_t user, std::string token);
  // From another thread: connects every client, `parallel` handshakes at a time, and returns
  // once each has its hello. Fails when one cannot connect within `timeout`.
  absl::Status ConnectAll(int parallel, std::chrono::seconds timeout);
  // From another thread: closes every connection (1000, normal) and waits until all ended.
  void CloseAll();

  // Events, hellos and everything else received so far, by all clients (the messages of a
  // batch one by one), and the WebSocket frames that carried them.
  int64_t messages() const { return messages_.load(std::memory_order_relaxed); }
  int64_t frames() const { return frames_.load(std::memory_order_relaxed); }
  int64_t bytes() const { return bytes_.load(std::memory_order_relaxed); }
  // CPU time of the thread running `io` so far (reading, scanning, recording), in seconds.
  double ClientCpuSeconds();
  // Read after CloseAll.
  std::vector<WsClientRecord> TakeRecords();

 private:
  struct Client;
  boost::asio::awaitable<bool> Open(Client& client);
  boost::asio::awaitable<void> Follow(Client& client);
  // The next whole message (answering pings on the way), valid until the next call; nullopt
  // with `ec` set when the connection ended (a close from the server sets last_error).
  boost::asio::awaitable<std::optional<std::string_view>> ReadMessage(Client& client,
                                                                      boost::system::error_code& ec);
  void OnFrame(Client& client, std::string_view text);
  void OnMessage(Client& client, std::string_view text, SteadyTime received);

  boost::asio::io_context& io_;
  const uint16_t port_;
  std::vector<std::unique_ptr<Client>> clients_;
  std::atomic<int64_t> messages_{0};
  std::atomic<int64_t> frames_{0};
  std::atomic<int64_t> bytes_{0};
  std::atomic<int> following_{0};
  bool closing_ = false;
};

}  // namespace webcare::bench
