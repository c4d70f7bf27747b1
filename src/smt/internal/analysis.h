// File: smt/internal/analysis.h
//
// One analysis: a Z3 context and solver, the symbolic input (shared by every version, so a
// diff compares two versions on the same input), and one or two compiled versions of a policy
// with the queries the checks ask. It translates queries into outcome formulas, searches for
// inputs where a formula holds, turns models into counterexamples and re-runs them through the
// interpreter.
//
// Single-threaded; owns its Z3 context. Z3 exceptions are converted to Status where this class
// calls Z3 on behalf of the public API.
#ifndef TF_SMT_INTERNAL_ANALYSIS_H_
#define TF_SMT_INTERNAL_ANALYSIS_H_

#include <z3++.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "rego/compiled_policy.h"
#include "rego/evaluator.h"
#include "smt/analysis_options.h"
#include "smt/check_result.h"
#include "smt/internal/encoder.h"
#include "smt/internal/translator.h"
#include "smt/policy_model.h"

namespace tf::smt::internal {

// How a `[ref]` query ends, as the pack orchestrator classifies rule outcomes.
enum class RefClass : uint8_t { kPass, kFalse, kUndefined, kNotBoolean, kError };
std::string_view RefClassName(RefClass c);

// The outcome of a `[ref]` query as formulas: exactly one of the five holds for every input.
struct RefOutcome {
  z3::expr error, undefined, pass, is_false, not_boolean;
  SymVal value;  // the document's value where it is defined

  const z3::expr& Of(RefClass c) const;
};

// The interpreter's outcome of a `[ref]` query.
struct ConcreteRef {
  RefClass cls = RefClass::kUndefined;
  Value value;
  std::string error;
  std::string Describe() const;  // "true", "undefined", "error: …", or the value
};

struct Solved {
  enum class State : uint8_t { kSat, kUnsat, kUnknown } state = State::kUnknown;
  std::string reason;              // kUnknown
  std::optional<z3::model> model;  // kSat
  Counterexample counterexample;   // kSat: input and symbolic data
};

class Analysis {
 public:
  explicit Analysis(const AnalysisOptions& options);
  ~Analysis();
  Analysis(const Analysis&) = delete;
  Analysis& operator=(const Analysis&) = delete;

  // Constrains the input; every schema added applies. REQUIRES: before any translation.
  Status AddSchema(const Value& schema);
  // Compiles a version of the policy together with `queries`; returns the version's index.
  Result<size_t> AddVersion(const PolicyModel& model, const std::vector<std::string>& queries);

  Result<QueryOutcome> Outcome(size_t version, size_t query);
  // For a query `[ref]`.
  Result<RefOutcome> Ref(size_t version, size_t query);

  // Looks for an input (and symbolic data) where `violation` holds.
  Result<Solved> Solve(const z3::expr& violation);
  bool Holds(const z3::model& model, const z3::expr& f) const;
  // Which of the five classes the model gives a `[ref]` outcome.
  RefClass Predict(const z3::model& model, const RefOutcome& o) const;

  // Runs a `[ref]` query of a version on a counterexample with the interpreter.
  ConcreteRef RunRef(size_t version, size_t query, const Counterexample& cex);
  // Runs a query and says whether it has a solution (activation predicates); `error` is set
  // when it failed.
  bool RunHolds(size_t version, size_t query, const Counterexample& cex, std::string* error);

  // False once some translation over-approximated (division).
  bool exact() const;
  // Whether some input array was bounded by the array bound rather than the schema.
  bool bounded() const { return tree_->bounded(); }
  uint32_t array_bound() const { return options_.array_bound; }
  Encoder& encoder() { return *enc_; }
  z3::context& ctx() { return *ctx_; }
  const rego::CompiledPolicy& policy(size_t version) const { return *versions_[version]->policy; }

 private:
  struct Version {
    std::unique_ptr<rego::CompiledPolicy> policy;
    Value data;
    std::unique_ptr<Translator> translator;
    std::unique_ptr<rego::Evaluator> evaluator;
  };
  Result<Counterexample> ReadCounterexample(const z3::model& model);
  Result<rego::QueryResult> Run(size_t version, size_t query, const Counterexample& cex);

  AnalysisOptions options_;
  std::unique_ptr<z3::context> ctx_;
  std::unique_ptr<InputTree> tree_;
  std::unique_ptr<Encoder> enc_;
  std::unique_ptr<z3::solver> solver_;
  size_t asserted_ = 0;
  std::vector<std::vector<std::string>> symbolic_data_;
  std::vector<std::unique_ptr<Version>> versions_;  // stable addresses: translators hold data
};

// Z3 reports errors by throwing; the public API converts them here.
template <typename F>
auto CatchZ3(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const z3::exception& e) {
    return Status(ErrorCode::kSmtSolverError, std::string("z3: ") + e.msg());
  }
}

}  // namespace tf::smt::internal

#endif  // TF_SMT_INTERNAL_ANALYSIS_H_
