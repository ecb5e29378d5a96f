#include "analysis/query/explain.h"

namespace webcare::analysis::query {
namespace {

void Collect(const Node& node, const PostView& post, const AnalysedText& text,
             std::vector<std::string>& out) {
  switch (node.kind) {
    case NodeKind::kNot:
      return;
    case NodeKind::kAnd:
    case NodeKind::kOr:
      for (const Node& child : node.children) Collect(child, post, text, out);
      return;
    case NodeKind::kTerm:
    case NodeKind::kField:
    case NodeKind::kNear:
      // Every leaf can match on its own (ast.h), so it is a valid query by itself.
      if (Filter(Query{.root = node}).Matches(post, text)) out.push_back(Describe(node));
      return;
  }
}

}  // namespace

std::vector<std::string> ExplainMatch(const Query& query, const PostView& post) {
  const AnalysedText text = AnalyseText(post.text);
  std::vector<std::string> out;
  Collect(query.root, post, text, out);
  return out;
}

}  // namespace webcare::analysis::query
