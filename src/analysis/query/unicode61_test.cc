// The tokenizer against SQLite's own, code point by code point: for each code point c the
// text "c ac b" ("a", c, "b") shows whether c starts a token, only continues one (a
// diacritic) or separates, and what it folds to. Every code point of the Basic Multilingual
// Plane and of plane 1 is checked, and a sample of the planes above.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "analysis/query/differential_support.h"
#include "analysis/query/tokenizer.h"
#include "base/strings.h"

namespace webcare::analysis::query {
namespace {

std::string Utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

std::string Hex(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& token : tokens) {
    out += " [";
    for (unsigned char byte : token) {
      constexpr char kDigits[] = "0123456789abcdef";
      out += kDigits[byte >> 4];
      out += kDigits[byte & 15];
    }
    out += "]";
  }
  return out;
}

TEST(Unicode61Test, EveryCodePointTokenizesAsInSqlite) {
  std::vector<char32_t> code_points;
  for (char32_t c = 0; c < 0x20000; ++c) {
    if (c < 0xD800 || c > 0xDFFF) code_points.push_back(c);
  }
  for (char32_t c = 0x20000; c <= 0x10FFFF; c += 251) code_points.push_back(c);
  code_points.push_back(0x10FFFF);

  testing::MemoryDb db;
  db.Exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')");
  db.Exec("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)");
  std::vector<std::vector<SqlValue>> rows;
  std::vector<std::string> texts;
  for (const char32_t c : code_points) {
    texts.push_back(base::StrCat(Utf8(c), " a", Utf8(c), "b"));
    rows.push_back({static_cast<int64_t>(c), texts.back()});
  }
  db.InsertRows("INSERT INTO t (rowid, x) VALUES (?1, ?2)", rows);

  std::map<int64_t, std::vector<std::string>> sqlite_tokens;
  for (const auto& row : db.Rows("SELECT doc, offset, term FROM v ORDER BY doc, offset")) {
    sqlite_tokens[row.a].push_back(row.text);
  }
  int mismatches = 0;
  for (size_t i = 0; i < code_points.size(); ++i) {
    const std::vector<std::string> ours = Tokenize(texts[i]);
    const std::vector<std::string>& theirs = sqlite_tokens[static_cast<int64_t>(code_points[i])];
    if (ours != theirs && ++mismatches <= 20) {
      ADD_FAILURE() << "U+" << std::hex << static_cast<uint32_t>(code_points[i]) << ": SQLite"
                    << Hex(theirs) << ", ours" << Hex(ours);
    }
  }
  EXPECT_EQ(mismatches, 0) << "of " << code_points.size() << " code points";
}

}  // namespace
}  // namespace webcare::analysis::query
