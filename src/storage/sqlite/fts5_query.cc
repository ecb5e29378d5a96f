#include "base/strings.h"
#include "storage/sqlite/fts5_query.h"

#include <vector>


namespace webcare::storage::sqlite {
namespace {

using Kind = TextQuery::Kind;

std::string Quote(const TextQuery& word) {
  return base::StrCat("\"", base::ReplaceAll(word.text, "\"", "\"\""), "\"",
                      word.prefix ? "*" : "");
}

// Collects the operands a NOT applies to in an AND group: direct NOT children, and the
// children of nested AND groups that only subtract.
absl::Status CollectNegations(const TextQuery& node, std::vector<const TextQuery*>& out) {
  if (node.kind == Kind::kNot) {
    out.push_back(&node.children.front());
    return absl::OkStatus();
  }
  if (node.kind == Kind::kAnd) {
    for (const auto& child : node.children) {
      if (auto status = CollectNegations(child, out); !status.ok()) return status;
    }
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      "this combination of OR and NOT is not supported; write NOT next to a word to match");
}

bool IsPureNegation(const TextQuery& node) {
  if (node.kind == Kind::kNot) return true;
  if (node.kind != Kind::kAnd) return false;
  for (const auto& child : node.children) {
    if (!IsPureNegation(child)) return false;
  }
  return true;
}

absl::StatusOr<std::string> Render(const TextQuery& node) {
  switch (node.kind) {
    case Kind::kTerm:
    case Kind::kPhrase:
      return Quote(node);
    case Kind::kOr: {
      std::vector<std::string> parts;
      for (const auto& child : node.children) {
        if (IsPureNegation(child)) {
          return absl::InvalidArgumentError("every OR alternative needs a word to match");
        }
        auto rendered = Render(child);
        if (!rendered.ok()) return rendered;
        parts.push_back(std::move(*rendered));
      }
      return base::StrCat("(", base::StrJoin(parts, " OR "), ")");
    }
    case Kind::kAnd: {
      std::vector<std::string> positives;
      std::vector<const TextQuery*> negations;
      for (const auto& child : node.children) {
        if (IsPureNegation(child)) {
          if (auto status = CollectNegations(child, negations); !status.ok()) return status;
          continue;
        }
        auto rendered = Render(child);
        if (!rendered.ok()) return rendered;
        positives.push_back(std::move(*rendered));
      }
      if (positives.empty()) {
        return absl::InvalidArgumentError("a query needs a word to match");
      }
      std::string result = base::StrCat("(", base::StrJoin(positives, " AND "), ")");
      for (const TextQuery* negated : negations) {
        auto rendered = Render(*negated);
        if (!rendered.ok()) return rendered;
        base::StrAppend(result, " NOT ", *rendered);
      }
      return base::StrCat("(", result, ")");
    }
    case Kind::kNot:
      return absl::InvalidArgumentError("a query needs a word to match");
  }
  return absl::InternalError("unknown query node");
}

}  // namespace

absl::StatusOr<std::string> RenderFts5(const TextQuery& query) { return Render(query); }

}  // namespace webcare::storage::sqlite
