#include "analysis/intent/intent.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace webcare::analysis::intent {
namespace {

using sentiment::SentimentLabel;

bool Nl(std::string_view text) { return IsQuestion(text, "nl"); }
bool En(std::string_view text) { return IsQuestion(text, "en"); }

sentiment::SentimentResult Fixed(SentimentLabel label, double score = 0) {
  sentiment::SentimentResult result;
  result.label = label;
  result.score = score;
  return result;
}
const sentiment::SentimentResult kNeutral = Fixed(SentimentLabel::kNeutral);

// Classifies with the sentiment module's real answer.
IntentResult Real(std::string_view text, std::string_view language) {
  return Classify(text, language, sentiment::Analyze(text, language));
}

TEST(IntentNameTest, Names) {
  EXPECT_EQ(IntentName(Intent::kQuestion), "question");
  EXPECT_EQ(IntentName(Intent::kComplaint), "complaint");
  EXPECT_EQ(IntentName(Intent::kPraise), "praise");
  EXPECT_EQ(IntentName(Intent::kInformation), "information");
}

TEST(IsQuestionTest, QuestionMarkEndingAClause) {
  EXPECT_TRUE(Nl("Werkt de app weer?"));
  EXPECT_TRUE(Nl("Werkt de app weer ?"));  // A space before the mark.
  EXPECT_TRUE(Nl("storing???"));
  EXPECT_TRUE(Nl("Ik heb een vraag? Over mijn pas."));
  EXPECT_TRUE(Nl("Storing in Utrecht?? ik sta hier al een uur"));
  EXPECT_TRUE(Nl("Kan dat？"));  // Full-width.
}

TEST(IsQuestionTest, MarksThatAskNothing) {
  EXPECT_FALSE(Nl("?!?"));                            // Decoration only.
  EXPECT_FALSE(Nl("😡?"));                             // No words.
  EXPECT_FALSE(Nl("https://ovpas.example/faq?x=1"));  // In a link.
  EXPECT_FALSE(Nl("Zie ovpas.example/faq?id=3 voor de regels"));
  EXPECT_FALSE(Nl("Alweer vertraging?!"));          // Exasperated, not asking.
  EXPECT_FALSE(Nl("Serieus? Alweer vertraging."));  // A rhetorical word alone.
  EXPECT_FALSE(En("Hello?? This is ridiculous."));
  EXPECT_FALSE(Nl("Vragen? Dan bel je ons gewoon."));  // A condition answered at once.
  EXPECT_FALSE(Nl("De trein vertrekt om 10:30."));
  EXPECT_FALSE(Nl(""));
}

TEST(IsQuestionTest, InterrogativeOpeningAClause) {
  EXPECT_TRUE(Nl("hoe check ik uit als ik overstap"));
  EXPECT_TRUE(Nl("Waarom werkt de app niet"));
  EXPECT_TRUE(Nl("wat kost een rit naar Zeist"));
  EXPECT_TRUE(Nl("Welke pas heb ik nodig"));
  EXPECT_TRUE(Nl("Hoeveel saldo moet erop staan"));
  EXPECT_TRUE(En("how do I check in on the tram"));
  EXPECT_TRUE(En("Where can I buy a card"));
  EXPECT_TRUE(En("which card do I need"));
  // After a comma, a greeting or a coordinator the clause starts again.
  EXPECT_TRUE(Nl("Ik snap het niet, waarom is mijn saldo leeg"));
  EXPECT_TRUE(Nl("Hoi! Hoe blokkeer ik mijn pas"));
  EXPECT_TRUE(Nl("Ik heb betaald maar waarom staat het er niet"));
  // After a preposition: "Tot welke leeftijd", "Met wie".
  EXPECT_TRUE(Nl("Tot welke leeftijd reizen kinderen gratis"));
  EXPECT_TRUE(Nl("Met wie spreek ik eigenlijk"));
  // Stretched for emphasis.
  EXPECT_TRUE(Nl("waaaarom werkt het niet"));
}

TEST(IsQuestionTest, InterrogativesThatDoNotAsk) {
  // Exclamations.
  EXPECT_FALSE(Nl("Wat een service vandaag"));
  EXPECT_FALSE(Nl("Wat fijn dat het werkt"));
  EXPECT_FALSE(En("What a mess this morning"));
  EXPECT_FALSE(En("How nice of you"));
  // Subordinate clauses.
  EXPECT_FALSE(Nl("Wanneer ik incheck krijg ik een foutmelding"));
  EXPECT_FALSE(En("When I tap in, the gate beeps red"));
  // Not at the start of a clause.
  EXPECT_FALSE(Nl("Ik weet niet wanneer de trein komt"));
  EXPECT_FALSE(En("First day with the card, let's see how it goes"));
  // A wh-word alone in its clause.
  EXPECT_FALSE(Nl("Waar! Helemaal mee eens."));
}

TEST(IsQuestionTest, VerbFirst) {
  EXPECT_TRUE(Nl("Kan ik met de app inchecken"));
  EXPECT_TRUE(Nl("Is er een storing bij de poortjes"));
  EXPECT_TRUE(Nl("Kunnen jullie mij helpen"));
  EXPECT_TRUE(Nl("Heeft de trein vertraging"));
  EXPECT_TRUE(Nl("Ga je mee naar Utrecht"));
  EXPECT_TRUE(Nl("Hoi OV-Pas, kan ik mijn pas ook in België gebruiken"));
  EXPECT_TRUE(Nl("Kan mijn vriendin mijn pas gebruiken"));
  EXPECT_TRUE(Nl("Was er vanochtend een storing"));
  EXPECT_TRUE(En("Can you help me with my card"));
  EXPECT_TRUE(En("Do you know when it is fixed"));
  EXPECT_TRUE(En("Is the app down"));
  EXPECT_TRUE(En("Does anyone know if it works on the ferry"));
}

TEST(IsQuestionTest, VerbFirstThatDoesNotAsk) {
  // Imperatives: a stem needs a pronoun to ask.
  EXPECT_FALSE(Nl("Doe het gewoon"));
  EXPECT_FALSE(Nl("Heb geduld"));
  EXPECT_FALSE(En("Have a nice day"));
  EXPECT_FALSE(En("Do the math"));
  // A report whose "ik" was dropped.
  EXPECT_FALSE(Nl("Kan mijn pas niet vinden"));
  EXPECT_FALSE(Nl("Kon mijn pas niet opwaarderen bij de automaat"));
  // Inversion after a fronted clause, and conditions.
  EXPECT_FALSE(Nl("Als je vragen hebt, kun je ons bellen"));
  EXPECT_FALSE(Nl("Heb je vragen, stuur ons dan een DM"));
  EXPECT_FALSE(Nl("Ben je je pas kwijt, dan kun je hem blokkeren"));
  // Inversion after a coordinator.
  EXPECT_FALSE(Nl("De trein is vertraagd en is er geen bus"));
}

TEST(IsQuestionTest, AskingAround) {
  EXPECT_TRUE(Nl("Iemand ook last van storingen vandaag"));
  EXPECT_FALSE(Nl("Iemand heeft mijn pas gevonden"));
  EXPECT_TRUE(En("Any update on my refund"));
  EXPECT_TRUE(En("anyone else having issues with the app"));
}

TEST(IsQuestionTest, AskingWithoutTheGrammarOfAQuestion) {
  EXPECT_TRUE(Nl("Ik vraag me af of mijn pas ook werkt in de nachtbus"));
  EXPECT_TRUE(Nl("Vraagje: ik reis met mijn oma mee"));
  EXPECT_TRUE(Nl("storing bij het inchecken of ligt het aan mij"));
  EXPECT_TRUE(En("I wonder if the monthly pass covers the airport bus"));
  EXPECT_TRUE(En("Quick question: the ferry to Texel"));
}

TEST(IsQuestionTest, OtherLanguagesUseBothLists) {
  EXPECT_TRUE(IsQuestion("Waarom werkt het niet", "und"));
  EXPECT_TRUE(IsQuestion("Why does it not work", "de"));
  EXPECT_FALSE(IsQuestion("Why does it not work", "nl"));  // Dutch lists only.
}

TEST(ClassifyTest, FrustrationMakesAComplaintEvenAsAQuestion) {
  const IntentResult r = Classify("Waarom werkt de app alweer niet?", "nl", kNeutral);
  EXPECT_EQ(r.intent, Intent::kComplaint);
  EXPECT_TRUE(r.is_question);
  EXPECT_EQ(r.cue, "complaint term 'alweer'");
  EXPECT_EQ(Classify("Nog steeds geen reactie op mijn mail", "nl", kNeutral).intent,
            Intent::kComplaint);
  EXPECT_EQ(Classify("Still waiting for my refund", "en", kNeutral).intent, Intent::kComplaint);
  EXPECT_EQ(Classify("Van het kastje naar de muur gestuurd", "nl", kNeutral).cue,
            "complaint phrase 'kastje naar de muur'");
}

TEST(ClassifyTest, CalmQuestionsAboutProblemsAreQuestions) {
  // The sentiment is negative only because of "storing".
  const IntentResult r = Real("Is er een storing bij de poortjes op Utrecht Centraal?", "nl");
  EXPECT_EQ(r.intent, Intent::kQuestion);
  EXPECT_EQ(r.cue, "verb first 'is'");
  EXPECT_EQ(Real("Inloggen lukt niet, wat moet ik doen?", "nl").intent, Intent::kQuestion);
  EXPECT_EQ(Real("Is there an outage right now?", "en").intent, Intent::kQuestion);
}

TEST(ClassifyTest, QuestionsThatAreNegativeBeyondTheProblemAreComplaints) {
  const IntentResult r = Real("Waarom is jullie service zo slecht?", "nl");
  EXPECT_EQ(r.intent, Intent::kComplaint);
  EXPECT_TRUE(r.is_question);
  EXPECT_EQ(r.cue, "negative sentiment");
}

TEST(ClassifyTest, ProblemReportsAreComplaints) {
  const IntentResult r = Classify("De app crasht bij het openen.", "nl", kNeutral);
  EXPECT_EQ(r.intent, Intent::kComplaint);
  EXPECT_FALSE(r.is_question);
  EXPECT_EQ(r.cue, "problem 'crasht'");
  EXPECT_EQ(Classify("Got charged twice for one trip", "en", kNeutral).intent, Intent::kComplaint);
  EXPECT_EQ(Classify("Mijn pas werkt sinds gisteren niet", "nl", kNeutral).cue,
            "problem 'werkt ~3 niet'");
}

TEST(ClassifyTest, ARepeatedProblemIsAComplaint) {
  EXPECT_EQ(Classify("weer een storing in Zwolle", "nl", kNeutral).intent, Intent::kComplaint);
  EXPECT_EQ(Classify("train delayed again this morning", "en", kNeutral).intent,
            Intent::kComplaint);
  // "weer" without a problem is no complaint.
  EXPECT_NE(Classify("De app werkt weer", "nl", kNeutral).intent, Intent::kComplaint);
}

TEST(ClassifyTest, DurationsComplainOnlyBesideAProblem) {
  EXPECT_EQ(Classify("Al twee weken geen reactie op mijn mail", "nl", kNeutral).intent,
            Intent::kComplaint);
  EXPECT_EQ(Classify("Ik test de nieuwe app al een week", "nl", kNeutral).intent,
            Intent::kInformation);
  EXPECT_EQ(Classify("The app crashes every time I open it", "en", kNeutral).cue,
            "duration 'every time'");
  EXPECT_NE(Classify("Tap in every time you board", "en", kNeutral).intent, Intent::kComplaint);
}

TEST(ClassifyTest, Sarcasm) {
  const auto positive = Fixed(SentimentLabel::kPositive, 0.6);
  EXPECT_EQ(Real("Geweldig, alweer vertraging 🙄", "nl").intent, Intent::kComplaint);
  // Praise beside an unresolved problem.
  EXPECT_EQ(Classify("Great job @ovpas, charging me twice for one trip", "en", positive).intent,
            Intent::kComplaint);
  EXPECT_EQ(Classify("Top service hoor, 40 minuten in de wacht", "nl", positive).intent,
            Intent::kComplaint);
  EXPECT_EQ(Classify("Bedankt voor niks", "nl", positive).cue,
            "complaint phrase 'bedankt voor niks'");
}

TEST(ClassifyTest, Praise) {
  const auto positive = Fixed(SentimentLabel::kPositive, 0.7);
  const IntentResult r = Classify("Bedankt voor de snelle hulp!", "nl", positive);
  EXPECT_EQ(r.intent, Intent::kPraise);
  EXPECT_EQ(r.cue, "praise 'bedankt'");
  EXPECT_EQ(Classify("Mooi weer vandaag", "nl", positive).cue, "positive sentiment");
  // Thanks for a problem that was solved is praise, not a complaint.
  EXPECT_EQ(Classify("Thanks for sorting out my refund so quickly", "en", positive).intent,
            Intent::kPraise);
  EXPECT_EQ(Classify("Geld terug ontvangen, dank je wel", "nl", positive).intent, Intent::kPraise);
  // A question with praise asks.
  EXPECT_EQ(Classify("Top app! Kan ik ook mijn reizen exporteren?", "nl", positive).intent,
            Intent::kQuestion);
}

TEST(ClassifyTest, RequestsAreQuestions) {
  const auto negative = Fixed(SentimentLabel::kNegative, -0.4);
  const IntentResult r = Classify("Ik ben mijn pas kwijt", "nl", negative);
  EXPECT_EQ(r.intent, Intent::kQuestion);
  EXPECT_FALSE(r.is_question);
  EXPECT_EQ(r.cue, "request 'kwijt'");
  EXPECT_EQ(Classify("Please cancel my subscription", "en", kNeutral).intent, Intent::kQuestion);
  // Found again: nothing left to do.
  EXPECT_EQ(Classify("Pas teruggevonden, niet meer blokkeren", "nl", kNeutral).intent,
            Intent::kInformation);
}

TEST(ClassifyTest, Information) {
  const auto negative = Fixed(SentimentLabel::kNegative, -0.6);
  EXPECT_EQ(Classify("Let op: storing bij de poortjes op Utrecht CS", "nl", negative).cue,
            "information marker 'let op'");
  EXPECT_EQ(Classify("Storing voorbij, inchecken werkt weer", "nl", negative).intent,
            Intent::kInformation);
  const IntentResult plain = Classify("De trein vertrekt om 10:30.", "nl", kNeutral);
  EXPECT_EQ(plain.intent, Intent::kInformation);
  EXPECT_EQ(plain.cue, "no question, complaint or praise");
  // Suggestions and pleasantries, though they contain praise words.
  const auto positive = Fixed(SentimentLabel::kPositive, 0.3);
  EXPECT_EQ(Classify("Zou fijn zijn als de app een donkere modus krijgt", "nl", positive).intent,
            Intent::kInformation);
  EXPECT_EQ(Classify("Graag gedaan, goede reis!", "nl", positive).intent, Intent::kInformation);
  EXPECT_EQ(Classify("Thanks for letting us know, we are looking into it", "en", positive).intent,
            Intent::kInformation);
}

TEST(ClassifyTest, NegativeStatementsAreComplaints) {
  const auto negative = Fixed(SentimentLabel::kNegative, -0.5);
  const IntentResult r = Classify("Wat een onvriendelijke medewerker vandaag", "nl", negative);
  EXPECT_EQ(r.intent, Intent::kComplaint);
  EXPECT_EQ(r.cue, "negative sentiment");
}

TEST(ClassifyTest, Tone) {
  // Shouting in capitals, "?!" and an impatient "nou" complain whatever the words.
  EXPECT_EQ(Classify("WAAROM WERKT DE APP NOOIT ALS IK HEM NODIG HEB", "nl", kNeutral).cue,
            "complaint: written in capitals");
  const IntentResult exasperated = Classify("Why is my card blocked?!", "en", kNeutral);
  EXPECT_EQ(exasperated.intent, Intent::kComplaint);
  EXPECT_TRUE(exasperated.is_question);
  EXPECT_EQ(Classify("Wat is het nou?", "nl", kNeutral).cue, "complaint: impatient 'nou'");
  // "Nou," opening a sentence is no impatience.
  EXPECT_EQ(Classify("Nou, hoe zit het met mijn pas?", "nl", kNeutral).intent, Intent::kQuestion);
}

TEST(ClassifyTest, NegatedResolutionsResolveNothing) {
  const auto positive = Fixed(SentimentLabel::kPositive, 0.3);
  EXPECT_EQ(Classify("Mijn refund is nog niet ontvangen, bedankt", "nl", positive).intent,
            Intent::kComplaint);
  EXPECT_EQ(Classify("Refund not received yet, thanks", "en", positive).intent, Intent::kComplaint);
}

TEST(ClassifyTest, CueIsStableStorage) {
  std::string text = "Waarom werkt de app alweer niet?";
  const IntentResult r = Classify(text, "nl", kNeutral);
  text.assign(text.size(), 'x');  // The cue does not point into the text.
  EXPECT_EQ(r.cue, "complaint term 'alweer'");
}

TEST(ClassifyTest, AnyBytes) {
  for (std::string_view text : {std::string_view("\xFF\xFE?"), std::string_view("\0?", 2),
                                std::string_view("a\xC3"), std::string_view("")}) {
    const IntentResult r = Classify(text, "nl", kNeutral);
    EXPECT_FALSE(r.is_question);
    EXPECT_EQ(r.intent, Intent::kInformation);
  }
}

}  // namespace
}  // namespace webcare::analysis::intent
