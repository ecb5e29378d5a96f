#include "server/websocket_connection.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <string_view>
#include <utility>

#include "spdlog/spdlog.h"

namespace webcare::server::internal {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

// How long a close may take (flushing, then the handshake) before the socket is dropped: a
// peer that stopped reading would otherwise hold the connection until the idle timeout.
constexpr std::chrono::seconds kCloseTimeout(5);

// RFC 6455 section 7.4: codes an endpoint may send. Others would make the peer fail the
// connection instead of closing it, so they become 1000.
websocket::close_code SendableCloseCode(int code) {
  const bool valid = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1013) ||
                     (code >= 3000 && code <= 4999);
  return static_cast<websocket::close_code>(valid ? code : 1000);
}

// A close reason is at most 123 bytes of UTF-8 (beast's reason_string throws when longer).
// Cuts at a character boundary so the peer does not reject the frame as invalid UTF-8.
websocket::close_reason MakeCloseReason(const QueuedChannel::CloseRequest& request) {
  std::string_view reason = request.reason;
  const size_t limit = websocket::reason_string::max_size_n;
  if (reason.size() > limit) {
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(reason[cut]) & 0xC0) == 0x80) --cut;
    reason = reason.substr(0, cut);
  }
  return websocket::close_reason(SendableCloseCode(request.code),
                                 beast::string_view(reason.data(), reason.size()));
}

}  // namespace

bool QueuedChannel::Send(SharedText text) {
  std::lock_guard lock(mutex_);
  if (ended_ || close_) return false;
  // The limit counts what this peer is owed, shared or not: it is how far behind it is.
  if (queue_.size() >= kMaxQueuedMessages || queued_bytes_ + text->size() > kMaxQueuedBytes) {
    close_ = CloseRequest{.code = 1008, .reason = "too slow", .flush = false};
    queue_.clear();
    queued_bytes_ = 0;
    WakeLocked();
    return false;
  }
  queued_bytes_ += text->size();
  queue_.push_back(std::move(text));
  // One wake-up per idle period is enough: the writer drains the queue before it sleeps.
  if (!wake_pending_) {
    wake_pending_ = true;
    WakeLocked();
  }
  return true;
}

void QueuedChannel::Close(int code, std::string reason) {
  RequestClose(code, std::move(reason), /*flush=*/true);
}

void QueuedChannel::Attach(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  if (!ended_) wake_ = std::move(wake);
}

void QueuedChannel::RequestClose(int code, std::string reason, bool flush) {
  std::lock_guard lock(mutex_);
  if (ended_) return;
  if (!close_) {
    close_ = CloseRequest{.code = code, .reason = std::move(reason), .flush = flush};
  } else if (flush || !close_->flush) {
    return;  // Idempotent.
  } else {
    close_->flush = false;
  }
  if (!close_->flush) {
    queue_.clear();
    queued_bytes_ = 0;
  }
  // Always wake, even if a wake-up is pending: the strand arms the close deadline.
  WakeLocked();
}

QueuedChannel::Next QueuedChannel::TakeNext(SharedText& message, CloseRequest& close) {
  std::lock_guard lock(mutex_);
  if (ended_) return Next::kEnded;
  if (close_ && queue_.empty()) {
    close = *close_;
    return Next::kClose;
  }
  if (!queue_.empty()) {
    message = std::move(queue_.front());
    queue_.pop_front();
    queued_bytes_ -= message->size();
    return Next::kWrite;
  }
  wake_pending_ = false;
  return Next::kIdle;
}

bool QueuedChannel::close_requested() const {
  std::lock_guard lock(mutex_);
  return close_.has_value() || ended_;
}

void QueuedChannel::MarkEnded() {
  std::lock_guard lock(mutex_);
  ended_ = true;
  queue_.clear();
  queued_bytes_ = 0;
  wake_ = nullptr;
}

// Called under mutex_, so that MarkEnded cannot drop the executor (and the io_context behind it
// go away) while a wake-up is being posted.
void QueuedChannel::WakeLocked() {
  if (wake_) wake_();
}

WebSocketConnection::WebSocketConnection(beast::tcp_stream stream,
                                         std::shared_ptr<QueuedChannel> channel,
                                         std::shared_ptr<WebSocketSession> session)
    : ws_(std::move(stream)),
      channel_(std::move(channel)),
      session_(std::move(session)),
      wake_timer_(ws_.get_executor()),
      writer_done_(ws_.get_executor()),
      close_deadline_(ws_.get_executor()) {}

asio::awaitable<void> WebSocketConnection::Run(
    beast::http::request<beast::http::string_body> upgrade) {
  auto self = shared_from_this();
  boost::system::error_code ec;
  auto& tcp = beast::get_lowest_layer(ws_);
  // The websocket stream's own timeouts replace the HTTP read timeout: handshake and close
  // limits, and pings to idle peers so that a dead one is dropped.
  tcp.expires_never();
  // Events are small and must reach the client at once, not wait for Nagle's algorithm.
  tcp.socket().set_option(asio::ip::tcp::no_delay(true), ec);
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  websocket::permessage_deflate deflate;
  deflate.server_enable = false;
  deflate.client_enable = false;
  ws_.set_option(deflate);
  ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
    response.set(beast::http::field::server, "webcare");
  }));
  ws_.read_message_max(kMaxIncomingMessageBytes);
  ws_.text(true);
  // A weak pointer: a wake-up still queued when the connection ends must not keep it alive.
  channel_->Attach([weak = weak_from_this(), executor = ws_.get_executor()] {
    asio::post(executor, [weak] {
      if (auto connection = weak.lock()) connection->OnWake();
    });
  });

  co_await ws_.async_accept(upgrade, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    spdlog::debug("websocket handshake failed: {}", ec.message());
    Finish();
    co_return;
  }

  writer_running_ = true;
  asio::co_spawn(ws_.get_executor(), WriteLoop(), asio::detached);

  beast::flat_buffer buffer;
  while (true) {
    buffer.clear();
    co_await ws_.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
    // Beast has already answered a close frame, or closed with 1009 on a message that is too
    // big; any other error leaves nothing to say to the peer.
    if (ec) break;
    if (!ws_.got_text()) {
      channel_->RequestClose(1003, "only text messages are accepted", /*flush=*/false);
      continue;
    }
    // Once closing, what the client still sends is read (the close handshake needs it) but not
    // delivered.
    if (channel_->close_requested()) continue;
    const auto data = buffer.data();
    session_->OnMessage(std::string_view(static_cast<const char*>(data.data()), data.size()));
  }

  // Stop the writer: it may wait for work or be stuck writing to a peer that stopped reading.
  channel_->MarkEnded();
  tcp.close();
  wake_timer_.cancel();
  while (writer_running_) {
    writer_done_.expires_at(asio::steady_timer::time_point::max());
    co_await writer_done_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  Finish();
}

asio::awaitable<void> WebSocketConnection::WriteLoop() {
  auto self = shared_from_this();
  boost::system::error_code ec;
  SharedText message;
  QueuedChannel::CloseRequest close;
  bool done = false;
  while (!done) {
    switch (channel_->TakeNext(message, close)) {
      case QueuedChannel::Next::kEnded:
        done = true;
        break;
      case QueuedChannel::Next::kWrite:
        co_await ws_.async_write(asio::buffer(*message),
                                 asio::redirect_error(asio::use_awaitable, ec));
        done = static_cast<bool>(ec);
        break;
      case QueuedChannel::Next::kClose:
        ArmCloseDeadline();
        // Completes once the peer answers (the read loop sees its close frame) or the socket
        // is dropped.
        co_await ws_.async_close(MakeCloseReason(close),
                                 asio::redirect_error(asio::use_awaitable, ec));
        done = true;
        break;
      case QueuedChannel::Next::kIdle:
        wake_timer_.expires_at(asio::steady_timer::time_point::max());
        co_await wake_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        break;
    }
  }
  writer_running_ = false;
  writer_done_.cancel();
}

void WebSocketConnection::OnWake() {
  if (finished_) return;
  if (channel_->close_requested()) ArmCloseDeadline();
  wake_timer_.cancel();
}

void WebSocketConnection::ArmCloseDeadline() {
  if (deadline_armed_) return;
  deadline_armed_ = true;
  close_deadline_.expires_after(kCloseTimeout);
  close_deadline_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    auto connection = weak.lock();
    if (ec || !connection || connection->finished_) return;
    // Aborts the pending read and write; the read loop then ends the connection.
    beast::get_lowest_layer(connection->ws_).close();
  });
}

void WebSocketConnection::Shutdown() {
  channel_->RequestClose(1001, "server shutting down", /*flush=*/false);
  OnWake();
}

void WebSocketConnection::Abandon() { Finish(); }

void WebSocketConnection::Finish() {
  channel_->MarkEnded();
  if (finished_) return;
  finished_ = true;
  close_deadline_.cancel();
  session_->OnClose();
}

}  // namespace webcare::server::internal
