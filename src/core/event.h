#pragma once
// Domain events: what changed, published after the change is committed. Services publish
// through EventSink and never know who listens (WebSocket hub, alerting, webhooks).

#include <string>
#include <variant>
#include <vector>

#include "core/ids.h"

namespace webcare::core {

struct PostsIngested {
  std::vector<PostId> posts;
  std::vector<ConversationId> conversations;  // Conversations that received a post.
};

using DomainEvent = std::variant<PostsIngested>;

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Called after the change is durable. Must not block; thread-safe.
  virtual void Publish(const DomainEvent& event) = 0;
};

// Drops every event; for tools that have no listeners (import, demo).
class NullEventSink final : public EventSink {
 public:
  void Publish(const DomainEvent&) override {}
};

}  // namespace webcare::core
