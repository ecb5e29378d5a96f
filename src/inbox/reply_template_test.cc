#include "inbox/reply_template.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace webcare::inbox {
namespace {

using ::testing::HasSubstr;

const TemplateVariables& Variables() {
  static const TemplateVariables* const variables = new TemplateVariables{
      {"contact.first_name", "Marieke"}, {"contact.name", "Marieke van den Berg"},
      {"agent.first_name", "Sanne"},     {"agent.initials", "SJ"},
      {"company.name", "OV-chipkaart"},  {"empty", ""},
  };
  return *variables;
}

TEST(RenderTemplateTest, ReplacesVariablesWithOrWithoutSpaces) {
  const auto rendered = RenderTemplate(
      "Hoi {{contact.first_name}}, sorry voor het ongemak! ^{{ agent.initials }}", Variables());
  ASSERT_TRUE(rendered.ok()) << rendered.status();
  EXPECT_EQ(*rendered, "Hoi Marieke, sorry voor het ongemak! ^SJ");
  EXPECT_EQ(*RenderTemplate("{{\tcompany.name  }}{{empty}}.", Variables()), "OV-chipkaart.");
}

TEST(RenderTemplateTest, CopiesTextWithoutVariablesUnchanged) {
  EXPECT_EQ(*RenderTemplate("", Variables()), "");
  EXPECT_EQ(*RenderTemplate("Geen variabelen } }} {", Variables()), "Geen variabelen } }} {");
  EXPECT_EQ(*RenderTemplate("Groetjes 😀 ", {}), "Groetjes 😀 ");
}

TEST(RenderTemplateTest, DoesNotExpandVariablesInsideValues) {
  const TemplateVariables variables = {{"contact.name", "{{ agent.name }}"}};
  EXPECT_EQ(*RenderTemplate("Hoi {{ contact.name }}", variables), "Hoi {{ agent.name }}");
}

TEST(RenderTemplateTest, UnknownVariableIsAnErrorNamingIt) {
  const auto rendered = RenderTemplate("Hoi {{ contact.frist_name }}", Variables());
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rendered.status().message(), HasSubstr("\"contact.frist_name\""));
  EXPECT_THAT(rendered.status().message(), HasSubstr("contact.first_name"));  // Known names.
}

TEST(RenderTemplateTest, UnclosedBracesAreAnErrorWithTheBytePosition) {
  auto rendered = RenderTemplate("Hoi {{ contact.first_name", Variables());
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rendered.status().message(), HasSubstr("at byte 4 "));

  // The first "{{" is unclosed, even though a later one is closed.
  rendered = RenderTemplate("é {{ a {{ contact.name }}", Variables());
  ASSERT_FALSE(rendered.ok());
  EXPECT_THAT(rendered.status().message(), HasSubstr("at byte 3 "));

  rendered = RenderTemplate("{{ company.name }} {{", Variables());
  ASSERT_FALSE(rendered.ok());
  EXPECT_THAT(rendered.status().message(), HasSubstr("at byte 19 "));
}

TEST(RenderTemplateTest, EmptyNameIsAnError) {
  const auto rendered = RenderTemplate("Hoi {{  }}", Variables());
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rendered.status().message(), HasSubstr("byte 4"));
}

TEST(InitialsTest, SkipsTussenvoegsels) {
  EXPECT_EQ(Initials("Marieke van den Berg"), "MB");
  EXPECT_EQ(Initials("Jan in 't Veld"), "JV");
  EXPECT_EQ(Initials("Jan in \u2019t Veld"), "JV");
  EXPECT_EQ(Initials("Kees van der Ham"), "KH");
  EXPECT_EQ(Initials("Pieter ter Horst"), "PH");
  EXPECT_EQ(Initials("Ludwig von Mises"), "LM");
  EXPECT_EQ(Initials("Anna De Vries"), "AV");
  EXPECT_EQ(Initials("van"), "V");  // Particles only: nothing better to show.
}

TEST(InitialsTest, UppercasesTheFirstLetterOfEachWord) {
  EXPECT_EQ(Initials("anna"), "A");
  EXPECT_EQ(Initials("Jean-Luc Picard"), "JP");
  EXPECT_EQ(Initials("Özil Şahin"), "ÖŞ");
  EXPECT_EQ(Initials("özil şahin"), "ÖŞ");
  EXPECT_EQ(Initials("ελένη παπαδοπούλου"), "ΕΠ");
  EXPECT_EQ(Initials("  Anna\u00A0Jansen "), "AJ");  // No-break space separates too.
  EXPECT_EQ(Initials("Anna 🌻 (Jansen)"), "AJ");      // Emoji skipped, bracket looked past.
  EXPECT_EQ(Initials("李 小龙"), "李小");
}

TEST(InitialsTest, AtMostThreeLettersKeepingTheSurname) {
  EXPECT_EQ(Initials("Jan Peter Klaas"), "JPK");
  EXPECT_EQ(Initials("Jan Peter Klaas de Vos"), "JPV");
}

TEST(InitialsTest, EmptyForNamesWithoutLetters) {
  EXPECT_EQ(Initials(""), "");
  EXPECT_EQ(Initials("   "), "");
  EXPECT_EQ(Initials("🌻 !!"), "");
  EXPECT_EQ(Initials("\xFF\xFE"), "");
  EXPECT_EQ(Initials(std::string("\xFF") + "anna"), "A");
}

TEST(FirstNameTest, IsTheFirstWord) {
  EXPECT_EQ(FirstName("Marieke van den Berg"), "Marieke");
  EXPECT_EQ(FirstName("  Jean-Luc Picard "), "Jean-Luc");
  EXPECT_EQ(FirstName("anna"), "anna");
  EXPECT_EQ(FirstName(""), "");
  EXPECT_EQ(FirstName("   "), "");
}

TEST(FirstNameTest, WholeNameWhenItStartsWithATussenvoegsel) {
  EXPECT_EQ(FirstName("de Vries"), "de Vries");
  EXPECT_EQ(FirstName(" van den Berg "), "van den Berg");
}

}  // namespace
}  // namespace webcare::inbox
