// Columns of the time chart: days, months or years, with empty periods as zero.
#include <gtest/gtest.h>

#include "report/time_buckets.hpp"

namespace rp = bouncekit::report;
using Columns = std::vector<std::pair<std::string, std::uint64_t>>;

TEST(TimeBuckets, DaysWithQuietDaysAsZero) {
  auto b = rp::time_buckets({{"2026-11-29", 4}, {"2026-12-02", 1}});
  EXPECT_EQ(b.unit, "day");
  EXPECT_EQ(b.columns, (Columns{{"2026-11-29", 4}, {"2026-11-30", 0}, {"2026-12-01", 0}, {"2026-12-02", 1}}));
}

TEST(TimeBuckets, MonthsWhenTheSpanIsLong) {
  auto b = rp::time_buckets({{"2025-11-03", 1}, {"2025-11-20", 2}, {"2026-02-01", 5}}, 30);
  EXPECT_EQ(b.unit, "month");
  EXPECT_EQ(b.columns, (Columns{{"2025-11", 3}, {"2025-12", 0}, {"2026-01", 0}, {"2026-02", 5}}));
}

TEST(TimeBuckets, YearsWhenEvenMonthsAreTooMany) {
  auto b = rp::time_buckets({{"1995-04-29", 1}, {"1997-01-01", 2}, {"1997-06-30", 3}}, 30, 12);
  EXPECT_EQ(b.unit, "year");
  EXPECT_EQ(b.columns, (Columns{{"1995", 1}, {"1996", 0}, {"1997", 5}}));
}

TEST(TimeBuckets, TheDefaultsKeepFourMonthsOfDays) {
  std::map<std::string, std::uint64_t> per_day{{"2026-08-01", 1}, {"2026-11-28", 1}};  // 120 days inclusive
  EXPECT_EQ(rp::time_buckets(per_day).unit, "day");
  EXPECT_EQ(rp::time_buckets(per_day).columns.size(), 120u);
  per_day["2026-11-29"] = 1;
  EXPECT_EQ(rp::time_buckets(per_day).unit, "month");
}

TEST(TimeBuckets, EmptyAndNonDatesGiveNoColumns) {
  EXPECT_TRUE(rp::time_buckets({}).columns.empty());
  EXPECT_TRUE(rp::time_buckets({{"someday", 3}}).columns.empty());
}
