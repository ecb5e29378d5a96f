#pragma once
// The teams and standing streams of the demo world (OV-Pas), so a fresh `make run` shows
// posts matched, routed and prioritised the way a configured installation would.

#include <vector>

#include "absl/status/status.h"
#include "core/people.h"
#include "storage/store.h"

namespace webcare::ingest::demo {

// The demo streams, without ids or owner teams (the seed sets those).
std::vector<core::Stream> DemoStreams();

// Creates the demo teams (Binnendienst, Support, PR) and streams when the store has no streams
// yet; leaves a configured store alone.
absl::Status SeedDemoConfiguration(storage::Store& store);

}  // namespace webcare::ingest::demo
