#include "analysis/query/parser.h"

#include <algorithm>
#include <utility>

#include "analysis/query/fields.h"
#include "analysis/query/syntax.h"
#include "analysis/query/tokenizer.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace webcare::analysis::query {
namespace {

using syntax::EndsWord;
using syntax::IsSpace;

constexpr std::string_view kNeedsMatch =
    "a query needs a word or filter to match; NOT and '-' only remove matches";

bool IsTextTerm(const Node& node) {
  return node.kind == NodeKind::kTerm && node.term.kind == TermKind::kText;
}

int TreeDepth(const Node& node) {
  int deepest = 0;
  for (const Node& child : node.children) deepest = std::max(deepest, TreeDepth(child));
  return deepest + 1;
}

class Parser {
 public:
  explicit Parser(std::string_view input) : input_(input) {}

  absl::StatusOr<Query> Parse() {
    for (size_t i = 0; i < input_.size(); ++i) {
      const auto byte = static_cast<unsigned char>(input_[i]);
      if ((byte < 0x20 && !IsSpace(input_[i])) || byte == 0x7F) {
        constexpr char kHex[] = "0123456789ABCDEF";
        return Error(i, base::StrCat("control character U+00", kHex[byte >> 4], kHex[byte & 15],
                                     " is not allowed"));
      }
    }
    SkipSpace();
    if (AtEnd()) return Error(pos_, "empty query");
    const size_t start = pos_;
    auto root = ParseOr(0);
    if (!root.ok()) return root.status();
    SkipSpace();
    if (!AtEnd()) return Error(pos_, "unbalanced ')'");
    if (!CanMatchAlone(*root)) return Error(start, kNeedsMatch);
    // Describe() parenthesises every group, so the tree itself must fit the nesting limit
    // for the canonical form to parse again.
    if (TreeDepth(*root) > kMaxDepth) {
      return Error(start, base::StrCat("query nests more than ", kMaxDepth, " levels deep"));
    }
    return Query{.root = std::move(*root)};
  }

 private:
  absl::Status Error(size_t at, std::string_view what) const {
    const size_t column = base::CountCodePoints(input_.substr(0, at)) + 1;
    return absl::InvalidArgumentError(base::StrCat("error at column ", column, ": ", what));
  }

  bool AtEnd() const { return pos_ >= input_.size(); }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < input_.size() ? input_[pos_ + ahead] : '\0';
  }
  void SkipSpace() {
    while (!AtEnd() && IsSpace(input_[pos_])) ++pos_;
  }
  bool AtEndOfGroup() const { return AtEnd() || input_[pos_] == ')'; }

  // True when the next word is exactly `keyword`, followed by a separator.
  bool AtKeyword(std::string_view keyword) const {
    if (input_.substr(pos_, keyword.size()) != keyword) return false;
    const size_t end = pos_ + keyword.size();
    return end == input_.size() || EndsWord(input_[end]);
  }

  // NEAR or NEAR/<anything>; the distance is checked when it is read.
  bool AtNear() const {
    if (input_.substr(pos_, 4) != "NEAR") return false;
    const size_t end = pos_ + 4;
    return end == input_.size() || EndsWord(input_[end]) || input_[end] == '/';
  }
  bool AtOperator() const {
    return AtKeyword("AND") || AtKeyword("OR") || AtKeyword("NOT") || AtNear();
  }

  absl::StatusOr<Node> ParseOr(int depth) {
    const size_t first_start = pos_;
    auto first = ParseAnd(depth);
    if (!first.ok()) return first;
    SkipSpace();
    if (!AtKeyword("OR")) return first;
    if (!CanMatchAlone(*first)) return Error(first_start, kNeedsMatch);
    Node group = MakeGroup(NodeKind::kOr, {});
    group.children.push_back(std::move(*first));
    while (AtKeyword("OR")) {
      pos_ += 2;
      SkipSpace();
      if (AtEndOfGroup() || AtKeyword("OR")) return Error(pos_, "OR needs something after it");
      const size_t start = pos_;
      auto next = ParseAnd(depth);
      if (!next.ok()) return next;
      if (!CanMatchAlone(*next)) return Error(start, kNeedsMatch);
      group.children.push_back(std::move(*next));
      SkipSpace();
    }
    return group;
  }

  absl::StatusOr<Node> ParseAnd(int depth) {
    Node group = MakeGroup(NodeKind::kAnd, {});
    while (true) {
      SkipSpace();
      if (AtEndOfGroup() || AtKeyword("OR")) break;
      if (AtKeyword("AND")) {
        if (group.children.empty()) return Error(pos_, "AND needs something before it");
        pos_ += 3;
        SkipSpace();
        if (AtEndOfGroup() || AtKeyword("OR") || AtKeyword("AND")) {
          return Error(pos_, "AND needs something after it");
        }
        continue;
      }
      auto next = ParseNear(depth);
      if (!next.ok()) return next;
      group.children.push_back(std::move(*next));
    }
    if (group.children.empty()) {
      if (AtKeyword("OR")) return Error(pos_, "OR needs something before it");
      return Error(pos_, AtEnd() ? "expected a word" : "empty parentheses");
    }
    if (group.children.size() == 1) return std::move(group.children.front());
    return group;
  }

  absl::StatusOr<Node> ParseNear(int depth) {
    if (AtNear()) return Error(pos_, "NEAR needs a word or phrase before it");
    const size_t left_start = pos_;
    auto left = ParseUnary(depth);
    if (!left.ok()) return left;
    SkipSpace();
    if (!AtNear()) return left;
    auto distance = ReadNearDistance();
    if (!distance.ok()) return distance.status();
    if (!IsTextTerm(*left)) return Error(left_start, "NEAR joins two words or phrases");
    SkipSpace();
    if (AtEndOfGroup() || AtOperator()) return Error(pos_, "NEAR needs a word or phrase after it");
    const size_t right_start = pos_;
    auto right = ParseUnary(depth);
    if (!right.ok()) return right;
    if (!IsTextTerm(*right)) return Error(right_start, "NEAR joins two words or phrases");
    SkipSpace();
    if (AtNear()) {
      return Error(pos_, "NEAR joins exactly two words or phrases; combine NEAR groups with AND");
    }
    std::vector<Node> operands;
    operands.push_back(std::move(*left));
    operands.push_back(std::move(*right));
    return MakeGroup(NodeKind::kNear, std::move(operands), *distance);
  }

  // Reads NEAR (the default distance) or NEAR/n.
  absl::StatusOr<int> ReadNearDistance() {
    pos_ += 4;
    if (Peek() != '/') return kDefaultNearDistance;
    ++pos_;
    const size_t start = pos_;
    while (!AtEnd() && !EndsWord(input_[pos_])) ++pos_;
    int distance = 0;
    if (!base::ParseInt(input_.substr(start, pos_ - start), distance) || distance < 0 ||
        distance > kMaxNearDistance) {
      return Error(start, base::StrCat("NEAR/ needs a distance from 0 to ", kMaxNearDistance,
                                       ", such as NEAR/3"));
    }
    return distance;
  }

  absl::StatusOr<Node> ParseUnary(int depth) {
    if (depth >= kMaxDepth) {
      return Error(pos_, base::StrCat("query nests more than ", kMaxDepth, " levels deep"));
    }
    bool negated = false;
    if (AtKeyword("NOT")) {
      pos_ += 3;
      SkipSpace();
      negated = true;
    } else if (Peek() == '-' && Peek(1) != '\0' && !IsSpace(Peek(1)) && Peek(1) != ')') {
      ++pos_;
      negated = true;
    }
    if (!negated) return ParsePrimary(depth);
    if (AtEndOfGroup() || AtKeyword("OR") || AtKeyword("AND") || AtNear()) {
      return Error(pos_, "NOT needs a word, phrase, filter or group after it");
    }
    const size_t start = pos_;
    auto operand = ParseUnary(depth + 1);
    if (!operand.ok()) return operand;
    if (!CanMatchAlone(*operand)) return Error(start, "NOT needs something that can match alone");
    std::vector<Node> operands;
    operands.push_back(std::move(*operand));
    return MakeGroup(NodeKind::kNot, std::move(operands));
  }

  absl::StatusOr<Node> ParsePrimary(int depth) {
    if (Peek() == '(') {
      ++pos_;
      auto inner = ParseOr(depth + 1);
      if (!inner.ok()) return inner;
      SkipSpace();
      if (Peek() != ')') return Error(pos_, "missing ')'");
      ++pos_;
      return inner;
    }
    if (Peek() == '"') return ParsePhrase();
    if (Peek() == ')') return Error(pos_, "unbalanced ')'");
    if (const size_t name = syntax::FieldNameLength(input_.substr(pos_)); name > 0) {
      return ParseField(name);
    }
    return ParseWord();
  }

  // Reads a quoted string at pos_ and returns its inside; pos_ ends after the closing quote.
  absl::StatusOr<std::string_view> ReadQuoted() {
    const size_t open = pos_;
    const size_t close = input_.find('"', open + 1);
    if (close == std::string_view::npos) return Error(open, "unclosed quote");
    pos_ = close + 1;
    return input_.substr(open + 1, close - open - 1);
  }

  absl::StatusOr<Node> ParsePhrase() {
    const size_t open = pos_;
    auto inside = ReadQuoted();
    if (!inside.ok()) return inside.status();
    if (Tokenize(*inside).empty()) {
      return Error(open, inside->empty()
                             ? std::string("empty phrase")
                             : base::StrCat("\"", *inside, "\" has no letters or digits"));
    }
    const bool prefix = Peek() == '*';
    if (prefix) ++pos_;
    return MakeTerm(TermKind::kText, std::string(*inside), prefix);
  }

  absl::StatusOr<Node> ParseWord() {
    const size_t start = pos_;
    while (!AtEnd() && !EndsWord(input_[pos_])) ++pos_;
    std::string_view word = input_.substr(start, pos_ - start);
    const bool prefix = word.size() > 1 && word.back() == '*';
    if (prefix) word.remove_suffix(1);
    if (Tokenize(word).empty()) {
      return Error(start, base::StrCat("\"", word, "\" has no letters or digits"));
    }
    if (word.front() == '#' || word.front() == '@') {
      const bool hashtag = word.front() == '#';
      const std::string_view body = word.substr(1);
      const size_t taken = hashtag ? HashtagBodyLength(body) : MentionBodyLength(body);
      if (taken < body.size()) {
        return Error(start + 1 + taken,
                     hashtag ? "a hashtag holds only letters, digits and '_'"
                             : "a mention holds only letters, digits and '_', then optionally "
                               "'@' and a domain");
      }
      return MakeTerm(hashtag ? TermKind::kHashtag : TermKind::kMention, std::string(body), prefix);
    }
    return MakeTerm(TermKind::kText, std::string(word), prefix);
  }

  absl::StatusOr<Node> ParseField(size_t name_length) {
    const size_t start = pos_;
    const std::string_view name = input_.substr(pos_, name_length);
    const auto field = fields::FieldByName(name);
    if (!field) return Error(start, fields::UnknownFieldMessage(name));
    pos_ += name_length + 1;
    const size_t value_start = pos_;
    std::string_view value;
    if (Peek() == '"') {
      auto inside = ReadQuoted();
      if (!inside.ok()) return inside.status();
      value = *inside;
    } else {
      while (!AtEnd() && !EndsWord(input_[pos_])) ++pos_;
      value = input_.substr(value_start, pos_ - value_start);
    }
    if (value.empty()) {
      return Error(value_start, base::StrCat(FieldName(*field), ": needs a value"));
    }
    auto filter = fields::MakeFilter(*field, value);
    if (!filter.ok()) return Error(value_start, base::ToStd(filter.status().message()));
    return MakeField(std::move(*filter));
  }

  std::string_view input_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<Query> Parse(std::string_view input) {
  if (input.size() > kMaxQueryBytes) {
    return absl::InvalidArgumentError(
        base::StrCat("query is ", input.size(), " bytes; the limit is ", kMaxQueryBytes));
  }
  if (const size_t bad = base::FirstInvalidUtf8Offset(input); bad != std::string_view::npos) {
    return absl::InvalidArgumentError(base::StrCat("query is not valid UTF-8 at byte ", bad + 1));
  }
  return Parser(input).Parse();
}

}  // namespace webcare::analysis::query
