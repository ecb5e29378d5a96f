#include "base/strings.h"
#include "storage/text_query.h"

#include "base/utf8.h"

namespace webcare::storage {
namespace {

constexpr int kMaxDepth = 32;
constexpr size_t kMaxQueryBytes = 4096;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool EndsTerm(char c) { return IsSpace(c) || c == '(' || c == ')' || c == '"'; }

// True when `text` holds a letter or digit, i.e. something a tokenizer would index.
bool HasWordCharacter(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
      return true;
    }
  }
  return false;
}

class Parser {
 public:
  explicit Parser(std::string_view input) : input_(input) {}

  absl::StatusOr<TextQuery> Parse() {
    SkipSpace();
    if (pos_ == input_.size()) return Error("empty query");
    auto query = ParseOr(0);
    if (!query.ok()) return query;
    SkipSpace();
    if (pos_ < input_.size()) {
      return Error(input_[pos_] == ')' ? "unbalanced ')'" : "unexpected input");
    }
    if (!CanMatch(*query)) {
      return absl::InvalidArgumentError(
          "a query needs a word to match; NOT and '-' only remove matches");
    }
    if (!AlternativesCanMatch(*query)) {
      return absl::InvalidArgumentError("every OR alternative needs a word to match");
    }
    return query;
  }

 private:
  absl::Status Error(std::string_view what) const {
    const size_t column = base::CountCodePoints(input_.substr(0, pos_)) + 1;
    return absl::InvalidArgumentError(base::StrCat("error at column ", column, ": ", what));
  }

  void SkipSpace() {
    while (pos_ < input_.size() && IsSpace(input_[pos_])) ++pos_;
  }

  // True when the next word is exactly `keyword` (upper case, followed by a separator).
  bool AtKeyword(std::string_view keyword) const {
    if (input_.substr(pos_, keyword.size()) != keyword) return false;
    const size_t end = pos_ + keyword.size();
    return end == input_.size() || EndsTerm(input_[end]);
  }

  bool AtEndOfGroup() const { return pos_ == input_.size() || input_[pos_] == ')'; }

  absl::StatusOr<TextQuery> ParseOr(int depth) {
    auto first = ParseAnd(depth);
    if (!first.ok()) return first;
    TextQuery result = std::move(*first);
    SkipSpace();
    while (AtKeyword("OR")) {
      pos_ += 2;
      SkipSpace();
      if (AtEndOfGroup()) return Error("OR needs a word after it");
      auto next = ParseAnd(depth);
      if (!next.ok()) return next;
      if (result.kind != TextQuery::Kind::kOr) {
        TextQuery group{.kind = TextQuery::Kind::kOr};
        group.children.push_back(std::move(result));
        result = std::move(group);
      }
      result.children.push_back(std::move(*next));
      SkipSpace();
    }
    return result;
  }

  absl::StatusOr<TextQuery> ParseAnd(int depth) {
    TextQuery group{.kind = TextQuery::Kind::kAnd};
    while (true) {
      SkipSpace();
      if (AtEndOfGroup() || AtKeyword("OR")) break;
      if (AtKeyword("AND")) {
        if (group.children.empty()) return Error("AND needs a word before it");
        pos_ += 3;
        SkipSpace();
        if (AtEndOfGroup() || AtKeyword("OR")) return Error("AND needs a word after it");
        continue;
      }
      auto next = ParseUnary(depth);
      if (!next.ok()) return next;
      group.children.push_back(std::move(*next));
    }
    if (group.children.empty()) {
      return Error(pos_ < input_.size() && input_[pos_] == ')' ? "empty parentheses"
                                                                : "expected a word");
    }
    if (group.children.size() == 1) return std::move(group.children.front());
    return group;
  }

  absl::StatusOr<TextQuery> ParseUnary(int depth) {
    bool negated = false;
    if (AtKeyword("NOT")) {
      pos_ += 3;
      SkipSpace();
      negated = true;
    } else if (input_[pos_] == '-' && pos_ + 1 < input_.size() && !EndsTerm(input_[pos_ + 1])) {
      ++pos_;
      negated = true;
    }
    if (negated && (AtEndOfGroup() || AtKeyword("OR") || AtKeyword("AND"))) {
      return Error("NOT needs a word after it");
    }
    auto operand = ParsePrimary(depth);
    if (!operand.ok() || !negated) return operand;
    TextQuery not_node{.kind = TextQuery::Kind::kNot};
    not_node.children.push_back(std::move(*operand));
    return not_node;
  }

  absl::StatusOr<TextQuery> ParsePrimary(int depth) {
    if (input_[pos_] == '(') {
      if (depth >= kMaxDepth) return Error("too many nested parentheses");
      ++pos_;
      auto inner = ParseOr(depth + 1);
      if (!inner.ok()) return inner;
      SkipSpace();
      if (pos_ == input_.size() || input_[pos_] != ')') return Error("missing ')'");
      ++pos_;
      return inner;
    }
    if (input_[pos_] == '"') return ParsePhrase();
    return ParseTerm();
  }

  absl::StatusOr<TextQuery> ParsePhrase() {
    const size_t open = pos_;
    const size_t close = input_.find('"', open + 1);
    if (close == std::string_view::npos) return Error("unclosed quote");
    TextQuery phrase{.kind = TextQuery::Kind::kPhrase,
                     .text = std::string(input_.substr(open + 1, close - open - 1))};
    if (!HasWordCharacter(phrase.text)) return Error("empty phrase");
    pos_ = close + 1;
    if (pos_ < input_.size() && input_[pos_] == '*') {
      phrase.prefix = true;
      ++pos_;
    }
    return phrase;
  }

  absl::StatusOr<TextQuery> ParseTerm() {
    const size_t start = pos_;
    while (pos_ < input_.size() && !EndsTerm(input_[pos_])) ++pos_;
    std::string_view word = input_.substr(start, pos_ - start);
    TextQuery term{.kind = TextQuery::Kind::kTerm};
    if (word.size() > 1 && word.back() == '*') {
      term.prefix = true;
      word.remove_suffix(1);
    }
    if (!HasWordCharacter(word)) {
      pos_ = start;
      return Error(base::StrCat("\"", word, "\" has no letters or digits"));
    }
    term.text = std::string(word);
    return term;
  }

  // A tree can match on its own unless every alternative is a pure negation.
  static bool CanMatch(const TextQuery& query) {
    switch (query.kind) {
      case TextQuery::Kind::kNot:
        return false;
      case TextQuery::Kind::kAnd:
        for (const auto& child : query.children) {
          if (CanMatch(child)) return true;
        }
        return false;
      case TextQuery::Kind::kOr:
        for (const auto& child : query.children) {
          if (!CanMatch(child)) return false;
        }
        return true;
      default:
        return true;
    }
  }

  // True when no OR anywhere in the tree has an alternative that only subtracts.
  static bool AlternativesCanMatch(const TextQuery& query) {
    for (const auto& child : query.children) {
      if (query.kind == TextQuery::Kind::kOr && !CanMatch(child)) return false;
      if (!AlternativesCanMatch(child)) return false;
    }
    return true;
  }

  std::string_view input_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<TextQuery> ParseTextQuery(std::string_view input) {
  if (input.size() > kMaxQueryBytes) {
    return absl::InvalidArgumentError(
        base::StrCat("query is ", input.size(), " bytes; the limit is ", kMaxQueryBytes));
  }
  if (const size_t bad = base::FirstInvalidUtf8Offset(input); bad != std::string_view::npos) {
    return absl::InvalidArgumentError(base::StrCat("query is not valid UTF-8 at byte ", bad + 1));
  }
  return Parser(input).Parse();
}

std::string DescribeTextQuery(const TextQuery& query) {
  const auto join = [&](std::string_view separator) {
    std::vector<std::string> parts;
    for (const auto& child : query.children) parts.push_back(DescribeTextQuery(child));
    return base::StrCat("(", base::StrJoin(parts, separator), ")");
  };
  switch (query.kind) {
    case TextQuery::Kind::kTerm:
      // A word spelled like an operator ("-NOT" excludes the word NOT) is quoted so that the
      // description reads back as the same query.
      if (query.text == "AND" || query.text == "OR" || query.text == "NOT") {
        return base::StrCat("\"", query.text, "\"", query.prefix ? "*" : "");
      }
      return base::StrCat(query.text, query.prefix ? "*" : "");
    case TextQuery::Kind::kPhrase:
      return base::StrCat("\"", query.text, "\"", query.prefix ? "*" : "");
    case TextQuery::Kind::kAnd:
      return join(" AND ");
    case TextQuery::Kind::kOr:
      return join(" OR ");
    case TextQuery::Kind::kNot:
      return base::StrCat("NOT ", DescribeTextQuery(query.children.front()));
  }
  return "";
}

}  // namespace webcare::storage
