#include "analysis/query/parser.h"

#include <gtest/gtest.h>

#include <string>

#include "base/strings.h"

namespace webcare::analysis::query {
namespace {

// The canonical form of `input`, or the error message.
std::string Canon(std::string_view input) {
  auto query = Parse(input);
  return query.ok() ? Describe(*query) : std::string(base::ToStd(query.status().message()));
}

// Parses, and checks that the canonical form parses back to the same tree.
Query MustParse(std::string_view input) {
  auto query = Parse(input);
  EXPECT_TRUE(query.ok()) << input << ": " << query.status();
  if (!query.ok()) return {};
  auto again = Parse(Describe(*query));
  EXPECT_TRUE(again.ok()) << Describe(*query) << ": " << again.status();
  if (again.ok()) {
    EXPECT_EQ(*again, *query) << Describe(*query);
  }
  return *query;
}

TEST(ParserTest, WordsPhrasesAndPrefixes) {
  EXPECT_EQ(Canon("storing"), "storing");
  EXPECT_EQ(Canon("  storing  "), "storing");
  EXPECT_EQ(Canon("\"van het kastje\""), "\"van het kastje\"");
  EXPECT_EQ(Canon("klant*"), "klant*");
  EXPECT_EQ(Canon("\"klanten serv\"*"), "\"klanten serv\"*");
  EXPECT_EQ(Canon("ov-chipkaart"), "ov-chipkaart");  // A hyphen inside a word is no NOT.
  EXPECT_EQ(Canon("café"), "café");
  EXPECT_EQ(Canon("\"storing\""), "storing");  // Quotes around one plain word change nothing.
  EXPECT_EQ(Canon("10:30"), "10:30");          // Not a field: the name must be letters.
  EXPECT_EQ(Canon("\"http://x.nl\""), "\"http://x.nl\"");

  const Query query = MustParse("klant*");
  EXPECT_EQ(query.root.kind, NodeKind::kTerm);
  EXPECT_EQ(query.root.term.kind, TermKind::kText);
  EXPECT_EQ(query.root.term.text, "klant");
  EXPECT_TRUE(query.root.term.prefix);
}

TEST(ParserTest, BooleanOperatorsAndPrecedence) {
  EXPECT_EQ(Canon("storing utrecht"), "(storing AND utrecht)");
  EXPECT_EQ(Canon("storing AND utrecht"), "(storing AND utrecht)");
  EXPECT_EQ(Canon("a OR b c"), "(a OR (b AND c))");  // Implicit AND binds tighter than OR.
  EXPECT_EQ(Canon("(a OR b) c"), "((a OR b) AND c)");
  EXPECT_EQ(Canon("storing -trein NOT bus"), "(storing AND NOT trein AND NOT bus)");
  EXPECT_EQ(Canon("storing -\"rt @ns\""), "(storing AND NOT \"rt @ns\")");
  EXPECT_EQ(Canon("storing -(trein OR bus)"), "(storing AND NOT (trein OR bus))");
  EXPECT_EQ(Canon("storing NOT(trein)"), "(storing AND NOT trein)");
  EXPECT_EQ(Canon("or not near and"), "(or AND not AND near AND and)");  // Lower case: words.
  EXPECT_EQ(Canon("((a))"), "a");
  EXPECT_EQ(Canon("(a b) c"), "((a AND b) AND c)");  // Groups are kept, not flattened.
  EXPECT_EQ(Canon("a -b -c OR d"), "((a AND NOT b AND NOT c) OR d)");
  EXPECT_EQ(Canon("a (-b -c)"), "(a AND (NOT b AND NOT c))");
  MustParse("(\"ov-chipkaart\" OR ovchip) AND (klantenservice OR storing) -rt lang:nl");
}

TEST(ParserTest, Near) {
  EXPECT_EQ(Canon("storing NEAR/3 utrecht"), "(storing NEAR/3 utrecht)");
  EXPECT_EQ(Canon("storing NEAR utrecht"), "(storing NEAR/10 utrecht)");
  EXPECT_EQ(Canon("\"geen wifi\" NEAR/0 trein*"), "(\"geen wifi\" NEAR/0 trein*)");
  EXPECT_EQ(Canon("a NEAR/2 b c"), "((a NEAR/2 b) AND c)");  // NEAR binds tighter than AND.
  EXPECT_EQ(Canon("a NEAR/2 b OR c NEAR/1 d"), "((a NEAR/2 b) OR (c NEAR/1 d))");
  EXPECT_EQ(Canon("-(a NEAR/2 b) c"), "(NOT (a NEAR/2 b) AND c)");
  EXPECT_EQ(Canon("NEARBY near"), "(NEARBY AND near)");
  const Query query = MustParse("storing NEAR/3 utrecht");
  EXPECT_EQ(query.root.kind, NodeKind::kNear);
  EXPECT_EQ(query.root.near_distance, 3);
}

TEST(ParserTest, HashtagsAndMentions) {
  const Query tag = MustParse("#storing");
  EXPECT_EQ(tag.root.term.kind, TermKind::kHashtag);
  EXPECT_EQ(tag.root.term.text, "storing");
  EXPECT_EQ(Canon("#NS_storing*"), "#NS_storing*");
  const Query mention = MustParse("@anna@mastodon.social");
  EXPECT_EQ(mention.root.term.kind, TermKind::kMention);
  EXPECT_EQ(mention.root.term.text, "anna@mastodon.social");
  EXPECT_EQ(Canon("@ns_online -#fail"), "(@ns_online AND NOT #fail)");
  EXPECT_EQ(Canon("\"#storing\""), "\"#storing\"");  // Quoted: the word, not the tag.
  EXPECT_EQ(Canon("C#"), "C#");
}

TEST(ParserTest, FieldFilters) {
  EXPECT_EQ(Canon("lang:NL"), "lang:nl");
  EXPECT_EQ(Canon("Lang:nl"), "lang:nl");
  EXPECT_EQ(Canon("lang:zh-Hant"), "lang:zh-hant");
  EXPECT_EQ(Canon("network:Mastodon"), "network:mastodon");
  EXPECT_EQ(Canon("channel:x:@ovpas"), "channel:x:@ovpas");  // The value may hold ':'.
  EXPECT_EQ(Canon("author:@anna"), "author:@anna");
  EXPECT_EQ(Canon("author:\"Anna de Vries\""), "author:\"Anna de Vries\"");
  EXPECT_EQ(Canon("author:\"anna\""), "author:anna");
  EXPECT_EQ(Canon("stream:\"Storingen OV\""), "stream:\"Storingen OV\"");
  EXPECT_EQ(Canon("sentiment:Negative"), "sentiment:negative");
  EXPECT_EQ(Canon("has:link has:attachment"), "(has:link AND has:attachment)");
  EXPECT_EQ(Canon("is:question is:reply is:private"), "(is:question AND is:reply AND is:private)");
  EXPECT_EQ(Canon("lang:nl -is:reply"), "(lang:nl AND NOT is:reply)");

  const Query query = MustParse("followers:>10000");
  EXPECT_EQ(query.root.kind, NodeKind::kField);
  EXPECT_EQ(query.root.filter.field, Field::kFollowers);
  EXPECT_EQ(query.root.filter.number.op, Comparison::kGt);
  EXPECT_EQ(query.root.filter.number.value, 10000);
  EXPECT_EQ(Canon("followers:>=5"), "followers:>=5");
  EXPECT_EQ(Canon("followers:<5"), "followers:<5");
  EXPECT_EQ(Canon("followers:<=5"), "followers:<=5");
  EXPECT_EQ(Canon("followers:=5"), "followers:5");
  EXPECT_EQ(Canon("followers:5"), "followers:5");
  EXPECT_EQ(Canon("followers:10k"), "followers:10000");
  EXPECT_EQ(Canon("followers:>2M"), "followers:>2000000");
  EXPECT_EQ(Canon("followers:1000..5000"), "followers:1000..5000");
  EXPECT_EQ(Canon("followers:1k..1k"), "followers:1000..1000");
}

TEST(ParserTest, ErrorsNameTheColumn) {
  EXPECT_EQ(Canon("storing AND \"kapotte poort"), "error at column 13: unclosed quote");
  EXPECT_EQ(Canon("café \"x"), "error at column 6: unclosed quote");  // Code points, not bytes.
  EXPECT_EQ(Canon("(a OR b"), "error at column 8: missing ')'");
  EXPECT_EQ(Canon("a)"), "error at column 2: unbalanced ')'");
  EXPECT_EQ(Canon("()"), "error at column 2: empty parentheses");
  EXPECT_EQ(Canon("   "), "error at column 4: empty query");
  EXPECT_EQ(Canon(""), "error at column 1: empty query");
  EXPECT_EQ(Canon("a OR"), "error at column 5: OR needs something after it");
  EXPECT_EQ(Canon("OR a"), "error at column 1: OR needs something before it");
  EXPECT_EQ(Canon("a OR OR b"), "error at column 6: OR needs something after it");
  EXPECT_EQ(Canon("AND a"), "error at column 1: AND needs something before it");
  EXPECT_EQ(Canon("a AND"), "error at column 6: AND needs something after it");
  EXPECT_EQ(Canon("a NOT"),
            "error at column 6: NOT needs a word, phrase, filter or group after it");
  EXPECT_EQ(Canon("!!!"), "error at column 1: \"!!!\" has no letters or digits");
  EXPECT_EQ(Canon("a \"\""), "error at column 3: empty phrase");
  EXPECT_EQ(Canon("a \"?!\""), "error at column 3: \"?!\" has no letters or digits");
  EXPECT_EQ(Canon("a\x01"), "error at column 2: control character U+0001 is not allowed");
}

TEST(ParserTest, FieldErrors) {
  EXPECT_EQ(Canon("lang:nl langg:nl"),
            "error at column 9: unknown field \"langg\" (did you mean lang?)");
  EXPECT_EQ(Canon("language:nl"),
            "error at column 1: unknown field \"language\" (did you mean lang?)");
  EXPECT_EQ(Canon("folowers:>5"),
            "error at column 1: unknown field \"folowers\" (did you mean followers?)");
  EXPECT_EQ(Canon("http://x.nl"),
            "error at column 1: unknown field \"http\" (fields are lang, network, channel, author, "
            "followers, sentiment, has, is, stream; put text with a colon in quotes)");
  EXPECT_EQ(Canon("lang: nl"), "error at column 6: lang: needs a value");
  EXPECT_EQ(Canon("author:\"\""), "error at column 8: author: needs a value");
  EXPECT_EQ(Canon("author:\"Anna"), "error at column 8: unclosed quote");
  EXPECT_EQ(Canon("lang:nederlands"),
            "error at column 6: bad value \"nederlands\" for lang: use a language code such as nl "
            "or en");
  EXPECT_EQ(Canon("network:x!"),
            "error at column 9: bad value \"x!\" for network: use a network such as x or mastodon");
  EXPECT_EQ(Canon("sentiment:negatief"),
            "error at column 11: bad value \"negatief\" for sentiment: did you mean negative?");
  EXPECT_EQ(
      Canon("sentiment:boos"),
      "error at column 11: bad value \"boos\" for sentiment: use negative, neutral, positive");
  EXPECT_EQ(Canon("has:links"),
            "error at column 5: bad value \"links\" for has: did you mean link?");
  EXPECT_EQ(Canon("is:vraag"),
            "error at column 4: bad value \"vraag\" for is: use question, reply, private");
  const std::string followers_hint = "use a count such as >10000, <=500, 2k or 1000..5000";
  EXPECT_EQ(Canon("followers:veel"),
            "error at column 11: bad value \"veel\" for followers: " + followers_hint);
  EXPECT_EQ(Canon("followers:>"),
            "error at column 11: bad value \">\" for followers: " + followers_hint);
  EXPECT_EQ(Canon("followers:-5"),
            "error at column 11: bad value \"-5\" for followers: " + followers_hint);
  EXPECT_EQ(
      Canon("followers:5..1"),
      "error at column 11: bad value \"5..1\" for followers: the range must go from low to high");
  EXPECT_EQ(
      Canon("followers:99999999999999999999"),
      "error at column 11: bad value \"99999999999999999999\" for followers: " + followers_hint);
}

TEST(ParserTest, NearErrors) {
  EXPECT_EQ(Canon("NEAR/3 a"), "error at column 1: NEAR needs a word or phrase before it");
  EXPECT_EQ(Canon("a NEAR/3"), "error at column 9: NEAR needs a word or phrase after it");
  EXPECT_EQ(Canon("a NEAR/x b"),
            "error at column 8: NEAR/ needs a distance from 0 to 100, such as NEAR/3");
  EXPECT_EQ(Canon("a NEAR/101 b"),
            "error at column 8: NEAR/ needs a distance from 0 to 100, such as NEAR/3");
  EXPECT_EQ(Canon("(a b) NEAR/2 c"), "error at column 1: NEAR joins two words or phrases");
  EXPECT_EQ(Canon("a NEAR/2 #b"), "error at column 10: NEAR joins two words or phrases");
  EXPECT_EQ(Canon("a NEAR/2 lang:nl"), "error at column 10: NEAR joins two words or phrases");
  EXPECT_EQ(Canon("-a NEAR/2 b"), "error at column 1: NEAR joins two words or phrases");
  EXPECT_EQ(Canon("a NEAR/2 NOT b"), "error at column 10: NEAR needs a word or phrase after it");
  EXPECT_EQ(Canon("a NEAR/2 b NEAR/2 c"),
            "error at column 12: NEAR joins exactly two words or phrases; combine NEAR groups "
            "with AND");
}

TEST(ParserTest, HashtagAndMentionErrors) {
  EXPECT_EQ(Canon("#ov-chipkaart"),
            "error at column 4: a hashtag holds only letters, digits and '_'");
  EXPECT_EQ(Canon("#"), "error at column 1: \"#\" has no letters or digits");
  EXPECT_EQ(Canon("#_"), "error at column 1: \"#_\" has no letters or digits");
  EXPECT_EQ(Canon("@anna!"),
            "error at column 6: a mention holds only letters, digits and '_', then optionally '@' "
            "and a domain");
  EXPECT_EQ(Canon("@anna@"),
            "error at column 6: a mention holds only letters, digits and '_', then optionally '@' "
            "and a domain");
}

TEST(ParserTest, RefusesQueriesThatOnlySubtract) {
  const std::string message =
      "a query needs a word or filter to match; NOT and '-' only remove matches";
  EXPECT_EQ(Canon("-storing"), "error at column 1: " + message);
  EXPECT_EQ(Canon("  NOT storing NOT trein"), "error at column 3: " + message);
  EXPECT_EQ(Canon("a OR -b"), "error at column 6: " + message);
  EXPECT_EQ(Canon("-a OR b"), "error at column 1: " + message);
  EXPECT_EQ(Canon("x (a OR (-b -c))"), "error at column 9: " + message);
  EXPECT_EQ(Canon("a NOT NOT b"), "error at column 7: NOT needs something that can match alone");
  EXPECT_EQ(Canon("a --b"), "error at column 4: NOT needs something that can match alone");
  EXPECT_EQ(Canon("-lang:en"), "error at column 1: " + message);
  EXPECT_TRUE(Parse("a -b").ok());
  EXPECT_TRUE(Parse("lang:nl -is:reply").ok());
}

TEST(ParserTest, RefusesHostileInput) {
  EXPECT_EQ(Canon("caf\xC3"), "query is not valid UTF-8 at byte 4");
  EXPECT_EQ(Canon(std::string(5000, 'a')), "query is 5000 bytes; the limit is 4096");
  EXPECT_EQ(Canon(std::string(40, '(') + "a" + std::string(40, ')')),
            "error at column 33: query nests more than 32 levels deep");
  std::string nots;
  for (int i = 0; i < 40; ++i) nots += "NOT (a ";
  EXPECT_FALSE(Parse("b " + nots).ok());
  EXPECT_TRUE(Parse(std::string(31, '(') + "a" + std::string(31, ')')).ok());
  EXPECT_FALSE(Parse(std::string("a\0b", 3)).ok());
}

TEST(ParserTest, CanonicalFormsParseBackToTheSameTree) {
  for (const char* input : {
           "storing",
           "\"van het kastje naar de muur\"",
           "klant*",
           "\"klanten serv\"*",
           "a OR b c",
           "storing -trein NOT bus",
           "a (-b -c)",
           "storing NEAR/3 utrecht",
           "\"AND\" \"OR\" \"NOT\" \"NEAR\" \"NEAR/3\" \"-x\" \"#x\" \"@x\" \"lang:x\" \"a*\"*",
           "\"a b\" \"(x)\"",
           "#storing* @anna@mastodon.social -@ns",
           "author:\"Anna (NS)\"",
           "followers:1000..5000 followers:<=5 followers:=7",
           "channel:x:@ovpas stream:storing",
           "(a OR (b (c OR (d -e))))",
           "a NEAR/0 \"b c\"*",
           "-(a NEAR/2 b) c",
           "x#y a@b.nl",
       }) {
    MustParse(input);
  }
}

}  // namespace
}  // namespace webcare::analysis::query
