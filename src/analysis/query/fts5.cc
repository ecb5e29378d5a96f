#include "analysis/query/fts5.h"

#include "analysis/query/tokenizer.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace webcare::analysis::query {
namespace {

absl::Status Unsupported(std::string_view what) {
  return absl::InvalidArgumentError(base::StrCat("cannot search for this: ", what));
}

std::string Quote(const Term& term) {
  return base::StrCat("\"", base::ReplaceAll(term.text, "\"", "\"\""), "\"",
                      term.prefix ? "*" : "");
}

absl::StatusOr<std::string> RenderText(const Node& node);

// Trees from Parse() always have the shape ast.h describes; one built by hand is checked, so
// that a malformed tree is refused rather than rendered into broken SQL.
absl::Status CheckShape(const Node& node) {
  const size_t children = node.children.size();
  switch (node.kind) {
    case NodeKind::kTerm:
    case NodeKind::kField:
      if (children != 0) return Unsupported("a term with children");
      break;
    case NodeKind::kAnd:
    case NodeKind::kOr:
      if (children == 0) return Unsupported("an empty group");
      break;
    case NodeKind::kNot:
      if (children != 1) return Unsupported("a NOT without exactly one operand");
      break;
    case NodeKind::kNear:
      if (children != 2) return Unsupported("NEAR between anything but two words or phrases");
      break;
  }
  for (const Node& child : node.children) {
    if (auto status = CheckShape(child); !status.ok()) return status;
  }
  return absl::OkStatus();
}

// The operands of the negations in an AND group: its NOT children, and those of nested AND
// groups that only subtract ("a (-b -c)").
absl::Status CollectNegations(const Node& node, std::vector<const Node*>& out) {
  if (node.kind == NodeKind::kNot) {
    out.push_back(&node.children.front());
    return absl::OkStatus();
  }
  if (node.kind != NodeKind::kAnd) return Unsupported("an OR of negations");
  for (const Node& child : node.children) {
    if (auto status = CollectNegations(child, out); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> RenderAnd(const Node& node) {
  std::vector<std::string> positives;
  std::vector<const Node*> negations;
  for (const Node& child : node.children) {
    if (!CanMatchAlone(child)) {
      if (auto status = CollectNegations(child, negations); !status.ok()) return status;
      continue;
    }
    auto rendered = RenderText(child);
    if (!rendered.ok()) return rendered;
    positives.push_back(std::move(*rendered));
  }
  if (positives.empty()) return Unsupported("only negations");
  // FTS5's NOT is binary: "a NOT b" is a without b, so negations follow the positives.
  std::string result = base::StrCat("(", base::StrJoin(positives, " AND "), ")");
  if (negations.empty()) return result;
  for (const Node* negated : negations) {
    auto rendered = RenderText(*negated);
    if (!rendered.ok()) return rendered;
    base::StrAppend(result, " NOT ", *rendered);
  }
  return base::StrCat("(", result, ")");
}

absl::StatusOr<std::string> RenderText(const Node& node) {
  switch (node.kind) {
    case NodeKind::kTerm:
      if (node.term.kind != TermKind::kText) return Unsupported("a hashtag or mention in FTS5");
      if (Tokenize(node.term.text).empty()) return Unsupported("a word without letters or digits");
      return Quote(node.term);
    case NodeKind::kField:
      return Unsupported("a field filter in FTS5");
    case NodeKind::kNear:
      if (node.children.size() != 2 || node.children[0].kind != NodeKind::kTerm ||
          node.children[1].kind != NodeKind::kTerm ||
          node.children[0].term.kind != TermKind::kText ||
          node.children[1].term.kind != TermKind::kText) {
        return Unsupported("NEAR between anything but two words or phrases");
      }
      return base::StrCat("NEAR(", Quote(node.children[0].term), " ", Quote(node.children[1].term),
                          ", ", node.near_distance, ")");
    case NodeKind::kOr: {
      std::vector<std::string> parts;
      for (const Node& child : node.children) {
        if (!CanMatchAlone(child)) return Unsupported("an OR alternative that only subtracts");
        auto rendered = RenderText(child);
        if (!rendered.ok()) return rendered;
        parts.push_back(std::move(*rendered));
      }
      return base::StrCat("(", base::StrJoin(parts, " OR "), ")");
    }
    case NodeKind::kAnd:
      return RenderAnd(node);
    case NodeKind::kNot:
      return Unsupported("a negation with nothing to subtract from");
  }
  return absl::InternalError("unknown query node");
}

// Builds the SQL condition, numbering parameters as it goes.
class SqlWriter {
 public:
  explicit SqlWriter(int first_param) : next_param_(first_param) {}

  std::vector<SqlValue> TakeParams() { return std::move(params_); }

  absl::StatusOr<std::string> Condition(const Node& node) {
    if (IsFullText(node) && CanMatchAlone(node)) {
      auto match = RenderFts5Match(node);
      if (!match.ok()) return match;
      return base::StrCat("p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ",
                          Param(std::move(*match)), ")");
    }
    switch (node.kind) {
      case NodeKind::kTerm:
        return TagCondition(node.term);
      case NodeKind::kField:
        return FieldCondition(node.filter);
      case NodeKind::kAnd:
      case NodeKind::kOr: {
        std::vector<std::string> parts;
        for (const Node& child : node.children) {
          auto part = Condition(child);
          if (!part.ok()) return part;
          parts.push_back(std::move(*part));
        }
        return base::StrCat(
            "(", base::StrJoin(parts, node.kind == NodeKind::kAnd ? " AND " : " OR "), ")");
      }
      case NodeKind::kNot: {
        auto operand = Condition(node.children.front());
        if (!operand.ok()) return operand;
        return base::StrCat("(NOT ", *operand, ")");
      }
      case NodeKind::kNear:
        return Unsupported("NEAR between anything but two words or phrases");
    }
    return absl::InternalError("unknown query node");
  }

 private:
  std::string Param(SqlValue value) {
    params_.push_back(std::move(value));
    return base::StrCat("?", next_param_++);
  }

  // posts.tags holds " #tag @name " (TagColumnText), so a whole tag is found with its
  // surrounding spaces and a prefix without the trailing one.
  std::string TagCondition(const Term& term) {
    const std::string folded = FoldTag(term.text);
    constexpr std::string_view kFind = "instr(coalesce(p.tags, ''), ";
    if (term.kind == TermKind::kHashtag) {
      return base::StrCat("(", kFind, Param(base::StrCat(" #", folded, term.prefix ? "" : " ")),
                          ") > 0)");
    }
    if (term.prefix) return base::StrCat("(", kFind, Param(base::StrCat(" @", folded)), ") > 0)");
    // @anna is the account anna on any server: " @anna " or " @anna@server ".
    // (Parameters are taken one statement at a time: StrCat's arguments have no set order.)
    const std::string whole = Param(base::StrCat(" @", folded, " "));
    const std::string user = Param(base::StrCat(" @", folded, "@"));
    return base::StrCat("(", kFind, whole, ") > 0 OR ", kFind, user, ") > 0)");
  }

  std::string NumberCondition(const NumberTest& test) {
    constexpr std::string_view kCount = "coalesce(a.followers, -1)";
    std::string comparison;
    switch (test.op) {
      case Comparison::kEq:
        comparison = base::StrCat(kCount, " = ", Param(test.value));
        break;
      case Comparison::kLt:
        comparison = base::StrCat(kCount, " < ", Param(test.value));
        break;
      case Comparison::kLe:
        comparison = base::StrCat(kCount, " <= ", Param(test.value));
        break;
      case Comparison::kGt:
        comparison = base::StrCat(kCount, " > ", Param(test.value));
        break;
      case Comparison::kGe:
        comparison = base::StrCat(kCount, " >= ", Param(test.value));
        break;
      case Comparison::kRange: {
        const std::string low = Param(test.value);
        const std::string high = Param(test.upper);
        comparison = base::StrCat(kCount, " BETWEEN ", low, " AND ", high);
        break;
      }
    }
    // A negative count means unknown, which no comparison matches.
    return base::StrCat("(", kCount, " >= 0 AND ", comparison, ")");
  }

  // SQLite's lower() folds ASCII letters only, and so does the standing filter.
  std::string Equals(std::string_view column, const std::string& value) {
    return base::StrCat("(lower(coalesce(", column, ", '')) = ", Param(base::AsciiLower(value)),
                        ")");
  }

  std::string FieldCondition(const FieldFilter& filter) {
    switch (filter.field) {
      case Field::kLang:
        return Equals("p.language", filter.text);
      case Field::kNetwork:
        return Equals("p.network", filter.text);
      case Field::kChannel:
        return Equals("p.channel", filter.text);
      case Field::kAuthor: {
        std::string_view user = filter.text;
        while (!user.empty() && user.front() == '@') user.remove_prefix(1);
        const std::string lower = base::AsciiLower(user);
        constexpr std::string_view kHandle = "lower(ltrim(coalesce(a.handle, ''), '@'))";
        // The handle itself, the user part of anna@server, or the display name.
        const std::string handle = Param(lower);
        const std::string length = Param(static_cast<int64_t>(base::CountCodePoints(lower) + 1));
        const std::string user_part = Param(base::StrCat(lower, "@"));
        const std::string name = Param(base::AsciiLower(filter.text));
        return base::StrCat("(", kHandle, " = ", handle, " OR substr(", kHandle, ", 1, ", length,
                            ") = ", user_part, " OR lower(coalesce(a.name, '')) = ", name, ")");
      }
      case Field::kFollowers:
        return NumberCondition(filter.number);
      case Field::kSentiment:
        return base::StrCat("(coalesce(p.sentiment_label, '') = ",
                            Param(std::string(SentimentName(filter.sentiment))), ")");
      case Field::kHas:
      case Field::kIs:
        switch (filter.flag) {
          case Flag::kLink:
            return "(coalesce(p.has_link, 0) <> 0)";
          case Flag::kAttachment:
            return "(coalesce(p.attachments, '') NOT IN ('', '[]'))";
          case Flag::kQuestion:
            return "(coalesce(p.is_question, 0) <> 0)";
          case Flag::kReply:
            return "(coalesce(p.in_reply_to, '') <> '')";
          case Flag::kPrivate:
            return "(coalesce(p.private, 0) <> 0)";
        }
        return "0";
      case Field::kStream:
        return base::StrCat(
            "EXISTS (SELECT 1 FROM post_streams ps JOIN streams s ON s.id = ps.stream_id"
            " WHERE ps.post_id = p.id AND lower(s.name) = ",
            Param(base::AsciiLower(filter.text)), ")");
    }
    return "0";
  }

  int next_param_;
  std::vector<SqlValue> params_;
};

}  // namespace

absl::StatusOr<std::string> RenderFts5Match(const Node& node) {
  if (auto status = CheckShape(node); !status.ok()) return status;
  if (!IsFullText(node)) return Unsupported("a filter, hashtag or mention in FTS5");
  if (!CanMatchAlone(node)) return Unsupported("only negations");
  return RenderText(node);
}

absl::StatusOr<ArchiveQuery> RenderArchiveQuery(const Query& query, int first_param) {
  const Node& root = query.root;
  if (auto status = CheckShape(root); !status.ok()) return status;
  if (!CanMatchAlone(root)) return Unsupported("only negations");
  ArchiveQuery result;
  if (IsFullText(root)) {
    auto match = RenderFts5Match(root);
    if (!match.ok()) return match.status();
    result.match = std::move(*match);
    result.where = "1";
    return result;
  }
  // The common shape, full text AND filters: the text narrows the search through the FTS5
  // index, the filters check what it finds.
  Node text = MakeGroup(NodeKind::kAnd, {});
  std::vector<const Node*> rest;
  if (root.kind == NodeKind::kAnd) {
    for (const Node& child : root.children) {
      if (IsFullText(child)) {
        text.children.push_back(child);
      } else {
        rest.push_back(&child);
      }
    }
  }
  SqlWriter writer(first_param);
  if (CanMatchAlone(text)) {
    auto match = RenderFts5Match(text.children.size() == 1 ? text.children.front() : text);
    if (!match.ok()) return match.status();
    result.match = std::move(*match);
    std::vector<std::string> parts;
    for (const Node* node : rest) {
      auto part = writer.Condition(*node);
      if (!part.ok()) return part.status();
      parts.push_back(std::move(*part));
    }
    result.where = base::StrJoin(parts, " AND ");
  } else {
    auto where = writer.Condition(root);
    if (!where.ok()) return where.status();
    result.where = std::move(*where);
  }
  result.params = writer.TakeParams();
  return result;
}

}  // namespace webcare::analysis::query
