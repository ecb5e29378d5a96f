// The demo world is generated hour by hour: each hour of the 90-day window gets a share of the
// requested posts proportional to a weekday/hour rhythm (times outage surges), and each slot in
// the hour either releases a pending reply that is due or starts a new customer conversation.
// People are a pure function of (seed, person id), so memory stays flat however many posts are
// asked for; only the replies still to come are kept, in a small priority queue.

#include "ingest/demo/demo_world.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <queue>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "ingest/demo/demo_people.h"
#include "ingest/demo/demo_phrases.h"

namespace webcare::ingest::demo {
namespace {

using base::Micros;
using core::Direction;
using core::NewPost;
using Sink = std::function<absl::Status(NewPost&&)>;

constexpr Micros kSecond = base::kMicrosPerSecond;
constexpr Micros kMinute = 60 * kSecond;
constexpr Micros kHour = 60 * kMinute;
constexpr Micros kDay = 24 * kHour;
constexpr Micros kWindow = 90 * kDay;
// Amsterdam's winter offset; a fixed offset keeps the rhythm simple and reproducible.
constexpr Micros kLocalOffset = kHour;

constexpr Micros FloorDiv(Micros a, Micros b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// Local calendar helpers (days since 1970-01-01 in local time).
int WeekdayOfDay(int64_t day) { return static_cast<int>(((day + 3) % 7 + 7) % 7); }  // 0=Mon
void CivilFromDays(int64_t z, int* year, int* month, int* day) {
  // Howard Hinnant's days_from_civil inverse.
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = static_cast<int>(yoe + era * 400 + (*month <= 2));
}

// ---- conversations ----

enum class Action : uint8_t {
  kTeamAnswer,
  kTeamAskDm,
  kTeamOutage,
  kTeamUnresolved,
  kTeamThanks,
  kCustomerThanks,
  kCustomerUnresolved,
  kCustomerDm,
};

bool IsTeam(Action action) { return action <= Action::kTeamThanks; }

// A post that is yet to be written: a reply to `parent` (a post counter on the same channel) or
// a new DM thread when parent == 0.
struct Pending {
  Micros due = 0;
  uint64_t seq = 0;  // Breaks ties between equal due times deterministically.
  uint64_t parent = 0;
  uint32_t person = 0;
  uint32_t amount_cents = 0;
  Net net = kX;
  Topic topic = Topic::kNeutral;
  Action action = Action::kTeamAnswer;
  uint8_t depth = 0;
  uint8_t station = 0;
  uint8_t station2 = 1;
  uint8_t theme = 0;
  uint8_t agent = 0;
  bool is_private = false;
};

struct DueLater {
  bool operator()(const Pending& a, const Pending& b) const {
    return a.due != b.due ? a.due > b.due : a.seq > b.seq;
  }
};

struct Outage {
  Micros begin = 0;
  Micros end = 0;
  uint32_t theme = 0;
  uint32_t station = 0;
  int multiplier = 1;
};

// Relative volume per local hour; weekdays peak at the morning commute, weekends later and lower.
constexpr double kWeekdayHours[24] = {0.15, 0.08, 0.05, 0.04, 0.05, 0.15, 0.5,  1.4,
                                      1.8,  1.5,  1.2,  1.0,  0.95, 0.9,  0.9,  0.95,
                                      1.1,  1.3,  1.1,  0.8,  0.7,  0.6,  0.45, 0.3};
constexpr double kWeekendHours[24] = {0.25, 0.15, 0.1,  0.06, 0.05, 0.06, 0.12, 0.25,
                                      0.4,  0.6,  0.75, 0.8,  0.8,  0.8,  0.8,  0.8,
                                      0.75, 0.7,  0.65, 0.6,  0.55, 0.5,  0.4,  0.3};
// Monday and Wednesday are the busiest days for a transport-card help desk.
constexpr double kDayFactor[7] = {1.35, 1.1, 1.25, 1.05, 0.95, 0.55, 0.5};

// Topic mix of new conversations outside outages, in per mille.
constexpr std::pair<Topic, int> kTopicWeights[] = {
    {Topic::kSaldo, 90},        {Topic::kCheckin, 100},     {Topic::kRefund, 80},
    {Topic::kSubscription, 70}, {Topic::kApp, 60},          {Topic::kOutage, 50},
    {Topic::kGates, 60},        {Topic::kDoubleCharge, 60}, {Topic::kWaitTime, 60},
    {Topic::kRunaround, 50},    {Topic::kPraise, 120},      {Topic::kNeutral, 200},
};

// Chance that the team answers a new conversation about each topic (indexed by Topic).
constexpr double kReplyChance[kTopicCount] = {0.75, 0.75, 0.75, 0.75, 0.75, 0.65, 0.65,
                                              0.65, 0.65, 0.65, 0.3,  0.1,  0.5};

bool IsAccountMatter(Topic topic) {
  return topic == Topic::kSaldo || topic == Topic::kCheckin || topic == Topic::kRefund ||
         topic == Topic::kSubscription || topic == Topic::kDoubleCharge;
}

class World {
 public:
  World(const DemoOptions& options, const Sink& sink)
      : options_(options),
        sink_(sink),
        rng_(Mix(options.seed ^ 0xd3e0)),
        start_(options.end_time - kWindow),
        pool_(static_cast<uint32_t>(std::clamp<int64_t>(options.posts / 4, 200, 5'000'000))),
        influencers_(5 + static_cast<uint32_t>(HashOf(options.seed, 0x1f1) % 6)),
        counters_{} {}

  absl::Status Run();

 private:
  void PlanOutages();
  uint64_t BucketWeight(Micros begin, Micros end) const;
  const Outage* OutageAt(Micros t) const;
  absl::Status StartConversation(Micros t);
  absl::Status Continue(const Pending& pending, Micros t);
  void FillSlots(Micros t, SlotValues* values);
  Micros TeamDue(Micros t, Net net);
  uint8_t AgentOnDuty(Micros t);
  std::string CustomerText(const Person& person, Net net, Phrase phrase, Topic topic,
                           const SlotValues& values, bool follow_up);
  std::string TeamText(Net net, Lang lang, Phrase phrase, Topic topic, const Agent& agent,
                       const SlotValues& values);
  void AddReach(Net net, NewPost* post);
  void Schedule(Pending pending) {
    pending.seq = ++seq_;
    queue_.push(pending);
  }
  absl::Status Emit(NewPost&& post) { return sink_(std::move(post)); }

  const DemoOptions& options_;
  const Sink& sink_;
  Rng rng_;
  const Micros start_;
  const uint32_t pool_;
  const uint32_t influencers_;
  std::vector<Outage> outages_;
  std::priority_queue<Pending, std::vector<Pending>, DueLater> queue_;
  uint64_t seq_ = 0;
  std::array<uint64_t, kNetCount> counters_;
};

void World::PlanOutages() {
  // 3-5 outages, one per equal part of the window, on a daytime hour.
  const int count = 3 + static_cast<int>(rng_.Below(3));
  const Micros first_midnight = FloorDiv(start_ + kLocalOffset, kDay) * kDay + kDay - kLocalOffset;
  const int64_t days_per_part = 88 / count;
  for (int i = 0; i < count; ++i) {
    Outage outage;
    const int64_t day = i * days_per_part + 1 + static_cast<int64_t>(rng_.Below(days_per_part - 1));
    outage.begin = first_midnight + day * kDay + (7 + static_cast<int64_t>(rng_.Below(11))) * kHour;
    outage.end = outage.begin + (2 + static_cast<int64_t>(rng_.Below(5))) * kHour;
    outage.theme = static_cast<uint32_t>(rng_.Below(ThemeCount()));
    outage.station = static_cast<uint32_t>(rng_.Below(Stations().size()));
    outage.multiplier = 3 + static_cast<int>(rng_.Below(4));
    outages_.push_back(outage);
  }
}

const Outage* World::OutageAt(Micros t) const {
  for (const Outage& outage : outages_) {
    if (t >= outage.begin && t < outage.end) return &outage;
  }
  return nullptr;
}

uint64_t World::BucketWeight(Micros begin, Micros end) const {
  const Micros local = begin + kLocalOffset;
  const int64_t day = FloorDiv(local, kDay);
  const int weekday = WeekdayOfDay(day);
  const int hour = static_cast<int>((local - day * kDay) / kHour);
  double weight = (weekday >= 5 ? kWeekendHours : kWeekdayHours)[hour] * kDayFactor[weekday];
  if ((weekday == 0 || weekday == 2) && hour >= 7 && hour <= 10) weight *= 1.2;
  // Some days are simply busier than others.
  weight *= 0.85 + 0.3 * static_cast<double>(HashOf(options_.seed, day, 0xda7) % 1000) / 1000.0;
  if (const Outage* outage = OutageAt(begin)) weight *= outage->multiplier;
  weight *= static_cast<double>(end - begin) / static_cast<double>(kHour);
  return static_cast<uint64_t>(std::llround(weight * 10'000.0));
}

absl::Status World::Run() {
  PlanOutages();
  // Hour buckets aligned to the clock; the first and last may be partial.
  std::vector<std::pair<Micros, Micros>> buckets;
  std::vector<uint64_t> weights;
  uint64_t total = 0;
  for (Micros b = FloorDiv(start_, kHour) * kHour; b < options_.end_time; b += kHour) {
    const Micros begin = std::max(b, start_);
    const Micros end = std::min(b + kHour, options_.end_time);
    buckets.emplace_back(begin, end);
    weights.push_back(BucketWeight(begin, end));
    total += weights.back();
  }
  if (total == 0) {  // Only possible for a degenerate window; spread evenly instead.
    std::fill(weights.begin(), weights.end(), 1);
    total = weights.size();
  }

  const auto n = static_cast<unsigned __int128>(options_.posts);
  unsigned __int128 cumulative = 0;
  int64_t assigned = 0;
  std::vector<Micros> times;
  for (size_t i = 0; i < buckets.size(); ++i) {
    // Cumulative rounding: every bucket gets its share and the total is exactly `posts`.
    cumulative += weights[i];
    const auto target = static_cast<int64_t>(n * cumulative / total);
    const int64_t count = target - assigned;
    assigned = target;
    const auto [begin, end] = buckets[i];
    times.resize(static_cast<size_t>(count));
    for (Micros& t : times) t = begin + static_cast<Micros>(rng_.Below(end - begin));
    std::sort(times.begin(), times.end());
    // Replies may take at most 60% of an hour's posts, so a backlog after a quiet night or
    // an outage delays answers instead of silencing new customers.
    const int64_t reply_cap = std::max<int64_t>(1, count * 3 / 5);
    int64_t replies = 0;
    for (const Micros t : times) {
      absl::Status status;
      if (!queue_.empty() && queue_.top().due <= t && replies < reply_cap) {
        const Pending pending = queue_.top();
        queue_.pop();
        ++replies;
        status = Continue(pending, t);
      } else {
        status = StartConversation(t);
      }
      if (!status.ok()) return status;
    }
  }
  return absl::OkStatus();
}

void World::FillSlots(Micros t, SlotValues* values) {
  const auto stations = static_cast<uint32_t>(Stations().size());
  values->station = static_cast<uint32_t>(rng_.Below(stations));
  values->station2 =
      (values->station + 1 + static_cast<uint32_t>(rng_.Below(stations - 1))) % stations;
  values->amount_cents = 150 + static_cast<int64_t>(rng_.Below(4800));
  values->line = 1 + static_cast<int>(rng_.Below(400));
  values->minutes = 10 + static_cast<int>(rng_.Below(80));
  values->card_last4 = static_cast<int>(rng_.Below(10000));
  values->salt = rng_.Next();
  // A date a few days back, for "on 12 March" and "on Monday".
  const int64_t day = FloorDiv(t + kLocalOffset, kDay) - 1 - static_cast<int64_t>(rng_.Below(5));
  int year = 0;
  CivilFromDays(day, &year, &values->month, &values->day_of_month);
  values->weekday = WeekdayOfDay(day);
  // A time later today, rounded to five minutes, for "I need to be there by 09:15".
  const Micros later = t + kLocalOffset + kHour / 2 + static_cast<Micros>(rng_.Below(90)) * kMinute;
  const int64_t minute_of_day = (later - FloorDiv(later, kDay) * kDay) / kMinute;
  values->hour = static_cast<int>(minute_of_day / 60);
  values->minute = static_cast<int>(minute_of_day % 60) / 5 * 5;
}

Micros World::TeamDue(Micros t, Net net) {
  Micros delay = 0;
  int open = 7;
  int close = 23;
  switch (net) {
    case kEmail:
      delay = rng_.LogUniform(30 * kMinute, 30 * kHour);
      open = 8;
      close = 20;
      break;
    case kPhone:
      delay = rng_.LogUniform(kHour, 28 * kHour);
      open = 8;
      close = 20;
      break;
    case kForum:
      delay = rng_.LogUniform(10 * kMinute, 8 * kHour);
      break;
    default:
      delay = rng_.LogUniform(2 * kMinute, 3 * kHour);
      break;
  }
  const Micros due = t + delay;
  // Outside office hours the answer waits for the next shift.
  const Micros local = due + kLocalOffset;
  const Micros midnight = FloorDiv(local, kDay) * kDay;
  const int hour = static_cast<int>((local - midnight) / kHour);
  if (hour >= open && hour < close) return due;
  const Micros opening = midnight + (hour >= close ? kDay : 0) + open * kHour - kLocalOffset;
  return opening + rng_.LogUniform(5 * kMinute, 2 * kHour);
}

void LowercaseAscii(std::string* text) {
  for (char& c : *text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// Removes emoji (4-byte UTF-8 sequences) and the space before them: an agent typing a call
// note does not type the customer's smileys.
void StripEmoji(std::string* text) {
  std::string kept;
  kept.reserve(text->size());
  for (size_t i = 0; i < text->size();) {
    const auto byte = static_cast<unsigned char>((*text)[i]);
    if (byte >= 0xF0 && byte <= 0xF4 && i + 4 <= text->size()) {
      if (!kept.empty() && kept.back() == ' ') kept.pop_back();
      i += 4;
      continue;
    }
    kept.push_back((*text)[i++]);
  }
  *text = std::move(kept);
}

void AppendSignature(std::string_view initials, std::string* text) {
  text->append(" ^");
  text->append(initials);
}

uint8_t World::AgentOnDuty(Micros t) {
  // Two shifts a day of three agents each, rotating through the team day by day.
  const Micros local = t + kLocalOffset;
  const int64_t day = FloorDiv(local, kDay);
  const int64_t hour = (local - day * kDay) / kHour;
  const auto team = static_cast<int64_t>(Agents().size());
  const int64_t first = ((day * 3 + (hour < 15 ? 0 : 4)) % team + team) % team;
  return static_cast<uint8_t>((first + static_cast<int64_t>(rng_.Below(3))) % team);
}

std::string World::CustomerText(const Person& person, Net net, Phrase phrase, Topic topic,
                                const SlotValues& values, bool follow_up) {
  std::string text;
  const Lang lang = values.lang;
  const uint64_t pick = rng_.Next();
  if (net == kEmail) {
    text.append(lang == Lang::kNl ? "Onderwerp: " : "Subject: ");
    if (follow_up) text.append("Re: ");
    RenderTemplate(lang, Phrase::kEmailSubject, topic, pick, values, &text);
    text.append("\n\n");
    RenderTemplate(lang, Phrase::kEmailOpen, Topic::kAny, pick >> 8, values, &text);
    text.append("\n\n");
    RenderTemplate(lang, phrase, topic, pick >> 16, values, &text);
    text.append("\n\n");
    RenderTemplate(lang, Phrase::kEmailClose, Topic::kAny, pick >> 32, values, &text);
    text.push_back('\n');
    text.append(person.display_name);
  } else if (net == kPhone) {
    // Call notes are typed by the agent who took the call, quoting the customer.
    RenderTemplate(lang, Phrase::kPhoneNote, Topic::kAny, pick, values, &text);
    text.push_back('"');
    RenderTemplate(lang, phrase, topic, pick >> 16, values, &text);
    StripEmoji(&text);
    text.push_back('"');
  } else {
    RenderTemplate(lang, phrase, topic, pick >> 16, values, &text);
    if (kNetworks[net].social) {
      // Social spelling: some people never use capitals, some add a hashtag.
      if (rng_.Chance(0.12)) LowercaseAscii(&text);
      if (!values.plain && rng_.Chance(0.1)) text.append(" #ovpas");
    }
  }
  return text;
}

std::string World::TeamText(Net net, Lang lang, Phrase phrase, Topic topic, const Agent& agent,
                            const SlotValues& values) {
  std::string text;
  const uint64_t pick = rng_.Next();
  if (net == kEmail) {
    text.append(lang == Lang::kNl ? "Onderwerp: Re: " : "Subject: Re: ");
    RenderTemplate(lang, Phrase::kEmailSubject, topic, pick >> 40, values, &text);
    text.append("\n\n");
    RenderTemplate(lang, phrase, topic, pick, values, &text);
    text.append(lang == Lang::kNl ? "\n\nMet vriendelijke groet,\n" : "\n\nKind regards,\n");
    text.append(agent.name);
    AppendSignature(agent.initials, &text);
    text.append("\nOV-Pas Klantenservice");
    return text;
  }
  if (net == kPhone) {
    RenderTemplate(lang, Phrase::kPhoneCallback, Topic::kAny, pick >> 40, values, &text);
  }
  RenderTemplate(lang, phrase, topic, pick, values, &text);
  AppendSignature(agent.initials, &text);
  return text;
}

void World::AddReach(Net net, NewPost* post) {
  if (post->is_private || !kNetworks[net].social) return;
  if (post->direction == Direction::kOutbound) {
    post->metrics.likes = static_cast<int64_t>(rng_.Below(6));
    return;
  }
  const auto followers = static_cast<uint64_t>(post->author.followers);
  post->metrics.likes = static_cast<int64_t>(rng_.Below(2 + followers / 40));
  post->metrics.reposts =
      static_cast<int64_t>(rng_.Below(1 + static_cast<uint64_t>(post->metrics.likes) / 4));
  if (net == kX || net == kMastodon || net == kInstagram) {
    post->metrics.views = static_cast<int64_t>(followers / 5 + rng_.Below(20 + followers / 2));
  }
}

absl::Status World::StartConversation(Micros t) {
  const Outage* outage = OutageAt(t);
  // Influencers chime in more when something is broken.
  uint32_t id = 0;
  if (rng_.Chance(outage != nullptr ? 0.02 : 0.004)) {
    id = kInfluencerBit | static_cast<uint32_t>(rng_.Below(influencers_));
  } else {
    // Squaring a uniform favours low ids: a core of repeat customers writes again and again.
    const double u = rng_.Unit();
    id = static_cast<uint32_t>(static_cast<double>(pool_) * u * u);
  }
  const Person person = MakePerson(options_.seed, id);
  Net net = person.primary;
  if (!rng_.Chance(0.65)) {
    auto k = static_cast<int>(rng_.Below(static_cast<uint64_t>(std::popcount(person.networks))));
    for (int n = 0; n < kNetCount; ++n) {
      if ((person.networks >> n & 1) && k-- == 0) {
        net = static_cast<Net>(n);
        break;
      }
    }
  }
  const NetworkInfo& info = kNetworks[net];

  SlotValues values;
  values.lang = person.lang;
  values.plain = !info.social;
  values.mention = info.mention;
  values.first_name = person.display_first;
  FillSlots(t, &values);
  Phrase phrase = Phrase::kInbound;
  Topic topic = Topic::kNeutral;
  if (outage != nullptr && rng_.Chance(0.7)) {
    phrase = Phrase::kOutageSurge;
    topic = ThemeTopic(outage->theme);
    values.theme = outage->theme;
    if (rng_.Chance(0.6)) values.station = outage->station;
  } else {
    auto roll = static_cast<int>(rng_.Below(1000));
    for (const auto& [candidate, weight] : kTopicWeights) {
      topic = candidate;
      if ((roll -= weight) < 0) break;
    }
    // Nobody phones or mails just to say the new card looks nice: ask a question instead.
    if (topic == Topic::kNeutral && info.always_private) {
      topic = static_cast<Topic>(rng_.Below(5));
    }
  }

  NewPost post;
  post.is_private =
      info.always_private || (info.dm_capable && IsAccountMatter(topic) && rng_.Chance(0.3));
  values.plain = values.plain || post.is_private;  // No hashtags in a DM.
  const uint64_t counter = ++counters_[net];
  post.network = std::string(info.name);
  post.channel = std::string(info.channel);
  post.external_id = ExternalId(net, counter, /*outbound=*/false, options_.seed);
  FillAuthor(options_.seed, person, net, &post.author);
  post.text = CustomerText(person, net, phrase, topic, values, /*follow_up=*/false);
  post.created_at = t;
  post.direction = Direction::kInbound;
  post.url = PostUrl(net, post.author, post.external_id, post.is_private);
  if ((net == kInstagram && !post.is_private) || (net == kX && rng_.Chance(0.08))) {
    post.attachments.push_back(
        {"https://media.example.com/demo/" + post.external_id + ".jpg", "image/jpeg", "photo.jpg"});
  } else if (net == kEmail && rng_.Chance(0.1)) {
    post.attachments.push_back(
        {"https://media.example.com/demo/mail/" + std::to_string(counter) + ".pdf",
         "application/pdf", person.lang == Lang::kNl ? "bijlage.pdf" : "attachment.pdf"});
  }
  AddReach(net, &post);
  const bool is_private = post.is_private;
  RETURN_IF_ERROR(Emit(std::move(post)));

  double reply_chance =
      phrase == Phrase::kOutageSurge ? 0.4 : kReplyChance[static_cast<int>(topic)];
  if (net == kPhone) {
    // Most calls are settled during the call; a call back is for open questions and complaints.
    reply_chance = topic == Topic::kPraise || topic == Topic::kNeutral ? 0.0 : 0.4;
  }
  if (person.influencer) reply_chance = 0.95;
  if (!rng_.Chance(reply_chance)) return absl::OkStatus();
  Pending pending;
  pending.parent = counter;
  pending.person = id;
  pending.amount_cents = static_cast<uint32_t>(values.amount_cents);
  pending.net = net;
  pending.topic = topic;
  pending.station = static_cast<uint8_t>(values.station);
  pending.station2 = static_cast<uint8_t>(values.station2);
  pending.theme = static_cast<uint8_t>(values.theme);
  pending.is_private = is_private;
  if (phrase == Phrase::kOutageSurge) {
    pending.action = Action::kTeamOutage;
  } else if (!is_private && info.dm_capable && IsAccountMatter(topic) && rng_.Chance(0.5)) {
    pending.action = Action::kTeamAskDm;  // Card numbers do not belong in public.
  } else {
    pending.action = Action::kTeamAnswer;
  }
  pending.due = TeamDue(t, net);
  Schedule(pending);
  return absl::OkStatus();
}

absl::Status World::Continue(const Pending& pending, Micros t) {
  const Person person = MakePerson(options_.seed, pending.person);
  const Net net = pending.net;
  const NetworkInfo& info = kNetworks[net];
  const bool outbound = IsTeam(pending.action);

  SlotValues values;
  values.lang = person.lang;
  values.plain = !info.social || pending.is_private;
  values.mention = info.mention;
  values.first_name = person.display_first;
  FillSlots(t, &values);
  // Keep the conversation about the same trip and amount.
  values.station = pending.station;
  values.station2 = pending.station2;
  values.amount_cents = pending.amount_cents;
  values.theme = pending.theme;

  NewPost post;
  const uint64_t counter = ++counters_[net];
  post.network = std::string(info.name);
  post.channel = std::string(info.channel);
  post.external_id = ExternalId(net, counter, outbound, options_.seed);
  if (pending.parent != 0) {
    post.in_reply_to = ExternalId(net, pending.parent, !outbound, options_.seed);
  }
  post.created_at = t;
  post.is_private = pending.is_private;
  uint8_t agent = pending.agent;
  if (outbound) {
    agent = AgentOnDuty(t);
    post.direction = Direction::kOutbound;
    FillBrandAuthor(net, &post.author);
    Phrase phrase = Phrase::kReply;
    switch (pending.action) {
      case Action::kTeamAskDm:
        phrase = Phrase::kReplyAskDm;
        break;
      case Action::kTeamOutage:
        phrase = Phrase::kReplyOutage;
        break;
      case Action::kTeamUnresolved:
        phrase = Phrase::kReplyUnresolved;
        break;
      case Action::kTeamThanks:
        phrase = Phrase::kReplyThanks;
        break;
      default:
        break;
    }
    post.text = TeamText(net, person.lang, phrase, pending.topic, Agents()[agent], values);
  } else {
    values.agent_name = Agents()[agent].name;
    post.direction = Direction::kInbound;
    FillAuthor(options_.seed, person, net, &post.author);
    const Phrase phrase = pending.action == Action::kCustomerThanks ? Phrase::kFollowUpThanks
                          : pending.action == Action::kCustomerDm   ? Phrase::kDmFollowUp
                                                                    : Phrase::kFollowUpUnresolved;
    post.text = CustomerText(person, net, phrase, pending.topic, values, /*follow_up=*/true);
  }
  post.url = PostUrl(net, post.author, post.external_id, post.is_private);
  AddReach(net, &post);
  RETURN_IF_ERROR(Emit(std::move(post)));

  // What happens next in this conversation.
  Pending next = pending;
  next.parent = counter;
  next.agent = agent;
  next.depth = static_cast<uint8_t>(pending.depth + 1);
  const Micros customer_due = t + rng_.LogUniform(2 * kMinute, 16 * kHour);
  switch (pending.action) {
    case Action::kTeamAskDm:
      if (!rng_.Chance(0.7)) return absl::OkStatus();
      // A DM opens a new private thread, so it answers nothing on the public timeline.
      next.action = Action::kCustomerDm;
      next.parent = 0;
      next.is_private = true;
      next.due = customer_due;
      break;
    case Action::kTeamAnswer:
    case Action::kTeamOutage:
      if (net == kPhone || pending.depth >= 3 || !rng_.Chance(0.3)) return absl::OkStatus();
      next.action = rng_.Chance(0.6) ? Action::kCustomerThanks : Action::kCustomerUnresolved;
      next.due = customer_due;
      break;
    case Action::kTeamUnresolved:
      if (net == kPhone || !rng_.Chance(0.25)) return absl::OkStatus();
      next.action = Action::kCustomerThanks;
      next.due = customer_due;
      break;
    case Action::kTeamThanks:
      return absl::OkStatus();
    case Action::kCustomerThanks:
      if (!rng_.Chance(0.25)) return absl::OkStatus();
      next.action = Action::kTeamThanks;
      next.due = TeamDue(t, net);
      break;
    case Action::kCustomerUnresolved:
      if (!rng_.Chance(0.85)) return absl::OkStatus();
      next.action = Action::kTeamUnresolved;
      next.due = TeamDue(t, net);
      break;
    case Action::kCustomerDm:
      if (!rng_.Chance(0.95)) return absl::OkStatus();
      next.action = Action::kTeamAnswer;
      next.due = TeamDue(t, net);
      break;
  }
  Schedule(next);
  return absl::OkStatus();
}

}  // namespace

absl::Status GenerateDemoWorld(const DemoOptions& options,
                               const std::function<absl::Status(core::NewPost&&)>& sink) {
  if (options.posts < 0) return absl::InvalidArgumentError("posts must not be negative");
  if (options.end_time == 0) return absl::InvalidArgumentError("end_time must be set");
  if (options.end_time < std::numeric_limits<Micros>::min() + kWindow ||
      options.end_time > std::numeric_limits<Micros>::max() - 7 * kDay) {
    return absl::InvalidArgumentError("end_time is out of range");
  }
  if (!sink) return absl::InvalidArgumentError("sink must be set");
  if (options.posts == 0) return absl::OkStatus();
  World world(options, sink);
  return world.Run();
}

}  // namespace webcare::ingest::demo
