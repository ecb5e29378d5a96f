#pragma once
// Test support for the differential tests: a minimal SQLite handle and random texts and
// queries over one Dutch/English vocabulary. Test-only; <sqlite3.h> stays out of the library.

#include <sqlite3.h>

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "analysis/query/fts5.h"

namespace webcare::analysis::query::testing {

// An in-memory database; every call fails the test (and returns nothing) on an SQLite error.
class MemoryDb {
 public:
  MemoryDb();
  ~MemoryDb();
  MemoryDb(const MemoryDb&) = delete;
  MemoryDb& operator=(const MemoryDb&) = delete;

  void Exec(const std::string& sql);
  // Runs `sql` with `params` bound to ?1, ?2, ... and returns the first column of every row as
  // an integer. Sets `error` (when given) instead of failing the test.
  std::set<int64_t> Ids(const std::string& sql, const std::vector<SqlValue>& params,
                        std::string* error = nullptr);
  // Runs `sql` (with ?1..?n bound to `params`) for each row of `rows`.
  void InsertRows(const std::string& sql, const std::vector<std::vector<SqlValue>>& rows);
  // Rows of (int, int, text) from a query without parameters.
  struct Row {
    int64_t a = 0;
    int64_t b = 0;
    std::string text;
  };
  std::vector<Row> Rows(const std::string& sql);

 private:
  sqlite3* db_ = nullptr;
};

// The vocabulary texts and queries are made of: Dutch and English webcare words with case and
// accent variants, compounds, digits, and characters where tokenizers tend to disagree
// (combining marks, ligatures, emoji of several Unicode versions, final sigma, dotted I).
const std::vector<std::string>& Vocabulary();

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  int Uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(Uniform(0, static_cast<int>(items.size()) - 1))];
  }

  // A post text: 1..20 vocabulary words joined by varied punctuation, some as #hashtags.
  std::string Text(bool with_mentions);
  // A word for a query: a vocabulary word (with changed case, sometimes), a prefix, a phrase
  // of words or a phrase lifted from `texts` so that phrases also hit.
  std::string TextTerm(const std::vector<std::string>& texts);
  // A text-only query: words, phrases, prefixes, AND, OR, NOT, -, parentheses, NEAR/n.
  std::string TextQuery(const std::vector<std::string>& texts, int depth = 0);

 private:
  std::mt19937 rng_;
};

}  // namespace webcare::analysis::query::testing
