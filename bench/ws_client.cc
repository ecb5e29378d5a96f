#include "bench/ws_client.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <time.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <thread>

#include "base/strings.h"
#include "bench/ws_frames.h"

namespace webcare::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

constexpr char kRealtimePath[] = "/api/v1/realtime";
// As the web UI: the first reconnect after half a second.
constexpr std::chrono::milliseconds kReconnectDelay(500);
// How much one read asks the socket for at least.
constexpr size_t kReadChunk = 64 << 10;
// Clients mask what they send (RFC 6455 section 5.3); the key only has to differ from frame
// to frame for browsers' sake, which a benchmark's server does not care about.
constexpr uint32_t kMask = 0x5EB0C4A1;

}  // namespace

struct WsFleet::Client {
  WsClientRecord record;
  std::string token;
  std::unique_ptr<tcp::socket> socket;
  // Bytes read: buffer[consumed, filled) are not yet consumed. Sized once and reused; a
  // string resized for every read would clear each new chunk first.
  std::vector<char> buffer;
  size_t consumed = 0;
  size_t filled = 0;
  std::string fragments;  // A message split over frames, until its last frame.
  std::string message;    // The last message put together from fragments.

  std::string_view unread() const { return {buffer.data() + consumed, filled - consumed}; }
};

namespace {

// Reads at least one more byte into the client's buffer, first moving what is unread to its
// start, and growing it when a frame needs more room than is left.
template <typename Client>
asio::awaitable<bool> ReadMore(Client& client, beast::error_code& ec) {
  if (client.consumed > 0) {
    std::memmove(client.buffer.data(), client.buffer.data() + client.consumed, client.filled - client.consumed);
    client.filled -= client.consumed;
    client.consumed = 0;
  }
  if (client.buffer.size() - client.filled < kReadChunk) client.buffer.resize(client.filled + 2 * kReadChunk);
  const size_t read = co_await client.socket->async_read_some(
      asio::buffer(client.buffer.data() + client.filled, client.buffer.size() - client.filled),
      asio::redirect_error(asio::use_awaitable, ec));
  client.filled += read;
  co_return !ec;
}

// Writes a small frame at once; nothing else writes to the socket at the same time.
void WriteFrame(tcp::socket& socket, WsOpcode opcode, std::string_view payload) {
  beast::error_code ec;
  asio::write(socket, asio::buffer(MakeClientWsFrame(opcode, payload, kMask)), ec);
}

}  // namespace

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
  client.socket = std::make_unique<tcp::socket>(io_);
  client.consumed = client.filled = 0;
  client.fragments.clear();
  tcp::socket& socket = *client.socket;
  // Whatever hangs (the connection, the handshake, the hello) ends after 30 s.
  asio::steady_timer guard(io_);
  guard.expires_after(std::chrono::seconds(30));
  guard.async_wait([&socket](const beast::error_code& waited) {
    if (!waited) socket.close();
  });
  co_await socket.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), port_),
                                asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    client.record.last_error = base::StrCat("connect: ", ec.message());
    co_return false;
  }
  socket.set_option(tcp::no_delay(true), ec);
  std::string target = kRealtimePath;
  // Reconnecting: everything after the last seq seen, as the web UI asks.
  if (client.record.hello_seq >= 0) base::StrAppend(target, "?since=", client.record.last_seq);
  // The key is fixed: the server only answers it, and the benchmark does not check the answer.
  const std::string request = base::StrCat(
      "GET ", target, " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: d2ViY2FyZS1iZW5jaC1rZXk=\r\nSec-WebSocket-Version: 13\r\n"
      "Authorization: Bearer ", client.token, "\r\n\r\n");
  co_await asio::async_write(socket, asio::buffer(request), asio::redirect_error(asio::use_awaitable, ec));
  size_t head_end = std::string::npos;
  while (!ec && (head_end = client.unread().find("\r\n\r\n")) == std::string::npos) {
    co_await ReadMore(client, ec);
  }
  if (ec) {
    client.record.last_error = base::StrCat("handshake: ", ec.message());
    co_return false;
  }
  if (const std::string_view response = client.unread(); !response.starts_with("HTTP/1.1 101")) {
    client.record.last_error = base::StrCat("handshake: ", response.substr(0, response.find("\r\n")), " ",
                                            response.substr(head_end + 4, 200));
    co_return false;
  }
  client.consumed = head_end + 4;  // The frames may have come with the response.
  // The hello comes first; a client counts as connected once it has it.
  const std::optional<std::string_view> hello = co_await ReadMessage(client, ec);
  guard.cancel();
  if (!hello) {
    client.record.last_error = base::StrCat("first read: ", ec.message(), " ", client.record.last_error);
    co_return false;
  }
  OnFrame(client, *hello);
  co_return true;
}

asio::awaitable<std::optional<std::string_view>> WsFleet::ReadMessage(Client& client, beast::error_code& ec) {
  tcp::socket& socket = *client.socket;
  while (true) {
    const std::string_view unread = client.unread();
    const std::optional<WsFrameHeader> header = ParseWsFrameHeader(unread);
    if (!header || unread.size() - header->header_bytes < header->payload_bytes) {
      if (!co_await ReadMore(client, ec)) co_return std::nullopt;
      continue;
    }
    if (header->masked) {
      ec = asio::error::invalid_argument;
      client.record.last_error = "the server masked a frame";
      co_return std::nullopt;
    }
    const std::string_view payload = unread.substr(header->header_bytes, header->payload_bytes);
    client.consumed += header->header_bytes + header->payload_bytes;
    switch (header->opcode) {
      case WsOpcode::kText:
      case WsOpcode::kBinary:
      case WsOpcode::kContinuation:
        if (header->fin && client.fragments.empty()) co_return payload;  // Valid until the next read.
        client.fragments.append(payload);
        if (header->fin) {
          client.message.swap(client.fragments);
          client.fragments.clear();
          co_return std::string_view(client.message);
        }
        break;
      case WsOpcode::kPing:
        WriteFrame(socket, WsOpcode::kPong, payload);
        break;
      case WsOpcode::kPong:
        break;
      case WsOpcode::kClose: {
        const WsClose close = ParseWsClose(payload);
        client.record.last_error = base::StrCat("closed by the server (close code ", close.code, " ",
                                                close.reason, ")");
        if (!closing_) WriteFrame(socket, WsOpcode::kClose, payload.substr(0, 2));  // Answer it.
        ec = asio::error::eof;
        co_return std::nullopt;
      }
    }
  }
}

asio::awaitable<void> WsFleet::Follow(Client& client) {
  beast::error_code ec;
  asio::steady_timer pause(io_);
  while (true) {
    const std::optional<std::string_view> message = co_await ReadMessage(client, ec);
    if (message) {
      OnFrame(client, *message);
      continue;
    }
    beast::error_code ignored;
    client.socket->close(ignored);
    if (closing_) break;
    ++client.record.disconnects;
    if (client.record.last_error.empty()) client.record.last_error = ec.message();
    if (client.record.first_disconnect.empty()) {
      client.record.first_disconnect = client.record.last_error;
    }
    client.record.last_error.clear();
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
    // A close frame (1000, normal) to each; its reader ends when the server answers.
    const std::string normal("\x03\xE8", 2);
    for (auto& client : clients_) {
      if (client->socket && client->socket->is_open()) WriteFrame(*client->socket, WsOpcode::kClose, normal);
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
      if (client->socket) client->socket->close(ec);
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
