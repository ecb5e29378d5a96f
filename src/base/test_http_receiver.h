#pragma once
// For tests only: a real HTTP receiver on a 127.0.0.1 port the kernel picks, run on a thread of
// its own, that answers each request with the next scripted answer and keeps what it received.
// The webhook sender's unit tests and the integration tests (replies delivered by the real
// binary) both point webhooks at it. POSIX sockets and GoogleTest only, header-only, so any
// test binary can use it without linking more than webcare_base.
//
// Thread-safety: the accessors may be called from any thread while the receiver runs.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/strings.h"

namespace webcare::base::testing_support {

// One HTTP request as the receiver saw it.
struct ReceivedRequest {
  std::string request_line;                   // "POST /hook HTTP/1.1"
  std::map<std::string, std::string> headers;  // Names in lower case.
  std::string body;
};

inline ReceivedRequest ParseHttpRequest(const std::string& raw) {
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

// A socket listening on 127.0.0.1 with a port chosen by the kernel, written to `port`; -1 (and
// a test failure) when that is impossible.
inline int ListenOnLoopback(int& port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(fd, 16) != 0) {
    ADD_FAILURE() << "cannot listen on 127.0.0.1";
    if (fd >= 0) close(fd);
    return -1;
  }
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  port = ntohs(address.sin_port);
  return fd;
}

struct ScriptedAnswer {
  int status = 200;
  std::string extra_headers;  // Whole lines, each ending in "\r\n": "Location: /x\r\n".
  bool silent = false;        // Answer nothing; read until the client gives up and closes.
};

class LoopbackHttpReceiver {
 public:
  // Answers the n-th request with answers[n]; the last answer repeats.
  explicit LoopbackHttpReceiver(std::vector<ScriptedAnswer> answers = {ScriptedAnswer{}})
      : answers_(std::move(answers)), listen_fd_(ListenOnLoopback(port_)) {
    if (answers_.empty()) answers_.push_back({});
    if (listen_fd_ >= 0) thread_ = std::thread([this] { Serve(); });
  }
  // Answers every request the same way.
  explicit LoopbackHttpReceiver(ScriptedAnswer answer)
      : LoopbackHttpReceiver(std::vector<ScriptedAnswer>{std::move(answer)}) {}
  ~LoopbackHttpReceiver() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (listen_fd_ >= 0) close(listen_fd_);
  }
  LoopbackHttpReceiver(const LoopbackHttpReceiver&) = delete;
  LoopbackHttpReceiver& operator=(const LoopbackHttpReceiver&) = delete;

  std::string url(std::string_view path = "/hook") const { return base::StrCat("http://127.0.0.1:", port_, path); }

  // Requests read so far (answered or not).
  size_t request_count() {
    std::lock_guard lock(mutex_);
    return requests_.size();
  }

  // The n-th request (from 0), waiting up to 10 s for it to arrive; an empty request and a
  // test failure when it does not, so a broken sender fails the test instead of hanging it.
  ReceivedRequest Request(size_t n = 0) {
    std::unique_lock lock(mutex_);
    if (!arrived_.wait_for(lock, kPatience, [&] { return requests_.size() > n; })) {
      ADD_FAILURE() << "the receiver got " << requests_.size() << " requests, not " << n + 1;
      return {};
    }
    return requests_[n];
  }

 private:
  static constexpr std::chrono::seconds kPatience{10};
  static constexpr int kTickMillis = 50;  // How often a waiting receiver looks at stop_.

  void Serve() {
    while (!stop_) {
      pollfd waiting{listen_fd_, POLLIN, 0};
      if (poll(&waiting, 1, kTickMillis) != 1) continue;
      const int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      Handle(fd);
      close(fd);
    }
  }

  // Reads one request from `fd` and answers it as scripted.
  void Handle(int fd) {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    std::string raw;
    char buffer[4096];
    bool open = true;
    while (open && !RequestComplete(raw) && !stop_ && std::chrono::steady_clock::now() < deadline) {
      open = ReadSome(fd, raw, buffer, sizeof buffer);
    }
    size_t index = 0;
    {
      std::lock_guard lock(mutex_);
      index = requests_.size();
      requests_.push_back(ParseHttpRequest(raw));
    }
    arrived_.notify_all();
    const ScriptedAnswer& answer = answers_[std::min(index, answers_.size() - 1)];
    if (answer.silent) {
      // Until the client gives up and closes its end.
      while (open && !stop_ && std::chrono::steady_clock::now() < deadline) {
        std::string discarded;
        open = ReadSome(fd, discarded, buffer, sizeof buffer);
      }
      return;
    }
    const std::string response = base::StrCat("HTTP/1.1 ", answer.status, " Scripted\r\n", answer.extra_headers,
                                              "Content-Length: 2\r\nConnection: close\r\n\r\nok");
    send(fd, response.data(), response.size(), MSG_NOSIGNAL);
  }

  // Appends what arrives within one tick; false once the client has closed its end.
  static bool ReadSome(int fd, std::string& raw, char* buffer, size_t size) {
    pollfd readable{fd, POLLIN, 0};
    if (poll(&readable, 1, kTickMillis) != 1) return true;
    const ssize_t got = recv(fd, buffer, size, 0);
    if (got <= 0) return false;
    raw.append(buffer, static_cast<size_t>(got));
    return true;
  }

  // Headers, then the body by Content-Length.
  static bool RequestComplete(const std::string& raw) {
    const size_t end_of_headers = raw.find("\r\n\r\n");
    if (end_of_headers == std::string::npos) return false;
    const ReceivedRequest request = ParseHttpRequest(raw);
    size_t length = 0;
    const auto it = request.headers.find("content-length");
    if (it != request.headers.end() && !base::ParseInt(it->second, length)) return true;
    return raw.size() >= end_of_headers + 4 + length;
  }

  std::vector<ScriptedAnswer> answers_;
  int port_ = 0;
  const int listen_fd_;
  std::atomic<bool> stop_ = false;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<ReceivedRequest> requests_;  // Guarded by mutex_.
  std::thread thread_;
};

}  // namespace webcare::base::testing_support
