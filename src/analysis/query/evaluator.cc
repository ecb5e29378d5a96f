#include "analysis/query/evaluator.h"

#include <algorithm>

#include "base/strings.h"

namespace webcare::analysis::query {
namespace {

using Compiled = Filter::Compiled;

std::string_view StripAts(std::string_view text) {
  while (!text.empty() && text.front() == '@') text.remove_prefix(1);
  return text;
}

Compiled Compile(const Node& node) {
  Compiled compiled;
  compiled.kind = node.kind;
  compiled.near_distance = node.near_distance;
  switch (node.kind) {
    case NodeKind::kTerm:
      compiled.term_kind = node.term.kind;
      compiled.prefix = node.term.prefix;
      if (node.term.kind == TermKind::kText) {
        compiled.tokens = Tokenize(node.term.text);
      } else {
        compiled.tokens = {FoldTag(node.term.text)};
      }
      break;
    case NodeKind::kField:
      compiled.filter = node.filter;
      compiled.value = base::AsciiLower(node.filter.field == Field::kAuthor
                                            ? StripAts(node.filter.text)
                                            : std::string_view(node.filter.text));
      break;
    default:
      for (const Node& child : node.children) compiled.children.push_back(Compile(child));
  }
  return compiled;
}

// True when `phrase` occurs in `tokens` starting at `at`; with `prefix` its last token need
// only begin the token in the text (byte-wise on folded UTF-8, as FTS5 compares).
bool PhraseAt(const std::vector<std::string>& tokens, const Compiled& term, size_t at) {
  const std::vector<std::string>& phrase = term.tokens;
  if (at + phrase.size() > tokens.size()) return false;
  for (size_t i = 0; i < phrase.size(); ++i) {
    const std::string& token = tokens[at + i];
    const bool last = i + 1 == phrase.size();
    if (last && term.prefix ? !token.starts_with(phrase[i]) : token != phrase[i]) return false;
  }
  return true;
}

std::vector<size_t> PhrasePositions(const std::vector<std::string>& tokens, const Compiled& term) {
  std::vector<size_t> positions;
  for (size_t at = 0; at < tokens.size(); ++at) {
    if (PhraseAt(tokens, term, at)) positions.push_back(at);
  }
  return positions;
}

bool TextMatches(const std::vector<std::string>& tokens, const Compiled& term) {
  for (size_t at = 0; at < tokens.size(); ++at) {
    if (PhraseAt(tokens, term, at)) return true;
  }
  return false;
}

// FTS5's NEAR(a b, n): some occurrence of each phrase such that at most n tokens lie between
// the end of the earlier one and the start of the later one (fts5ExprNearIsMatch). Phrases may
// overlap, and a phrase NEAR itself matches one occurrence.
bool NearMatches(const std::vector<std::string>& tokens, const Compiled& near) {
  const Compiled& a = near.children[0];
  const Compiled& b = near.children[1];
  const std::vector<size_t> as = PhrasePositions(tokens, a);
  if (as.empty()) return false;
  const std::vector<size_t> bs = PhrasePositions(tokens, b);
  const auto n = static_cast<int64_t>(near.near_distance);
  const auto a_size = static_cast<int64_t>(a.tokens.size());
  const auto b_size = static_cast<int64_t>(b.tokens.size());
  for (const size_t sa : as) {
    // The b starts that qualify form one window around sa: [sa - |b| - n, sa + |a| + n].
    const int64_t low = static_cast<int64_t>(sa) - b_size - n;
    const int64_t high = static_cast<int64_t>(sa) + a_size + n;
    const auto it =
        std::lower_bound(bs.begin(), bs.end(), static_cast<size_t>(std::max<int64_t>(low, 0)));
    if (it != bs.end() && static_cast<int64_t>(*it) <= high) return true;
  }
  return false;
}

bool TagMatches(const AnalysedText& text, const Compiled& term) {
  const std::string& wanted = term.tokens.front();
  if (term.term_kind == TermKind::kHashtag) {
    return std::any_of(text.tags.hashtags.begin(), text.tags.hashtags.end(), [&](const auto& tag) {
      return term.prefix ? tag.starts_with(wanted) : tag == wanted;
    });
  }
  // @anna names the account anna on any server: "anna" and "anna@mastodon.social".
  return std::any_of(text.tags.mentions.begin(), text.tags.mentions.end(), [&](const auto& tag) {
    if (!tag.starts_with(wanted)) return false;
    return term.prefix || tag.size() == wanted.size() || tag[wanted.size()] == '@';
  });
}

bool NumberMatches(const NumberTest& test, int64_t count) {
  if (count < 0) return false;  // Unknown reach matches no comparison.
  switch (test.op) {
    case Comparison::kEq:
      return count == test.value;
    case Comparison::kLt:
      return count < test.value;
    case Comparison::kLe:
      return count <= test.value;
    case Comparison::kGt:
      return count > test.value;
    case Comparison::kGe:
      return count >= test.value;
    case Comparison::kRange:
      return count >= test.value && count <= test.upper;
  }
  return false;
}

bool AuthorMatches(const Compiled& node, const PostView& post) {
  const std::string handle = base::AsciiLower(StripAts(post.author_handle));
  const std::string& wanted = node.value;
  if (handle == wanted) return true;
  // The user part of a fediverse handle or an e-mail address: anna in anna@mastodon.social.
  if (handle.size() > wanted.size() && handle.starts_with(wanted) && handle[wanted.size()] == '@') {
    return true;
  }
  return base::AsciiLower(post.author_name) == base::AsciiLower(node.filter.text);
}

bool FieldMatches(const Compiled& node, const PostView& post) {
  const FieldFilter& filter = node.filter;
  switch (filter.field) {
    case Field::kLang:
      return base::AsciiLower(post.language) == node.value;
    case Field::kNetwork:
      return base::AsciiLower(post.network) == node.value;
    case Field::kChannel:
      return base::AsciiLower(post.channel) == node.value;
    case Field::kAuthor:
      return AuthorMatches(node, post);
    case Field::kFollowers:
      return NumberMatches(filter.number, post.followers);
    case Field::kSentiment:
      return post.sentiment == SentimentName(filter.sentiment);
    case Field::kHas:
    case Field::kIs:
      switch (filter.flag) {
        case Flag::kLink:
          return post.has_link;
        case Flag::kAttachment:
          return post.has_attachment;
        case Flag::kQuestion:
          return post.is_question;
        case Flag::kReply:
          return post.is_reply;
        case Flag::kPrivate:
          return post.is_private;
      }
      return false;
    case Field::kStream:
      return std::any_of(post.streams.begin(), post.streams.end(), [&](const std::string& name) {
        return base::AsciiLower(name) == node.value;
      });
  }
  return false;
}

bool Evaluate(const Compiled& node, const PostView& post, const AnalysedText& text) {
  switch (node.kind) {
    case NodeKind::kTerm:
      return node.term_kind == TermKind::kText ? TextMatches(text.tokens, node)
                                               : TagMatches(text, node);
    case NodeKind::kField:
      return FieldMatches(node, post);
    case NodeKind::kAnd:
      for (const Compiled& child : node.children) {
        if (!Evaluate(child, post, text)) return false;
      }
      return true;
    case NodeKind::kOr:
      for (const Compiled& child : node.children) {
        if (Evaluate(child, post, text)) return true;
      }
      return false;
    case NodeKind::kNot:
      return !Evaluate(node.children.front(), post, text);
    case NodeKind::kNear:
      return NearMatches(text.tokens, node);
  }
  return false;
}

}  // namespace

AnalysedText AnalyseText(std::string_view text) {
  return AnalysedText{.tokens = Tokenize(text), .tags = ExtractTags(text)};
}

void AnalyseTextInto(std::string_view text, AnalysedText& out) {
  TokenizeInto(text, out.tokens);
  ExtractTagsInto(text, out.tags);
}

Filter::Filter(const Query& query) : root_(Compile(query.root)) {}

bool Filter::Matches(const PostView& post) const { return Matches(post, AnalyseText(post.text)); }

bool Filter::Matches(const PostView& post, const AnalysedText& text) const {
  return Evaluate(root_, post, text);
}

}  // namespace webcare::analysis::query
