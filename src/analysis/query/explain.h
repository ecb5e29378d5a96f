#pragma once
// Why a post matches a query, for people: the parts of the query the post satisfies
// (`webcare streams test`, the stream preview in the API and UI).

#include <string>
#include <vector>

#include "analysis/query/ast.h"
#include "analysis/query/evaluator.h"

namespace webcare::analysis::query {

// The words, phrases, tags, NEAR groups and field filters of `query` that `post` satisfies,
// each as written in the query language (Describe), in query order. Parts under NOT are left
// out: they explain why a post is excluded, not why it matches.
std::vector<std::string> ExplainMatch(const Query& query, const PostView& post);

}  // namespace webcare::analysis::query
