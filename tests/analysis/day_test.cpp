// Calendar days of stored dates.
#include <gtest/gtest.h>

#include "analysis/day.hpp"

namespace an = bouncekit::analysis;

TEST(Day, DayOfAValidDateIsItsHead) {
  EXPECT_EQ(an::day_of("2026-11-21T23:14:05Z"), "2026-11-21");
  EXPECT_EQ(an::day_of("2026-11-21"), "2026-11-21");
  EXPECT_EQ(an::day_of("2024-02-29T00:00:00Z"), "2024-02-29");
}

TEST(Day, InvalidDatesHaveNoDay) {
  for (const char* bad : {"", "2026-11", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2025-02-29", "20261121",
                          "2026-11-21X", "yyyy-mm-dd", "-026-11-21"})
    EXPECT_FALSE(an::day_of(bad)) << bad;
}

TEST(Day, NumbersCountDaysAcrossMonthsAndYears) {
  EXPECT_EQ(an::day_number("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(*an::day_number("2026-12-01") - *an::day_number("2026-11-24"), 7);
  EXPECT_EQ(*an::day_number("2025-01-03") - *an::day_number("2024-12-29"), 5);
  EXPECT_EQ(an::day_string(*an::day_number("2024-02-29")), "2024-02-29");
  EXPECT_EQ(an::day_string(0), "1970-01-01");
}
