// Counting the most frequent values of a stream in bounded memory (the Space-Saving algorithm).
//
// Exact while there are at most `capacity` distinct values. Past that, a new value takes the
// slot of the least counted one and inherits its count, so a value's count may be overstated by
// at most that inherited amount, and any value seen more than records/capacity times is kept.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bouncekit::analysis {

class TopCounter {
 public:
  TopCounter() = default;
  explicit TopCounter(std::size_t capacity) : capacity_(capacity) {}

  void add(std::string_view value) {
    for (auto& [name, count] : slots_)
      if (name == value) {
        ++count;
        return;
      }
    if (slots_.size() < capacity_) {
      slots_.emplace_back(std::string(value), 1);
      return;
    }
    auto least = std::min_element(slots_.begin(), slots_.end(),
                                  [](const auto& a, const auto& b) { return a.second < b.second; });
    least->first.assign(value);
    ++least->second;
  }

  /// The `n` most counted values, most first (ties by name).
  std::vector<std::pair<std::string, std::uint64_t>> top(std::size_t n) const {
    auto sorted = slots_;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (sorted.size() > n) sorted.resize(n);
    return sorted;
  }

 private:
  std::size_t capacity_ = 32;
  std::vector<std::pair<std::string, std::uint64_t>> slots_;
};

}  // namespace bouncekit::analysis
