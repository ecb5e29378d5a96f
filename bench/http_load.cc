#include "bench/http_load.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>
#include <future>

#include "base/strings.h"

namespace webcare::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

HttpRequest MakeRequest(std::string_view method, std::string_view target, std::string_view token,
                        std::string body) {
  HttpRequest request(http::string_to_verb(beast::string_view(method.data(), method.size())),
                      beast::string_view(target.data(), target.size()), 11);
  request.set(http::field::host, "127.0.0.1");
  request.set(http::field::authorization,
              std::string("Bearer ").append(token.data(), token.size()));
  request.keep_alive(true);
  if (!body.empty()) {
    request.set(http::field::content_type, "application/json");
    request.body() = std::move(body);
  }
  request.prepare_payload();
  return request;
}

HttpPool::HttpPool(asio::io_context& io, uint16_t port, size_t max_connections,
                   std::chrono::milliseconds max_wait)
    : io_(io), port_(port), max_connections_(max_connections), max_wait_(max_wait) {}

HttpPool::~HttpPool() = default;

void HttpPool::Submit(HttpRequest request, std::function<void(HttpOutcome&&)> done) {
  Job job{.request = std::move(request), .done = std::move(done),
          .due = std::chrono::steady_clock::now()};
  ++in_flight_;
  std::unique_ptr<Connection> connection;
  if (!idle_.empty()) {
    // The most recently used connection: the others may close after the server's idle timeout
    // without harm, as a stale one is reopened (Exchange).
    connection = std::move(idle_.back());
    idle_.pop_back();
  } else if (connections_ < max_connections_) {
    connection = std::make_unique<Connection>(io_);
    ++connections_;
  } else {
    queued_.push_back(std::move(job));
    max_queued_ = std::max(max_queued_, queued_.size());
    return;
  }
  asio::co_spawn(io_, Work(std::move(connection), std::move(job)), asio::detached);
}

asio::awaitable<HttpOutcome> HttpPool::Call(HttpRequest request) {
  std::unique_ptr<Connection> connection;
  if (!idle_.empty()) {
    connection = std::move(idle_.back());
    idle_.pop_back();
  } else {
    connection = std::make_unique<Connection>(io_);
    ++connections_;
  }
  Job job{.request = std::move(request), .done = nullptr, .due = std::chrono::steady_clock::now()};
  HttpOutcome outcome = co_await Exchange(*connection, job);
  idle_.push_back(std::move(connection));
  co_return outcome;
}

asio::awaitable<void> HttpPool::Work(std::unique_ptr<Connection> connection, Job job) {
  while (true) {
    HttpOutcome outcome = co_await Exchange(*connection, job);
    --in_flight_;
    job.done(std::move(outcome));
    // Requests that waited too long are given up, unsent, in the order they were issued.
    const SteadyTime now = std::chrono::steady_clock::now();
    while (!queued_.empty() && now - queued_.front().due > max_wait_) {
      Job expired = std::move(queued_.front());
      queued_.pop_front();
      --in_flight_;
      ++expired_;
      expired.done({.status = 0,
                    .error = base::StrCat("not sent: every connection was busy for ",
                                          max_wait_.count() / 1000, " s"),
                    .due = expired.due,
                    .sent = now,
                    .done = now});
    }
    if (queued_.empty()) break;
    job = std::move(queued_.front());
    queued_.pop_front();
  }
  idle_.push_back(std::move(connection));
}

asio::awaitable<HttpOutcome> HttpPool::Exchange(Connection& connection, Job& job) {
  HttpOutcome outcome{.due = job.due};
  beast::error_code ec;
  // A kept-alive connection the server has closed fails at once; it is reopened and the
  // request sent again, once. A request the server has read is never sent twice: the retry
  // happens only when no byte of a response arrived.
  for (int attempt = 0; attempt < 2; ++attempt) {
    const bool reused = connection.open;
    if (!connection.open) {
      connection.stream.expires_after(std::chrono::seconds(10));
      co_await connection.stream.async_connect(
          tcp::endpoint(asio::ip::address_v4::loopback(), port_),
          asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        outcome.error = "connect: " + ec.message();
        co_return outcome;
      }
      connection.stream.socket().set_option(tcp::no_delay(true), ec);
      connection.open = true;
      connection.buffer.clear();
      ++opened_;
    }
    outcome.sent = std::chrono::steady_clock::now();
    connection.stream.expires_after(std::chrono::seconds(60));
    co_await http::async_write(connection.stream, job.request,
                               asio::redirect_error(asio::use_awaitable, ec));
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    if (!ec) {
      co_await http::async_read(connection.stream, connection.buffer, parser,
                                asio::redirect_error(asio::use_awaitable, ec));
    }
    if (!ec) {
      outcome.done = std::chrono::steady_clock::now();
      outcome.status = static_cast<int>(parser.get().result_int());
      const bool keep = parser.get().keep_alive();
      outcome.body = std::move(parser.get().body());
      if (!keep) {
        connection.stream.socket().close(ec);
        connection.open = false;
      }
      co_return outcome;
    }
    connection.stream.socket().close(ec);
    connection.open = false;
    const bool stale = reused && !parser.got_some() &&
                       (ec == http::error::end_of_stream || ec == asio::error::connection_reset ||
                        ec == asio::error::broken_pipe || ec == asio::error::eof);
    outcome.error = ec.message();
    if (!stale) break;
  }
  outcome.done = std::chrono::steady_clock::now();
  co_return outcome;
}

asio::awaitable<void> HttpPool::Drain() {
  asio::steady_timer poll(co_await asio::this_coro::executor);
  beast::error_code ec;
  while (in_flight_ > 0) {
    poll.expires_after(std::chrono::milliseconds(5));
    co_await poll.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

asio::awaitable<void> RunSchedule(SteadyTime start, std::chrono::nanoseconds interval,
                                  int64_t count, std::function<void(int64_t)> issue) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (int64_t k = 0; k < count; ++k) {
    timer.expires_at(start + interval * k);
    beast::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    issue(k);
  }
}

void RunAndWait(asio::io_context& io, std::function<asio::awaitable<void>()> work,
                std::function<void()> tick, std::chrono::milliseconds tick_every) {
  std::promise<void> finished;
  std::future<void> done = finished.get_future();
  asio::co_spawn(io, std::move(work), [&finished](std::exception_ptr) { finished.set_value(); });
  while (done.wait_for(tick_every) != std::future_status::ready) {
    if (tick) tick();
  }
}

}  // namespace webcare::bench
