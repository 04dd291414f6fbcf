// --since specifications and the run's clock.
#include <gtest/gtest.h>

#include "bouncekit/nightly.hpp"

namespace {

using bouncekit::nightly::is_utc_timestamp;
using bouncekit::nightly::window_start;

constexpr const char* kNow = "2026-11-22T02:30:00Z";

TEST(WindowStart, RelativeToNow) {
  EXPECT_EQ(window_start("7d", kNow), "2026-11-15T02:30:00Z");
  EXPECT_EQ(window_start("30d", kNow), "2026-10-23T02:30:00Z");
  EXPECT_EQ(window_start("0d", kNow), kNow);
  EXPECT_EQ(window_start("12h", kNow), "2026-11-21T14:30:00Z");
  EXPECT_EQ(window_start("366d", "2024-03-01T00:00:00Z"), "2023-03-01T00:00:00Z");  // over 29 February
}

TEST(WindowStart, DatesAndAll) {
  EXPECT_EQ(window_start("all", kNow), "");
  EXPECT_EQ(window_start("2026-11-01", kNow), "2026-11-01T00:00:00Z");
  EXPECT_EQ(window_start("2024-02-29", kNow), "2024-02-29T00:00:00Z");
  EXPECT_EQ(window_start("2026-11-01T06:00:00Z", kNow), "2026-11-01T06:00:00Z");
}

TEST(WindowStart, RejectsEverythingElse) {
  for (const char* bad : {"", "d", "7", "7w", "-7d", "+7d", "7dd", "1e3d", "99999999999999999999d", "36601d",
                          "2026-13-01", "2026-02-30", "2025-02-29", "2026-11-1", "2026/11/01",
                          "2026-11-01T06:00:00", "2026-11-01T24:00:00Z", "2026-11-01 06:00:00Z", "ALL", "yesterday"})
    EXPECT_FALSE(window_start(bad, kNow).has_value()) << bad;
  EXPECT_FALSE(window_start("7d", "not a time").has_value());
}

TEST(UtcTimestamp, OnlyTheCanonicalForm) {
  EXPECT_TRUE(is_utc_timestamp("2026-11-22T02:30:00Z"));
  EXPECT_FALSE(is_utc_timestamp("2026-11-22T02:30:00+00:00"));
  EXPECT_FALSE(is_utc_timestamp("2026-11-22"));
  EXPECT_FALSE(is_utc_timestamp("Sun, 22 Nov 2026 02:30:00 +0000"));
  EXPECT_TRUE(is_utc_timestamp(bouncekit::nightly::now_utc()));
}

}  // namespace
