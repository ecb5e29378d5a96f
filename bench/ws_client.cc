#include "bench/ws_client.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <time.h>

#include <charconv>
#include <thread>

#include "base/strings.h"

namespace webcare::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

constexpr char kRealtimePath[] = "/api/v1/realtime";
// As the web UI: the first reconnect after half a second.
constexpr std::chrono::milliseconds kReconnectDelay(500);

int64_t NumberAt(std::string_view text, size_t at) {
  int64_t value = 0;
  if (at < text.size()) std::from_chars(text.data() + at, text.data() + text.size(), value);
  return value;
}

}  // namespace

std::vector<std::string_view> SplitBatch(std::string_view text) {
  std::vector<std::string_view> messages;
  constexpr std::string_view kOpen = "{\"messages\":[";
  if (!text.starts_with(kOpen)) return messages;
  // One pass that tracks strings and nesting: each top-level object of the array is a message.
  int depth = 0;
  bool in_string = false, escaped = false;
  size_t start = 0;
  for (size_t i = kOpen.size(); i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (depth++ == 0) start = i;
    } else if (c == '}' || c == ']') {
      if (depth == 0) break;  // The end of the array.
      if (--depth == 0) messages.push_back(text.substr(start, i + 1 - start));
    }
  }
  return messages;
}

WsMessage ScanMessage(std::string_view text) {
  WsMessage message;
  constexpr std::string_view kType = "\"type\":\"", kSeq = "\"seq\":", kPosts = "\"post_ids\":[";
  if (const size_t type = text.rfind(kType); type != std::string_view::npos) {
    const size_t start = type + kType.size();
    const size_t end = text.find('"', start);
    if (end != std::string_view::npos) message.type = text.substr(start, end - start);
  }
  if (const size_t seq = text.rfind(kSeq); seq != std::string_view::npos) {
    message.seq = NumberAt(text, seq + kSeq.size());
  }
  if (const size_t posts = text.rfind(kPosts); posts != std::string_view::npos) {
    message.post_id = NumberAt(text, posts + kPosts.size());
  }
  return message;
}

struct WsFleet::Client {
  WsClientRecord record;
  std::string token;
  std::unique_ptr<websocket::stream<beast::tcp_stream>> ws;
  beast::flat_buffer buffer;
};

WsFleet::WsFleet(asio::io_context& io, uint16_t port) : io_(io), port_(port) {}

WsFleet::~WsFleet() = default;

void WsFleet::Add(size_t user, std::string token) {
  auto client = std::make_unique<Client>();
  client->record.user = user;
  client->token = std::move(token);
  clients_.push_back(std::move(client));
}

asio::awaitable<bool> WsFleet::Open(Client& client) {
  beast::error_code ec;
  client.ws = std::make_unique<websocket::stream<beast::tcp_stream>>(io_);
  auto& tcp_stream = beast::get_lowest_layer(*client.ws);
  tcp_stream.expires_after(std::chrono::seconds(30));
  co_await tcp_stream.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), port_),
                                    asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    client.record.last_error = base::StrCat("connect: ", ec.message());
    co_return false;
  }
  tcp_stream.socket().set_option(tcp::no_delay(true), ec);
  // The WebSocket's own timeouts take over (handshake limit; no idle limit for a client).
  tcp_stream.expires_never();
  client.ws->set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
  client.ws->set_option(websocket::stream_base::decorator(
      [token = client.token](websocket::request_type& request) {
        request.set(http::field::authorization, "Bearer " + token);
      }));
  std::string target = kRealtimePath;
  // Reconnecting: everything after the last seq seen, as the web UI asks.
  if (client.record.hello_seq >= 0) base::StrAppend(target, "?since=", client.record.last_seq);
  websocket::response_type response;
  co_await client.ws->async_handshake(response, "127.0.0.1", target,
                                      asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    client.record.last_error = base::StrCat("handshake: ", ec.message(), " (HTTP ",
                                            response.result_int(), " ", response.body(), ")");
    co_return false;
  }
  // The hello comes first; a client counts as connected once it has it.
  client.buffer.clear();
  co_await client.ws->async_read(client.buffer, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    client.record.last_error = base::StrCat("first read: ", ec.message());
    co_return false;
  }
  OnFrame(client, beast::buffers_to_string(client.buffer.data()));
  co_return true;
}

asio::awaitable<void> WsFleet::Follow(Client& client) {
  beast::error_code ec;
  asio::steady_timer pause(io_);
  while (true) {
    client.buffer.clear();
    co_await client.ws->async_read(client.buffer, asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) {
      const auto data = client.buffer.data();
      OnFrame(client, std::string_view(static_cast<const char*>(data.data()), data.size()));
      continue;
    }
    if (closing_) break;
    ++client.record.disconnects;
    client.record.last_error =
        base::StrCat(ec.message(), " (close code ", static_cast<int>(client.ws->reason().code),
                     " ", std::string(client.ws->reason().reason.c_str()), ")");
    if (client.record.first_disconnect.empty()) {
      client.record.first_disconnect = client.record.last_error;
    }
    bool reopened = false;
    while (!closing_ && !reopened) {
      pause.expires_after(kReconnectDelay);
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      if (!closing_) reopened = co_await Open(client);
    }
    if (!reopened) break;
  }
  --following_;
}

void WsFleet::OnFrame(Client& client, std::string_view text) {
  const SteadyTime now = std::chrono::steady_clock::now();
  frames_.fetch_add(1, std::memory_order_relaxed);
  bytes_.fetch_add(static_cast<int64_t>(text.size()), std::memory_order_relaxed);
  if (ScanMessage(text).type == "batch") {
    for (const std::string_view message : SplitBatch(text)) OnMessage(client, message, now);
  } else {
    OnMessage(client, text, now);
  }
}

void WsFleet::OnMessage(Client& client, std::string_view text, SteadyTime now) {
  messages_.fetch_add(1, std::memory_order_relaxed);
  const WsMessage message = ScanMessage(text);
  WsClientRecord& record = client.record;
  if (message.type == "event") {
    if (message.seq <= record.last_seq) {
      ++record.duplicates;
    } else {
      record.last_seq = message.seq;
      record.events.push_back({.seq = message.seq, .post_id = message.post_id, .received = now});
    }
  } else if (message.type == "hello") {
    // Only the first hello starts the count; after a reconnect the catch-up follows it.
    if (record.hello_seq < 0) {
      record.hello_seq = message.seq;
      record.last_seq = message.seq;
    }
  } else if (message.type == "resync") {
    ++record.resyncs;
    record.last_seq = std::max(record.last_seq, message.seq);
  } else {
    ++record.other;
  }
}

absl::Status WsFleet::ConnectAll(int parallel, std::chrono::seconds timeout) {
  std::atomic<int> lanes_done = 0;
  std::atomic<int> failed = 0;
  const int lanes = std::max(1, std::min<int>(parallel, static_cast<int>(clients_.size())));
  for (int lane = 0; lane < lanes; ++lane) {
    asio::co_spawn(
        io_,
        [this, lane, lanes, &lanes_done, &failed]() -> asio::awaitable<void> {
          for (size_t i = lane; i < clients_.size(); i += lanes) {
            Client& client = *clients_[i];
            if (co_await Open(client)) {
              ++following_;
              asio::co_spawn(io_, Follow(client), asio::detached);
            } else {
              ++failed;
            }
          }
          ++lanes_done;
        },
        asio::detached);
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (lanes_done.load() < lanes) {
    if (std::chrono::steady_clock::now() > deadline) {
      return absl::DeadlineExceededError(
          base::StrCat("realtime clients did not connect within ", timeout.count(), " s"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (failed > 0) {
    std::string reason;
    for (const auto& client : clients_) {
      if (client->record.hello_seq < 0) {
        reason = client->record.last_error;
        break;
      }
    }
    return absl::UnavailableError(
        base::StrCat(failed.load(), " of ", clients_.size(), " realtime clients could not connect: ",
                     reason));
  }
  return absl::OkStatus();
}

void WsFleet::CloseAll() {
  RunAndWait(io_, [this]() -> asio::awaitable<void> {
    closing_ = true;
    for (auto& client : clients_) {
      if (!client->ws || !client->ws->is_open()) continue;
      asio::co_spawn(
          io_,
          [ws = client->ws.get()]() -> asio::awaitable<void> {
            beast::error_code ec;
            co_await ws->async_close(websocket::close_code::normal,
                                     asio::redirect_error(asio::use_awaitable, ec));
          },
          asio::detached);
    }
    asio::steady_timer poll(io_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    beast::error_code ec;
    while (following_ > 0 && std::chrono::steady_clock::now() < deadline) {
      poll.expires_after(std::chrono::milliseconds(10));
      co_await poll.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    // Whatever did not finish its close handshake in time is cut off.
    for (auto& client : clients_) {
      if (client->ws) beast::get_lowest_layer(*client->ws).close();
    }
    while (following_ > 0) {
      poll.expires_after(std::chrono::milliseconds(10));
      co_await poll.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
  });
}

double WsFleet::ClientCpuSeconds() {
  double seconds = 0;
  RunAndWait(io_, [&seconds]() -> asio::awaitable<void> {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    seconds = static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
    co_return;
  });
  return seconds;
}

std::vector<WsClientRecord> WsFleet::TakeRecords() {
  std::vector<WsClientRecord> records;
  records.reserve(clients_.size());
  for (auto& client : clients_) records.push_back(std::move(client->record));
  return records;
}

}  // namespace webcare::bench
