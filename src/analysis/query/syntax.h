#pragma once
// Lexical rules of the query language shared by the parser and the canonical printer, so that
// Describe() quotes exactly what the parser would otherwise read differently.

#include <cstddef>
#include <string_view>

namespace webcare::analysis::query::syntax {

// Separators between words. Other Unicode spaces are part of a word (and split by the
// tokenizer), so a query never means something different because of an invisible space.
inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Characters that end a bare word or an unquoted field value.
inline bool EndsWord(char c) { return IsSpace(c) || c == '(' || c == ')' || c == '"'; }

inline bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Length of a leading "name:" (letters then a colon), or 0: such a word is a field filter.
inline size_t FieldNameLength(std::string_view word) {
  size_t i = 0;
  while (i < word.size() && IsAsciiLetter(word[i])) ++i;
  return i > 0 && i < word.size() && word[i] == ':' ? i : 0;
}

// True for the upper-case operator words: AND, OR, NOT, NEAR and NEAR/<anything>.
inline bool IsOperatorWord(std::string_view word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "NEAR" ||
         word.substr(0, 5) == "NEAR/";
}

}  // namespace webcare::analysis::query::syntax
