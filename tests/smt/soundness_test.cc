// Soundness against brute force: small generated policies over a small finite input domain.
// For every policy and check, the prover's verdict must agree with evaluating every input of
// the domain with the interpreter: `proved` only when no input violates the check, a
// counterexample only when one does (the prover confirms its own with the interpreter, and the
// test checks the input is in the domain). `unknown` is allowed, counted and printed.
#include <gtest/gtest.h>

#include <iostream>
#include <random>

#include "core/json.h"
#include "rego/compiled_policy.h"
#include "rego/evaluator.h"
#include "smt/prover.h"

namespace tf::smt {
namespace {

constexpr int kPolicies = 40;
constexpr int kMaxA = 2;

// {"a": 0..2, "b": "x"|"y", "c": bool, "s": up to 1 of 0..1}: 3 * 2 * 2 * 3 = 36 inputs, every
// input the schema admits.
constexpr char kSchema[] = R"({"type": "object", "required": ["a", "b", "c", "s"],
  "additionalProperties": false, "properties": {
  "a": {"type": "integer", "minimum": 0, "maximum": 2},
  "b": {"type": "string", "enum": ["x", "y"]},
  "c": {"type": "boolean"},
  "s": {"type": "array", "maxItems": 1, "items": {"type": "integer", "minimum": 0, "maximum": 1}}}})";

std::vector<Value> Domain() {
  std::vector<std::string> arrays = {"[]", "[0]", "[1]"};
  std::vector<Value> out;
  for (int a = 0; a <= kMaxA; ++a) {
    for (const char* b : {"x", "y"}) {
      for (const char* c : {"true", "false"}) {
        for (const std::string& s : arrays) {
          std::string text = "{\"a\": " + std::to_string(a) + ", \"b\": \"" + b +
                             "\", \"c\": " + c + ", \"s\": " + s + "}";
          out.push_back(*ParseJson(text));
        }
      }
    }
  }
  return out;
}

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::string Atom() {
    std::string k = std::to_string(Pick(kMaxA + 1));
    switch (Pick(12)) {
      case 0:
        return "input.a > " + k;
      case 1:
        return "input.a == " + k;
      case 2:
        return "input.b == \"" + std::string(1, "xyz"[Pick(3)]) + "\"";
      case 3:
        return "input.b in {\"x\", \"" + std::string(1, "yz"[Pick(2)]) + "\"}";
      case 4:
        return "input.c";
      case 5:
        return "not input.c";
      case 6:
        return "input.a + " + k + " < " + std::to_string(Pick(7));
      case 7:
        return "startswith(concat(\"\", [input.b, \"q\"]), \"" + std::string(1, "xyz"[Pick(3)]) +
               "\")";
      case 8:
        return "some e in input.s; e == " + std::to_string(Pick(2));
      case 9:
        return "every e in input.s { e <= " + std::to_string(Pick(2)) + " }";
      case 10:
        return "count(input.s) >= " + std::to_string(Pick(3));
      default:
        return "inc(input.a) > " + k;
    }
  }

  std::string Body() {
    std::string out = "{ ";
    int n = 1 + Pick(3);
    for (int i = 0; i < n; ++i)
      out += (i ? "; " : "") + Atom();
    return out + " }";
  }

  // A boolean rule of several bodies, an else chain, or a complete rule whose bodies may
  // conflict (an error where two bodies with different values hold).
  std::string Rule(const std::string& name) {
    std::string out;
    switch (Pick(4)) {
      case 0:
      case 1: {
        int n = 1 + Pick(3);
        for (int i = 0; i < n; ++i)
          out += name + " if " + Body() + "\n";
        return out;
      }
      case 2:
        return name + " := true if " + Body() + " else := false if " + Body() + "\n";
      default:
        return name + " := true if " + Body() + "\n" + name + " := false if " + Body() + "\n";
    }
  }

  std::string Policy() { return "package g\n\ninc(x) := x + 1\n\n" + Rule("p") + Rule("q"); }

 private:
  std::mt19937 rng_;
};

enum class Cls { kTrue, kFalse, kUndefined, kError };

struct Outcome {
  Cls cls;
  Value value;
};

Outcome Interpret(rego::Evaluator& ev, size_t query, const Value& input, const Value& data) {
  rego::EvalOptions opts;
  opts.input = &input;
  opts.data = &data;
  opts.strict_builtin_errors = true;
  Result<rego::QueryResult> r = ev.Eval(query, opts);
  if (!r.ok()) return {Cls::kError, Value()};
  if (r->solutions.empty()) return {Cls::kUndefined, Value()};
  Value v = r->solutions[0].expressions[0].array()[0];
  if (v.is_bool() && v.bool_value()) return {Cls::kTrue, v};
  return {Cls::kFalse, v};
}

bool Violates(CheckKind kind, const Outcome& p, const Outcome& q) {
  switch (kind) {
    case CheckKind::kAlwaysAllows:
      return p.cls != Cls::kTrue;
    case CheckKind::kAlwaysDenies:
      return p.cls == Cls::kTrue;
    case CheckKind::kNeverErrors:
      return p.cls == Cls::kError;
    case CheckKind::kImplies:
      return p.cls == Cls::kTrue && q.cls != Cls::kTrue;
    case CheckKind::kDisjoint:
      return p.cls == Cls::kTrue && q.cls == Cls::kTrue;
    case CheckKind::kEquivalent: {
      bool p_def = p.cls == Cls::kTrue || p.cls == Cls::kFalse;
      bool q_def = q.cls == Cls::kTrue || q.cls == Cls::kFalse;
      if (p_def && q_def) return !(p.value == q.value);
      return p.cls != q.cls;
    }
    default:
      return false;
  }
}

TEST(SoundnessTest, ProverAgreesWithBruteForce) {
  const std::vector<Value> domain = Domain();
  const Value schema = *ParseJson(kSchema);
  const Value data = Value::EmptyObject();
  const std::vector<std::string> checks = {
      "always_allows(data.g.p)",        "always_denies(data.g.p)",
      "never_errors(data.g.p)",         "implies(data.g.p, data.g.q)",
      "equivalent(data.g.p, data.g.q)", "disjoint(data.g.p, data.g.q)"};
  Generator gen(20261121);
  int proved = 0, counterexamples = 0, unknown = 0, disagreements = 0, compile_errors = 0;
  double prover_seconds = 0, slowest = 0;
  for (int i = 0; i < kPolicies; ++i) {
    PolicyModel model;
    model.id = "generated." + std::to_string(i);
    model.modules = {{"g.rego", gen.Policy()}};
    model.input_schema = schema;
    Result<rego::CompiledPolicy> compiled =
        rego::CompiledPolicy::Compile(model.modules, {"[data.g.p]", "[data.g.q]"});
    if (!compiled.ok()) {
      ++compile_errors;  // e.g. a conflict the compiler sees statically; not a prover question
      continue;
    }
    rego::Evaluator ev(*compiled);
    std::vector<std::pair<Outcome, Outcome>> truth;
    for (const Value& input : domain)
      truth.push_back({Interpret(ev, 0, input, data), Interpret(ev, 1, input, data)});
    std::vector<Check> parsed;
    for (const std::string& c : checks)
      parsed.push_back(*ParseCheck(c));
    Result<std::vector<CheckResult>> results = Prove(model, parsed, {});
    ASSERT_TRUE(results.ok()) << results.status().ToString() << "\n" << model.modules[0].text;
    for (const CheckResult& r : *results) {
      prover_seconds += r.seconds;
      slowest = std::max(slowest, r.seconds);
      bool violated = false;
      for (const auto& [p, q] : truth)
        violated = violated || Violates(r.check.kind, p, q);
      if (r.verdict == Verdict::kUnknown) {
        ++unknown;
        EXPECT_FALSE(r.encoding_mismatch) << r.reason << "\n" << model.modules[0].text;
        continue;
      }
      bool agrees = r.verdict == Verdict::kProved ? !violated : violated;
      if (r.verdict == Verdict::kCounterexample) {
        bool in_domain = false;
        for (const Value& input : domain)
          in_domain = in_domain || input == r.counterexample.input;
        agrees = agrees && in_domain;
        ++counterexamples;
      } else {
        ++proved;
      }
      if (!agrees) {
        ++disagreements;
        ADD_FAILURE() << r.name << ": prover says " << VerdictName(r.verdict)
                      << ", brute force says " << (violated ? "violated" : "holds") << "\n"
                      << ToJson(r.counterexample.input) << "\n"
                      << model.modules[0].text;
      }
    }
  }
  std::cout << "soundness: " << kPolicies << " policies, " << domain.size()
            << " inputs each, checks: " << proved << " proved, " << counterexamples
            << " counterexamples, " << unknown << " unknown, " << disagreements
            << " disagreements (" << compile_errors << " policies refused by the compiler); "
            << prover_seconds << " s in the prover, slowest check " << slowest << " s\n";
  EXPECT_EQ(disagreements, 0);
  EXPECT_GT(proved, 0);
  EXPECT_GT(counterexamples, 0);
}

}  // namespace
}  // namespace tf::smt
