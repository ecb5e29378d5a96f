#include "realtime/hub.h"

#include <algorithm>
#include <deque>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/strings.h"
#include "spdlog/spdlog.h"

namespace webcare::realtime {
namespace {

using nlohmann::json;

constexpr int kPumpBatch = 1000;
// A batch is sent once it holds this much; the rest of the burst follows in the next one.
constexpr size_t kBatchBytes = 256 << 10;
// A screen that is owed more than this at once is told to resync instead: well below a
// connection's send queue limit (8 MiB, server/websocket_connection.h), so that catching up
// never gets a screen disconnected as too slow.
constexpr size_t kCatchUpBytes = 3 << 20;

using Text = std::shared_ptr<const std::string>;

Text MakeText(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

// Messages for one client, joined into {"messages":[...],"type":"batch"} when there is more
// than one (the keys in the sorted order of every other message). At hundreds of screens,
// copying the messages into each screen's batch was most of what a delivery cost; screens due
// the same messages (every lead's, the agents of a team on its new conversations) therefore
// share one batch per round (Hub::SharedBatches), and a single message goes out as it is.
class OutgoingBatch {
 public:
  void Add(const Text& message) {
    parts_.push_back(message);
    bytes_ += message->size();
  }
  // For a message made just for this client: its batch is its own.
  void AddOwn(std::string message) {
    personal_ = true;
    Add(MakeText(std::move(message)));
  }
  bool empty() const { return parts_.empty(); }
  bool full() const { return bytes_ >= kBatchBytes; }
  // The message to send, and an empty batch again. `shared` (may be null) holds the batches
  // already made this round; the parts must outlive it.
  template <typename SharedBatches>
  Text Take(SharedBatches* shared) {
    Text message;
    if (parts_.size() == 1) {
      message = std::move(parts_.front());
    } else if (shared != nullptr && !personal_) {
      std::vector<const std::string*> key;
      key.reserve(parts_.size());
      for (const Text& part : parts_) key.push_back(part.get());
      auto [it, fresh] = shared->try_emplace(std::move(key));
      if (fresh) it->second = Join();
      message = it->second;
    } else {
      message = Join();
    }
    parts_.clear();
    personal_ = false;
    bytes_ = 0;
    return message;
  }

 private:
  Text Join() const {
    constexpr std::string_view kOpen = R"({"messages":[)", kClose = R"(],"type":"batch"})";
    std::string message;
    message.reserve(kOpen.size() + bytes_ + parts_.size() + kClose.size());
    message.append(kOpen);
    for (size_t i = 0; i < parts_.size(); ++i) {
      if (i > 0) message.push_back(',');
      message.append(*parts_[i]);
    }
    message.append(kClose);
    return MakeText(std::move(message));
  }

  std::vector<Text> parts_;
  bool personal_ = false;
  size_t bytes_ = 0;
};
constexpr size_t kPreloadEvents = 1000;

std::string Dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

Text ErrorMessage(std::string_view message) {
  return MakeText(Dump({{"type", "error"}, {"message", message}}));
}

// The users a "note.added" event mentions.
std::vector<core::UserId> Mentioned(const core::Event& event) {
  std::vector<core::UserId> users;
  if (event.kind != "note.added") return users;
  const json data = json::parse(event.data, nullptr, /*allow_exceptions=*/false);
  if (!data.is_object() || !data.contains("mentions") || !data["mentions"].is_array()) return users;
  for (const auto& id : data["mentions"]) {
    if (id.is_number_integer()) users.emplace_back(id.get<int64_t>());
  }
  return users;
}

// Who could see a conversation that was deleted, as its "conversation.deleted" event recorded
// it (storage: SoftDeleteConversations); nullopt for any other event.
std::optional<core::Conversation> DeletedConversation(const core::Event& event) {
  if (event.kind != "conversation.deleted") return std::nullopt;
  const json data = json::parse(event.data, nullptr, /*allow_exceptions=*/false);
  if (!data.is_object()) return std::nullopt;
  const auto id = [&](const char* key) {
    const auto it = data.find(key);
    return it != data.end() && it->is_number_integer() ? it->get<int64_t>() : int64_t{0};
  };
  core::Conversation conversation{.id = event.conversation,
                                  .team = core::TeamId(id("team")),
                                  .assignee = core::UserId(id("assignee"))};
  if (const auto experts = data.find("experts"); experts != data.end() && experts->is_array()) {
    for (const auto& expert : *experts) {
      if (expert.is_number_integer()) conversation.experts.emplace_back(expert.get<int64_t>());
    }
  }
  return conversation;
}

// Who could see the conversation just before `event` changed its team or assignee (the
// store records `previous_team` and `previous_assignee`), as `now` with those put back; nullopt
// for an event that changed neither. Experts are only ever added, so they cannot take sight
// away: the experts of `now` serve for before.
std::optional<core::Conversation> SeenBefore(const core::Event& event, const core::Conversation& now) {
  if (event.data.find("\"previous_") == std::string::npos) return std::nullopt;  // Most events.
  const json data = json::parse(event.data, nullptr, /*allow_exceptions=*/false);
  if (!data.is_object()) return std::nullopt;
  core::Conversation before = now;
  bool changed = false;
  const auto previous = [&](const char* key, auto& field) {
    const auto it = data.find(key);
    if (it == data.end()) return;
    using Id = std::decay_t<decltype(field)>;
    field = it->is_number_integer() ? Id(it->template get<int64_t>()) : Id();
    changed = true;
  };
  previous("previous_team", before.team);
  previous("previous_assignee", before.assignee);
  if (!changed) return std::nullopt;
  return before;
}

}  // namespace

json PresenceJson(const std::vector<PresenceEntry>& people) {
  json out = json::array();
  for (const PresenceEntry& person : people) {
    out.push_back({{"user_id", person.user.value()}, {"name", person.name}, {"state", person.state}});
  }
  return out;
}

Hub::Hub(storage::Store& store, const base::Clock& clock, EventFormatter format, HubOptions options)
    : store_(store), clock_(clock), format_(std::move(format)), options_(options) {}

Hub::~Hub() { Stop(); }

absl::Status Hub::Start() {
  ASSIGN_OR_RETURN(int64_t last, store_.LastEventSeq());
  {
    std::lock_guard lock(mutex_);
    // Preload recent events so a screen that reconnects right after a restart catches up.
    head_ = std::max<int64_t>(0, last - static_cast<int64_t>(kPreloadEvents));
    stop_ = false;
  }
  RETURN_IF_ERROR(Pump());
  pump_ = std::thread([this] { Run(); });
  return absl::OkStatus();
}

void Hub::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (pump_.joinable()) pump_.join();
}

void Hub::Publish(const core::DomainEvent&) {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void Hub::Run() {
  auto last_round = std::chrono::steady_clock::now() - std::chrono::microseconds(options_.round_gap);
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, std::chrono::microseconds(options_.idle_poll), [this] { return stop_ || woken_; });
      // Too soon after the last round: let more commits join this one.
      wake_.wait_until(lock, last_round + std::chrono::microseconds(options_.round_gap), [this] { return stop_; });
      if (stop_) return;
      woken_ = false;
      ExpireTyping();
    }
    last_round = std::chrono::steady_clock::now();
    if (auto pumped = Pump(); !pumped.ok()) {
      spdlog::warn("realtime: cannot read events: {}", base::ToStd(pumped.message()));
    }
  }
}

absl::Status Hub::Pump() {
  int64_t after = 0;
  {
    std::lock_guard lock(mutex_);
    after = head_;
  }
  while (true) {
    // Store reads happen outside the lock, so connects and presence never wait on SQLite.
    ASSIGN_OR_RETURN(std::vector<core::Event> events, store_.ListEvents(after, kPumpBatch));
    if (events.empty()) return absl::OkStatus();
    std::vector<RingEvent> rendered;
    rendered.reserve(events.size());
    std::map<int64_t, std::optional<core::Conversation>> conversations;  // Read once per batch.
    for (const core::Event& event : events) {
      RingEvent ring{.seq = event.seq, .notify = Mentioned(event)};
      if (event.conversation.valid()) {
        auto [it, fresh] = conversations.try_emplace(event.conversation.value());
        if (fresh) {
          auto conversation = store_.GetConversation(event.conversation);
          if (conversation.ok()) it->second = std::move(*conversation);
        }
        ring.conversation = it->second;
        if (!ring.conversation) {
          // Deleted since the event: its screens hear of the deletion and of nothing else.
          ring.conversation = DeletedConversation(event);
          ring.hidden = true;
        }
      }
      ring.message = MakeText(format_(event, ring.conversation && !ring.hidden ? &*ring.conversation : nullptr));
      if (ring.conversation && !ring.hidden) {
        ring.seen_before = SeenBefore(event, *ring.conversation);
        if (ring.seen_before) {
          ring.out_of_sight = MakeText(Dump({{"type", "out_of_sight"},
                                             {"seq", event.seq},
                                             {"conversation_id", event.conversation.value()}}));
        }
      }
      rendered.push_back(std::move(ring));
    }
    after = events.back().seq;
    std::lock_guard lock(mutex_);
    for (RingEvent& event : rendered) {
      ring_.push_back(std::move(event));
      if (ring_.size() > options_.ring_size) ring_.pop_front();
    }
    head_ = after;
    // CatchUp may drop clients (and presence broadcasts with them): walk by id.
    std::vector<int64_t> ids;
    ids.reserve(clients_.size());
    for (const auto& [id, state] : clients_) ids.push_back(id);
    SharedBatches shared;
    for (const int64_t id : ids) {
      if (auto client = clients_.find(id); client != clients_.end()) CatchUp(id, client->second, &shared);
    }
  }
}

void Hub::Resync(int64_t id, ClientState& state) {
  state.cursor = head_;
  if (!state.client->Send(MakeText(Dump({{"type", "resync"}, {"seq", head_}})))) DropClient(id);
}

void Hub::CatchUp(int64_t id, ClientState& state, SharedBatches* shared) {
  if (state.cursor >= head_) return;
  if (ring_.empty() || state.cursor + 1 < ring_.front().seq) {
    // It missed more than the ring holds: it reloads everything instead.
    Resync(id, state);
    return;
  }
  // Ring seqs ascend; find the first one after the cursor.
  auto first = std::upper_bound(ring_.begin(), ring_.end(), state.cursor,
                                [](int64_t seq, const RingEvent& event) { return seq < event.seq; });
  // A hidden event goes out only as a deletion, to those who could see the conversation.
  const auto due = [&](const RingEvent& event) {
    if (event.hidden && !event.conversation) return false;
    return !event.conversation || state.viewer.CanSee(*event.conversation);
  };
  size_t due_bytes = 0;
  for (auto event = first; event != ring_.end(); ++event) {
    if (due(*event)) due_bytes += event->message->size();
    if (due_bytes > kCatchUpBytes) {
      // Far behind (back after a dropped connection, or the server stalled): all of it at once
      // would overflow the connection's queue and close it again, on every reconnect.
      Resync(id, state);
      return;
    }
  }
  // What is due goes out in as few messages as possible: one burst of ingest is often dozens of
  // events, and per message the socket costs more than the bytes (docs/realtime.md, "batch").
  OutgoingBatch batch;
  const auto flush = [&]() -> bool {
    if (state.client->Send(batch.Take(shared))) return true;
    DropClient(id);
    return false;
  };
  for (auto event = first; event != ring_.end(); ++event) {
    state.cursor = event->seq;
    if (event->hidden && !event->conversation) continue;  // Nor its notifications.
    if (due(*event)) {
      batch.Add(event->message);
    } else if (event->seen_before && state.viewer.CanSee(*event->seen_before)) {
      // The change took the conversation out of this user's sight: their lists drop it.
      batch.Add(event->out_of_sight);
    }
    if (std::find(event->notify.begin(), event->notify.end(), state.viewer.user.id) != event->notify.end()) {
      json notification{{"type", "notification"}, {"kind", "mention"}, {"seq", event->seq}};
      if (event->conversation) notification["conversation_id"] = event->conversation->id.value();
      batch.AddOwn(Dump(notification));
    }
    if (batch.full() && !flush()) return;
  }
  if (!batch.empty()) flush();
}

int64_t Hub::Connect(inbox::Viewer viewer, std::shared_ptr<Client> client, std::optional<int64_t> since) {
  std::lock_guard lock(mutex_);
  const int64_t id = next_client_++;
  ClientState& state = clients_[id];
  state.viewer = std::move(viewer);
  state.client = std::move(client);
  state.cursor = since ? std::min(*since, head_) : head_;
  if (!state.client->Send(MakeText(Dump({{"type", "hello"}, {"seq", head_}})))) {
    DropClient(id);
    return id;
  }
  CatchUp(id, state);
  return id;
}

void Hub::OnMessage(int64_t client_id, std::string_view text) {
  const json message = json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::unique_lock lock(mutex_);
  auto client = clients_.find(client_id);
  if (client == clients_.end()) return;
  const auto reply = [&](const Text& answer) {
    if (!client->second.client->Send(answer)) DropClient(client_id);
  };
  if (!message.is_object() || !message.contains("type") || !message["type"].is_string()) {
    reply(ErrorMessage("messages are JSON objects with a \"type\""));
    return;
  }
  const std::string type = message["type"].get<std::string>();
  if (type == "ping") {
    reply(MakeText(Dump({{"type", "pong"}, {"seq", head_}})));
    return;
  }
  if (type != "presence") {
    reply(ErrorMessage(base::StrCat("unknown message type \"", type, "\"")));
    return;
  }
  const auto id_field = message.find("conversation_id");
  const auto state_field = message.find("state");
  if (id_field == message.end() || !id_field->is_number_integer() || state_field == message.end() ||
      !state_field->is_string()) {
    reply(ErrorMessage("presence needs conversation_id and state (viewing, typing or left)"));
    return;
  }
  const int64_t conversation_id = id_field->get<int64_t>();
  const std::string state = state_field->get<std::string>();
  if (state != "viewing" && state != "typing" && state != "left") {
    reply(ErrorMessage("state must be viewing, typing or left"));
    return;
  }
  if (state == "left") {
    auto on = presence_.find(conversation_id);
    if (on != presence_.end() && on->second.erase(client_id) > 0) BroadcastPresence(core::ConversationId(conversation_id));
    return;
  }
  const inbox::Viewer viewer = client->second.viewer;
  // Presence is only shared on conversations the user may see; read it outside the lock.
  lock.unlock();
  auto conversation = store_.GetConversation(core::ConversationId(conversation_id));
  lock.lock();
  client = clients_.find(client_id);
  if (client == clients_.end()) return;
  if (!conversation.ok() || !viewer.CanSee(*conversation)) {
    reply(ErrorMessage(base::StrCat("conversation ", conversation_id, " is not one you can see")));
    return;
  }
  presence_conversations_[conversation_id] = std::move(*conversation);
  PresenceState& entry = presence_[conversation_id][client_id];
  const bool changed = entry.name.empty() || entry.typing != (state == "typing");
  entry.user = viewer.user.id;
  entry.name = viewer.user.name;
  entry.typing = state == "typing";
  entry.typing_until = entry.typing ? clock_.NowMicros() + options_.typing_timeout : 0;
  if (changed) BroadcastPresence(core::ConversationId(conversation_id));
}

void Hub::Disconnect(int64_t client_id) {
  std::lock_guard lock(mutex_);
  DropClient(client_id);
}

void Hub::DropClient(int64_t id) {
  clients_.erase(id);
  std::vector<int64_t> touched;
  for (auto& [conversation, entries] : presence_) {
    if (entries.erase(id) > 0) touched.push_back(conversation);
  }
  for (const int64_t conversation : touched) BroadcastPresence(core::ConversationId(conversation));
}

void Hub::ExpireTyping() {
  const base::Micros now = clock_.NowMicros();
  for (auto& [conversation, entries] : presence_) {
    bool changed = false;
    for (auto& [client, entry] : entries) {
      if (entry.typing && entry.typing_until <= now) {
        entry.typing = false;
        changed = true;
      }
    }
    if (changed) BroadcastPresence(core::ConversationId(conversation));
  }
}

std::vector<PresenceEntry> Hub::Presence(core::ConversationId conversation) {
  std::lock_guard lock(mutex_);
  return PeopleOn(conversation);
}

std::vector<PresenceEntry> Hub::PeopleOn(core::ConversationId conversation) {
  // One entry per user, however many screens it has open there; typing wins over viewing.
  std::map<int64_t, PresenceEntry> by_user;
  if (auto on = presence_.find(conversation.value()); on != presence_.end()) {
    for (const auto& [client, entry] : on->second) {
      PresenceEntry& person = by_user[entry.user.value()];
      person.user = entry.user;
      person.name = entry.name;
      if (entry.typing || person.state.empty()) person.state = entry.typing ? "typing" : "viewing";
    }
  }
  std::vector<PresenceEntry> people;
  for (auto& [user, entry] : by_user) people.push_back(std::move(entry));
  return people;
}

void Hub::BroadcastPresence(core::ConversationId conversation) {
  const std::vector<PresenceEntry> present = PeopleOn(conversation);
  if (auto on = presence_.find(conversation.value()); on != presence_.end() && on->second.empty()) {
    presence_.erase(on);
  }
  const Text message = MakeText(
      Dump({{"type", "presence"}, {"conversation_id", conversation.value()}, {"people", PresenceJson(present)}}));
  const auto known = presence_conversations_.find(conversation.value());
  std::vector<int64_t> gone;
  for (auto& [id, state] : clients_) {
    if (known != presence_conversations_.end() && !state.viewer.CanSee(known->second)) continue;
    if (!state.client->Send(message)) gone.push_back(id);
  }
  if (present.empty() && known != presence_conversations_.end()) presence_conversations_.erase(known);
  for (const int64_t id : gone) clients_.erase(id);
}

size_t Hub::ClientCount() {
  std::lock_guard lock(mutex_);
  return clients_.size();
}

}  // namespace webcare::realtime
