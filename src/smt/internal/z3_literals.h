// File: smt/internal/z3_literals.h
//
// Conversions between the engine's exact values and Z3 literals: Rego numbers (exact decimals)
// to and from Z3 rationals, Rego strings (UTF-8) to and from Z3 strings (sequences of Unicode
// code points). Z3 4.8's alphabet is U+0000..U+2FFFF; a constant outside it cannot be encoded,
// and a model string holding a surrogate code point is not a valid JSON string, so both
// directions can fail and say so.
#ifndef TF_SMT_INTERNAL_Z3_LITERALS_H_
#define TF_SMT_INTERNAL_Z3_LITERALS_H_

#include <z3++.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/number.h"

namespace tf::smt::internal {

// The largest code point Z3's string theory represents (its "unicode" encoding).
inline constexpr char32_t kMaxZ3CodePoint = 0x2FFFF;

// The number as a Z3 real numeral (exact).
z3::expr NumberLiteral(z3::context& ctx, const Number& n);

// The string as a Z3 string literal; nullopt when it holds a code point Z3 cannot represent or
// is not valid UTF-8.
std::optional<z3::expr> StringLiteral(z3::context& ctx, std::string_view utf8);

// A model's real numeral as an exact decimal; nullopt when it has no finite decimal expansion
// (1/3) or is not a rational numeral (an algebraic number).
std::optional<Number> DecimalFromModel(const z3::expr& value);

// A model's string literal as UTF-8; nullopt when it holds a surrogate code point.
std::optional<std::string> Utf8FromModel(const z3::expr& value);

// Z3 4.8.12's z3++ move assignment (`x = <temporary>`) never releases the term `x` held: the
// term and everything below it stay alive until the context is deleted, and Z3_del_context
// then frees leaked terms one DAG level per pass over its whole term table (quadratic; 80% of
// a proof's time). Builders used in accumulators (`pc = And(pc, c)`) therefore return const
// values, which assign by copy and release the old term; other temporaries go through Assign.
void Assign(z3::expr& dst, const z3::expr& src);

// Conjunction, disjunction and negation that fold the constants true and false, so that
// guards built from constant values stay small.
const z3::expr And(const z3::expr& a, const z3::expr& b);
const z3::expr Or(const z3::expr& a, const z3::expr& b);
const z3::expr Not(const z3::expr& a);
const z3::expr Implies(const z3::expr& a, const z3::expr& b);
// ite(c, a, b) with constant conditions and equal branches folded.
const z3::expr Ite(const z3::expr& c, const z3::expr& a, const z3::expr& b);
bool IsTrue(const z3::expr& e);
// floor(x) as an Int, for a Real x (SMT-LIB to_int).
z3::expr RealToInt(const z3::expr& x);
bool IsFalse(const z3::expr& e);

}  // namespace tf::smt::internal

#endif  // TF_SMT_INTERNAL_Z3_LITERALS_H_
