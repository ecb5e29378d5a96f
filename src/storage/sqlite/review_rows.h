#pragma once
// The parts of writing a reply that belong to attachments and four-eyes review, for
// SqliteStore::AddReply (sqlite_inbox.cc) and the review methods (sqlite_review.cc). Included
// only inside storage/sqlite/. REQUIRES for each: inside the writer's transaction.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "core/ids.h"
#include "storage/sqlite/connection.h"
#include "storage/store.h"

namespace webcare::storage::sqlite {

// The attachment's address in the API, stored in posts.attachments[].url.
std::string AttachmentPath(core::AttachmentId id);

// Attaches `attachments` (in order) to the reply `post` and writes its attachments column.
// Each must be an upload of `author` that is not attached to another post; InvalidArgument
// naming the attachment otherwise. With `replace`, the ones on the post that are not listed go
// back to being the author's unattached uploads; without, an empty list changes nothing.
absl::Status AttachToReply(Connection& db, core::PostId post, core::UserId author,
                           const std::vector<core::AttachmentId>& attachments, bool replace = false);

// Holds a new reply for a lead's approval: the review row, the conversation's post count and
// preview (not its status: nothing was sent yet), and an "approval_requested" notification
// for each lead who reviews it (ReviewersOf). Returns the data of the event to record.
absl::StatusOr<std::string> HoldForReview(Connection& db, core::PostId post, const NewReply& reply,
                                          base::Micros now);

// Who is asked to approve a reply of `author` on `conversation`: the active leads of the
// conversation's team; every active lead when the team has none (or there is no team); every
// active admin when there are no leads. Never the author.
absl::StatusOr<std::vector<core::UserId>> ReviewersOf(Connection& db, core::ConversationId conversation,
                                                      core::UserId author);

}  // namespace webcare::storage::sqlite
