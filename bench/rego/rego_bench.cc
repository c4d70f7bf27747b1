// Decision latency of the Rego engine on three workloads, with input already parsed, and the
// compile time of a 1,000-rule policy. Each workload checks its answer once before timing.
// Baselines in the same binary: the RBAC and lksg decisions written directly in C++ over the
// same Values, so the figures read as "interpreter overhead over hand-written code".
#include <benchmark/benchmark.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "core/json.h"
#include "rego/compiled_policy.h"
#include "rego/evaluator.h"

namespace tf::rego {
namespace {

constexpr int kRoles = 20;
constexpr int kGrantsPerRole = 5;
constexpr int kUsers = 100;

const char* kRbacPolicy = R"(package rbac

default allow := false

allow if {
  some grant in user_is_granted
  input.action == grant.action
  input.type == grant.type
}

user_is_granted contains grant if {
  some role in data.user_roles[input.user]
  some grant in data.role_grants[role]
}
)";

Value RbacData() {
  std::vector<ObjectEntry> grants;
  for (int r = 0; r < kRoles; ++r) {
    std::vector<Value> list;
    for (int g = 0; g < kGrantsPerRole; ++g) {
      list.push_back(
          Value::Object({{Value::String("action"), Value::String("action" + std::to_string(g))},
                         {Value::String("type"), Value::String("type" + std::to_string(r))}}));
    }
    grants.emplace_back(Value::String("role" + std::to_string(r)), Value::Array(std::move(list)));
  }
  std::vector<ObjectEntry> users;
  for (int u = 0; u < kUsers; ++u) {
    std::vector<Value> roles;
    for (int k = 0; k < 1 + u % 3; ++k)
      roles.push_back(Value::String("role" + std::to_string((u + 7 * k) % kRoles)));
    users.emplace_back(Value::String("user" + std::to_string(u)), Value::Array(std::move(roles)));
  }
  Value data = Value::Object({{Value::String("role_grants"), Value::Object(std::move(grants))},
                              {Value::String("user_roles"), Value::Object(std::move(users))}});
  // Through JSON, as data is loaded in production (the parser shares repeated object keys).
  return *ParseJson(ToJson(data));
}

// user41 has roles role1, role8 and role15; role15 grants action3 on type15 (the last role
// checked, so the decision scans most grants).
Value RbacInput() {
  return *ParseJson(R"({"user": "user41", "action": "action3", "type": "type15"})");
}

void Die(const std::string& what) {
  std::fprintf(stderr, "benchmark setup failed: %s\n", what.c_str());
  std::abort();
}

// The same decision written in C++: a baseline for the interpreter's overhead.
bool NativeRbac(const Value& data, const Value& input) {
  const Value* roles = data.Find("user_roles")->Find(*input.Find("user"));
  if (roles == nullptr) return false;
  const Value& grants_by_role = *data.Find("role_grants");
  for (const Value& role : roles->array()) {
    const Value* grants = grants_by_role.Find(role);
    if (grants == nullptr) continue;
    for (const Value& g : grants->array()) {
      if (*g.Find("action") == *input.Find("action") && *g.Find("type") == *input.Find("type"))
        return true;
    }
  }
  return false;
}

void BM_Rbac_Native(benchmark::State& state) {
  Value data = RbacData();
  Value input = RbacInput();
  if (!NativeRbac(data, input)) Die("native RBAC answer");
  for (auto _ : state)
    benchmark::DoNotOptimize(NativeRbac(data, input));
}
BENCHMARK(BM_Rbac_Native);

void RunDecision(benchmark::State& state, const std::string& policy_text, const std::string& query,
                 const Value& data, const Value& input, const Value& expected) {
  Result<CompiledPolicy> policy = CompiledPolicy::Compile({{"bench.rego", policy_text}}, {query});
  if (!policy.ok()) Die(policy.status().ToString());
  Evaluator eval(*policy);
  EvalOptions opts;
  opts.input = &input;
  opts.data = &data;
  Result<QueryResult> check = eval.Eval(0, opts);
  if (!check.ok() || check->solutions.size() != 1 ||
      check->solutions[0].expressions[0] != expected) {
    Die("wrong answer for " + query);
  }
  for (auto _ : state) {
    Result<QueryResult> r = eval.Eval(0, opts);
    benchmark::DoNotOptimize(r);
  }
}

void BM_Rbac_Rego(benchmark::State& state) {
  RunDecision(state, kRbacPolicy, "data.rbac.allow", RbacData(), RbacInput(), Value::Bool(true));
}
BENCHMARK(BM_Rbac_Rego);

// Supply-chain due diligence in the shape of the lksg.v1 pack: sanctions, conflict regions and
// audit freshness over one supplier.
const char* kLksgPolicy = R"(package lksg

default allow := false

allow if count(violations) == 0

violations contains {"rule": "no_sanctions", "reason": sprintf("%s is sanctioned", [input.supplier.name])} if {
  some entry in data.sanctions
  lower(entry.name) == lower(input.supplier.name)
}

violations contains {"rule": "no_conflict_regions", "reason": sprintf("sources from %s", [region])} if {
  some region in input.supplier.source_regions
  region in data.conflict_regions
}

violations contains {"rule": "audit_fresh", "reason": "last audit too old"} if {
  age_days := (input.now_ns - time.parse_rfc3339_ns(input.supplier.last_audit)) / (24 * 3600 * 1000000000)
  age_days > data.max_audit_age_days
}
)";

Value LksgData() {
  std::vector<Value> sanctions;
  for (int i = 0; i < 200; ++i) {
    sanctions.push_back(Value::Object(
        {{Value::String("name"), Value::String("Sanctioned Corp " + std::to_string(i))}}));
  }
  return Value::Object(
      {{Value::String("sanctions"), Value::Array(std::move(sanctions))},
       {Value::String("conflict_regions"),
        Value::Set({Value::String("CD-North-Kivu"), Value::String("CD-South-Kivu")})},
       {Value::String("max_audit_age_days"), Value::Int(365)}});
}

Value LksgInput() {
  return *ParseJson(R"({"now_ns": 1767225600000000000, "supplier": {"name": "Acme Metals",
      "source_regions": ["DE-BY", "PL-MZ"], "last_audit": "2025-09-01T00:00:00Z"}})");
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The lksg decision written in C++ as a careful programmer would (lower-casing each name, as
// the policy does): the baseline for BM_Lksg_Rego.
bool NativeLksg(const Value& data, const Value& input) {
  const Value& supplier = *input.Find("supplier");
  const std::string name = AsciiLower(supplier.Find("name")->string());
  for (const Value& entry : data.Find("sanctions")->array()) {
    if (AsciiLower(entry.Find("name")->string()) == name) return false;
  }
  const Value& regions = *data.Find("conflict_regions");
  for (const Value& region : supplier.Find("source_regions")->array()) {
    if (regions.Contains(region)) return false;
  }
  std::tm audit{};
  if (strptime(supplier.Find("last_audit")->string().c_str(), "%Y-%m-%dT%H:%M:%SZ", &audit) ==
      nullptr)
    return false;
  const int64_t audit_ns = static_cast<int64_t>(timegm(&audit)) * 1000000000;
  const int64_t age_days =
      (*input.Find("now_ns")->number().ToInt64() - audit_ns) / (int64_t{24} * 3600 * 1000000000);
  return age_days <= *data.Find("max_audit_age_days")->number().ToInt64();
}

void BM_Lksg_Native(benchmark::State& state) {
  Value data = LksgData();
  Value input = LksgInput();
  if (!NativeLksg(data, input)) Die("native lksg answer");
  for (auto _ : state)
    benchmark::DoNotOptimize(NativeLksg(data, input));
}
BENCHMARK(BM_Lksg_Native);

void BM_Lksg_Rego(benchmark::State& state) {
  RunDecision(state, kLksgPolicy, "data.lksg.allow", LksgData(), LksgInput(), Value::Bool(true));
}
BENCHMARK(BM_Lksg_Rego);

// 1,000 independent rules, each a test over the input; the decision asks for one of them.
std::string ThousandRules() {
  std::string text = "package big\n\n";
  for (int i = 0; i < 1000; ++i) {
    text += "rule_" + std::to_string(i) + " if {\n  input.kind == \"k" + std::to_string(i) +
            "\"\n  input.level >= " + std::to_string(i % 10) + "\n  count(input.tags) > " +
            std::to_string(i % 3) + "\n}\n\n";
  }
  return text;
}

void BM_ThousandRules_Compile(benchmark::State& state) {
  std::string text = ThousandRules();
  for (auto _ : state) {
    Result<CompiledPolicy> policy =
        CompiledPolicy::Compile({{"big.rego", text}}, {"data.big.rule_777"});
    if (!policy.ok()) Die(policy.status().ToString());
    benchmark::DoNotOptimize(policy);
  }
}
BENCHMARK(BM_ThousandRules_Compile)->Unit(benchmark::kMillisecond);

void BM_ThousandRules_Decision(benchmark::State& state) {
  Value input = *ParseJson(R"({"kind": "k777", "level": 9, "tags": ["a", "b", "c"]})");
  RunDecision(state, ThousandRules(), "data.big.rule_777", Value::EmptyObject(), input,
              Value::Bool(true));
}
BENCHMARK(BM_ThousandRules_Decision);

}  // namespace
}  // namespace tf::rego

BENCHMARK_MAIN();
