#include "ingest/webhook/webhook_sender.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/crypto.h"
#include "base/strings.h"

namespace webcare::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// A listening socket on 127.0.0.1 with a port chosen by the kernel.
int ListenOnLoopback(int& port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(fd, 4) != 0) {
    ADD_FAILURE() << "cannot listen on 127.0.0.1";
    return -1;
  }
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  port = ntohs(address.sin_port);
  return fd;
}

// One HTTP request as the receiver saw it.
struct ReceivedRequest {
  std::string request_line;
  std::map<std::string, std::string> headers;  // Names in lower case.
  std::string body;
};

ReceivedRequest ParseRequest(const std::string& raw) {
  ReceivedRequest request;
  const size_t end_of_headers = raw.find("\r\n\r\n");
  const std::string head = raw.substr(0, end_of_headers);
  request.body = end_of_headers == std::string::npos ? "" : raw.substr(end_of_headers + 4);
  bool first = true;
  for (std::string_view line : base::Split(head, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (first) {
      request.request_line = std::string(line);
      first = false;
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    request.headers[base::AsciiLower(line.substr(0, colon))] = std::string(value);
  }
  return request;
}

// A real HTTP receiver on a loopback port, run on its own thread. It accepts one connection,
// reads one request, and answers with the scripted status, or, when `answer` is false, reads
// until the client gives up and closes the connection.
class TestReceiver {
 public:
  explicit TestReceiver(int status, bool answer = true, std::string extra_headers = "")
      : listen_fd_(ListenOnLoopback(port_)) {
    thread_ = std::thread(
        [this, status, answer, extra_headers] { Serve(status, answer, extra_headers); });
  }
  ~TestReceiver() {
    thread_.join();
    close(listen_fd_);
  }

  std::string url(std::string_view path = "/hooks/webcare") const {
    return base::StrCat("http://127.0.0.1:", port_, path);
  }
  // The request, once the receiver thread has finished.
  ReceivedRequest Request() {
    thread_.join();
    thread_ = std::thread([] {});
    std::lock_guard lock(mutex_);
    return ParseRequest(raw_);
  }

 private:
  void Serve(int status, bool answer, const std::string& extra_headers) {
    // Give up after 10 s so that a broken sender fails the test instead of hanging it.
    pollfd waiting{listen_fd_, POLLIN, 0};
    if (poll(&waiting, 1, 10'000) != 1) return;
    const int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) return;
    std::string raw;
    char buffer[4096];
    while (!RequestComplete(raw)) {
      const ssize_t got = recv(fd, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      raw.append(buffer, static_cast<size_t>(got));
    }
    {
      std::lock_guard lock(mutex_);
      raw_ = raw;
    }
    if (answer) {
      const std::string response = base::StrCat("HTTP/1.1 ", status, " Scripted\r\n", extra_headers,
                                                "Content-Length: 2\r\nConnection: close\r\n\r\nok");
      send(fd, response.data(), response.size(), MSG_NOSIGNAL);
    } else {
      // Silent until the sender times out and closes its end.
      pollfd silent{fd, POLLIN, 0};
      while (poll(&silent, 1, 10'000) == 1 && recv(fd, buffer, sizeof buffer, 0) > 0) {
      }
    }
    close(fd);
  }

  static bool RequestComplete(const std::string& raw) {
    const size_t end_of_headers = raw.find("\r\n\r\n");
    if (end_of_headers == std::string::npos) return false;
    const ReceivedRequest request = ParseRequest(raw);
    size_t length = 0;
    const auto it = request.headers.find("content-length");
    if (it != request.headers.end() && !base::ParseInt(it->second, length)) return true;
    return raw.size() >= end_of_headers + 4 + length;
  }

  int port_ = 0;
  int listen_fd_;
  std::mutex mutex_;
  std::string raw_;
  std::thread thread_;
};

constexpr std::string_view kBody = R"({"event":"test"})";

WebhookTarget Target(std::string url) {
  return WebhookTarget{.url = std::move(url), .secret = "whsec_test"};
}

TEST(WebhookSenderTest, PostsSignedJsonAndReportsDelivered) {
  base::FakeClock clock(1'700'000'000 * base::kMicrosPerSecond + 123'456);
  WebhookSender sender(clock);
  TestReceiver receiver(200);
  const DeliveryResult result =
      sender.Send(Target(receiver.url()), "conversation.assigned", "dlv_42", kBody);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kDelivered);
  EXPECT_EQ(result.http_status, 200);
  EXPECT_EQ(result.error, "");

  const ReceivedRequest request = receiver.Request();
  EXPECT_EQ(request.request_line, "POST /hooks/webcare HTTP/1.1");
  EXPECT_EQ(request.body, kBody);
  EXPECT_EQ(request.headers.at("content-type"), "application/json");
  EXPECT_EQ(request.headers.at("content-length"), "16");
  EXPECT_EQ(request.headers.at("user-agent"), "Webcare-Webhook/1");
  EXPECT_EQ(request.headers.at("x-webcare-event"), "conversation.assigned");
  EXPECT_EQ(request.headers.at("x-webcare-delivery"), "dlv_42");
  EXPECT_EQ(request.headers.at("x-webcare-timestamp"), "1700000000");
  EXPECT_EQ(request.headers.count("expect"), 0u);
  // What a receiver does: recompute over the raw body and compare in constant time. The
  // expected value is also what `openssl dgst -sha256 -hmac whsec_test` gives (see below).
  const std::string signature = request.headers.at("x-webcare-signature");
  EXPECT_TRUE(base::ConstantTimeEquals(
      signature,
      "sha256=" +
          WebhookSignature("whsec_test", request.headers.at("x-webcare-timestamp"), request.body)));
  EXPECT_EQ(signature, "sha256=21d2d3606ebbdbf9307ee15e83085df2b83c83dd87cc2e6d2ea6b1cb61afdc3c");
}

TEST(WebhookSenderTest, SignatureMatchesOpenSsl) {
  // printf '1700000000.{"event":"test"}' | openssl dgst -sha256 -hmac whsec_test
  EXPECT_EQ(WebhookSignature("whsec_test", "1700000000", kBody),
            "21d2d3606ebbdbf9307ee15e83085df2b83c83dd87cc2e6d2ea6b1cb61afdc3c");
  EXPECT_NE(WebhookSignature("whsec_test", "1700000001", kBody),
            WebhookSignature("whsec_test", "1700000000", kBody));
  EXPECT_NE(WebhookSignature("whsec_other", "1700000000", kBody),
            WebhookSignature("whsec_test", "1700000000", kBody));
}

TEST(WebhookSenderTest, ServerErrorsAndThrottlingAreRetried) {
  base::FakeClock clock;
  WebhookSender sender(clock);
  for (int status : {500, 503, 408, 429}) {
    SCOPED_TRACE(status);
    TestReceiver receiver(status);
    const DeliveryResult result = sender.Send(Target(receiver.url()), "test", "d1", kBody);
    EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
    EXPECT_EQ(result.http_status, status);
    EXPECT_EQ(result.error, base::StrCat("HTTP ", status, " from receiver"));
  }
}

TEST(WebhookSenderTest, OtherClientErrorsFailPermanently) {
  base::FakeClock clock;
  WebhookSender sender(clock);
  for (int status : {404, 400, 401, 410}) {
    SCOPED_TRACE(status);
    TestReceiver receiver(status);
    const DeliveryResult result = sender.Send(Target(receiver.url()), "test", "d1", kBody);
    EXPECT_EQ(result.outcome, DeliveryOutcome::kFailed);
    EXPECT_EQ(result.http_status, status);
    EXPECT_EQ(result.error, base::StrCat("HTTP ", status, " from receiver"));
  }
}

TEST(WebhookSenderTest, AnyTwoHundredIsDelivered) {
  base::FakeClock clock;
  WebhookSender sender(clock);
  TestReceiver receiver(204);
  const DeliveryResult result = sender.Send(Target(receiver.url()), "test", "d1", kBody);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kDelivered);
  EXPECT_EQ(result.http_status, 204);
}

TEST(WebhookSenderTest, DoesNotFollowRedirects) {
  base::FakeClock clock;
  WebhookSender sender(clock);
  // Had the sender followed, it would have connected again and found nobody listening.
  TestReceiver receiver(302, true, "Location: /elsewhere\r\n");
  const DeliveryResult result = sender.Send(Target(receiver.url()), "test", "d1", kBody);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kFailed);
  EXPECT_EQ(result.http_status, 302);
  EXPECT_THAT(result.error, StartsWith("HTTP 302 from receiver"));
  EXPECT_THAT(result.error, HasSubstr("redirects are not followed"));
}

TEST(WebhookSenderTest, SilentReceiverTimesOutAndIsRetried) {
  base::FakeClock clock;
  WebhookSender sender(clock);
  TestReceiver receiver(200, /*answer=*/false);
  WebhookTarget target = Target(receiver.url());
  target.timeout = 300'000;  // 0.3 s.
  const auto start = std::chrono::steady_clock::now();
  const DeliveryResult result = sender.Send(target, "test", "d1", kBody);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
  EXPECT_EQ(result.http_status, 0);
  EXPECT_EQ(result.error, "timed out after 300 ms");
  EXPECT_GE(elapsed, std::chrono::milliseconds(250));
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  EXPECT_EQ(receiver.Request().body, kBody);  // It got there; the answer did not.
}

TEST(WebhookSenderTest, ClosedPortIsRetried) {
  int port = 0;
  const int fd = ListenOnLoopback(port);
  close(fd);  // Nobody listens on `port` now.
  base::FakeClock clock;
  WebhookSender sender(clock);
  const DeliveryResult result =
      sender.Send(Target(base::StrCat("http://127.0.0.1:", port, "/hooks")), "test", "d1", kBody);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
  EXPECT_EQ(result.http_status, 0);
  EXPECT_EQ(result.error, "connection refused");
}

TEST(WebhookSenderTest, RejectsBadTargetsWithoutSending) {
  base::FakeClock clock;
  WebhookSender sender(clock);
  for (std::string url : {"", "ftp://example.org/x", "file:///etc/passwd", "example.org/hook"}) {
    SCOPED_TRACE(url);
    const DeliveryResult result = sender.Send(Target(url), "test", "d1", kBody);
    EXPECT_EQ(result.outcome, DeliveryOutcome::kFailed);
    EXPECT_EQ(result.http_status, 0);
    EXPECT_THAT(result.error, HasSubstr("http:// or https://"));
  }
  // A line break in a header value would let the caller write headers of its own.
  const DeliveryResult injected =
      sender.Send(Target("http://127.0.0.1:1/"), "test\r\nX-Evil: 1", "d1", kBody);
  EXPECT_EQ(injected.outcome, DeliveryOutcome::kFailed);
  const DeliveryResult empty_id = sender.Send(Target("http://127.0.0.1:1/"), "test", "", kBody);
  EXPECT_EQ(empty_id.outcome, DeliveryOutcome::kFailed);
}

TEST(WebhookSenderTest, SendsFromManyThreadsAtOnce) {
  base::FakeClock clock;
  WebhookSender sender(clock);
  constexpr int kThreads = 4;
  std::vector<std::unique_ptr<TestReceiver>> receivers;
  for (int i = 0; i < kThreads; ++i) receivers.push_back(std::make_unique<TestReceiver>(200 + i));
  std::vector<DeliveryResult> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      results[i] = sender.Send(Target(receivers[i]->url()), "test", base::StrCat("d", i),
                               base::StrCat(R"({"n":)", i, "}"));
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(results[i].outcome, DeliveryOutcome::kDelivered);
    EXPECT_EQ(results[i].http_status, 200 + i);
    const ReceivedRequest request = receivers[i]->Request();
    EXPECT_EQ(request.headers.at("x-webcare-delivery"), base::StrCat("d", i));
    EXPECT_EQ(request.body, base::StrCat(R"({"n":)", i, "}"));
  }
}

TEST(RetryDelayTest, FollowsTheScheduleThenGivesUp) {
  EXPECT_EQ(RetryDelay(1), 10 * base::kMicrosPerSecond);
  EXPECT_EQ(RetryDelay(2), 30 * base::kMicrosPerSecond);
  EXPECT_EQ(RetryDelay(3), 2 * 60 * base::kMicrosPerSecond);
  EXPECT_EQ(RetryDelay(4), 10 * 60 * base::kMicrosPerSecond);
  EXPECT_EQ(RetryDelay(5), 30 * 60 * base::kMicrosPerSecond);
  EXPECT_TRUE(MayRetry(5));
  EXPECT_FALSE(MayRetry(6));
  EXPECT_EQ(kMaxWebhookAttempts, 6);
  // Out of range: clamped, never zero or negative.
  EXPECT_EQ(RetryDelay(0), 10 * base::kMicrosPerSecond);
  EXPECT_EQ(RetryDelay(99), 30 * 60 * base::kMicrosPerSecond);
}

}  // namespace
}  // namespace webcare::ingest
