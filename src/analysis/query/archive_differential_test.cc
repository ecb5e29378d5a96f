// The whole archive search against the standing filter: random posts with random analysis
// results are stored in a schema with the columns fts5.h assumes (NULL where a value may be
// missing), and random queries mixing text, hashtags, mentions and every field filter must
// select the same posts through RenderArchiveQuery's SQL as through Filter.

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "analysis/query/differential_support.h"
#include "analysis/query/evaluator.h"
#include "analysis/query/fts5.h"
#include "analysis/query/parser.h"
#include "base/strings.h"

namespace webcare::analysis::query {
namespace {

using testing::Generator;
using testing::MemoryDb;

constexpr int kPosts = 300;
constexpr int kQueries = 2000;

constexpr std::string_view kSchema = R"sql(
CREATE TABLE authors (id INTEGER PRIMARY KEY, handle TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
                      followers INTEGER NOT NULL DEFAULT 0);
CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL, network TEXT NOT NULL,
                    channel TEXT NOT NULL, text TEXT NOT NULL, in_reply_to TEXT,
                    private INTEGER NOT NULL DEFAULT 0, attachments TEXT, language TEXT,
                    sentiment_label TEXT, is_question INTEGER, has_link INTEGER, tags TEXT);
CREATE VIRTUAL TABLE posts_fts USING fts5(text, content='posts', content_rowid='id',
                                          tokenize='unicode61 remove_diacritics 2');
CREATE TABLE streams (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE post_streams (post_id INTEGER NOT NULL, stream_id INTEGER NOT NULL);
INSERT INTO streams (id, name) VALUES (1, 'Storingen'), (2, 'OV Chip'), (3, 'ns');
)sql";

struct Author {
  std::string handle;
  std::string name;
  int64_t followers;
};

const std::vector<Author>& Authors() {
  static const auto* authors =
      new std::vector<Author>{{"@anna@mastodon.social", "Anna de Vries", 12000},
                              {"@Anna", "anna", 5},
                              {"anna@example.nl", "", -1},
                              {"@ns_online", "NS", 1000000},
                              {"@bob", "Bob", 0},
                              {"+31600000174", "Zoë Bakker", 999},
                              {"@@zoe", "ZOE", 1000}};
  return *authors;
}

// A post as the pipeline would store it, with the view a standing filter would get.
struct Post {
  std::string text, language, network, channel, sentiment, in_reply_to, attachments;
  bool language_null = false, sentiment_null = false, reply_null = false;
  int question = 0, link = 0;  // -1: NULL.
  bool is_private = false;
  size_t author = 0;
  std::vector<std::string> streams;
};

Post RandomPost(Generator& generate) {
  Post post;
  post.text = generate.Text(/*with_mentions=*/true);
  post.language = generate.Pick(std::vector<std::string>{"nl", "en", "NL", "de", ""});
  post.language_null = post.language.empty() && generate.Chance(0.5);
  post.network = generate.Pick(std::vector<std::string>{"x", "mastodon", "Mastodon", "email"});
  post.channel = generate.Pick(std::vector<std::string>{
      "x:@ovpas", "X:@OVpas", "mastodon:@ovpas@mastodon.social", "email:a@b.nl"});
  post.sentiment = generate.Pick(std::vector<std::string>{"negative", "neutral", "positive", ""});
  post.sentiment_null = post.sentiment.empty() && generate.Chance(0.5);
  post.in_reply_to = generate.Pick(std::vector<std::string>{"", "", "17"});
  post.reply_null = post.in_reply_to.empty() && generate.Chance(0.5);
  post.attachments = generate.Pick(std::vector<std::string>{"", "", "[]", "[{\"url\":\"u\"}]"});
  post.question = generate.Uniform(-1, 1);
  post.link = generate.Uniform(-1, 1);
  post.is_private = generate.Chance(0.2);
  post.author = static_cast<size_t>(generate.Uniform(0, static_cast<int>(Authors().size()) - 1));
  for (const char* stream : {"Storingen", "OV Chip", "ns"}) {
    if (generate.Chance(0.3)) post.streams.push_back(stream);
  }
  return post;
}

PostView ViewOf(const Post& post) {
  const Author& author = Authors()[post.author];
  PostView view;
  view.text = post.text;
  view.language = post.language;
  view.network = post.network;
  view.channel = post.channel;
  view.author_handle = author.handle;
  view.author_name = author.name;
  view.followers = author.followers;
  view.sentiment = post.sentiment;
  view.is_question = post.question > 0;
  view.is_reply = !post.in_reply_to.empty();
  view.is_private = post.is_private;
  view.has_link = post.link > 0;
  view.has_attachment = !post.attachments.empty() && post.attachments != "[]";
  view.streams = post.streams;
  return view;
}

std::string RandomLeaf(Generator& generate, const std::vector<std::string>& texts) {
  static const std::vector<std::string> kLeaves = {"#storing",
                                                   "#Störing*",
                                                   "#stor*",
                                                   "#ns_online",
                                                   "#café",
                                                   "#rt",
                                                   "#x_y",
                                                   "#ov",
                                                   "@ns_online",
                                                   "@NS_ONLINE",
                                                   "@ns*",
                                                   "@anna",
                                                   "@Anna@mastodon.social",
                                                   "@anna@example.nl",
                                                   "@bob",
                                                   "@zoë",
                                                   "@a*",
                                                   "lang:nl",
                                                   "lang:en",
                                                   "lang:de",
                                                   "network:x",
                                                   "network:mastodon",
                                                   "channel:x:@ovpas",
                                                   "channel:mastodon:@ovpas@mastodon.social",
                                                   "author:@anna",
                                                   "author:anna",
                                                   "author:\"Anna de Vries\"",
                                                   "author:@ns_online",
                                                   "author:zoe",
                                                   "author:\"zoë bakker\"",
                                                   "author:+31600000174",
                                                   "author:@anna@mastodon.social",
                                                   "followers:>10000",
                                                   "followers:>=1000",
                                                   "followers:<5",
                                                   "followers:<=5",
                                                   "followers:0",
                                                   "followers:1000..1m",
                                                   "sentiment:negative",
                                                   "sentiment:neutral",
                                                   "sentiment:positive",
                                                   "has:link",
                                                   "has:attachment",
                                                   "is:question",
                                                   "is:reply",
                                                   "is:private",
                                                   "stream:storingen",
                                                   "stream:\"OV Chip\"",
                                                   "stream:NS",
                                                   "stream:other"};
  return generate.Chance(0.5) ? generate.Pick(kLeaves) : generate.TextTerm(texts);
}

std::string RandomQuery(Generator& generate, const std::vector<std::string>& texts, int depth = 0) {
  const int kind = depth >= 3 ? 0 : generate.Uniform(0, 7);
  if (kind <= 2) return RandomLeaf(generate, texts);
  if (kind == 3) return generate.TextQuery(texts, 2);
  std::string group = "(";
  const int children = generate.Uniform(2, 3);
  for (int i = 0; i < children; ++i) {
    if (i > 0) group += kind <= 5 ? " " : " OR ";
    if (i > 0 && kind <= 5 && generate.Chance(0.35)) group += "-";
    group += RandomQuery(generate, texts, depth + 1);
  }
  return group + ")";
}

TEST(ArchiveDifferentialTest, SqlAndFilterSelectTheSamePosts) {
  Generator generate(424242);
  MemoryDb db;
  db.Exec(std::string(kSchema));
  std::vector<std::vector<SqlValue>> authors;
  for (size_t i = 0; i < Authors().size(); ++i) {
    authors.push_back(
        {static_cast<int64_t>(i), Authors()[i].handle, Authors()[i].name, Authors()[i].followers});
  }
  db.InsertRows("INSERT INTO authors (id, handle, name, followers) VALUES (?1, ?2, ?3, ?4)",
                authors);

  std::vector<Post> posts;
  std::vector<std::string> texts;
  std::vector<std::vector<SqlValue>> rows, stream_rows;
  for (int i = 0; i < kPosts; ++i) {
    posts.push_back(RandomPost(generate));
    const Post& post = posts.back();
    texts.push_back(post.text);
    const std::string tags = TagColumnText(ExtractTags(post.text));
    // NULL is bound as a missing parameter: the statement below reads NULLIF(?, '<null>').
    const auto nullable = [](bool is_null, const std::string& value) -> SqlValue {
      return is_null ? SqlValue{std::string("<null>")} : SqlValue{value};
    };
    rows.push_back({int64_t{i}, static_cast<int64_t>(post.author), post.network, post.channel,
                    post.text, nullable(post.reply_null, post.in_reply_to),
                    int64_t{post.is_private}, nullable(post.attachments.empty(), post.attachments),
                    nullable(post.language_null, post.language),
                    nullable(post.sentiment_null, post.sentiment), int64_t{post.question},
                    int64_t{post.link}, nullable(tags.empty() && i % 2 == 0, tags)});
    for (const std::string& stream : post.streams) {
      stream_rows.push_back({int64_t{i}, stream == "Storingen" ? int64_t{1}
                                         : stream == "OV Chip" ? int64_t{2}
                                                               : int64_t{3}});
    }
  }
  db.InsertRows(
      "INSERT INTO posts (id, author_id, network, channel, text, in_reply_to, private, attachments,"
      " language, sentiment_label, is_question, has_link, tags) VALUES (?1, ?2, ?3, ?4, ?5,"
      " NULLIF(?6, '<null>'), ?7, NULLIF(?8, '<null>'), NULLIF(?9, '<null>'),"
      " NULLIF(?10, '<null>'), NULLIF(?11, -1), NULLIF(?12, -1), NULLIF(?13, '<null>'))",
      rows);
  db.InsertRows("INSERT INTO post_streams (post_id, stream_id) VALUES (?1, ?2)", stream_rows);
  db.Exec("INSERT INTO posts_fts (posts_fts) VALUES ('rebuild')");
  std::vector<AnalysedText> analysed;
  for (const std::string& text : texts) analysed.push_back(AnalyseText(text));

  int compared = 0, refused = 0, with_hits = 0, with_match = 0, mismatches = 0;
  while (compared < kQueries) {
    const std::string input = RandomQuery(generate, texts);
    auto query = Parse(input);
    if (!query.ok()) {
      ++refused;
      continue;
    }
    auto archive = RenderArchiveQuery(*query, /*first_param=*/2);
    ASSERT_TRUE(archive.ok()) << input << ": " << archive.status();
    std::string sql = "SELECT p.id FROM posts p JOIN authors a ON a.id = p.author_id WHERE ";
    std::vector<SqlValue> params = {std::string(archive->match)};
    if (!archive->match.empty()) {
      sql += "p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?1) AND ";
      ++with_match;
    }
    sql += "(" + archive->where + ")";
    params.insert(params.end(), archive->params.begin(), archive->params.end());
    std::string error;
    const std::set<int64_t> expected = db.Ids(sql, params, &error);
    ASSERT_TRUE(error.empty()) << input << "\n" << sql << "\n" << error;

    const Filter filter(*query);
    std::set<int64_t> actual;
    for (int i = 0; i < kPosts; ++i) {
      if (filter.Matches(ViewOf(posts[static_cast<size_t>(i)]), analysed[static_cast<size_t>(i)])) {
        actual.insert(i);
      }
    }
    ++compared;
    if (!expected.empty()) ++with_hits;
    if (actual != expected && ++mismatches <= 10) {
      std::string detail;
      for (int i = 0; i < kPosts; ++i) {
        if (expected.contains(i) != actual.contains(i)) {
          base::StrAppend(detail, "\n  ", expected.contains(i) ? "SQL only: " : "filter only: ", i,
                          " ", texts[static_cast<size_t>(i)]);
        }
      }
      ADD_FAILURE() << "query " << input << "\n  canonical " << Describe(*query) << "\n  SQL "
                    << sql << detail;
    }
  }
  EXPECT_EQ(mismatches, 0);
  EXPECT_GT(with_hits, kQueries / 2);
  EXPECT_GT(with_match, kQueries / 10);
  std::printf(
      "%d queries x %d posts, %d mismatches; %d with hits, %d with an FTS5 match, %d "
      "generated queries refused by the parser\n",
      compared, kPosts, mismatches, with_hits, with_match, refused);
}

}  // namespace
}  // namespace webcare::analysis::query
