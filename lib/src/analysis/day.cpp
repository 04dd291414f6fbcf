// Calendar-day arithmetic on stored dates, through <chrono>'s civil calendar.
#include "analysis/day.hpp"

#include <chrono>
#include <cstdio>

#include "util/strings.hpp"

namespace bouncekit::analysis {
namespace {

// Value of `n` ASCII digits at `s[pos]`, or -1.
int digits(std::string_view s, std::size_t pos, std::size_t n) {
  int value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!util::is_digit(s[i])) return -1;
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

std::optional<std::chrono::year_month_day> parse_day(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  if (iso.size() > 10 && iso[10] != 'T' && iso[10] != ' ') return std::nullopt;
  int y = digits(iso, 0, 4), m = digits(iso, 5, 2), d = digits(iso, 8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

}  // namespace

std::optional<std::string_view> day_of(std::string_view iso_date) {
  if (!parse_day(iso_date)) return std::nullopt;
  return iso_date.substr(0, 10);
}

std::optional<long> day_number(std::string_view iso_date) {
  auto ymd = parse_day(iso_date);
  if (!ymd) return std::nullopt;
  return static_cast<long>(std::chrono::sys_days{*ymd}.time_since_epoch().count());
}

std::string day_string(long day_number) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day_number}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace bouncekit::analysis
