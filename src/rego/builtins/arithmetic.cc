// Arithmetic on exact numbers (core/number.h). `minus` doubles as set difference, as in OPA.
#include "rego/builtins/families.h"

namespace tf::rego::builtins {
namespace {

Result<Value> FromNumberResult(Result<Number> n) {
  if (!n.ok()) return BuiltinError(std::string(n.status().message()));
  return Value::FromNumber(*n);
}

Result<Value> Plus(BuiltinContext&, std::span<const Value> a) {
  if (a[0].is_small_int() && a[1].is_small_int()) {
    int64_t r;
    if (!__builtin_add_overflow(a[0].small_int(), a[1].small_int(), &r)) return Value::Int(r);
  }
  return Value::FromNumber(Number::Add(a[0].number(), a[1].number()));
}

Result<Value> Minus(BuiltinContext&, std::span<const Value> a) {
  if (a[0].is_number() && a[1].is_number()) {
    return Value::FromNumber(Number::Sub(a[0].number(), a[1].number()));
  }
  if (a[0].is_set() && a[1].is_set()) {
    std::vector<Value> out;
    for (const Value& v : a[0].set()) {
      if (!a[1].Contains(v)) out.push_back(v);
    }
    return Value::SetFromSorted(std::move(out));
  }
  if (!a[0].is_number() && !a[0].is_set()) return OperandTypeError(1, a[0], {"number", "set"});
  return OperandTypeError(2, a[1], {a[0].is_number() ? "number" : "set"});
}

Result<Value> Multiply(BuiltinContext&, std::span<const Value> a) {
  return Value::FromNumber(Number::Mul(a[0].number(), a[1].number()));
}

Result<Value> Divide(BuiltinContext&, std::span<const Value> a) {
  return FromNumberResult(Number::Div(a[0].number(), a[1].number()));
}

Result<Value> Remainder(BuiltinContext&, std::span<const Value> a) {
  return FromNumberResult(Number::Rem(a[0].number(), a[1].number()));
}

Result<Value> Abs(BuiltinContext&, std::span<const Value> a) {
  return Value::FromNumber(a[0].number().Abs());
}
Result<Value> Round(BuiltinContext&, std::span<const Value> a) {
  return Value::FromNumber(a[0].number().Round());
}
Result<Value> Ceil(BuiltinContext&, std::span<const Value> a) {
  return Value::FromNumber(a[0].number().Ceil());
}
Result<Value> Floor(BuiltinContext&, std::span<const Value> a) {
  return Value::FromNumber(a[0].number().Floor());
}

BuiltinDecl Binary(std::string_view name, std::string_view infix, BuiltinFn fn) {
  return BuiltinDecl{.name = name,
                     .params = {{kNumber, "x"}, {kNumber, "y"}},
                     .result = kNumber,
                     .fn = fn,
                     .infix = infix};
}

BuiltinDecl Unary(std::string_view name, BuiltinFn fn) {
  return BuiltinDecl{.name = name, .params = {{kNumber, "x"}}, .result = kNumber, .fn = fn};
}

}  // namespace

std::vector<BuiltinDecl> ArithmeticBuiltins() {
  return {
      Binary("plus", "+", Plus),
      BuiltinDecl{.name = "minus",
                  .params = {{kNumber | kSet, "x"}, {kNumber | kSet, "y"}},
                  .result = kNumber | kSet,
                  .fn = Minus,
                  .infix = "-"},
      Binary("mul", "*", Multiply),
      Binary("div", "/", Divide),
      Binary("rem", "%", Remainder),
      Unary("abs", Abs),
      Unary("round", Round),
      Unary("ceil", Ceil),
      Unary("floor", Floor),
  };
}

}  // namespace tf::rego::builtins
