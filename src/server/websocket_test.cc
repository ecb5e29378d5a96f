// WebSockets end to end: a real HttpServer on a loopback port and a synchronous Boost.Beast
// client.

#include "server/websocket.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "base/strings.h"
#include "server/http_server.h"

namespace webcare::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

// Polls `condition` for up to 10 seconds.
template <typename Condition>
bool Eventually(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

// Records what the server does with one WebSocket, and checks the session contract.
class TestSession : public WebSocketSession {
 public:
  TestSession(std::shared_ptr<WebSocketChannel> channel, bool echo)
      : channel_(std::move(channel)), echo_(echo) {}

  void OnMessage(std::string_view text) override {
    if (close_count_ > 0) ++violations_;            // A message after OnClose.
    if (in_message_.exchange(true)) ++violations_;  // Two messages at once.
    {
      std::lock_guard lock(mutex_);
      messages_.emplace_back(text);
    }
    if (echo_) channel_->Send(std::string(text));
    in_message_ = false;
  }
  void OnClose() override {
    if (in_message_) ++violations_;
    ++close_count_;
  }

  WebSocketChannel& channel() { return *channel_; }
  std::shared_ptr<WebSocketChannel> shared_channel() { return channel_; }
  int close_count() const { return close_count_; }
  int violations() const { return violations_; }
  std::vector<std::string> messages() {
    std::lock_guard lock(mutex_);
    return messages_;
  }

 private:
  std::shared_ptr<WebSocketChannel> channel_;
  const bool echo_;
  std::atomic<bool> in_message_{false};
  std::atomic<int> close_count_{0};
  std::atomic<int> violations_{0};
  std::mutex mutex_;
  std::vector<std::string> messages_;
};

// A blocking WebSocket client.
class Client {
 public:
  explicit Client(uint16_t port, std::string_view target = "/ws", bool offer_deflate = false)
      : ws_(io_) {
    websocket::permessage_deflate deflate;
    deflate.client_enable = offer_deflate;
    ws_.set_option(deflate);
    ws_.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), error_);
    if (!error_) {
      ws_.handshake(response_, "127.0.0.1", beast::string_view(target.data(), target.size()),
                    error_);
    }
  }

  const boost::system::error_code& error() const { return error_; }
  // The handshake response; Beast fills it only when the upgrade succeeded.
  const websocket::response_type& response() const { return response_; }

  bool Write(std::string_view text, bool binary = false) {
    boost::system::error_code ec;
    ws_.binary(binary);
    ws_.write(asio::buffer(text.data(), text.size()), ec);
    return !ec;
  }
  // The next message, or nullopt once the connection has ended (then see close_code()).
  std::optional<std::string> Read() {
    beast::flat_buffer buffer;
    boost::system::error_code ec;
    ws_.read(buffer, ec);
    if (ec) {
      read_error_ = ec;
      return std::nullopt;
    }
    return beast::buffers_to_string(buffer.data());
  }
  // Answers the server's close frame as part of the read.
  bool ReadUntilClosed() {
    while (Read()) {
    }
    return read_error_ == websocket::error::closed;
  }
  int close_code() const { return ws_.reason().code; }
  std::string close_reason() const {
    return std::string(ws_.reason().reason.data(), ws_.reason().reason.size());
  }
  void Close() {
    boost::system::error_code ec;
    ws_.close(websocket::close_code::normal, ec);
  }
  void DropTcp() {
    boost::system::error_code ec;
    ws_.next_layer().close(ec);
  }

 private:
  asio::io_context io_;
  websocket::stream<tcp::socket> ws_;
  websocket::response_type response_;
  boost::system::error_code error_;
  boost::system::error_code read_error_;
};

struct PlainResponse {
  int status = 0;
  std::string body;
};

// A GET to `target`; with `upgrade`, a valid WebSocket upgrade request (Beast's client does not
// return the response when the server declines, in Boost 1.74).
PlainResponse HttpGet(uint16_t port, std::string_view target, bool upgrade = false) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  boost::system::error_code ec;
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return {};
  http::request<http::empty_body> request{http::verb::get,
                                          beast::string_view(target.data(), target.size()), 11};
  request.set(http::field::host, "127.0.0.1");
  if (upgrade) {
    request.set(http::field::connection, "Upgrade");
    request.set(http::field::upgrade, "websocket");
    request.set(http::field::sec_websocket_version, "13");
    request.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
  }
  http::write(stream, request, ec);
  if (ec) return {};
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(stream, buffer, response, ec);
  if (ec) return {};
  return {static_cast<int>(response.result_int()), response.body()};
}

class WebSocketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A blocking client read would hang the test binary if the server misbehaved.
    watchdog_ = std::thread([this] {
      std::unique_lock lock(watchdog_mutex_);
      if (!watchdog_cv_.wait_for(lock, 90s, [this] { return test_done_; })) {
        std::fprintf(stderr, "websocket_test: test hung; aborting\n");
        std::abort();
      }
    });
  }

  void TearDown() override {
    StopServer();
    {
      std::lock_guard lock(watchdog_mutex_);
      test_done_ = true;
    }
    watchdog_cv_.notify_all();
    watchdog_.join();
    for (const auto& session : Sessions()) EXPECT_EQ(session->violations(), 0);
  }

  void StartServer(int shutdown_grace_seconds = kShutdownGraceSeconds) {
    HttpServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    options.shutdown_grace_seconds = shutdown_grace_seconds;
    server_ = std::make_unique<HttpServer>(options, [this](HttpRequest& request) {
      if (request.path == "/block") {
        // Holds a handler thread until ReleaseBlockedHandlers(), like a request waiting for
        // the database's writer.
        std::unique_lock lock(blocked_mutex_);
        ++blocked_handlers_;
        blocked_changed_.notify_all();
        blocked_changed_.wait(lock, [this] { return handlers_released_; });
      }
      HttpResponse response;
      response.content_type = "text/plain";
      response.body = "plain " + request.path;
      return response;
    });
    server_->AddWebSocket(
        "/ws",
        [this](const HttpRequest& request, std::shared_ptr<WebSocketChannel> channel)
            -> std::variant<std::shared_ptr<WebSocketSession>, HttpResponse> {
          std::lock_guard lock(mutex_);
          requests_.push_back(request);
          if (refuse_) {
            refused_channel_ = channel;
            HttpResponse response;
            response.status = 401;
            response.body = R"({"error":{"code":"UNAUTHENTICATED","message":"log in"}})";
            return response;
          }
          auto session = std::make_shared<TestSession>(std::move(channel), echo_);
          sessions_.push_back(session);
          return session;
        });
    ASSERT_TRUE(server_->Listen().ok());
    port_ = server_->port();
    runner_ = std::thread([this] { server_->Run(); });
  }

  // Blocks until Run() returned.
  void StopServer() {
    if (!runner_.joinable()) return;
    server_->Stop();
    runner_.join();
  }

  static constexpr int kShutdownGraceSeconds = 10;
  struct Connected {
    std::unique_ptr<Client> client;
    std::shared_ptr<TestSession> session;  // Null when the client could not connect.
  };
  // Starts the server (as StartServer) and opens one WebSocket to /ws: the client and the
  // server's session of it.
  Connected StartAndConnect(int shutdown_grace_seconds = kShutdownGraceSeconds) {
    StartServer(shutdown_grace_seconds);
    Connected connected{.client = std::make_unique<Client>(port_), .session = nullptr};
    EXPECT_FALSE(connected.client->error()) << connected.client->error().message();
    if (!connected.client->error()) connected.session = Session(0);
    return connected;
  }

  std::vector<std::shared_ptr<TestSession>> Sessions() {
    std::lock_guard lock(mutex_);
    return sessions_;
  }
  // The session of the index-th accepted WebSocket. The acceptor runs before the handshake
  // response is written, so after a client's handshake its session is already there.
  std::shared_ptr<TestSession> Session(size_t index) {
    std::lock_guard lock(mutex_);
    return index < sessions_.size() ? sessions_[index] : nullptr;
  }

  // Waits (up to 10 s) until `count` requests to /block are inside the handler.
  bool HandlersBlocked(int count) {
    std::unique_lock lock(blocked_mutex_);
    return blocked_changed_.wait_for(lock, 10s, [&] { return blocked_handlers_ >= count; });
  }
  void ReleaseBlockedHandlers() {
    std::lock_guard lock(blocked_mutex_);
    handlers_released_ = true;
    blocked_changed_.notify_all();
  }

  std::unique_ptr<HttpServer> server_;
  uint16_t port_ = 0;
  std::thread runner_;

  std::mutex mutex_;
  bool echo_ = false;
  bool refuse_ = false;
  std::vector<HttpRequest> requests_;
  std::vector<std::shared_ptr<TestSession>> sessions_;
  std::shared_ptr<WebSocketChannel> refused_channel_;

 private:
  std::mutex blocked_mutex_;
  std::condition_variable blocked_changed_;
  int blocked_handlers_ = 0;
  bool handlers_released_ = false;
  std::thread watchdog_;
  std::mutex watchdog_mutex_;
  std::condition_variable watchdog_cv_;
  bool test_done_ = false;
};

TEST_F(WebSocketTest, EchoSessionGetsMessagesAndSendsBack) {
  echo_ = true;
  StartServer();
  Client client(port_);
  ASSERT_FALSE(client.error()) << client.error().message();
  ASSERT_TRUE(client.Write("hello"));
  EXPECT_EQ(client.Read(), "hello");
  ASSERT_TRUE(client.Write("second message"));
  EXPECT_EQ(client.Read(), "second message");
  EXPECT_EQ(Session(0)->messages(), (std::vector<std::string>{"hello", "second message"}));
}

TEST_F(WebSocketTest, AcceptorGetsTheRequestLikeAHandler) {
  StartServer();
  Client client(port_, "/ws?token=abc%20d&x=1");
  ASSERT_FALSE(client.error()) << client.error().message();
  std::lock_guard lock(mutex_);
  ASSERT_EQ(requests_.size(), 1u);
  const HttpRequest& request = requests_[0];
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.path, "/ws");
  EXPECT_EQ(request.Query("token"), "abc d");
  EXPECT_EQ(request.Query("x"), "1");
  EXPECT_EQ(request.Header("upgrade"), "websocket");
  EXPECT_EQ(request.Header("sec-websocket-version"), "13");
  EXPECT_EQ(request.remote_address, "127.0.0.1");
}

TEST_F(WebSocketTest, KeepsTheOrderOfManyMessagesSentFromAnotherThread) {
  auto [client, session] = StartAndConnect();
  ASSERT_NE(session, nullptr);
  constexpr int kCount = 10'000;
  std::atomic<int> refused{0};
  std::thread sender([&] {
    for (int i = 0; i < kCount; ++i) {
      if (!session->channel().Send(base::StrCat("message ", i))) ++refused;
    }
  });
  for (int i = 0; i < kCount; ++i) {
    auto message = client->Read();
    ASSERT_TRUE(message.has_value()) << "after " << i << " messages";
    ASSERT_EQ(*message, base::StrCat("message ", i));
  }
  sender.join();
  EXPECT_EQ(refused, 0);
}

TEST_F(WebSocketTest, SendFromSeveralThreadsAtOnce) {
  auto [client, session] = StartAndConnect();
  ASSERT_NE(session, nullptr);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 2'500;
  std::atomic<int> refused{0};
  std::vector<std::thread> senders;
  for (int t = 0; t < kThreads; ++t) {
    senders.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        if (!session->channel().Send(base::StrCat(t, ":", i))) ++refused;
      }
    });
  }
  std::vector<int> next(kThreads, 0);
  for (int n = 0; n < kThreads * kPerThread; ++n) {
    auto message = client->Read();
    ASSERT_TRUE(message.has_value()) << "after " << n << " messages";
    const size_t colon = message->find(':');
    ASSERT_NE(colon, std::string::npos) << *message;
    const int thread = std::stoi(message->substr(0, colon));
    ASSERT_GE(thread, 0);
    ASSERT_LT(thread, kThreads);
    // Each thread's messages arrive whole and in the order that thread sent them.
    ASSERT_EQ(message->substr(colon + 1), std::to_string(next[thread])) << *message;
    ++next[thread];
  }
  for (auto& sender : senders) sender.join();
  EXPECT_EQ(refused, 0);
  EXPECT_EQ(next, std::vector<int>(kThreads, kPerThread));
}

TEST_F(WebSocketTest, AcceptorRefusalReachesTheClientAsHttp) {
  refuse_ = true;
  StartServer();
  Client client(port_);
  EXPECT_EQ(client.error(), websocket::error::upgrade_declined) << client.error().message();
  const PlainResponse refusal = HttpGet(port_, "/ws", /*upgrade=*/true);
  EXPECT_EQ(refusal.status, 401);
  EXPECT_NE(refusal.body.find("UNAUTHENTICATED"), std::string::npos) << refusal.body;
  std::lock_guard lock(mutex_);
  ASSERT_NE(refused_channel_, nullptr);
  EXPECT_FALSE(refused_channel_->Send("nobody listens"));
}

TEST_F(WebSocketTest, OtherRequestsToThePathGoToTheHandler) {
  StartServer();
  const PlainResponse plain = HttpGet(port_, "/ws");
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.body, "plain /ws");
  // An upgrade request elsewhere is an ordinary request too.
  Client elsewhere(port_, "/other");
  EXPECT_EQ(elsewhere.error(), websocket::error::upgrade_declined);
  const PlainResponse other = HttpGet(port_, "/other", /*upgrade=*/true);
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.body, "plain /other");
  std::lock_guard lock(mutex_);
  EXPECT_TRUE(requests_.empty());
}

TEST_F(WebSocketTest, OnCloseOnceWhenTheClientCloses) {
  auto [client, session] = StartAndConnect();
  ASSERT_NE(session, nullptr);
  client->Close();
  ASSERT_TRUE(Eventually([&] { return session->close_count() > 0; }));
  EXPECT_FALSE(session->channel().Send("too late"));
  StopServer();
  EXPECT_EQ(session->close_count(), 1);
}

TEST_F(WebSocketTest, OnCloseOnceWhenTheClientDropsTheConnection) {
  auto [client, session] = StartAndConnect();
  ASSERT_NE(session, nullptr);
  client->DropTcp();
  ASSERT_TRUE(Eventually([&] { return session->close_count() > 0; }));
  EXPECT_FALSE(session->channel().Send("too late"));
  StopServer();
  EXPECT_EQ(session->close_count(), 1);
}

TEST_F(WebSocketTest, StopClosesWebSocketsWith1001) {
  auto [client, session] = StartAndConnect();
  ASSERT_NE(session, nullptr);
  const auto start = std::chrono::steady_clock::now();
  std::thread stopper([this] { StopServer(); });
  EXPECT_TRUE(client->ReadUntilClosed());
  EXPECT_EQ(client->close_code(), 1001);
  EXPECT_EQ(client->close_reason(), "server shutting down");
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(session->close_count(), 1);
  EXPECT_FALSE(session->channel().Send("after stop"));
}

TEST_F(WebSocketTest, StopFinishesWithinTheGracePeriodWhenTheClientDoesNotAnswer) {
  // The client never reads, so never answers the close.
  auto [client, session] = StartAndConnect(/*shutdown_grace_seconds=*/1);
  ASSERT_NE(session, nullptr);
  const auto start = std::chrono::steady_clock::now();
  StopServer();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_EQ(session->close_count(), 1);
  // The application may keep the channel after the server is gone.
  auto channel = session->shared_channel();
  server_.reset();
  EXPECT_FALSE(channel->Send("after the server"));
  channel->Close(1000, "");
  EXPECT_EQ(session->close_count(), 1);
}

TEST_F(WebSocketTest, ChannelCloseFlushesAndIsIdempotent) {
  auto [client, session] = StartAndConnect();
  ASSERT_NE(session, nullptr);
  ASSERT_TRUE(session->channel().Send("last words"));
  session->channel().Close(4000, "bye");
  session->channel().Close(1000, "again");
  EXPECT_FALSE(session->channel().Send("after close"));
  EXPECT_EQ(client->Read(), "last words");
  EXPECT_TRUE(client->ReadUntilClosed());
  EXPECT_EQ(client->close_code(), 4000);
  EXPECT_EQ(client->close_reason(), "bye");
  ASSERT_TRUE(Eventually([&] { return session->close_count() > 0; }));
  StopServer();
  EXPECT_EQ(session->close_count(), 1);
}

TEST_F(WebSocketTest, CloseDropsAPeerThatDoesNotAnswerWithinSeconds) {
  auto [client, session] = StartAndConnect();  // Never reads, so never answers the close.
  ASSERT_NE(session, nullptr);
  const auto start = std::chrono::steady_clock::now();
  session->channel().Close(1000, "bye");
  // Beast alone would wait 30 seconds for the answer.
  ASSERT_TRUE(Eventually([&] { return session->close_count() > 0; }));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 8s);
}

TEST_F(WebSocketTest, SlowReaderIsClosedWith1008) {
  auto [client, session] = StartAndConnect();  // Does not read until the queue overflowed.
  ASSERT_NE(session, nullptr);
  const std::string chunk(16 << 10, 'x');
  // Socket buffers take some megabytes first; then the queue fills to its 8 MiB limit.
  int sent = 0;
  while (sent < 10'000 && session->channel().Send(chunk)) ++sent;
  ASSERT_LT(sent, 10'000) << "the queue never overflowed";
  EXPECT_FALSE(session->channel().Send("x"));
  // What was written before the overflow arrives, then the close.
  EXPECT_TRUE(client->ReadUntilClosed());
  EXPECT_EQ(client->close_code(), 1008);
  EXPECT_EQ(client->close_reason(), "too slow");
  ASSERT_TRUE(Eventually([&] { return session->close_count() > 0; }));
  EXPECT_EQ(session->close_count(), 1);
}

TEST_F(WebSocketTest, MessageOver64KiBClosesWith1009) {
  echo_ = true;
  auto [client, session] = StartAndConnect();
  ASSERT_NE(session, nullptr);
  const std::string largest(64 << 10, 'a');
  ASSERT_TRUE(client->Write(largest));
  EXPECT_EQ(client->Read(), largest);
  client->Write(std::string((64 << 10) + 1, 'b'));
  EXPECT_TRUE(client->ReadUntilClosed());
  EXPECT_EQ(client->close_code(), 1009);
  ASSERT_TRUE(Eventually([&] { return session->close_count() > 0; }));
  EXPECT_EQ(session->messages().size(), 1u);
}

TEST_F(WebSocketTest, BinaryMessageClosesWith1003) {
  echo_ = true;
  auto [client, session] = StartAndConnect();
  ASSERT_NE(session, nullptr);
  ASSERT_TRUE(client->Write("binary", /*binary=*/true));
  EXPECT_TRUE(client->ReadUntilClosed());
  EXPECT_EQ(client->close_code(), 1003);
  ASSERT_TRUE(Eventually([&] { return session->close_count() > 0; }));
  EXPECT_TRUE(session->messages().empty());
}

TEST_F(WebSocketTest, CompressionIsNotNegotiated) {
  echo_ = true;
  StartServer();
  Client client(port_, "/ws", /*offer_deflate=*/true);
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(client.response().count(http::field::sec_websocket_extensions), 0u);
  EXPECT_EQ(client.response()[http::field::server], "webcare");
  ASSERT_TRUE(client.Write(std::string(1000, 'z')));
  EXPECT_EQ(client.Read(), std::string(1000, 'z'));
}

TEST_F(WebSocketTest, HttpStillWorksWhileWebSocketsAreOpen) {
  echo_ = true;
  StartServer();
  Client first(port_);
  Client second(port_);
  ASSERT_FALSE(first.error()) << first.error().message();
  ASSERT_FALSE(second.error()) << second.error().message();
  for (int i = 0; i < 3; ++i) {
    const PlainResponse plain = HttpGet(port_, "/hello");
    EXPECT_EQ(plain.status, 200);
    EXPECT_EQ(plain.body, "plain /hello");
  }
  ASSERT_TRUE(first.Write("one"));
  ASSERT_TRUE(second.Write("two"));
  EXPECT_EQ(first.Read(), "one");
  EXPECT_EQ(second.Read(), "two");
}

TEST_F(WebSocketTest, WebSocketsKeepFlowingWhileEveryHandlerThreadIsBusy) {
  echo_ = true;
  StartServer();  // Two handler threads.
  std::vector<std::thread> slow_requests;
  for (int i = 0; i < 2; ++i) {
    slow_requests.emplace_back([this] { EXPECT_EQ(HttpGet(port_, "/block").status, 200); });
  }
  EXPECT_TRUE(HandlersBlocked(2));
  // Handlers running on the network threads would leave none to accept, upgrade and echo.
  std::atomic<bool> echoed = false;
  std::thread screen([&] {
    Client client(port_);
    echoed = !client.error() && client.Write("still live") && client.Read() == "still live";
  });
  EXPECT_TRUE(Eventually([&] { return echoed.load(); }));
  ReleaseBlockedHandlers();  // Also on failure, so that the threads below can end.
  screen.join();
  for (std::thread& request : slow_requests) request.join();
}

}  // namespace
}  // namespace webcare::server
