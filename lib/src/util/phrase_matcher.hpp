// Finds which of many phrases occur in a text in one pass (Aho-Corasick over byte classes).
// Case-insensitive for ASCII, and (unless built with Spaces::exact) a run of white space in the
// text matches one space of a phrase, so the text needs no lower-cased or collapsed copy. The hot
// loop of the classifier; the fallback decoder tests each line of a notice against its phrase
// tables with it (Spaces::exact: the same answer as one substring search per phrase).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bouncekit::util {

class PhraseMatcher {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// How white space in the text is matched: `fold`, a run of white-space bytes (is_space) matches
  /// one space of a phrase (and runs in a phrase count as one); `exact`, byte for byte.
  enum class Spaces { fold, exact };

  PhraseMatcher() = default;
  /// Phrases are matched case-insensitively; their index is their priority (lower wins).
  explicit PhraseMatcher(std::span<const std::string_view> phrases, Spaces spaces = Spaces::fold);
  explicit PhraseMatcher(const std::vector<std::string>& phrases, Spaces spaces = Spaces::fold);

  /// Phrases sorted into groups (`groups[i]`, 0 to 31, is the group of `phrases[i]`), for a caller
  /// with several questions about one text: groups_in answers them all in one pass.
  PhraseMatcher(std::span<const std::string_view> phrases, std::span<const std::uint8_t> groups, Spaces spaces);

  /// Index of the highest-priority (lowest-index) phrase found anywhere in `text`, or npos.
  std::size_t first(std::string_view text) const;

  /// The groups of the phrases found anywhere in `text`, bit g for group g (a matcher built
  /// without groups: 0).
  std::uint32_t groups_in(std::string_view text) const;

  bool empty() const { return states_ == 0; }

 private:
  void build(const std::vector<std::string_view>& phrases, Spaces spaces, std::span<const std::uint8_t> groups = {});
  template <typename AtMatch>
  void scan(std::string_view text, AtMatch at_match) const;

  std::array<std::uint8_t, 256> class_of_{};  // byte -> class; 0 = a byte no phrase contains
  std::uint8_t space_class_ = 0;              // 0 with Spaces::exact: no byte is folded
  std::size_t classes_ = 1;
  std::size_t states_ = 0;
  std::vector<std::uint32_t> next_;  // states_ x classes_ transitions: target row offset, high bit = a phrase ends there
  std::vector<std::uint32_t> best_;  // per state: lowest phrase index ending here or at a suffix
  std::vector<std::uint32_t> groups_;  // per state, if built with groups: theirs, ending here or at a suffix
};

}  // namespace bouncekit::util
