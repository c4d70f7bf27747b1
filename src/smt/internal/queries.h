// File: smt/internal/queries.h
//
// The queries an analysis compiles with a version of the policy: deduplicated texts, `[ref]`
// value queries (as the pack orchestrator asks rule verdicts), and checks that a ref names a
// rule or a document.
#ifndef TF_SMT_INTERNAL_QUERIES_H_
#define TF_SMT_INTERNAL_QUERIES_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "rego/compiled_policy.h"
#include "smt/policy_model.h"

namespace tf::smt::internal {

class QuerySet {
 public:
  size_t Add(const std::string& text);
  size_t Index(const std::string& text) const { return index_.at(text); }
  const std::vector<std::string>& texts() const { return texts_; }

 private:
  std::vector<std::string> texts_;
  std::map<std::string, size_t> index_;
};

// "[data.a.b]": one solution holding the document's value when it is defined.
std::string RefQuery(std::string_view ref);

// A check operand: a rule id of the model (its ref), or a ref `data.…` as is.
Result<std::string> ResolveOperand(const PolicyModel& model, const std::string& operand);

// kSmtCheckInvalid unless `ref` names a rule of the program or a document of `data`.
Status CheckRefExists(const rego::CompiledPolicy& policy, const Value& data,
                      const std::string& ref);

}  // namespace tf::smt::internal

#endif  // TF_SMT_INTERNAL_QUERIES_H_
