// Fuzzes the search syntax: parsing must never crash, and whatever parses must either render
// to FTS5 or be refused with InvalidArgument.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "storage/sqlite/fts5_query.h"
#include "storage/text_query.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto query = webcare::storage::ParseTextQuery(input);
  if (!query.ok()) {
    if (!absl::IsInvalidArgument(query.status())) std::abort();
    return 0;
  }
  auto rendered = webcare::storage::sqlite::RenderFts5(*query);
  if (!rendered.ok() && !absl::IsInvalidArgument(rendered.status())) std::abort();
  // The canonical form must parse again (when it stays within the input limit: it adds
  // parentheses and AND, so a query near the limit can outgrow it).
  const std::string canonical = webcare::storage::DescribeTextQuery(*query);
  if (canonical.size() <= 4096 && !webcare::storage::ParseTextQuery(canonical).ok()) std::abort();
  return 0;
}
