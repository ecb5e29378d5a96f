#pragma once
// The data folder (`--data`, default ./webcare-data): holds the SQLite database and, later,
// attachments. Opening it creates it and applies migrations.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "analysis/pipeline/pipeline.h"
#include "base/clock.h"
#include "core/event.h"
#include "ingest/ingestor.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::app {

inline constexpr char kDefaultDataDir[] = "./webcare-data";

std::string DatabasePath(const std::string& data_dir);
bool DatabaseExists(const std::string& data_dir);
absl::StatusOr<std::unique_ptr<storage::sqlite::SqliteStore>> OpenDataDir(const std::string& data_dir,
                                                                         const base::Clock& clock);

// The analysis pipeline and the ingestor in front of a store: every command that stores or
// analyses posts uses one, so they all analyse the same way.
struct IngestStack {
  IngestStack(storage::Store& store, core::EventSink& events) : ingestor(store, events, pipeline) {}
  analysis::Pipeline pipeline;
  ingest::Ingestor ingestor;
};

// An IngestStack loaded with the store's streams and routing rules. `store` and `events` must
// outlive it.
absl::StatusOr<std::unique_ptr<IngestStack>> OpenIngest(storage::Store& store, core::EventSink& events);

}  // namespace webcare::app
