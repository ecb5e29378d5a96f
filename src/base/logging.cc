#include "base/strings.h"
#include "base/logging.h"

#include <string>

#include "spdlog/sinks/stdout_color_sinks.h"
#include "spdlog/spdlog.h"

namespace webcare::base {

absl::Status InitLogging(std::string_view level) {
  const auto parsed = spdlog::level::from_str(std::string(level));
  if (parsed == spdlog::level::off && level != "off") {
    return absl::InvalidArgumentError(
        base::StrCat("unknown log level \"", level, "\" (trace, debug, info, warn, error, off)"));
  }
  auto logger = spdlog::stderr_color_mt("webcare");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
  logger->set_level(parsed);
  spdlog::set_default_logger(logger);
  return absl::OkStatus();
}

}  // namespace webcare::base
