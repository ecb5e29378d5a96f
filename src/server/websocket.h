#pragma once
// WebSockets as the application sees them, without Boost types: the server (http_server.cc)
// upgrades a request, asks a WebSocketAcceptor whether to take it, and then feeds the session
// the messages it receives; the application pushes messages through the channel from any
// thread.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "server/http_types.h"

namespace webcare::server {

// A message's text, shared rather than copied when many connections send the same one.
using SharedText = std::shared_ptr<const std::string>;

// One open WebSocket. Thread-safe; Send and Close never block.
class WebSocketChannel {
 public:
  virtual ~WebSocketChannel() = default;
  // Queues one text message. Messages are written in the order queued. Returns false when the
  // connection is closing or closed, or when the peer reads so slowly that the queue passed
  // its limit; the connection is then closed (code 1008, "too slow") and the client is
  // expected to reconnect and catch up.
  virtual bool Send(SharedText text) = 0;
  bool Send(std::string text) { return Send(std::make_shared<const std::string>(std::move(text))); }
  // Starts a close handshake with `code` (RFC 6455, e.g. 1000, 1001, 1008) and `reason`.
  // Idempotent.
  virtual void Close(int code, std::string reason) = 0;
};

// What the application does with one accepted WebSocket.
class WebSocketSession {
 public:
  virtual ~WebSocketSession() = default;
  // One text message from the client. Called one at a time, never after OnClose.
  virtual void OnMessage(std::string_view text) = 0;
  // The connection ended (either side, an error or server shutdown). Called exactly once.
  virtual void OnClose() = 0;
};

// Decides an upgrade request. Returns the session that takes the connection, or the HTTP
// response that refuses it (401, 403, ...). Runs on a server thread; must not block for long.
using WebSocketAcceptor =
    std::function<std::variant<std::shared_ptr<WebSocketSession>, HttpResponse>(
        const HttpRequest& request, std::shared_ptr<WebSocketChannel> channel)>;

}  // namespace webcare::server
