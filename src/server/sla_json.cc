#include "server/sla_json.h"

#include <cmath>

#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"

namespace webcare::server {
namespace {

using nlohmann::json;

json OptionalTime(base::Micros at) { return at != 0 ? json(base::FormatRfc3339(at)) : json(nullptr); }
json OptionalId(core::TeamId team) { return team.valid() ? json(team.value()) : json(nullptr); }
json Positive(int value) { return value > 0 ? json(value) : json(nullptr); }

absl::Status Invalid(std::string message) { return absl::InvalidArgumentError(std::move(message)); }

// body[field] as a whole number of minutes: absent or null is 0 (none); otherwise 1..max.
absl::StatusOr<int> OptionalMinutes(const json& object, const std::string& field, const std::string& where,
                                    int max, const char* meaning) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return 0;
  if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > max) {
    return Invalid(base::StrCat(where, field, " must be a whole number from 1 to ", max, " ", meaning,
                                ", or null for none"));
  }
  return static_cast<int>(it->get<int64_t>());
}

double OneDecimal(double value) { return std::round(value * 10) / 10; }

}  // namespace

absl::StatusOr<int> ParseClockTime(std::string_view text, bool end_of_day_ok) {
  int hours = 0, minutes = 0;
  if (text.size() != 5 || text[2] != ':' || !base::ParseInt(text.substr(0, 2), hours) ||
      !base::ParseInt(text.substr(3, 2), minutes) || hours < 0 || hours > 24 || minutes < 0 ||
      minutes > 59 || (hours == 24 && (minutes != 0 || !end_of_day_ok))) {
    return Invalid("");
  }
  return hours * 60 + minutes;
}

std::string FormatClockTime(int minutes) {
  const int h = minutes / 60, m = minutes % 60;
  return base::StrCat(h < 10 ? "0" : "", h, ":", m < 10 ? "0" : "", m);
}

json ToJson(const core::ConversationSla& sla) {
  json timers = json::array();
  json breached = json::array();
  for (const core::SlaTimer& timer : sla.timers) {
    const bool late = timer.breached_at != 0 || (!timer.running() && timer.stopped_at > timer.due_at);
    if (late) breached.push_back(core::SlaKindName(timer.kind));
    timers.push_back({{"kind", core::SlaKindName(timer.kind)},
                      {"target_minutes", timer.target_minutes},
                      {"started_at", base::FormatRfc3339(timer.started_at)},
                      {"due_at", base::FormatRfc3339(timer.due_at)},
                      {"warn_at", OptionalTime(timer.warn_at)},
                      {"stopped_at", OptionalTime(timer.stopped_at)},
                      {"warned", timer.warned_at != 0},
                      {"breached", late}});
  }
  return {{"state", core::SlaStateName(sla.state)},
          {"due_at", OptionalTime(sla.due_at)},
          {"warn_at", OptionalTime(sla.warn_at)},
          {"first_response_at", OptionalTime(sla.first_response_at)},
          {"first_response_minutes", sla.first_response_business_seconds >= 0
                                         ? json(OneDecimal(sla.first_response_business_seconds / 60.0))
                                         : json(nullptr)},
          {"breached", std::move(breached)},
          {"timers", std::move(timers)}};
}

json ToJson(const core::BusinessHours& hours) {
  json intervals = json::array();
  for (const core::OpeningInterval& interval : hours.intervals) {
    intervals.push_back({{"weekday", interval.weekday},
                         {"opens", FormatClockTime(interval.opens)},
                         {"closes", FormatClockTime(interval.closes)}});
  }
  json closed = json::array();
  for (const core::ClosedDate& date : hours.closed) closed.push_back({{"date", date.date}, {"name", date.name}});
  return {{"team_id", OptionalId(hours.team)},
          {"time_zone", hours.time_zone},
          {"always_open", hours.always_open},
          {"intervals", std::move(intervals)},
          {"closed", std::move(closed)},
          {"updated_at", OptionalTime(hours.updated_at)}};
}

json ToJson(const core::SlaPolicy& policy) {
  json bands = json::array();
  for (const core::SlaTargets& band : policy.bands) {
    bands.push_back({{"min_priority", band.min_priority},
                     {"first_response_minutes", Positive(band.first_response_minutes)},
                     {"next_response_minutes", Positive(band.next_response_minutes)},
                     {"resolution_minutes", Positive(band.resolution_minutes)}});
  }
  return {{"team_id", OptionalId(policy.team)},
          {"bands", std::move(bands)},
          {"warn_percent", Positive(policy.warn_percent)},
          {"warn_minutes_before", Positive(policy.warn_minutes_before)},
          {"updated_at", OptionalTime(policy.updated_at)}};
}

json ToJson(const storage::SlaReport& report) {
  json breaches = json::object();
  for (const auto& [kind, count] : report.breaches) breaches[core::SlaKindName(kind)] = count;
  return {{"first_response",
           {{"responded", report.responded},
            {"within", report.responded_within},
            {"percent_within", report.responded > 0
                                   ? json(OneDecimal(100.0 * static_cast<double>(report.responded_within) /
                                                     static_cast<double>(report.responded)))
                                   : json(nullptr)},
            {"awaiting", report.awaiting},
            {"median_minutes", report.responded > 0 ? json(OneDecimal(report.median_minutes)) : json(nullptr)},
            {"p90_minutes", report.responded > 0 ? json(OneDecimal(report.p90_minutes)) : json(nullptr)}}},
          {"breaches", std::move(breaches)}};
}

absl::StatusOr<core::BusinessHours> BusinessHoursFromJson(const json& body, core::TeamId team) {
  if (!body.is_object()) return Invalid("the body must be a JSON object");
  core::BusinessHours hours{.team = team};
  const auto zone = body.find("time_zone");
  if (zone == body.end() || !zone->is_string()) {
    return Invalid("time_zone is required: an IANA name such as Europe/Amsterdam");
  }
  hours.time_zone = zone->get<std::string>();
  if (const auto it = body.find("always_open"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return Invalid("always_open must be true or false");
    hours.always_open = it->get<bool>();
  }
  if (const auto it = body.find("intervals"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) return Invalid("intervals must be a list of {weekday, opens, closes}");
    for (size_t i = 0; i < it->size(); ++i) {
      const json& item = (*it)[i];
      const std::string where = base::StrCat("intervals[", i, "]");
      if (!item.is_object()) return Invalid(base::StrCat(where, " must be an object {weekday, opens, closes}"));
      const auto weekday = item.find("weekday");
      if (weekday == item.end() || !weekday->is_number_integer() || weekday->get<int64_t>() < 1 ||
          weekday->get<int64_t>() > 7) {
        return Invalid(base::StrCat(where, ".weekday must be 1 (Monday) to 7 (Sunday)"));
      }
      core::OpeningInterval interval{.weekday = static_cast<int>(weekday->get<int64_t>())};
      for (const auto& [field, target, end_ok] : {std::tuple{"opens", &interval.opens, false},
                                                  std::tuple{"closes", &interval.closes, true}}) {
        const auto value = item.find(field);
        auto minutes = value != item.end() && value->is_string()
                           ? ParseClockTime(value->get<std::string>(), end_ok)
                           : absl::StatusOr<int>(Invalid(""));
        if (!minutes.ok()) {
          return Invalid(base::StrCat(where, ".", field, " must be a time such as 09:00",
                                      end_ok ? " (24:00 for midnight at the end of the day)" : ""));
        }
        *target = *minutes;
      }
      hours.intervals.push_back(interval);
    }
  }
  if (const auto it = body.find("closed"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) return Invalid("closed must be a list of {date, name}");
    for (size_t i = 0; i < it->size(); ++i) {
      const json& item = (*it)[i];
      const auto date = item.is_object() ? item.find("date") : item.end();
      if (!item.is_object() || date == item.end() || !date->is_string()) {
        return Invalid(base::StrCat("closed[", i, "].date is required, such as 2026-12-25"));
      }
      core::ClosedDate closed{.date = date->get<std::string>()};
      if (const auto name = item.find("name"); name != item.end() && !name->is_null()) {
        if (!name->is_string()) return Invalid(base::StrCat("closed[", i, "].name must be text"));
        closed.name = name->get<std::string>();
      }
      hours.closed.push_back(std::move(closed));
    }
  }
  return hours;
}

absl::StatusOr<core::SlaPolicy> PolicyFromJson(const json& body, core::TeamId team) {
  if (!body.is_object()) return Invalid("the body must be a JSON object");
  core::SlaPolicy policy{.team = team};
  const auto bands = body.find("bands");
  if (bands == body.end() || !bands->is_array()) {
    return Invalid("bands is required: a list of {min_priority, first_response_minutes, "
                   "next_response_minutes, resolution_minutes}");
  }
  for (size_t i = 0; i < bands->size(); ++i) {
    const json& item = (*bands)[i];
    const std::string where = base::StrCat("bands[", i, "].");
    if (!item.is_object()) return Invalid(base::StrCat("bands[", i, "] must be an object"));
    core::SlaTargets band;
    const auto min = item.find("min_priority");
    if (min != item.end() && !min->is_null()) {
      if (!min->is_number_integer() || min->get<int64_t>() < 0 || min->get<int64_t>() > 100) {
        return Invalid(base::StrCat(where, "min_priority must be a whole number from 0 to 100"));
      }
      band.min_priority = static_cast<int>(min->get<int64_t>());
    }
    constexpr int kMax = 525'600;
    ASSIGN_OR_RETURN(band.first_response_minutes,
                     OptionalMinutes(item, "first_response_minutes", where, kMax, "business minutes"));
    ASSIGN_OR_RETURN(band.next_response_minutes,
                     OptionalMinutes(item, "next_response_minutes", where, kMax, "business minutes"));
    ASSIGN_OR_RETURN(band.resolution_minutes,
                     OptionalMinutes(item, "resolution_minutes", where, kMax, "business minutes"));
    policy.bands.push_back(band);
  }
  ASSIGN_OR_RETURN(policy.warn_percent, OptionalMinutes(body, "warn_percent", "", 99, "(percent of the target)"));
  ASSIGN_OR_RETURN(policy.warn_minutes_before,
                   OptionalMinutes(body, "warn_minutes_before", "", 525'600, "business minutes"));
  return policy;
}

}  // namespace webcare::server
