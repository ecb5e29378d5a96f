#pragma once
// Parses the monitoring query language (docs/query-language.md) into a Query tree.
//
//   query   := or
//   or      := and ("OR" and)*
//   and     := near (["AND"] near)*            implicit AND binds tighter than OR
//   near    := unary [NEAR[/n] unary]          two words or phrases, n tokens apart at most
//   unary   := ("NOT" | "-") unary | primary
//   primary := "(" or ")" | "phrase"[*] | #tag[*] | @name[*] | field:value | field:"value"
//            | word[*]
//
// Operators are upper case; "or", "not" and "near" in lower case are words.

#include <string_view>

#include "absl/status/statusor.h"
#include "analysis/query/ast.h"

namespace webcare::analysis::query {

// InvalidArgument for malformed input, with the column (1-based, in code points) where the
// problem is: "error at column 17: unclosed quote". Also refused: more than kMaxQueryBytes
// bytes, ill-formed UTF-8, control characters, nesting deeper than kMaxDepth, and queries that
// cannot match on their own ("-storing", "a OR -b").
absl::StatusOr<Query> Parse(std::string_view input);

}  // namespace webcare::analysis::query
