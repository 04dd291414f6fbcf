#include "report/time_buckets.hpp"

#include <cstdio>
#include <optional>

#include "analysis/day.hpp"

namespace bouncekit::report {
namespace {

std::string two_digits(long v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02ld", v);
  return buf;
}

// Months counted from year 0: "YYYY-MM-DD" -> YYYY*12 + MM-1.
long month_index(std::string_view day) {
  return std::stol(std::string(day.substr(0, 4))) * 12 + std::stol(std::string(day.substr(5, 2))) - 1;
}

}  // namespace

TimeBuckets time_buckets(const std::map<std::string, std::uint64_t>& per_day, long max_days, long max_columns) {
  std::map<long, std::uint64_t> days;  // day number -> records
  for (const auto& [day, records] : per_day)
    if (auto n = analysis::day_number(day)) days[*n] += records;
  TimeBuckets out;
  if (days.empty()) {
    out.unit = "day";
    return out;
  }
  const long first = days.begin()->first, last = days.rbegin()->first;
  if (last - first + 1 <= max_days) {
    out.unit = "day";
    for (long d = first; d <= last; ++d) {
      auto it = days.find(d);
      out.columns.emplace_back(analysis::day_string(d), it == days.end() ? 0 : it->second);
    }
    return out;
  }
  std::map<long, std::uint64_t> months;  // month index -> records
  for (const auto& [day, records] : days) months[month_index(analysis::day_string(day))] += records;
  const long first_month = months.begin()->first, last_month = months.rbegin()->first;
  if (last_month - first_month + 1 <= max_columns) {
    out.unit = "month";
    for (long m = first_month; m <= last_month; ++m) {
      auto it = months.find(m);
      out.columns.emplace_back(std::to_string(m / 12) + "-" + two_digits(m % 12 + 1),
                               it == months.end() ? 0 : it->second);
    }
    return out;
  }
  out.unit = "year";
  std::map<long, std::uint64_t> years;
  for (const auto& [m, records] : months) years[m / 12] += records;
  // Days are four-digit years, so there are at most 10000 of these.
  for (long y = years.begin()->first; y <= years.rbegin()->first; ++y) {
    auto it = years.find(y);
    out.columns.emplace_back(std::to_string(y), it == years.end() ? 0 : it->second);
  }
  return out;
}

}  // namespace bouncekit::report
