// Compiling packs: the cross-checks between pack.yaml and the Rego modules, each reported with
// the file and line at fault.
#include <gtest/gtest.h>

#include "policy/compiled_pack.h"
#include "policy/testing/pack_testing.h"

namespace tf::policy {
namespace {

using testing::CompileExample;
using testing::CompileFiles;
using testing::SimplePack;

constexpr const char* kRego = R"(package t

ok if input.x == 1

flag if input.flag

names contains n if some n in input.names

double(x) := x * 2

word := "yes"

maybe := true if input.x == 1 else := "no"
)";

std::string Manifest(const std::string& rule_ref, const std::string& activation = "[]") {
  return "id: t.v1\nversion: \"1\"\nrules:\n  - id: r\n    ref: " + rule_ref +
         "\n    cost: 1\n    severity: low\n    reason: \"r failed\"\n    activation: " +
         activation + "\n";
}

Status Compile(const std::string& manifest, const std::string& rego = kRego) {
  return CompileFiles(SimplePack(manifest, rego)).status();
}

TEST(CompiledPackTest, ExamplePacksCompile) {
  for (const char* id : {"lksg.v1", "retention.v1", "export_class.v1", "minimization.v1"}) {
    Result<std::unique_ptr<CompiledPack>> pack = CompileExample(id);
    EXPECT_TRUE(pack.ok()) << id << ": " << pack.status().ToString();
  }
}

TEST(CompiledPackTest, UnknownRuleRefNamesTheManifestLine) {
  EXPECT_STATUS(Compile(Manifest("data.t.nope")), ErrorCode::kPackUnknownRuleRef,
                "pack.yaml:5:10: rule \"r\": ref data.t.nope is not a rule of the pack's modules");
}

TEST(CompiledPackTest, RuleRefMustNameABooleanCompleteRule) {
  EXPECT_STATUS(Compile(Manifest("data.t.names")), ErrorCode::kPackUnknownRuleRef,
                "is a partial (contains or object) rule");
  EXPECT_STATUS(Compile(Manifest("data.t.double")), ErrorCode::kPackUnknownRuleRef,
                "is a function");
  EXPECT_STATUS(Compile(Manifest("data.t")), ErrorCode::kPackUnknownRuleRef, "is a package");
  EXPECT_STATUS(Compile(Manifest("data.t.word")), ErrorCode::kPackUnknownRuleRef,
                "is not boolean (a non-boolean value at t.rego:11)");
  EXPECT_STATUS(Compile(Manifest("data.t.maybe")), ErrorCode::kPackUnknownRuleRef,
                "is not boolean (a non-boolean value at t.rego:13)");
}

TEST(CompiledPackTest, RuleRefIntoDataIsNotARule) {
  PackFiles files = SimplePack(Manifest("data.t.limit"), kRego);
  files["data.json"] = R"({"t": {"limit": true}})";
  EXPECT_STATUS(CompileFiles(files).status(), ErrorCode::kPackUnknownRuleRef,
                "is not a rule of the pack's modules");
}

TEST(CompiledPackTest, InlinePredicateThatDoesNotParseNamesItsLine) {
  EXPECT_STATUS(Compile(Manifest("data.t.ok", "[\"input.x >\"]")), ErrorCode::kPackBadPredicate,
                "pack.yaml:9:18: predicate \"input.x >\" is not a Rego query");
}

TEST(CompiledPackTest, InlinePredicateThatDoesNotCompileNamesItsLine) {
  EXPECT_STATUS(Compile(Manifest("data.t.ok", "[\"no_such_fn(input.x)\"]")),
                ErrorCode::kPackBadPredicate,
                "pack.yaml:9:18: predicate \"no_such_fn(input.x)\" does not compile");
  EXPECT_STATUS(Compile(Manifest("data.t.ok", "[\"y > 1\"]")), ErrorCode::kPackBadPredicate,
                "pack.yaml:9:18: predicate \"y > 1\" does not compile");
}

TEST(CompiledPackTest, InlinePredicateCannotEscapeTheGeneratedModule) {
  EXPECT_STATUS(Compile(Manifest("data.t.ok", "[\"true }\\nstolen if { true\"]")),
                ErrorCode::kPackBadPredicate, "is not a Rego query");
  // A trailing comment cannot swallow the closing brace either.
  EXPECT_TRUE(Compile(Manifest("data.t.ok", "[\"input.x == 1 # why\"]")).ok());
}

TEST(CompiledPackTest, RulePredicateMustNameABooleanRule) {
  EXPECT_STATUS(Compile(Manifest("data.t.ok", "[data.t.missing]")), ErrorCode::kPackBadPredicate,
                "pack.yaml:9:18: predicate data.t.missing is not a rule");
  EXPECT_STATUS(Compile(Manifest("data.t.ok", "[data.t.names]")), ErrorCode::kPackBadPredicate,
                "is a partial");
}

TEST(CompiledPackTest, ModuleErrorsKeepTheirFileLineAndColumn) {
  Status s = Compile(Manifest("data.t.ok"), "package t\n\nok if {\n  input.x ==\n}\n");
  EXPECT_EQ(s.code(), ErrorCode::kRegoParseError) << s.ToString();
  EXPECT_NE(s.message().find("t.rego:5:1"), std::string_view::npos) << s.ToString();
  s = Compile(Manifest("data.t.ok"), "package t\n\nok if unknown_builtin(1)\n");
  EXPECT_NE(s.message().find("t.rego:3:7"), std::string_view::npos) << s.ToString();
}

TEST(CompiledPackTest, ReasonPlaceholderMustBeOneTerm) {
  std::string m = Manifest("data.t.ok");
  m.replace(m.find("\"r failed\""), 10, "\"x is {input.x; input.y}\"");
  EXPECT_STATUS(Compile(m), ErrorCode::kPackManifestInvalid,
                "pack.yaml:8:13: reason placeholder {input.x; input.y}: is not a single Rego term");
  m = Manifest("data.t.ok");
  m.replace(m.find("\"r failed\""), 10, "\"x is {nofn(1)}\"");
  EXPECT_STATUS(Compile(m), ErrorCode::kPackManifestInvalid,
                "pack.yaml:8:13: reason placeholder {nofn(1)} does not compile");
}

TEST(CompiledPackTest, ReservedPackageIsRefused) {
  PackFiles files = SimplePack(Manifest("data.t.ok"), kRego);
  files["evil.rego"] = "package __tf_activation.x\n\ny := 1\n";
  EXPECT_STATUS(CompileFiles(files).status(), ErrorCode::kPackFileInvalid,
                "evil.rego: package __tf_activation");
}

TEST(CompiledPackTest, ProofsModuleMustDefineProperties) {
  PackFiles files = SimplePack(Manifest("data.t.ok"), kRego);
  files["proofs.rego"] = "package t_proofs\n\nhelper := 1\n";
  EXPECT_STATUS(CompileFiles(files).status(), ErrorCode::kPackFileInvalid,
                "proofs.rego: defines no property_ rules");
  files["proofs.rego"] = "package t_proofs\n\nproperty_f(x) := x\n";
  EXPECT_STATUS(CompileFiles(files).status(), ErrorCode::kPackFileInvalid,
                "proofs.rego:3: property_f must be a complete boolean rule");
  files["proofs.rego"] = "package t_proofs\n\nproperty_b if not data.t.ok\nproperty_a if true\n";
  Result<std::unique_ptr<CompiledPack>> pack = CompileFiles(files);
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  EXPECT_EQ((*pack)->properties(),
            (std::vector<std::string>{"data.t_proofs.property_a", "data.t_proofs.property_b"}));
}

TEST(CompiledPackTest, TestModulesMustCompileToo) {
  PackFiles files = SimplePack(Manifest("data.t.ok"), kRego);
  files["t_test.rego"] = "package t_test\n\ntest_x if no_such_fn()\n";
  EXPECT_EQ(CompileFiles(files).status().code(), ErrorCode::kRegoTypeError);
}

TEST(CompiledPackTest, SharedPredicatesAreEvaluatedOnce) {
  std::string m =
      "id: t.v1\nversion: \"1\"\npredicates:\n  one: input.x == 1\n  both: [one, data.t.flag]\n"
      "rules:\n"
      "  - {id: a, ref: data.t.ok, cost: 1, severity: low, reason: a, activation: [one]}\n"
      "  - {id: b, ref: data.t.ok, cost: 1, severity: low, reason: b, activation: [both]}\n"
      "  - {id: c, ref: data.t.ok, cost: 1, severity: low, reason: c, activation: [\"input.x == "
      "1\"]}\n";
  Result<std::unique_ptr<CompiledPack>> pack = CompileFiles(SimplePack(m, kRego));
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  ASSERT_EQ((*pack)->num_predicates(), 2u);
  EXPECT_EQ((*pack)->predicate(0), "input.x == 1");
  EXPECT_EQ((*pack)->predicate(1), "data.t.flag");
  EXPECT_EQ((*pack)->rule_predicates(1).size(), 2u);
  EXPECT_EQ((*pack)->rule_predicates(2).size(), 1u);
  EXPECT_EQ((*pack)->FindRule("b"), std::optional<size_t>(1));
  EXPECT_EQ((*pack)->FindRule("z"), std::nullopt);
}

}  // namespace
}  // namespace tf::policy
