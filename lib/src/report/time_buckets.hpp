// Grouping the per-day counts of a Summary into the columns of a time chart: days for a short
// window, months or years for a long one, with empty periods in between as zero.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bouncekit::report {

struct TimeBuckets {
  std::string_view unit;  ///< "day", "month" or "year"
  std::vector<std::pair<std::string, std::uint64_t>> columns;  ///< "YYYY-MM-DD" / "YYYY-MM" / "YYYY" -> records
};

/// Days when the first and last day are at most `max_days` apart (inclusive count), else months
/// when at most `max_columns` of them, else years. Keys that are not dates are ignored.
TimeBuckets time_buckets(const std::map<std::string, std::uint64_t>& per_day, long max_days = 120,
                         long max_columns = 600);

}  // namespace bouncekit::report
