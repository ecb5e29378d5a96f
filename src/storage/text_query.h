#pragma once
// The archive search syntax of the foundation: words, "exact phrases", prefix*, AND (implicit),
// OR, NOT / -word and parentheses. Parsed once into a small tree that every storage backend
// renders into its own full-text syntax, so user input never reaches a query string raw.
// The monitoring query language (analysis/query) will supersede this parser and keep the tree.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace webcare::storage {

struct TextQuery {
  enum class Kind { kTerm, kPhrase, kAnd, kOr, kNot };
  Kind kind = Kind::kTerm;
  std::string text;                 // kTerm, kPhrase: as typed (UTF-8).
  bool prefix = false;              // kTerm, kPhrase: ends in '*'.
  std::vector<TextQuery> children;  // kAnd, kOr: two or more; kNot: exactly one.
};

// InvalidArgument with "error at column N: ..." (1-based, in code points) for malformed input.
// A query must be able to match something on its own: "-foo" alone, or "a OR -b", is refused.
absl::StatusOr<TextQuery> ParseTextQuery(std::string_view input);

// A canonical rendering in the same syntax, for logs and tests: (a AND (b OR "c d")).
std::string DescribeTextQuery(const TextQuery& query);

}  // namespace webcare::storage
