#include "inbox/reply_review.h"

#include <algorithm>

#include "base/status.h"
#include "base/strings.h"
#include "inbox/reply_attachments.h"

namespace webcare::inbox {
namespace {

bool IsAdmin(const Viewer& viewer) { return core::RoleAtLeast(viewer.user.role, core::Role::kAdmin); }

}  // namespace

bool RepliesNeedApproval(const storage::ReviewSettings& settings, const Viewer& viewer,
                         const core::Conversation& conversation) {
  if (core::RoleAtLeast(viewer.user.role, core::Role::kLead)) return false;
  for (const auto& [user, required] : settings.users) {
    if (user == viewer.user.id) return required;
  }
  return conversation.team.valid() &&
         std::find(settings.teams.begin(), settings.teams.end(), conversation.team) != settings.teams.end();
}

absl::StatusOr<bool> NeedsApproval(storage::Store& store, const Viewer& viewer,
                                   const core::Conversation& conversation) {
  // Leads never need approval; spare them the read.
  if (core::RoleAtLeast(viewer.user.role, core::Role::kLead)) return false;
  ASSIGN_OR_RETURN(const storage::ReviewSettings settings, store.GetReviewSettings());
  return RepliesNeedApproval(settings, viewer, conversation);
}

ReplyReview::ReplyReview(storage::Store& store, InboxService& inbox, core::EventSink& events,
                         const base::Clock& clock)
    : store_(store), inbox_(inbox), events_(events), clock_(clock) {}

void ReplyReview::Announce(int64_t seq) { events_.Publish(core::EventsRecorded{.up_to = seq}); }

absl::Status ReplyReview::RequireReviewer(const Viewer& viewer) const {
  if (!core::RoleAtLeast(viewer.user.role, core::Role::kLead)) {
    return absl::PermissionDeniedError("only leads and admins approve or reject replies");
  }
  return absl::OkStatus();
}

absl::StatusOr<PendingReply> ReplyReview::Find(const Viewer& viewer, core::PostId post) {
  ASSIGN_OR_RETURN(core::Post reply, store_.GetReviewedReply(post));
  ASSIGN_OR_RETURN(core::Conversation conversation, inbox_.Get(viewer, reply.conversation));
  return PendingReply{.post = std::move(reply), .conversation = std::move(conversation)};
}

absl::StatusOr<std::vector<PendingReply>> ReplyReview::Pending(const Viewer& viewer, int limit) {
  RETURN_IF_ERROR(RequireReviewer(viewer));
  ASSIGN_OR_RETURN(std::vector<core::Post> posts, store_.ListPendingReplies(limit));
  std::vector<PendingReply> pending;
  pending.reserve(posts.size());
  for (core::Post& post : posts) {
    auto conversation = inbox_.Get(viewer, post.conversation);
    // A conversation deleted meanwhile takes its reply with it.
    if (absl::IsNotFound(conversation.status())) continue;
    RETURN_IF_ERROR(conversation.status());
    pending.push_back({.post = std::move(post), .conversation = std::move(*conversation)});
  }
  return pending;
}

absl::StatusOr<core::Post> ReplyReview::Approve(const Viewer& viewer, core::PostId post) {
  RETURN_IF_ERROR(RequireReviewer(viewer));
  ASSIGN_OR_RETURN(PendingReply reply, Find(viewer, post));
  if (reply.post.review->author == viewer.user.id) {
    return absl::PermissionDeniedError("a reply needs someone else's approval than its author's");
  }
  ASSIGN_OR_RETURN(storage::ReplyResult approved, store_.ApproveReply(post, viewer.user.id, clock_.NowMicros()));
  // The outbox listens to the same sink and wakes up for it.
  Announce(approved.seq);
  return std::move(approved.post);
}

absl::StatusOr<core::Post> ReplyReview::Reject(const Viewer& viewer, core::PostId post, std::string reason) {
  RETURN_IF_ERROR(RequireReviewer(viewer));
  reason = std::string(base::Trim(reason));
  if (reason.empty()) return absl::InvalidArgumentError("say why the reply is rejected (reason), so its author can fix it");
  ASSIGN_OR_RETURN(PendingReply reply, Find(viewer, post));
  if (reply.post.review->author == viewer.user.id) {
    return absl::PermissionDeniedError("a reply needs someone else's review than its author's");
  }
  ASSIGN_OR_RETURN(storage::ReplyResult rejected, store_.RejectReply(post, viewer.user.id, reason));
  Announce(rejected.seq);
  return std::move(rejected.post);
}

absl::StatusOr<core::Post> ReplyReview::Resubmit(const Viewer& viewer, core::PostId post,
                                                 const ReplyRequest& request, bool replace_attachments) {
  ASSIGN_OR_RETURN(PendingReply reply, Find(viewer, post));
  if (reply.post.review->author != viewer.user.id) {
    return absl::PermissionDeniedError("only the reply's author can edit and resend it");
  }
  if (base::Trim(request.text).empty()) return absl::InvalidArgumentError("the reply is empty");
  ReplyRequest effective = request;
  effective.is_private = reply.post.is_private;
  ASSIGN_OR_RETURN(MeasuredReply measured, inbox_.Measure(viewer, reply.conversation.id, effective));
  if (!measured.length.fits()) {
    return absl::InvalidArgumentError(base::StrCat("the reply is ", measured.length.count, " characters; the network allows ",
                                                   measured.length.limit, " (", measured.length.counting, ")"));
  }
  std::optional<std::vector<core::AttachmentId>> attachments;
  if (replace_attachments) {
    RETURN_IF_ERROR(CheckReplyAttachments(store_, viewer, reply.conversation, request.attachments, post));
    attachments = request.attachments;
  }
  ASSIGN_OR_RETURN(storage::ReplyResult resubmitted, store_.ResubmitReply(post, measured.text, attachments));
  Announce(resubmitted.seq);
  return std::move(resubmitted.post);
}

absl::StatusOr<storage::ReviewSettings> ReplyReview::Settings(const Viewer& viewer) {
  if (!IsAdmin(viewer)) return absl::PermissionDeniedError("only admins see the review settings");
  return store_.GetReviewSettings();
}

absl::Status ReplyReview::SetTeam(const Viewer& viewer, core::TeamId team, bool required) {
  if (!IsAdmin(viewer)) return absl::PermissionDeniedError("only admins change the review settings");
  return store_.SetTeamReview(team, required);
}

absl::Status ReplyReview::SetUser(const Viewer& viewer, core::UserId user, std::optional<bool> required) {
  if (!IsAdmin(viewer)) return absl::PermissionDeniedError("only admins change the review settings");
  return store_.SetUserReview(user, required);
}

}  // namespace webcare::inbox
