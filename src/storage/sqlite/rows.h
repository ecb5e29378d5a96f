#pragma once
// How posts and conversations are read back: the column lists and the row readers, shared by
// the store's .cc files (posts, inbox). Included only inside storage/sqlite/.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/conversation.h"
#include "core/inbox.h"
#include "core/post.h"
#include "storage/sqlite/connection.h"

namespace webcare::storage::sqlite {

// Columns of a post joined with its author, in the order ReadPost expects.
inline constexpr std::string_view kPostColumns =
    "p.id, p.conversation_id, p.network, p.channel, p.external_id, p.text, p.created_at,"
    " p.ingested_at, p.in_reply_to, p.url, p.direction, p.private, p.attachments, p.metrics,"
    " a.id, a.network, a.handle, a.name, a.followers, a.url, a.contact_id,"
    " p.analysed, p.language, p.language_confidence, p.sentiment_score, p.sentiment_label,"
    " p.sentiment_explanation, p.intent, p.is_question, p.has_link, p.tags, p.priority,"
    " p.team_id, p.reasons,"
    " (SELECT json_group_array(json_object('id', s.id, 'name', s.name, 'colour', s.colour)) FROM post_streams ps"
    "  JOIN streams s ON s.id = ps.stream_id WHERE ps.post_id = p.id),"
    " p.sent_by,"
    " (SELECT json_object('id', o.id, 'state', o.state, 'attempts', o.attempts, 'last_error',"
    "  o.last_error, 'next_attempt_at', o.next_attempt_at, 'delivered_at', o.delivered_at)"
    "  FROM outbox o WHERE o.post_id = p.id),"
    " (SELECT name FROM users WHERE id = p.sent_by),"
    // The four-eyes review of a reply that needed approval (0008_attachments_review.sql).
    " (SELECT json_object('state', r.state, 'author', r.author_id, 'requested_at', r.requested_at,"
    "  'reviewer', r.reviewer_id, 'reviewer_name', (SELECT name FROM users WHERE id = r.reviewer_id),"
    "  'reviewed_at', r.reviewed_at, 'reason', r.reason) FROM reply_reviews r WHERE r.post_id = p.id)";

inline constexpr std::string_view kConversationColumns =
    "c.id, c.network, c.channel, c.status, c.priority, c.team_id, c.assignee_id, c.private,"
    " c.preview, c.post_count, c.first_post_at, c.last_post_at,"
    " a.id, a.network, a.handle, a.name, a.followers, a.url, a.contact_id,"
    " c.language, c.sentiment_label,"
    // The streams of its posts, kept per conversation (migration 0010).
    " (SELECT json_group_array(json_object('id', id, 'name', name, 'colour', colour)) FROM (SELECT s.id,"
    "  s.name, s.colour FROM conversation_streams cs JOIN streams s ON s.id = cs.stream_id"
    "  WHERE cs.conversation_id = c.id ORDER BY s.name)),"
    " c.snoozed_until,"
    " (SELECT group_concat(label, char(10)) FROM (SELECT label FROM conversation_labels"
    "  WHERE conversation_id = c.id ORDER BY label)),"
    " (SELECT group_concat(user_id) FROM conversation_experts WHERE conversation_id = c.id),"
    " (SELECT name FROM users WHERE id = c.assignee_id), (SELECT name FROM teams WHERE id = c.team_id),"
    // The escalation in force (the latest not ended) and the earliest open follow-up.
    " (SELECT json_object('kind', e.kind, 'reason', e.reason, 'by', e.created_by, 'by_name', u.name,"
    "  'at', e.created_at) FROM escalations e JOIN users u ON u.id = e.created_by"
    "  WHERE e.conversation_id = c.id AND e.ended_at IS NULL ORDER BY e.id DESC LIMIT 1),"
    " (SELECT min(due_at) FROM follow_ups WHERE conversation_id = c.id AND state = 'open'),"
    // Column kConversationSlaColumn: the SLA state and timers as JSON (sla_rows.h).
    " json_object('state', c.sla_state, 'due_at', c.sla_due_at, 'warn_at', c.sla_warn_at,"
    "  'first_response_at', c.sla_first_response_at,"
    "  'first_response_seconds', c.sla_first_response_seconds,"
    "  'timers', json((SELECT json_group_array(json_object('kind', t.kind,"
    "  'target_minutes', t.target_minutes, 'started_at', t.started_at, 'due_at', t.due_at,"
    "  'warn_at', t.warn_at, 'stopped_at', t.stopped_at, 'warned_at', t.warned_at,"
    "  'breached_at', t.breached_at)) FROM sla_timers t WHERE t.conversation_id = c.id)))";
// The column of kConversationColumns that holds the SLA.
inline constexpr int kConversationSlaColumn = 29;

// A notification quotes at most this many bytes of the note or task it is about.
inline constexpr size_t kNotificationTextBytes = 200;

// A conversation's preview is the start of its latest post, at most this many bytes.
inline constexpr size_t kPreviewBytes = 280;

// How many columns kPostColumns has: a query may select more after them.
inline constexpr int kPostColumnCount = 39;

// [{"id":1,"name":"Storingen","colour":"#dc2626"}] as read by the column subqueries above.
std::vector<core::StreamRef> ReadStreamRefs(const Statement& row, int column);
core::AuthorIdentity ReadAuthor(const Statement& row, int first);
// A row of kPostColumns.
core::Post ReadPost(const Statement& row);
// A row of kConversationColumns.
core::Conversation ReadConversation(const Statement& row);

// NotFound unless `user` exists and is not disabled.
absl::Status CheckActiveUser(Connection& db, core::UserId user);
// Who answers for a conversation: the leads of its team; every lead when the team has none
// (or there is no team); every admin when there are no leads at all. `except` (a reply's
// author, who never approves their own) is left out at every step. By id.
absl::StatusOr<std::vector<core::UserId>> LeadsFor(Connection& db, core::ConversationId conversation,
                                                   core::UserId except = core::UserId());

// One notification for one user. Every feature writes them through here, so they all quote
// at most kNotificationTextBytes of their text.
struct NotificationRow {
  core::UserId user;
  core::NotificationKind kind = core::NotificationKind::kMention;
  core::ConversationId conversation;
  core::UserId actor;     // Unset: the system (a chore).
  std::string_view text;
  base::Micros at = 0;
};
absl::Status InsertNotification(Connection& db, const NotificationRow& row);

// Ends the conversation's escalation in force, if any; true when there was one.
absl::StatusOr<bool> EndEscalationOn(Connection& db, core::ConversationId id, core::UserId by,
                                     base::Micros at);

// The condition (on conversations aliased `c`) that a user may see a conversation: routed to
// no team, assigned to the user, of one of its teams, or asked of it as an expert. The user's
// id is bound to ?user_param, its teams as a JSON array of ids to ?teams_param.
std::string VisibilityClause(int user_param, int teams_param);
// Team ids as a JSON array, the form VisibilityClause and team filters bind (json_each).
std::string TeamIdsJson(const std::vector<core::TeamId>& teams);

// NotFound unless `team` is unset or exists.
absl::Status CheckTeam(Connection& db, core::TeamId team);
// One conversation or post read on `db` (a reader, or the writer inside its transaction);
// NotFound when there is none.
absl::StatusOr<core::Conversation> ConversationOn(Connection& db, core::ConversationId id);
absl::StatusOr<core::Post> PostOn(Connection& db, core::PostId id);

}  // namespace webcare::storage::sqlite
