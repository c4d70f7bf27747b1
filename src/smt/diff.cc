// Rule-by-rule equivalence of two versions of a pack, with interpreter-confirmed
// distinguishing inputs.
#include "smt/diff.h"

#include <chrono>
#include <map>
#include <optional>

#include "core/json.h"
#include "smt/internal/analysis.h"
#include "smt/internal/queries.h"
#include "smt/internal/z3_literals.h"

namespace tf::smt {
namespace {

using internal::Analysis;
using internal::ConcreteRef;
using internal::RefClass;
using internal::RefOutcome;

// What the orchestrator makes of a rule for one input.
enum class Decision : uint8_t { kInactive, kPass, kFalse, kUndefined, kNotBoolean, kError };
constexpr Decision kDecisions[] = {Decision::kInactive,  Decision::kPass,       Decision::kFalse,
                                   Decision::kUndefined, Decision::kNotBoolean, Decision::kError};

size_t Index(Decision d) {
  return static_cast<size_t>(d);
}

Decision FromRefClass(RefClass c) {
  switch (c) {
    case RefClass::kPass:
      return Decision::kPass;
    case RefClass::kFalse:
      return Decision::kFalse;
    case RefClass::kUndefined:
      return Decision::kUndefined;
    case RefClass::kNotBoolean:
      return Decision::kNotBoolean;
    case RefClass::kError:
      return Decision::kError;
  }
  return Decision::kError;
}

std::string_view DecisionName(Decision d) {
  switch (d) {
    case Decision::kInactive:
      return "inactive";
    case Decision::kPass:
      return "true";
    case Decision::kFalse:
      return "false";
    case Decision::kUndefined:
      return "undefined";
    case Decision::kNotBoolean:
      return "not_boolean";
    case Decision::kError:
      return "error";
  }
  return "error";
}

// The queries one version compiles: one per activation leaf and one per decision rule.
struct VersionPlan {
  const PolicyModel* model = nullptr;
  size_t version = 0;
  internal::QuerySet queries;
  std::vector<size_t> leaf_query;
  std::map<std::string, size_t> rule_query;
};

VersionPlan Plan(const PolicyModel& model) {
  VersionPlan p;
  p.model = &model;
  for (const ActivationLeaf& leaf : model.leaves) {
    p.leaf_query.push_back(
        p.queries.Add(leaf.rule_ref ? internal::RefQuery(leaf.text) : leaf.text));
  }
  for (const DecisionRule& r : model.rules)
    p.rule_query[r.id] = p.queries.Add(internal::RefQuery(r.ref));
  return p;
}

// Formulas for each decision, indexed by Decision; exactly one holds for every input.
Result<std::vector<z3::expr>> Formulas(Analysis& an, const VersionPlan& p, const std::string& id) {
  using internal::And;
  using internal::Not;
  using internal::Or;
  z3::context& ctx = an.ctx();
  const DecisionRule* rule = p.model->FindRule(id);
  std::vector<z3::expr> out(std::size(kDecisions), ctx.bool_val(false));
  if (rule == nullptr) {
    out[Index(Decision::kInactive)] = ctx.bool_val(true);
    return out;
  }
  z3::expr leaf_error = ctx.bool_val(false);
  z3::expr all_hold = ctx.bool_val(true);
  for (uint32_t leaf : rule->leaves) {
    size_t q = p.leaf_query[leaf];
    if (p.model->leaves[leaf].rule_ref) {
      TF_ASSIGN_OR_RETURN(RefOutcome o, an.Ref(p.version, q));
      leaf_error = Or(leaf_error, Or(o.error, o.not_boolean));
      all_hold = And(all_hold, o.pass);
    } else {
      TF_ASSIGN_OR_RETURN(internal::QueryOutcome o, an.Outcome(p.version, q));
      leaf_error = Or(leaf_error, o.error);
      all_hold = And(all_hold, And(Not(o.error), o.solved));
    }
  }
  TF_ASSIGN_OR_RETURN(RefOutcome r, an.Ref(p.version, p.rule_query.at(id)));
  z3::expr active = And(Not(leaf_error), all_hold);
  out[Index(Decision::kInactive)] = And(Not(leaf_error), Not(all_hold));
  out[Index(Decision::kPass)] = And(active, r.pass);
  out[Index(Decision::kFalse)] = And(active, r.is_false);
  out[Index(Decision::kUndefined)] = And(active, r.undefined);
  out[Index(Decision::kNotBoolean)] = And(active, r.not_boolean);
  out[Index(Decision::kError)] = Or(leaf_error, And(active, r.error));
  return out;
}

struct Concrete {
  Decision decision = Decision::kInactive;
  std::string text;
};

// The interpreter's decision for the rule on the counterexample.
Concrete RunDecision(Analysis& an, const VersionPlan& p, const std::string& id,
                     const Counterexample& cex) {
  const DecisionRule* rule = p.model->FindRule(id);
  if (rule == nullptr) return {Decision::kInactive, "inactive (no such rule)"};
  bool all_hold = true;
  for (uint32_t leaf : rule->leaves) {
    size_t q = p.leaf_query[leaf];
    const ActivationLeaf& l = p.model->leaves[leaf];
    if (l.rule_ref) {
      ConcreteRef c = an.RunRef(p.version, q, cex);
      if (c.cls == RefClass::kError || c.cls == RefClass::kNotBoolean) {
        return {Decision::kError, "error: activation predicate " + l.text + ": " + c.Describe()};
      }
      if (c.cls != RefClass::kPass) all_hold = false;
    } else {
      std::string error;
      bool holds = an.RunHolds(p.version, q, cex, &error);
      if (!error.empty())
        return {Decision::kError, "error: activation predicate " + l.text + ": " + error};
      if (!holds) all_hold = false;
    }
  }
  if (!all_hold) return {Decision::kInactive, "inactive"};
  ConcreteRef r = an.RunRef(p.version, p.rule_query.at(id), cex);
  return {FromRefClass(r.cls), r.Describe()};
}

Decision Predict(const Analysis& an, const z3::model& model, const std::vector<z3::expr>& f) {
  for (Decision d : kDecisions) {
    if (an.Holds(model, f[Index(d)])) return d;
  }
  return Decision::kError;
}

CheckResult DiffRule(Analysis& an, const VersionPlan& old_plan, const VersionPlan& new_plan,
                     const std::string& id) {
  CheckResult out;
  out.check = Check{CheckKind::kEquivalent, id, id};
  out.name = id;
  out.array_bound = an.array_bound();
  auto unknown = [&](const Status& s) {
    out.verdict = Verdict::kUnknown;
    out.reason = std::string(s.message());
    out.encoding_mismatch = s.code() == ErrorCode::kSmtEncodingMismatch;
    return out;
  };
  Result<std::vector<z3::expr>> fo = Formulas(an, old_plan, id);
  if (!fo.ok()) return unknown(fo.status());
  Result<std::vector<z3::expr>> fn = Formulas(an, new_plan, id);
  if (!fn.ok()) return unknown(fn.status());
  Result<z3::expr> differs = internal::CatchZ3([&]() -> Result<z3::expr> {
    z3::expr any = an.ctx().bool_val(false);
    for (Decision d : kDecisions)
      any = internal::Or(any, internal::And((*fo)[Index(d)], internal::Not((*fn)[Index(d)])));
    return any;
  });
  if (!differs.ok()) return unknown(differs.status());
  Result<internal::Solved> solved = an.Solve(*differs);
  if (!solved.ok()) return unknown(solved.status());
  out.bounded = an.bounded();
  if (solved->state == internal::Solved::State::kUnsat) {
    out.verdict = Verdict::kProved;
    return out;
  }
  if (solved->state == internal::Solved::State::kUnknown)
    return unknown(Status(ErrorCode::kSmtSolverUnknown, solved->reason));
  const Counterexample& cex = solved->counterexample;
  Concrete co = RunDecision(an, old_plan, id, cex);
  Concrete cn = RunDecision(an, new_plan, id, cex);
  Decision po = Predict(an, *solved->model, *fo);
  Decision pn = Predict(an, *solved->model, *fn);
  if (co.decision == cn.decision || po != co.decision || pn != cn.decision) {
    std::string detail = "for input " + ToJson(cex.input) + " the encoding predicted " + id +
                         " = " + std::string(DecisionName(po)) + " (old), " +
                         std::string(DecisionName(pn)) + " (new) but the interpreter decided " +
                         co.text + " (old), " + cn.text + " (new)";
    if (!an.exact()) {
      return unknown(Status(ErrorCode::kSmtSolverUnknown,
                            "a candidate distinguishing input depends on rounded division, which "
                            "the encoding approximates, and the interpreter does not confirm it (" +
                                detail + ")"));
    }
    return unknown(Status(ErrorCode::kSmtEncodingMismatch,
                          "ENCODING MISMATCH (a prover bug, please report it): " + detail));
  }
  out.verdict = Verdict::kCounterexample;
  out.counterexample = cex;
  out.counterexample.interpreter.push_back({id + " (old)", co.text});
  out.counterexample.interpreter.push_back({id + " (new)", cn.text});
  return out;
}

std::vector<std::string> RuleIds(const PolicyModel& a, const PolicyModel& b) {
  std::vector<std::string> ids;
  for (const DecisionRule& r : a.rules)
    ids.push_back(r.id);
  for (const DecisionRule& r : b.rules) {
    if (a.FindRule(r.id) == nullptr) ids.push_back(r.id);
  }
  return ids;
}

}  // namespace

Result<std::vector<CheckResult>> Diff(const PolicyModel& old_model, const PolicyModel& new_model,
                                      std::string_view rule, const AnalysisOptions& options) {
  std::vector<std::string> ids;
  if (rule.empty()) {
    ids = RuleIds(old_model, new_model);
  } else {
    std::string id(rule);
    if (old_model.FindRule(id) == nullptr && new_model.FindRule(id) == nullptr) {
      return Status(ErrorCode::kSmtCheckInvalid, "no rule " + id + " in either " + old_model.id +
                                                     " " + old_model.version + " or " +
                                                     new_model.id + " " + new_model.version);
    }
    ids.push_back(std::move(id));
  }
  Analysis an(options);
  Status schema;
  for (const PolicyModel* m : {&old_model, &new_model}) {
    if (schema.ok() && m->input_schema) schema = an.AddSchema(*m->input_schema);
  }
  VersionPlan old_plan = Plan(old_model);
  VersionPlan new_plan = Plan(new_model);
  TF_ASSIGN_OR_RETURN(old_plan.version, an.AddVersion(old_model, old_plan.queries.texts()));
  TF_ASSIGN_OR_RETURN(new_plan.version, an.AddVersion(new_model, new_plan.queries.texts()));
  std::vector<CheckResult> out;
  for (const std::string& id : ids) {
    auto start = std::chrono::steady_clock::now();
    CheckResult r;
    if (!schema.ok()) {
      r.check = Check{CheckKind::kEquivalent, id, id};
      r.name = id;
      r.reason = std::string(schema.message());
    } else {
      r = DiffRule(an, old_plan, new_plan, id);
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace tf::smt
