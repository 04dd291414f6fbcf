// Google Groups refusing a post (any language; the group is in X-Failed-Recipients).
#include <gtest/gtest.h>

#include "decode/providers_support.hpp"

namespace {

using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(GoogleGroups, RefusedPost) {
  expect_bounce("googlegroups/english.eml", "googlegroups",
                {{"garden-club@googlegroups.com", "", "", {"may not have permission to post"}}});
}

TEST(GoogleGroups, OtherLanguageAndTwoGroups) {
  expect_bounce("googlegroups/two_groups.eml", "googlegroups",
                {{"club-a@googlegroups.com", "", "", {"Gruppe"}}, {"club-b@googlegroups.com", "", "", {"Gruppe"}}});
}

TEST(GoogleGroups, DamagedCrOnlyAndTruncated) {
  expect_bounce("googlegroups/damaged.eml", "googlegroups", {{"club-c@googlegroups.com", "", "", {"club-c"}}});
}

TEST(GoogleGroups, LineEndsDoNotMatter) { expect_same_with_other_line_ends("googlegroups/english.eml"); }

}  // namespace
