// Validation of pack.yaml: every error names pack.yaml and the line (and column) at fault.
#include <gtest/gtest.h>

#include "policy/manifest.h"
#include "policy/testing/pack_testing.h"
#include "testing/value_testing.h"

namespace tf::policy {
namespace {

Status Parse(const std::string& yaml) {
  return ParseManifest(yaml, "pack.yaml").status();
}

constexpr const char* kValid = R"(id: demo.v1
version: 1.2.0
description: A demo pack.
predicates:
  big: input.amount > 100
  risky: [big, data.t.flagged]
rules:
  - id: limit
    ref: data.t.limit_ok
    cost: 3
    severity: high
    reason: "amount {input.amount} is too high"
    activation: [risky]
  - id: owner
    ref: data.t.owner_ok
    cost: 1
    severity: low
    reason: no owner
accepted_changes:
  - rule: limit
    since: 1.2.0
    description: the limit was raised
)";

TEST(ManifestParserTest, ValidManifestParsesEveryField) {
  Result<Manifest> m = ParseManifest(kValid, "pack.yaml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->id, "demo.v1");
  EXPECT_EQ(m->version, "1.2.0");
  ASSERT_EQ(m->rules.size(), 2u);
  EXPECT_EQ(m->rules[0].id, "limit");
  EXPECT_EQ(m->rules[0].cost, 3u);
  EXPECT_EQ(m->rules[0].severity, Severity::kHigh);
  EXPECT_EQ(m->rules[0].ref_pos.line, 9u);
  ASSERT_EQ(m->rules[0].activation.size(), 1u);
  EXPECT_EQ(m->rules[0].activation[0].text, "risky");
  EXPECT_EQ(m->rules[0].activation[0].pos.line, 13u);
  ASSERT_EQ(m->predicates.size(), 2u);
  EXPECT_EQ(m->predicates[1].id, "risky");
  EXPECT_EQ(m->predicates[1].all_of.size(), 2u);
  ASSERT_EQ(m->accepted_changes.size(), 1u);
  EXPECT_EQ(m->accepted_changes[0].since, "1.2.0");
}

TEST(ManifestParserTest, YamlSyntaxErrorNamesTheLine) {
  EXPECT_STATUS(Parse("id: x\nrules: [\n  - a\n"), ErrorCode::kPackManifestInvalid, "pack.yaml:");
  EXPECT_STATUS(Parse("id: a\nid2: [1, 2\n"), ErrorCode::kPackManifestInvalid, "invalid YAML");
}

TEST(ManifestParserTest, UnknownTopLevelKeyIsRefusedWithItsLine) {
  EXPECT_STATUS(Parse(std::string(kValid) + "rulez: []\n"), ErrorCode::kPackManifestInvalid,
                "pack.yaml:23:1: unknown key \"rulez\"");
}

TEST(ManifestParserTest, UnknownRuleKeyIsRefusedWithItsLine) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("    activation: [risky]"), 23, "    activaton: [risky]");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackManifestInvalid, "pack.yaml:13:16: unknown rule key");
}

TEST(ManifestParserTest, DuplicateRuleIdNamesBothLines) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("id: owner"), 9, "id: limit");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackDuplicateId,
                "pack.yaml:14:5: duplicate rule id \"limit\" (first at line 8)");
}

TEST(ManifestParserTest, DuplicateYamlKeyIsRefused) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("    cost: 1\n"), 12, "    cost: 1\n    cost: 2\n");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackDuplicateId, "pack.yaml:17:5: duplicate key \"cost\"");
}

TEST(ManifestParserTest, CostMustBeAnUnsignedInteger) {
  for (const char* bad : {"-1", "1.5", "\"3\"", "[1]", "1000000001"}) {
    std::string yaml = kValid;
    yaml.replace(yaml.find("cost: 3"), 7, std::string("cost: ") + bad);
    EXPECT_STATUS(Parse(yaml), ErrorCode::kPackManifestInvalid, "pack.yaml:10:11: cost must be");
  }
}

TEST(ManifestParserTest, SeverityMustBeKnown) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("severity: high"), 14, "severity: urgent");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackManifestInvalid, "pack.yaml:11:15: severity must be");
}

TEST(ManifestParserTest, StringFieldsRefuseOtherTypes) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("reason: no owner"), 16, "reason: [no, owner]");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackManifestInvalid,
                "pack.yaml:18:13: reason must be a string, not array");
  yaml = kValid;
  yaml.replace(yaml.find("activation: [risky]"), 19, "activation: risky");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackManifestInvalid,
                "pack.yaml:13:17: activation must be a list");
}

TEST(ManifestParserTest, MissingRequiredFieldsAreNamed) {
  std::string yaml = kValid;
  yaml.erase(yaml.find("    cost: 1\n"), 12);
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackManifestInvalid,
                "pack.yaml:14:5: rule \"owner\" is missing \"cost\"");
  EXPECT_STATUS(Parse("version: 1\nrules: []\n"), ErrorCode::kPackManifestInvalid, "needs an id");
  EXPECT_STATUS(Parse("id: a\nversion: 1\nrules: []\n"), ErrorCode::kPackManifestInvalid,
                "at least one rule");
}

TEST(ManifestParserTest, IdsMustBeWellFormed) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("id: demo.v1"), 11, "id: Demo/v1");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackManifestInvalid, "pack.yaml:1:5: id \"Demo/v1\"");
  yaml = kValid;
  yaml.replace(yaml.find("id: owner"), 9, "id: 9owner");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackManifestInvalid, "pack.yaml:14:9: rule id \"9owner\"");
}

TEST(ManifestParserTest, RuleRefMustBeADataRef) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("ref: data.t.owner_ok"), 20, "ref: input.owner");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackManifestInvalid,
                "pack.yaml:15:10: ref \"input.owner\" must be data.<package>.<rule>");
}

TEST(ManifestParserTest, UnknownNamedPredicateNamesItsLine) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("activation: [risky]"), 19, "activation: [risky, tiny]");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackBadPredicate,
                "pack.yaml:13:25: unknown predicate \"tiny\"");
}

TEST(ManifestParserTest, PredicateCycleIsRefusedAndSpelledOut) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("  big: input.amount > 100"), 25, "  big: [risky]");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackCycle, "predicate cycle: big -> risky -> big");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackCycle, "pack.yaml:6:11:");
}

TEST(ManifestParserTest, SelfReferencingPredicateIsACycle) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("  big: input.amount > 100"), 25, "  big: big");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackCycle, "pack.yaml:5:8: predicate cycle: big -> big");
}

TEST(ManifestParserTest, PredicateListedTwiceIsRefused) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("activation: [risky]"), 19, "activation: [risky, risky]");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackDuplicateId,
                "pack.yaml:13:25: predicate \"risky\" listed twice");
}

TEST(ManifestParserTest, BadReasonTemplateNamesItsLine) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("\"amount {input.amount} is too high\""), 35,
               "\"amount {input.amount is too high\"");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackManifestInvalid,
                "pack.yaml:12:13: reason template, byte 7: unterminated placeholder");
}

TEST(ManifestParserTest, AcceptedChangeMustNameARule) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("  - rule: limit"), 15, "  - rule: gone");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackManifestInvalid,
                "pack.yaml:20:5: accepted change names unknown rule \"gone\"");
}

TEST(ManifestParserTest, InputSchemaOutsideTheSubsetNamesTheKeywordLine) {
  std::string yaml = std::string(kValid) +
                     "input_schema:\n  type: object\n  properties:\n    name:\n      type: string\n"
                     "      pattern: \"^a\"\n";
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackSchemaInvalid, "pack.yaml:28:16:");
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackSchemaInvalid, "unsupported keyword \"pattern\"");
}

TEST(ManifestParserTest, InputSchemaIsKeptAndValidates) {
  std::string yaml = std::string(kValid) +
                     "input_schema:\n  type: object\n  required: [amount]\n  properties:\n"
                     "    amount: {type: integer, minimum: 0}\n";
  Result<Manifest> m = ParseManifest(yaml, "pack.yaml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_TRUE(m->input_schema.has_value());
  EXPECT_TRUE(m->input_schema->Validate(::tf::testing::J(R"({"amount": 3})")).ok());
  EXPECT_STATUS(m->input_schema->Validate(::tf::testing::J(R"({"amount": -3})")),
                ErrorCode::kInputSchemaViolation, "amount");
  EXPECT_STATUS(m->input_schema->Validate(::tf::testing::J(R"({})")),
                ErrorCode::kInputSchemaViolation, "amount");
}

TEST(ManifestParserTest, TooManyAliasExpansionsAreRefused) {
  std::string yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'h'; ++c, ++prev) {
    yaml += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" +
            prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + "]\n";
  }
  EXPECT_STATUS(Parse(yaml), ErrorCode::kPackManifestInvalid, "more than 100000 YAML nodes");
}

// Found by pack_yaml_fuzz: yaml-cpp's LoadAll yields documents forever after a leading ','
// and a stray '}' (",}\n" is enough) and exhausts memory.
TEST(ManifestParserTest, StrayClosingBraceIsRefusedWithoutExhaustingMemory) {
  EXPECT_STATUS(Parse(", cost: 1, severity: wl o,reas cost: 1, severity: low, reason: x}\n"),
                ErrorCode::kPackManifestInvalid, "pack.yaml");
  EXPECT_STATUS(Parse(",}\n"), ErrorCode::kPackManifestInvalid,
                "pack.yaml: invalid YAML: 1:1: unexpected token");
}

TEST(ManifestParserTest, EmptyAndMultiDocumentFilesAreRefused) {
  EXPECT_STATUS(Parse(""), ErrorCode::kPackManifestInvalid, "pack.yaml: empty document");
  EXPECT_STATUS(Parse("id: a\n---\nid: b\n"), ErrorCode::kPackManifestInvalid,
                "more than one YAML document");
}

TEST(ManifestParserTest, CanonicalFormIgnoresLayoutCommentsAndRuleOrder) {
  std::string reordered = R"(# the same pack, written differently
version: "1.2.0"
rules:
  - {id: owner, ref: data.t.owner_ok, cost: 1, severity: low, reason: "no owner"}
  - reason: "amount {input.amount} is too high"
    severity: high
    cost: 3
    ref: data.t.limit_ok
    id: limit
    activation:
      - risky
description: A demo pack.
id: demo.v1
accepted_changes: [{description: the limit was raised, since: 1.2.0, rule: limit}]
predicates: {risky: [big, data.t.flagged], big: [input.amount > 100]}
)";
  Result<Manifest> a = ParseManifest(kValid, "pack.yaml");
  Result<Manifest> b = ParseManifest(reordered, "pack.yaml");
  ASSERT_TRUE(a.ok() && b.ok()) << a.status().ToString() << b.status().ToString();
  EXPECT_EQ(ManifestToValue(*a), ManifestToValue(*b));
}

}  // namespace
}  // namespace tf::policy
