#pragma once
// Canned answers: replies written once with {{ variables }} and inserted into the composer by
// typing "/" and their shortcut. Each belongs to a team or to the whole company and may be
// limited to one network. Leads and admins manage them; agents find and use them
// (docs/canned-answers.md).

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/canned.h"
#include "core/conversation.h"
#include "inbox/inbox_service.h"
#include "inbox/reply_template.h"
#include "storage/store.h"

namespace webcare::inbox {

// A variable canned answers may use, with what it holds, for error messages and the editor.
struct TemplateVariableInfo {
  std::string_view name;
  std::string_view meaning;
};
std::span<const TemplateVariableInfo> KnownTemplateVariables();

// The values of every known variable for an agent answering a conversation.
TemplateVariables VariablesFor(const core::Conversation& conversation, const core::User& agent,
                               std::string_view company_name);

// OK when `body` is well-formed and uses only known variables; otherwise InvalidArgument
// naming the unknown variable and listing the known ones.
absl::Status CheckTemplate(std::string_view body);

// The answers that match `query` (a leading "/" is ignored), best first: the shortcut itself,
// then shortcuts that start with it, then answers where every query word starts a word of the
// title, then those where it starts a word of the title or the body. Within a rank the most
// used come first, then by shortcut. An empty query keeps every answer, most used first. ASCII
// case is ignored.
std::vector<core::CannedAnswer> RankAnswers(std::vector<core::CannedAnswer> answers,
                                            std::string_view query);

// What a lead or admin sends to create or change an answer.
struct CannedAnswerInput {
  core::TeamId team;  // Unset: company-wide.
  std::string title;
  std::string shortcut;  // A leading "/" is dropped and letters are lower-cased.
  std::string body;
  std::string network;  // Empty: any network.
};

class CannedAnswers {
 public:
  // `store` must outlive the service. Thread-safe.
  explicit CannedAnswers(storage::Store& store) : store_(store) {}

  // The answers the viewer may use (those of its teams and the company-wide ones; leads and
  // admins: all), ranked by RankAnswers. With `network` set, answers limited to another
  // network are left out. At most `limit`.
  absl::StatusOr<std::vector<core::CannedAnswer>> Search(const Viewer& viewer, std::string_view query,
                                                         std::string_view network, size_t limit);
  // PermissionDenied when the answer belongs to a team the viewer is not part of.
  absl::StatusOr<core::CannedAnswer> Get(const Viewer& viewer, core::CannedAnswerId id);

  // Leads and admins only. InvalidArgument with a sentence for each field that is wrong (an
  // unknown variable lists the known ones); AlreadyExists for a shortcut taken in the team.
  absl::StatusOr<core::CannedAnswer> Create(const Viewer& viewer, CannedAnswerInput input);
  absl::StatusOr<core::CannedAnswer> Update(const Viewer& viewer, core::CannedAnswerId id,
                                            CannedAnswerInput input);
  absl::Status Delete(const Viewer& viewer, core::CannedAnswerId id);

  // The answer filled in for `conversation`, which the caller checked the viewer may see;
  // counted as one use. InvalidArgument when the answer is for another network;
  // FailedPrecondition when it uses {{ company.name }} and no company name is set.
  absl::StatusOr<std::string> Render(const Viewer& viewer, core::CannedAnswerId id,
                                     const core::Conversation& conversation);
  // Unsaved text filled in for the editor's preview: with `conversation`'s values, or with
  // sample ones (a customer called Anna de Vries) when it is null. Counts nothing.
  absl::StatusOr<std::string> Preview(const Viewer& viewer, std::string_view body,
                                      const core::Conversation* conversation);

 private:
  absl::StatusOr<std::string> Fill(const Viewer& viewer, std::string_view body,
                                   const core::Conversation& conversation);
  absl::StatusOr<core::CannedAnswer> Checked(const Viewer& viewer, CannedAnswerInput input);

  storage::Store& store_;
};

}  // namespace webcare::inbox
