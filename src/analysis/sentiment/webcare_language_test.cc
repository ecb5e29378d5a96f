// The webcare-language rules (sarcasm, calm questions about an outage, resolved outages) and
// the terms added for app problems, billing errors and words that the published lexicons score
// for another sense. Each expectation fails without the rule or term it names.

#include <cmath>
#include <string>
#include <string_view>

#include "analysis/sentiment/lexicon.h"
#include "analysis/sentiment/rules.h"
#include "analysis/sentiment/sentiment.h"
#include "analysis/sentiment/tokenizer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace webcare::analysis::sentiment {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr double kW = kNegativeWeight;

double Raw(std::string_view text, std::string_view language) { return Analyze(text, language).raw; }

SentimentLabel Label(std::string_view text, std::string_view language) {
  return Analyze(text, language).label;
}

// All rules of the explanation, joined, to see which ones applied.
std::string Rules(std::string_view text, std::string_view language) {
  std::string out;
  for (const Contribution& line : Analyze(text, language).explanation) out += line.rule + " ";
  return out;
}

void ExpectSumsToRaw(std::string_view text, std::string_view language) {
  const SentimentResult result = Analyze(text, language);
  double sum = 0;
  for (const Contribution& line : result.explanation) sum += line.contribution;
  EXPECT_EQ(sum, result.raw) << text;
  EXPECT_NEAR(result.score, result.raw / std::sqrt(result.raw * result.raw + kAlpha), 1e-12);
}

TEST(WebcareLanguageTest, AppProblemsAreComplaints) {
  for (std::string_view text : {"De app crasht",
                                "de app blijft crashen",
                                "is weer gecrasht",
                                "na de update een crash",
                                "de app is onbruikbaar",
                                "steeds uitgelogd",
                                "de app hangt",
                                "ik krijg een foutmelding",
                                "alleen maar foutmeldingen",
                                "waarom werkt de app nooit",
                                "de app werkt niet meer",
                                "hij doet het nog steeds niet",
                                "nog steeds niet ontvangen",
                                "dit klopt niet",
                                "klopt de factuur niet",
                                "het gaat mis bij inchecken",
                                "het ging mis",
                                "ik ben er klaar mee",
                                "in de wachtrij",
                                "pas niet ontvangen",
                                "geen nieuwe pas ontvangen",
                                "twee keer het bedrag afgeschreven"}) {
    EXPECT_LT(Raw(text, "nl"), 0) << text;
  }
  for (std::string_view text :
       {"the app is still down", "your website has been down all day", "the site went down",
        "down again", "the app keeps crashing", "it is crashing", "it crashes", "it crashed",
        "a gate that won't open", "charging me twice", "you charged me twice", "still no refund",
        "still no answer"}) {
    EXPECT_LT(Raw(text, "en"), 0) << text;
  }
  // Exact where a published lexicon already leans negative, so that the phrase is what counts.
  EXPECT_NEAR(Raw("het ging mis", "nl"), -1.2 * kW, 1e-6);
  EXPECT_NEAR(Raw("het gaat mis", "nl"), -1.2 * kW, 1e-6);
  EXPECT_NEAR(Raw("dit klopt niet", "nl"), -1.5 * kW, 1e-6);
  EXPECT_NEAR(Raw("ik ben er klaar mee", "nl"), -2.2 * kW, 1e-6);
  EXPECT_NEAR(Raw("de app werkt niet meer", "nl"), -2.0 * kW, 1e-6);
  EXPECT_NEAR(Raw("the app keeps crashing", "en"), -2.2 * kW, 1e-6);
  EXPECT_NEAR(Raw("still no update", "en"), -1.5 * kW, 1e-6);
  EXPECT_NEAR(Raw("still no refund", "en"), -2.0 * kW, 1e-6);  // "no refund" is the longer match.
  EXPECT_NEAR(Raw("no refund", "en"), -2.0 * kW, 1e-6);
  // "hangt ... af" is "depends on", no complaint.
  EXPECT_EQ(Raw("dat hangt van het tarief af", "nl"), 0);
}

TEST(WebcareLanguageTest, SarcasticThanksIsNegative) {
  EXPECT_NEAR(Raw("Bedankt voor niks", "nl"), -2.8 * kW, 1e-6);
  EXPECT_NEAR(Raw("bedankt voor niets", "nl"), -2.8 * kW, 1e-6);
  EXPECT_NEAR(Raw("dank voor niks", "nl"), -2.8 * kW, 1e-6);
  EXPECT_NEAR(Raw("thanks for nothing", "en"), -2.8 * kW, 1e-6);
  EXPECT_NEAR(Raw("Oh great", "en"), -1.5 * kW, 1e-6);
}

TEST(WebcareLanguageTest, WordsScoredForAnotherSense) {
  // Lost cards, empty balances, new cards, doormats: facts, not feelings.
  EXPECT_NEAR(Raw("kwijt", "nl"), -0.8 * kW, 1e-6);
  EXPECT_NEAR(Raw("leeg", "nl"), -0.6 * kW, 1e-6);
  EXPECT_NEAR(Raw("mis", "nl"), -0.4 * kW, 1e-6);
  EXPECT_NEAR(Raw("druk", "nl"), -0.3 * kW, 1e-6);
  EXPECT_NEAR(Raw("bereikbaar", "nl"), 0.3, 1e-6);
  for (std::string_view text :
       {"op de mat", "een nieuwe pas", "een zakelijke pas", "Met vriendelijke groet",
        "vriendelijke groeten", "de tijd is voorbij", "wat raden jullie aan",
        "wat raad je me aan"}) {
    EXPECT_EQ(Analyze(text, "nl").explanation.size(), 0u) << text;
  }
  for (std::string_view text : {"customer support", "top up my card", "my credit card", "Honestly",
                                "Kind regards", "Best regards", "Warm regards"}) {
    EXPECT_EQ(Raw(text, "en"), 0) << text;
  }
  EXPECT_NEAR(Raw("alvast bedankt", "nl"), 0.5, 1e-6);
  EXPECT_NEAR(Raw("thanks in advance", "en"), 0.5, 1e-6);
  // "te druk" stays a complaint, "niet bereikbaar" too.
  EXPECT_NEAR(Raw("te druk", "nl"), -1.0 * kW, 1e-6);
  EXPECT_LT(Raw("niet bereikbaar", "nl"), 0);
}

TEST(WebcareLanguageTest, CalmQuestionAboutAnOutageIsNeutral) {
  const SentimentResult result = Analyze("Is er een storing bij de NS?", "nl");
  EXPECT_NEAR(result.raw, -2.0 * kQuestionTopicFactor * kW, 1e-6);
  EXPECT_THAT(Rules("Is er een storing bij de NS?", "nl"), HasSubstr("+question"));
  EXPECT_EQ(result.label, SentimentLabel::kNeutral);
  // By a compound's head, and in English.
  EXPECT_EQ(Label("Is het een internetstoring of ligt het aan mij?", "nl"),
            SentimentLabel::kNeutral);
  EXPECT_EQ(Label("Any news on the outage at the station?", "en"), SentimentLabel::kNeutral);
  // Only in the question sentence.
  EXPECT_THAT(Rules("Weer een storing. Wanneer rijdt de trein?", "nl"),
              Not(HasSubstr("+question")));
  // Not calm: '!', "??", impatience, a bare "storing?", another negative word stays.
  EXPECT_EQ(Label("Is er een storing bij de NS?!", "nl"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("Is er een storing bij de NS??", "nl"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("Is er alweer een storing bij de NS?", "nl"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("Wanneer is de storing eindelijk over?", "nl"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("Is the outage still not fixed?", "en"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("storing?", "nl"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("Waarom is die storing zo belachelijk lang?", "nl"), SentimentLabel::kNegative);
  ExpectSumsToRaw("Is er een storing bij de NS?", "nl");
}

TEST(WebcareLanguageTest, AResolvedOutageIsNews) {
  EXPECT_THAT(Rules("De storing is voorbij, inchecken werkt weer.", "nl"), HasSubstr("+resolved"));
  EXPECT_EQ(Label("Storing bij OV-Pas voorbij: iedereen kan weer inchecken.", "nl"),
            SentimentLabel::kNeutral);
  // A resolution asked about is none.
  EXPECT_THAT(Rules("Is de storing al voorbij? Ik sta te wachten.", "nl"),
              Not(HasSubstr("+resolved")));
  ExpectSumsToRaw("De storing is voorbij, inchecken werkt weer.", "nl");
}

TEST(WebcareLanguageTest, PraiseWithAnIronyMarkerIsSarcasm) {
  EXPECT_EQ(Label("Geweldig, alweer vertraging 🙄", "nl"), SentimentLabel::kNegative);
  EXPECT_THAT(Rules("Geweldig, alweer vertraging", "nl"), HasSubstr("lexicon+sarcasm"));
  EXPECT_EQ(Label("Echt top dit. Bedankt voor niks", "nl"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("Love waiting at a gate that won't open. Thanks 🙃", "en"),
            SentimentLabel::kNegative);
  EXPECT_EQ(Label("Perfect, the card reader is broken yet again", "en"), SentimentLabel::kNegative);
  // "alweer" is also "already": with nothing to be ironic about, praise is praise.
  EXPECT_EQ(Label("Ik heb het boek alweer uit, geweldig", "nl"), SentimentLabel::kPositive);
  ExpectSumsToRaw("Geweldig, alweer vertraging 🙄", "nl");
}

TEST(WebcareLanguageTest, StrongPraiseOfAFailingServiceIsSarcasm) {
  EXPECT_EQ(Label("Top service hoor, 40 minuten in de wacht en dan opgehangen worden 👍", "nl"),
            SentimentLabel::kNegative);
  EXPECT_EQ(Label("Prachtig. Drie poortjes, drie storingen.", "nl"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("Great job, charging me twice for the same trip 👏", "en"),
            SentimentLabel::kNegative);
  // Thanks and emoji are no exaggeration: sincere thanks for outage news stays positive.
  EXPECT_EQ(Label("Bedankt voor de update over de storing 👍", "nl"), SentimentLabel::kPositive);
  // A solved problem makes praise sincere.
  EXPECT_EQ(Label("Geweldig, de storing is snel opgelost!", "nl"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("Great, the outage is fixed", "en"), SentimentLabel::kPositive);
  // A delay or waiting alone is no failure of the service: reviews praise and mention them.
  EXPECT_EQ(Label("Geweldig boek, wel lang moeten wachten op de levering", "nl"),
            SentimentLabel::kPositive);
  ExpectSumsToRaw("Top service hoor, 40 minuten in de wacht en dan opgehangen worden 👍", "nl");
}

TEST(WebcareLanguageTest, SituationWords) {
  const TokenizedText text = Tokenize("de internetstoring in de wacht lost charged me twice");
  const auto& t = text.tokens;
  EXPECT_EQ(SituationOf(t, 1, 2, "compound"), Situation::kFailure);
  EXPECT_EQ(SituationOf(t, 1, 2, "lexicon"), Situation::kNone);
  EXPECT_EQ(SituationOf(t, 2, 5, "phrase"), Situation::kFailure);
  EXPECT_EQ(SituationOf(t, 5, 6, "lexicon"), Situation::kTopic);
  EXPECT_EQ(SituationOf(t, 6, 9, "phrase"), Situation::kFailure);
  EXPECT_EQ(SituationOf(t, 0, 1, "lexicon"), Situation::kNone);
}

TEST(WebcareLanguageTest, QuestionSentences) {
  const std::string_view text = "Storing. Is er een storing? Ja";
  const TokenizedText tokenized = Tokenize(text);
  EXPECT_FALSE(SentenceIsQuestion(text, tokenized.tokens, 0));
  EXPECT_TRUE(SentenceIsQuestion(text, tokenized.tokens, 1));
  EXPECT_TRUE(SentenceIsQuestion(text, tokenized.tokens, 4));
  EXPECT_FALSE(SentenceIsQuestion(text, tokenized.tokens, 5));
}

}  // namespace
}  // namespace webcare::analysis::sentiment
