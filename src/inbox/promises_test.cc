#include "inbox/promises.h"

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"

namespace webcare::inbox {
namespace {

// Monday 23 November 2026, 10:15 in a zone one hour east of UTC (Dutch winter time).
const absl::TimeZone kZone = absl::FixedTimeZone(3600);
const base::Micros kNow = absl::ToUnixMicros(absl::FromCivil(absl::CivilSecond(2026, 11, 23, 10, 15, 0), kZone));

base::Micros At(int day, int hour, int minute = 0) {
  return absl::ToUnixMicros(absl::FromCivil(absl::CivilSecond(2026, 11, day, hour, minute, 0), kZone));
}

Promise Only(std::string_view text) {
  const auto promises = DetectPromises(text, kNow, kZone);
  EXPECT_EQ(promises.size(), 1u) << text;
  return promises.empty() ? Promise{} : promises.front();
}

void ExpectNone(std::string_view text) {
  EXPECT_TRUE(DetectPromises(text, kNow, kZone).empty()) << text;
}

TEST(PromisesTest, DutchCallBackTomorrow) {
  const Promise promise = Only("Vervelend! We bellen u morgen terug.");
  EXPECT_EQ(promise.sentence, "We bellen u morgen terug");
  EXPECT_EQ(promise.kind, core::FollowUpKind::kCall);
  EXPECT_TRUE(promise.time_stated);
  EXPECT_EQ(promise.when, "morgen");
  EXPECT_EQ(promise.due_at, At(24, 9));
}

TEST(PromisesTest, EnglishCallBackWithinAnHour) {
  const Promise promise = Only("Sorry for the trouble. I'll call you back within an hour ^MB");
  EXPECT_EQ(promise.kind, core::FollowUpKind::kCall);
  EXPECT_EQ(promise.when, "within an hour");
  EXPECT_EQ(promise.due_at, kNow + 3600 * base::kMicrosPerSecond);
}

TEST(PromisesTest, DutchVerbFirstWithClockTime) {
  const Promise promise = Only("Morgen om 10 uur nemen we contact met je op.");
  EXPECT_EQ(promise.kind, core::FollowUpKind::kFollowUp);
  EXPECT_EQ(promise.due_at, At(24, 10));
  EXPECT_EQ(promise.when, "morgen om 10 uur");
}

TEST(PromisesTest, DutchHalfPastIsTheHourBefore) {
  EXPECT_EQ(Only("Ik bel je vanmiddag om half 3.").due_at, At(23, 14, 30));
}

TEST(PromisesTest, PartsOfTheDay) {
  EXPECT_EQ(Only("We komen er vanmiddag op terug.").due_at, At(23, 14));
  EXPECT_EQ(Only("We'll get back to you tomorrow afternoon.").due_at, At(24, 14));
  EXPECT_EQ(Only("We sturen u morgenochtend een mail.").due_at, At(24, 9));
  EXPECT_EQ(Only("Ik laat het je vandaag nog weten").due_at, At(23, 17));
}

TEST(PromisesTest, DurationsInBothLanguages) {
  EXPECT_EQ(Only("Binnen 2 werkdagen laten we het u weten.").due_at, kNow + 48LL * 3600 * base::kMicrosPerSecond);
  EXPECT_EQ(Only("We houden je binnen een half uur op de hoogte.").due_at, kNow + 1800LL * base::kMicrosPerSecond);
  EXPECT_EQ(Only("Over een kwartier bel ik je.").due_at, kNow + 900LL * base::kMicrosPerSecond);
  EXPECT_EQ(Only("We will email you in 3 hours.").due_at, kNow + 3LL * 3600 * base::kMicrosPerSecond);
}

TEST(PromisesTest, WeekdaysAndDeadlines) {
  // Said on Monday: Friday is this week's; "by Friday" is the end of that day.
  EXPECT_EQ(Only("We will update you by Friday.").due_at, At(27, 17));
  EXPECT_EQ(Only("Een collega belt u donderdag.").due_at, At(26, 9));
  EXPECT_EQ(Only("Uiterlijk woensdag sturen we de nieuwe factuur.").due_at, At(25, 17));
  EXPECT_EQ(Only("I will check with our engineers next week.").due_at, At(30, 9));
}

TEST(PromisesTest, AClockTimeThatHasPassedMeansTomorrow) {
  EXPECT_EQ(Only("I'll call you at 9am.").due_at, At(24, 9));
  EXPECT_EQ(Only("I'll call you at 4pm.").due_at, At(23, 16));
  EXPECT_EQ(Only("We bellen je om 11:30.").due_at, At(23, 11, 30));
}

TEST(PromisesTest, WithoutATimeTheDefaultIsTheNextMorning) {
  const Promise promise = Only("We zoeken het voor je uit en komen erop terug.");
  EXPECT_FALSE(promise.time_stated);
  EXPECT_EQ(promise.when, "");
  EXPECT_EQ(promise.due_at, At(24, 9));
}

TEST(PromisesTest, PromisesFromTheCustomersSide) {
  EXPECT_EQ(Only("U wordt morgen teruggebeld door de monteur.").kind, core::FollowUpKind::kCall);
  EXPECT_EQ(Only("You will hear from us today.").due_at, At(23, 17));
  EXPECT_EQ(Only("Je hoort vrijdag van ons.").due_at, At(27, 9));
}

TEST(PromisesTest, NegationsQuestionsAndStatementsAreNoPromises) {
  ExpectNone("We bellen u niet, we sturen een brief.");  // The second clause is negated too.
  ExpectNone("We will not call you again.");
  ExpectNone("I won't contact you about this.");
  ExpectNone("Shall we call you tomorrow?");
  ExpectNone("Zullen we je morgen bellen?");
  ExpectNone("Bedankt voor je bericht! De storing is opgelost.");
  ExpectNone("Thanks, glad it works again.");
  ExpectNone("You called us yesterday at 10.");
  ExpectNone("");
}

TEST(PromisesTest, SeveralPromisesInOneReply) {
  const auto promises = DetectPromises(
      "Ik bel je vanmiddag. We sturen je morgen ook een bevestiging per mail!", kNow, kZone);
  ASSERT_EQ(promises.size(), 2u);
  EXPECT_EQ(promises[0].kind, core::FollowUpKind::kCall);
  EXPECT_EQ(promises[0].due_at, At(23, 14));
  EXPECT_EQ(promises[1].kind, core::FollowUpKind::kFollowUp);
  EXPECT_EQ(promises[1].due_at, At(24, 9));
}

TEST(PromisesTest, AccentsAndCurlyApostrophes) {
  EXPECT_EQ(Only("We bellen u binnen één uur.").due_at, kNow + 3600 * base::kMicrosPerSecond);
  EXPECT_EQ(Only("We\xE2\x80\x99ll call you tomorrow.").kind, core::FollowUpKind::kCall);
}

TEST(PromisesTest, DecimalClockTimesDoNotSplitSentences) {
  EXPECT_EQ(Only("We bellen je morgen om 10.30 uur.").due_at, At(24, 10, 30));
}

}  // namespace
}  // namespace webcare::inbox
