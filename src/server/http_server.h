#pragma once
// The HTTP/1.1 server (Boost.Beast on Asio, C++20 coroutines). It reads a request within the
// size and time limits, hands it to the handler on a thread of its own pool and writes the
// response. Stop() is graceful: it stops accepting, lets requests in progress finish and
// closes idle connections, so no request that was accepted loses its write. It also serves WebSockets (see AddWebSocket).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "base/clock.h"
#include "server/http_types.h"
#include "server/websocket.h"

namespace webcare::server {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (see port()).
  // Threads that run the handler. A handler may block (on the database's writer, say), so
  // handlers never run on the network threads: a slow request cannot hold up the WebSocket
  // messages and other connections those threads read and write.
  int threads = 4;
  int network_threads = 2;  // Threads that accept, read and write connections.
  size_t max_body_bytes = 1 << 20;
  // Exact paths (without the query string) that take larger bodies than max_body_bytes, with
  // their own limit: the attachment upload. Every other path keeps max_body_bytes.
  std::map<std::string, size_t, std::less<>> body_limits;
  int read_timeout_seconds = 30;
  int shutdown_grace_seconds = 10;
};

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(HttpRequest&)>;

  HttpServer(HttpServerOptions options, Handler handler);
  ~HttpServer();

  // Serves WebSockets at `path` (exact, without the query string): a GET upgrade request
  // there goes to `acceptor` (see websocket.h); any other request to it goes to the handler.
  // Call before Run(). Incoming messages are text of at most 64 KiB; binary ones close the
  // connection with 1003, bigger ones with 1009. On shutdown, WebSockets are closed with 1001.
  // The acceptor, OnMessage and OnClose run on the connection's strand on a server thread,
  // except that OnClose runs on the thread of Run() for a WebSocket still open when the grace
  // period ends.
  void AddWebSocket(std::string path, WebSocketAcceptor acceptor);

  // Binds the listening socket.
  absl::Status Listen();
  // The bound port; valid after Listen().
  uint16_t port() const;

  // Serves until Stop() or SIGINT/SIGTERM, then shuts down gracefully. Blocks.
  void Run();
  // Thread-safe; returns at once.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace webcare::server
