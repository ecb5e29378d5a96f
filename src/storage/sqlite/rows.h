#pragma once
// How posts and conversations are read back: the column lists and the row readers, shared by
// the store's .cc files (posts, inbox). Included only inside storage/sqlite/.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/conversation.h"
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
    " (SELECT name FROM users WHERE id = p.sent_by)";

inline constexpr std::string_view kConversationColumns =
    "c.id, c.network, c.channel, c.status, c.priority, c.team_id, c.assignee_id, c.private,"
    " c.preview, c.post_count, c.first_post_at, c.last_post_at,"
    " a.id, a.network, a.handle, a.name, a.followers, a.url, a.contact_id,"
    " c.language, c.sentiment_label,"
    " (SELECT json_group_array(json_object('id', s.id, 'name', s.name, 'colour', s.colour)) FROM streams s"
    "  WHERE s.id IN (SELECT ps.stream_id FROM posts cp JOIN post_streams ps ON ps.post_id = cp.id"
    "  WHERE cp.conversation_id = c.id) ORDER BY s.name),"
    " c.snoozed_until,"
    " (SELECT group_concat(label, char(10)) FROM (SELECT label FROM conversation_labels"
    "  WHERE conversation_id = c.id ORDER BY label)),"
    " (SELECT group_concat(user_id) FROM conversation_experts WHERE conversation_id = c.id),"
    " (SELECT name FROM users WHERE id = c.assignee_id), (SELECT name FROM teams WHERE id = c.team_id)";

// A conversation's preview is the start of its latest post, at most this many bytes.
inline constexpr size_t kPreviewBytes = 280;

// How many columns kPostColumns has: a query may select more after them.
inline constexpr int kPostColumnCount = 38;

// [{"id":1,"name":"Storingen","colour":"#dc2626"}] as read by the column subqueries above.
std::vector<core::StreamRef> ReadStreamRefs(const Statement& row, int column);
core::AuthorIdentity ReadAuthor(const Statement& row, int first);
// A row of kPostColumns.
core::Post ReadPost(const Statement& row);
// A row of kConversationColumns.
core::Conversation ReadConversation(const Statement& row);

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
