#include "analysis/query/differential_support.h"

#include <gtest/gtest.h>

#include "analysis/query/tokenizer.h"
#include "base/strings.h"

namespace webcare::analysis::query::testing {
namespace {

void Bind(sqlite3_stmt* statement, const std::vector<SqlValue>& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    if (const auto* number = std::get_if<int64_t>(&params[i])) {
      sqlite3_bind_int64(statement, index, *number);
    } else {
      const std::string& text = std::get<std::string>(params[i]);
      sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()),
                        SQLITE_TRANSIENT);
    }
  }
}

// Cuts `word` after `count` code points.
std::string FirstCodePoints(std::string_view word, int count) {
  size_t end = 0;
  while (end < word.size() && count > 0) {
    ++end;
    while (end < word.size() && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) ++end;
    --count;
  }
  return std::string(word.substr(0, end));
}

std::string ChangeCase(std::string word, int how) {
  for (char& c : word) {
    if (how == 1 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (how == 2 && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return word;
}

}  // namespace

MemoryDb::MemoryDb() {
  if (sqlite3_open(":memory:", &db_) != SQLITE_OK) ADD_FAILURE() << "cannot open SQLite";
}

MemoryDb::~MemoryDb() { sqlite3_close(db_); }

void MemoryDb::Exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << (message ? message : "?");
  }
  sqlite3_free(message);
}

std::set<int64_t> MemoryDb::Ids(const std::string& sql, const std::vector<SqlValue>& params,
                                std::string* error) {
  std::set<int64_t> ids;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    if (error) *error = sqlite3_errmsg(db_);
    if (!error) ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
    return ids;
  }
  Bind(statement, params);
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
    ids.insert(sqlite3_column_int64(statement, 0));
  if (rc != SQLITE_DONE) {
    if (error) *error = sqlite3_errmsg(db_);
    if (!error) ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
  }
  sqlite3_finalize(statement);
  return ids;
}

void MemoryDb::InsertRows(const std::string& sql, const std::vector<std::vector<SqlValue>>& rows) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
    return;
  }
  Exec("BEGIN");
  for (const auto& row : rows) {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    Bind(statement, row);
    if (sqlite3_step(statement) != SQLITE_DONE) ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
  }
  Exec("COMMIT");
  sqlite3_finalize(statement);
}

std::vector<MemoryDb::Row> MemoryDb::Rows(const std::string& sql) {
  std::vector<Row> rows;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
    return rows;
  }
  while (sqlite3_step(statement) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 2));
    rows.push_back(
        {sqlite3_column_int64(statement, 0), sqlite3_column_int64(statement, 1),
         std::string(text ? text : "", static_cast<size_t>(sqlite3_column_bytes(statement, 2)))});
  }
  sqlite3_finalize(statement);
  return rows;
}

const std::vector<std::string>& Vocabulary() {
  static const auto* words = new std::vector<std::string>{"storing",
                                                          "Storing",
                                                          "STORING",
                                                          "storingen",
                                                          "störing",
                                                          "trein",
                                                          "treinen",
                                                          "vertraging",
                                                          "vertraagd",
                                                          "Utrecht",
                                                          "utrecht",
                                                          "amsterdam",
                                                          "NS",
                                                          "ns",
                                                          "ov",
                                                          "ov-chipkaart",
                                                          "ovchip",
                                                          "chipkaart",
                                                          "klant",
                                                          "klanten",
                                                          "klantenservice",
                                                          "KlantenService",
                                                          "wachttijd",
                                                          "wacht",
                                                          "café",
                                                          "cafe",
                                                          "CAFÉ",
                                                          "cafe\xCC\x81",
                                                          "coördinatie",
                                                          "coordinatie",
                                                          "één",
                                                          "een",
                                                          "naïef",
                                                          "naief",
                                                          "naïeve",
                                                          "Zoë",
                                                          "zoe",
                                                          "über",
                                                          "fiancée",
                                                          "résumé",
                                                          "resume",
                                                          "refund",
                                                          "delay",
                                                          "delayed",
                                                          "service",
                                                          "app",
                                                          "login",
                                                          "wifi",
                                                          "WiFi",
                                                          "112",
                                                          "2024",
                                                          "10:30",
                                                          "geen",
                                                          "niet",
                                                          "wel",
                                                          "de",
                                                          "het",
                                                          "bij",
                                                          "in",
                                                          "op",
                                                          "is",
                                                          "rt",
                                                          "RT",
                                                          "straße",
                                                          "strasse",
                                                          "İstanbul",
                                                          "istanbul",
                                                          "ǡ",
                                                          "Ǡ",
                                                          "ǖ",
                                                          "u",
                                                          "🥰",
                                                          "top🥰",
                                                          "x\xCC\x85y",
                                                          "ﬁx",
                                                          "fix",
                                                          "ΣΊΣΥΦΟΣ",
                                                          "σίσυφος",
                                                          "Ærø",
                                                          "e-mail",
                                                          "email",
                                                          "x_y",
                                                          "ǅ",
                                                          "ǆ",
                                                          "ＮＳ",
                                                          "ns2024"};
  return *words;
}

std::string Generator::Text(bool with_mentions) {
  static const std::vector<std::string> kSeparators = {
      " ", " ",   " ",  " ",  ", ", ". ", "! ",  "? ", "-", "_",  "/", "'",
      "…", " — ", "\n", " (", ") ", ": ", " 😡 ", "😡",  "&", " #", "#", "\xC2\xA0"};
  static const std::vector<std::string> kMentions = {
      "@ns_online", "@NS_online",      "@Anna@mastodon.social", "@anna",
      "@bob",       "anna@example.nl", "@anna@example.nl",      "@Zoë"};
  std::string text;
  const int words = Uniform(1, 20);
  for (int i = 0; i < words; ++i) {
    if (i > 0) text += Pick(kSeparators);
    if (Chance(0.1)) text += "#";
    if (with_mentions && Chance(0.08)) {
      text += Pick(kMentions) + " ";
    }
    text += Pick(Vocabulary());
  }
  return text;
}

std::string Generator::TextTerm(const std::vector<std::string>& texts) {
  const int kind = Uniform(0, 9);
  if (kind <= 3) return ChangeCase(Pick(Vocabulary()), Chance(0.2) ? Uniform(1, 2) : 0);
  if (kind <= 5) return FirstCodePoints(Pick(Vocabulary()), Uniform(1, 4)) + "*";
  if (kind == 6) {
    std::string phrase = Pick(Vocabulary());
    for (int i = Uniform(1, 2); i > 0; --i) phrase += " " + Pick(Vocabulary());
    return "\"" + phrase + "\"" + (Chance(0.2) ? "*" : "");
  }
  // A run of tokens that some text holds, so that phrases find something.
  const std::vector<std::string> tokens = Tokenize(Pick(texts));
  if (tokens.empty()) return Pick(Vocabulary());
  const int length = Uniform(1, 3);
  const int start = Uniform(0, std::max(0, static_cast<int>(tokens.size()) - length));
  std::string phrase;
  for (int i = start; i < std::min<int>(start + length, static_cast<int>(tokens.size())); ++i) {
    if (!phrase.empty()) phrase += " ";
    phrase += tokens[static_cast<size_t>(i)];
  }
  if (Chance(0.3))
    return "\"" + FirstCodePoints(phrase, static_cast<int>(phrase.size()) - 1) + "\"*";
  return "\"" + phrase + "\"";
}

std::string Generator::TextQuery(const std::vector<std::string>& texts, int depth) {
  const int kind = depth >= 3 ? 0 : Uniform(0, 9);
  if (kind <= 3) return TextTerm(texts);
  if (kind == 4) {
    const std::string near = Chance(0.2) ? "NEAR" : base::StrCat("NEAR/", Uniform(0, 4));
    return "(" + TextTerm(texts) + " " + near + " " + TextTerm(texts) + ")";
  }
  if (kind <= 6) {
    std::string group = "(";
    const int children = Uniform(2, 3);
    for (int i = 0; i < children; ++i) {
      if (i > 0) group += Chance(0.5) ? " " : " AND ";
      if (i > 0 && Chance(0.3)) group += Chance(0.5) ? "-" : "NOT ";
      group += TextQuery(texts, depth + 1);
    }
    return group + ")";
  }
  if (kind <= 8) {
    std::string group = "(";
    const int children = Uniform(2, 3);
    for (int i = 0; i < children; ++i) {
      if (i > 0) group += " OR ";
      group += TextQuery(texts, depth + 1);
    }
    return group + ")";
  }
  return "(" + TextQuery(texts, depth + 1) + ")";
}

}  // namespace webcare::analysis::query::testing
