// Proving checks about one policy: translate, solve, confirm counterexamples with the
// interpreter.
#include "smt/prover.h"

#include <chrono>

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

struct Operands {
  std::string a_ref, b_ref;
  size_t a = 0, b = 0;  // query indexes
};

std::string PropertyName(const std::string& ref) {
  size_t dot = ref.rfind('.');
  return dot == std::string::npos ? ref : ref.substr(dot + 1);
}

// The formula that holds where the check fails.
Result<z3::expr> Violation(Analysis& an, CheckKind kind, const RefOutcome& a, const RefOutcome& b) {
  using internal::And;
  using internal::Not;
  using internal::Or;
  switch (kind) {
    case CheckKind::kProperty:
    case CheckKind::kAlwaysAllows:
      return Not(a.pass);
    case CheckKind::kAlwaysDenies:
      return a.pass;
    case CheckKind::kNeverErrors:
      return a.error;
    case CheckKind::kImplies:
      return And(a.pass, Not(b.pass));
    case CheckKind::kDisjoint:
      return And(a.pass, b.pass);
    case CheckKind::kEquivalent: {
      TF_ASSIGN_OR_RETURN(z3::expr eq, an.encoder().Equal(a.value, b.value));
      z3::expr a_defined = And(Not(a.error), Not(a.undefined));
      z3::expr b_defined = And(Not(b.error), Not(b.undefined));
      z3::expr same = Or(And(a.error, b.error),
                         Or(And(a.undefined, b.undefined), And(a_defined, And(b_defined, eq))));
      return Not(same);
    }
  }
  return Status(ErrorCode::kInternal, "unknown check kind");
}

bool ConcreteViolation(CheckKind kind, const ConcreteRef& a, const ConcreteRef& b) {
  bool a_pass = a.cls == RefClass::kPass;
  bool b_pass = b.cls == RefClass::kPass;
  switch (kind) {
    case CheckKind::kProperty:
    case CheckKind::kAlwaysAllows:
      return !a_pass;
    case CheckKind::kAlwaysDenies:
      return a_pass;
    case CheckKind::kNeverErrors:
      return a.cls == RefClass::kError;
    case CheckKind::kImplies:
      return a_pass && !b_pass;
    case CheckKind::kDisjoint:
      return a_pass && b_pass;
    case CheckKind::kEquivalent: {
      bool a_defined = a.cls != RefClass::kError && a.cls != RefClass::kUndefined;
      bool b_defined = b.cls != RefClass::kError && b.cls != RefClass::kUndefined;
      bool same = (a.cls == RefClass::kError && b.cls == RefClass::kError) ||
                  (a.cls == RefClass::kUndefined && b.cls == RefClass::kUndefined) ||
                  (a_defined && b_defined && a.value == b.value);
      return !same;
    }
  }
  return false;
}

// Solves one check and confirms a counterexample with the interpreter.
CheckResult RunCheck(Analysis& an, const Check& check, const Operands& ops) {
  CheckResult out;
  out.check = check;
  out.name = check.kind == CheckKind::kProperty ? PropertyName(check.a) : CheckText(check);
  out.array_bound = an.array_bound();
  auto unknown = [&](const Status& s) {
    out.verdict = Verdict::kUnknown;
    out.reason = std::string(s.message());
    if (s.code() == ErrorCode::kSmtEncodingMismatch) out.encoding_mismatch = true;
    return out;
  };
  Result<RefOutcome> a = an.Ref(0, ops.a);
  if (!a.ok()) return unknown(a.status());
  Result<RefOutcome> b = CheckArity(check.kind) == 2 ? an.Ref(0, ops.b) : a;
  if (!b.ok()) return unknown(b.status());
  Result<z3::expr> violation = internal::CatchZ3([&] { return Violation(an, check.kind, *a, *b); });
  if (!violation.ok()) return unknown(violation.status());
  Result<internal::Solved> solved = an.Solve(*violation);
  if (!solved.ok()) return unknown(solved.status());
  out.bounded = an.bounded();
  if (solved->state == internal::Solved::State::kUnsat) {
    out.verdict = Verdict::kProved;
    return out;
  }
  if (solved->state == internal::Solved::State::kUnknown) {
    return unknown(Status(ErrorCode::kSmtSolverUnknown, solved->reason));
  }
  // A counterexample: the interpreter must confirm it before it is reported.
  const Counterexample& cex = solved->counterexample;
  ConcreteRef ca = an.RunRef(0, ops.a, cex);
  ConcreteRef cb = CheckArity(check.kind) == 2 ? an.RunRef(0, ops.b, cex) : ca;
  RefClass pa = an.Predict(*solved->model, *a);
  RefClass pb = an.Predict(*solved->model, *b);
  bool confirmed = ConcreteViolation(check.kind, ca, cb);
  bool agrees = pa == ca.cls && pb == cb.cls;
  if (!confirmed || !agrees) {
    std::string detail = "for input " + ToJson(cex.input) + " the encoding predicted " + ops.a_ref +
                         " = " + std::string(internal::RefClassName(pa)) +
                         " but the interpreter decided " + ca.Describe();
    if (CheckArity(check.kind) == 2) {
      detail += ", and " + ops.b_ref + " = " + std::string(internal::RefClassName(pb)) +
                " but the interpreter decided " + cb.Describe();
    }
    if (!an.exact()) {
      return unknown(Status(ErrorCode::kSmtSolverUnknown,
                            "a candidate counterexample depends on rounded division, which the "
                            "encoding approximates, and the interpreter does not confirm it (" +
                                detail + ")"));
    }
    return unknown(Status(ErrorCode::kSmtEncodingMismatch,
                          "ENCODING MISMATCH (a prover bug, please report it): " + detail));
  }
  out.verdict = Verdict::kCounterexample;
  out.counterexample = cex;
  out.counterexample.interpreter.push_back({ops.a_ref, ca.Describe()});
  if (CheckArity(check.kind) == 2)
    out.counterexample.interpreter.push_back({ops.b_ref, cb.Describe()});
  return out;
}

}  // namespace

std::vector<Check> PropertyChecks(const PolicyModel& model) {
  std::vector<Check> out;
  for (const std::string& ref : model.properties)
    out.push_back(Check{CheckKind::kProperty, ref, ""});
  return out;
}

Result<std::vector<Check>> PropertyChecksNamed(const PolicyModel& model, std::string_view name) {
  std::vector<Check> out;
  for (const std::string& ref : model.properties) {
    if (ref == name || PropertyName(ref) == name ||
        PropertyName(ref) == "property_" + std::string(name)) {
      out.push_back(Check{CheckKind::kProperty, ref, ""});
    }
  }
  if (out.empty()) {
    std::string known;
    for (const std::string& ref : model.properties)
      known += (known.empty() ? "" : ", ") + PropertyName(ref);
    return Status(
        ErrorCode::kSmtCheckInvalid,
        "no property " + std::string(name) + " in " + model.id +
            (known.empty() ? std::string(" (it has no properties)") : " (it has " + known + ")"));
  }
  return out;
}

Result<std::vector<CheckResult>> Prove(const PolicyModel& model, const std::vector<Check>& checks,
                                       const AnalysisOptions& options) {
  internal::QuerySet queries;
  std::vector<Operands> ops;
  for (const Check& c : checks) {
    Operands o;
    TF_ASSIGN_OR_RETURN(o.a_ref, internal::ResolveOperand(model, c.a));
    o.a = queries.Add(internal::RefQuery(o.a_ref));
    if (CheckArity(c.kind) == 2) {
      TF_ASSIGN_OR_RETURN(o.b_ref, internal::ResolveOperand(model, c.b));
      o.b = queries.Add(internal::RefQuery(o.b_ref));
    }
    ops.push_back(std::move(o));
  }
  Analysis an(options);
  Status schema = model.input_schema ? an.AddSchema(*model.input_schema) : Status();
  TF_ASSIGN_OR_RETURN(size_t version, an.AddVersion(model, queries.texts()));
  (void)version;
  for (const Operands& o : ops) {
    TF_RETURN_IF_ERROR(internal::CheckRefExists(an.policy(0), model.data, o.a_ref));
    if (!o.b_ref.empty())
      TF_RETURN_IF_ERROR(internal::CheckRefExists(an.policy(0), model.data, o.b_ref));
  }
  std::vector<CheckResult> out;
  for (size_t i = 0; i < checks.size(); ++i) {
    auto start = std::chrono::steady_clock::now();
    CheckResult r;
    if (!schema.ok()) {
      r.check = checks[i];
      r.name =
          checks[i].kind == CheckKind::kProperty ? PropertyName(checks[i].a) : CheckText(checks[i]);
      r.verdict = Verdict::kUnknown;
      r.reason = std::string(schema.message());
    } else {
      r = RunCheck(an, checks[i], ops[i]);
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace tf::smt
