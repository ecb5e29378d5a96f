#include "analysis/language/language.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace webcare::analysis::language {
namespace {

std::string Code(std::string_view text) { return Detect(text).code; }

TEST(DetectTest, TypicalDutchPosts) {
  const LanguageResult r =
      Detect("@ovpas Ik heb al drie dagen geen internet, wanneer wordt dit eindelijk opgelost?");
  EXPECT_EQ(r.code, "nl");
  EXPECT_EQ(r.method, kMethodCld2);
  EXPECT_TRUE(r.reliable);
  EXPECT_GT(r.confidence, 0.8);
  EXPECT_EQ(Code("Al een uur in de wacht bij de klantenservice, dit is echt belachelijk"), "nl");
  EXPECT_EQ(Code("Mijn pakketje is nog steeds niet bezorgd, kunnen jullie even kijken?"), "nl");
}

TEST(DetectTest, TypicalEnglishPosts) {
  const LanguageResult r =
      Detect("@ovpas My card was charged twice for the same trip and nobody answers the phone");
  EXPECT_EQ(r.code, "en");
  EXPECT_EQ(r.method, kMethodCld2);
  EXPECT_TRUE(r.reliable);
  EXPECT_EQ(Code("Thanks for the quick help this morning, really appreciated!"), "en");
}

TEST(DetectTest, VeryShortPosts) {
  EXPECT_EQ(Code("Storing?"), "nl");
  EXPECT_EQ(Code("thanks!"), "en");
  EXPECT_EQ(Code("Top geholpen"), "nl");
  EXPECT_EQ(Code("Waarom?"), "nl");
  EXPECT_EQ(Code("niet blij"), "nl");
  EXPECT_EQ(Code("Bedankt!"), "nl");
  EXPECT_EQ(Code("still waiting..."), "en");
  EXPECT_EQ(Code("Nog steeds storing"), "nl");
  EXPECT_EQ(Code("why?"), "en");
  EXPECT_EQ(Detect("niet blij").method, kMethodShortText);
}

TEST(DetectTest, HashtagMentionAndUrlHeavyPosts) {
  EXPECT_EQ(Code("@ovpas @NS_online #storing #vertraging https://t.co/xyz nog steeds niks"), "nl");
  EXPECT_EQ(Code("RT @jan: @ovpas still no refund https://bit.ly/abc #fail #customerservice"),
            "en");
  EXPECT_EQ(Code("#NietBlij @ovpas"), "nl");
}

TEST(DetectTest, NothingToDetect) {
  for (std::string_view text : {"", "   ", "😀🎉👍🏽", "❤️❤️❤️", "@ovpas",
                                "https://t.co/abc", "12:30 #2024", "?!?!"}) {
    const LanguageResult r = Detect(text);
    EXPECT_EQ(r.code, "und") << text;
    EXPECT_EQ(r.method, kMethodNone) << text;
    EXPECT_EQ(r.confidence, 0.0) << text;
    EXPECT_FALSE(r.reliable) << text;
  }
}

TEST(DetectTest, LettersWithoutAnyEvidenceAreUndetermined) {
  // Runes and hieroglyphs are letters, but neither CLD2 nor the word model knows them.
  for (std::string_view text : {"ᚠᛇᚻ", "𓀀𓀁"}) {
    const LanguageResult r = Detect(text);
    EXPECT_EQ(r.code, "und") << text;
    EXPECT_EQ(r.method, kMethodShortText) << text;
    EXPECT_FALSE(r.reliable) << text;
  }
}

TEST(DetectTest, MixedPostsFollowTheMajority) {
  EXPECT_EQ(Code("Sorry voor het ongemak, we kijken er direct naar. Thanks for your patience!"
                 " Onze monteur komt morgen tussen acht en twaalf uur langs bij u thuis."),
            "nl");
  EXPECT_EQ(Code("Thanks! The delay was horrible though, we waited for over an hour at the "
                 "station without any information. Echt niet oké."),
            "en");
}

TEST(DetectTest, InvalidUtf8DoesNotCrash) {
  const std::string broken = std::string("Ik heb al drie dagen geen internet \xff\xfe\xc3 ") +
                             "wanneer wordt dit opgelost \xed\xa0\x80 vraag ik me af";
  const LanguageResult r = Detect(broken);
  EXPECT_EQ(r.code, "nl");
  const LanguageResult garbage = Detect(std::string("\xff\xfe\xfd\x80\x80\xc0\xaf", 7));
  EXPECT_EQ(garbage.code, "und");
  EXPECT_FALSE(Detect(std::string("\0\0niet\0blij", 11)).code.empty());
}

TEST(DetectTest, GermanAndFrench) {
  EXPECT_EQ(Code("Vielen Dank für die schnelle Hilfe, jetzt funktioniert alles wieder."), "de");
  EXPECT_EQ(Code("Merci beaucoup pour votre aide rapide, tout fonctionne à nouveau."), "fr");
  EXPECT_EQ(Code("Warum ist der Zug schon wieder zu spät?"), "de");
  EXPECT_EQ(Code("Pourquoi le train est-il encore en retard ?"), "fr");
  EXPECT_EQ(Code("Danke schön!"), "de");
  EXPECT_EQ(Code("Merci beaucoup !"), "fr");
}

TEST(DetectTest, OtherLanguagesAreReportedAsSuch) {
  EXPECT_EQ(Code("¿Por qué el tren llega tarde otra vez? Estoy esperando desde hace una hora."),
            "es");
  EXPECT_EQ(Code("Perché il treno è sempre in ritardo? Sto aspettando da un'ora alla stazione."),
            "it");
  EXPECT_EQ(Code("Почему поезд снова опаздывает? Я жду уже целый час на вокзале."), "ru");
}

TEST(DetectTest, DutchLookingTextIsNotTakenForARelative) {
  // CLD2 alone (best effort) calls the first three Afrikaans and the last German.
  EXPECT_EQ(Code("Weer vertraging"), "nl");
  EXPECT_EQ(Code("Jammer"), "nl");
  EXPECT_EQ(Code("flink uitbreidde"), "nl");
  EXPECT_EQ(Code("hallo?"), "nl");
  // The close-relative rule proper: CLD2's weak Afrikaans guess (normalized score ~700) is
  // discounted, so Dutch spelling decides. Without the discount CLD2's guess wins.
  EXPECT_EQ(Code("Goed initiatief culturele"), "nl");
  DetectOptions without_rule;
  without_rule.relative_discount = 1.0;
  EXPECT_EQ(Detect("Goed initiatief culturele", without_rule).code, "af");
  // Real Afrikaans still is Afrikaans.
  EXPECT_EQ(Code("Baie dankie vir die hulp, dit werk nou weer."), "af");
}

TEST(DetectTest, ConcurrentCallsAgree) {
  const std::vector<std::string> texts = {"niet blij", "thanks!", "Storing?",
                                          "Vielen Dank für die schnelle Hilfe", "😀"};
  std::vector<std::string> expected;
  for (const std::string& text : texts) expected.push_back(Code(text));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) mismatches[t] += Code(texts[i]) != expected[i];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace webcare::analysis::language
