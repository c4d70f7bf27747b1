#include <gtest/gtest.h>

#include "cli/pack_model.h"
#include "core/json.h"
#include "smt/prover.h"

namespace tf::smt {
namespace {

std::string PackDir(const std::string& id) {
  return std::string(TF_SOURCE_DIR) + "/examples/packs/" + id;
}

void ExpectAllProved(const std::string& id) {
  Result<PolicyModel> m = cli::LoadPackModel(PackDir(id));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_GE(m->properties.size(), 3u);
  Result<std::vector<CheckResult>> r = Prove(*m, PropertyChecks(*m), {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (const CheckResult& c : *r) {
    EXPECT_EQ(c.verdict, Verdict::kProved)
        << id << " " << c.name << ": " << VerdictName(c.verdict) << " " << c.reason << " "
        << ToJson(c.counterexample.input);
    std::cout << id << " " << c.name << " " << VerdictName(c.verdict) << " " << c.seconds
              << "s bounded=" << c.bounded << "\n";
  }
}

TEST(ExamplePacksTest, RetentionPropertiesAreProved) {
  ExpectAllProved("retention.v1");
}
TEST(ExamplePacksTest, ExportClassPropertiesAreProved) {
  ExpectAllProved("export_class.v1");
}
TEST(ExamplePacksTest, MinimizationPropertiesAreProved) {
  ExpectAllProved("minimization.v1");
}

}  // namespace
}  // namespace tf::smt
