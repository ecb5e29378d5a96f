#include "ingest/ingestor.h"

namespace webcare::ingest {

absl::StatusOr<storage::InsertResult> Ingestor::Ingest(std::span<const core::NewPost> posts) {
  auto result = store_.InsertPosts(posts);
  if (result.ok() && result->inserted > 0) {
    events_.Publish(core::PostsIngested{.posts = result->post_ids,
                                        .conversations = result->conversations});
  }
  return result;
}

}  // namespace webcare::ingest
