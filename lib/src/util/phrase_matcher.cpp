#include "util/phrase_matcher.hpp"

#include <algorithm>
#include <deque>
#include <stdexcept>

#include "util/strings.hpp"

namespace bouncekit::util {
namespace {
constexpr std::uint32_t kNone = 0xFFFFFFFFu;
constexpr std::uint32_t kMatchBit = 0x80000000u;
}

PhraseMatcher::PhraseMatcher(std::span<const std::string_view> phrases, Spaces spaces) {
  build(std::vector<std::string_view>(phrases.begin(), phrases.end()), spaces);
}

PhraseMatcher::PhraseMatcher(const std::vector<std::string>& phrases, Spaces spaces) {
  build(std::vector<std::string_view>(phrases.begin(), phrases.end()), spaces);
}

PhraseMatcher::PhraseMatcher(std::span<const std::string_view> phrases, std::span<const std::uint8_t> groups,
                             Spaces spaces) {
  if (groups.size() != phrases.size()) throw std::invalid_argument("PhraseMatcher: one group per phrase");
  for (std::uint8_t g : groups)
    if (g >= 32) throw std::invalid_argument("PhraseMatcher: groups are 0 to 31");
  build(std::vector<std::string_view>(phrases.begin(), phrases.end()), spaces, groups);
}

void PhraseMatcher::build(const std::vector<std::string_view>& phrases, Spaces spaces,
                          std::span<const std::uint8_t> groups) {
  // Byte classes: one per distinct (lower-cased) byte used by a phrase, upper case folded onto lower,
  // and with Spaces::fold every white-space byte onto the space class.
  class_of_.fill(0);
  classes_ = 1;
  const bool fold_spaces = spaces == Spaces::fold;
  auto fold = [fold_spaces](unsigned char c) -> unsigned char {
    if (fold_spaces && is_space(static_cast<char>(c))) return ' ';
    return static_cast<unsigned char>(ascii_lower(static_cast<char>(c)));
  };
  for (std::string_view p : phrases)
    for (char ch : p) {
      unsigned char c = fold(static_cast<unsigned char>(ch));
      if (class_of_[c] == 0 && classes_ < 255) class_of_[c] = static_cast<std::uint8_t>(classes_++);
    }
  for (int c = 0; c < 256; ++c) class_of_[c] = class_of_[fold(static_cast<unsigned char>(c))];
  space_class_ = fold_spaces ? class_of_[static_cast<unsigned char>(' ')] : 0;

  // Trie, with transitions stored densely from the start.
  next_.assign(classes_, kNone);
  best_.assign(1, kNone);
  groups_.assign(1, 0);
  states_ = 1;
  for (std::size_t id = 0; id < phrases.size(); ++id) {
    std::uint32_t s = 0;
    bool prev_space = false;
    for (char ch : phrases[id]) {
      std::uint8_t k = class_of_[static_cast<unsigned char>(ch)];
      if (k == space_class_ && space_class_ != 0) {
        if (prev_space) continue;  // "a  b" in a phrase is "a b"
        prev_space = true;
      } else {
        prev_space = false;
      }
      std::uint32_t& t = next_[s * classes_ + k];
      if (t == kNone) {
        t = static_cast<std::uint32_t>(states_++);
        next_.resize(states_ * classes_, kNone);
        best_.push_back(kNone);
        groups_.push_back(0);
      }
      s = next_[s * classes_ + k];
    }
    if (s != 0 && best_[s] > id) best_[s] = static_cast<std::uint32_t>(id);
    if (s != 0 && !groups.empty()) groups_[s] |= 1u << groups[id];
  }

  // Failure links by breadth-first search, folded into a complete transition table.
  std::vector<std::uint32_t> fail(states_, 0);
  std::deque<std::uint32_t> queue;
  for (std::size_t k = 0; k < classes_; ++k) {
    std::uint32_t& t = next_[k];
    if (t == kNone) {
      t = 0;
    } else {
      fail[t] = 0;
      queue.push_back(t);
    }
  }
  while (!queue.empty()) {
    std::uint32_t s = queue.front();
    queue.pop_front();
    if (best_[fail[s]] < best_[s]) best_[s] = best_[fail[s]];
    groups_[s] |= groups_[fail[s]];
    for (std::size_t k = 0; k < classes_; ++k) {
      std::uint32_t& t = next_[s * classes_ + k];
      if (t == kNone) {
        t = next_[fail[s] * classes_ + k];
      } else {
        fail[t] = next_[fail[s] * classes_ + k];
        queue.push_back(t);
      }
    }
  }

  // The scan's form of the table: each entry holds the target state's row offset (state x classes,
  // so the scan needs no multiplication) with kMatchBit set when a phrase ends there (so best_ is
  // read only then). The table must stay under 2^31 entries (checked).
  for (std::uint32_t& t : next_) {
    std::uint64_t offset = std::uint64_t{t} * classes_;
    if (offset >= kMatchBit) throw std::length_error("PhraseMatcher: too many phrases");
    t = static_cast<std::uint32_t>(offset) | (best_[t] != kNone ? kMatchBit : 0u);
  }
}

// The one walk of the automaton over `text` that first() and groups_in() share: runs of white
// space count as one (Spaces::fold), and `at_match(state)` is called at each state where a phrase
// ends (its own or a suffix's); it returns true to stop the walk.
template <typename AtMatch>
void PhraseMatcher::scan(std::string_view text, AtMatch at_match) const {
  std::uint32_t row = 0;
  bool prev_space = true;  // leading white space is skipped like a run
  for (char ch : text) {
    std::uint8_t k = class_of_[static_cast<unsigned char>(ch)];
    if (k == space_class_ && space_class_ != 0) {
      if (prev_space) continue;
      prev_space = true;
    } else {
      prev_space = false;
    }
    std::uint32_t t = next_[row + k];
    row = t & ~kMatchBit;
    if ((t & kMatchBit) && at_match(row / classes_)) return;
  }
}

std::size_t PhraseMatcher::first(std::string_view text) const {
  if (states_ == 0) return npos;
  std::uint32_t best = kNone;
  scan(text, [&](std::size_t state) {
    best = std::min(best, best_[state]);
    return best == 0;
  });
  return best == kNone ? npos : best;
}

std::uint32_t PhraseMatcher::groups_in(std::string_view text) const {
  if (states_ == 0) return 0;
  std::uint32_t found = 0;
  scan(text, [&](std::size_t state) {
    found |= groups_[state];
    return false;
  });
  return found;
}

}  // namespace bouncekit::util
