#pragma once
// Renders a TextQuery as an FTS5 MATCH expression. Every word is emitted as a quoted FTS5
// string, so no user input is ever interpreted as FTS5 syntax.

#include <string>

#include "absl/status/statusor.h"
#include "storage/text_query.h"

namespace webcare::storage::sqlite {

// InvalidArgument for a negation FTS5 cannot express (e.g. "a (-b OR -c)").
absl::StatusOr<std::string> RenderFts5(const TextQuery& query);

}  // namespace webcare::storage::sqlite
