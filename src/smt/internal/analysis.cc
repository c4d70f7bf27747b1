// One analysis: translation, solving, counterexamples and their re-run by the interpreter.
#include "smt/internal/analysis.h"

#include "core/json.h"
#include "smt/internal/model_reader.h"
#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {
namespace {

// Rounds of re-solving when a model's values are not valid JSON (see model_reader.h).
constexpr int kRepairRounds = 4;

std::vector<std::string> SplitPath(const std::string& dotted) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= dotted.size()) {
    size_t dot = dotted.find('.', start);
    if (dot == std::string::npos) dot = dotted.size();
    if (dot > start) out.push_back(dotted.substr(start, dot - start));
    start = dot + 1;
  }
  return out;
}

// `base` with `value` placed at `path`, creating objects on the way.
Value Upsert(Value base, const std::vector<std::string>& path, size_t from, const Value& value) {
  if (from == path.size()) return value;
  if (!base.is_object()) base = Value::EmptyObject();
  Value key = Value::String(path[from]);
  Value* child = base.ObjectFindMutable(key);
  Value next = Upsert(child != nullptr ? *child : Value::EmptyObject(), path, from + 1, value);
  if (child != nullptr) {
    *base.ObjectFindMutable(key) = std::move(next);
  } else {
    base.ObjectInsertIfAbsent(std::move(key), std::move(next));
  }
  return base;
}

}  // namespace

std::string_view RefClassName(RefClass c) {
  switch (c) {
    case RefClass::kPass:
      return "true";
    case RefClass::kFalse:
      return "false";
    case RefClass::kUndefined:
      return "undefined";
    case RefClass::kNotBoolean:
      return "not_boolean";
    case RefClass::kError:
      return "error";
  }
  return "unknown";
}

const z3::expr& RefOutcome::Of(RefClass c) const {
  switch (c) {
    case RefClass::kPass:
      return pass;
    case RefClass::kFalse:
      return is_false;
    case RefClass::kUndefined:
      return undefined;
    case RefClass::kNotBoolean:
      return not_boolean;
    case RefClass::kError:
      return error;
  }
  return error;
}

std::string ConcreteRef::Describe() const {
  switch (cls) {
    case RefClass::kPass:
      return "true";
    case RefClass::kFalse:
      return "false";
    case RefClass::kUndefined:
      return "undefined";
    case RefClass::kNotBoolean:
      return ToJson(value);
    case RefClass::kError:
      return "error: " + error;
  }
  return "unknown";
}

Analysis::Analysis(const AnalysisOptions& options) : options_(options) {
  ctx_ = std::make_unique<z3::context>();
  tree_ = std::make_unique<InputTree>(*ctx_, options_.array_bound);
  enc_ = std::make_unique<Encoder>(*ctx_, *tree_);
  solver_ = std::make_unique<z3::solver>(*ctx_);
  z3::params p(*ctx_);
  p.set("timeout", options_.timeout_ms);
  solver_->set(p);
  for (const std::string& path : options_.symbolic_data)
    symbolic_data_.push_back(SplitPath(path));
}

Analysis::~Analysis() = default;

Status Analysis::AddSchema(const Value& schema) {
  return tree_->AddSchema(schema);
}

Result<size_t> Analysis::AddVersion(const PolicyModel& model,
                                    const std::vector<std::string>& queries) {
  Result<rego::CompiledPolicy> compiled = rego::CompiledPolicy::Compile(model.modules, queries);
  if (!compiled.ok()) return compiled.status();
  auto v = std::make_unique<Version>();
  v->policy = std::make_unique<rego::CompiledPolicy>(std::move(*compiled));
  v->data = model.data;
  TranslateOptions topts;
  topts.strict_builtin_errors = options_.strict_builtin_errors;
  topts.symbolic_data = symbolic_data_;
  v->translator = std::make_unique<Translator>(*enc_, v->policy->program(), v->data, topts);
  v->evaluator = std::make_unique<rego::Evaluator>(*v->policy);
  versions_.push_back(std::move(v));
  return versions_.size() - 1;
}

Result<QueryOutcome> Analysis::Outcome(size_t version, size_t query) {
  return CatchZ3(
      [&]() -> Result<QueryOutcome> { return versions_[version]->translator->Query(query); });
}

Result<RefOutcome> Analysis::Ref(size_t version, size_t query) {
  return CatchZ3([&]() -> Result<RefOutcome> {
    TF_ASSIGN_OR_RETURN(QueryOutcome o, versions_[version]->translator->Query(query));
    TF_ASSIGN_OR_RETURN(SymVal zero, enc_->Const(Value::Int(0)));
    TF_ASSIGN_OR_RETURN(SymVal v, enc_->Dot(o.value, zero));
    z3::expr is_true = ctx_->bool_val(false);
    z3::expr is_false = ctx_->bool_val(false);
    for (const Alt& a : v.alts) {
      if (a.kind != ValueKind::kBool) continue;
      is_true = Or(is_true, And(a.guard, a.scalar));
      is_false = Or(is_false, And(a.guard, Not(a.scalar)));
    }
    z3::expr ok = And(Not(o.error), o.solved);
    z3::expr boolean = enc_->HasKind(v, KindBit(ValueKind::kBool));
    return RefOutcome{o.error,
                      And(Not(o.error), Not(o.solved)),
                      And(ok, is_true),
                      And(ok, is_false),
                      And(ok, Not(boolean)),
                      v};
  });
}

bool Analysis::exact() const {
  for (const auto& v : versions_) {
    if (!v->translator->exact()) return false;
  }
  return true;
}

bool Analysis::Holds(const z3::model& model, const z3::expr& f) const {
  return model.eval(f, true).is_true();
}

RefClass Analysis::Predict(const z3::model& model, const RefOutcome& o) const {
  for (RefClass c : {RefClass::kError, RefClass::kUndefined, RefClass::kPass, RefClass::kFalse,
                     RefClass::kNotBoolean}) {
    if (Holds(model, o.Of(c))) return c;
  }
  return RefClass::kUndefined;
}

Result<Counterexample> Analysis::ReadCounterexample(const z3::model& model) {
  Counterexample cex;
  TF_ASSIGN_OR_RETURN(cex.input, ReadInput(model, *tree_));
  TF_ASSIGN_OR_RETURN(cex.data, ReadData(model, *tree_));
  return cex;
}

Result<Solved> Analysis::Solve(const z3::expr& violation) {
  return CatchZ3([&]() -> Result<Solved> {
    const std::vector<z3::expr>& facts = tree_->constraints();
    for (; asserted_ < facts.size(); ++asserted_)
      solver_->add(facts[asserted_]);
    solver_->push();
    solver_->add(violation);
    Solved out;
    for (int round = 0; round < kRepairRounds; ++round) {
      z3::check_result r = solver_->check();
      if (r == z3::unsat) {
        out.state = Solved::State::kUnsat;
        break;
      }
      if (r == z3::unknown) {
        out.state = Solved::State::kUnknown;
        out.reason = "the solver gave up: " + solver_->reason_unknown();
        break;
      }
      z3::model model = solver_->get_model();
      std::vector<z3::expr> repairs = Repairs(model, *tree_);
      if (repairs.empty()) {
        Result<Counterexample> cex = ReadCounterexample(model);
        if (!cex.ok()) {
          solver_->pop();
          return cex.status();
        }
        out.state = Solved::State::kSat;
        out.model = model;
        out.counterexample = std::move(*cex);
        break;
      }
      for (const z3::expr& fix : repairs)
        solver_->add(fix);
      out.state = Solved::State::kUnknown;
      out.reason = "found only counterexamples whose numbers or strings are not valid JSON";
    }
    // A model found in the last repair round has no successor check: keep the last verdict.
    solver_->pop();
    return out;
  });
}

Result<rego::QueryResult> Analysis::Run(size_t version, size_t query, const Counterexample& cex) {
  Version& v = *versions_[version];
  Value data = v.data;
  if (cex.data.is_object()) {
    for (const auto& [path, value] : cex.data.object()) {
      data = Upsert(std::move(data), SplitPath(path.string()), 0, value);
    }
  }
  rego::EvalOptions opts;
  opts.input = &cex.input;
  opts.data = &data;
  opts.strict_builtin_errors = options_.strict_builtin_errors;
  return v.evaluator->Eval(query, opts);
}

ConcreteRef Analysis::RunRef(size_t version, size_t query, const Counterexample& cex) {
  ConcreteRef out;
  Result<rego::QueryResult> r = Run(version, query, cex);
  if (!r.ok()) {
    out.cls = RefClass::kError;
    out.error = r.status().ToString();
    return out;
  }
  if (r->solutions.empty()) {
    out.cls = RefClass::kUndefined;
    return out;
  }
  out.value = r->solutions[0].expressions[0].array()[0];
  if (!out.value.is_bool()) {
    out.cls = RefClass::kNotBoolean;
  } else {
    out.cls = out.value.bool_value() ? RefClass::kPass : RefClass::kFalse;
  }
  return out;
}

bool Analysis::RunHolds(size_t version, size_t query, const Counterexample& cex,
                        std::string* error) {
  Result<rego::QueryResult> r = Run(version, query, cex);
  if (!r.ok()) {
    *error = r.status().ToString();
    return false;
  }
  return !r->solutions.empty();
}

}  // namespace tf::smt::internal
