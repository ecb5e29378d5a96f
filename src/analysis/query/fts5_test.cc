#include "analysis/query/fts5.h"

#include <gtest/gtest.h>

#include <string>

#include "analysis/query/parser.h"
#include "base/strings.h"

namespace webcare::analysis::query {
namespace {

std::string Match(std::string_view input) {
  auto query = Parse(input);
  if (!query.ok()) return std::string(base::ToStd(query.status().message()));
  auto rendered = RenderFts5Match(query->root);
  return rendered.ok() ? *rendered : std::string(base::ToStd(rendered.status().message()));
}

// "match | where | params" for a whole query.
std::string Archive(std::string_view input, int first_param = 1) {
  auto query = Parse(input);
  if (!query.ok()) return std::string(base::ToStd(query.status().message()));
  auto rendered = RenderArchiveQuery(*query, first_param);
  if (!rendered.ok()) return std::string(base::ToStd(rendered.status().message()));
  std::vector<std::string> params;
  for (const SqlValue& value : rendered->params) {
    params.push_back(std::holds_alternative<int64_t>(value)
                         ? base::StrCat(std::get<int64_t>(value))
                         : base::StrCat("'", std::get<std::string>(value), "'"));
  }
  return base::StrCat(rendered->match, " | ", rendered->where, " | ", base::StrJoin(params, ", "));
}

TEST(Fts5Test, QuotesEveryWord) {
  EXPECT_EQ(Match("storing"), "\"storing\"");
  EXPECT_EQ(Match("klant*"), "\"klant\"*");
  EXPECT_EQ(Match("\"van het kastje\"*"), "\"van het kastje\"*");
  EXPECT_EQ(Match("ov-chipkaart NEAR"), "error at column 18: NEAR needs a word or phrase after it");
  EXPECT_EQ(Match("ov-chipkaart \"NEAR\" \"AND\""), "(\"ov-chipkaart\" AND \"NEAR\" AND \"AND\")");
  EXPECT_EQ(Match("a OR b c"), "(\"a\" OR (\"b\" AND \"c\"))");
}

TEST(Fts5Test, PlacesNegationsAfterPositives) {
  EXPECT_EQ(Match("-trein storing"), "((\"storing\") NOT \"trein\")");
  EXPECT_EQ(Match("a (b OR c) -d"), "((\"a\" AND (\"b\" OR \"c\")) NOT \"d\")");
  EXPECT_EQ(Match("a (-b -c)"), "((\"a\") NOT \"b\" NOT \"c\")");
  EXPECT_EQ(Match("a -(b OR c)"), "((\"a\") NOT (\"b\" OR \"c\"))");
  EXPECT_EQ(Match("a -(b -c)"), "((\"a\") NOT ((\"b\") NOT \"c\"))");
}

TEST(Fts5Test, RendersNear) {
  EXPECT_EQ(Match("storing NEAR/3 utrecht"), "NEAR(\"storing\" \"utrecht\", 3)");
  EXPECT_EQ(Match("\"geen wifi\" NEAR trein*"), "NEAR(\"geen wifi\" \"trein\"*, 10)");
  EXPECT_EQ(Match("a NEAR/1 b OR c"), "(NEAR(\"a\" \"b\", 1) OR \"c\")");
}

TEST(Fts5Test, RefusesTreesFts5CannotExpress) {
  // The parser refuses these; trees built another way must still be refused here.
  const Node a = MakeTerm(TermKind::kText, "a");
  const Node not_b = MakeGroup(NodeKind::kNot, {MakeTerm(TermKind::kText, "b")});
  const Node not_c = MakeGroup(NodeKind::kNot, {MakeTerm(TermKind::kText, "c")});
  EXPECT_FALSE(
      RenderFts5Match(MakeGroup(NodeKind::kAnd, {a, MakeGroup(NodeKind::kOr, {not_b, not_c})}))
          .ok());
  EXPECT_FALSE(RenderFts5Match(not_b).ok());
  EXPECT_FALSE(RenderFts5Match(MakeTerm(TermKind::kHashtag, "a")).ok());
  EXPECT_FALSE(RenderFts5Match(MakeTerm(TermKind::kText, "!!")).ok());
  EXPECT_FALSE(RenderFts5Match(MakeGroup(NodeKind::kNear, {a, not_b}, 3)).ok());
  EXPECT_FALSE(RenderArchiveQuery(Query{.root = not_b}).ok());
  EXPECT_FALSE(RenderArchiveQuery(Query{.root = MakeGroup(NodeKind::kNot, {})}).ok());
  EXPECT_FALSE(RenderArchiveQuery(Query{.root = MakeGroup(NodeKind::kOr, {})}).ok());
  EXPECT_FALSE(RenderFts5Match(MakeGroup(NodeKind::kAnd, {a, MakeGroup(NodeKind::kNot, {})})).ok());
}

TEST(Fts5Test, FullTextOnly) {
  EXPECT_EQ(Archive("storing utrecht"), "(\"storing\" AND \"utrecht\") | 1 | ");
}

TEST(Fts5Test, FiltersBesideTheText) {
  EXPECT_EQ(
      Archive("(\"ov-chipkaart\" OR ovchip) AND (klantenservice OR storing) -rt lang:nl"),
      "(((\"ov-chipkaart\" OR \"ovchip\") AND (\"klantenservice\" OR \"storing\")) NOT \"rt\")"
      " | (lower(coalesce(p.language, '')) = ?1) | 'nl'");
  EXPECT_EQ(Archive("storing network:X followers:1k..5k", 3),
            "\"storing\" | (lower(coalesce(p.network, '')) = ?3) AND "
            "(coalesce(a.followers, -1) >= 0 AND coalesce(a.followers, -1) BETWEEN ?4 AND ?5) | "
            "'x', 1000, 5000");
}

TEST(Fts5Test, EveryField) {
  EXPECT_EQ(Archive("channel:X:@OVpas"), " | (lower(coalesce(p.channel, '')) = ?1) | 'x:@ovpas'");
  EXPECT_EQ(Archive("author:@Anna"),
            " | (lower(ltrim(coalesce(a.handle, ''), '@')) = ?1 OR substr(lower(ltrim(coalesce("
            "a.handle, ''), '@')), 1, ?2) = ?3 OR lower(coalesce(a.name, '')) = ?4) | "
            "'anna', 5, 'anna@', '@anna'");
  EXPECT_EQ(Archive("followers:>10000"),
            " | (coalesce(a.followers, -1) >= 0 AND coalesce(a.followers, -1) > ?1) | 10000");
  EXPECT_EQ(Archive("sentiment:negative"),
            " | (coalesce(p.sentiment_label, '') = ?1) | 'negative'");
  EXPECT_EQ(Archive("has:link"), " | (coalesce(p.has_link, 0) <> 0) | ");
  EXPECT_EQ(Archive("has:attachment"), " | (coalesce(p.attachments, '') NOT IN ('', '[]')) | ");
  EXPECT_EQ(Archive("is:question"), " | (coalesce(p.is_question, 0) <> 0) | ");
  EXPECT_EQ(Archive("is:reply"), " | (coalesce(p.in_reply_to, '') <> '') | ");
  EXPECT_EQ(Archive("is:private"), " | (coalesce(p.private, 0) <> 0) | ");
  EXPECT_EQ(Archive("stream:Storingen"),
            " | EXISTS (SELECT 1 FROM post_streams ps JOIN streams s ON s.id = ps.stream_id "
            "WHERE ps.post_id = p.id AND lower(s.name) = ?1) | 'storingen'");
}

TEST(Fts5Test, HashtagsAndMentionsUsePostsTags) {
  EXPECT_EQ(Archive("#Störing"), " | (instr(coalesce(p.tags, ''), ?1) > 0) | ' #storing '");
  EXPECT_EQ(Archive("#stor*"), " | (instr(coalesce(p.tags, ''), ?1) > 0) | ' #stor'");
  EXPECT_EQ(Archive("@ns_online"),
            " | (instr(coalesce(p.tags, ''), ?1) > 0 OR instr(coalesce(p.tags, ''), ?2) > 0) | "
            "' @ns_online ', ' @ns_online@'");
  EXPECT_EQ(Archive("@ns*"), " | (instr(coalesce(p.tags, ''), ?1) > 0) | ' @ns'");
}

TEST(Fts5Test, MixedTextAndFiltersUseSubqueries) {
  EXPECT_EQ(Archive("storing OR #storing"),
            " | (p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?1) OR "
            "(instr(coalesce(p.tags, ''), ?2) > 0)) | '\"storing\"', ' #storing '");
  EXPECT_EQ(Archive("lang:nl -storing"),
            " | ((lower(coalesce(p.language, '')) = ?1) AND (NOT p.id IN (SELECT rowid FROM "
            "posts_fts WHERE posts_fts MATCH ?2))) | 'nl', '\"storing\"'");
  EXPECT_EQ(Archive("storing -lang:en"),
            "\"storing\" | (NOT (lower(coalesce(p.language, '')) = ?1)) | 'en'");
}

}  // namespace
}  // namespace webcare::analysis::query
