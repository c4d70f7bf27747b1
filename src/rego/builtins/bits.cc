// The bits namespace: bitwise and/or/xor/negate and shifts on integers of any size, with Go's
// big.Int semantics (negative numbers behave as infinite two's complement).
#include <openssl/bn.h>

#include <memory>

#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

// Go would try to allocate 2^s bits for any shift; beyond this the result could not be held.
constexpr int64_t kMaxShiftBits = int64_t{1} << 20;

struct BnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;

Result<Number> IntegerOperand(const Value& v, int pos) {
  if (!v.number().IsInteger()) {
    return OperandError(pos, "must be integer number but got floating-point number");
  }
  return v.number();
}

Bn ToBn(const Number& n) {
  BIGNUM* bn = nullptr;
  BN_dec2bn(&bn, n.ToString().c_str());
  return Bn(bn);
}

Result<Value> FromBn(const BIGNUM* bn) {
  std::unique_ptr<char, void (*)(void*)> text(BN_bn2dec(bn), [](void* p) { OPENSSL_free(p); });
  if (text == nullptr) return BuiltinError("out of memory");
  Result<Number> n = Number::Parse(text.get());
  if (!n.ok()) return BuiltinError(std::string(n.status().message()));
  return Value::FromNumber(*n);
}

// The two's complement bytes of `n` (big-endian) in `width` bytes; width leaves room for sign.
std::vector<uint8_t> TwosComplement(const BIGNUM* n, int width) {
  std::vector<uint8_t> out(static_cast<size_t>(width));
  Bn magnitude(BN_dup(n));
  BN_set_negative(magnitude.get(), 0);
  if (!BN_is_negative(n)) {
    BN_bn2binpad(magnitude.get(), out.data(), width);
    return out;
  }
  // -m is ~(m - 1) in two's complement.
  BN_sub_word(magnitude.get(), 1);
  BN_bn2binpad(magnitude.get(), out.data(), width);
  for (uint8_t& b : out)
    b = static_cast<uint8_t>(~b);
  return out;
}

Bn FromTwosComplement(std::vector<uint8_t> bytes) {
  const bool negative = !bytes.empty() && (bytes[0] & 0x80) != 0;
  if (negative) {
    for (uint8_t& b : bytes)
      b = static_cast<uint8_t>(~b);
  }
  Bn out(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
  if (negative) {
    BN_add_word(out.get(), 1);
    BN_set_negative(out.get(), 1);
  }
  return out;
}

template <typename ByteOp>
Result<Value> Bitwise(std::span<const Value> a, ByteOp op) {
  TF_ASSIGN_OR_RETURN(Number x, IntegerOperand(a[0], 1));
  TF_ASSIGN_OR_RETURN(Number y, IntegerOperand(a[1], 2));
  if (x.is_small() && y.is_small()) return Value::Int(op(x.small(), y.small()));
  Bn bx = ToBn(x), by = ToBn(y);
  const int width = std::max(BN_num_bytes(bx.get()), BN_num_bytes(by.get())) + 1;
  std::vector<uint8_t> lhs = TwosComplement(bx.get(), width);
  std::vector<uint8_t> rhs = TwosComplement(by.get(), width);
  for (size_t i = 0; i < lhs.size(); ++i)
    lhs[i] = static_cast<uint8_t>(op(lhs[i], rhs[i]));
  return FromBn(FromTwosComplement(std::move(lhs)).get());
}

Result<Value> And(BuiltinContext&, std::span<const Value> a) {
  return Bitwise(a, [](auto x, auto y) { return x & y; });
}
Result<Value> Or(BuiltinContext&, std::span<const Value> a) {
  return Bitwise(a, [](auto x, auto y) { return x | y; });
}
Result<Value> Xor(BuiltinContext&, std::span<const Value> a) {
  return Bitwise(a, [](auto x, auto y) { return x ^ y; });
}

// ^x == -x - 1 for every integer.
Result<Value> Negate(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(Number x, IntegerOperand(a[0], 1));
  return Value::FromNumber(Number::Sub(-x, Number(1)));
}

Result<int> ShiftOperand(const Value& v) {
  TF_ASSIGN_OR_RETURN(Number s, IntegerOperand(v, 2));
  if (s.Sign() < 0) {
    return OperandError(2, "must be an unsigned integer number but got a negative integer");
  }
  std::optional<int64_t> bits = s.ToInt64();
  if (!bits || *bits > kMaxShiftBits) {
    return BuiltinError("shift exceeds " + std::to_string(kMaxShiftBits) + " bits");
  }
  return static_cast<int>(*bits);
}

Result<Value> ShiftLeft(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(Number x, IntegerOperand(a[0], 1));
  TF_ASSIGN_OR_RETURN(int s, ShiftOperand(a[1]));
  Bn bx = ToBn(x);
  BN_lshift(bx.get(), bx.get(), s);
  return FromBn(bx.get());
}

// Arithmetic shift: rounds toward negative infinity, as big.Int.Rsh.
Result<Value> ShiftRight(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(Number x, IntegerOperand(a[0], 1));
  TF_ASSIGN_OR_RETURN(int s, ShiftOperand(a[1]));
  Bn bx = ToBn(x);
  if (!BN_is_negative(bx.get())) {
    BN_rshift(bx.get(), bx.get(), s);
    return FromBn(bx.get());
  }
  // -m >> s == -((m - 1) >> s) - 1.
  BN_set_negative(bx.get(), 0);
  BN_sub_word(bx.get(), 1);
  BN_rshift(bx.get(), bx.get(), s);
  BN_add_word(bx.get(), 1);
  BN_set_negative(bx.get(), 1);
  return FromBn(bx.get());
}

BuiltinDecl Binary(std::string_view name, std::string_view y, BuiltinFn fn) {
  return BuiltinDecl{
      .name = name, .params = {{kNumber, "x"}, {kNumber, y}}, .result = kNumber, .fn = fn};
}

}  // namespace

std::vector<BuiltinDecl> BitsBuiltins() {
  return {
      Binary("bits.and", "y", And),
      Binary("bits.or", "y", Or),
      Binary("bits.xor", "y", Xor),
      {.name = "bits.negate", .params = {{kNumber, "x"}}, .result = kNumber, .fn = Negate},
      Binary("bits.lsh", "s", ShiftLeft),
      Binary("bits.rsh", "s", ShiftRight),
  };
}

}  // namespace tf::rego::builtins
