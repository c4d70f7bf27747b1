// The numbers namespace: numbers.range and numbers.range_step over exact integers.
#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

// OPA builds any range it is asked for until the query is cancelled; without a cancellation
// hook here, an explicit bound keeps a typo like numbers.range(0, 1e12) from exhausting memory.
constexpr int64_t kMaxRangeLength = int64_t{1} << 24;

// OPA's BigIntOperand: any integral number, however large.
Result<Number> IntegerOperand(const Value& v, int pos) {
  if (!v.number().IsInteger()) {
    return OperandError(pos, "must be integer number but got floating-point number");
  }
  return v.number();
}

// [from, from ± step, ...] up to and including `to`, descending when from > to.
Result<Value> Range(const Number& from, const Number& to, const Number& step) {
  const bool descending = from.Compare(to) > 0;
  Number span = descending ? Number::Sub(from, to) : Number::Sub(to, from);
  Result<Number> steps = Number::Div(span, step);
  if (!steps.ok()) return BuiltinError(std::string(steps.status().message()));
  std::optional<int64_t> count = steps->Floor().ToInt64();
  if (!count || *count >= kMaxRangeLength) {
    return BuiltinError("range exceeds " + std::to_string(kMaxRangeLength) + " numbers");
  }
  std::vector<Value> out;
  out.reserve(static_cast<size_t>(*count) + 1);
  Number current = from;
  for (int64_t i = 0; i <= *count; ++i) {
    out.push_back(Value::FromNumber(current));
    current = descending ? Number::Sub(current, step) : Number::Add(current, step);
  }
  return Value::Array(std::move(out));
}

Result<Value> NumbersRange(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(Number from, IntegerOperand(a[0], 1));
  TF_ASSIGN_OR_RETURN(Number to, IntegerOperand(a[1], 2));
  return Range(from, to, Number(1));
}

Result<Value> NumbersRangeStep(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(Number from, IntegerOperand(a[0], 1));
  TF_ASSIGN_OR_RETURN(Number to, IntegerOperand(a[1], 2));
  TF_ASSIGN_OR_RETURN(Number step, IntegerOperand(a[2], 3));
  // OPA reports this one with the builtin's name inside the message.
  if (step.Sign() <= 0) return BuiltinError("numbers.range_step: step must be a positive integer");
  return Range(from, to, step);
}

}  // namespace

std::vector<BuiltinDecl> NumberBuiltins() {
  return {
      {.name = "numbers.range",
       .params = {{kNumber, "a"}, {kNumber, "b"}},
       .result = kArray,
       .fn = NumbersRange},
      {.name = "numbers.range_step",
       .params = {{kNumber, "a"}, {kNumber, "b"}, {kNumber, "step"}},
       .result = kArray,
       .fn = NumbersRangeStep},
  };
}

}  // namespace tf::rego::builtins
