// The per-thread buffers and one-lookup tables behind Analyze's speed (README.md, "Speed"):
// reusing them must never change a result.
#include <string>
#include <thread>
#include <vector>

#include "analysis/sentiment/lexicon.h"
#include "analysis/sentiment/rules.h"
#include "analysis/sentiment/sentiment.h"
#include "analysis/sentiment/tokenizer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace webcare::analysis::sentiment {
namespace {

using ::testing::ElementsAre;

// Everything Analyze returns, for comparing runs.
std::string Describe(const SentimentResult& result) {
  std::string out = std::to_string(result.raw) + " " + std::to_string(result.score) + " " +
                    std::string(LabelName(result.label));
  for (const Contribution& line : result.explanation) {
    out += " | " + line.token + " " + std::to_string(line.contribution) + " " + line.rule + " " +
           line.source;
  }
  return out;
}

const std::vector<std::string>& Posts() {
  static const std::vector<std::string> posts = {
      "Niet goed, maar wel snel geholpen 👍",
      "Al een uur in de wacht bij de klantenservice, dit is echt belachelijk!!",
      "Thanks! The delay was horrible though, we waited for over an hour. NOT happy :(",
      "Dat viel me echt niet tegen, supergoed geholpen door #KPN. Bedankt:)",
      "kort",
      "",
      "Beste NS, waarom is de trein weeeer te laat??? Iets moois is het niet.",
      "I really like it, xD. www.example.com @someone great service"};
  return posts;
}

TEST(ReuseTest, TokenizeIntoMatchesTokenizeWhenTheBufferIsReused) {
  TokenBuffer buffer;
  // Long, short, empty and long again: no token of an earlier text may remain.
  for (int round = 0; round < 2; ++round) {
    for (const std::string& post : Posts()) {
      TokenizeInto(post, buffer);
      const TokenizedText fresh = Tokenize(post);
      ASSERT_EQ(buffer.tokens().size(), fresh.tokens.size()) << post;
      for (size_t i = 0; i < fresh.tokens.size(); ++i) {
        const Token& a = buffer.tokens()[i];
        const Token& b = fresh.tokens[i];
        EXPECT_EQ(a.text, b.text) << post;
        EXPECT_EQ(a.key, b.key) << post;
        EXPECT_EQ(a.kind, b.kind) << post;
        EXPECT_EQ(a.all_caps, b.all_caps) << post;
        EXPECT_EQ(a.elongated, b.elongated) << post;
        EXPECT_EQ(a.clause, b.clause) << post;
        EXPECT_EQ(a.sentence, b.sentence) << post;
      }
      EXPECT_EQ(buffer.exclamation_marks(), fresh.exclamation_marks) << post;
      EXPECT_EQ(buffer.question_marks(), fresh.question_marks) << post;
    }
  }
}

TEST(ReuseTest, PlainWordsTokenizeAsBefore) {
  // Chunks of letters and closing punctuation take a shortcut; these are its edges.
  const TokenizedText tokens = Tokenize("GOED, heeeel goed!! xD XD. Xd www. wwwx. ok?!");
  std::vector<std::string> keys;
  for (const Token& token : tokens.tokens) keys.push_back(token.key);
  EXPECT_THAT(keys, ElementsAre("goed", "heeeel", "goed", "xD", "XD", "xd", "wwwx", "ok"));
  EXPECT_TRUE(tokens.tokens[0].all_caps);
  EXPECT_TRUE(tokens.tokens[1].elongated);
  EXPECT_EQ(tokens.tokens[3].kind, TokenKind::kEmoticon);
  EXPECT_EQ(tokens.tokens[5].kind, TokenKind::kWord);
  EXPECT_EQ(tokens.exclamation_marks, 3);
  EXPECT_EQ(tokens.question_marks, 1);
  EXPECT_EQ(tokens.tokens[0].clause + 1, tokens.tokens[1].clause);
  EXPECT_EQ(tokens.tokens[1].sentence, tokens.tokens[2].sentence);
  EXPECT_LT(tokens.tokens[2].sentence, tokens.tokens[3].sentence);
}

TEST(ReuseTest, AnalyzeGivesTheSameResultWhateverCameBefore) {
  std::vector<std::string> first;
  for (const std::string& post : Posts()) first.push_back(Describe(Analyze(post, "nl")));
  // The same posts in reverse order, after a long one: the scratch buffers hold other data.
  Analyze(std::string(5000, 'a') + " goed " + std::string(3000, '!'), "en");
  for (size_t i = Posts().size(); i-- > 0;) {
    EXPECT_EQ(Describe(Analyze(Posts()[i], "nl")), first[i]) << Posts()[i];
  }
}

TEST(ReuseTest, ConcurrentAnalyzeAgrees) {
  std::vector<std::string> expected;
  for (const std::string& post : Posts()) expected.push_back(Describe(Analyze(post, "und")));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 30; ++round) {
        for (size_t i = 0; i < Posts().size(); ++i) {
          mismatches[t] += Describe(Analyze(Posts()[i], "und")) != expected[i];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(ReuseTest, LexiconEntriesAnswerLikeTheTables) {
  const Lexicon& lexicon = Lexicon::Get();
  for (std::string_view key :
       {"goed", "good", "niet", "not", "een", "a", "storing", "😡", ":)", "kastje", "zzzunknown"}) {
    const KeyEntry* entry = lexicon.Entry(key);
    for (Language language : {Language::kDutch, Language::kEnglish}) {
      const int i = static_cast<int>(language);
      EXPECT_EQ(entry == nullptr ? nullptr : entry->valence[i], lexicon.Find(key, language));
      EXPECT_EQ(entry == nullptr ? nullptr : entry->phrases[i],
                lexicon.PhrasesStartingWith(key, language));
    }
  }
  EXPECT_EQ(lexicon.Entry("zzzunknown"), nullptr);
  ASSERT_NE(lexicon.Entry("niet"), nullptr);
  EXPECT_NE(lexicon.Entry("niet")->modifier[static_cast<int>(Language::kDutch)], nullptr);
  ASSERT_NE(lexicon.Entry("een"), nullptr);
  EXPECT_TRUE(lexicon.Entry("een")->starts_modifier_phrase[static_cast<int>(Language::kDutch)]);
}

TEST(ReuseTest, DutchBaseFormListMatchesDutchBaseForms) {
  for (std::string_view key : {"mooie", "grote", "dikke", "lieve", "boze", "leukste", "slechter",
                               "goed", "mooiere", "snelste", "bozere", "e", "ste", "aaaaaave"}) {
    const DutchBaseFormList list(key);
    std::vector<std::string> forms(list.forms().begin(), list.forms().end());
    EXPECT_EQ(forms, DutchBaseForms(key)) << key;
  }
  // A key too long for the list's inline buffer: the respelled forms are kept apart.
  const std::string long_key = std::string(130, 'x') + "ave";
  const std::string stem = std::string(130, 'x') + "av";
  EXPECT_THAT(DutchBaseForms(long_key),
              ElementsAre(stem, std::string(130, 'x') + "af", std::string(130, 'x') + "aaf"));
}

}  // namespace
}  // namespace webcare::analysis::sentiment
