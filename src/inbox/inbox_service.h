#pragma once
// The inbox's rules: who may see and change which conversation, claiming without double
// work, statuses, labels, notes with mentions, and replies that leave through the outbox.
// Every change is one store transaction with its event; the service then wakes the event
// sink so every open screen hears of it.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "core/conversation.h"
#include "core/event.h"
#include "core/inbox.h"
#include "core/people.h"
#include "inbox/reply_length.h"
#include "inbox/tracked_links.h"
#include "storage/store.h"

namespace webcare::inbox {

// The caller of an inbox operation, with the teams it belongs to.
struct Viewer {
  core::User user;
  std::vector<core::TeamId> teams;

  // Leads and admins see every conversation.
  bool SeesAll() const { return core::RoleAtLeast(user.role, core::Role::kLead); }
  bool CanSee(const core::Conversation& conversation) const;
  storage::Visibility Visibility() const { return {.user = user.id, .teams = teams}; }
};

enum class View { kAll, kMine, kMyTeams, kUnassigned };
std::optional<View> ParseView(std::string_view name);
// OK when `label`, trimmed, is a label ChangeLabels accepts; InvalidArgument saying what a
// label may be otherwise. For callers that check once before changing many (bulk_actions.h).
absl::Status ValidateLabel(std::string_view label);

struct ReplyRequest {
  std::string text;
  bool is_private = false;
  bool signature = true;  // Append the agent's mark ("^MB") the way the network shows it.
  core::ConversationStatus status_after = core::ConversationStatus::kWaiting;
  // Replace the http(s) links by short links that count clicks, when the company allows it
  // (inbox/tracked_links.h).
  bool track_links = true;
  // The viewer's uploads to send with it, in order (inbox/reply_attachments.h).
  std::vector<core::AttachmentId> attachments = {};
};

// A reply as it would be sent: the text with its signature, and its length as the network
// counts it.
struct MeasuredReply {
  std::string text;
  ReplyLength length;
};

class InboxService {
 public:
  // All three must outlive the service.
  InboxService(storage::Store& store, core::EventSink& events, const base::Clock& clock);

  // Links in replies become tracked short links through `links` (must outlive the service;
  // null, the default: links are sent as written). Call before the service is shared.
  void TrackLinks(LinkTracker* links) { links_ = links; }

  // The viewer for `user`, with its teams read from the store.
  absl::StatusOr<Viewer> ViewerFor(const core::User& user);

  // The view's conversations that the viewer may see, with `filter` applied on top.
  absl::StatusOr<storage::ConversationList> List(const Viewer& viewer, View view,
                                                 storage::ConversationFilter filter);
  absl::StatusOr<storage::ViewCounts> Counts(const Viewer& viewer);
  // PermissionDenied when the viewer may not see it.
  absl::StatusOr<core::Conversation> Get(const Viewer& viewer, core::ConversationId id);

  // Assigns the conversation to the viewer if nobody has it (new becomes open). Claiming
  // one's own conversation again is fine. FailedPrecondition naming the holder otherwise.
  absl::StatusOr<core::Conversation> Claim(const Viewer& viewer, core::ConversationId id);
  // Hands it to `assignee` (any active employee; unset releases it). Agents may hand on only
  // what is theirs or nobody's; leads anything.
  absl::StatusOr<core::Conversation> Assign(const Viewer& viewer, core::ConversationId id,
                                            core::UserId assignee);
  // `snoozed_until` is required for kSnoozed and must lie in the future.
  absl::StatusOr<core::Conversation> SetStatus(const Viewer& viewer, core::ConversationId id,
                                               core::ConversationStatus status,
                                               base::Micros snoozed_until);
  absl::StatusOr<core::Conversation> ChangeLabels(const Viewer& viewer, core::ConversationId id,
                                                  std::vector<std::string> add,
                                                  std::vector<std::string> remove);
  // Hands the conversation to another team (unset: to no team), as routing would have.
  absl::StatusOr<core::Conversation> SetTeam(const Viewer& viewer, core::ConversationId id,
                                             core::TeamId team);
  // Asks a colleague to answer as an expert: they may then see and answer it.
  absl::StatusOr<core::Conversation> AddExpert(const Viewer& viewer, core::ConversationId id,
                                               core::UserId expert);

  // `mentions` plus every "@name" in the text that names a colleague (the part of the e-mail
  // address before the @, or the first name, case-insensitive) is notified.
  absl::StatusOr<core::Note> AddNote(const Viewer& viewer, core::ConversationId id,
                                     std::string text, std::vector<core::UserId> mentions);

  // The reply as it would leave, and whether it fits the network's limit.
  absl::StatusOr<MeasuredReply> Measure(const Viewer& viewer, core::ConversationId id,
                                        const ReplyRequest& request);
  // Stores the reply and queues it for delivery. InvalidArgument with the count when it is
  // over the network's limit; FailedPrecondition when a colleague has claimed the
  // conversation (unless the viewer is a lead or an expert on it). Claims an unassigned
  // conversation for the viewer. When the viewer's replies need approval
  // (inbox/reply_review.h) it is held for a lead instead of queued.
  absl::StatusOr<core::Post> Reply(const Viewer& viewer, core::ConversationId id,
                                   const ReplyRequest& request);
  // Puts a failed delivery back in the queue. PermissionDenied unless the viewer may see the
  // reply's conversation.
  absl::Status RetryDelivery(const Viewer& viewer, core::OutboxId id);

 private:
  // Writes `update` with its event and announces it. REQUIRES: Editable(viewer, id) passed.
  absl::StatusOr<core::Conversation> Change(const Viewer& viewer, core::ConversationId id,
                                            const storage::ConversationUpdate& update,
                                            std::string kind);
  // The conversation, if the viewer may see it (PermissionDenied otherwise).
  absl::StatusOr<core::Conversation> Visible(const Viewer& viewer, core::ConversationId id);
  // The conversation, if the viewer may see it and change conversations at all.
  absl::StatusOr<core::Conversation> Editable(const Viewer& viewer, core::ConversationId id);
  // Measure, for a conversation already read and checked.
  static absl::StatusOr<MeasuredReply> MeasureFor(const Viewer& viewer,
                                                  const core::Conversation& conversation,
                                                  const ReplyRequest& request);
  // FailedPrecondition "already claimed by <name>" for the conversation's holder.
  absl::Status ClaimedBy(const core::Conversation& conversation);
  void Announce(int64_t seq);

  storage::Store& store_;
  core::EventSink& events_;
  const base::Clock& clock_;
  LinkTracker* links_ = nullptr;
};

// The mark that identifies the agent under a reply: " ^MB" on social networks, a line with
// the agent's name on e-mail and forums.
std::string Signature(std::string_view network, const core::User& agent);

}  // namespace webcare::inbox
