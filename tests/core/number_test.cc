#include "core/number.h"

#include <gtest/gtest.h>

namespace tf {
namespace {

Number N(std::string_view s) {
  Result<Number> n = Number::Parse(s);
  EXPECT_TRUE(n.ok()) << s;
  return n.ok() ? *n : Number(0);
}

TEST(NumberTest, EqualValuesHaveOneCanonicalForm) {
  EXPECT_TRUE(N("1.0").is_small());
  EXPECT_EQ(N("1.0"), Number(1));
  EXPECT_EQ(N("10e-1"), Number(1));
  EXPECT_EQ(N("1e3").small(), 1000);
  EXPECT_EQ(N("1.50").Hash(), N("1.5").Hash());
  EXPECT_EQ(N("-0"), Number(0));
}

TEST(NumberTest, DecimalArithmeticIsExact) {
  EXPECT_EQ(Number::Add(N("0.1"), N("0.2")), N("0.3"));
  EXPECT_EQ(Number::Add(N("0.1"), N("0.2")).ToString(), "0.3");
  EXPECT_EQ(Number::Mul(N("1.5"), N("1.5")).ToString(), "2.25");
  EXPECT_EQ(Number::Sub(N("1"), N("0.999")).ToString(), "0.001");
}

TEST(NumberTest, BigIntegersStayExact) {
  Number big = N("9223372036854775808");  // 2^63, just past int64
  EXPECT_FALSE(big.is_small());
  EXPECT_EQ(big.ToString(), "9223372036854775808");
  EXPECT_EQ(Number::Sub(big, Number(1)), Number(INT64_MAX));
  EXPECT_EQ(Number::Add(Number(INT64_MAX), Number(1)), big);
  EXPECT_EQ(Number::Mul(Number(10), Number(1152921504606846976)).ToString(),
            "11529215046068469760");
  EXPECT_EQ((-Number(INT64_MIN)).ToString(), "9223372036854775808");
}

TEST(NumberTest, DivisionIsExactWhenTheQuotientTerminates) {
  EXPECT_EQ(*Number::Div(N("1e109"), N("1e100")), Number(1000000000));
  EXPECT_EQ(Number::Div(Number(1), Number(4))->ToString(), "0.25");
  EXPECT_EQ(Number::Div(Number(7), Number(2))->ToString(), "3.5");
  Result<Number> third = Number::Div(Number(1), Number(3));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->ToString(), "0." + std::string(Number::kDivisionDigits, '3'));
  Result<Number> two_thirds = Number::Div(Number(2), Number(3));
  EXPECT_EQ(two_thirds->ToString(), "0." + std::string(Number::kDivisionDigits - 1, '6') + "7");
}

TEST(NumberTest, DivideAndModuloByZeroAreErrors) {
  EXPECT_EQ(Number::Div(Number(1), Number(0)).status().message(), "divide by zero");
  EXPECT_EQ(Number::Div(Number(1), N("0.0")).status().message(), "divide by zero");
  EXPECT_EQ(Number::Rem(Number(7), Number(0)).status().message(), "modulo by zero");
  EXPECT_EQ(Number::Rem(N("7.5"), Number(2)).status().message(), "modulo on floating-point number");
  EXPECT_EQ(*Number::Rem(Number(-7), Number(4)), Number(-3));
  EXPECT_EQ(*Number::Rem(Number(INT64_MIN), Number(-1)), Number(0));
}

TEST(NumberTest, RoundingFollowsOpa) {
  EXPECT_EQ(N("1.5").Round(), Number(2));
  EXPECT_EQ(N("-1.5").Round(), Number(-2));
  EXPECT_EQ(N("2.4").Round(), Number(2));
  EXPECT_EQ(N("-1.99999").Ceil(), Number(-1));
  EXPECT_EQ(N("-1.001").Floor(), Number(-2));
  EXPECT_EQ(N("2222.2222222222").Ceil(), Number(2223));
  EXPECT_EQ(N("-0.5").Floor(), Number(-1));
  EXPECT_EQ(N("-0.5").Ceil(), Number(0));
}

TEST(NumberTest, ComparesAcrossRepresentations) {
  EXPECT_LT(N("1.5"), Number(2));
  EXPECT_LT(Number(-2), N("-1.5"));
  EXPECT_LT(Number(INT64_MAX), N("1e19"));
  EXPECT_LT(N("-1e19"), Number(INT64_MIN));
  EXPECT_LT(N("0.001"), N("0.01"));
}

TEST(NumberTest, PrintsValidJsonNumbers) {
  EXPECT_EQ(N("0.000001").ToString(), "0.000001");
  EXPECT_EQ(N("1e-7").ToString(), "1e-7");
  EXPECT_EQ(N("1.25e-10").ToString(), "1.25e-10");
  EXPECT_EQ(N("5e100").ToString(), "5e+100");
  EXPECT_EQ(N("123.456").ToString(), "123.456");
}

TEST(NumberTest, RejectsMalformedAndHostileLiterals) {
  for (std::string_view bad : {"", "-", "1.", ".5", "1e", "1e+", "0x10", "1 ", "NaN", "--1"}) {
    EXPECT_FALSE(Number::Parse(bad).ok()) << bad;
  }
  EXPECT_EQ(Number::Parse("1e999999999").status().code(), ErrorCode::kOutOfRange);
}

// The exponent limit applies to the value, so whatever is accepted prints as a literal that
// parses back to the same number (json_fuzz found 11e100000 printed as 1.1e+100001, refused).
TEST(NumberTest, EveryAcceptedNumberPrintsAsALiteralThatParsesAgain) {
  for (std::string_view bad : {"11e100000", "110000e100000", "0.1e-100000", "1e100001"}) {
    EXPECT_EQ(Number::Parse(bad).status().code(), ErrorCode::kOutOfRange) << bad;
  }
  for (std::string_view good : {"1e100000", "10e99999", "0.001e100002", "-9.5e100000", "1e-100000",
                                "0e150000", "12.5e-99999"}) {
    Result<Number> n = Number::Parse(good);
    ASSERT_TRUE(n.ok()) << good << ": " << n.status().ToString();
    Result<Number> again = Number::Parse(n->ToString());
    ASSERT_TRUE(again.ok()) << good << " printed as " << n->ToString();
    EXPECT_EQ(*again, *n) << good;
  }
}

TEST(NumberTest, ConvertsToAndFromDouble) {
  EXPECT_EQ(Number::FromDouble(0.1), N("0.1"));
  EXPECT_EQ(Number::FromDouble(2.0), Number(2));
  EXPECT_DOUBLE_EQ(N("3.25").ToDouble(), 3.25);
  EXPECT_EQ(Number::FromUint64(18446744073709551615ULL).ToString(), "18446744073709551615");
}

}  // namespace
}  // namespace tf
