#include "server/http_server.h"

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <variant>
#include <vector>

#include "base/strings.h"
#include "server/error_mapping.h"
#include "server/websocket_connection.h"
#include "spdlog/spdlog.h"

namespace webcare::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// One open connection; the server keeps these to close idle ones on shutdown.
struct Connection {
  explicit Connection(tcp::socket socket)
      : stream(std::move(socket)), executor(stream.get_executor()) {}
  // Moved into `websocket` on an upgrade; not to be used after that.
  beast::tcp_stream stream;
  const asio::any_io_executor executor;  // The connection's strand.
  // Only touched on the strand, or once no thread runs the io_context.
  bool busy = false;  // Handling a request, or upgraded.
  std::shared_ptr<internal::WebSocketConnection> websocket;
};

std::string_view View(beast::string_view text) { return {text.data(), text.size()}; }

HttpRequest ToHttpRequest(http::request<http::string_body>& message, const std::string& remote,
                          bool& malformed) {
  HttpRequest request;
  request.method = std::string(View(message.method_string()));
  const std::string_view target = View(message.target());
  const size_t question = target.find('?');
  malformed = !PercentDecode(target.substr(0, question), false, request.path) ||
              (question != std::string_view::npos &&
               !ParseQueryString(target.substr(question + 1), request.query));
  for (const auto& field : message) {
    request.headers[base::AsciiLower(View(field.name_string()))] = std::string(View(field.value()));
  }
  request.body = std::move(message.body());
  request.remote_address = remote;
  request.received_at = std::chrono::steady_clock::now();
  return request;
}

http::response<http::string_body> ToBeastResponse(HttpResponse response, unsigned version,
                                                  bool keep_alive, bool head) {
  http::response<http::string_body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::server, "webcare");
  if (!response.body.empty() || response.status != 204) {
    message.set(http::field::content_type, response.content_type);
  }
  for (auto& [name, value] : response.headers) message.insert(name, value);
  message.body() = head ? std::string() : std::move(response.body);
  message.keep_alive(keep_alive);
  message.prepare_payload();
  if (head) message.content_length(response.body.size());
  return message;
}

}  // namespace

struct HttpServer::Impl {
  HttpServerOptions options;
  Handler handler;
  // Filled before Run(), read-only after.
  std::map<std::string, WebSocketAcceptor, std::less<>> websocket_routes;
  asio::io_context io{options.network_threads};
  // Declared after `io`, so destroyed (joined) before it: a handler still running posts its
  // completion to a live io_context.
  asio::thread_pool handler_pool{static_cast<size_t>(std::max(1, options.threads))};
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGINT, SIGTERM};
  std::atomic<bool> stopping{false};

  std::mutex mutex;
  std::condition_variable changed;
  bool stop_requested = false;
  std::set<std::shared_ptr<Connection>> connections;

  Impl(HttpServerOptions opts, Handler h) : options(std::move(opts)), handler(std::move(h)) {
    for (const auto& [path, limit] : options.body_limits) largest_body_limit = std::max(largest_body_limit, limit);
  }

  size_t largest_body_limit = options.max_body_bytes;

  // The body limit of the request target's path (HttpServerOptions::body_limits).
  size_t BodyLimitFor(std::string_view target) const {
    const auto limit = options.body_limits.find(target.substr(0, target.find('?')));
    return limit == options.body_limits.end() ? options.max_body_bytes : limit->second;
  }

  asio::awaitable<void> Accept() {
    while (!stopping) {
      boost::system::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(
          asio::make_strand(io), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) break;
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      auto connection = std::make_shared<Connection>(std::move(socket));
      {
        std::lock_guard lock(mutex);
        connections.insert(connection);
      }
      asio::co_spawn(connection->stream.get_executor(), Serve(connection), asio::detached);
    }
  }

  asio::awaitable<void> Serve(std::shared_ptr<Connection> connection) {
    beast::flat_buffer buffer;
    boost::system::error_code ec;
    std::string remote;
    if (auto endpoint = connection->stream.socket().remote_endpoint(ec); !ec) {
      remote = endpoint.address().to_string();
    }
    while (!stopping) {
      http::request_parser<http::string_body> parser;
      // The header is read under the largest limit of any path (Beast checks Content-Length
      // as the header ends); the limit of the request's own path applies to its body.
      parser.body_limit(largest_body_limit);
      parser.header_limit(16 * 1024);
      connection->stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
      co_await http::async_read_header(connection->stream, buffer, parser,
                                       asio::redirect_error(asio::use_awaitable, ec));
      const size_t body_limit = BodyLimitFor(View(parser.get().target()));
      if (!ec) {
        const auto length = parser.content_length();
        if (length && *length > body_limit) {
          ec = http::error::body_limit;
        } else {
          parser.body_limit(body_limit);
          co_await http::async_read(connection->stream, buffer, parser,
                                    asio::redirect_error(asio::use_awaitable, ec));
        }
      }
      if (ec) {
        if (ec == http::error::body_limit) {
          co_await Reply(*connection, ErrorResponse(413, "PAYLOAD_TOO_LARGE",
                                                    base::StrCat("the body is larger than ", body_limit,
                                                                 " bytes")), 11, false, false);
        } else if (ec != http::error::end_of_stream && ec != beast::error::timeout &&
                   ec != asio::error::operation_aborted && ec != asio::error::connection_reset &&
                   ec != asio::error::bad_descriptor && ec != asio::error::eof) {
          co_await Reply(*connection, ErrorResponse(400, "INVALID_ARGUMENT",
                                                    base::StrCat("malformed HTTP request: ", ec.message())),
                         11, false, false);
        }
        // Let the client finish sending before closing, or the kernel resets the connection
        // and the client never reads the error.
        co_await DrainAndClose(*connection);
        break;
      }
      connection->busy = true;
      auto message = parser.release();
      bool malformed = false;
      HttpRequest request = ToHttpRequest(message, remote, malformed);
      if (!malformed && message.method() == http::verb::get &&
          beast::websocket::is_upgrade(message)) {
        if (auto route = websocket_routes.find(request.path); route != websocket_routes.end()) {
          if (co_await Upgrade(connection, std::move(message), request, route->second)) co_return;
          break;
        }
      }
      // An if rather than ?: around the co_await: with the co_await inside a conditional
      // expression, GCC 12's code used the response after freeing it (AddressSanitizer).
      HttpResponse response;
      if (malformed) {
        response = ErrorResponse(400, "INVALID_ARGUMENT", "malformed percent-encoding in the URL");
      } else {
        response = co_await RunHandler(request);
      }
      const bool keep_alive = message.keep_alive() && !stopping;
      const bool ok = co_await Reply(*connection, std::move(response), message.version(), keep_alive,
                                     message.method() == http::verb::head);
      connection->busy = false;
      if (!ok || !keep_alive) break;
    }
    connection->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    connection->stream.close();
    std::lock_guard lock(mutex);
    connections.erase(connection);
    changed.notify_all();
  }

  // Runs the handler on the handler pool; the caller resumes on its connection's strand.
  asio::awaitable<HttpResponse> RunHandler(HttpRequest& request) {
    co_return co_await asio::co_spawn(
        handler_pool, [this, &request]() -> asio::awaitable<HttpResponse> { co_return handler(request); },
        asio::use_awaitable);
  }

  // Hands an upgrade request to `acceptor`. Returns true when the connection was upgraded and
  // has ended (Serve must not touch its stream again), false when the acceptor refused.
  asio::awaitable<bool> Upgrade(std::shared_ptr<Connection> connection,
                                http::request<http::string_body> message,
                                const HttpRequest& request, const WebSocketAcceptor& acceptor) {
    auto channel = std::make_shared<internal::QueuedChannel>();
    auto decision = acceptor(request, channel);
    auto* session = std::get_if<std::shared_ptr<WebSocketSession>>(&decision);
    if (session == nullptr || *session == nullptr) {
      channel->MarkEnded();
      if (session != nullptr) {
        spdlog::error("the WebSocket acceptor for {} gave no session", request.path);
      }
      HttpResponse refusal =
          session == nullptr
              ? std::move(std::get<HttpResponse>(decision))
              : ErrorResponse(500, "INTERNAL", "internal error; see the server log");
      co_await Reply(*connection, std::move(refusal), message.version(), false, false);
      co_return false;
    }
    auto websocket = std::make_shared<internal::WebSocketConnection>(
        std::move(connection->stream), std::move(channel), std::move(*session));
    connection->websocket = websocket;
    // Run() sets `stopping` before it asks every connection, on its strand, to shut down: if
    // that request ran before `websocket` was set, this sees `stopping`.
    if (stopping) websocket->Shutdown();
    co_await websocket->Run(std::move(message));
    std::lock_guard lock(mutex);
    connections.erase(connection);
    changed.notify_all();
    co_return true;
  }

  // Half-closes, then reads and discards what the client still sends (bounded in bytes and
  // time) so that the response already written is not lost to a TCP reset.
  asio::awaitable<void> DrainAndClose(Connection& connection) {
    boost::system::error_code ec;
    connection.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    connection.stream.expires_after(std::chrono::seconds(5));
    std::vector<char> scratch(64 * 1024);
    size_t drained = 0;
    while (!ec && drained < (64u << 20)) {
      drained += co_await connection.stream.async_read_some(asio::buffer(scratch),
                                                            asio::redirect_error(asio::use_awaitable, ec));
    }
  }

  asio::awaitable<bool> Reply(Connection& connection, HttpResponse response, unsigned version,
                              bool keep_alive, bool head) {
    auto message = ToBeastResponse(std::move(response), version, keep_alive, head);
    boost::system::error_code ec;
    connection.stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
    co_await http::async_write(connection.stream, message, asio::redirect_error(asio::use_awaitable, ec));
    co_return !ec;
  }

  void RequestStop() {
    std::lock_guard lock(mutex);
    stop_requested = true;
    changed.notify_all();
  }
};

HttpServer::HttpServer(HttpServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

HttpServer::~HttpServer() = default;

absl::Status HttpServer::Listen() {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return absl::InvalidArgumentError(base::StrCat("not an IP address: ", impl_->options.host));
  const tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return absl::UnavailableError(base::StrCat("cannot listen on ", impl_->options.host, ":",
                                               impl_->options.port, ": ", ec.message()));
  }
  return absl::OkStatus();
}

uint16_t HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::Stop() { impl_->RequestStop(); }

void HttpServer::AddWebSocket(std::string path, WebSocketAcceptor acceptor) {
  impl_->websocket_routes.insert_or_assign(std::move(path), std::move(acceptor));
}

void HttpServer::Run() {
  Impl& impl = *impl_;
  impl.signals.async_wait([&impl](const boost::system::error_code& ec, int signal) {
    if (!ec) {
      spdlog::info("received signal {}; shutting down", signal);
      impl.RequestStop();
    }
  });
  asio::co_spawn(impl.io, impl.Accept(), asio::detached);
  auto guard = asio::make_work_guard(impl.io);
  std::vector<std::thread> threads;
  for (int i = 0; i < std::max(1, impl.options.network_threads); ++i) {
    threads.emplace_back([&impl] { impl.io.run(); });
  }

  std::unique_lock lock(impl.mutex);
  impl.changed.wait(lock, [&] { return impl.stop_requested; });
  impl.stopping = true;
  lock.unlock();
  // Stop accepting, and close connections that wait for a request; busy ones close after
  // their response is written.
  asio::post(impl.io, [&impl] {
    boost::system::error_code ignored;
    impl.acceptor.close(ignored);
    impl.signals.cancel(ignored);
  });
  lock.lock();
  for (const auto& connection : impl.connections) {
    asio::post(connection->executor, [connection] {
      if (connection->websocket) {
        connection->websocket->Shutdown();
        return;
      }
      // The connection may have closed since it was listed; the error-code overload does not
      // throw on a closed socket (the throwing one aborted the process here).
      boost::system::error_code ignored;
      if (!connection->busy) connection->stream.socket().cancel(ignored);
    });
  }
  const bool drained = impl.changed.wait_for(lock, std::chrono::seconds(impl.options.shutdown_grace_seconds),
                                             [&] { return impl.connections.empty(); });
  if (!drained) spdlog::warn("{} connections still open after the grace period", impl.connections.size());
  lock.unlock();
  guard.reset();
  impl.io.stop();
  for (auto& thread : threads) thread.join();
  // A handler still running past the grace period finishes before Run() returns, so that it
  // never outlives what it uses.
  impl.handler_pool.join();
  // No thread runs the io_context now: WebSockets still open past the grace period end here,
  // so their sessions still get OnClose and their channels refuse Send.
  for (const auto& connection : impl.connections) {
    if (connection->websocket) connection->websocket->Abandon();
  }
}

}  // namespace webcare::server
