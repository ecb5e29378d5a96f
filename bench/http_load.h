#pragma once
// Open-loop HTTP load for the inbox benchmark: requests are issued on a fixed schedule,
// whether or not earlier ones have been answered, over a pool of keep-alive connections
// (Boost.Beast on one Asio thread). A slow server therefore meets more concurrent requests, as
// it would from real users, instead of slowing the load down.

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace webcare::bench {

using SteadyTime = std::chrono::steady_clock::time_point;

// Milliseconds from `from` to `to`.
inline double MillisBetween(SteadyTime from, SteadyTime to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

struct HttpOutcome {
  int status = 0;     // 0: no answer (see `error`).
  std::string error;  // Why there was no answer.
  std::string body;
  SteadyTime due;   // When the schedule issued the request.
  SteadyTime sent;  // When its first byte was written (later than `due` when the pool was busy).
  SteadyTime done;  // When the whole response had been read.
};

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;

// A GET or POST to 127.0.0.1 with keep-alive, a bearer token and, for a body, JSON.
HttpRequest MakeRequest(std::string_view method, std::string_view target, std::string_view token,
                        std::string body = "");

// Keep-alive connections to 127.0.0.1:port. Not thread-safe: call Submit on the io_context's
// thread only; completions run there too.
class HttpPool {
 public:
  // A request that waited `max_wait` for a free connection is not sent: it fails with
  // status 0, so an overloaded server ends the run instead of queueing requests for minutes.
  HttpPool(boost::asio::io_context& io, uint16_t port, size_t max_connections,
           std::chrono::milliseconds max_wait = std::chrono::seconds(10));
  ~HttpPool();

  // Sends `request` on an idle connection, opens one when none is idle (up to the maximum),
  // or queues it until one is free. `done` gets the outcome.
  void Submit(HttpRequest request, std::function<void(HttpOutcome&&)> done);

  // Sends `request` on a connection of its own and waits for the answer: for requests made
  // one at a time, with nothing else in flight.
  boost::asio::awaitable<HttpOutcome> Call(HttpRequest request);

  // Completes once every submitted request has been answered or has failed.
  boost::asio::awaitable<void> Drain();

  size_t connections_opened() const { return opened_; }
  size_t in_flight() const { return in_flight_; }
  size_t max_queued() const { return max_queued_; }
  size_t expired() const { return expired_; }

 private:
  struct Connection {
    explicit Connection(boost::asio::io_context& io) : stream(io) {}
    boost::beast::tcp_stream stream;
    boost::beast::flat_buffer buffer;
    bool open = false;
  };
  struct Job {
    HttpRequest request;
    std::function<void(HttpOutcome&&)> done;
    SteadyTime due;
  };

  boost::asio::awaitable<void> Work(std::unique_ptr<Connection> connection, Job job);
  boost::asio::awaitable<HttpOutcome> Exchange(Connection& connection, Job& job);

  boost::asio::io_context& io_;
  const uint16_t port_;
  const size_t max_connections_;
  const std::chrono::milliseconds max_wait_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::deque<Job> queued_;
  size_t connections_ = 0;  // Open or being used.
  size_t opened_ = 0;
  size_t in_flight_ = 0;
  size_t max_queued_ = 0;
  size_t expired_ = 0;
};

// Calls `issue(k)` for k = 0 .. count-1 at start + k * interval, on the io_context's thread.
// `issue` must not block. Completes after the last call.
boost::asio::awaitable<void> RunSchedule(SteadyTime start, std::chrono::nanoseconds interval,
                                         int64_t count, std::function<void(int64_t)> issue);

// Runs `work` on `io` from another thread and waits for it; `io` must be running. `tick`, when
// given, runs on the waiting thread about every `tick_every` meanwhile (progress lines).
void RunAndWait(boost::asio::io_context& io, std::function<boost::asio::awaitable<void>()> work,
                std::function<void()> tick = nullptr,
                std::chrono::milliseconds tick_every = std::chrono::seconds(5));

}  // namespace webcare::bench
