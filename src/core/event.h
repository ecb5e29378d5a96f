#pragma once
// Domain events: what changed, published after the change is committed. Services publish
// through EventSink and never know who listens (WebSocket hub, alerting, webhooks).

#include <atomic>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/ids.h"

namespace webcare::core {

struct PostsIngested {
  std::vector<PostId> posts;
  std::vector<ConversationId> conversations;  // Conversations that received a post.
};

// Inbox events were recorded in the store's event log, up to and including seq `up_to`.
// Listeners read the log itself (Store::ListEvents): it is the one ordered record.
struct EventsRecorded {
  int64_t up_to = 0;
};

using DomainEvent = std::variant<PostsIngested, EventsRecorded>;

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Called after the change is durable. Must not block; thread-safe.
  virtual void Publish(const DomainEvent& event) = 0;
};

// Hands every event to each of several sinks, in order.
class FanOutSink final : public EventSink {
 public:
  explicit FanOutSink(std::vector<EventSink*> sinks) : sinks_(std::move(sinks)) {}
  void Publish(const DomainEvent& event) override {
    for (EventSink* sink : sinks_) sink->Publish(event);
  }

 private:
  std::vector<EventSink*> sinks_;
};

// Counts what is published and drops it; for tests of the services that publish.
class CountingEventSink final : public EventSink {
 public:
  void Publish(const DomainEvent&) override { ++published; }
  std::atomic<int> published = 0;
};

// Drops every event; for tools that have no listeners (import, demo).
class NullEventSink final : public EventSink {
 public:
  void Publish(const DomainEvent&) override {}
};

}  // namespace webcare::core
