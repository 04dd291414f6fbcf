// util::PhraseMatcher: which of many phrases occur in a text, in one pass. With Spaces::exact
// it must answer what one case-insensitive substring search per phrase answers (the fallback
// decoder relies on that); with Spaces::fold a run of white space matches one space.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/phrase_matcher.hpp"
#include "util/strings.hpp"

namespace bouncekit::util {
namespace {

std::size_t first_by_search(const std::vector<std::string>& phrases, std::string_view text) {
  for (std::size_t i = 0; i < phrases.size(); ++i)
    if (find_ci(text, phrases[i]) != std::string_view::npos) return i;
  return PhraseMatcher::npos;
}

// `n` bytes drawn from `alphabet`.
std::string random_string(std::mt19937& rng, const std::string& alphabet, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += alphabet[rng() % alphabet.size()];
  return s;
}

TEST(PhraseMatcher, ExactSpacesAgreeWithOneSearchPerPhrase) {
  std::mt19937 rng(17);
  const std::string alphabet = "abAB \t\n.(";
  auto random_text = [&](std::size_t n) { return random_string(rng, alphabet, n); };
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> phrases;
    for (std::size_t i = 0, n = 1 + rng() % 6; i < n; ++i) phrases.push_back(random_text(1 + rng() % 5));
    PhraseMatcher matcher(phrases, PhraseMatcher::Spaces::exact);
    std::string text = random_text(rng() % 80);
    ASSERT_EQ(matcher.first(text), first_by_search(phrases, text)) << "text=" << text;
  }
}

// groups_in answers, for each group, whether one search per phrase of the group finds one: random
// phrases (repeats and phrases inside others included) sorted into random groups.
TEST(PhraseMatcher, GroupsAgreeWithOneSearchPerPhrase) {
  std::mt19937 rng(29);
  const std::string alphabet = "abAB \t.";
  auto random_text = [&](std::size_t n) { return random_string(rng, alphabet, n); };
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> phrases;
    std::vector<std::uint8_t> groups;
    for (std::size_t i = 0, n = 1 + rng() % 8; i < n; ++i) {
      phrases.push_back(random_text(1 + rng() % 4));
      groups.push_back(static_cast<std::uint8_t>(rng() % 5));
    }
    std::vector<std::string_view> views(phrases.begin(), phrases.end());
    PhraseMatcher matcher(views, groups, PhraseMatcher::Spaces::exact);
    std::string text = random_text(rng() % 60);
    std::uint32_t expected = 0;
    for (std::size_t i = 0; i < phrases.size(); ++i)
      if (find_ci(text, phrases[i]) != std::string_view::npos) expected |= 1u << groups[i];
    ASSERT_EQ(matcher.groups_in(text), expected) << "text=" << text;
  }
  const std::vector<std::string_view> one{"x"};
  EXPECT_EQ(PhraseMatcher(one, PhraseMatcher::Spaces::exact).groups_in("x"), 0u) << "built without groups";
  const std::vector<std::uint8_t> bad{32};
  EXPECT_THROW(PhraseMatcher(one, bad, PhraseMatcher::Spaces::exact), std::invalid_argument);
}

TEST(PhraseMatcher, FoldedAndExactSpacesDiffer) {
  const std::vector<std::string> phrases{"user unknown", "mailbox full"};
  PhraseMatcher folded(phrases);
  PhraseMatcher exact(phrases, PhraseMatcher::Spaces::exact);
  EXPECT_EQ(folded.first("550 User\t\tUnknown here"), 0u);
  EXPECT_EQ(exact.first("550 User\t\tUnknown here"), PhraseMatcher::npos);
  EXPECT_EQ(exact.first("550 USER UNKNOWN; mailbox full"), 0u);
  EXPECT_EQ(exact.first("452 Mailbox Full"), 1u);
  EXPECT_EQ(exact.first(""), PhraseMatcher::npos);
}

}  // namespace
}  // namespace bouncekit::util
