// Minimisation views: each transform, the report, and each error (views in pack.yaml with
// their lines, unknown views, values of the wrong type with their row's line, missing keys).
#include "policy/minimization.h"

#include <gtest/gtest.h>

#include "core/json.h"
#include "policy/manifest.h"
#include "policy/pack.h"
#include "policy/testing/pack_testing.h"

namespace tf::policy {
namespace {

constexpr const char* kHeader = R"(id: demo.v1
version: 1.0.0
rules:
  - id: ok
    ref: data.t.ok
    cost: 1
    severity: low
    reason: no
)";

Result<Manifest> ParseWithViews(const std::string& views) {
  return ParseManifest(std::string(kHeader) + views, "pack.yaml");
}

ViewSpec MustView(const std::string& fields) {
  Result<Manifest> m = ParseWithViews("views:\n  v:\n    fields:\n" + fields);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() ? m->views.at(0) : ViewSpec();
}

std::vector<Value> Rows(std::initializer_list<const char*> json) {
  std::vector<Value> rows;
  for (const char* j : json)
    rows.push_back(ParseJson(j).value());
  return rows;
}

std::string Dump(const std::vector<Value>& rows) {
  std::string out;
  for (const Value& r : rows)
    out += ToJson(r) + "\n";
  return out;
}

const HashKeys kKeys = {{"pseudonyms", std::string(32, 'k')}};

TEST(MinimizationTest, MaskKeepsTheLastCharactersAndMasksShortValuesWhole) {
  ViewSpec view = MustView("      iban: {transform: mask, keep: 4}\n");
  std::vector<Value> rows = Rows({R"({"iban":"DE89370400440532013000"})", R"({"iban":"äöü€x"})",
                                  R"({"iban":"1234"})", R"({"iban":null})", R"({"other":1})"});
  MinimizationReport report = ApplyView(view, kKeys, rows).value();
  EXPECT_EQ(Dump(rows),
            "{\"iban\":\"******************3000\"}\n{\"iban\":\"*öü€x\"}\n{\"iban\":\"****\"}\n"
            "{\"iban\":null}\n{\"other\":1}\n");
  ASSERT_EQ(report.fields.size(), 1u);
  EXPECT_EQ(report.fields[0].count, 3u);
  EXPECT_EQ(ToJson(ReportToValue(report)),
            R"({"fields":[{"count":3,"field":"iban","transform":"mask"}],"rows":5,"view":"v"})");
}

TEST(MinimizationTest, HashIsKeyedHmacSha256) {
  ViewSpec view = MustView("      id: {transform: hash, key: pseudonyms}\n");
  // RFC 4231 test case 2: HMAC-SHA-256 with key "Jefe".
  HashKeys keys = {{"pseudonyms", "Jefe"}};
  std::vector<Value> rows = Rows({R"({"id":"what do ya want for nothing?"})", R"({"id":42})"});
  ASSERT_TRUE(ApplyView(view, keys, rows).ok());
  EXPECT_EQ(rows[0].Find("id")->string(),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Numbers are hashed by their JSON text; another key gives another pseudonym.
  std::vector<Value> again = Rows({R"({"id":"42"})"});
  ASSERT_TRUE(ApplyView(view, keys, again).ok());
  EXPECT_EQ(rows[1], again[0]);
  std::vector<Value> other_key = Rows({R"({"id":"42"})"});
  ASSERT_TRUE(ApplyView(view, kKeys, other_key).ok());
  EXPECT_NE(other_key[0], again[0]);
}

TEST(MinimizationTest, BucketsNumbersIntoRanges) {
  ViewSpec view = MustView("      salary: {transform: bucket, bounds: [0, 30000, 60000.5]}\n");
  std::vector<Value> rows = Rows({R"({"salary":-1})", R"({"salary":0})", R"({"salary":29999.9})",
                                  R"({"salary":60000.5})", R"({"salary":1e9})"});
  MinimizationReport report = ApplyView(view, kKeys, rows).value();
  EXPECT_EQ(Dump(rows),
            "{\"salary\":\"<0\"}\n{\"salary\":\"[0,30000)\"}\n{\"salary\":\"[0,30000)\"}\n"
            "{\"salary\":\">=60000.5\"}\n{\"salary\":\">=60000.5\"}\n");
  EXPECT_EQ(report.fields[0].count, 5u);
}

TEST(MinimizationTest, BucketsDatesToMonthOrYear) {
  ViewSpec month = MustView("      born: {transform: bucket, granularity: month}\n");
  ViewSpec year = MustView("      born: {transform: bucket, granularity: year}\n");
  std::vector<Value> rows =
      Rows({R"({"born":"1984-06-12"})", R"({"born":"1975-11-02T08:00:00Z"})"});
  std::vector<Value> copy = rows;
  ASSERT_TRUE(ApplyView(month, kKeys, rows).ok());
  ASSERT_TRUE(ApplyView(year, kKeys, copy).ok());
  EXPECT_EQ(Dump(rows), "{\"born\":\"1984-06\"}\n{\"born\":\"1975-11\"}\n");
  EXPECT_EQ(Dump(copy), "{\"born\":\"1984\"}\n{\"born\":\"1975\"}\n");
}

TEST(MinimizationTest, TopKKeepsTheMostFrequentValuesWithTiesToTheSmaller) {
  ViewSpec view = MustView("      city: {transform: top_k, k: 2}\n");
  std::vector<Value> rows = Rows(
      {R"({"city":"Paris"})", R"({"city":"Berlin"})", R"({"city":"Rome"})", R"({"city":"Berlin"})",
       R"({"city":"Oslo"})", R"({"city":"Paris"})", R"({"city":"Rome"})"});
  MinimizationReport report = ApplyView(view, kKeys, rows).value();
  // Berlin, Paris and Rome appear twice each: Berlin and Paris sort first.
  EXPECT_EQ(Dump(rows),
            "{\"city\":\"Paris\"}\n{\"city\":\"Berlin\"}\n{\"city\":\"other\"}\n"
            "{\"city\":\"Berlin\"}\n{\"city\":\"other\"}\n{\"city\":\"Paris\"}\n"
            "{\"city\":\"other\"}\n");
  EXPECT_EQ(report.fields[0].count, 3u);
}

TEST(MinimizationTest, DropRemovesNestedFieldsAndLeavesSiblings) {
  ViewSpec view =
      MustView("      address.street: {transform: drop}\n      health: {transform: drop}\n");
  std::vector<Value> rows = Rows({R"({"address":{"street":"Weg 1","city":"Bonn"},"health":"x"})",
                                  R"({"address":{"city":"Ulm"}})", R"({"address":null})"});
  MinimizationReport report = ApplyView(view, kKeys, rows).value();
  EXPECT_EQ(Dump(rows),
            "{\"address\":{\"city\":\"Bonn\"}}\n{\"address\":{\"city\":\"Ulm\"}}\n"
            "{\"address\":null}\n");
  ASSERT_EQ(report.fields.size(), 2u);
  EXPECT_EQ(report.fields[0].field, "address.street");
  EXPECT_EQ(report.fields[0].count, 1u);
  EXPECT_EQ(report.fields[1].count, 1u);
}

TEST(MinimizationTest, WrongTypesNameTheFieldAndTheRowLine) {
  RowOrigin origin{"rows.ndjson", {1, 3, 7}};
  auto fails = [&](const std::string& field_yaml, std::initializer_list<const char*> json,
                   const std::string& text) {
    ViewSpec view = MustView(field_yaml);
    std::vector<Value> rows = Rows(json);
    EXPECT_STATUS(ApplyView(view, kKeys, rows, origin).status(), ErrorCode::kTransformInvalid,
                  text);
  };
  fails("      iban: {transform: mask, keep: 4}\n", {R"({"iban":"x"})", R"({"iban":1234})"},
        "rows.ndjson:3: field iban: mask needs a string, got number (view v)");
  fails("      salary: {transform: bucket, bounds: [0]}\n",
        {R"({})", R"({})", R"({"salary":"10"})"},
        "rows.ndjson:7: field salary: bucket needs a number, got string");
  fails("      born: {transform: bucket, granularity: year}\n", {R"({"born":"12/06/1984"})"},
        "rows.ndjson:1: field born: bucket by year needs a date (YYYY-MM-DD…), got \"12/06/1984\"");
  fails("      id: {transform: hash, key: pseudonyms}\n", {R"({"id":true})"},
        "field id: hash needs a string or number, got boolean");
  fails("      city: {transform: top_k, k: 1}\n", {R"({"city":"a"})", R"({"city":["b"]})"},
        "rows.ndjson:3: field city: top_k needs a string, number or boolean, got array");
  // A path through a value that is not an object cannot be minimised: refused, never passed on.
  fails("      address.street: {transform: drop}\n", {R"({"address":"Weg 1, Bonn"})"},
        "rows.ndjson:1: field address.street: address is string, not an object");
  fails("      a: {transform: drop}\n", {R"("just a string")"}, "the row is string, not an object");
}

TEST(MinimizationTest, MissingHashKeyFailsBeforeAnyRowChanges) {
  ViewSpec view = MustView(
      "      email: {transform: mask, keep: 2}\n      id: {transform: hash, key: absent}\n");
  std::vector<Value> rows = Rows({R"({"email":"a@b.c","id":"x"})"});
  std::vector<Value> before = rows;
  EXPECT_STATUS(ApplyView(view, kKeys, rows).status(), ErrorCode::kHashKeyMissing,
                "field id: hash key \"absent\" is not configured");
  EXPECT_EQ(Dump(rows), Dump(before));
  std::vector<Value> none;
  EXPECT_STATUS(ApplyView(view, {}, none).status(), ErrorCode::kHashKeyMissing, "absent");
}

TEST(MinimizationTest, UnknownViewNamesTheViewsThereAre) {
  Result<Manifest> m = ParseWithViews(
      "views:\n  b:\n    fields: {x: {transform: drop}}\n  a:\n    fields: {x: {transform: "
      "drop}}\n");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_STATUS(FindView(m->views, m->id, "c").status(), ErrorCode::kViewNotFound,
                "pack demo.v1 has no view \"c\" (views: a, b)");
  EXPECT_EQ(FindView(m->views, m->id, "b").value()->id, "b");
  EXPECT_STATUS(FindView({}, "p.v1", "c").status(), ErrorCode::kViewNotFound, "declares no views");
}

TEST(MinimizationTest, HashKeysComeFromAKeyFileOfLongEnoughHexKeys) {
  HashKeys keys = ParseHashKeys(R"({"a": "000102030405060708090a0b0c0d0e0f"})", "k.json").value();
  EXPECT_EQ(keys.at("a").size(), 16u);
  EXPECT_STATUS(ParseHashKeys(R"({"a": "0001"})", "k.json").status(), ErrorCode::kInvalidArgument,
                "k.json: key \"a\" must be a hex string of at least 16 bytes");
  EXPECT_STATUS(ParseHashKeys(R"({"a": "zz"})", "k.json").status(), ErrorCode::kInvalidArgument,
                "key \"a\"");
  EXPECT_STATUS(ParseHashKeys("[1]", "k.json").status(), ErrorCode::kInvalidArgument,
                "k.json: a key file is a JSON object");
  EXPECT_STATUS(ParseHashKeys("{", "k.json").status(), ErrorCode::kInvalidArgument, "not JSON");
}

TEST(MinimizationTest, ViewErrorsInPackYamlNameTheLine) {
  auto fails = [](const std::string& views, const std::string& text) {
    EXPECT_STATUS(ParseWithViews(views).status(), ErrorCode::kPackManifestInvalid, text);
  };
  fails("views:\n  v:\n    fields:\n      x: {transform: blur}\n",
        "pack.yaml:12:22: transform \"blur\" is not one of mask, hash, bucket, top_k, drop");
  fails("views:\n  v:\n    fields:\n      x: {transform: mask}\n",
        "pack.yaml:12:7: field x: mask needs \"keep\"");
  fails("views:\n  v:\n    fields:\n      x: {transform: drop, keep: 2}\n",
        "pack.yaml:12:7: field x: drop takes no \"keep\"");
  fails("views:\n  v:\n    fields:\n      x: {keep: 2}\n",
        "pack.yaml:12:7: field x needs a transform");
  fails("views:\n  v:\n    fields:\n      x: {transform: bucket, bounds: [3, 2]}\n",
        "pack.yaml:12:42: bounds must be strictly increasing");
  fails("views:\n  v:\n    fields:\n      x: {transform: bucket}\n",
        "bucket needs either bounds (numbers) or granularity");
  fails("views:\n  v:\n    fields:\n      x: {transform: bucket, granularity: week}\n",
        "pack.yaml:12:43: granularity must be month or year");
  fails("views:\n  v:\n    fields:\n      x: {transform: top_k, k: 0}\n", "k must be at least 1");
  fails("views:\n  v:\n    fields:\n      x: {transform: hash}\n", "field x: hash needs \"key\"");
  fails("views:\n  v:\n    fields:\n      a: {transform: drop}\n      a.b: {transform: drop}\n",
        "pack.yaml:13:7: field a.b lies inside field a");
  fails("views:\n  v:\n    fields:\n      a..b: {transform: drop}\n",
        "pack.yaml:12:7: field \"a..b\"");
  fails("views:\n  v:\n    description: x\n", "pack.yaml:10:3: view \"v\" needs fields");
  fails("views:\n  v:\n    colour: red\n    fields: {x: {transform: drop}}\n",
        "pack.yaml:11:5: unknown view key \"colour\"");
  fails("views:\n  1v:\n    fields: {x: {transform: drop}}\n", "view id \"1v\"");
  EXPECT_STATUS(ParseWithViews("views:\n  v:\n    fields:\n      x: {transform: drop}\n      x: "
                               "{transform: drop}\n")
                    .status(),
                ErrorCode::kPackDuplicateId, "pack.yaml:13");
}

TEST(MinimizationTest, PackHashCoversViews) {
  std::string rego = "package t\nok := true\n";
  std::string views = "views:\n  v:\n    fields:\n      x: {transform: mask, keep: 2}\n";
  std::string other = "views:\n  v:\n    fields:\n      x: {transform: mask, keep: 3}\n";
  Pack plain = LoadPackFromFiles(testing::SimplePack(kHeader, rego)).value();
  Pack with = LoadPackFromFiles(testing::SimplePack(std::string(kHeader) + views, rego)).value();
  Pack changed = LoadPackFromFiles(testing::SimplePack(std::string(kHeader) + other, rego)).value();
  EXPECT_NE(plain.hash, with.hash);
  EXPECT_NE(with.hash, changed.hash);
  // Layout and comments do not count.
  Pack relaid =
      LoadPackFromFiles(
          testing::SimplePack(std::string(kHeader) +
                                  "views: # why\n  v: {fields: {x: {keep: 2, transform: mask}}}\n",
                              rego))
          .value();
  EXPECT_EQ(with.hash, relaid.hash);
}

TEST(MinimizationTest, ExamplePackViewParses) {
  Pack pack = LoadPackFromDirectory(testing::ExamplesDir() + "/packs/minimization.v1").value();
  const ViewSpec* view = FindView(pack.manifest.views, "minimization.v1", "support_export").value();
  EXPECT_EQ(view->fields.size(), 9u);
}

}  // namespace
}  // namespace tf::policy
