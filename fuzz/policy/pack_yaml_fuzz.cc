// pack.yaml (and weights files) on arbitrary bytes: the manifest reader must return a manifest
// or a diagnostic, never crash, hang or throw (yaml-cpp's exceptions are converted where it is
// called). For a manifest that parses, the invariants the rest of the pipeline relies on must
// hold, and compiling it as a pack (with a small module it can refer to) must also end in a
// pack or a diagnostic.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/canonical_json.h"
#include "policy/compiled_pack.h"
#include "policy/manifest.h"
#include "policy/pack.h"
#include "policy/predicate_kind.h"
#include "policy/weights.h"

namespace {

constexpr const char* kModule = R"(package t

ok if input.x == 1

flag if input.flag
)";

void Require(bool condition) {
  if (!condition) std::abort();
}

void CheckInvariants(const tf::policy::Manifest& m) {
  Require(tf::policy::IsValidPackId(m.id));
  Require(!m.rules.empty() && m.rules.size() <= tf::policy::kMaxRules);
  for (const tf::policy::RuleSpec& r : m.rules) {
    Require(tf::policy::IsValidRuleId(r.id));
    Require(tf::policy::IsDataRef(r.ref));
    Require(r.cost <= tf::policy::kMaxRuleCost);
  }
  for (size_t i = 1; i < m.predicates.size(); ++i) {
    Require(m.predicates[i - 1].id < m.predicates[i].id);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  tf::Result<tf::policy::Manifest> manifest = tf::policy::ParseManifest(text, "pack.yaml");
  if (manifest.ok()) {
    CheckInvariants(*manifest);
    tf::Result<std::string> canonical = tf::CanonicalJson(tf::policy::ManifestToValue(*manifest));
    (void)canonical;  // may fail (a schema number beyond double range), never crash
    tf::Result<tf::policy::Pack> pack =
        tf::policy::LoadPackFromFiles({{"pack.yaml", text}, {"t.rego", kModule}});
    if (pack.ok()) {
      tf::Result<std::unique_ptr<tf::policy::CompiledPack>> compiled =
          tf::policy::CompiledPack::Compile(std::move(*pack));
      (void)compiled;
    }
  }
  tf::Result<tf::policy::Weights> weights = tf::policy::ParseWeights(text, "rules.yaml");
  (void)weights;
  return 0;
}
