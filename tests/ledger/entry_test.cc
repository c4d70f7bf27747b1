#include "ledger/entry.h"

#include <gtest/gtest.h>

#include "core/canonical_json.h"
#include "core/encoding.h"
#include "core/json.h"
#include "core/random.h"
#include "ledger/internal/entry_encoder.h"
#include "ledger/timestamp.h"

namespace tf::ledger {
namespace {

Entry Sample() {
  Entry e;
  e.seq = 41;
  e.tenant = "acme";
  e.kind = "decision";
  e.content_hash = HashLeaf("content");
  e.metadata = *ParseJson(R"({"b": [1, 2.5, "x\u0001"], "a": {"z": null, "é": true}})");
  e.time_nanos = 1'700'000'000'123'456'789;
  return e;
}

TEST(EntryTest, LeafBytesAreCanonicalJsonWithSortedFields) {
  Entry e = Sample();
  Result<std::string> bytes = e.LeafBytes();
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, "{\"content_hash\":\"" + HexEncode(e.content_hash) +
                        "\",\"kind\":\"decision\",\"metadata\":{\"a\":{\"z\":null,\"é\":true},"
                        "\"b\":[1,2.5,\"x\\u0001\"]},\"seq\":41,\"tenant\":\"acme\","
                        "\"time\":\"2023-11-14T22:13:20.123456789Z\"}");
}

TEST(EntryTest, LeafBytesRoundTripThroughFromLeafBytes) {
  Entry e = Sample();
  std::string bytes = *e.LeafBytes();
  Result<Entry> back = Entry::FromLeafBytes(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back->LeafBytes(), bytes);
  EXPECT_EQ(back->seq, 41u);
  EXPECT_EQ(back->time_nanos, e.time_nanos);
}

TEST(EntryTest, NonCanonicalLeafBytesAreRejected) {
  std::string bytes = *Sample().LeafBytes();
  std::string spaced = bytes;
  spaced.insert(1, " ");
  EXPECT_EQ(Entry::FromLeafBytes(spaced).status().code(), ErrorCode::kEntryInvalid);
}

TEST(EntryTest, FastEncoderMatchesCanonicalJsonForRandomEntries) {
  SeededRandom random(2024);
  for (int i = 0; i < 500; ++i) {
    Entry e;
    e.seq = random.NextU64() % kMaxSeq;
    e.tenant = "t" + std::to_string(random.NextU64() % 1000);
    e.kind = (i % 2) ? "decision" : "evidence.put";
    e.content_hash = HashLeaf(std::to_string(i));
    e.metadata = Value::Object({{Value::String("n" + std::to_string(i % 7)),
                                 Value::Int(static_cast<int64_t>(random.NextU64() >> 12))},
                                {Value::String("s"), Value::String("\"quoted\"\n")}});
    e.time_nanos = static_cast<int64_t>(random.NextU64() >> 2);
    Result<internal::EncodedEntry> enc =
        internal::EncodeEntry(e.tenant, e.kind, e.content_hash, e.metadata);
    ASSERT_TRUE(enc.ok());
    std::string fast;
    enc->AppendLeafBytes(e.seq, e.tenant, FormatTimestamp(e.time_nanos), fast);
    ASSERT_EQ(fast, *e.LeafBytes()) << "seed 2024, entry " << i;
  }
}

TEST(EntryTest, InvalidTenantKindOrMetadataIsRefused) {
  EXPECT_FALSE(ValidateTenant("").ok());
  EXPECT_FALSE(ValidateTenant("a b").ok());
  EXPECT_FALSE(ValidateTenant(std::string(129, 'a')).ok());
  EXPECT_TRUE(ValidateTenant("Acme-Corp_1.eu").ok());
  EXPECT_FALSE(ValidateKind("Decision").ok());
  EXPECT_TRUE(ValidateKind("evidence.purge_approval").ok());
  EXPECT_FALSE(ValidateMetadata(Value::Int(1)).ok());
  EXPECT_FALSE(ValidateMetadata(
                   Value::Object({{Value::String("x"), Value::String(std::string(70000, 'a'))}}))
                   .ok());
  EXPECT_EQ(internal::EncodeEntry("a", "k", Hash{}, Value::Int(3)).status().code(),
            ErrorCode::kEntryInvalid);
}

TEST(EntryTest, FromValueDemandsExactlyTheSixFields) {
  Value v = Sample().ToValue();
  std::vector<ObjectEntry> fields(v.object().begin(), v.object().end());
  fields.push_back({Value::String("extra"), Value::Int(1)});
  EXPECT_EQ(Entry::FromValue(Value::Object(fields)).status().code(), ErrorCode::kEntryInvalid);
  fields.pop_back();
  fields.pop_back();
  EXPECT_EQ(Entry::FromValue(Value::Object(fields)).status().code(), ErrorCode::kEntryInvalid);
}

}  // namespace
}  // namespace tf::ledger
