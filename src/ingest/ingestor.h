#pragma once
// The single entry point for new posts, whatever brought them (import, API, connectors):
// stores a batch in one transaction and then publishes what changed. The analysis pipeline
// (language, sentiment, streams, routing) will run here before the store.

#include <span>

#include "absl/status/statusor.h"
#include "core/event.h"
#include "core/post.h"
#include "storage/store.h"

namespace webcare::ingest {

class Ingestor {
 public:
  // `store` and `events` must outlive the ingestor. Thread-safe.
  Ingestor(storage::Store& store, core::EventSink& events) : store_(store), events_(events) {}

  absl::StatusOr<storage::InsertResult> Ingest(std::span<const core::NewPost> posts);

 private:
  storage::Store& store_;
  core::EventSink& events_;
};

}  // namespace webcare::ingest
