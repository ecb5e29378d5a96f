#include "analysis/sentiment/sentiment.h"

#include <cmath>
#include <string>

#include "analysis/sentiment/lexicon.h"
#include "analysis/sentiment/rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace webcare::analysis::sentiment {
namespace {

using ::testing::HasSubstr;

double Raw(std::string_view text, std::string_view language) { return Analyze(text, language).raw; }

SentimentLabel Label(std::string_view text, std::string_view language) {
  return Analyze(text, language).label;
}

// The explanation line whose token is `token`; fails the test when there is none.
Contribution Line(const SentimentResult& result, std::string_view token) {
  for (const Contribution& line : result.explanation) {
    if (line.token == token) return line;
  }
  ADD_FAILURE() << "no explanation line for \"" << token << "\"";
  return {};
}

constexpr double kGoed = 0.55 * kPatternScale;  // Pattern's "goed", on VADER's scale.
constexpr double kSlecht = -0.7 * kPatternScale;
constexpr double kW = kNegativeWeight;  // Applies to every negative contribution.

TEST(SentimentTest, LexiconWordsInBothLanguages) {
  EXPECT_NEAR(Raw("goed", "nl"), kGoed, 1e-6);
  EXPECT_NEAR(Raw("good", "en"), 1.9, 1e-6);
  EXPECT_EQ(Label("De service was goed", "nl"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("The service was bad", "en"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("De trein vertrekt om acht uur", "nl"), SentimentLabel::kNeutral);
  EXPECT_EQ(Label("The train leaves at eight", "en"), SentimentLabel::kNeutral);
}

TEST(SentimentTest, NegationFlipsAndDampens) {
  const SentimentResult niet_goed = Analyze("niet goed", "nl");
  EXPECT_NEAR(niet_goed.raw, kGoed * kNegationFactor * kW, 1e-6);
  const Contribution line = Line(niet_goed, "niet goed");
  EXPECT_EQ(line.rule, "lexicon+negation+negative-weight");
  EXPECT_EQ(line.source, "pattern");
  EXPECT_EQ(niet_goed.label, SentimentLabel::kNegative);
  EXPECT_NEAR(Raw("not good", "en"), 1.9 * kNegationFactor * kW, 1e-6);
  EXPECT_LT(Raw("isn't good", "en"), 0);
  EXPECT_LT(Raw("I don’t like it", "en"), 0);
  // Within three tokens, and not across a clause.
  EXPECT_LT(Raw("niet zo heel goed", "nl"), 0);
  EXPECT_GT(Raw("niet, goed", "nl"), 0);
  EXPECT_GT(Raw("geen probleem", "nl"), 0);
  EXPECT_GT(Raw("no problem", "en"), 0);
}

TEST(SentimentTest, NegatedNegativeIsNotNegative) {
  EXPECT_NE(Label("niet slecht", "nl"), SentimentLabel::kNegative);
  EXPECT_NEAR(Raw("niet slecht", "nl"), kSlecht * kNegationFactor, 1e-6);
  EXPECT_NE(Label("not bad", "en"), SentimentLabel::kNegative);
  EXPECT_NE(Label("Eerlijk gezegd helemaal niet slecht", "nl"), SentimentLabel::kNegative);
}

TEST(SentimentTest, IntensifiersAndDowntoners) {
  EXPECT_NEAR(Raw("heel goed", "nl"), kGoed + kBoost, 1e-6);
  EXPECT_NEAR(Raw("erg slecht", "nl"), (kSlecht - kBoost) * kW, 1e-6);
  EXPECT_EQ(Line(Analyze("erg slecht", "nl"), "erg slecht").rule,
            "lexicon+intensifier+negative-weight");
  EXPECT_NEAR(Raw("very good", "en"), 1.9 + kBoost, 1e-6);
  EXPECT_GT(Raw("really bad", "en"), -10);
  EXPECT_LT(Raw("really bad", "en"), Raw("bad", "en"));
  EXPECT_NEAR(Raw("een beetje slecht", "nl"), (kSlecht - kDampen) * kW, 1e-6);
  EXPECT_EQ(Line(Analyze("een beetje slecht", "nl"), "een beetje slecht").rule,
            "lexicon+downtoner+negative-weight");
  EXPECT_NEAR(Raw("slightly bad", "en"), (-2.5 - kDampen) * kW, 1e-6);
  EXPECT_NEAR(Raw("a bit bad", "en"), (-2.5 - kDampen) * kW, 1e-6);
  EXPECT_LT(std::abs(Raw("best wel goed", "nl")), kGoed);
  // A booster two tokens away counts a little less (VADER's decay).
  EXPECT_NEAR(Raw("very very good", "en"), 1.9 + kBoost + kBoost * 0.95, 1e-6);
  // Pattern's intense adjectives boost the next word.
  EXPECT_GT(Raw("vreselijk leuk", "nl"), 0);
}

TEST(SentimentTest, IntensifierWithoutSentimentWordIsNeutral) {
  EXPECT_EQ(Label("echt niet", "nl"), SentimentLabel::kNeutral);
  EXPECT_EQ(Label("really?", "en"), SentimentLabel::kNeutral);
  // ...except the few with a sentiment of their own.
  EXPECT_EQ(Label("super!", "nl"), SentimentLabel::kPositive);
}

TEST(SentimentTest, ContrastWeighsTheSecondPart) {
  const SentimentResult maar = Analyze("Het personeel is vriendelijk maar de app is slecht", "nl");
  EXPECT_EQ(maar.label, SentimentLabel::kNegative);
  EXPECT_THAT(Line(maar, "vriendelijk").rule, HasSubstr("contrast"));
  EXPECT_NEAR(Line(maar, "slecht").contribution, kSlecht * kAfterContrast * kW, 1e-6);
  const SentimentResult but = Analyze("The food was bad but the staff were great", "en");
  EXPECT_EQ(but.label, SentimentLabel::kPositive);
  EXPECT_NEAR(Line(but, "bad").contribution, -2.5 * kBeforeContrast * kW, 1e-6);
  // A sentence that starts with "Maar" weighs down the one before it.
  const SentimentResult next = Analyze("Snel geleverd. Maar het werkt slecht.", "nl");
  EXPECT_LT(next.raw, 0);
}

TEST(SentimentTest, AllCapsAmplifiesOnlyAmongLowerCase) {
  EXPECT_NEAR(Raw("dit is SLECHT", "nl"), (kSlecht - kCapsBoost) * kW, 1e-6);
  EXPECT_EQ(Line(Analyze("dit is SLECHT", "nl"), "SLECHT").rule, "lexicon+caps+negative-weight");
  EXPECT_NEAR(Raw("this is GREAT", "en"), 3.1 + kCapsBoost, 1e-6);
  // When everything is in capitals, nothing stands out.
  EXPECT_NEAR(Raw("DIT IS SLECHT", "nl"), kSlecht * kW, 1e-6);
}

TEST(SentimentTest, ElongationIsFoundAndAmplifies) {
  EXPECT_NEAR(Raw("goeeeed", "nl"), kGoed + kElongationBoost, 1e-6);
  EXPECT_EQ(Line(Analyze("goeeeed", "nl"), "goeeeed").rule, "lexicon+elongation");
  EXPECT_NEAR(Raw("goooood", "en"), 1.9 + kElongationBoost, 1e-6);
  EXPECT_NEAR(Raw("heeeeel goed", "nl"), kGoed + kBoost, 1e-6);
  EXPECT_GT(Raw("sooo good", "en"), 1.9);
}

TEST(SentimentTest, ExclamationMarksAmplifyUpToFour) {
  EXPECT_NEAR(Raw("goed!", "nl"), kGoed + kExclamationBoost, 1e-6);
  EXPECT_NEAR(Raw("slecht!!", "nl"), kSlecht * kW - 2 * kExclamationBoost, 1e-6);
  EXPECT_NEAR(Raw("bad!!!!!!!", "en"), -2.5 * kW - 4 * kExclamationBoost, 1e-6);
  EXPECT_EQ(Line(Analyze("bad!!", "en"), "!!").rule, "exclamation");
  // Without a sentiment word there is nothing to amplify.
  EXPECT_EQ(Analyze("Waar blijft de trein!!!", "nl").raw, 0);
}

TEST(SentimentTest, QuestionMarksLikeVader) {
  EXPECT_NEAR(Raw("good?", "en"), 1.9, 1e-6);  // One question mark: nothing.
  EXPECT_NEAR(Raw("good??", "en"), 1.9 + 2 * kQuestionBoost, 1e-6);
  EXPECT_NEAR(Raw("slecht????", "nl"), kSlecht * kW - kManyQuestionsBoost, 1e-6);
}

TEST(SentimentTest, EmojiOnlyPosts) {
  const SentimentResult angry = Analyze("😡😡", "nl");
  EXPECT_EQ(angry.label, SentimentLabel::kNegative);
  ASSERT_EQ(angry.explanation.size(), 2u);
  EXPECT_EQ(angry.explanation[0].rule, "emoji+negative-weight");
  EXPECT_EQ(angry.explanation[0].source, "webcare");
  EXPECT_EQ(Label("😡😡", "en"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("👍", "en"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("❤️🙏", "nl"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("👍🏽", "nl"), SentimentLabel::kPositive);       // Skin tone.
  EXPECT_EQ(Label("🤦‍♀️", "nl"), SentimentLabel::kNegative);  // Joined sequence.
}

TEST(SentimentTest, Emoticons) {
  EXPECT_EQ(Label("Nog steeds geen wifi in de trein :(", "nl"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("Thanks for the help :)", "en"), SentimentLabel::kPositive);
  EXPECT_EQ(Line(Analyze("ok :-(", "nl"), ":-(").rule, "emoticon+negative-weight");
  EXPECT_EQ(Label(":D", "nl"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("dankjewel;)", "nl"), SentimentLabel::kPositive);
}

TEST(SentimentTest, PhrasesBeforeWords) {
  const SentimentResult kastje = Analyze("Ik word van het kastje naar de muur gestuurd", "nl");
  EXPECT_EQ(kastje.label, SentimentLabel::kNegative);
  EXPECT_EQ(Line(kastje, "kastje naar de muur").rule, "phrase+negative-weight");
  EXPECT_EQ(Label("Top geholpen door Sanne", "nl"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("Weer dubbel afgeschreven deze maand", "nl"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("De poortjes werken niet op Utrecht Centraal", "nl"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("Still waiting for my refund", "en"), SentimentLabel::kNegative);
  // A phrase ending in a negation leaves it to the word after it.
  const SentimentResult werkt = Analyze("het werkt niet goed", "nl");
  EXPECT_LT(werkt.raw, 0);
  EXPECT_EQ(Line(werkt, "niet goed").rule, "lexicon+negation+negative-weight");
}

TEST(SentimentTest, WebcareTerms) {
  EXPECT_EQ(Label("opgelost, dank!", "nl"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("Alweer een storing bij de NS", "nl"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("Wachttijd van een uur aan de telefoon", "nl"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("Worst airline ever", "en"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("Internetstoring in Utrecht", "nl"), SentimentLabel::kNegative);
}

TEST(SentimentTest, HashtagsCountAsTheirWord) {
  const SentimentResult fail = Analyze("Trein weer te laat #fail", "nl");
  EXPECT_EQ(fail.label, SentimentLabel::kNegative);
  EXPECT_EQ(Line(fail, "#fail").rule, "hashtag+negative-weight");
  EXPECT_EQ(Label("#blij met de nieuwe app", "nl"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("#awesome support", "en"), SentimentLabel::kPositive);
}

TEST(SentimentTest, MentionsAndUrlsAreIgnored) {
  EXPECT_EQ(Analyze("@slecht https://goed.nl/super", "nl").raw, 0);
  EXPECT_EQ(Analyze("@bad www.great.com", "en").raw, 0);
}

TEST(SentimentTest, DutchAccentsAndInflections) {
  EXPECT_GT(Raw("Wat een mooie dag", "nl"), 0);  // Inflected: "mooie" -> "mooi".
  EXPECT_EQ(Line(Analyze("mooie", "nl"), "mooie").rule, "inflection");
  EXPECT_LT(Raw("de slechtste service", "nl"), 0);
  EXPECT_EQ(Raw("GEËMOTIONEERD", "nl"), Raw("geëmotioneerd", "nl"));
  EXPECT_EQ(Raw("geemotioneerd", "nl"), Raw("geëmotioneerd", "nl"));
  EXPECT_GT(Raw("supergoed", "nl"), kGoed);
  EXPECT_LT(Raw("kutservice", "nl"), 0);
}

TEST(SentimentTest, OtherLanguagesUseBothLexiconsDutchFirst) {
  EXPECT_GT(Raw("goed", "de"), 0);
  EXPECT_GT(Raw("good", "de"), 0);
  EXPECT_GT(Raw("good", ""), 0);
  EXPECT_EQ(Label("storing", "und"), SentimentLabel::kNegative);
  // English words are not looked up for Dutch ("die" means "that").
  EXPECT_EQ(Raw("die", "nl"), 0);
  EXPECT_LT(Raw("die", "en"), 0);
}

TEST(SentimentTest, LikeAsPrepositionIsNeutral) {
  EXPECT_EQ(Raw("It looks like rain", "en"), 0);
  EXPECT_GT(Raw("I like it", "en"), 0);
  EXPECT_EQ(Label("I really like it", "en"), SentimentLabel::kPositive);
}

TEST(SentimentTest, NegativeExpressionsWeighMore) {
  EXPECT_NEAR(Raw("slecht", "nl"), kSlecht * kNegativeWeight, 1e-6);
  EXPECT_NEAR(Raw("bad", "en"), -2.5 * kNegativeWeight, 1e-6);
  // After negation, as in SO-CAL: "niet slecht" is positive and not weighted.
  EXPECT_NEAR(Raw("niet slecht", "nl"), kSlecht * kNegationFactor, 1e-6);
}

TEST(SentimentTest, DutchTeBeforeAnAdjectiveIsAComplaint) {
  const SentimentResult te = Analyze("Het boek was te makkelijk", "nl");
  EXPECT_LT(te.raw, 0);
  EXPECT_THAT(te.explanation[0].rule, HasSubstr("excess"));
  EXPECT_LT(Raw("te traag", "nl"), Raw("traag", "nl"));
  // ...but "te ... om" and "te ... voor woorden" praise, and "te" + verb is the infinitive.
  EXPECT_GT(Raw("te leuk om weg te leggen", "nl"), 0);
  EXPECT_GT(Raw("te mooi voor woorden", "nl"), 0);
  EXPECT_EQ(Label("te gek!", "nl"), SentimentLabel::kPositive);
}

TEST(SentimentTest, PhrasesWithAGapForSeparableVerbs) {
  const SentimentResult tegen = Analyze("Dat viel me erg tegen", "nl");
  EXPECT_EQ(tegen.label, SentimentLabel::kNegative);
  EXPECT_EQ(Line(tegen, "viel me erg tegen").rule, "phrase+intensifier+negative-weight");
  EXPECT_GT(Raw("Het valt me niet tegen", "nl"), 0);  // Negation in the gap.
  EXPECT_EQ(Label("Ik raad het iedereen aan", "nl"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("De app werkt nog steeds niet", "nl"), SentimentLabel::kNegative);
  // The gap stays within a clause and within four tokens.
  EXPECT_EQ(Raw("valt, tegen", "nl"), 0);
  EXPECT_EQ(Raw("valt a b c d e tegen", "nl"), 0);
}

TEST(SentimentTest, NeverSoIntensifies) {
  EXPECT_LT(Raw("Nog nooit zo'n slechte service gehad", "nl"), 0);
  EXPECT_GT(Raw("never so happy", "en"), 0);
}

TEST(SentimentTest, SalutationIsNoPraise) {
  EXPECT_EQ(Raw("Beste NS, de trein vertrekt niet", "nl"), 0);
  EXPECT_EQ(Raw("Dear Delta, where is my bag", "en"), 0);
  EXPECT_GT(Raw("de beste service", "nl"), 0);
}

TEST(SentimentTest, DutchPartitiveAndFalseInflections) {
  EXPECT_GT(Raw("iets moois", "nl"), 0);
  EXPECT_EQ(Raw("slechts twee", "nl"), 0);  // "slechts" is "only", not "slecht".
  EXPECT_EQ(Raw("ik moest wachten", "nl"), Raw("ik wachten", "nl"));  // Not "moe" + "-st".
  EXPECT_EQ(Raw("verwachten", "nl"), 0);  // Not a compound of "wachten".
}

TEST(SentimentTest, MildWordsAloneStayNeutral) {
  // Requests with one mildly positive word are not praise.
  EXPECT_EQ(Label("Can you please check my order", "en"), SentimentLabel::kNeutral);
  EXPECT_EQ(Label("hopelijk morgen", "nl"), SentimentLabel::kNeutral);
  EXPECT_EQ(Label("good", "en"), SentimentLabel::kPositive);
}

TEST(SentimentTest, ExplanationSumsToRawAndScoreIsNormalised) {
  const char* const texts[] = {
      "Niet goed, maar ook NIET slecht!!! 😡 :) #fail heeeel erg blij??",
      "The app is not bad but the wait is sooo long and still waiting :( 👍🏽",
      "Top geholpen, dank je wel! Maar de wachttijd... 🙄",
      "",
  };
  for (const char* text : texts) {
    for (std::string_view language : {"nl", "en", "fr"}) {
      const SentimentResult result = Analyze(text, language);
      double sum = 0;
      for (const Contribution& line : result.explanation) sum += line.contribution;
      EXPECT_NEAR(sum, result.raw, 1e-9) << text;
      EXPECT_NEAR(result.score, result.raw / std::sqrt(result.raw * result.raw + kAlpha), 1e-9);
      EXPECT_GE(result.score, -1.0);
      EXPECT_LE(result.score, 1.0);
      EXPECT_EQ(result.label, LabelForScore(result.score, language));
    }
  }
}

TEST(SentimentTest, ScoreStaysInBoundsForExtremeText) {
  std::string furious;
  for (int i = 0; i < 2000; ++i) furious += "WAARDELOOS 😡 ";
  furious += "!!!!!!!!";
  const SentimentResult result = Analyze(furious, "nl");
  EXPECT_GE(result.score, -1.0);
  EXPECT_LT(result.score, -0.99);
  EXPECT_EQ(result.label, SentimentLabel::kNegative);
}

TEST(SentimentTest, EmptyAndWhitespaceTextIsNeutral) {
  for (std::string_view text : {"", "   ", "\n", "...", "@user https://x.nl"}) {
    const SentimentResult result = Analyze(text, "nl");
    EXPECT_EQ(result.score, 0) << text;
    EXPECT_EQ(result.label, SentimentLabel::kNeutral);
    EXPECT_TRUE(result.explanation.empty());
  }
}

TEST(SentimentTest, IllFormedUtf8DoesNotCrashAndExplanationsStayValid) {
  const std::string text =
      std::string("slecht\xff\xfe goed\xc3 \xe2\x82\xac\xed\xa0\x80 \xf4\x90\x80\x80 😡\xf0\x9f");
  for (std::string_view language : {"nl", "en", "xx"}) {
    const SentimentResult result = Analyze(text, language);
    for (const Contribution& line : result.explanation) {
      EXPECT_EQ(line.token.find('\xff'), std::string::npos);
      EXPECT_EQ(line.token.find('\xc3'), std::string::npos);
    }
  }
  EXPECT_LT(Analyze(text, "nl").raw, 0);
  // Every single byte value on its own.
  for (int byte = 0; byte < 256; ++byte) {
    const std::string one(1, static_cast<char>(byte));
    (void)Analyze(one, "nl");
    (void)Analyze(one + "goed" + one + one + "😡", "en");
  }
}

TEST(SentimentTest, LabelNames) {
  EXPECT_EQ(LabelName(SentimentLabel::kNegative), "negative");
  EXPECT_EQ(LabelName(SentimentLabel::kNeutral), "neutral");
  EXPECT_EQ(LabelName(SentimentLabel::kPositive), "positive");
}

}  // namespace
}  // namespace webcare::analysis::sentiment
