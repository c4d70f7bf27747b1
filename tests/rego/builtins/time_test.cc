#include "rego/builtins/builtin_test_util.h"

namespace tf::rego::testing {
namespace {

Value S(std::string_view s) {
  return Value::String(s);
}
Value N(int64_t n) {
  return Value::Int(n);
}

std::string ErrorOf(BuiltinHarness& h, std::string_view name, std::vector<Value> args) {
  Result<Value> r = h.Call(name, std::move(args));
  EXPECT_FALSE(r.ok()) << name << " unexpectedly returned " << (r.ok() ? ToJson(*r) : "");
  return r.ok() ? "" : std::string(r.status().message());
}

TEST(TimeBuiltinsTest, NowReadsTheContextClock) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "time.now_ns", {}), N(1700000000000000000));
  h.ctx.now_ns = 42;
  EXPECT_EQ(CallOk(h, "time.now_ns", {}), N(42));
}

TEST(TimeBuiltinsTest, ParsesGoReferenceLayouts) {
  BuiltinHarness h;
  const int64_t want = 1496455200000000000;
  EXPECT_EQ(
      CallOk(h, "time.parse_ns", {S("2006-01-02T15:04:05Z07:00"), S("2017-06-02T19:00:00-07:00")}),
      N(want));
  EXPECT_EQ(CallOk(h, "time.parse_ns",
                   {S("01/02 03:04:05PM '06 -0700"), S("06/02 07:00:00PM '17 -0700")}),
            N(want));
  EXPECT_EQ(CallOk(h, "time.parse_ns", {S("RFC822Z"), S("02 Jun 17 19:00 -0700")}), N(want));
  EXPECT_EQ(CallOk(h, "time.parse_ns", {S("2006-01-02"), S("2020-02-29")}), N(1582934400000000000));
  // A fraction after the seconds is accepted even when the layout has none.
  EXPECT_EQ(CallOk(h, "time.parse_rfc3339_ns", {S("1970-01-01T00:00:01.5Z")}), N(1500000000));
  EXPECT_EQ(CallOk(h, "time.parse_ns", {S("Jan _2 2006 3:04pm MST"), S("jan  5 1999 1:02pm UTC")}),
            N(915541320000000000));
}

TEST(TimeBuiltinsTest, ParseReportsGoErrors) {
  BuiltinHarness h;
  EXPECT_EQ(ErrorOf(h, "time.parse_ns", {S("2006-01-02"), S("2020-13-01")}),
            "time.parse_ns: parsing time \"2020-13-01\": month out of range");
  EXPECT_EQ(ErrorOf(h, "time.parse_ns", {S("2006-01-02"), S("2020-02-30")}),
            "time.parse_ns: parsing time \"2020-02-30\": day out of range");
  EXPECT_EQ(ErrorOf(h, "time.parse_ns", {S("2006-01-02"), S("20x0-01-01")}),
            "time.parse_ns: parsing time \"20x0-01-01\" as \"2006-01-02\": cannot parse "
            "\"20x0-01-01\" as \"2006\"");
  EXPECT_EQ(ErrorOf(h, "time.parse_ns", {S("2006-01-02"), S("2020-01-01 junk")}),
            "time.parse_ns: parsing time \"2020-01-01 junk\": extra text: \" junk\"");
}

TEST(TimeBuiltinsTest, ParseRejectsTimesOutsideNanosecondRange) {
  BuiltinHarness h;
  const Value layout = S("2006-01-02T15:04:05Z07:00");
  EXPECT_EQ(CallOk(h, "time.parse_ns", {layout, S("1677-09-21T00:12:43.145224192-00:00")}),
            J("-9223372036854775808"));
  EXPECT_EQ(CallOk(h, "time.parse_ns", {layout, S("2262-04-11T23:47:16.854775807-00:00")}),
            J("9223372036854775807"));
  EXPECT_EQ(ErrorOf(h, "time.parse_ns", {layout, S("2262-04-11T23:47:16.854775808-00:00")}),
            "time.parse_ns: time outside of valid range");
  EXPECT_EQ(ErrorOf(h, "time.parse_ns", {layout, S("1677-09-21T00:12:43.145224191-00:00")}),
            "time.parse_ns: time outside of valid range");
}

TEST(TimeBuiltinsTest, ParsesGoDurations) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "time.parse_duration_ns", {S("100ms")}), N(100000000));
  EXPECT_EQ(CallOk(h, "time.parse_duration_ns", {S("-1.5h")}), N(-5400000000000));
  EXPECT_EQ(CallOk(h, "time.parse_duration_ns", {S("1h2m3s4ms5us6ns")}), N(3723004005006));
  EXPECT_EQ(CallOk(h, "time.parse_duration_ns", {S("1\xC2\xB5s")}), N(1000));
  EXPECT_EQ(ErrorOf(h, "time.parse_duration_ns", {S("1")}),
            "time.parse_duration_ns: time: missing unit in duration \"1\"");
  EXPECT_EQ(ErrorOf(h, "time.parse_duration_ns", {S("3d")}),
            "time.parse_duration_ns: time: unknown unit \"d\" in duration \"3d\"");
  EXPECT_EQ(ErrorOf(h, "time.parse_duration_ns", {S("9999999999h")}),
            "time.parse_duration_ns: time: invalid duration \"9999999999h\"");
}

TEST(TimeBuiltinsTest, DateClockAndWeekdayInZones) {
  BuiltinHarness h;
  const int64_t ns = 1517832000000000000;  // 2018-02-05T12:00:00Z, a Monday
  EXPECT_EQ(CallOk(h, "time.date", {J("[1517814000000000000, \"America/Los_Angeles\"]")}),
            J("[2018, 2, 4]"));
  EXPECT_EQ(CallOk(h, "time.date", {Value::Array({N(ns), S("")})}), J("[2018, 2, 5]"));
  EXPECT_EQ(CallOk(h, "time.clock", {N(ns)}), J("[12, 0, 0]"));
  EXPECT_EQ(CallOk(h, "time.clock", {Value::Array({N(ns), S("America/New_York")})}),
            J("[7, 0, 0]"));
  EXPECT_EQ(CallOk(h, "time.weekday", {N(ns)}), S("Monday"));
  EXPECT_EQ(CallOk(h, "time.date", {N(1582977600000000000)}), J("[2020, 2, 29]"));
}

TEST(TimeBuiltinsTest, DaylightSavingTimeFollowsTheZoneRules) {
  BuiltinHarness h;
  // 2021-07-01T12:00:00Z is 08:00 EDT; 2040-07-01T12:00:00Z lies past the TZif transitions and
  // is decided by the footer's POSIX rule.
  EXPECT_EQ(CallOk(h, "time.clock", {J("[1625140800000000000, \"America/New_York\"]")}),
            J("[8, 0, 0]"));
  EXPECT_EQ(CallOk(h, "time.clock", {J("[2224756800000000000, \"America/New_York\"]")}),
            J("[8, 0, 0]"));
  EXPECT_EQ(CallOk(h, "time.clock", {J("[2209032000000000000, \"America/New_York\"]")}),
            J("[7, 0, 0]"));  // 2040-01-01T12:00:00Z, EST
}

TEST(TimeBuiltinsTest, TimeOperandErrors) {
  BuiltinHarness h;
  EXPECT_EQ(ErrorOf(h, "time.clock", {J("1582977600000000000000")}),
            "time.clock: timestamp too big");
  EXPECT_EQ(ErrorOf(h, "time.weekday", {J("1.5")}), "time.weekday: timestamp too big");
  EXPECT_EQ(ErrorOf(h, "time.date", {J("[]")}),
            "time.date: operand 1 must be either number (ns) or [number (ns), string (tz)] but "
            "got array");
  EXPECT_EQ(ErrorOf(h, "time.date", {J("[1, \"Nowhere/Special\"]")}),
            "time.date: unknown time zone Nowhere/Special");
  EXPECT_EQ(ErrorOf(h, "time.date", {J("[1, \"../etc/passwd\"]")}),
            "time.date: time: invalid location name");
  EXPECT_EQ(ErrorOf(h, "time.date", {J("[1, 2]")}),
            "time.date: operand 1 must be string but got number");
}

TEST(TimeBuiltinsTest, AddDateNormalisesLikeGo) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "time.add_date", {N(1585852421593912000), N(-1), N(-1), N(-1)}),
            N(1551465221593912000));
  // January 31 plus one month is March 2 (February 31 normalised).
  EXPECT_EQ(CallOk(h, "time.add_date", {N(1580428800000000000), N(0), N(1), N(0)}),
            N(1583107200000000000));
  EXPECT_EQ(ErrorOf(h, "time.add_date", {J("-9223372036854775808"), N(0), N(0), N(-1)}),
            "time.add_date: time outside of valid range");
  EXPECT_EQ(ErrorOf(h, "time.add_date", {N(0), J("1.5"), N(0), N(0)}),
            "time.add_date: operand 2 must be integer number but got floating-point number");
  EXPECT_EQ(ErrorOf(h, "time.add_date", {N(0), J("9223372036854775807"), N(0), N(0)}),
            "time.add_date: time outside of valid range");
}

TEST(TimeBuiltinsTest, DiffIsCalendarAware) {
  BuiltinHarness h;
  auto parse = [&](std::string_view day) {
    return CallOk(h, "time.parse_ns", {S("2006-01-02"), S(day)});
  };
  EXPECT_EQ(CallOk(h, "time.diff", {parse("2020-02-02"), parse("2020-03-01")}),
            J("[0, 0, 28, 0, 0, 0]"));
  EXPECT_EQ(CallOk(h, "time.diff", {parse("2021-02-02"), parse("2021-03-01")}),
            J("[0, 0, 27, 0, 0, 0]"));
  EXPECT_EQ(CallOk(h, "time.diff", {parse("2004-02-29"), parse("2005-03-01")}),
            J("[1, 0, 1, 0, 0, 0]"));
  const int64_t now = h.ctx.now_ns;
  EXPECT_EQ(CallOk(h, "time.diff",
                   {Value::Array({N(now + 60000000000), S("UTC")}),
                    Value::Array({N(now), S("Asia/Shanghai")})}),
            J("[0, 0, 0, 0, 1, 0]"));
}

TEST(TimeBuiltinsTest, FormatsWithLayoutsAndConstants) {
  BuiltinHarness h;
  const int64_t ns = 1670006453141828752;
  EXPECT_EQ(CallOk(h, "time.format", {N(ns)}), S("2022-12-02T18:40:53.141828752Z"));
  EXPECT_EQ(CallOk(h, "time.format", {Value::Array({N(ns), S("Asia/Kolkata")})}),
            S("2022-12-03T00:10:53.141828752+05:30"));
  EXPECT_EQ(CallOk(h, "time.format",
                   {Value::Array({N(ns), S("Asia/Kolkata"), S("Mon Jan 02 15:04:05 -0700 2006")})}),
            S("Sat Dec 03 00:10:53 +0530 2022"));
  EXPECT_EQ(CallOk(h, "time.format", {Value::Array({N(ns), S("Asia/Kolkata"), S("RFC1123Z")})}),
            S("Sat, 03 Dec 2022 00:10:53 +0530"));
  EXPECT_EQ(CallOk(h, "time.format", {Value::Array({N(ns), S("Asia/Kolkata"), S("RFC1123")})}),
            S("Sat, 03 Dec 2022 00:10:53 IST"));
  EXPECT_EQ(CallOk(h, "time.format",
                   {Value::Array({N(ns), S("UTC"), S("Monday January _2 3:4:5.000pm __2 002")})}),
            S("Friday December  2 6:40:53.141pm 336 336"));
  EXPECT_EQ(ErrorOf(h, "time.format", {J("15829776000000000000000")}),
            "time.format: timestamp too big");
}

}  // namespace
}  // namespace tf::rego::testing

namespace tf::rego::testing {
namespace {

TEST(TestSleepTest, SleepsForShortDurationsAndRefusesLongOnes) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "test.sleep", {Value::String("1ms")}), Value::Null());
  Result<Value> long_sleep = h.Call("test.sleep", {Value::String("2s")});
  ASSERT_FALSE(long_sleep.ok());
  EXPECT_EQ(long_sleep.status().message(), "test.sleep: duration 2s exceeds the 1s limit");
  EXPECT_FALSE(h.Call("test.sleep", {Value::String("soon")}).ok());
}

}  // namespace
}  // namespace tf::rego::testing
