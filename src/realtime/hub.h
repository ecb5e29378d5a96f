#pragma once
// The realtime hub: every open screen follows the store's event log through it. One pump
// thread reads new events in seq order, attaches the conversation as it is now, and sends each
// to the clients whose user may see it; a client that reconnects names the last seq it saw
// and gets what it missed from a ring of recent events (or "resync" when it missed more), so
// no event is lost or shown twice. The hub also relays presence: who is viewing and who is
// typing on a conversation. Transport-neutral: server/ adapts WebSockets to Client.

#include <cstdint>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "absl/base/thread_annotations.h"
#include "base/clock.h"
#include "core/event.h"
#include "inbox/inbox_service.h"
#include "storage/store.h"

namespace webcare::realtime {

// One connected screen. Send must not block (queue and return); false when the client is
// gone or too slow, after which the hub forgets it. The text is shared: screens that are due
// the same messages get the same string, so the client must not expect it to be its own.
class Client {
 public:
  virtual ~Client() = default;
  virtual bool Send(std::shared_ptr<const std::string> message) = 0;
};

struct HubOptions {
  size_t ring_size = 20'000;                        // Recent events kept for catch-up.
  base::Micros typing_timeout = 6 * base::kMicrosPerSecond;  // "typing" without a refresh ends.
  base::Micros idle_poll = 500'000;                 // The pump also looks this often.
  // Rounds of sending start at least this far apart: what commits meanwhile goes out together.
  // Per round every screen that is due something costs a frame and a system call on each side,
  // so at hundreds of screens fewer, fuller rounds leave the CPU to the writes that make the
  // events; a change waits at most this long for its round. 30 ms: at 500 screens and 1,000
  // posts/s, 20 ms cost so much CPU that the writes slowed, and 40 ms added 10 ms to every
  // delivery (docs/performance.md).
  base::Micros round_gap = 30'000;
};

struct PresenceEntry {
  core::UserId user;
  std::string name;
  std::string state;  // "viewing" or "typing"
};

// [{"user_id","name","state"}]: the one shape of who is on a conversation, in the feed's
// "presence" messages and in GET /api/v1/conversations/{id} (docs/realtime.md).
nlohmann::json PresenceJson(const std::vector<PresenceEntry>& people);

// Renders one event for the clients, with the conversation as it is now (null when the event
// is about none or it is gone). The server passes its JSON codec, so the hub's messages carry
// the same shapes as the API.
using EventFormatter =
    std::function<std::string(const core::Event& event, const core::Conversation* conversation)>;

class Hub final : public core::EventSink {
 public:
  // `store` and `clock` must outlive the hub.
  Hub(storage::Store& store, const base::Clock& clock, EventFormatter format,
      HubOptions options = {});
  ~Hub() override;

  // Reads the latest seq and starts the pump thread.
  absl::Status Start();
  // Stops the pump. Idempotent.
  void Stop();

  // Wakes the pump. Thread-safe, never blocks.
  void Publish(const core::DomainEvent& event) override;

  // Registers a client of `viewer`. It first gets {"type":"hello","seq":N}; with `since`, then
  // every event after `since` it may see, in order. Returns the client's id.
  int64_t Connect(inbox::Viewer viewer, std::shared_ptr<Client> client, std::optional<int64_t> since);
  // A message from the client: {"type":"presence","conversation_id":N,"state":"viewing|typing|left"}
  // or {"type":"ping"}. Malformed messages are answered with {"type":"error","message":...}.
  void OnMessage(int64_t client_id, std::string_view text);
  void Disconnect(int64_t client_id);

  // Who is on the conversation now, one entry per user (typing wins over viewing).
  std::vector<PresenceEntry> Presence(core::ConversationId conversation);
  size_t ClientCount();

 private:
  struct ClientState {
    inbox::Viewer viewer;
    std::shared_ptr<Client> client;
    int64_t cursor = 0;  // The last seq sent (or skipped as invisible).
  };
  struct RingEvent {
    int64_t seq = 0;
    std::optional<core::Conversation> conversation;  // As it was when pumped.
    std::vector<core::UserId> notify;  // Users mentioned: they get a notification message.
    std::shared_ptr<const std::string> message;
    // About a conversation deleted (or purged) since: sent to nobody, except the deletion
    // itself, which goes to those who could see the conversation (`conversation` then holds
    // who could: its team, assignee and experts, from the event).
    bool hidden = false;
    // For a change of team or assignee: the conversation as it was before, and the
    // {"type":"out_of_sight"} message for those who could see it then and cannot now.
    std::optional<core::Conversation> seen_before;
    std::shared_ptr<const std::string> out_of_sight;
  };
  struct PresenceState {
    core::UserId user;
    std::string name;
    bool typing = false;
    base::Micros typing_until = 0;
  };

  void Run();
  absl::Status Pump();
  // Moves the client's cursor to the head and tells it to reload. REQUIRES: mutex_.
  void Resync(int64_t id, ClientState& state) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // The batches already rendered in one round of CatchUp calls, by the messages in them.
  using SharedBatches = std::map<std::vector<const std::string*>, std::shared_ptr<const std::string>>;
  // Sends every ring event after the client's cursor. With `shared`, a batch another client
  // of the same round was due is sent as the same string. REQUIRES: mutex_.
  void CatchUp(int64_t id, ClientState& state, SharedBatches* shared = nullptr)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void BroadcastPresence(core::ConversationId conversation) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  std::vector<PresenceEntry> PeopleOn(core::ConversationId conversation)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void ExpireTyping() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void DropClient(int64_t id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  storage::Store& store_;
  const base::Clock& clock_;
  const EventFormatter format_;
  const HubOptions options_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ ABSL_GUARDED_BY(mutex_) = false;
  bool woken_ ABSL_GUARDED_BY(mutex_) = false;
  int64_t head_ ABSL_GUARDED_BY(mutex_) = 0;  // The last seq pumped.
  std::deque<RingEvent> ring_ ABSL_GUARDED_BY(mutex_);
  int64_t next_client_ ABSL_GUARDED_BY(mutex_) = 1;
  std::map<int64_t, ClientState> clients_ ABSL_GUARDED_BY(mutex_);
  // Conversation -> client id -> presence; the teams that may see it, for broadcasting.
  std::map<int64_t, std::map<int64_t, PresenceState>> presence_ ABSL_GUARDED_BY(mutex_);
  std::map<int64_t, core::Conversation> presence_conversations_ ABSL_GUARDED_BY(mutex_);
  std::thread pump_;
};

}  // namespace webcare::realtime
