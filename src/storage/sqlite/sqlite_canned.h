#pragma once
// Tracked links written inside another transaction of the SQLite store (the reply's, in
// AddReply). Included only inside storage/sqlite/.

#include "absl/status/status.h"
#include "base/clock.h"
#include "core/ids.h"
#include "storage/sqlite/connection.h"
#include "storage/store.h"

namespace webcare::storage::sqlite {

// Stores `reply.tracked_links` for the reply stored as `post`. A link whose code the
// conversation already has (a reply that repeats a link) is kept as it is. InvalidArgument for
// a target that is not an http:// or https:// address.
absl::Status InsertTrackedLinks(Connection& db, const NewReply& reply, core::PostId post,
                                base::Micros now);

}  // namespace webcare::storage::sqlite
