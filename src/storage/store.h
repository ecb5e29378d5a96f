#pragma once
// The storage interface. Callers depend only on this header; each backend lives in its own
// folder (sqlite/ today, postgres/ next) and passes the same conformance suite
// (store_conformance_test.cc).
//
// Thread-safety: every method may be called from any thread at any time. Writes are
// serialised inside the backend; reads run concurrently with each other and with writes.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "base/histogram.h"
#include "core/canned.h"
#include "core/conversation.h"
#include "core/follow_up.h"
#include "core/inbox.h"
#include "core/people.h"
#include "core/post.h"
#include "core/sla.h"
#include "analysis/query/ast.h"

namespace webcare::storage {

struct InsertResult {
  int64_t inserted = 0;
  int64_t duplicates = 0;  // Posts whose (channel, external_id) was already stored.
  std::vector<core::PostId> post_ids;                 // Of the inserted posts, in input order.
  std::vector<core::ConversationId> conversations;    // Touched by the inserted posts, distinct.
};

// Keyset paging: an opaque cursor from the previous page's last row.
struct Page {
  int limit = 50;
  std::string cursor;
};

enum class ConversationOrder {
  kRecent,    // Latest activity first.
  kPriority,  // Most urgent first, then latest activity.
  kSla,       // Soonest SLA due time first; conversations without a running timer last.
};

// The conversations one user may see: those of its teams, those assigned to it, those it was
// asked to answer as an expert, and those routed to no team yet.
struct Visibility {
  core::UserId user;
  std::vector<core::TeamId> teams;
};

struct ConversationFilter {
  std::optional<Visibility> visible_to;  // Unset: every conversation (leads and admins).
  std::optional<core::ConversationStatus> status;
  bool open_only = false;  // Every status but resolved.
  // Set: only conversations assigned to this user; set to UserId(): only unassigned ones.
  std::optional<core::UserId> assignee;
  std::vector<core::TeamId> teams;  // Non-empty: only conversations of one of these teams.
  std::string label;      // Empty: any.
  std::string network;    // Empty: any.
  std::string language;   // Empty: any. The language of the conversation's first post.
  std::string sentiment;  // Empty: any. Of the latest inbound post: negative, neutral, positive.
  int min_priority = 0;   // Only conversations at least this urgent.
  core::StreamId stream;  // Unset: any. Only conversations with a post in this stream.
  core::TeamId team;      // Unset: any.
  // Only conversations with a post that matches (docs/query-language.md).
  std::optional<analysis::query::Query> query;
  // Only conversations in this SLA state (as of the last write or sweep; docs/sla.md).
  std::optional<core::SlaState> sla;
  ConversationOrder order = ConversationOrder::kRecent;
  Page page;
};

// Open conversations (every status but resolved) per view, for the left rail.
struct ViewCounts {
  int64_t mine = 0;
  int64_t my_teams = 0;
  int64_t unassigned = 0;
  int64_t all = 0;  // Of those the user may see.
};

// A change to one conversation. Unset fields stay as they are.
struct ConversationUpdate {
  std::optional<core::ConversationStatus> status;
  base::Micros snoozed_until = 0;  // With status snoozed: when it wakes up.
  std::optional<core::UserId> assignee;  // UserId(): unassigned.
  std::optional<core::TeamId> team;      // TeamId(): no team.
  std::optional<int> priority;
  std::vector<std::string> add_labels;
  std::vector<std::string> remove_labels;
  std::vector<core::UserId> add_experts;
  // When set, the update applies only if the current assignee is this user (UserId():
  // unassigned); otherwise it fails with FailedPrecondition and changes nothing. Two agents
  // claiming at once: exactly one wins.
  std::optional<core::UserId> expected_assignee;
};

struct Changed {
  core::Conversation conversation;  // As it is after the change.
  int64_t seq = 0;                  // Of the event recorded with it.
};

// A reply written in Webcare: stored as an outbound post and queued in the outbox.
// A short link for a link in a reply: <public URL>/l/<code> redirects to `url` (http or https).
struct NewTrackedLink {
  std::string code;
  std::string url;
};

// Which canned answers to list.
struct CannedAnswerFilter {
  bool all_teams = false;           // Every answer (leads and admins).
  std::vector<core::TeamId> teams;  // Otherwise the company-wide ones and those of these teams.
};

struct NewReply {
  core::ConversationId conversation;
  core::UserId sent_by;
  core::AuthorIdentity author;  // The company's account on the channel.
  std::string external_id;      // Webcare's own id until the network assigns one.
  std::string in_reply_to;      // External id of the post answered, if any.
  std::string text;
  bool is_private = false;
  base::Micros created_at = 0;
  base::Micros first_attempt_at = 0;  // When the outbox may first try to deliver it.
  core::ConversationStatus status_after = core::ConversationStatus::kWaiting;
  // Uploads of `sent_by` not yet attached to anything; InvalidArgument otherwise.
  std::vector<core::AttachmentId> attachments = {};
  // Four-eyes review: the reply waits for a lead's approval instead of entering the outbox,
  // the conversation keeps its status until then, and the leads are notified.
  bool needs_approval = false;
  // Short links that replace links in `text`, stored with the reply (docs/canned-answers.md).
  std::vector<NewTrackedLink> tracked_links;
};

// Who must have replies approved (inbox/reply_review.h). A user's own setting wins over the
// team's.
struct ReviewSettings {
  std::vector<core::TeamId> teams;                   // Teams whose replies need approval.
  std::vector<std::pair<core::UserId, bool>> users;  // Per user: always (true) or never.
};

struct ReplyResult {
  core::Post post;
  int64_t seq = 0;
};

// A reply the outbox should try to deliver now.
struct DueDelivery {
  core::OutboxId id;
  core::Post post;
  int attempts = 0;  // Made so far.
};

struct DeliveryAttempt {
  core::DeliveryState state = core::DeliveryState::kPending;  // After this attempt.
  std::string error;                // Empty when delivered.
  base::Micros next_attempt_at = 0;  // When still pending.
};

struct AuditEntry {
  int64_t id = 0;
  base::Micros at = 0;
  core::UserId user;
  std::string user_name;  // Filled when read.
  std::string remote_address;
  std::string action;  // "POST /api/v1/conversations/{id}/claim"
  std::string target;  // "/api/v1/conversations/12/claim"
  int status = 0;
};

struct AuditFilter {
  core::UserId user;  // Unset: everyone.
  base::Micros since = 0;
  Page page;
};

struct AuditList {
  std::vector<AuditEntry> entries;  // Newest first.
  std::string next_cursor;
};

struct FollowUpFilter {
  core::ConversationId conversation;  // Unset: any.
  core::UserId owner;                 // Unset: anyone's.
  bool open_only = false;
  int limit = 200;
};

// Follow-ups that came due or went overdue, as one chore round handled them.
struct FollowUpAlerts {
  int64_t reminded = 0;   // Owners told that a follow-up is due.
  int64_t escalated = 0;  // Overdue follow-ups reported to leads.
};

// An escalation with what comes with it, applied in one transaction.
struct NewEscalation {
  core::ConversationId conversation;
  core::EscalationKind kind = core::EscalationKind::kManagement;
  std::string reason;
  core::UserId by;
  base::Micros at = 0;
  core::UserId expert;  // kExpert: the colleague asked to answer (added as expert, notified).
  core::TeamId team;    // kManagement: hand the conversation to this team (unset: keep it).
  std::optional<core::FollowUp> call;  // kPhone: the call task.
};

struct ConversationList {
  std::vector<core::Conversation> conversations;
  std::string next_cursor;  // Empty on the last page.
};

enum class SearchOrder { kRecent, kRelevance };

struct PostSearch {
  analysis::query::Query query;
  SearchOrder order = SearchOrder::kRecent;
  Page page;
};

struct PostList {
  std::vector<core::Post> posts;
  std::string next_cursor;
};

// A user with its credential, for the authentication service only.
struct UserCredential {
  core::User user;
  std::string password_hash;  // Argon2id, libsodium's string format.
};

struct SessionRecord {
  core::UserId user;
  std::string csrf_token;
  base::Micros expires_at = 0;
};

struct ApiTokenInfo {
  core::ApiTokenId id;
  core::UserId user;
  std::string name;
  base::Micros created_at = 0;
  base::Micros last_used_at = 0;
};

// What is known of a post's author when it comes in, for routing.
struct AuthorHistory {
  int64_t recent_posts = 0;  // Inbound posts by the same author in the window before this one.
  int customer_value = 0;    // 0..100, of the contact behind the author; 0 when none.
};

// What one round of the SLA sweep recorded (Store::RecordSlaAlerts).
struct SlaSweep {
  int64_t warnings = 0;
  int64_t breaches = 0;
  int64_t last_seq = 0;  // Of the last event recorded; 0 when none.
};

// First responses and breaches in [since, until), optionally of one team (docs/sla.md).
struct SlaReportQuery {
  base::Micros since = 0;
  base::Micros until = 0;
  core::TeamId team;        // Unset: every team.
  int within_minutes = 30;  // Business minutes.
};

struct SlaReport {
  int64_t responded = 0;         // Conversations whose first response was made in the period.
  int64_t responded_within = 0;  // Of those, answered within `within_minutes` business minutes.
  // Conversations whose first inbound post came in the period and still wait for an answer.
  int64_t awaiting = 0;
  // First-response times of `responded`, business minutes, nearest rank; 0 when none.
  double median_minutes = 0;
  double p90_minutes = 0;
  std::vector<std::pair<core::SlaKind, int64_t>> breaches;  // Every kind, due in the period.
};

struct StoreStats {
  int64_t posts = 0;
  int64_t conversations = 0;
  int64_t authors = 0;
  int64_t users = 0;
  // Since the store was opened: write transactions committed, and the writes they held (more
  // writes than commits: writes that arrived together were committed together).
  int64_t commits = 0;
  int64_t committed_writes = 0;
  // Since the store was opened: checkpoint passes that copied the write-ahead log back into
  // the database, and the checkpoints among them that copied all of it, after which the log
  // starts again (0 for a store without a log).
  int64_t checkpoint_passes = 0;
  int64_t full_checkpoints = 0;
  // Since the store was opened: how long each write transaction held the writer, whether it
  // committed or not (empty for a store that does not measure it).
  base::DurationHistogram transaction_durations;
};

// Conversations deleted by one action: hidden at once, restorable until `expires_at`, purged
// (gone for good, with everything that hangs off them) after it.
struct DeleteBatch {
  int64_t id = 0;
  core::UserId deleted_by;
  base::Micros deleted_at = 0;
  base::Micros expires_at = 0;
  int64_t conversations = 0;     // How many the action deleted.
  base::Micros restored_at = 0;  // 0: not undone.
  base::Micros purged_at = 0;    // 0: not purged (yet).
};

struct SoftDeleted {
  DeleteBatch batch;                          // id 0 when nothing was deleted.
  std::vector<core::ConversationId> deleted;  // In the order asked.
  std::vector<core::ConversationId> missing;  // Unknown, or deleted already.
  int64_t seq = 0;                            // Of the last event recorded; 0 when none.
};

struct Restored {
  DeleteBatch batch;
  std::vector<core::ConversationId> restored;  // Those a new post had not brought back already.
  int64_t seq = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- Posts ---
  // Stores the posts in one transaction: all or none. A post whose (channel, external_id)
  // is already stored is counted as a duplicate and changes nothing. Each inserted post
  // joins the conversation of the post it replies to when that is stored, else the DM
  // thread of its author (private posts), else a conversation of its own.
  virtual absl::StatusOr<InsertResult> InsertPosts(std::span<const core::NewPost> posts) = 0;
  virtual absl::StatusOr<PostList> SearchPosts(const PostSearch& search) = 0;
  // The raw payload as received, decompressed.
  virtual absl::StatusOr<std::string> GetRawPayload(core::PostId id) = 0;

  // --- Conversations ---
  virtual absl::StatusOr<ConversationList> ListConversations(const ConversationFilter& filter) = 0;
  virtual absl::StatusOr<core::Conversation> GetConversation(core::ConversationId id) = 0;
  // Oldest first.
  virtual absl::StatusOr<std::vector<core::Post>> ListConversationPosts(core::ConversationId id) = 0;

  // For each of `posts` (in order): its author's inbound posts in the `window` before the
  // post's created_at (up to 100), counting earlier posts of the same batch too, and the
  // customer value of the author's contact. Outbound posts get no count (0).
  virtual absl::StatusOr<std::vector<AuthorHistory>> AuthorHistories(
      std::span<const core::NewPost> posts, base::Micros window) = 0;

  // Stored posts in id order after `after`, at most `limit` (1-10,000); with
  // `unanalysed_only`, only those stored before analysis existed. For re-analysis.
  virtual absl::StatusOr<std::vector<core::Post>> ListPostsForAnalysis(core::PostId after, int limit,
                                                                       bool unanalysed_only) = 0;
  // Replaces the stored analysis of each post, and the streams it matched, in one
  // transaction; then refreshes each touched conversation's language, sentiment, priority
  // (unless resolved) and team (unless set) from its posts, as ingest would have set them.
  virtual absl::Status UpdateAnalyses(
      std::span<const std::pair<core::PostId, core::PostClassification>> analyses) = 0;

  // --- Streams, teams, settings ---
  // By name (case-insensitive order).
  virtual absl::StatusOr<std::vector<core::Stream>> ListStreams() = 0;
  virtual absl::StatusOr<core::Stream> GetStream(core::StreamId id) = 0;
  // AlreadyExists when the name (case-insensitive) is taken; NotFound for an unknown team.
  // The caller checks the query (analysis/pipeline). Returns the stream with id and times.
  virtual absl::StatusOr<core::Stream> CreateStream(const core::Stream& stream) = 0;
  virtual absl::StatusOr<core::Stream> UpdateStream(const core::Stream& stream) = 0;
  // Also forgets which posts matched it.
  virtual absl::Status DeleteStream(core::StreamId id) = 0;
  virtual absl::StatusOr<std::vector<core::Team>> ListTeams() = 0;
  // AlreadyExists when the name is taken.
  virtual absl::StatusOr<core::Team> CreateTeam(const std::string& name) = 0;
  // A settings document by key; NotFound when never set.
  virtual absl::StatusOr<std::string> GetSetting(const std::string& key) = 0;
  virtual absl::Status PutSetting(const std::string& key, const std::string& value) = 0;

  // --- Inbox ---
  // The conversations `filter.visible_to` may see, counted per view (open ones only).
  virtual absl::StatusOr<ViewCounts> CountViews(const Visibility& viewer, bool sees_all) = 0;
  // Applies `update` and records `event` (with the conversation and the update's fields added
  // to its data) in one transaction. NotFound for an unknown conversation; InvalidArgument for
  // an unknown assignee, team or expert.
  virtual absl::StatusOr<Changed> UpdateConversation(core::ConversationId id,
                                                     const ConversationUpdate& update,
                                                     const core::NewEvent& event) = 0;
  // Snoozed conversations whose time has come become open, each with a
  // "conversation.woke" event. Returns how many woke.
  virtual absl::StatusOr<int64_t> WakeSnoozed(base::Micros now) = 0;
  // Events after `after_seq`, oldest first, at most `limit` (1-10,000).
  virtual absl::StatusOr<std::vector<core::Event>> ListEvents(int64_t after_seq, int limit) = 0;
  virtual absl::StatusOr<int64_t> LastEventSeq() = 0;
  // The history of one conversation, oldest first.
  virtual absl::StatusOr<std::vector<core::Event>> ListConversationEvents(
      core::ConversationId id) = 0;

  virtual absl::StatusOr<std::vector<core::TeamId>> ListUserTeams(core::UserId user) = 0;
  virtual absl::StatusOr<std::vector<core::UserId>> ListTeamMembers(core::TeamId team) = 0;
  // NotFound for an unknown team or user.
  virtual absl::Status SetTeamMember(core::TeamId team, core::UserId user, bool member) = 0;

  // Stores the note, a "mention" notification for each mentioned user, and a "note.added"
  // event, in one transaction. Returns the note with its id and time.
  virtual absl::StatusOr<std::pair<core::Note, int64_t>> AddNote(const core::Note& note) = 0;
  virtual absl::StatusOr<std::vector<core::Note>> ListNotes(core::ConversationId id) = 0;
  // Newest first, at most `limit`.
  virtual absl::StatusOr<std::vector<core::Notification>> ListNotifications(core::UserId user,
                                                                           bool unread_only,
                                                                           int limit) = 0;
  // Marks the user's notifications up to and including `up_to` read.
  virtual absl::Status MarkNotificationsRead(core::UserId user, core::NotificationId up_to) = 0;
  // How many of the user's notifications are unread, however many there are.
  virtual absl::StatusOr<int64_t> CountUnreadNotifications(core::UserId user) = 0;

  // Stores the reply as an outbound post of the conversation, queues it in the outbox, sets
  // the conversation's status to `status_after` and records a "reply.added" event, in one
  // transaction. The post is returned with its delivery.
  virtual absl::StatusOr<ReplyResult> AddReply(const NewReply& reply) = 0;
  // Pending replies whose next attempt is due at `now`, oldest first.
  virtual absl::StatusOr<std::vector<DueDelivery>> ListDueDeliveries(base::Micros now,
                                                                    int limit) = 0;
  // Records one delivery attempt and a "reply.delivery" event. Returns the event's seq.
  virtual absl::StatusOr<int64_t> RecordDeliveryAttempt(core::OutboxId id,
                                                        const DeliveryAttempt& attempt) = 0;
  // The conversation a queued reply belongs to; NotFound for an unknown delivery.
  virtual absl::StatusOr<core::ConversationId> DeliveryConversation(core::OutboxId id) = 0;
  // Puts a failed reply back in the queue for another round of attempts.
  virtual absl::StatusOr<int64_t> RetryDelivery(core::OutboxId id, core::UserId actor) = 0;

  virtual absl::Status AppendAudit(const AuditEntry& entry) = 0;
  virtual absl::StatusOr<AuditList> ListAudit(const AuditFilter& filter) = 0;

  // --- Attachments (attachments/) and four-eyes review of replies (inbox/reply_review.h) ---
  // Records an upload whose content is already on disk; returns it with its id and time.
  virtual absl::StatusOr<core::StoredAttachment> AddAttachment(
      const core::StoredAttachment& attachment) = 0;
  // NotFound for an unknown id. Carries the post and conversation once attached.
  virtual absl::StatusOr<core::StoredAttachment> GetAttachment(core::AttachmentId id) = 0;
  // Forgets uploads never attached to a reply and made before `before` (at most `limit`).
  // Returns the sha256 of the contents that no attachment refers to any more: their files
  // may be deleted.
  virtual absl::StatusOr<std::vector<std::string>> DeleteUnattachedAttachments(base::Micros before,
                                                                              int limit) = 0;

  virtual absl::StatusOr<ReviewSettings> GetReviewSettings() = 0;
  // NotFound for an unknown team or user. For a user, nullopt follows the team's setting.
  virtual absl::Status SetTeamReview(core::TeamId team, bool required) = 0;
  virtual absl::Status SetUserReview(core::UserId user, std::optional<bool> required) = 0;
  // Replies awaiting approval, oldest request first, at most `limit` (1-500); each with its
  // review.
  virtual absl::StatusOr<std::vector<core::Post>> ListPendingReplies(int limit) = 0;
  // A reply with its review; NotFound for an unknown post or one that needed no approval.
  virtual absl::StatusOr<core::Post> GetReviewedReply(core::PostId post) = 0;
  // Approves a pending reply: it is queued in the outbox like any reply (first attempt at
  // `first_attempt_at`), the conversation gets the status the author chose, and a
  // "reply.approved" event is recorded. FailedPrecondition unless it is pending.
  virtual absl::StatusOr<ReplyResult> ApproveReply(core::PostId post, core::UserId reviewer,
                                                   base::Micros first_attempt_at) = 0;
  // Rejects a pending reply with the reason, notifies its author, records "reply.rejected".
  // FailedPrecondition unless it is pending.
  virtual absl::StatusOr<ReplyResult> RejectReply(core::PostId post, core::UserId reviewer,
                                                  const std::string& reason) = 0;
  // A rejected reply, edited by its author, waits for approval again with the new text (and,
  // when given, the new set of attachments: the author's unattached uploads or those already
  // on it); the leads are notified and "reply.resubmitted" recorded. FailedPrecondition
  // unless it was rejected.
  virtual absl::StatusOr<ReplyResult> ResubmitReply(
      core::PostId post, const std::string& text,
      const std::optional<std::vector<core::AttachmentId>>& attachments) = 0;

  // --- Follow-ups and escalations ---
  // Stores the follow-up with a "follow_up.added" event (and a notification to its owner when
  // someone else made it). InvalidArgument for an unknown owner; NotFound for an unknown
  // conversation.
  virtual absl::StatusOr<std::pair<core::FollowUp, int64_t>> AddFollowUp(const core::FollowUp& follow_up) = 0;
  virtual absl::StatusOr<core::FollowUp> GetFollowUp(core::FollowUpId id) = 0;
  // Open ones by due time first, then closed ones newest first.
  virtual absl::StatusOr<std::vector<core::FollowUp>> ListFollowUps(const FollowUpFilter& filter) = 0;
  // Marks an open follow-up done or cancelled, with a "follow_up.closed" event.
  // FailedPrecondition when it is closed already.
  virtual absl::StatusOr<std::pair<core::FollowUp, int64_t>> CloseFollowUp(core::FollowUpId id,
                                                                       core::FollowUpState state,
                                                                       core::UserId by,
                                                                       base::Micros at) = 0;
  // One round of the follow-up chore, in one transaction: each open follow-up due at `now`
  // that was not yet reminded gets a "follow_up.due" event and a notification to its owner;
  // each one due at `now - escalate_after` or earlier that was not yet escalated gets a
  // "follow_up.overdue" event and a notification to the leads of the conversation's team
  // (to every lead when the team has none, to every admin when there are no leads).
  virtual absl::StatusOr<FollowUpAlerts> AlertDueFollowUps(base::Micros now,
                                                          base::Micros escalate_after) = 0;
  // Records the escalation with a "conversation.escalated" event, and with it: kExpert adds
  // the expert and notifies them; kManagement moves the conversation to `team` when set and
  // notifies its leads; kPhone stores the call task. NotFound / InvalidArgument as
  // UpdateConversation.
  virtual absl::StatusOr<Changed> AddEscalation(const NewEscalation& escalation) = 0;
  // Ends the escalation in force, with a "conversation.deescalated" event. FailedPrecondition
  // when none is. (Resolving a conversation ends it too.)
  virtual absl::StatusOr<Changed> EndEscalation(core::ConversationId id, core::UserId by,
                                                base::Micros at) = 0;

  // --- Deletion: soft, undoable for a while, then purged ---
  // Hides the conversations at once (lists, counts, search and GetConversation treat them as
  // gone) and records a "conversation.deleted" event for each, with who could see it (team,
  // assignee, experts), in one transaction. Nothing is removed yet. The batch can be restored
  // until `now + undo_window`. A new post that joins a deleted conversation brings it back (with
  // a "conversation.restored" event), so accepted data is never lost.
  virtual absl::StatusOr<SoftDeleted> SoftDeleteConversations(
      std::span<const core::ConversationId> ids, core::UserId by, base::Micros undo_window) = 0;
  // NotFound for an unknown batch.
  virtual absl::StatusOr<DeleteBatch> GetDeleteBatch(int64_t id) = 0;
  // Brings every conversation of the batch that is still deleted back exactly as it was, each
  // with a "conversation.restored" event. FailedPrecondition once the batch's window has
  // closed, or when it was restored already; NotFound for an unknown batch.
  virtual absl::StatusOr<Restored> RestoreDeleteBatch(int64_t id, core::UserId by) = 0;
  // Runs `body` as one write transaction: the writes it makes through this store on the
  // calling thread commit together when it returns OK (all roll back otherwise), while each
  // keeps its own all-or-nothing: one that fails leaves no trace and the others stay. One
  // commit instead of one per write is what makes a bulk action on thousands of conversations
  // take seconds. Other writers wait until it ends, so keep a body to a few hundred small
  // writes. Reads inside see what was committed before it began (inbox/bulk_actions.h).
  virtual absl::Status WriteTogether(const std::function<absl::Status()>& body) = 0;
  // Removes for good up to `limit` conversations of batches whose window closed at `now`, with
  // their posts (and search index entries, payloads, stream matches), labels, experts, notes,
  // notifications, outbox entries, follow-ups, escalations and events, in one transaction.
  // Returns how many conversations were removed; call again while it returns `limit`.
  virtual absl::StatusOr<int64_t> PurgeDeleted(base::Micros now, int limit) = 0;

  // --- Users, sessions, API tokens ---
  // AlreadyExists when the e-mail (case-insensitive) is taken.
  virtual absl::StatusOr<core::User> CreateUser(const core::User& user,
                                                const std::string& password_hash) = 0;
  virtual absl::StatusOr<UserCredential> FindUserByEmail(const std::string& email) = 0;
  virtual absl::StatusOr<core::User> GetUser(core::UserId id) = 0;
  virtual absl::StatusOr<std::vector<core::User>> ListUsers() = 0;

  // Token hashes are stored, never tokens.
  virtual absl::Status CreateSession(const std::string& token_hash, const SessionRecord& session) = 0;
  virtual absl::StatusOr<SessionRecord> FindSession(const std::string& token_hash) = 0;
  virtual absl::Status DeleteSession(const std::string& token_hash) = 0;

  virtual absl::StatusOr<ApiTokenInfo> CreateApiToken(core::UserId user, const std::string& name,
                                                      const std::string& token_hash) = 0;
  // NotFound for unknown or revoked tokens. Records the time of use.
  virtual absl::StatusOr<ApiTokenInfo> UseApiToken(const std::string& token_hash) = 0;
  virtual absl::StatusOr<std::vector<ApiTokenInfo>> ListApiTokens(core::UserId user) = 0;
  // NotFound unless `id` belongs to `user` and is not yet revoked.
  virtual absl::Status RevokeApiToken(core::UserId user, core::ApiTokenId id) = 0;

  // --- Canned answers and tracked links (docs/canned-answers.md) ---
  // By shortcut, company-wide answers first.
  virtual absl::StatusOr<std::vector<core::CannedAnswer>> ListCannedAnswers(
      const CannedAnswerFilter& filter) = 0;
  virtual absl::StatusOr<core::CannedAnswer> GetCannedAnswer(core::CannedAnswerId id) = 0;
  // Stores team, title, shortcut, body, network and created_by (also the first updated_by);
  // the times are the store's. AlreadyExists when the team (or the company-wide answers)
  // already has the shortcut; NotFound for an unknown team.
  virtual absl::StatusOr<core::CannedAnswer> CreateCannedAnswer(const core::CannedAnswer& answer) = 0;
  // Replaces team, title, shortcut, body and network, with updated_by; usage is kept.
  virtual absl::StatusOr<core::CannedAnswer> UpdateCannedAnswer(const core::CannedAnswer& answer) = 0;
  virtual absl::Status DeleteCannedAnswer(core::CannedAnswerId id) = 0;
  // Counts one use, now. NotFound for an unknown answer.
  virtual absl::Status RecordCannedAnswerUse(core::CannedAnswerId id) = 0;
  // The conversation's tracked links, oldest first.
  virtual absl::StatusOr<std::vector<core::TrackedLink>> ListTrackedLinks(
      core::ConversationId conversation) = 0;
  // Counts one click on the link with `code`, now, and returns it; records a "link.clicked"
  // event with the new count (docs/realtime.md). NotFound for an unknown code.
  virtual absl::StatusOr<core::TrackedLink> ClickTrackedLink(const std::string& code) = 0;

  // --- Service levels (docs/sla.md) ---
  // Business hours and SLA policies per team; the unset team is the default. Putting one
  // replaces what the team had and recomputes the running timers it governs, in one
  // transaction. NotFound for an unknown team. The caller validates them (inbox/sla.h).
  virtual absl::StatusOr<std::vector<core::BusinessHours>> ListBusinessHours() = 0;
  virtual absl::StatusOr<core::BusinessHours> PutBusinessHours(const core::BusinessHours& hours) = 0;
  // NotFound when the team (unset: the default) has no schedule of its own.
  virtual absl::Status DeleteBusinessHours(core::TeamId team) = 0;
  virtual absl::StatusOr<std::vector<core::SlaPolicy>> ListSlaPolicies() = 0;
  virtual absl::StatusOr<core::SlaPolicy> PutSlaPolicy(const core::SlaPolicy& policy) = 0;
  virtual absl::Status DeleteSlaPolicy(core::TeamId team) = 0;
  // One round of the SLA sweep, in one transaction: each running timer past its warning time
  // gets an "sla.warning" event and a notification (to the assignee; unassigned, to the leads
  // of the conversation's team, else every lead); each timer past due, or stopped after it,
  // gets an "sla.breached" event and a row in the breaches (and a notification when running
  // and never warned). Each once per timer, at most `limit` of each per round.
  // Notifications only for times after `notify_after`: what went by unseen (the server was
  // down, a policy was just set on old conversations) is recorded, not announced.
  virtual absl::StatusOr<SlaSweep> RecordSlaAlerts(base::Micros now, base::Micros notify_after,
                                                   int limit) = 0;
  virtual absl::StatusOr<SlaReport> ReportSla(const SlaReportQuery& query) = 0;
  // Recomputes the SLA clocks of these conversations now, for changes made by writes that do
  // not keep them themselves (an escalation that hands a conversation to another team).
  // Unknown ids are skipped.
  virtual absl::Status RecomputeSla(std::span<const core::ConversationId> conversations) = 0;

  // --- Operations ---
  virtual absl::StatusOr<StoreStats> Stats() = 0;
  // Cheap check that the store answers; for /healthz.
  virtual absl::Status Ping() = 0;
};

}  // namespace webcare::storage
