// `proof policy prove|diff|check` as users run them: output and exit codes (0 proved or
// equivalent or passing, 1 not, 2 errors).
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

struct ProofRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

ProofRun Proof(const std::string& args) {
  std::string cmd =
      std::string("cd '") + TF_SOURCE_DIR + "' && '" + TF_PROOF_BINARY + "' " + args + " 2>&1";
  ProofRun out;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buf;
  size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
    out.output.append(buf.data(), n);
  int status = pclose(pipe);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

bool Has(const ProofRun& r, const std::string& text) {
  return r.output.find(text) != std::string::npos;
}

TEST(ProofCliTest, ProveExamplePack) {
  ProofRun r = Proof("policy prove examples/packs/retention.v1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Has(r, "5 proved, 0 not proved")) << r.output;
}

TEST(ProofCliTest, ProveBrokenPackShowsConfirmedCounterexample) {
  ProofRun r = Proof("policy prove tests/smt/packs/broken/retention.v1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(Has(r, "property_four_eyes_for_contracts: counterexample")) << r.output;
  EXPECT_TRUE(Has(r, "input: {")) << r.output;
  EXPECT_TRUE(Has(r,
                  "interpreter: data.retention_proofs.property_four_eyes_for_contracts = "
                  "undefined"))
      << r.output;
}

TEST(ProofCliTest, ProveOnePropertyAndBuiltinChecks) {
  ProofRun one =
      Proof("policy prove examples/packs/retention.v1 --property legal_hold_blocks_deletion");
  EXPECT_EQ(one.exit_code, 0) << one.output;
  EXPECT_TRUE(Has(one, "1 proved, 0 not proved")) << one.output;
  ProofRun checks = Proof(
      "policy prove examples/packs/retention.v1 --check 'never_errors(no_legal_hold)' "
      "--check 'implies(no_legal_hold, deleter_authorized)'");
  EXPECT_EQ(checks.exit_code, 1) << checks.output;
  EXPECT_TRUE(Has(checks, "never_errors(no_legal_hold): proved")) << checks.output;
  EXPECT_TRUE(Has(checks, ": counterexample")) << checks.output;
}

TEST(ProofCliTest, ProveRefusesBadArguments) {
  ProofRun nope = Proof("policy prove examples/packs/retention.v1 --property nope");
  EXPECT_EQ(nope.exit_code, 2) << nope.output;
  EXPECT_TRUE(Has(nope, "smt_check_invalid")) << nope.output;
  ProofRun bad = Proof("policy prove examples/packs/retention.v1 --check 'implies(x'");
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  ProofRun missing = Proof("policy prove no/such/pack");
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
}

TEST(ProofCliTest, Diff) {
  ProofRun same = Proof("policy diff examples/packs/retention.v1 examples/packs/retention.v1");
  EXPECT_EQ(same.exit_code, 0) << same.output;
  EXPECT_TRUE(Has(same, "4 equivalent, 0 not")) << same.output;
  ProofRun changed = Proof(
      "policy diff examples/packs/retention.v1 tests/smt/packs/accepted/retention.v1 --rule "
      "retention_period_elapsed");
  EXPECT_EQ(changed.exit_code, 1) << changed.output;
  EXPECT_TRUE(Has(changed, "retention_period_elapsed: differs")) << changed.output;
  EXPECT_TRUE(Has(changed, "interpreter: retention_period_elapsed (old) = ")) << changed.output;
  EXPECT_TRUE(Has(changed, "interpreter: retention_period_elapsed (new) = ")) << changed.output;
  ProofRun norule =
      Proof("policy diff examples/packs/retention.v1 examples/packs/retention.v1 --rule nope");
  EXPECT_EQ(norule.exit_code, 2) << norule.output;
}

TEST(ProofCliTest, CheckGate) {
  ProofRun accepted =
      Proof("policy check --baseline examples/packs tests/smt/packs/accepted/retention.v1");
  EXPECT_EQ(accepted.exit_code, 0) << accepted.output;
  EXPECT_TRUE(Has(accepted, "changed, passes")) << accepted.output;
  EXPECT_TRUE(Has(accepted, "retention_period_elapsed: accepted")) << accepted.output;
  ProofRun broken = Proof(
      "policy check --baseline examples/packs tests/smt/packs/broken/retention.v1 "
      "examples/packs/export_class.v1");
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_TRUE(Has(broken, "changed, FAILS")) << broken.output;
  EXPECT_TRUE(Has(broken, "export_class.v1 1.0.0: unchanged, passes")) << broken.output;
  EXPECT_TRUE(Has(broken, "proofs gate: 1 of 2 packs pass")) << broken.output;
  // The broken change weakens four-eyes approval: other proved properties constrain the rule
  // (through retention.allow), but the property it breaks fails the pack.
  EXPECT_TRUE(Has(broken, "fails: property property_four_eyes_for_contracts is not proved"))
      << broken.output;
  ProofRun bad = Proof("policy check --baseline no-such-ref-or-dir examples/packs/retention.v1");
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_TRUE(Has(bad, "smt_baseline_invalid")) << bad.output;
}

TEST(ProofCliTest, CheckGateChangeCoveredByProvedProperty) {
  // The accepted change without its accepted_changes entry: proved properties constrain it.
  ProofRun r = Proof("policy check --baseline examples/packs tests/smt/packs/covered/retention.v1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Has(r, "retention.v1 1.1.0: changed, passes")) << r.output;
  const std::string prefix = "decision change of rule retention_period_elapsed: covered by ";
  size_t at = r.output.find(prefix);
  ASSERT_NE(at, std::string::npos) << r.output;
  std::string line = r.output.substr(at, r.output.find('\n', at) - at);
  EXPECT_NE(line.find("property_no_deletion_before_retention_ends"), std::string::npos) << line;
  EXPECT_TRUE(line.ends_with(" (proved)")) << line;
}

TEST(ProofCliTest, CheckGateAgainstGitRef) {
  if (!std::filesystem::exists(std::string(TF_SOURCE_DIR) + "/.git")) {
    GTEST_SKIP() << "not a git checkout";
  }
  // In a full clone the first commit has no example packs, so the pack is new and must prove
  // its properties; in a shallow clone the root may hold it already. Either way it passes.
  ProofRun r = Proof(
      "policy check --baseline \"$(git rev-list --max-parents=0 HEAD | tail -1)\" "
      "examples/packs/retention.v1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Has(r, "retention.v1 1.0.0: ")) << r.output;
  EXPECT_TRUE(Has(r, "proofs gate: 1 of 1 packs pass")) << r.output;
}

}  // namespace
