// Ordering and printing the count maps of a Summary (reason -> records, ...), shared by the writers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bouncekit::report {

using Count = std::pair<std::string_view, std::uint64_t>;

/// The entries most counted first, ties by name; views into `counts`.
std::vector<Count> by_count(const std::map<std::string, std::uint64_t>& counts);
/// "a=3;b=1" (the order given); an empty name is written "(none)".
std::string join_counts(const std::vector<Count>& counts);
std::string join_counts(const std::vector<std::pair<std::string, std::uint64_t>>& counts);
/// Share of `part` in `whole` as "12.5%" ("0.0%" when whole is 0).
std::string percent(std::uint64_t part, std::uint64_t whole);

}  // namespace bouncekit::report
