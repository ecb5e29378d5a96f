// Standing filter against archive search: the same random queries run through the evaluator
// and through SQLite FTS5 (tokenize='unicode61 remove_diacritics 2', as posts_fts) over the
// same random texts must select the same texts.

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

constexpr int kTexts = 300;
constexpr int kQueries = 2000;

std::string Show(const std::vector<std::string>& tokens) {
  return base::StrCat("[", base::StrJoin(tokens, " | "), "]");
}

TEST(DifferentialTest, EvaluatorAndFts5SelectTheSameTexts) {
  for (const uint32_t seed : {20240611u, 7u}) {
    Generator generate(seed);
    MemoryDb db;
    db.Exec("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='unicode61 remove_diacritics 2')");
    std::vector<std::string> texts;
    std::vector<std::vector<SqlValue>> rows;
    for (int i = 0; i < kTexts; ++i) {
      texts.push_back(generate.Text(/*with_mentions=*/false));
      rows.push_back({int64_t{i}, texts.back()});
    }
    db.InsertRows("INSERT INTO t (rowid, text) VALUES (?1, ?2)", rows);
    std::vector<AnalysedText> analysed;
    for (const std::string& text : texts) analysed.push_back(AnalyseText(text));

    int compared = 0, refused = 0, with_hits = 0, near_queries = 0, mismatches = 0;
    int64_t hits = 0;
    while (compared < kQueries) {
      const std::string input = generate.TextQuery(texts);
      auto query = Parse(input);
      if (!query.ok()) {  // Only-negation and no-letter queries; the parser tests cover them.
        ++refused;
        continue;
      }
      ASSERT_TRUE(IsFullText(query->root)) << input;
      auto match = RenderFts5Match(query->root);
      ASSERT_TRUE(match.ok()) << input << ": " << match.status();
      std::string error;
      const std::set<int64_t> expected =
          db.Ids("SELECT rowid FROM t WHERE t MATCH ?1", {*match}, &error);
      ASSERT_TRUE(error.empty()) << input << " as " << *match << ": " << error;

      const Filter filter(*query);
      std::set<int64_t> actual;
      for (int i = 0; i < kTexts; ++i) {
        PostView post;
        post.text = texts[static_cast<size_t>(i)];
        if (filter.Matches(post, analysed[static_cast<size_t>(i)])) actual.insert(i);
      }
      ++compared;
      if (!expected.empty()) ++with_hits;
      if (input.find("NEAR") != std::string::npos) ++near_queries;
      hits += static_cast<int64_t>(expected.size());
      if (actual != expected && ++mismatches <= 10) {
        std::string detail;
        for (int i = 0; i < kTexts; ++i) {
          if (expected.contains(i) != actual.contains(i)) {
            base::StrAppend(detail, "\n  ", expected.contains(i) ? "FTS5 only: " : "filter only: ",
                            texts[static_cast<size_t>(i)], " ",
                            Show(analysed[static_cast<size_t>(i)].tokens));
          }
        }
        ADD_FAILURE() << "query " << input << "\n  canonical " << Describe(*query) << "\n  FTS5 "
                      << *match << detail;
      }
    }
    EXPECT_EQ(mismatches, 0);
    // The comparison means something only if queries find things, and not everything.
    EXPECT_GT(with_hits, kQueries / 2);
    EXPECT_LT(hits, int64_t{kQueries} * kTexts / 2);
    EXPECT_GT(near_queries, kQueries / 20);
    std::printf(
        "seed %u: %d queries x %d texts, %d mismatches; %d queries with hits, %lld hits, "
        "%d with NEAR, %d generated queries refused by the parser\n",
        seed, compared, kTexts, mismatches, with_hits, static_cast<long long>(hits), near_queries,
        refused);
  }
}

}  // namespace
}  // namespace webcare::analysis::query
