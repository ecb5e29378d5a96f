#pragma once
// The cost per post of the analysis every incoming post goes through: language detection, then
// sentiment in the detected language, with plain CLD2 on the same texts in the same run as the
// baseline. `eval_language --speed`; see README.md.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace webcare::bench::eval_language {

// Times each workload over all of `texts`, `rounds` times, interleaved so that a noisy
// neighbour on a shared machine hits all of them alike; prints µs per post (median and best
// round) and returns the same as JSON.
nlohmann::json MeasureSpeed(const std::vector<std::string>& texts, int rounds);

}  // namespace webcare::bench::eval_language
