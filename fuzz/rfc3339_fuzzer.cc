// Fuzzes RFC 3339 parsing: accepted times format and parse back to the same instant.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/time_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = webcare::base::ParseRfc3339(text);
  if (!parsed.ok()) return 0;
  auto again = webcare::base::ParseRfc3339(webcare::base::FormatRfc3339(*parsed));
  if (!again.ok() || *again != *parsed) std::abort();
  return 0;
}
