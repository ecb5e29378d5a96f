#pragma once
// Process-wide logging set-up (spdlog). Modules log through spdlog's free functions.

#include <string_view>

#include "absl/status/status.h"

namespace webcare::base {

// `level` is one of trace, debug, info, warn, error, off. Logs go to standard error.
absl::Status InitLogging(std::string_view level);

}  // namespace webcare::base
