#pragma once
// Internal to src/server: the WebSocket half of HttpServer. Only http_server.cc and
// websocket_connection.cc include this header, because it exposes Boost types; the
// application sees websocket.h.

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "server/websocket.h"

namespace webcare::server::internal {

// Limits of the send queue of one connection: past either, the peer is too slow to keep up.
inline constexpr size_t kMaxQueuedBytes = 8 << 20;
inline constexpr size_t kMaxQueuedMessages = 20'000;
// Largest text message accepted from a client.
inline constexpr size_t kMaxIncomingMessageBytes = 64 << 10;

// The channel handed to the application, and the send queue behind it. It holds no I/O object
// once the connection has ended, so the application may keep it after the connection and even
// the server are gone: Send then returns false without touching Asio.
class QueuedChannel final : public WebSocketChannel {
 public:
  struct CloseRequest {
    int code = 1000;
    std::string reason;
    bool flush = true;  // Write what is queued first; false: drop it.
  };
  enum class Next { kWrite, kClose, kIdle, kEnded };

  using WebSocketChannel::Send;
  bool Send(SharedText text) override;
  // Flushes what was queued before it, then closes.
  void Close(int code, std::string reason) override;

  // Sets the function that wakes the connection's writer (it posts to the strand). Until then,
  // messages are queued and written once the writer starts.
  void Attach(std::function<void()> wake);
  // Like Close, but the server's own: when `flush` is false the queue is dropped, and a close
  // already requested with flushing stops flushing (its code stays).
  void RequestClose(int code, std::string reason, bool flush);
  // For the writer: the next message to write (into `message`), or the close to perform (into
  // `close`; the writer stops after it), or kIdle (nothing to do; the next Send wakes the writer),
  // or kEnded.
  Next TakeNext(SharedText& message, CloseRequest& close);
  bool close_requested() const;
  // The connection has ended: Send returns false from now on. Drops the queue and the wake
  // function, which holds an executor that must not outlive the io_context.
  void MarkEnded();

 private:
  void WakeLocked();

  mutable std::mutex mutex_;
  std::deque<SharedText> queue_;
  size_t queued_bytes_ = 0;
  std::optional<CloseRequest> close_;
  bool ended_ = false;
  bool wake_pending_ = false;
  std::function<void()> wake_;
};

// One upgraded connection. All members run on the connection's strand, except Abandon().
class WebSocketConnection : public std::enable_shared_from_this<WebSocketConnection> {
 public:
  WebSocketConnection(boost::beast::tcp_stream stream, std::shared_ptr<QueuedChannel> channel,
                      std::shared_ptr<WebSocketSession> session);

  // Completes the handshake with the upgrade request already read, then serves the connection
  // until it ends. When it returns, OnClose has been called and the channel refuses Send.
  boost::asio::awaitable<void> Run(
      boost::beast::http::request<boost::beast::http::string_body> upgrade);
  // Server shutdown: closes with 1001; the socket is dropped if the peer does not complete the
  // close handshake in time.
  void Shutdown();
  // Only once no thread runs the io_context any more (the grace period passed): ends the
  // session without I/O, so OnClose is still called exactly once and Send returns false.
  void Abandon();

 private:
  boost::asio::awaitable<void> WriteLoop();
  void OnWake();
  void ArmCloseDeadline();
  void Finish();

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  std::shared_ptr<QueuedChannel> channel_;
  std::shared_ptr<WebSocketSession> session_;
  boost::asio::steady_timer wake_timer_;      // The idle writer waits on it; cancel wakes it.
  boost::asio::steady_timer writer_done_;     // Run waits on it for the writer to exit.
  boost::asio::steady_timer close_deadline_;  // Drops the socket if a close takes too long.
  bool writer_running_ = false;
  bool deadline_armed_ = false;
  bool finished_ = false;  // OnClose was called.
};

}  // namespace webcare::server::internal
