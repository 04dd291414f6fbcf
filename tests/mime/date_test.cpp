#include <gtest/gtest.h>

#include "bouncekit/mime.hpp"

namespace bouncekit::mime {
namespace {

TEST(ToIso8601Utc, Rfc5322) {
  EXPECT_EQ(to_iso8601_utc("Thu, 18 Sep 2008 17:54:04 +0900 (JST)"), "2008-09-18T08:54:04Z");
  EXPECT_EQ(to_iso8601_utc("Mon, 5 Jan 2009 10:00:00 -0500"), "2009-01-05T15:00:00Z");
  EXPECT_EQ(to_iso8601_utc("5 Jan 2009 10:00:00 +0000"), "2009-01-05T10:00:00Z");
  EXPECT_EQ(to_iso8601_utc("  Tue,  6 Jan 2009 07:08 +0530  "), "2009-01-06T01:38:00Z");
}

TEST(ToIso8601Utc, MonthNamesAnyCaseAndLength) {
  EXPECT_EQ(to_iso8601_utc("1 JAN 2010 00:00:00 +0000"), "2010-01-01T00:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 february 2010 00:00:00 +0000"), "2010-02-01T00:00:00Z");
  EXPECT_EQ(to_iso8601_utc("Wednesday, 1 Sept 2010 00:00:00 +0000"), "2010-09-01T00:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Foo 2010 00:00:00 +0000"), "");
}

TEST(ToIso8601Utc, TwoDigitAndThreeDigitYears) {
  EXPECT_EQ(to_iso8601_utc("18 Sep 08 17:54:04 GMT"), "2008-09-18T17:54:04Z");
  EXPECT_EQ(to_iso8601_utc("18 Sep 49 17:54:04 GMT"), "2049-09-18T17:54:04Z");
  EXPECT_EQ(to_iso8601_utc("18 Sep 50 17:54:04 GMT"), "1950-09-18T17:54:04Z");
  EXPECT_EQ(to_iso8601_utc("18 Sep 99 17:54:04 GMT"), "1999-09-18T17:54:04Z");
  EXPECT_EQ(to_iso8601_utc("18 Sep 108 17:54:04 GMT"), "2008-09-18T17:54:04Z");
}

TEST(ToIso8601Utc, ObsoleteZones) {
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 UT"), "2010-03-01T12:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 GMT"), "2010-03-01T12:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 Z"), "2010-03-01T12:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 EST"), "2010-03-01T17:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 EDT"), "2010-03-01T16:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 CST"), "2010-03-01T18:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 CDT"), "2010-03-01T17:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 MST"), "2010-03-01T19:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 MDT"), "2010-03-01T18:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 pst"), "2010-03-01T20:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 PDT"), "2010-03-01T19:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 A"), "2010-03-01T12:00:00Z");  // military
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 m"), "2010-03-01T12:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Mar 2010 12:00:00 JST"), "2010-03-01T03:00:00Z");
}

TEST(ToIso8601Utc, MissingZoneIsUtcAndCommentsAreIgnored) {
  EXPECT_EQ(to_iso8601_utc("Fri, 2 Apr 2010 09:30:15"), "2010-04-02T09:30:15Z");
  EXPECT_EQ(to_iso8601_utc("Fri, 2 Apr 2010 09:30:15 (Pacific (Daylight) Time) +0100"),
            "2010-04-02T08:30:15Z");
  EXPECT_EQ(to_iso8601_utc("Fri, 2 Apr 2010 09:30:15 -0700 (PDT)"), "2010-04-02T16:30:15Z");
}

TEST(ToIso8601Utc, NumericZoneWinsOverName) {
  EXPECT_EQ(to_iso8601_utc("Fri, 2 Apr 2010 09:30:15 GMT+0200"), "2010-04-02T07:30:15Z");
}

TEST(ToIso8601Utc, ZoneRolloverAcrossYearEnd) {
  EXPECT_EQ(to_iso8601_utc("Thu, 1 Jan 2009 05:00:00 +0900"), "2008-12-31T20:00:00Z");
  EXPECT_EQ(to_iso8601_utc("Wed, 31 Dec 2008 20:30:00 -0800"), "2009-01-01T04:30:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Mar 2008 01:00:00 +0200"), "2008-02-29T23:00:00Z");  // leap year
  EXPECT_EQ(to_iso8601_utc("1 Mar 2009 01:00:00 +0200"), "2009-02-28T23:00:00Z");
}

TEST(ToIso8601Utc, IsoLikeForms) {
  EXPECT_EQ(to_iso8601_utc("2008-09-18 17:54:04 +0900"), "2008-09-18T08:54:04Z");
  EXPECT_EQ(to_iso8601_utc("2008-09-18T17:54:04Z"), "2008-09-18T17:54:04Z");
  EXPECT_EQ(to_iso8601_utc("2008-09-18T17:54:04.250+09:00"), "2008-09-18T08:54:04Z");
  EXPECT_EQ(to_iso8601_utc("2008-09-18T17:54:04-0700"), "2008-09-19T00:54:04Z");
  EXPECT_EQ(to_iso8601_utc("2008/9/8 7:05:00"), "2008-09-08T07:05:00Z");
}

TEST(ToIso8601Utc, AsctimeAndSloppyForms) {
  EXPECT_EQ(to_iso8601_utc("Thu Sep 18 17:54:04 2008"), "2008-09-18T17:54:04Z");
  EXPECT_EQ(to_iso8601_utc("Thu Sep  4 17:54:04 JST 2008"), "2008-09-04T08:54:04Z");
  EXPECT_EQ(to_iso8601_utc("Thu, 18-Sep-2008 17:54:04 +0900"), "2008-09-18T08:54:04Z");
  EXPECT_EQ(to_iso8601_utc("Sep 18, 2008 5:54:04 PM +0900"), "2008-09-18T08:54:04Z");
  EXPECT_EQ(to_iso8601_utc("Sep 18, 2008 12:10 AM"), "2008-09-18T00:10:00Z");
  EXPECT_EQ(to_iso8601_utc("thu,18 sep 2008 17:54:04 +0900"), "2008-09-18T08:54:04Z");
}

TEST(ToIso8601Utc, LeapSecondStaysInTheMinute) {
  EXPECT_EQ(to_iso8601_utc("31 Dec 2016 23:59:60 +0000"), "2016-12-31T23:59:59Z");
}

TEST(ToIso8601Utc, NotADate) {
  EXPECT_EQ(to_iso8601_utc(""), "");
  EXPECT_EQ(to_iso8601_utc("yesterday"), "");
  EXPECT_EQ(to_iso8601_utc("18 Sep 2008"), "");            // no time
  EXPECT_EQ(to_iso8601_utc("17:54:04"), "");               // no date
  EXPECT_EQ(to_iso8601_utc("18/09/2008 17:54:04"), "");    // numeric day/month order is ambiguous
  EXPECT_EQ(to_iso8601_utc("31 Feb 2008 10:00:00"), "");
  EXPECT_EQ(to_iso8601_utc("18 Sep 2008 24:00:00"), "");
  EXPECT_EQ(to_iso8601_utc("18 Sep 2008 10:61:00"), "");
  EXPECT_EQ(to_iso8601_utc("18 Sep 2008 10:00:00 +2500"), "");
  EXPECT_EQ(to_iso8601_utc("18 Sep 2008 13:00 PM"), "");
  EXPECT_EQ(to_iso8601_utc("0 Sep 2008 10:00:00"), "");
}

TEST(ToIso8601Utc, YearRange) {
  EXPECT_EQ(to_iso8601_utc("1 Jan 1900 00:00:00 +0000"), "1900-01-01T00:00:00Z");
  EXPECT_EQ(to_iso8601_utc("1 Jan 1900 00:30:00 +0100"), "");  // 1899 in UTC
  EXPECT_EQ(to_iso8601_utc("31 Dec 2200 23:59:59 +0000"), "2200-12-31T23:59:59Z");
  EXPECT_EQ(to_iso8601_utc("31 Dec 2200 23:59:59 -0100"), "");
  EXPECT_EQ(to_iso8601_utc("1 Jan 1899 12:00:00 +0000"), "");
  EXPECT_EQ(to_iso8601_utc("1 Jan 9999 12:00:00 +0000"), "");
  EXPECT_EQ(to_iso8601_utc("1 Jan 99999999999999999999 12:00:00"), "");
}

}  // namespace
}  // namespace bouncekit::mime
