#include "ingest/webhook/webhook_sender.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/crypto.h"
#include "base/strings.h"
#include "base/test_http_receiver.h"

namespace webcare::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using base::testing_support::ListenOnLoopback;
using base::testing_support::LoopbackHttpReceiver;
using base::testing_support::ReceivedRequest;
using base::testing_support::ScriptedAnswer;

// The receiver's address the tests post to.
constexpr std::string_view kHookPath = "/hooks/webcare";

constexpr std::string_view kBody = R"({"event":"test"})";

WebhookTarget Target(std::string url) {
  return WebhookTarget{.url = std::move(url), .secret = "whsec_test"};
}

TEST(WebhookSenderTest, PostsSignedJsonAndReportsDelivered) {
  base::FakeClock clock(1'700'000'000 * base::kMicrosPerSecond + 123'456);
  WebhookSender sender(clock);
  LoopbackHttpReceiver receiver(ScriptedAnswer{.status = 200});
  const DeliveryResult result =
      sender.Send(Target(receiver.url(kHookPath)), "conversation.assigned", "dlv_42", kBody);
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
    LoopbackHttpReceiver receiver(ScriptedAnswer{.status = status});
    const DeliveryResult result = sender.Send(Target(receiver.url(kHookPath)), "test", "d1", kBody);
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
    LoopbackHttpReceiver receiver(ScriptedAnswer{.status = status});
    const DeliveryResult result = sender.Send(Target(receiver.url(kHookPath)), "test", "d1", kBody);
    EXPECT_EQ(result.outcome, DeliveryOutcome::kFailed);
    EXPECT_EQ(result.http_status, status);
    EXPECT_EQ(result.error, base::StrCat("HTTP ", status, " from receiver"));
  }
}

TEST(WebhookSenderTest, AnyTwoHundredIsDelivered) {
  base::FakeClock clock;
  WebhookSender sender(clock);
  LoopbackHttpReceiver receiver(ScriptedAnswer{.status = 204});
  const DeliveryResult result = sender.Send(Target(receiver.url(kHookPath)), "test", "d1", kBody);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kDelivered);
  EXPECT_EQ(result.http_status, 204);
}

TEST(WebhookSenderTest, DoesNotFollowRedirects) {
  base::FakeClock clock;
  WebhookSender sender(clock);
  LoopbackHttpReceiver receiver(ScriptedAnswer{.status = 302, .extra_headers = "Location: /elsewhere\r\n"});
  const DeliveryResult result = sender.Send(Target(receiver.url(kHookPath)), "test", "d1", kBody);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kFailed);
  EXPECT_EQ(result.http_status, 302);
  EXPECT_THAT(result.error, StartsWith("HTTP 302 from receiver"));
  EXPECT_THAT(result.error, HasSubstr("redirects are not followed"));
  EXPECT_EQ(receiver.request_count(), 1u);  // Had the sender followed, it would have come back.
}

TEST(WebhookSenderTest, SilentReceiverTimesOutAndIsRetried) {
  base::FakeClock clock;
  WebhookSender sender(clock);
  LoopbackHttpReceiver receiver(ScriptedAnswer{.silent = true});
  WebhookTarget target = Target(receiver.url(kHookPath));
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
  std::vector<std::unique_ptr<LoopbackHttpReceiver>> receivers;
  for (int i = 0; i < kThreads; ++i) {
    receivers.push_back(std::make_unique<LoopbackHttpReceiver>(ScriptedAnswer{.status = 200 + i}));
  }
  std::vector<DeliveryResult> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      results[i] = sender.Send(Target(receivers[i]->url(kHookPath)), "test", base::StrCat("d", i),
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
