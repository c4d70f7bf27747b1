// File: smt/internal/model_reader.h
//
// Turns a Z3 model into the counterexample a person reads and the interpreter re-runs: the
// input as JSON (and the values of symbolic data paths). Parts the policy never read but the
// schema requires are filled with small values the schema admits; the whole input is then
// validated against every schema, so a counterexample never lies about its own validity.
//
// A model whose numbers have no finite decimal expansion, or whose strings hold surrogate code
// points, cannot be written as JSON: `Repairs` returns constraints that rule those values out,
// for the caller to solve again.
#ifndef TF_SMT_INTERNAL_MODEL_READER_H_
#define TF_SMT_INTERNAL_MODEL_READER_H_

#include <z3++.h>

#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "smt/internal/input_tree.h"

namespace tf::smt::internal {

// Constraints excluding the model's values that are not representable in JSON; empty when the
// model is fine.
std::vector<z3::expr> Repairs(const z3::model& model, const InputTree& tree);

// The input the model describes. Errors: kSmtEncodingMismatch when the result violates a
// schema (an encoding bug), kSmtSolverUnknown when a value cannot be written as JSON.
Result<Value> ReadInput(const z3::model& model, const InputTree& tree);

// The symbolic data paths' values: {"limits.export": …}, absent paths left out.
Result<Value> ReadData(const z3::model& model, const InputTree& tree);

}  // namespace tf::smt::internal

#endif  // TF_SMT_INTERNAL_MODEL_READER_H_
