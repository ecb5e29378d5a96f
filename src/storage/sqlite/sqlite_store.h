#pragma once
// The embedded backend: one SQLite database file in WAL mode. One writer connection and a pool
// of reader connections that run concurrently with it. Writes are serialised; those that arrive
// while another commits are committed together (group commit, Write below). A thread of its
// own copies the write-ahead log back into the database (checkpoints, RunCheckpoints below).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "base/clock.h"
#include "storage/store.h"

struct sqlite3;  // <sqlite3.h>'s connection handle, for OnWalCommit.

namespace webcare::storage::sqlite {

class Connection;  // connection.h; only this folder sees <sqlite3.h>.

struct SqliteOptions {
  std::string path;              // The database file; created with its schema when missing.
  int max_readers = 8;
  base::Micros read_timeout = 5 * base::kMicrosPerSecond;  // Longer reads are interrupted.
  bool synchronous_full = true;  // fsync on every commit: no committed write is ever lost.
  // Computes SLA timers inside the writes that change them (inbox/sla.h); must outlive the
  // store. Null: no timers are kept (tools and tests that need none).
  const core::SlaCalculator* sla_calculator = nullptr;
  // The checkpointer starts once the write-ahead log holds this many pages (4 KiB each): large
  // enough that a page many commits rewrite is copied back once, small enough that the log
  // stays a few dozen megabytes.
  int checkpoint_pages = 10'000;
};

class SqliteStore final : public Store {
 public:
  // Opens the database and applies pending migrations. `clock` must outlive the store.
  static absl::StatusOr<std::unique_ptr<SqliteStore>> Open(const SqliteOptions& options,
                                                          const base::Clock& clock);
  ~SqliteStore() override;

  absl::StatusOr<InsertResult> InsertPosts(std::span<const core::NewPost> posts) override;
  absl::StatusOr<PostList> SearchPosts(const PostSearch& search) override;
  absl::StatusOr<std::string> GetRawPayload(core::PostId id) override;

  absl::StatusOr<ConversationList> ListConversations(const ConversationFilter& filter) override;
  absl::StatusOr<core::Conversation> GetConversation(core::ConversationId id) override;
  absl::StatusOr<std::vector<core::Post>> ListConversationPosts(core::ConversationId id) override;

  absl::StatusOr<std::vector<AuthorHistory>> AuthorHistories(std::span<const core::NewPost> posts,
                                                             base::Micros window) override;

  absl::StatusOr<std::vector<core::Post>> ListPostsForAnalysis(core::PostId after, int limit,
                                                               bool unanalysed_only) override;
  absl::Status UpdateAnalyses(
      std::span<const std::pair<core::PostId, core::PostClassification>> analyses) override;

  absl::StatusOr<std::vector<core::Stream>> ListStreams() override;
  absl::StatusOr<core::Stream> GetStream(core::StreamId id) override;
  absl::StatusOr<core::Stream> CreateStream(const core::Stream& stream) override;
  absl::StatusOr<core::Stream> UpdateStream(const core::Stream& stream) override;
  absl::Status DeleteStream(core::StreamId id) override;
  absl::StatusOr<std::vector<core::Team>> ListTeams() override;
  absl::StatusOr<core::Team> CreateTeam(const std::string& name) override;
  absl::StatusOr<std::string> GetSetting(const std::string& key) override;
  absl::Status PutSetting(const std::string& key, const std::string& value) override;

  absl::StatusOr<ViewCounts> CountViews(const Visibility& viewer, bool sees_all) override;
  absl::StatusOr<Changed> UpdateConversation(core::ConversationId id,
                                             const ConversationUpdate& update,
                                             const core::NewEvent& event) override;
  absl::StatusOr<int64_t> WakeSnoozed(base::Micros now) override;
  absl::StatusOr<std::vector<core::Event>> ListEvents(int64_t after_seq, int limit) override;
  absl::StatusOr<int64_t> LastEventSeq() override;
  absl::StatusOr<std::vector<core::Event>> ListConversationEvents(core::ConversationId id) override;
  absl::StatusOr<std::vector<core::TeamId>> ListUserTeams(core::UserId user) override;
  absl::StatusOr<std::vector<core::UserId>> ListTeamMembers(core::TeamId team) override;
  absl::Status SetTeamMember(core::TeamId team, core::UserId user, bool member) override;
  absl::StatusOr<std::pair<core::Note, int64_t>> AddNote(const core::Note& note) override;
  absl::StatusOr<std::vector<core::Note>> ListNotes(core::ConversationId id) override;
  absl::StatusOr<std::vector<core::Notification>> ListNotifications(core::UserId user,
                                                                   bool unread_only,
                                                                   int limit) override;
  absl::Status MarkNotificationsRead(core::UserId user, core::NotificationId up_to) override;
  absl::StatusOr<int64_t> CountUnreadNotifications(core::UserId user) override;
  absl::StatusOr<ReplyResult> AddReply(const NewReply& reply) override;
  absl::StatusOr<std::vector<DueDelivery>> ListDueDeliveries(base::Micros now, int limit) override;
  absl::StatusOr<int64_t> RecordDeliveryAttempt(core::OutboxId id,
                                                const DeliveryAttempt& attempt) override;
  absl::StatusOr<core::ConversationId> DeliveryConversation(core::OutboxId id) override;
  absl::StatusOr<int64_t> RetryDelivery(core::OutboxId id, core::UserId actor) override;
  absl::Status AppendAudit(const AuditEntry& entry) override;
  absl::StatusOr<AuditList> ListAudit(const AuditFilter& filter) override;
  // Attachments and reply review: sqlite_review.cc.
  absl::StatusOr<core::StoredAttachment> AddAttachment(
      const core::StoredAttachment& attachment) override;
  absl::StatusOr<core::StoredAttachment> GetAttachment(core::AttachmentId id) override;
  absl::StatusOr<std::vector<std::string>> DeleteUnattachedAttachments(base::Micros before,
                                                                      int limit) override;
  absl::StatusOr<ReviewSettings> GetReviewSettings() override;
  absl::Status SetTeamReview(core::TeamId team, bool required) override;
  absl::Status SetUserReview(core::UserId user, std::optional<bool> required) override;
  absl::StatusOr<std::vector<core::Post>> ListPendingReplies(int limit) override;
  absl::StatusOr<core::Post> GetReviewedReply(core::PostId post) override;
  absl::StatusOr<ReplyResult> ApproveReply(core::PostId post, core::UserId reviewer,
                                           base::Micros first_attempt_at) override;
  absl::StatusOr<ReplyResult> RejectReply(core::PostId post, core::UserId reviewer,
                                          const std::string& reason) override;
  absl::StatusOr<ReplyResult> ResubmitReply(
      core::PostId post, const std::string& text,
      const std::optional<std::vector<core::AttachmentId>>& attachments) override;

  absl::StatusOr<std::pair<core::FollowUp, int64_t>> AddFollowUp(const core::FollowUp& follow_up) override;
  absl::StatusOr<core::FollowUp> GetFollowUp(core::FollowUpId id) override;
  absl::StatusOr<std::vector<core::FollowUp>> ListFollowUps(const FollowUpFilter& filter) override;
  absl::StatusOr<std::pair<core::FollowUp, int64_t>> CloseFollowUp(core::FollowUpId id,
                                                               core::FollowUpState state,
                                                               core::UserId by,
                                                               base::Micros at) override;
  absl::StatusOr<FollowUpAlerts> AlertDueFollowUps(base::Micros now, base::Micros escalate_after) override;
  absl::StatusOr<Changed> AddEscalation(const NewEscalation& escalation) override;
  absl::StatusOr<Changed> EndEscalation(core::ConversationId id, core::UserId by,
                                        base::Micros at) override;

  absl::StatusOr<SoftDeleted> SoftDeleteConversations(std::span<const core::ConversationId> ids,
                                                      core::UserId by,
                                                      base::Micros undo_window) override;
  absl::StatusOr<DeleteBatch> GetDeleteBatch(int64_t id) override;
  absl::StatusOr<Restored> RestoreDeleteBatch(int64_t id, core::UserId by) override;
  absl::StatusOr<int64_t> PurgeDeleted(base::Micros now, int limit) override;
  absl::Status WriteTogether(const std::function<absl::Status()>& body) override;

  absl::StatusOr<core::User> CreateUser(const core::User& user,
                                        const std::string& password_hash) override;
  absl::StatusOr<UserCredential> FindUserByEmail(const std::string& email) override;
  absl::StatusOr<core::User> GetUser(core::UserId id) override;
  absl::StatusOr<std::vector<core::User>> ListUsers() override;

  absl::Status CreateSession(const std::string& token_hash, const SessionRecord& session) override;
  absl::StatusOr<SessionRecord> FindSession(const std::string& token_hash) override;
  absl::Status DeleteSession(const std::string& token_hash) override;

  absl::StatusOr<ApiTokenInfo> CreateApiToken(core::UserId user, const std::string& name,
                                              const std::string& token_hash) override;
  absl::StatusOr<ApiTokenInfo> UseApiToken(const std::string& token_hash) override;
  absl::StatusOr<std::vector<ApiTokenInfo>> ListApiTokens(core::UserId user) override;
  absl::Status RevokeApiToken(core::UserId user, core::ApiTokenId id) override;

  absl::StatusOr<std::vector<core::CannedAnswer>> ListCannedAnswers(
      const CannedAnswerFilter& filter) override;
  absl::StatusOr<core::CannedAnswer> GetCannedAnswer(core::CannedAnswerId id) override;
  absl::StatusOr<core::CannedAnswer> CreateCannedAnswer(const core::CannedAnswer& answer) override;
  absl::StatusOr<core::CannedAnswer> UpdateCannedAnswer(const core::CannedAnswer& answer) override;
  absl::Status DeleteCannedAnswer(core::CannedAnswerId id) override;
  absl::Status RecordCannedAnswerUse(core::CannedAnswerId id) override;
  absl::StatusOr<std::vector<core::TrackedLink>> ListTrackedLinks(
      core::ConversationId conversation) override;
  absl::StatusOr<core::TrackedLink> ClickTrackedLink(const std::string& code) override;

  absl::StatusOr<std::vector<core::BusinessHours>> ListBusinessHours() override;
  absl::StatusOr<core::BusinessHours> PutBusinessHours(const core::BusinessHours& hours) override;
  absl::Status DeleteBusinessHours(core::TeamId team) override;
  absl::StatusOr<std::vector<core::SlaPolicy>> ListSlaPolicies() override;
  absl::StatusOr<core::SlaPolicy> PutSlaPolicy(const core::SlaPolicy& policy) override;
  absl::Status DeleteSlaPolicy(core::TeamId team) override;
  absl::StatusOr<SlaSweep> RecordSlaAlerts(base::Micros now, base::Micros notify_after,
                                           int limit) override;
  absl::StatusOr<SlaReport> ReportSla(const SlaReportQuery& query) override;
  absl::Status RecomputeSla(std::span<const core::ConversationId> conversations) override;

  absl::StatusOr<StoreStats> Stats() override;
  absl::Status Ping() override;

  // The schema version after migrations; for tests and `webcare` diagnostics.
  int schema_version() const { return schema_version_; }
  // Writes waiting in the group-commit queue (Write); for tests and diagnostics.
  size_t queued_writes() {
    std::lock_guard lock(queue_mutex_);
    return queued_writes_.size();
  }

 private:
  // A reader connection on loan from the pool (read_lease.h).
  class ReadLease;


  // Runs `body` inside a write transaction on the writer connection: its changes are committed
  // when it returns OK, undone otherwise. Results travel out through the lambda's captures.
  //
  // Group commit: writes that arrive while another transaction runs wait in a queue, and the
  // next of them to go (the leader) runs them all, each in a savepoint of its own, in one
  // transaction: a burst of writes pays for one commit, one fsync and one copy of the pages
  // they share (index leaves, the tail of the event log) instead of one each. A write that
  // fails undoes only its own changes. Bodies may run on another caller's thread, which is
  // why they only touch the connection, their captures and what write_mutex_ guards.
  absl::Status Write(const std::function<absl::Status(Connection&)>& body);
  struct QueuedWrite;
  // The leader's part: runs `group` in one transaction and sets each write's status.
  void CommitGroup(const std::vector<QueuedWrite*>& group) ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mutex_);
  // Write inside WriteTogether on its thread: the body runs in a savepoint of the open
  // transaction (sqlite_bulk.cc). REQUIRES: the calling thread is together_thread_.
  absl::Status WriteNested(const std::function<absl::Status(Connection&)>& body)
      ABSL_NO_THREAD_SAFETY_ANALYSIS;

  SqliteStore(SqliteOptions options, const base::Clock& clock);
  absl::Status Migrate();

  // Checkpoints, off the write path. SQLite's automatic checkpoint runs inside the commit that
  // fills the log: it copies thousands of pages into the database file and syncs it while that
  // write, and every write queued behind it, waits (30-230 ms, every second or so under steady
  // ingest; docs/performance.md).
  //
  // Here the writer's commit hook (OnWalCommit) wakes a thread of its own once the log holds
  // options_.checkpoint_pages. It copies what is committed on a connection of its own, without
  // holding up anyone, and again for what was committed during the copy, until a pass has
  // little left to copy. The writer's next commit hook then copies those last frames itself:
  // with every frame in the database file, the write after it starts the log again from its
  // beginning (overwriting it in place instead of growing the file). The last step is what
  // makes the log restart: a checkpoint beside a stream of commits never sees every frame
  // copied. Every copy is a regular SQLite checkpoint, synced as the connection's
  // `synchronous` says, so nothing about durability changes.
  static int OnWalCommit(void* store, ::sqlite3* db, const char* database, int frames);
  void RunCheckpoints();
  void StopCheckpoints();
  absl::StatusOr<ReadLease> Read();

  // The author's id, inserting it or refreshing its name and reach. REQUIRES: write_mutex_.
  absl::StatusOr<core::AuthorId> UpsertAuthor(Connection& db, const core::AuthorIdentity& author)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mutex_);
  absl::StatusOr<core::ConversationId> FindOrOpenConversation(Connection& db,
                                                              const core::NewPost& post,
                                                              core::AuthorId author)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mutex_);

  // Records `event` about `conversation` (unset: none); returns its seq. REQUIRES: write_mutex_.
  static absl::StatusOr<int64_t> AppendEvent(Connection& db, base::Micros at,
                                             core::ConversationId conversation,
                                             const core::NewEvent& event);
  // Brings `conversation` back when it is soft-deleted, because a new post joined it
  // (sqlite_bulk.cc). REQUIRES: write_mutex_.
  static absl::Status RestoreOnNewPost(Connection& db, base::Micros at,
                                       core::ConversationId conversation);

  const SqliteOptions options_;
  const base::Clock& clock_;
  int schema_version_ = 0;

  // Writes waiting for a leader (Write); at most one leader at a time.
  std::mutex queue_mutex_;
  std::condition_variable queue_changed_;
  std::vector<QueuedWrite*> queued_writes_ ABSL_GUARDED_BY(queue_mutex_);
  bool leading_ ABSL_GUARDED_BY(queue_mutex_) = false;
  // For Stats(): write transactions committed, and the writes they held.
  std::atomic<int64_t> commits_ = 0;
  std::atomic<int64_t> committed_writes_ = 0;
  void CountCommit(int64_t writes) {
    commits_.fetch_add(1, std::memory_order_relaxed);
    committed_writes_.fetch_add(writes, std::memory_order_relaxed);
  }
  // For Stats(): how long a write transaction that began at `start` held the writer.
  void RecordTransactionTime(std::chrono::steady_clock::time_point start) {
    std::lock_guard lock(transaction_times_mutex_);
    transaction_durations_.RecordSince(start);
  }
  std::mutex transaction_times_mutex_;
  base::DurationHistogram transaction_durations_ ABSL_GUARDED_BY(transaction_times_mutex_);

  // The checkpointer (RunCheckpoints).
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wanted_;
  bool checkpoint_due_ ABSL_GUARDED_BY(checkpoint_mutex_) = false;
  bool checkpointing_ ABSL_GUARDED_BY(checkpoint_mutex_) = false;
  bool stopping_ ABSL_GUARDED_BY(checkpoint_mutex_) = false;
  // Set by the checkpointer: the writer's next commit hook copies the last frames.
  std::atomic<bool> finish_checkpoint_ = false;
  // For Stats(): checkpoint passes, and the checkpoints that copied every frame of the log.
  std::atomic<int64_t> checkpoint_passes_ = 0;
  std::atomic<int64_t> full_checkpoints_ = 0;
  std::thread checkpointer_;

  std::mutex write_mutex_;
  // The thread running WriteTogether, which holds write_mutex_; its Writes nest. Read
  // without the lock by every writer, hence atomic.
  std::atomic<std::thread::id> together_thread_;
  std::unique_ptr<Connection> writer_ ABSL_GUARDED_BY(write_mutex_);
  struct CachedAuthor {
    core::AuthorId id;
    int64_t followers;
    std::string name;
    std::string url;
  };
  // Authors seen by the writer, so bulk ingest does not look each one up again. Cleared
  // whenever a write transaction rolls back (the ids it handed out may be gone).
  absl::flat_hash_map<std::string, CachedAuthor> author_cache_ ABSL_GUARDED_BY(write_mutex_);

  // The reader for AuthorHistories, which ingest calls for every batch: unmapped, with
  // SQLite's small default cache, so the index pages a bulk import touches do not pile up in
  // the process's memory the way a mapped search reader's would. Opened on first use.
  std::mutex history_mutex_;
  std::unique_ptr<Connection> history_reader_ ABSL_GUARDED_BY(history_mutex_);

  std::mutex read_mutex_;
  std::condition_variable reader_returned_;
  std::vector<std::unique_ptr<Connection>> idle_readers_ ABSL_GUARDED_BY(read_mutex_);
  int open_readers_ ABSL_GUARDED_BY(read_mutex_) = 0;
};

}  // namespace webcare::storage::sqlite

