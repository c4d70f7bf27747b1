// Receipt::AppendJson writes a receipt without its Value tree; offline verifiers read the same
// bytes as the Value tree written as JSON.
#include <gtest/gtest.h>

#include "core/json.h"
#include "core/sha256.h"
#include "ledger/receipt.h"

namespace tf::ledger {
namespace {

std::string ViaValue(const Receipt& r) {
  return tf::ToJson(r.ToValue());
}

TEST(ReceiptJsonTest, DirectWritingGivesTheBytesOfTheValueTree) {
  Receipt r;
  r.entry.seq = 41;
  r.entry.tenant = "acme-1.eu_west";
  r.entry.kind = "decision";
  r.entry.content_hash = Sha256("decision");
  r.entry.time_nanos = 1'780'000'000'123'456'789;
  r.entry.metadata = *ParseJson(
      R"({"pack":"lksg.v1","violated_rules":["a\"b","\u00e9\u2028<&>"],"violation_count":2,)"
      R"("allow":false,"score":-1.5e-7,"nested":{"z":[],"a":{}}})");
  r.leaf_index = 41;
  r.checkpoint = "trust-fabric.local/log\n42\nq83vEjRWeJA=\n\n\u2014 key AbCd+/==\n";
  for (std::string_view seed : {"left", "right", "up"})
    r.inclusion_proof.push_back(Sha256(seed));
  std::string direct;
  r.AppendJson(direct);
  EXPECT_EQ(direct, ViaValue(r));
  EXPECT_EQ(r.ToJson(), ViaValue(r));

  // The extremes: the first entry (empty proof), the largest sequence, metadata that is no
  // object (written as {}), time before 1970.
  r.entry.seq = r.leaf_index = 0;
  r.inclusion_proof.clear();
  r.entry.metadata = Value();
  r.entry.time_nanos = -1;
  direct.clear();
  r.AppendJson(direct);
  EXPECT_EQ(direct, ViaValue(r));
  r.entry.seq = r.leaf_index = kMaxSeq;
  r.entry.metadata = Value::EmptyObject();
  direct = "prefix";
  r.AppendJson(direct);
  EXPECT_EQ(direct, "prefix" + ViaValue(r));
}

}  // namespace
}  // namespace tf::ledger
