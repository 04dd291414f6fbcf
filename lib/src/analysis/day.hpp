// Calendar days of the UTC dates the history stores ("YYYY-MM-DDTHH:MM:SSZ").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bouncekit::analysis {

/// The "YYYY-MM-DD" head of an ISO 8601 date, if it is a real calendar date; nullopt otherwise.
std::optional<std::string_view> day_of(std::string_view iso_date);

/// Days since 1970-01-01 of an ISO 8601 date's calendar day; nullopt if it has none.
std::optional<long> day_number(std::string_view iso_date);

/// "YYYY-MM-DD" of a day number (the inverse of day_number).
std::string day_string(long day_number);

}  // namespace bouncekit::analysis
