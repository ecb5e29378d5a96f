#include "inbox/bulk_actions.h"

#include <algorithm>
#include <set>
#include <utility>

#include "base/status.h"
#include "base/strings.h"
#include "spdlog/spdlog.h"

namespace webcare::inbox {
namespace {

// Conversations read per page when resolving a filter (the store's largest page).
constexpr int kFilterPage = 200;
// Changes committed together: a few hundred milliseconds of holding the writer at most, while
// a commit (a disk flush) per conversation would make 10,000 take minutes.
constexpr size_t kChangesPerCommit = 100;
// Conversations purged per transaction: small enough that ingest and agents' writes, which
// wait for the same writer, are held up for milliseconds, not seconds.
constexpr int kPurgeChunk = 500;

constexpr std::pair<BulkActionKind, const char*> kActionNames[] = {
    {BulkActionKind::kAssign, "assign"},   {BulkActionKind::kAddLabel, "add_label"},
    {BulkActionKind::kRemoveLabel, "remove_label"}, {BulkActionKind::kStatus, "status"},
    {BulkActionKind::kTeam, "team"},       {BulkActionKind::kDelete, "delete"}};

bool HasLabel(const core::Conversation& conversation, std::string_view label) {
  return std::find(conversation.labels.begin(), conversation.labels.end(), label) != conversation.labels.end();
}

// Why the conversation is already as the action asks; nullopt when the action changes it.
// Skipping these keeps the history of each conversation free of changes that change nothing.
std::optional<std::string> AlreadyAsAsked(const core::Conversation& conversation, const BulkAction& action) {
  switch (action.kind) {
    case BulkActionKind::kAssign:
      if (conversation.assignee != action.assignee) return std::nullopt;
      if (!action.assignee.valid()) return "already unassigned";
      return base::StrCat("already assigned to ", conversation.assignee_name.empty()
                                                      ? base::StrCat("user ", conversation.assignee.value())
                                                      : conversation.assignee_name);
    case BulkActionKind::kAddLabel:
      if (!HasLabel(conversation, action.label)) return std::nullopt;
      return base::StrCat("already has the label \"", action.label, "\"");
    case BulkActionKind::kRemoveLabel:
      if (HasLabel(conversation, action.label)) return std::nullopt;
      return base::StrCat("does not have the label \"", action.label, "\"");
    case BulkActionKind::kStatus:
      // Snoozing again moves the wake-up time: that is a change.
      if (conversation.status != action.status || action.status == core::ConversationStatus::kSnoozed) {
        return std::nullopt;
      }
      return base::StrCat("already ", core::ConversationStatusName(action.status));
    case BulkActionKind::kTeam:
      if (conversation.team != action.team) return std::nullopt;
      if (!action.team.valid()) return "already with no team";
      return base::StrCat("already with team ", conversation.team_name.empty()
                                                    ? base::StrCat(conversation.team.value())
                                                    : conversation.team_name);
    case BulkActionKind::kDelete:
      return std::nullopt;
  }
  return std::nullopt;
}

// How a refusal by InboxService is reported for one conversation.
BulkSkip SkipFor(core::ConversationId id, const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kNotFound:
      return {id, "not_found", std::string(base::ToStd(status.message()))};
    case absl::StatusCode::kPermissionDenied:
      return {id, "forbidden", std::string(base::ToStd(status.message()))};
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return {id, "conflict", std::string(base::ToStd(status.message()))};
    case absl::StatusCode::kInvalidArgument:
      return {id, "failed", std::string(base::ToStd(status.message()))};
    default:
      // Internal details go to the log, not to the caller (as server/error_mapping.cc does).
      spdlog::error("bulk action on conversation {}: {}", id.value(), status.ToString());
      return {id, "failed", "could not be changed because of a server error; see the server log"};
  }
}

}  // namespace

const char* BulkActionName(BulkActionKind kind) {
  for (const auto& [value, name] : kActionNames) {
    if (value == kind) return name;
  }
  return "";
}

std::optional<BulkActionKind> ParseBulkAction(std::string_view name) {
  for (const auto& [value, known] : kActionNames) {
    if (name == known) return value;
  }
  return std::nullopt;
}

BulkActions::BulkActions(storage::Store& store, InboxService& inbox, core::EventSink& events,
                         const base::Clock& clock)
    : store_(store), inbox_(inbox), events_(events), clock_(clock) {}

absl::StatusOr<int64_t> BulkActions::CountMatching(const Viewer& viewer, const MatchingFilter& matching) {
  storage::ConversationFilter filter = matching.filter;
  filter.page = {.limit = kFilterPage, .cursor = ""};
  int64_t count = 0;
  while (true) {
    ASSIGN_OR_RETURN(storage::ConversationList page, inbox_.List(viewer, matching.view, filter));
    count += static_cast<int64_t>(page.conversations.size());
    if (count > static_cast<int64_t>(kMaxConversations)) return static_cast<int64_t>(kMaxConversations) + 1;
    if (page.next_cursor.empty()) return count;
    filter.page.cursor = std::move(page.next_cursor);
  }
}

absl::StatusOr<std::vector<core::ConversationId>> BulkActions::Select(const Viewer& viewer,
                                                                      const BulkSelection& selection) {
  const auto too_many = [] {
    return absl::InvalidArgumentError(base::StrCat(
        "a bulk action takes at most ", kMaxConversations,
        " conversations at once; narrow the filter or select fewer, and repeat for the rest"));
  };
  std::vector<core::ConversationId> ids;
  if (selection.matching) {
    // Every match is read before anything changes, so a change that moves a conversation out
    // of the filter (claiming from "Unassigned") does not shift the pages under us.
    storage::ConversationFilter filter = selection.matching->filter;
    filter.page = {.limit = kFilterPage, .cursor = ""};
    while (true) {
      ASSIGN_OR_RETURN(storage::ConversationList page, inbox_.List(viewer, selection.matching->view, filter));
      for (const core::Conversation& conversation : page.conversations) ids.push_back(conversation.id);
      if (ids.size() > kMaxConversations) return too_many();
      if (page.next_cursor.empty()) break;
      filter.page.cursor = std::move(page.next_cursor);
    }
    return ids;  // None matching is nothing to do, not an error.
  }
  // Each id once, in the order given.
  std::set<int64_t> seen;
  for (const core::ConversationId id : selection.ids) {
    if (!id.valid()) return absl::InvalidArgumentError("conversation ids are positive whole numbers");
    if (seen.insert(id.value()).second) ids.push_back(id);
  }
  if (ids.empty()) return absl::InvalidArgumentError("no conversations selected: send ids or a filter");
  if (ids.size() > kMaxConversations) return too_many();
  return ids;
}

absl::StatusOr<BulkResult> BulkActions::Apply(const Viewer& viewer, const BulkSelection& selection,
                                              const BulkAction& action) {
  if (!core::RoleAtLeast(viewer.user.role, core::Role::kAgent)) {
    return absl::PermissionDeniedError("viewers cannot change conversations");
  }
  if (action.kind == BulkActionKind::kDelete && !core::RoleAtLeast(viewer.user.role, core::Role::kLead)) {
    return absl::PermissionDeniedError("only leads and admins can delete conversations");
  }
  BulkAction checked = action;
  if (action.kind == BulkActionKind::kAddLabel || action.kind == BulkActionKind::kRemoveLabel) {
    checked.label = std::string(base::Trim(action.label));
    RETURN_IF_ERROR(ValidateLabel(checked.label));
  }
  ASSIGN_OR_RETURN(const std::vector<core::ConversationId> ids, Select(viewer, selection));
  if (checked.kind == BulkActionKind::kDelete) return Delete(viewer, ids);
  BulkResult result;
  // Each change is its own all-or-nothing write with its own event, but they are committed a
  // chunk at a time: one disk flush per chunk instead of one per conversation.
  for (size_t first = 0; first < ids.size(); first += kChangesPerCommit) {
    const size_t end = std::min(ids.size(), first + kChangesPerCommit);
    RETURN_IF_ERROR(store_.WriteTogether([&]() -> absl::Status {
      for (size_t i = first; i < end; ++i) RETURN_IF_ERROR(ChangeOne(viewer, ids[i], checked, result));
      return absl::OkStatus();
    }));
    // InboxService announced each change as it was made, before this commit; the listeners
    // read the event log, so wake them again now that the chunk's events are in it.
    events_.Publish(core::EventsRecorded{});
  }
  return result;
}

absl::Status BulkActions::ChangeOne(const Viewer& viewer, core::ConversationId id, const BulkAction& action,
                                    BulkResult& result) {
  auto current = inbox_.Get(viewer, id);
  if (!current.ok()) {
    result.skipped.push_back(SkipFor(id, current.status()));
    return absl::OkStatus();
  }
  if (std::optional<std::string> unchanged = AlreadyAsAsked(*current, action)) {
    result.skipped.push_back({id, "unchanged", std::move(*unchanged)});
    return absl::OkStatus();
  }
  // Each call is one transaction with its own event, announced to every open screen.
  absl::StatusOr<core::Conversation> changed;
  switch (action.kind) {
    case BulkActionKind::kAssign:
      changed = inbox_.Assign(viewer, id, action.assignee);
      break;
    case BulkActionKind::kAddLabel:
      changed = inbox_.ChangeLabels(viewer, id, {action.label}, {});
      break;
    case BulkActionKind::kRemoveLabel:
      changed = inbox_.ChangeLabels(viewer, id, {}, {action.label});
      break;
    case BulkActionKind::kStatus:
      changed = inbox_.SetStatus(viewer, id, action.status, action.snoozed_until);
      break;
    case BulkActionKind::kTeam:
      changed = inbox_.SetTeam(viewer, id, action.team);
      break;
    case BulkActionKind::kDelete:
      return absl::InternalError("deletion is not a change");
  }
  if (changed.ok()) {
    result.affected.push_back(id);
    return absl::OkStatus();
  }
  // InboxService refuses wrong parameters (an unknown assignee or team, a snooze in the past)
  // for the first conversation it is asked to change: then nothing has changed yet and the
  // request as a whole is wrong.
  if (absl::IsInvalidArgument(changed.status()) && result.affected.empty()) return changed.status();
  result.skipped.push_back(SkipFor(id, changed.status()));
  return absl::OkStatus();
}

absl::StatusOr<BulkResult> BulkActions::Delete(const Viewer& viewer, const std::vector<core::ConversationId>& ids) {
  // Leads and admins see every conversation, so only existence is left to check, and the
  // store reports the ids it did not find.
  ASSIGN_OR_RETURN(storage::SoftDeleted deleted, store_.SoftDeleteConversations(ids, viewer.user.id, kUndoWindow));
  BulkResult result;
  result.affected = std::move(deleted.deleted);
  for (const core::ConversationId id : deleted.missing) {
    result.skipped.push_back({id, "not_found", base::StrCat("conversation ", id.value(), " not found")});
  }
  if (deleted.batch.id != 0) {
    result.undo = deleted.batch;
    events_.Publish(core::EventsRecorded{.up_to = deleted.seq});
  }
  return result;
}

absl::StatusOr<storage::Restored> BulkActions::Undo(const Viewer& viewer, int64_t batch) {
  ASSIGN_OR_RETURN(const storage::DeleteBatch deletion, store_.GetDeleteBatch(batch));
  if (deletion.deleted_by != viewer.user.id && !core::RoleAtLeast(viewer.user.role, core::Role::kLead)) {
    return absl::PermissionDeniedError("only whoever deleted these conversations, or a lead, can undo the deletion");
  }
  ASSIGN_OR_RETURN(storage::Restored restored, store_.RestoreDeleteBatch(batch, viewer.user.id));
  if (restored.seq != 0) events_.Publish(core::EventsRecorded{.up_to = restored.seq});
  return restored;
}

absl::StatusOr<int64_t> BulkActions::PurgeExpired() {
  const base::Micros now = clock_.NowMicros();
  int64_t total = 0;
  while (true) {
    ASSIGN_OR_RETURN(const int64_t purged, store_.PurgeDeleted(now, kPurgeChunk));
    total += purged;
    if (purged < kPurgeChunk) return total;
  }
}

}  // namespace webcare::inbox
