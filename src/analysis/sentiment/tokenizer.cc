#include "base/utf8.h"
#include "analysis/sentiment/tokenizer.h"

#include <cctype>
#include <cstdint>

#include "analysis/sentiment/unicode.h"
#include "base/strings.h"

namespace webcare::analysis::sentiment {
namespace {

using internal::Encode;
using internal::IsApostrophe;
using internal::IsDigit;
using internal::IsEmoji;
using internal::IsEmojiModifier;
using internal::IsLetter;
using internal::IsLower;
using internal::IsRegionalIndicator;
using internal::IsUpper;
using internal::kNoCodePoint;
using internal::kZeroWidthJoiner;
using internal::LowerCodePoint;
using internal::PeekCodePoint;

// ' ', '\t', '\n', '\v', '\f' and '\r', as one bit test: it runs on every byte of a post.
bool IsSpace(char c) {
  constexpr uint64_t kSpaces = (uint64_t{1} << ' ') | (uint64_t{1} << '\t') |
                               (uint64_t{1} << '\n') | (uint64_t{1} << '\v') |
                               (uint64_t{1} << '\f') | (uint64_t{1} << '\r');
  const auto byte = static_cast<unsigned char>(c);
  return byte <= ' ' && ((kSpaces >> byte) & 1) != 0;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool StartsWithUrl(std::string_view text) { return base::StartsWithWebAddress(text); }

// Emoticons are recognised by shape, not by a list, so that any emoticon the lexicons know
// (VADER rates about a hundred) reaches the lookup.
bool LooksLikeEmoticon(std::string_view chunk) {
  if (chunk.size() < 2 || chunk.size() > 6) return false;
  constexpr std::string_view kAlways[] = {"<3", "</3", "^^", "^_^", "xD", "XD", "xd", "x-D"};
  for (std::string_view e : kAlways) {
    if (chunk == e) return true;
  }
  // The characters of a face, as a bitmap: most chunks of this size are short words, and the
  // test runs on each of them.
  static constexpr struct Allowed {
    constexpr Allowed() {
      for (char c : std::string_view(":;='()[]{}<>|/\\-^*oO0pPdDsSxX3@$cC8")) {
        bits[static_cast<unsigned char>(c) >> 6] |= uint64_t{1} << (c & 63);
      }
    }
    bool Contains(char c) const {
      const auto byte = static_cast<unsigned char>(c);
      return byte < 128 && ((bits[byte >> 6] >> (byte & 63)) & 1) != 0;
    }
    uint64_t bits[2] = {0, 0};
  } kAllowed;
  bool has_eyes = false;
  int letters_in_a_row = 0;
  for (char c : chunk) {
    if (!kAllowed.Contains(c)) return false;
    has_eyes |= c == ':' || c == ';' || c == '=';
    // Two letters in a row make a word with a colon ("op:", "so:"), not a face.
    letters_in_a_row = IsAsciiLetter(c) ? letters_in_a_row + 1 : 0;
    if (letters_in_a_row >= 2) return false;
  }
  return has_eyes;
}

// Emoticons often stick to the word before them: "bedankt:)".
constexpr std::string_view kStuckEmoticons[] = {":-)", ":-(", ":-D", ":'(", ":)", ":(",
                                                ":D",  ";)",  ":P",  ":p",  ":/"};

}  // namespace

// Hands out the slots of a TokenBuffer; a friend of it, so TokenBuffer's members stay private.
class TokenWriter {
 public:
  explicit TokenWriter(TokenBuffer& buffer) : buffer_(buffer) {
    buffer_.size_ = 0;
    buffer_.exclamation_marks_ = 0;
    buffer_.question_marks_ = 0;
  }

  // The next token, reset; its key is empty but keeps its capacity.
  Token& Add() {
    if (buffer_.size_ == buffer_.slots_.size()) buffer_.slots_.emplace_back();
    Token& token = buffer_.slots_[buffer_.size_++];
    token.key.clear();
    token.kind = TokenKind::kWord;
    token.all_caps = false;
    token.elongated = false;
    return token;
  }
  void CountExclamations(int n) { buffer_.exclamation_marks_ += n; }
  void CountQuestion() { ++buffer_.question_marks_; }

 private:
  TokenBuffer& buffer_;
};

namespace {

class Tokenizer {
 public:
  Tokenizer(std::string_view text, TokenBuffer& out) : text_(text), out_(out) {}

  void Run() {
    size_t i = 0;
    while (i < text_.size()) {
      if (IsSpace(text_[i])) {
        if (text_[i] == '\n') EndSentence();
        ++i;
        continue;
      }
      // Most chunks are a plain word ("goed", "opgelost?"), found while looking for the end.
      if (const size_t end = PlainWordChunk(i); end != 0) {
        PlainWord(i, end);
        i = end;
        continue;
      }
      size_t end = i;
      while (end < text_.size() && !IsSpace(text_[end])) ++end;
      Chunk(i, end);
      i = end;
    }
  }

 private:
  void EndClause() { ++clause_; }

  void EndSentence() {
    ++clause_;
    ++sentence_;
  }

  // A new token for text_[begin, end); the caller fills in its key.
  Token& Emit(size_t begin, size_t end, TokenKind kind) {
    Token& token = out_.Add();
    token.text = text_.substr(begin, end - begin);
    token.kind = kind;
    token.clause = clause_;
    token.sentence = sentence_;
    return token;
  }

  // One whitespace-separated chunk, text_[begin, end).
  void Chunk(size_t begin, size_t end) {
    std::string_view chunk = text_.substr(begin, end - begin);
    if (StartsWithUrl(chunk)) return;
    // Trailing "!", "?" and "." may follow an emoticon: ":)!!".
    size_t core_end = end;
    while (core_end > begin && (text_[core_end - 1] == '!' || text_[core_end - 1] == '?' ||
                                text_[core_end - 1] == '.')) {
      --core_end;
    }
    if (LooksLikeEmoticon(text_.substr(begin, core_end - begin))) {
      Emit(begin, core_end, TokenKind::kEmoticon).key.assign(text_.substr(begin, core_end - begin));
      Scan(core_end, end);
      return;
    }
    // Stuck emoticons end in a mouth after ':', ';', '-' or '\''; most chunks do not.
    const bool maybe_stuck =
        core_end - begin >= 3 && (text_[core_end - 2] == ':' || text_[core_end - 2] == ';' ||
                                  text_[core_end - 2] == '-' || text_[core_end - 2] == '\'');
    for (std::string_view emoticon : kStuckEmoticons) {
      if (!maybe_stuck) break;
      const size_t size = core_end - begin;
      if (size > emoticon.size() &&
          text_.substr(core_end - emoticon.size(), emoticon.size()) == emoticon) {
        const char before = text_[core_end - emoticon.size() - 1];
        if ((before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z')) {
          Scan(begin, core_end - emoticon.size());
          Emit(core_end - emoticon.size(), core_end, TokenKind::kEmoticon).key.assign(emoticon);
          Scan(core_end, end);
          return;
        }
      }
    }
    Scan(begin, end);
  }

  // The end of the chunk at `begin` when it is a plain word: ASCII letters followed by
  // nothing but '.', ',', '!' and '?'; 0 otherwise. Chunk would find no URL, emoticon or
  // anything but the word in it, except for "www." and the emoticon "xD", which are left to
  // Chunk.
  size_t PlainWordChunk(size_t begin) const {
    size_t letters_end = begin;
    while (letters_end < text_.size() && IsAsciiLetter(text_[letters_end])) ++letters_end;
    if (letters_end == begin) return 0;
    size_t end = letters_end;
    while (end < text_.size() && !IsSpace(text_[end])) {
      const char c = text_[end];
      if (c != '.' && c != ',' && c != '!' && c != '?') return 0;
      ++end;
    }
    const std::string_view letters = text_.substr(begin, letters_end - begin);
    if (letters.size() == 2 && (letters[0] | 0x20) == 'x' && (letters[1] | 0x20) == 'd') {
      return 0;  // The faces "xD", "XD", "xd"; Chunk finds that "Xd" is a word.
    }
    if (letters.size() == 3 && end > letters_end && text_[letters_end] == '.' &&
        StartsWithUrl(text_.substr(begin, end - begin))) {
      return 0;  // "www."
    }
    return end;
  }

  // A plain word chunk (PlainWordChunk): what Chunk and Scan make of it, in one pass.
  void PlainWord(size_t begin, size_t end) {
    size_t letters_end = begin;
    while (letters_end < end && IsAsciiLetter(text_[letters_end])) ++letters_end;
    Token& token = Emit(begin, letters_end, TokenKind::kWord);
    std::string& key = token.key;  // Empty, with the capacity of an earlier post's key.
    int upper = 0;
    char previous = '\0';
    int run = 0;
    bool elongated = false;
    for (size_t k = begin; k < letters_end; ++k) {
      // As Word: lower-case, and look for a letter written three times.
      char c = text_[k];
      if (c < 'a') {
        c = static_cast<char>(c + 32);
        ++upper;
      }
      run = c == previous ? run + 1 : 1;
      elongated |= run >= 3;
      previous = c;
      key.push_back(c);
    }
    const int lower = static_cast<int>(key.size()) - upper;
    token.all_caps = upper >= 2 && lower == 0;
    token.elongated = elongated;
    for (size_t k = letters_end; k < end; ++k) Punctuation(text_[k], end - begin);
  }

  // What Scan does with punctuation and other symbols in a chunk of `chunk_size` bytes.
  void Punctuation(char32_t cp, size_t chunk_size) {
    switch (cp) {
      case '!':
        out_.CountExclamations(1);
        EndSentence();
        break;
      case 0x203C:  // ‼
        out_.CountExclamations(2);
        EndSentence();
        break;
      case '?':
        out_.CountQuestion();
        EndSentence();
        break;
      case '.':
      case 0x2026:  // …
        EndSentence();
        break;
      case ',':
      case ';':
      case ':':
      case '(':
      case ')':
      case '[':
      case ']':
      case 0x2013:  // –
      case 0x2014:  // —
        EndClause();
        break;
      case '-':
        if (chunk_size == 1) EndClause();  // A dash on its own, not a hyphen.
        break;
      default:
        break;
    }
  }

  // Code point by code point through text_[begin, end).
  void Scan(size_t begin, size_t end) {
    std::string_view part = text_.substr(0, end);
    size_t i = begin;
    bool after_word = false;
    while (i < end) {
      size_t length = 0;
      const char32_t cp = PeekCodePoint(part, i, length);
      if (cp == kNoCodePoint) {  // Ill-formed byte: a separator.
        ++i;
        after_word = false;
        continue;
      }
      if (!after_word && StartsWithUrl(part.substr(i))) return;
      if (cp == '@' || cp == '#') {
        size_t next_length = 0;
        const char32_t next = PeekCodePoint(part, i + length, next_length);
        if (cp == '@' && !after_word && (IsLetter(next) || IsDigit(next) || next == '_')) {
          i = SkipMention(part, i + length);
          continue;
        }
        if (cp == '#' && (IsLetter(next) || IsDigit(next))) {
          i = Word(part, i + length, i, TokenKind::kHashtag);
          after_word = true;
          continue;
        }
      }
      if (IsLetter(cp) || IsDigit(cp)) {
        i = Word(part, i, i, TokenKind::kWord);
        after_word = true;
        continue;
      }
      after_word = false;
      if (IsEmoji(cp) || IsRegionalIndicator(cp)) {
        i = EmojiSequence(part, i);
        continue;
      }
      Punctuation(cp, end - begin);
      i += length;
    }
  }

  size_t SkipMention(std::string_view part, size_t i) {
    while (i < part.size()) {
      const char c = part[i];
      const bool inner = (c == '.' || c == '@' || c == '-') && i + 1 < part.size() &&
                         std::isalnum(static_cast<unsigned char>(part[i + 1]));
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && !inner) break;
      ++i;
    }
    return i;
  }

  // A word starting at `i` (its token text starts at `token_begin`, which is before `i` for
  // a hashtag). Returns the end.
  size_t Word(std::string_view part, size_t i, size_t token_begin, TokenKind kind) {
    // The key is built in place, in a slot whose string keeps its capacity between posts.
    Token& token = Emit(token_begin, token_begin, kind);
    std::string& key = token.key;
    if (kind == TokenKind::kHashtag) key.push_back('#');
    int upper = 0;
    int lower = 0;
    char32_t previous = kNoCodePoint;
    int run = 0;
    bool elongated = false;
    while (i < part.size()) {
      const char c = part[i];
      if (IsAsciiLetter(c)) {  // The common case, without decoding.
        const char folded = c >= 'a' ? c : static_cast<char>(c + 32);
        if (c >= 'a') {
          ++lower;
        } else {
          ++upper;
        }
        run = static_cast<char32_t>(folded) == previous ? run + 1 : 1;
        elongated |= run >= 3;
        previous = static_cast<char32_t>(folded);
        key.push_back(folded);
        ++i;
        continue;
      }
      size_t length = 0;
      char32_t cp = PeekCodePoint(part, i, length);
      if (cp == kNoCodePoint) break;
      if (IsApostrophe(cp)) {
        size_t next_length = 0;
        const char32_t next = PeekCodePoint(part, i + length, next_length);
        if (!IsLetter(next) || key.empty() || key == "#") break;
        cp = '\'';
      } else if (cp == '_' && kind == TokenKind::kHashtag) {
        // "#niet_blij" keeps its underscore.
      } else if ((cp == '.' || cp == ',') && previous != kNoCodePoint && IsDigit(previous)) {
        // "3,50" and "4.5" stay one number.
        size_t next_length = 0;
        if (!IsDigit(PeekCodePoint(part, i + length, next_length))) break;
      } else if (!IsLetter(cp) && !IsDigit(cp)) {
        break;
      }
      if (IsUpper(cp)) ++upper;
      if (IsLower(cp)) ++lower;
      const char32_t folded = LowerCodePoint(cp);
      run = folded == previous ? run + 1 : 1;
      if (run >= 3 && IsLetter(cp)) elongated = true;
      previous = folded;
      Encode(folded, key);
      i += length;
    }
    token.text = text_.substr(token_begin, i - token_begin);
    token.all_caps = upper >= 2 && lower == 0;
    token.elongated = elongated;
    return i;
  }

  size_t EmojiSequence(std::string_view part, size_t begin) {
    size_t length = 0;
    const char32_t first = PeekCodePoint(part, begin, length);
    const size_t first_length = length;
    size_t i = begin + length;
    if (IsRegionalIndicator(first)) {  // A flag is a pair of regional indicators.
      if (IsRegionalIndicator(PeekCodePoint(part, i, length))) i += length;
    } else {
      while (true) {
        const char32_t cp = PeekCodePoint(part, i, length);
        if (cp == kNoCodePoint) break;
        if (IsEmojiModifier(cp)) {
          i += length;
        } else if (cp == kZeroWidthJoiner) {
          i += length;
          if (PeekCodePoint(part, i, length) != kNoCodePoint) i += length;
        } else {
          break;
        }
      }
    }
    // The key is the first code point (EmojiKey), which is well-formed: it is an emoji.
    Emit(begin, i, TokenKind::kEmoji).key.assign(part.substr(begin, first_length));
    return i;
  }

  std::string_view text_;
  TokenWriter out_;
  int clause_ = 0;
  int sentence_ = 0;
};

}  // namespace

void TokenizeInto(std::string_view text, TokenBuffer& out) { Tokenizer(text, out).Run(); }

TokenizedText Tokenize(std::string_view text) {
  TokenBuffer buffer;
  TokenizeInto(text, buffer);
  TokenizedText result;
  buffer.slots_.resize(buffer.size_);
  result.tokens = std::move(buffer.slots_);
  result.exclamation_marks = buffer.exclamation_marks_;
  result.question_marks = buffer.question_marks_;
  return result;
}

std::vector<std::string> ShortenElongations(std::string_view key) {
  std::vector<std::string> forms;
  for (size_t keep : {size_t{2}, size_t{1}}) {
    std::string form;
    bool changed = false;
    size_t i = 0;
    while (i < key.size()) {
      size_t run = 1;
      while (i + run < key.size() && key[i + run] == key[i]) ++run;
      // Only ASCII letters are collapsed byte-wise; multi-byte letters are rarely elongated.
      const bool letter = (key[i] >= 'a' && key[i] <= 'z');
      if (letter && run >= 3) {
        form.append(keep, key[i]);
        changed = true;
      } else {
        form.append(key.substr(i, run));
      }
      i += run;
    }
    if (changed) forms.push_back(std::move(form));
  }
  return forms;
}

std::string EmojiKey(std::string_view emoji) {
  if (emoji.empty()) return {};
  char32_t cp = 0;
  const size_t length = base::DecodeUtf8(emoji, 0, cp);
  if (length == 0) return {};
  return std::string(emoji.substr(0, length));
}

}  // namespace webcare::analysis::sentiment
