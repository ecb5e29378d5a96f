#include "inbox/inbox_service.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <random>

#include "base/status.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "inbox/reply_attachments.h"
#include "inbox/reply_review.h"
#include "inbox/reply_template.h"

namespace webcare::inbox {
namespace {

constexpr size_t kMaxNoteBytes = 20'000;
constexpr size_t kMaxLabelBytes = 60;
constexpr size_t kMaxLabels = 20;

bool Contains(const std::vector<core::UserId>& ids, core::UserId id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Networks where the agent's mark goes on the same line, as webcare teams sign on social
// media; elsewhere the agent signs with a name on a line of its own.
bool SignsWithInitials(std::string_view network) {
  return network != "email" && network != "forum";
}

// "X", "Mastodon", "e-mail": the network as people write it, for messages.
std::string NetworkName(std::string_view network) {
  if (network == "x") return "X";
  if (network == "email") return "e-mail";
  std::string name(network);
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

// The company's own account on the conversation's channel: the author of its latest
// outbound post, or else the account the channel is named after ("x:@ovpas" is @ovpas).
core::AuthorIdentity CompanyAccount(const core::Conversation& conversation,
                                    const std::vector<core::Post>& posts) {
  for (auto post = posts.rbegin(); post != posts.rend(); ++post) {
    if (post->direction == core::Direction::kOutbound) {
      core::AuthorIdentity author = post->author;
      author.id = core::AuthorId();
      author.followers = -1;  // Keep the reach last reported by the network.
      return author;
    }
  }
  const size_t colon = conversation.channel.find(':');
  return core::AuthorIdentity{
      .network = conversation.network,
      .handle = colon == std::string::npos ? conversation.channel : conversation.channel.substr(colon + 1),
      .followers = -1};
}

// "webcare-" and 16 random hex digits: the reply's id until the network gives it one.
std::string NewReplyId() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(random()));
  return base::StrCat("webcare-", hex);
}

absl::Status CheckLabel(const std::string& label) {
  if (label.empty() || label.size() > kMaxLabelBytes || !base::IsValidUtf8(label) ||
      label.find_first_of("\n\r\t") != std::string::npos) {
    return absl::InvalidArgumentError(
        base::StrCat("a label is 1 to ", kMaxLabelBytes, " bytes of text on one line"));
  }
  return absl::OkStatus();
}

// The lower-cased words after each '@' in `text`.
std::vector<std::string> MentionedNames(std::string_view text) {
  std::vector<std::string> names;
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    // "name@example.org" is an address, not a mention.
    if (at > 0 && text[at - 1] != ' ' && text[at - 1] != '\n' && text[at - 1] != '(') continue;
    size_t end = at + 1;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                 text[end] == '.' || text[end] == '_' || text[end] == '-' ||
                                 static_cast<unsigned char>(text[end]) >= 0x80)) {
      ++end;
    }
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    if (end > at + 1) names.push_back(base::AsciiLower(text.substr(at + 1, end - at - 1)));
  }
  return names;
}

}  // namespace

bool Viewer::CanSee(const core::Conversation& conversation) const {
  if (SeesAll() || !conversation.team.valid() || conversation.assignee == user.id) return true;
  if (std::find(teams.begin(), teams.end(), conversation.team) != teams.end()) return true;
  return Contains(conversation.experts, user.id);
}

std::optional<View> ParseView(std::string_view name) {
  if (name.empty() || name == "all") return View::kAll;
  if (name == "mine") return View::kMine;
  if (name == "team") return View::kMyTeams;
  if (name == "unassigned") return View::kUnassigned;
  return std::nullopt;
}

absl::Status ValidateLabel(std::string_view label) { return CheckLabel(std::string(base::Trim(label))); }

std::string Signature(std::string_view network, const core::User& agent) {
  if (SignsWithInitials(network)) {
    const std::string initials = Initials(agent.name);
    return initials.empty() ? std::string() : base::StrCat(" ^", initials);
  }
  return base::StrCat("\n\n", agent.name);
}

InboxService::InboxService(storage::Store& store, core::EventSink& events, const base::Clock& clock)
    : store_(store), events_(events), clock_(clock) {}

absl::StatusOr<Viewer> InboxService::ViewerFor(const core::User& user) {
  ASSIGN_OR_RETURN(std::vector<core::TeamId> teams, store_.ListUserTeams(user.id));
  return Viewer{.user = user, .teams = std::move(teams)};
}

absl::StatusOr<storage::ConversationList> InboxService::List(const Viewer& viewer, View view,
                                                             storage::ConversationFilter filter) {
  if (!viewer.SeesAll()) filter.visible_to = viewer.Visibility();
  switch (view) {
    case View::kAll:
      break;
    case View::kMine:
      filter.assignee = viewer.user.id;
      break;
    case View::kUnassigned:
      filter.assignee = core::UserId();
      break;
    case View::kMyTeams:
      if (viewer.teams.empty()) return storage::ConversationList{};
      filter.teams = viewer.teams;
      break;
  }
  return store_.ListConversations(filter);
}

absl::StatusOr<storage::ViewCounts> InboxService::Counts(const Viewer& viewer) {
  return store_.CountViews(viewer.Visibility(), viewer.SeesAll());
}

absl::StatusOr<core::Conversation> InboxService::Visible(const Viewer& viewer,
                                                         core::ConversationId id) {
  ASSIGN_OR_RETURN(core::Conversation conversation, store_.GetConversation(id));
  if (!viewer.CanSee(conversation)) {
    return absl::PermissionDeniedError(base::StrCat(
        "conversation ", id.value(), " belongs to team ",
        conversation.team_name.empty() ? base::StrCat(conversation.team.value()) : conversation.team_name,
        ", which you are not part of"));
  }
  return conversation;
}

absl::StatusOr<core::Conversation> InboxService::Get(const Viewer& viewer, core::ConversationId id) {
  return Visible(viewer, id);
}

absl::Status InboxService::ClaimedBy(const core::Conversation& conversation) {
  const std::string holder = conversation.assignee_name.empty()
                                 ? base::StrCat("user ", conversation.assignee.value())
                                 : conversation.assignee_name;
  return absl::FailedPreconditionError(base::StrCat("already claimed by ", holder));
}

void InboxService::Announce(int64_t seq) { events_.Publish(core::EventsRecorded{.up_to = seq}); }

absl::StatusOr<core::Conversation> InboxService::Editable(const Viewer& viewer,
                                                          core::ConversationId id) {
  if (!core::RoleAtLeast(viewer.user.role, core::Role::kAgent)) {
    return absl::PermissionDeniedError("viewers cannot change conversations");
  }
  return Visible(viewer, id);
}

absl::StatusOr<core::Conversation> InboxService::Change(const Viewer& viewer, core::ConversationId id,
                                                        const storage::ConversationUpdate& update,
                                                        std::string kind) {
  auto changed = store_.UpdateConversation(id, update, {.kind = std::move(kind), .actor = viewer.user.id});
  if (!changed.ok()) {
    if (absl::IsFailedPrecondition(changed.status())) {
      // The holder changed between our read and the write; name the one who has it now.
      ASSIGN_OR_RETURN(core::Conversation now, store_.GetConversation(id));
      if (now.assignee.valid()) return ClaimedBy(now);
    }
    if (absl::IsNotFound(changed.status()) && update.assignee) {
      return absl::InvalidArgumentError(changed.status().message());
    }
    return changed.status();
  }
  Announce(changed->seq);
  return changed->conversation;
}

absl::StatusOr<core::Conversation> InboxService::Claim(const Viewer& viewer, core::ConversationId id) {
  ASSIGN_OR_RETURN(core::Conversation conversation, Editable(viewer, id));
  if (conversation.assignee == viewer.user.id) return conversation;
  if (conversation.assignee.valid()) return ClaimedBy(conversation);
  storage::ConversationUpdate update{.assignee = viewer.user.id,
                                     .expected_assignee = core::UserId()};
  if (conversation.status == core::ConversationStatus::kNew) {
    update.status = core::ConversationStatus::kOpen;
  }
  return Change(viewer, id, update, "conversation.claimed");
}

absl::StatusOr<core::Conversation> InboxService::Assign(const Viewer& viewer, core::ConversationId id,
                                                        core::UserId assignee) {
  ASSIGN_OR_RETURN(core::Conversation conversation, Editable(viewer, id));
  storage::ConversationUpdate update{.assignee = assignee};
  if (!viewer.SeesAll()) {
    if (conversation.assignee.valid() && conversation.assignee != viewer.user.id) {
      return ClaimedBy(conversation);
    }
    // The holder must not change under the agent between its read and the write.
    update.expected_assignee = conversation.assignee;
  }
  if (assignee.valid() && conversation.status == core::ConversationStatus::kNew) {
    update.status = core::ConversationStatus::kOpen;
  }
  return Change(viewer, id, update, assignee.valid() ? "conversation.assigned" : "conversation.released");
}

absl::StatusOr<core::Conversation> InboxService::SetStatus(const Viewer& viewer, core::ConversationId id,
                                                           core::ConversationStatus status,
                                                           base::Micros snoozed_until) {
  if (status == core::ConversationStatus::kNew) {
    return absl::InvalidArgumentError("a conversation cannot be made new again; reopen it instead");
  }
  if (status == core::ConversationStatus::kSnoozed && snoozed_until <= clock_.NowMicros()) {
    return absl::InvalidArgumentError("snoozed_until must be a time in the future");
  }
  RETURN_IF_ERROR(Editable(viewer, id).status());
  return Change(viewer, id, {.status = status, .snoozed_until = snoozed_until}, "conversation.status");
}

absl::StatusOr<core::Conversation> InboxService::ChangeLabels(const Viewer& viewer,
                                                              core::ConversationId id,
                                                              std::vector<std::string> add,
                                                              std::vector<std::string> remove) {
  if (add.empty() && remove.empty()) return absl::InvalidArgumentError("no labels to add or remove");
  if (add.size() > kMaxLabels || remove.size() > kMaxLabels) {
    return absl::InvalidArgumentError(base::StrCat("at most ", kMaxLabels, " labels at once"));
  }
  for (auto* labels : {&add, &remove}) {
    for (std::string& label : *labels) {
      label = std::string(base::Trim(label));
      RETURN_IF_ERROR(CheckLabel(label));
    }
  }
  RETURN_IF_ERROR(Editable(viewer, id).status());
  return Change(viewer, id, {.add_labels = std::move(add), .remove_labels = std::move(remove)},
                "conversation.labels");
}

absl::StatusOr<core::Conversation> InboxService::SetTeam(const Viewer& viewer, core::ConversationId id,
                                                         core::TeamId team) {
  RETURN_IF_ERROR(Editable(viewer, id).status());
  auto changed = Change(viewer, id, {.team = team}, "conversation.team");
  if (absl::IsNotFound(changed.status()) && team.valid()) {
    return absl::InvalidArgumentError(changed.status().message());
  }
  return changed;
}

absl::StatusOr<core::Conversation> InboxService::AddExpert(const Viewer& viewer, core::ConversationId id,
                                                           core::UserId expert) {
  if (!expert.valid()) return absl::InvalidArgumentError("user_id is required");
  RETURN_IF_ERROR(Editable(viewer, id).status());
  auto changed = Change(viewer, id, {.add_experts = {expert}}, "conversation.expert");
  if (absl::IsNotFound(changed.status())) {
    return absl::InvalidArgumentError(changed.status().message());
  }
  return changed;
}

absl::StatusOr<core::Note> InboxService::AddNote(const Viewer& viewer, core::ConversationId id,
                                                 std::string text, std::vector<core::UserId> mentions) {
  if (!core::RoleAtLeast(viewer.user.role, core::Role::kAgent)) {
    return absl::PermissionDeniedError("viewers cannot write notes");
  }
  if (base::Trim(text).empty()) return absl::InvalidArgumentError("the note is empty");
  if (text.size() > kMaxNoteBytes) {
    return absl::InvalidArgumentError(base::StrCat("a note is at most ", kMaxNoteBytes, " bytes"));
  }
  if (!base::IsValidUtf8(text)) return absl::InvalidArgumentError("the note is not valid UTF-8");
  RETURN_IF_ERROR(Visible(viewer, id).status());
  const std::vector<std::string> names = MentionedNames(text);
  if (!names.empty()) {
    ASSIGN_OR_RETURN(std::vector<core::User> users, store_.ListUsers());
    for (const core::User& user : users) {
      if (user.disabled) continue;
      const std::string local = base::AsciiLower(user.email.substr(0, user.email.find('@')));
      const std::string first = base::AsciiLower(FirstName(user.name));
      for (const std::string& name : names) {
        if ((name == local || name == first) && !Contains(mentions, user.id)) mentions.push_back(user.id);
      }
    }
  }
  auto added = store_.AddNote({.conversation = id, .author = viewer.user.id, .text = std::move(text),
                               .mentions = std::move(mentions)});
  if (!added.ok()) {
    if (absl::IsNotFound(added.status())) {
      return absl::InvalidArgumentError(base::StrCat("mentions: ", base::ToStd(added.status().message())));
    }
    return added.status();
  }
  Announce(added->second);
  return std::move(added->first);
}

absl::StatusOr<MeasuredReply> InboxService::Measure(const Viewer& viewer, core::ConversationId id,
                                                    const ReplyRequest& request) {
  ASSIGN_OR_RETURN(core::Conversation conversation, Visible(viewer, id));
  // Measured with its short links in place, as Reply sends it (tracked_links.h); nothing is
  // stored for a measure.
  ReplyRequest as_sent = request;
  if (links_ != nullptr) {
    ASSIGN_OR_RETURN(LinkPlan links, links_->Plan(id, request.text, request.track_links));
    as_sent.text = std::move(links.text);
  }
  return MeasureFor(viewer, conversation, as_sent);
}

absl::StatusOr<MeasuredReply> InboxService::MeasureFor(const Viewer& viewer,
                                                       const core::Conversation& conversation,
                                                       const ReplyRequest& request) {
  if (!base::IsValidUtf8(request.text)) return absl::InvalidArgumentError("the reply is not valid UTF-8");
  MeasuredReply measured;
  measured.text = request.text;
  if (request.signature) measured.text += Signature(conversation.network, viewer.user);
  measured.length = CountReply(conversation.network, request.is_private, measured.text);
  return measured;
}

absl::StatusOr<core::Post> InboxService::Reply(const Viewer& viewer, core::ConversationId id,
                                               const ReplyRequest& request) {
  if (!core::RoleAtLeast(viewer.user.role, core::Role::kAgent)) {
    return absl::PermissionDeniedError("viewers cannot reply");
  }
  if (base::Trim(request.text).empty()) return absl::InvalidArgumentError("the reply is empty");
  ASSIGN_OR_RETURN(core::Conversation conversation, Visible(viewer, id));
  if (conversation.assignee.valid() && conversation.assignee != viewer.user.id && !viewer.SeesAll() &&
      !Contains(conversation.experts, viewer.user.id)) {
    return ClaimedBy(conversation);
  }
  ReplyRequest effective = request;
  // E-mail and DM threads only know private messages.
  effective.is_private = request.is_private || conversation.is_private || conversation.network == "email";
  // Links become short links before the count, so the limit is checked on the text sent; the
  // new ones are stored with the reply (tracked_links.h).
  LinkPlan links;
  if (links_ != nullptr) {
    ASSIGN_OR_RETURN(links, links_->Plan(id, effective.text, request.track_links));
    effective.text = links.text;
  }
  ASSIGN_OR_RETURN(MeasuredReply measured, MeasureFor(viewer, conversation, effective));
  if (!measured.length.fits()) {
    return absl::InvalidArgumentError(base::StrCat(
        "the reply is ", measured.length.count, " characters; ", NetworkName(conversation.network),
        " allows ", measured.length.limit, " (", measured.length.counting, ")"));
  }
  ASSIGN_OR_RETURN(std::vector<core::Post> posts, store_.ListConversationPosts(id));
  storage::NewReply reply{.conversation = id,
                          .sent_by = viewer.user.id,
                          .author = CompanyAccount(conversation, posts),
                          .external_id = NewReplyId(),
                          .text = std::move(measured.text),
                          .is_private = effective.is_private,
                          .created_at = clock_.NowMicros(),
                          .status_after = request.status_after};
  reply.first_attempt_at = reply.created_at;
  reply.tracked_links = std::move(links.new_links);
  RETURN_IF_ERROR(CheckReplyAttachments(store_, viewer, conversation, request.attachments));
  reply.attachments = request.attachments;
  ASSIGN_OR_RETURN(reply.needs_approval, NeedsApproval(store_, viewer, conversation));
  for (auto post = posts.rbegin(); post != posts.rend(); ++post) {
    if (post->direction == core::Direction::kInbound) {
      reply.in_reply_to = post->external_id;
      break;
    }
  }
  if (!conversation.assignee.valid()) {
    // Whoever answers first owns the conversation; a colleague who claimed it a moment ago wins.
    auto claimed = store_.UpdateConversation(
        id, {.assignee = viewer.user.id, .expected_assignee = core::UserId()},
        {.kind = "conversation.claimed", .actor = viewer.user.id});
    if (claimed.ok()) {
      Announce(claimed->seq);
    } else if (absl::IsFailedPrecondition(claimed.status())) {
      ASSIGN_OR_RETURN(core::Conversation now, store_.GetConversation(id));
      if (!viewer.SeesAll() && !Contains(now.experts, viewer.user.id)) return ClaimedBy(now);
    } else {
      return claimed.status();
    }
  }
  ASSIGN_OR_RETURN(storage::ReplyResult result, store_.AddReply(reply));
  Announce(result.seq);
  return std::move(result.post);
}

absl::Status InboxService::RetryDelivery(const Viewer& viewer, core::OutboxId id) {
  if (!core::RoleAtLeast(viewer.user.role, core::Role::kAgent)) {
    return absl::PermissionDeniedError("viewers cannot retry deliveries");
  }
  ASSIGN_OR_RETURN(const core::ConversationId conversation, store_.DeliveryConversation(id));
  RETURN_IF_ERROR(Visible(viewer, conversation).status());
  ASSIGN_OR_RETURN(int64_t seq, store_.RetryDelivery(id, viewer.user.id));
  Announce(seq);
  return absl::OkStatus();
}

}  // namespace webcare::inbox
