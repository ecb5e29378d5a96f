#pragma once
// The storage interface. Callers depend only on this header; each backend lives in its own
// folder (sqlite/ today, postgres/ next) and passes the same conformance suite
// (store_conformance_test.cc).
//
// Thread-safety: every method may be called from any thread at any time. Writes are
// serialised inside the backend; reads run concurrently with each other and with writes.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "core/conversation.h"
#include "core/inbox.h"
#include "core/people.h"
#include "core/post.h"
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

struct StoreStats {
  int64_t posts = 0;
  int64_t conversations = 0;
  int64_t authors = 0;
  int64_t users = 0;
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
  // Puts a failed reply back in the queue for another round of attempts.
  virtual absl::StatusOr<int64_t> RetryDelivery(core::OutboxId id, core::UserId actor) = 0;

  virtual absl::Status AppendAudit(const AuditEntry& entry) = 0;
  virtual absl::StatusOr<AuditList> ListAudit(const AuditFilter& filter) = 0;

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

  // --- Operations ---
  virtual absl::StatusOr<StoreStats> Stats() = 0;
  // Cheap check that the store answers; for /healthz.
  virtual absl::Status Ping() = 0;
};

}  // namespace webcare::storage
