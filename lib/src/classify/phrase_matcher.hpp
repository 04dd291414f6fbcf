// Finds which of many phrases occur in a text in one pass (Aho-Corasick over byte classes).
// Case-insensitive for ASCII, and a run of white space in the text matches one space of a phrase,
// so the text needs no lower-cased or collapsed copy. The hot loop of the classifier.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bouncekit::classify {

class PhraseMatcher {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  PhraseMatcher() = default;
  /// Phrases are matched case-insensitively; their index is their priority (lower wins).
  explicit PhraseMatcher(std::span<const std::string_view> phrases);
  explicit PhraseMatcher(const std::vector<std::string>& phrases);

  /// Index of the highest-priority (lowest-index) phrase found anywhere in `text`, or npos.
  std::size_t first(std::string_view text) const;

  bool empty() const { return states_ == 0; }

 private:
  void build(const std::vector<std::string_view>& phrases);

  std::array<std::uint8_t, 256> class_of_{};  // byte -> class; 0 = a byte no phrase contains
  std::uint8_t space_class_ = 0;
  std::size_t classes_ = 1;
  std::size_t states_ = 0;
  std::vector<std::uint32_t> next_;  // states_ x classes_ transition table
  std::vector<std::uint32_t> best_;  // per state: lowest phrase index ending here or at a suffix
};

}  // namespace bouncekit::classify
