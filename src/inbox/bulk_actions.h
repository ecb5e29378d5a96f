#pragma once
// Bulk actions: one change (assign, add or remove a label, status, team) or a deletion applied
// to many conversations at once, named by id or as "every conversation matching a filter" (the
// views and filters of the conversation list).
//
// The rules per conversation are InboxService's: every change goes through it, so an agent
// changes only what it may see and edit, and each changed conversation records its own event
// (every open screen follows). A conversation the rules refuse, or that is already as asked,
// is skipped with the reason while the others go ahead.
//
// Deletion is for leads and admins, and soft: the conversations disappear at once and can be
// brought back for kUndoWindow (by whoever deleted them, or a lead); the purge chore removes
// them for good after that (storage: SoftDeleteConversations, PurgeDeleted).
//
// Thread-safety: as InboxService; one instance serves every request.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "core/conversation.h"
#include "core/event.h"
#include "inbox/inbox_service.h"
#include "storage/store.h"

namespace webcare::inbox {

enum class BulkActionKind { kAssign, kAddLabel, kRemoveLabel, kStatus, kTeam, kDelete };

// "assign", "add_label", "remove_label", "status", "team", "delete".
const char* BulkActionName(BulkActionKind kind);
std::optional<BulkActionKind> ParseBulkAction(std::string_view name);

struct BulkAction {
  BulkActionKind kind = BulkActionKind::kAssign;
  core::UserId assignee;  // kAssign; unset: release (unassign).
  std::string label;      // kAddLabel, kRemoveLabel.
  core::ConversationStatus status = core::ConversationStatus::kOpen;  // kStatus ...
  base::Micros snoozed_until = 0;                                     // ... with kSnoozed.
  core::TeamId team;  // kTeam; unset: no team.
};

// The conversations of `view` that `filter` matches and the viewer may see.
struct MatchingFilter {
  View view = View::kAll;
  storage::ConversationFilter filter;  // Its page is ignored: every match counts.
};

// Which conversations an action is for: `ids`, or, when `matching` is set, its matches.
struct BulkSelection {
  std::vector<core::ConversationId> ids;
  std::optional<MatchingFilter> matching;
};

// A conversation left as it was, and why, in words for the person who asked.
struct BulkSkip {
  core::ConversationId id;
  // "not_found", "forbidden" (may not see or change it), "conflict" (e.g. a colleague has
  // it), "unchanged" (already as asked), "failed" (an error; see the server log).
  std::string code;
  std::string reason;
};

struct BulkResult {
  std::vector<core::ConversationId> affected;  // Changed (or deleted), in the order asked.
  std::vector<BulkSkip> skipped;
  // kDelete: the deletion to undo until its expires_at. Unset when nothing was deleted.
  std::optional<storage::DeleteBatch> undo;
};

class BulkActions {
 public:
  // At most this many conversations per action; more is refused as a whole.
  static constexpr size_t kMaxConversations = 10'000;
  // How long a deletion can be undone.
  static constexpr base::Micros kUndoWindow = 10 * base::kMicrosPerSecond;

  // All four must outlive the service.
  BulkActions(storage::Store& store, InboxService& inbox, core::EventSink& events,
              const base::Clock& clock);

  // How many conversations `matching` selects for the viewer; counting stops past
  // kMaxConversations (the result is then kMaxConversations + 1).
  absl::StatusOr<int64_t> CountMatching(const Viewer& viewer, const MatchingFilter& matching);

  // Applies `action` to the selection. Fails as a whole (changing nothing) for a viewer who may
  // not use the action (PermissionDenied: viewers; deletion by agents), for parameters that
  // are wrong for every conversation (InvalidArgument: unknown assignee or team, bad label,
  // snooze in the past), for an empty selection or one above kMaxConversations
  // (InvalidArgument). Otherwise every conversation is either affected or skipped.
  absl::StatusOr<BulkResult> Apply(const Viewer& viewer, const BulkSelection& selection,
                                   const BulkAction& action);

  // Undoes the deletion `batch`: only whoever deleted it, or a lead or admin
  // (PermissionDenied). NotFound for an unknown batch; FailedPrecondition once its window has
  // closed (the conversations are then purged or about to be) or when it was undone already.
  absl::StatusOr<storage::Restored> Undo(const Viewer& viewer, int64_t batch);

  // Removes for good the deletions whose window has closed, in transactions of a few hundred
  // conversations so ingest and agents are not held up. For the server's purge chore.
  absl::StatusOr<int64_t> PurgeExpired();

 private:
  absl::StatusOr<std::vector<core::ConversationId>> Select(const Viewer& viewer,
                                                           const BulkSelection& selection);
  // Applies a change (not a deletion) to one conversation and records the outcome in
  // `result`. Returns the error when InboxService refuses the parameters themselves
  // (InvalidArgument) before anything was changed, so the whole action fails instead.
  absl::Status ChangeOne(const Viewer& viewer, core::ConversationId id, const BulkAction& action,
                         BulkResult& result);
  absl::StatusOr<BulkResult> Delete(const Viewer& viewer, const std::vector<core::ConversationId>& ids);

  storage::Store& store_;
  InboxService& inbox_;
  core::EventSink& events_;
  const base::Clock& clock_;
};

}  // namespace webcare::inbox
