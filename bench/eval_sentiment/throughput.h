#pragma once
// Throughput of our sentiment analysis, VADER and Pattern on the same demo posts (issue 3 item
// 9): posts per second of each tool's scoring loop alone, one thread.

#include <nlohmann/json.hpp>
#include <vector>

#include "bench/eval_sentiment/references.h"

namespace webcare::bench::eval_sentiment {

// Generates `posts` demo posts (src/ingest/demo, seed 1, as eval_language), detects each one's
// language outside the timing, and times ours, and each available tool of `tools`, on all of
// them and on the Dutch and the English ones. Prints a table; returns it as JSON (null when no
// posts could be generated). Errors of a tool go to `errors`.
nlohmann::json MeasureThroughput(int posts, const std::vector<ReferenceTool>& tools,
                                 nlohmann::json& errors);

}  // namespace webcare::bench::eval_sentiment
