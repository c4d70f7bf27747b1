#include "core/status.h"

#include <gtest/gtest.h>

namespace tf {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgument("odd");
  return n / 2;
}

Result<int> Quarter(int n) {
  TF_ASSIGN_OR_RETURN(int half, Half(n));
  TF_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(StatusTest, OkStatusHasNoMessageAndCodeOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kOk);
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, ErrorCarriesCodeNameAndMessage) {
  Status s(ErrorCode::kEvalTypeError, "operand 1 must be number");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ToString(), "eval_type_error: operand 1 must be number");
  Status copy = s;
  EXPECT_EQ(copy, s);
  EXPECT_EQ(s.WithContext("plus").message(), "plus: operand 1 must be number");
}

TEST(StatusTest, AssignOrReturnPropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
}

TEST(StatusTest, EveryCodeHasANameAndHttpStatus) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kEvalConflictError), "eval_conflict_error");
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kResourceExhausted), 429);
}

}  // namespace
}  // namespace tf
