#pragma once
// Field filters of the query language: names, value syntax and the messages for mistakes.
// Internal to the parser; docs/query-language.md lists the same fields.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "analysis/query/ast.h"

namespace webcare::analysis::query::fields {

// The field called `name` (any letter case), or nullopt.
std::optional<Field> FieldByName(std::string_view name);

// The message for an unknown field, with a suggestion when one is close:
// unknown field "langg" (did you mean lang?).
std::string UnknownFieldMessage(std::string_view name);

// Checks and types `value` (as typed, without quotes). The error is InvalidArgument with a
// message that the parser prefixes with the value's column.
absl::StatusOr<FieldFilter> MakeFilter(Field field, std::string_view value);

// The closest of `candidates` to `word` when it is near enough to be a typo, else "".
std::string Suggest(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace webcare::analysis::query::fields
