#include "analysis/query/ast.h"

#include <utility>

#include "analysis/query/syntax.h"
#include "base/strings.h"

namespace webcare::analysis::query {
namespace {

// A word prints bare only when the parser would read it back as the same plain word;
// anything else (operators, "-x", "#x", "lang:x", "a*" as text) prints as a quoted phrase,
// which yields the same tokens and so means the same.
bool PrintsBare(std::string_view text) {
  if (text.empty() || syntax::IsOperatorWord(text) || syntax::FieldNameLength(text) > 0) {
    return false;
  }
  if (text.front() == '-' || text.front() == '#' || text.front() == '@' || text.back() == '*') {
    return false;
  }
  for (char c : text) {
    if (syntax::EndsWord(c)) return false;
  }
  return true;
}

std::string DescribeTerm(const Term& term) {
  const char* star = term.prefix ? "*" : "";
  switch (term.kind) {
    case TermKind::kText:
      if (PrintsBare(term.text)) return base::StrCat(term.text, star);
      return base::StrCat("\"", term.text, "\"", star);
    case TermKind::kHashtag:
      return base::StrCat("#", term.text, star);
    case TermKind::kMention:
      return base::StrCat("@", term.text, star);
  }
  return "";
}

std::string DescribeValue(std::string_view value) {
  bool quote = value.empty();
  for (char c : value) quote = quote || syntax::EndsWord(c);
  return quote ? base::StrCat("\"", value, "\"") : std::string(value);
}

std::string DescribeNumber(const NumberTest& test) {
  switch (test.op) {
    case Comparison::kEq:
      return base::StrCat(test.value);
    case Comparison::kLt:
      return base::StrCat("<", test.value);
    case Comparison::kLe:
      return base::StrCat("<=", test.value);
    case Comparison::kGt:
      return base::StrCat(">", test.value);
    case Comparison::kGe:
      return base::StrCat(">=", test.value);
    case Comparison::kRange:
      return base::StrCat(test.value, "..", test.upper);
  }
  return "";
}

std::string DescribeFilter(const FieldFilter& filter) {
  std::string value;
  switch (filter.field) {
    case Field::kFollowers:
      value = DescribeNumber(filter.number);
      break;
    case Field::kSentiment:
      value = SentimentName(filter.sentiment);
      break;
    case Field::kHas:
    case Field::kIs:
      value = FlagName(filter.flag);
      break;
    default:
      value = DescribeValue(filter.text);
  }
  return base::StrCat(FieldName(filter.field), ":", value);
}

std::string Join(const Node& node, std::string_view separator) {
  std::vector<std::string> parts;
  for (const Node& child : node.children) parts.push_back(Describe(child));
  return base::StrCat("(", base::StrJoin(parts, separator), ")");
}

}  // namespace

Node MakeTerm(TermKind kind, std::string text, bool prefix) {
  Node node;
  node.kind = NodeKind::kTerm;
  node.term.kind = kind;
  node.term.text = std::move(text);
  node.term.prefix = prefix;
  return node;
}

Node MakeField(FieldFilter filter) {
  Node node;
  node.kind = NodeKind::kField;
  node.filter = std::move(filter);
  return node;
}

Node MakeGroup(NodeKind kind, std::vector<Node> children, int near_distance) {
  Node node;
  node.kind = kind;
  node.children = std::move(children);
  node.near_distance = near_distance;
  return node;
}

std::string Describe(const Node& node) {
  switch (node.kind) {
    case NodeKind::kTerm:
      return DescribeTerm(node.term);
    case NodeKind::kField:
      return DescribeFilter(node.filter);
    case NodeKind::kAnd:
      return Join(node, " AND ");
    case NodeKind::kOr:
      return Join(node, " OR ");
    case NodeKind::kNot:
      return base::StrCat("NOT ", Describe(node.children.front()));
    case NodeKind::kNear:
      return Join(node, base::StrCat(" NEAR/", node.near_distance, " "));
  }
  return "";
}

std::string Describe(const Query& query) { return Describe(query.root); }

bool CanMatchAlone(const Node& node) {
  switch (node.kind) {
    case NodeKind::kNot:
      return false;
    case NodeKind::kAnd:
      for (const Node& child : node.children) {
        if (CanMatchAlone(child)) return true;
      }
      return false;
    case NodeKind::kOr:
      for (const Node& child : node.children) {
        if (!CanMatchAlone(child)) return false;
      }
      return true;
    default:
      return true;
  }
}

bool IsFullText(const Node& node) {
  switch (node.kind) {
    case NodeKind::kTerm:
      return node.term.kind == TermKind::kText;
    case NodeKind::kField:
      return false;
    default:
      for (const Node& child : node.children) {
        if (!IsFullText(child)) return false;
      }
      return true;
  }
}

const char* FieldName(Field field) {
  switch (field) {
    case Field::kLang:
      return "lang";
    case Field::kNetwork:
      return "network";
    case Field::kChannel:
      return "channel";
    case Field::kAuthor:
      return "author";
    case Field::kFollowers:
      return "followers";
    case Field::kSentiment:
      return "sentiment";
    case Field::kHas:
      return "has";
    case Field::kIs:
      return "is";
    case Field::kStream:
      return "stream";
  }
  return "";
}

const char* SentimentName(Sentiment sentiment) {
  switch (sentiment) {
    case Sentiment::kNegative:
      return "negative";
    case Sentiment::kNeutral:
      return "neutral";
    case Sentiment::kPositive:
      return "positive";
  }
  return "";
}

const char* FlagName(Flag flag) {
  switch (flag) {
    case Flag::kLink:
      return "link";
    case Flag::kAttachment:
      return "attachment";
    case Flag::kQuestion:
      return "question";
    case Flag::kReply:
      return "reply";
    case Flag::kPrivate:
      return "private";
  }
  return "";
}

}  // namespace webcare::analysis::query
