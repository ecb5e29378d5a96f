#pragma once
// Canned answers with variables. An agent writes "Hoi {{ contact.first_name }}, ..." once and
// the composer fills in the customer and agent of each conversation.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace webcare::inbox {

// Variables for canned answers: "contact.first_name", "contact.name", "agent.name",
// "agent.first_name", "agent.initials", "company.name", ...
using TemplateVariables = std::map<std::string, std::string, std::less<>>;

// Replaces {{ name }} (spaces inside braces allowed) with its value; an unknown variable is an
// InvalidArgument error naming it; "{{" without "}}" is an InvalidArgument error with the byte
// position. Values are inserted as they are, never scanned for further variables. Text outside
// "{{ }}", including a lone "}}", is copied unchanged. An empty name ("{{ }}") is an
// InvalidArgument error with the byte position. Thread-safe.
absl::StatusOr<std::string> RenderTemplate(std::string_view text,
                                           const TemplateVariables& variables);

// The names of the variables `text` uses, in order of first use, each once; the same errors as
// RenderTemplate for "{{" without "}}" and "{{ }}". For checking a canned answer when it is
// saved, before any conversation gives the variables values. Thread-safe.
absl::StatusOr<std::vector<std::string>> TemplateVariableNames(std::string_view text);

// "Marieke van den Berg" -> "MB", "anna" -> "A", "Jean-Luc Picard" -> "JP"; at most 3 letters,
// tussenvoegsels (van, de, der, den, het, ter, ten, in 't, ...) skipped, first letter of each
// remaining word uppercased (UTF-8 aware: "Özil Şahin" -> "ÖŞ").
// With more than three words the first two and the last are used ("Jan Peter Klaas Vos" ->
// "JPV"). Words without a letter or digit (an emoji) are skipped; a name of particles only
// ("van") keeps them. Empty for a name without letters.
std::string Initials(std::string_view name);

// The first word of a name: "Marieke van den Berg" -> "Marieke".
// When the name starts with a tussenvoegsel there is no first name to use, and the whole name
// comes back ("de Vries" -> "de Vries"), so "Hoi {{ contact.first_name }}" never reads "Hoi de".
// Surrounding white space is removed.
std::string FirstName(std::string_view name);

}  // namespace webcare::inbox
