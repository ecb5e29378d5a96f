#pragma once
// Phrase pools, name tables and template rendering for the demo world. Kept apart from the
// generator so the pools can grow without the generator's logic getting lost among them.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace webcare::ingest::demo {

enum class Lang : uint8_t { kNl = 0, kEn = 1 };
inline constexpr int kLangCount = 2;

// What a conversation is about. The first five are questions, the next five complaints.
enum class Topic : uint8_t {
  kSaldo,
  kCheckin,
  kRefund,
  kSubscription,
  kApp,
  kOutage,
  kGates,
  kDoubleCharge,
  kWaitTime,
  kRunaround,
  kPraise,
  kNeutral,
  kAny,  // For phrase kinds whose wording does not depend on the topic.
};
inline constexpr int kTopicCount = 13;

// The role a piece of text plays in a conversation.
enum class Phrase : uint8_t {
  kInbound,             // A customer's first post about a topic.
  kOutageSurge,         // A customer's post during an outage window; uses {theme}.
  kFollowUpThanks,      // A customer's answer to the team: solved.
  kFollowUpUnresolved,  // A customer's answer to the team: still stuck.
  kDmFollowUp,          // A customer's DM after the team asked for one.
  kReply,               // The team's answer about a topic.
  kReplyAskDm,          // The team asks to continue privately.
  kReplyOutage,         // The team's answer during an outage; uses {theme}.
  kReplyUnresolved,     // The team's answer to a customer who is still stuck.
  kReplyThanks,         // The team's answer to thanks.
  kEmailSubject,        // Subject line of an e-mail about a topic.
  kEmailOpen,           // Salutation of a customer's e-mail.
  kEmailClose,          // Closing of a customer's e-mail.
  kPhoneNote,           // Prefix of an agent's note of an incoming call.
  kPhoneCallback,       // Prefix of an agent's note of a call back.
};
inline constexpr int kPhraseCount = 15;

// Values the {slots} of a template are filled with. Indexes are taken modulo their table size.
struct SlotValues {
  Lang lang = Lang::kNl;
  bool plain = false;  // E-mail and phone notes: {tag}, {emoji} and {happy} render empty.
  uint32_t station = 0;
  uint32_t station2 = 1;
  uint32_t theme = 0;
  int64_t amount_cents = 0;
  int line = 1;
  int minutes = 10;
  int day_of_month = 1;  // 1..31
  int month = 1;         // 1..12
  int weekday = 0;       // 0 = Monday
  int hour = 0;
  int minute = 0;
  int card_last4 = 0;
  uint64_t salt = 0;  // Picks hashtags and emoji.
  std::string_view first_name;
  std::string_view agent_name;
  std::string_view mention;  // "@ovpas" on social networks, "OV-Pas" elsewhere.
};

// Number of templates for (lang, phrase, topic); falls back to Topic::kAny when the topic has
// none of its own. Zero only for combinations the generator never asks for.
size_t TemplateCount(Lang lang, Phrase phrase, Topic topic);

// Appends template number `index` (modulo TemplateCount) rendered with `values` to `out`.
void RenderTemplate(Lang lang, Phrase phrase, Topic topic, uint64_t index, const SlotValues& values,
                    std::string* out);

// Total number of templates for one language, over all phrase kinds.
size_t TemplatesPerLanguage(Lang lang);

// Problems with the phrase pools (unknown slot, unbalanced brace, missing pool); empty when fine.
std::vector<std::string> CheckPhrasePools();

struct PersonName {
  std::string_view display;  // As shown: "Anna", "de Vries", "Zoë".
  std::string_view ascii;    // For handles and addresses: "anna", "devries", "zoe".
};
std::span<const PersonName> FirstNames();
std::span<const PersonName> LastNames();

struct Influencer {
  std::string_view name;
  std::string_view handle;  // Without "@".
  Lang lang;
};
std::span<const Influencer> Influencers();

struct Agent {
  std::string_view initials;
  std::string_view name;
};
std::span<const Agent> Agents();

std::span<const std::string_view> Stations();
size_t ThemeCount();
// The topic an outage theme belongs to (kOutage or kGates).
Topic ThemeTopic(uint32_t theme);

}  // namespace webcare::ingest::demo
