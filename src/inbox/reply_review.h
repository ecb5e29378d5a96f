#pragma once
// Four-eyes review of replies. A team can be set to "replies need approval", and one agent
// can be set apart from the team (always, e.g. a new agent; or never). Such an agent's reply
// is stored at once, shown in the conversation as "awaiting approval", and held out of the
// outbox; the leads are notified. A lead (or admin) approves it, after which it leaves exactly
// like any reply, or rejects it with a reason, after which its author is notified and may edit
// and resend it. Leads' and admins' own replies are never held. Every step is recorded as an
// event of the conversation (docs/realtime.md): reply.awaiting_approval, reply.approved,
// reply.rejected, reply.resubmitted.
//
// Thread-safety: as InboxService.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "core/conversation.h"
#include "core/event.h"
#include "core/post.h"
#include "inbox/inbox_service.h"
#include "storage/store.h"

namespace webcare::inbox {

// Whether the viewer's replies on `conversation` must be approved: never for leads and admins;
// else the viewer's own setting when there is one; else whether the conversation's team
// requires it.
bool RepliesNeedApproval(const storage::ReviewSettings& settings, const Viewer& viewer,
                         const core::Conversation& conversation);
// The same, reading the settings from the store (InboxService::Reply).
absl::StatusOr<bool> NeedsApproval(storage::Store& store, const Viewer& viewer,
                                   const core::Conversation& conversation);

// A reply waiting for a lead, with its conversation as it is now.
struct PendingReply {
  core::Post post;
  core::Conversation conversation;
};

class ReplyReview {
 public:
  // All must outlive the review service.
  ReplyReview(storage::Store& store, InboxService& inbox, core::EventSink& events,
              const base::Clock& clock);

  // Replies waiting for approval, oldest first, at most `limit` (1-500). Leads and admins
  // only (PermissionDenied otherwise).
  absl::StatusOr<std::vector<PendingReply>> Pending(const Viewer& viewer, int limit);
  // The reply enters the outbox now. Leads and admins only, and not for their own reply;
  // NotFound for a post that needed no approval; FailedPrecondition once decided.
  absl::StatusOr<core::Post> Approve(const Viewer& viewer, core::PostId post);
  // `reason` (required) goes to the author with a notification.
  absl::StatusOr<core::Post> Reject(const Viewer& viewer, core::PostId post, std::string reason);
  // The author's edited version of a rejected reply: checked like a new reply (length,
  // attachments) and held for approval again. `request.attachments` replaces the reply's set
  // when `replace_attachments`; is_private and status_after stay as first sent.
  absl::StatusOr<core::Post> Resubmit(const Viewer& viewer, core::PostId post,
                                      const ReplyRequest& request, bool replace_attachments);

  // Admins only.
  absl::StatusOr<storage::ReviewSettings> Settings(const Viewer& viewer);
  absl::Status SetTeam(const Viewer& viewer, core::TeamId team, bool required);
  // nullopt: the user follows its teams' setting again.
  absl::Status SetUser(const Viewer& viewer, core::UserId user, std::optional<bool> required);

 private:
  // The reply and its conversation, when the viewer may see it.
  absl::StatusOr<PendingReply> Find(const Viewer& viewer, core::PostId post);
  absl::Status RequireReviewer(const Viewer& viewer) const;
  void Announce(int64_t seq);

  storage::Store& store_;
  InboxService& inbox_;
  core::EventSink& events_;
  const base::Clock& clock_;
};

}  // namespace webcare::inbox
