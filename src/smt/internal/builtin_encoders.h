// File: smt/internal/builtin_encoders.h
//
// Builtins the prover encodes symbolically, one function per builtin, found by name. An encoder
// receives the arguments (already checked against the declaration's kinds by the translator,
// which also turns kind mismatches into the type error) and returns the result where it is
// defined and the condition under which the builtin fails with an error (division by zero, an
// element of the wrong kind, ...). Where the builtin is undefined, neither holds.
//
// Builtins with only constant arguments never reach an encoder: the translator runs the engine's
// own implementation on them, so constant folding agrees with the interpreter by construction.
#ifndef TF_SMT_INTERNAL_BUILTIN_ENCODERS_H_
#define TF_SMT_INTERNAL_BUILTIN_ENCODERS_H_

#include <span>
#include <string_view>

#include "core/status.h"
#include "smt/internal/encoder.h"

namespace tf::smt::internal {

struct BuiltinOutcome {
  SymVal value;
  z3::expr error;
};

struct BuiltinCall {
  Encoder& enc;
  std::span<const SymVal> args;
  // Set to false by an encoder that over-approximates (division: the interpreter rounds the
  // quotient to 34 significant digits; the encoding allows any value within that error).
  bool* exact;
};

using BuiltinEncoder = Result<BuiltinOutcome> (*)(const BuiltinCall& call);

// The encoder for `name`, or nullptr when the builtin is outside the fragment.
BuiltinEncoder FindBuiltinEncoder(std::string_view name);

// Families (one file each).
BuiltinEncoder FindComparisonEncoder(std::string_view name);  // builtins_basic.cc
BuiltinEncoder FindNumberEncoder(std::string_view name);      // builtins_numbers.cc
BuiltinEncoder FindStringEncoder(std::string_view name);      // builtins_strings.cc
BuiltinEncoder FindCollectionEncoder(std::string_view name);  // builtins_collections.cc

}  // namespace tf::smt::internal

#endif  // TF_SMT_INTERNAL_BUILTIN_ENCODERS_H_
