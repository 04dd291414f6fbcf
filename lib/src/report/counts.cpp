#include "report/counts.hpp"

#include <algorithm>
#include <cstdio>

namespace bouncekit::report {
namespace {

constexpr std::string_view kEmptyName = "(none)";

template <class Pairs>
std::string join(const Pairs& counts) {
  std::string out;
  for (const auto& [name, count] : counts) {
    if (!out.empty()) out += ';';
    out += name.empty() ? std::string_view(kEmptyName) : std::string_view(name);
    out += '=';
    out += std::to_string(count);
  }
  return out;
}

}  // namespace

std::vector<Count> by_count(const std::map<std::string, std::uint64_t>& counts) {
  std::vector<Count> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(), [](const Count& a, const Count& b) { return a.second > b.second; });
  return out;
}

std::string join_counts(const std::vector<Count>& counts) { return join(counts); }
std::string join_counts(const std::vector<std::pair<std::string, std::uint64_t>>& counts) { return join(counts); }

std::string percent(std::uint64_t part, std::uint64_t whole) {
  char buf[32];
  double share = whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  std::snprintf(buf, sizeof buf, "%.1f%%", share);
  return buf;
}

}  // namespace bouncekit::report
