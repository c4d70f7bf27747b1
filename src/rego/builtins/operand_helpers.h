// File: rego/builtins/operand_helpers.h
//
// Helpers shared by the builtin families for what the argument checker cannot see: integer
// operands, elements of collections, OPA's element-type errors, and Rego's text form of values
// (what OPA prints for a term in messages and in sprintf's %v).
//
//   TF_ASSIGN_OR_RETURN(int64_t start, IntOperand(args[1], 2));
//   TF_ASSIGN_OR_RETURN(auto strs, StringElements(args[0], 1));
#ifndef TF_REGO_BUILTINS_OPERAND_HELPERS_H_
#define TF_REGO_BUILTINS_OPERAND_HELPERS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/number.h"
#include "core/status.h"
#include "core/value.h"

namespace tf::rego::builtins {

// An integral number that fits int64, as OPA's IntOperand: otherwise
// "operand <pos> must be integer number but got floating-point number".
Result<int64_t> IntOperand(const Value& v, int pos);

// "operand <pos> must be array of <expected>s but got array containing <kind>" (OPA's element
// error; the collection's kind names both the wanted and the actual container).
Status ElementTypeError(int pos, const Value& collection, const Value& element,
                        std::string_view expected);

// The strings of an array or set operand, borrowed from `v` (which must outlive the result).
// Fails with ElementTypeError for a non-string element.
Result<std::vector<std::string_view>> StringElements(const Value& v, int pos);

// A type error (eval_type_error) whose message names no operand position.
Status TypeErrorWithoutOperand(std::string message);

// Rego's text form of a value, as OPA's Term.String(): strings quoted as Go's strconv.Quote,
// arrays "[1, 2]", objects {"a": 1}, sets {1, 2} and the empty set "set()".
std::string RegoText(const Value& v);
void AppendRegoText(std::string& out, const Value& v);

// A number as Rego writes it: exact digits, exponent without a '+' ("2e308").
std::string NumberText(const Number& n);

// Go's strconv.Quote: double-quoted with Go escapes; invalid UTF-8 bytes become \xNN.
void AppendGoQuoted(std::string& out, std::string_view s);

// Parses decimal number text as Go's big.Rat/ParseFloat accept it ("+.5", "5.", "-1E3") into
// an exact Number. Hex floats and underscores are not decimal and give nullopt.
std::optional<Number> ParseDecimal(std::string_view text);

// Rounds toward zero.
Number TruncateNumber(const Number& n);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_OPERAND_HELPERS_H_
