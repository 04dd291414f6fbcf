// Times for the nightly job: the clock, and --since specifications.
#include <charconv>
#include <chrono>
#include <ctime>

#include "bouncekit/nightly.hpp"

namespace bouncekit::nightly {
namespace {

std::string format_utc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

// Reads `digits` decimal digits at `pos`; -1 if they are not all digits.
int number_at(std::string_view s, std::size_t pos, std::size_t digits) {
  int value = 0;
  auto [end, ec] = std::from_chars(s.data() + pos, s.data() + pos + digits, value);
  if (ec != std::errc{} || end != s.data() + pos + digits) return -1;
  return value;
}

// "YYYY-MM-DD" at the start of `s` as a calendar-checked date; false if it is not one.
bool parse_date(std::string_view s, std::tm& tm) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  int year = number_at(s, 0, 4), month = number_at(s, 5, 2), day = number_at(s, 8, 2);
  if (year < 1970 || month < 1 || month > 12 || day < 1) return false;
  using namespace std::chrono;
  if (!year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                      std::chrono::day{static_cast<unsigned>(day)}}
           .ok())
    return false;
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  return true;
}

std::optional<std::time_t> parse_utc(std::string_view s) {
  std::tm tm{};
  if (s.size() != 20 || !parse_date(s, tm) || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
    return std::nullopt;
  tm.tm_hour = number_at(s, 11, 2);
  tm.tm_min = number_at(s, 14, 2);
  tm.tm_sec = number_at(s, 17, 2);
  if (tm.tm_hour < 0 || tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 || tm.tm_sec > 60)
    return std::nullopt;
  return timegm(&tm);
}

}  // namespace

std::string now_utc() { return format_utc(std::time(nullptr)); }

bool is_utc_timestamp(std::string_view text) { return parse_utc(text).has_value(); }

std::optional<std::string> window_start(std::string_view spec, std::string_view now) {
  std::optional<std::time_t> clock = parse_utc(now);
  if (!clock) return std::nullopt;
  if (spec == "all") return std::string();
  if (spec.size() >= 2 && (spec.back() == 'd' || spec.back() == 'h')) {
    long amount = 0;
    auto [end, ec] = std::from_chars(spec.data(), spec.data() + spec.size() - 1, amount);
    // Up to a century back: enough for any history, and no overflow below.
    long limit = spec.back() == 'd' ? 36600 : 36600 * 24;
    if (ec != std::errc{} || end != spec.data() + spec.size() - 1 || amount < 0 || amount > limit)
      return std::nullopt;
    long seconds = amount * (spec.back() == 'd' ? 86400 : 3600);
    return format_utc(*clock - static_cast<std::time_t>(seconds));
  }
  if (spec.size() == 10) {
    std::tm tm{};
    if (!parse_date(spec, tm)) return std::nullopt;
    return std::string(spec) + "T00:00:00Z";
  }
  if (parse_utc(spec)) return std::string(spec);
  return std::nullopt;
}

}  // namespace bouncekit::nightly
