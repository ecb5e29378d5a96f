#include "inbox/canned_answers.h"

#include <algorithm>
#include <array>
#include <tuple>

#include "base/status.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "inbox/company_settings.h"

namespace webcare::inbox {
namespace {

constexpr size_t kMaxTitleBytes = 200;
constexpr size_t kMaxShortcutLength = 32;
constexpr size_t kMaxBodyBytes = 10'000;
constexpr size_t kMaxNetworkLength = 30;

constexpr std::array<TemplateVariableInfo, 9> kVariables = {{
    {"contact.name", "the customer's name as the network shows it (the handle when it shows none)"},
    {"contact.first_name", "the first word of the customer's name: \"Anna\" for \"Anna de Vries\""},
    {"contact.handle", "the customer's account on the network: \"@annadevries\""},
    {"agent.name", "the name of the agent who answers"},
    {"agent.first_name", "the agent's first name"},
    {"agent.initials", "the agent's initials: \"MB\" for \"Marieke van den Berg\""},
    {"team.name", "the name of the conversation's team (empty when it has none)"},
    {"company.name", "the company's name, as an admin set it under Settings"},
    {"conversation.id", "the conversation's number in Webcare"},
}};

// "twitter" is "x" and "e-mail" is "email", as the reply counter has it.
std::string NormaliseNetwork(std::string_view network) {
  std::string name = base::AsciiLower(base::Trim(network));
  if (name == "twitter") return "x";
  if (name == "e-mail") return "email";
  return name;
}

bool IsWordByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The lower-cased words of `text`; non-ASCII letters are kept as they are. Variables
// ("{{ contact.name }}") are not words of the answer: nobody searches for them.
std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 2) == "{{") {
      const size_t close = text.find("}}", i + 2);
      if (close != std::string_view::npos) i = close + 1;
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      continue;
    }
    if (IsWordByte(text[i])) {
      word += text[i];
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  for (std::string& w : words) w = base::AsciiLower(w);
  return words;
}

// True when every query word starts some word of `words`.
bool EveryWordStartsOne(const std::vector<std::string>& query, const std::vector<std::string>& words) {
  return std::all_of(query.begin(), query.end(), [&](const std::string& q) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return w.starts_with(q); });
  });
}

bool MayUse(const Viewer& viewer) { return core::RoleAtLeast(viewer.user.role, core::Role::kAgent); }
bool MayManage(const Viewer& viewer) { return core::RoleAtLeast(viewer.user.role, core::Role::kLead); }

absl::Status CheckOneLine(std::string_view value, std::string_view field, size_t max_bytes) {
  if (value.empty() || value.size() > max_bytes || !base::IsValidUtf8(value) ||
      value.find_first_of("\r\n\t") != std::string_view::npos) {
    return absl::InvalidArgumentError(
        base::StrCat("the ", field, " is 1 to ", max_bytes, " bytes of text on one line"));
  }
  return absl::OkStatus();
}

}  // namespace

std::span<const TemplateVariableInfo> KnownTemplateVariables() { return kVariables; }

TemplateVariables VariablesFor(const core::Conversation& conversation, const core::User& agent,
                               std::string_view company_name) {
  const core::AuthorIdentity& contact = conversation.author;
  std::string contact_name(base::Trim(contact.name));
  if (contact_name.empty()) {
    contact_name = contact.handle.starts_with('@') ? contact.handle.substr(1) : contact.handle;
  }
  return TemplateVariables{
      {"contact.name", contact_name},
      {"contact.first_name", FirstName(contact_name)},
      {"contact.handle", contact.handle},
      {"agent.name", agent.name},
      {"agent.first_name", FirstName(agent.name)},
      {"agent.initials", Initials(agent.name)},
      {"team.name", conversation.team_name},
      {"company.name", std::string(company_name)},
      {"conversation.id", base::StrCat(conversation.id.value())},
  };
}

absl::Status CheckTemplate(std::string_view body) {
  ASSIGN_OR_RETURN(std::vector<std::string> names, TemplateVariableNames(body));
  for (const std::string& name : names) {
    const bool known = std::any_of(kVariables.begin(), kVariables.end(),
                                   [&](const TemplateVariableInfo& v) { return v.name == name; });
    if (!known) {
      std::vector<std::string_view> known_names;
      for (const TemplateVariableInfo& v : kVariables) known_names.push_back(v.name);
      return absl::InvalidArgumentError(base::StrCat("unknown variable {{ ", name, " }}; known: ",
                                                     base::StrJoin(known_names, ", ")));
    }
  }
  return absl::OkStatus();
}

std::vector<core::CannedAnswer> RankAnswers(std::vector<core::CannedAnswer> answers,
                                            std::string_view query) {
  std::string_view trimmed = base::Trim(query);
  if (trimmed.starts_with('/')) trimmed = base::Trim(trimmed.substr(1));
  const std::string q = base::AsciiLower(trimmed);
  const std::vector<std::string> query_words = SearchWords(q);

  struct Ranked {
    int rank;
    core::CannedAnswer answer;
  };
  std::vector<Ranked> ranked;
  for (core::CannedAnswer& answer : answers) {
    int rank = -1;
    if (q.empty() || answer.shortcut == q) {
      rank = 0;
    } else if (answer.shortcut.starts_with(q)) {
      rank = 1;
    } else if (!query_words.empty() && EveryWordStartsOne(query_words, SearchWords(answer.title))) {
      rank = 2;
    } else if (!query_words.empty()) {
      std::vector<std::string> words = SearchWords(answer.title);
      for (std::string& word : SearchWords(answer.body)) words.push_back(std::move(word));
      if (EveryWordStartsOne(query_words, words)) rank = 3;
    }
    if (rank >= 0) ranked.push_back({rank, std::move(answer)});
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return std::tie(a.rank, b.answer.usage_count, a.answer.shortcut, a.answer.id) <
           std::tie(b.rank, a.answer.usage_count, b.answer.shortcut, b.answer.id);
  });
  std::vector<core::CannedAnswer> out;
  out.reserve(ranked.size());
  for (Ranked& r : ranked) out.push_back(std::move(r.answer));
  return out;
}

absl::StatusOr<std::vector<core::CannedAnswer>> CannedAnswers::Search(const Viewer& viewer,
                                                                      std::string_view query,
                                                                      std::string_view network,
                                                                      size_t limit) {
  if (!MayUse(viewer)) return absl::PermissionDeniedError("viewers cannot use canned answers");
  ASSIGN_OR_RETURN(std::vector<core::CannedAnswer> answers,
                   store_.ListCannedAnswers({.all_teams = viewer.SeesAll(), .teams = viewer.teams}));
  if (!network.empty()) {
    const std::string wanted = NormaliseNetwork(network);
    std::erase_if(answers, [&](const core::CannedAnswer& a) { return !a.network.empty() && a.network != wanted; });
  }
  std::vector<core::CannedAnswer> ranked = RankAnswers(std::move(answers), query);
  if (ranked.size() > limit) ranked.resize(limit);
  return ranked;
}

absl::StatusOr<core::CannedAnswer> CannedAnswers::Get(const Viewer& viewer, core::CannedAnswerId id) {
  if (!MayUse(viewer)) return absl::PermissionDeniedError("viewers cannot use canned answers");
  ASSIGN_OR_RETURN(core::CannedAnswer answer, store_.GetCannedAnswer(id));
  const bool visible = viewer.SeesAll() || !answer.team.valid() ||
                       std::find(viewer.teams.begin(), viewer.teams.end(), answer.team) != viewer.teams.end();
  if (!visible) {
    return absl::PermissionDeniedError(base::StrCat("canned answer ", id.value(), " belongs to team ",
                                                    answer.team_name, ", which you are not part of"));
  }
  return answer;
}

absl::StatusOr<core::CannedAnswer> CannedAnswers::Checked(const Viewer& viewer, CannedAnswerInput input) {
  if (!MayManage(viewer)) {
    return absl::PermissionDeniedError("only leads and admins manage canned answers; agents use them");
  }
  core::CannedAnswer answer{.team = input.team,
                            .title = std::string(base::Trim(input.title)),
                            .body = std::move(input.body),
                            .network = NormaliseNetwork(input.network),
                            .created_by = viewer.user.id,
                            .updated_by = viewer.user.id};
  RETURN_IF_ERROR(CheckOneLine(answer.title, "title", kMaxTitleBytes));

  std::string_view shortcut = base::Trim(input.shortcut);
  if (shortcut.starts_with('/')) shortcut.remove_prefix(1);
  answer.shortcut = base::AsciiLower(shortcut);
  const bool shortcut_ok =
      !answer.shortcut.empty() && answer.shortcut.size() <= kMaxShortcutLength &&
      std::all_of(answer.shortcut.begin(), answer.shortcut.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      });
  if (!shortcut_ok) {
    return absl::InvalidArgumentError(base::StrCat(
        "the shortcut is 1 to ", kMaxShortcutLength,
        " letters (a-z), digits, '-' or '_', typed after \"/\" in the composer, such as \"storing\""));
  }

  if (base::Trim(answer.body).empty()) return absl::InvalidArgumentError("the answer's text is empty");
  if (answer.body.size() > kMaxBodyBytes || !base::IsValidUtf8(answer.body)) {
    return absl::InvalidArgumentError(
        base::StrCat("the answer's text is at most ", kMaxBodyBytes, " bytes of UTF-8 text"));
  }
  RETURN_IF_ERROR(CheckTemplate(answer.body));

  const bool network_ok =
      answer.network.size() <= kMaxNetworkLength &&
      std::all_of(answer.network.begin(), answer.network.end(),
                  [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
  if (!network_ok) {
    return absl::InvalidArgumentError(
        "the network is empty (every network) or the name of one, such as x, mastodon or email");
  }
  return answer;
}

absl::StatusOr<core::CannedAnswer> CannedAnswers::Create(const Viewer& viewer, CannedAnswerInput input) {
  ASSIGN_OR_RETURN(core::CannedAnswer answer, Checked(viewer, std::move(input)));
  auto created = store_.CreateCannedAnswer(answer);
  if (absl::IsNotFound(created.status())) {
    return absl::InvalidArgumentError(base::StrCat("team ", answer.team.value(), " does not exist"));
  }
  return created;
}

absl::StatusOr<core::CannedAnswer> CannedAnswers::Update(const Viewer& viewer, core::CannedAnswerId id,
                                                         CannedAnswerInput input) {
  ASSIGN_OR_RETURN(core::CannedAnswer answer, Checked(viewer, std::move(input)));
  RETURN_IF_ERROR(store_.GetCannedAnswer(id).status());  // 404 for the answer, 400 for a team.
  answer.id = id;
  auto updated = store_.UpdateCannedAnswer(answer);
  if (absl::IsNotFound(updated.status())) {
    return absl::InvalidArgumentError(base::StrCat("team ", answer.team.value(), " does not exist"));
  }
  return updated;
}

absl::Status CannedAnswers::Delete(const Viewer& viewer, core::CannedAnswerId id) {
  if (!MayManage(viewer)) {
    return absl::PermissionDeniedError("only leads and admins manage canned answers; agents use them");
  }
  return store_.DeleteCannedAnswer(id);
}

absl::StatusOr<std::string> CannedAnswers::Fill(const Viewer& viewer, std::string_view body,
                                                const core::Conversation& conversation) {
  ASSIGN_OR_RETURN(std::vector<std::string> names, TemplateVariableNames(body));
  ASSIGN_OR_RETURN(CompanySettings company, LoadCompanySettings(store_));
  if (company.name.empty() && std::find(names.begin(), names.end(), "company.name") != names.end()) {
    return absl::FailedPreconditionError(
        "{{ company.name }} has no value yet: an admin sets the company's name under Settings");
  }
  return RenderTemplate(body, VariablesFor(conversation, viewer.user, company.name));
}

absl::StatusOr<std::string> CannedAnswers::Render(const Viewer& viewer, core::CannedAnswerId id,
                                                  const core::Conversation& conversation) {
  ASSIGN_OR_RETURN(core::CannedAnswer answer, Get(viewer, id));
  if (!answer.network.empty() && answer.network != NormaliseNetwork(conversation.network)) {
    return absl::InvalidArgumentError(base::StrCat("the canned answer \"/", answer.shortcut, "\" is for ",
                                                   answer.network, " conversations only"));
  }
  ASSIGN_OR_RETURN(std::string text, Fill(viewer, answer.body, conversation));
  RETURN_IF_ERROR(store_.RecordCannedAnswerUse(id));
  return text;
}

absl::StatusOr<std::string> CannedAnswers::Preview(const Viewer& viewer, std::string_view body,
                                                   const core::Conversation* conversation) {
  if (!MayUse(viewer)) return absl::PermissionDeniedError("viewers cannot use canned answers");
  RETURN_IF_ERROR(CheckTemplate(body));
  if (conversation != nullptr) return Fill(viewer, body, *conversation);
  core::Conversation sample{.id = core::ConversationId(12345), .network = "x", .team_name = "Support"};
  sample.author = {.network = "x", .handle = "@annadevries", .name = "Anna de Vries"};
  return Fill(viewer, body, sample);
}

}  // namespace webcare::inbox
