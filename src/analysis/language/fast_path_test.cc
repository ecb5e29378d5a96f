// DetectFast and the reusable buffers behind Detect's speed (README.md, "Speed").
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "analysis/language/language.h"
#include "analysis/language/text_cleaner.h"
#include "analysis/language/word_model.h"

namespace webcare::analysis::language {
namespace {

TEST(DetectFastTest, TypicalPostsSkipCld2) {
  for (std::string_view text :
       {"@ovpas Ik heb al drie dagen geen internet, wanneer wordt dit eindelijk opgelost?",
        "Al een uur in de wacht bij de klantenservice, dit is echt belachelijk"}) {
    const LanguageResult r = DetectFast(text);
    EXPECT_EQ(r.code, "nl") << text;
    EXPECT_EQ(r.method, kMethodWords) << text;
    EXPECT_TRUE(r.reliable) << text;
    EXPECT_GT(r.confidence, 0.99) << text;
  }
  const LanguageResult en =
      DetectFast("@ovpas My card was charged twice for the same trip and nobody answers the phone");
  EXPECT_EQ(en.code, "en");
  EXPECT_EQ(en.method, kMethodWords);
}

TEST(DetectFastTest, AgreesWithDetectOnTheDetectTests) {
  // The texts of language_test.cc: DetectFast names the same language for every one.
  for (std::string_view text :
       {"Mijn pakketje is nog steeds niet bezorgd, kunnen jullie even kijken?",
        "Thanks for the quick help this morning, really appreciated!",
        "Storing?",
        "thanks!",
        "Top geholpen",
        "Waarom?",
        "niet blij",
        "Bedankt!",
        "still waiting...",
        "Nog steeds storing",
        "why?",
        "@ovpas @NS_online #storing #vertraging https://t.co/xyz nog steeds niks",
        "RT @jan: @ovpas still no refund https://bit.ly/abc #fail #customerservice",
        "#NietBlij @ovpas",
        "",
        "😀🎉👍🏽",
        "https://t.co/abc",
        "ᚠᛇᚻ",
        "Sorry voor het ongemak, we kijken er direct naar. Thanks for your patience! Onze "
        "monteur komt morgen tussen acht en twaalf uur langs bij u thuis.",
        "Thanks! The delay was horrible though, we waited for over an hour at the station "
        "without any information. Echt niet oké.",
        "Vielen Dank für die schnelle Hilfe, jetzt funktioniert alles wieder.",
        "Merci beaucoup pour votre aide rapide, tout fonctionne à nouveau.",
        "Warum ist der Zug schon wieder zu spät?",
        "Danke schön!",
        "Merci beaucoup !",
        "¿Por qué el tren llega tarde otra vez? Estoy esperando desde hace una hora.",
        "Perché il treno è sempre in ritardo? Sto aspettando da un'ora alla stazione.",
        "Почему поезд снова опаздывает? Я жду уже целый час на вокзале.",
        "Weer vertraging",
        "Jammer",
        "flink uitbreidde",
        "hallo?",
        "Goed initiatief culturele",
        "Baie dankie vir die hulp, dit werk nou weer."}) {
    EXPECT_EQ(DetectFast(text).code, Detect(text).code) << text;
  }
}

TEST(DetectFastTest, ShortTextsAreSettledOnlyWhenCld2CouldNotChangeTheAnswer) {
  // Two Dutch-only frequent words: a lead no CLD2 term can overturn.
  const LanguageResult settled = DetectFast("niet blij");
  EXPECT_EQ(settled.code, "nl");
  EXPECT_EQ(settled.method, kMethodWords);
  // Never surer than the full model: the lead counts minus CLD2's largest possible term.
  EXPECT_LE(settled.confidence, Detect("niet blij").confidence);
  // A name in no list, with little telling spelling: CLD2 has its say, exactly as in Detect.
  const LanguageResult open = DetectFast("Rotterdam");
  EXPECT_EQ(open.method, kMethodShortText);
  EXPECT_EQ(open.code, Detect("Rotterdam").code);
  EXPECT_EQ(open.confidence, Detect("Rotterdam").confidence);
}

TEST(DetectFastTest, OtherScriptsAndCloseRelativesGoToCld2) {
  const LanguageResult mixed = DetectFast("Спасибо за помощь, thanks for the quick help today");
  EXPECT_NE(mixed.method, kMethodWords);
  // Afrikaans shares many Dutch words; the runner-up rule leaves it to CLD2.
  for (std::string_view text :
       {"My kaart is twee keer gedebiteer en niemand antwoord op my e-pos nie.",
        "Wanneer gaan die probleem opgelos word? Ek wag al twee dae vir 'n antwoord."}) {
    const LanguageResult r = DetectFast(text);
    EXPECT_EQ(r.code, "af") << text;
    EXPECT_NE(r.method, kMethodWords) << text;
  }
}

TEST(DetectFastTest, OffByDefault) {
  EXPECT_FALSE(DetectOptions().word_fast_path);
  EXPECT_EQ(Detect("niet blij").method, kMethodShortText);
}

TEST(DetectFastTest, ConcurrentCallsAgree) {
  const std::vector<std::string> texts = {
      "niet blij",
      "thanks!",
      "Ik heb al drie dagen geen internet, wanneer wordt dit opgelost?",
      "Vielen Dank für die schnelle Hilfe",
      "😀",
      std::string(300, 'a') + " ÉÉN Storing"};
  std::vector<LanguageResult> expected;
  for (const std::string& text : texts) expected.push_back(DetectFast(text));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) {
          const LanguageResult r = DetectFast(texts[i]);
          mismatches[t] += r.code != expected[i].code || r.confidence != expected[i].confidence;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(CleanForDetectionIntoTest, SameAsCleanForDetectionWhenReused) {
  CleanText reused;
  for (std::string_view text :
       {"Een hele lange post over de storing bij de NS, met #KPNStoring en https://t.co/x erin",
        "kort", "", "Привет, мир! ok", "don't zo'n e-mail", "#NietBlij met #KPNStoring"}) {
    CleanForDetectionInto(text, {}, reused);
    const CleanText fresh = CleanForDetection(text);
    EXPECT_EQ(reused.text, fresh.text) << text;
    EXPECT_EQ(reused.letters, fresh.letters) << text;
    EXPECT_EQ(reused.words, fresh.words) << text;
    EXPECT_EQ(reused.non_latin_letters, fresh.non_latin_letters) << text;
  }
}

TEST(CleanForDetectionIntoTest, CountsLettersOutsideTheLatinScript) {
  EXPECT_EQ(CleanForDetection("Coëfficiënt één café ŉ").non_latin_letters, 0);
  EXPECT_EQ(CleanForDetection("Tiếng Việt").non_latin_letters, 0);
  EXPECT_EQ(CleanForDetection("Привет мир").non_latin_letters, 9);
  EXPECT_EQ(CleanForDetection("thanks 你好").non_latin_letters, 2);
}

TEST(ScoreWordsFastTest, CaseDoesNotMatter) {
  // Frequent words carry their spelling evidence precomputed; other words are scanned. Either
  // way upper and lower case give the same evidence.
  for (std::string_view text : {"niet blij", "THANKS FOR NOTHING", "Vrijdagmiddag Straße",
                                "ÉÉN STORING", "throughput ijij"}) {
    const WordEvidence a = ScoreWords(text);
    const WordEvidence b = ScoreWords(LowerForModel(text));
    EXPECT_EQ(a.words, b.words) << text;
    EXPECT_EQ(a.known_words, b.known_words) << text;
    EXPECT_EQ(a.frequent_words, b.frequent_words) << text;
    EXPECT_EQ(a.spelling, b.spelling) << text;
  }
}

}  // namespace
}  // namespace webcare::analysis::language
