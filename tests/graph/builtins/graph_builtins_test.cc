// The graph.* Rego builtins, evaluated by the Rego engine over a small graph.
#include "policy/graph_builtins.h"

#include <gtest/gtest.h>

#include "core/json.h"
#include "graph/graph_store.h"
#include "graph/graph_test_util.h"
#include "rego/compiled_policy.h"
#include "rego/evaluator.h"

namespace tf::policy {
namespace {

const rego::BuiltinRegistry& Registry() {
  static const rego::BuiltinRegistry registry = rego::BuiltinRegistry::WithExtras(GraphBuiltins());
  return registry;
}

class GraphBuiltinsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = *graph::GraphStore::Open(dir_.Sub("g"));
    std::vector<graph::GraphRecord> records;
    for (const char* id : {"1", "2", "3", "4", "5", "lonely"})
      records.push_back(graph::NodeRecord{id, {}, Value::EmptyObject(), 0});
    // 1 -> 2 -> 3 -> 4, 1 -> 5 (old), 5 -> 4 (old)
    records.push_back(
        graph::EdgeRecord{"1", "2", "RATED", Value::EmptyObject(), 2'000'000'000'000'000'000});
    records.push_back(
        graph::EdgeRecord{"2", "3", "RATED", Value::EmptyObject(), 2'000'000'000'000'000'000});
    records.push_back(
        graph::EdgeRecord{"3", "4", "PAID", Value::EmptyObject(), 2'000'000'000'000'000'000});
    records.push_back(
        graph::EdgeRecord{"1", "5", "RATED", Value::EmptyObject(), 1'000'000'000'000'000'000});
    records.push_back(
        graph::EdgeRecord{"5", "4", "RATED", Value::EmptyObject(), 1'000'000'000'000'000'000});
    ASSERT_TRUE(store_->Apply({1, 1, records}).ok());
  }

  // The value of `expr`, or nullopt when undefined; errors fail the test.
  std::optional<Value> Eval(const std::string& expr, bool attach = true) {
    Result<rego::CompiledPolicy> policy = rego::CompiledPolicy::Compile(
        {{"g.rego", "package g\nx := " + expr + "\n"}}, {"data.g.x"}, {.builtins = &Registry()});
    EXPECT_TRUE(policy.ok()) << policy.status().message();
    if (!policy.ok()) return std::nullopt;
    rego::Evaluator eval(*policy);
    GraphBuiltinHost host(*store_);
    rego::EvalOptions options;
    options.host = attach ? &host : nullptr;
    options.strict_builtin_errors = true;
    Result<rego::QueryResult> r = eval.Eval(0, options);
    last_status_ = r.status();
    if (!r.ok() || r->solutions.empty()) return std::nullopt;
    return r->solutions[0].expressions[0];
  }

  graph::testing::TempDir dir_;
  std::unique_ptr<graph::GraphStore> store_;
  Status last_status_;
};

TEST_F(GraphBuiltinsTest, AnswersQueries) {
  EXPECT_EQ(Eval("graph.degree(\"1\", {})"), Value::Int(2));
  EXPECT_EQ(Eval("graph.degree(4, {\"direction\": \"in\"})"), Value::Int(2));
  EXPECT_EQ(Eval("graph.degree(\"1\", {\"after\": \"2020-01-01T00:00:00Z\"})"), Value::Int(1));
  EXPECT_EQ(Eval("graph.shortest_path_length(\"1\", \"4\", {})"), Value::Int(2));
  EXPECT_EQ(Eval("graph.shortest_path_length(\"1\", \"4\", {\"edge_types\": [\"RATED\"]})"),
            Value::Int(2));
  EXPECT_EQ(Eval("graph.shortest_path_length(\"1\", \"4\", {\"after\": 1500000000})"),
            Value::Int(3));
  EXPECT_EQ(Eval("graph.component_size(\"3\", {})"), Value::Int(5));
  EXPECT_EQ(Eval("graph.component_size(\"3\", {\"limit\": 2})"), Value::Int(3));
  EXPECT_EQ(Eval("graph.component_size(\"lonely\", {})"), Value::Int(1));
  EXPECT_EQ(Eval("graph.neighbors(\"1\", {})"), *ParseJson(R"(["2","5"])"));
  std::optional<Value> two_hops = Eval("graph.k_hop(\"1\", 2, {})");
  ASSERT_TRUE(two_hops.has_value());
  EXPECT_TRUE(two_hops->is_set());
  EXPECT_EQ(two_hops->size(), 4u);
  EXPECT_TRUE(two_hops->Contains(Value::String("4")));
  EXPECT_EQ(Eval("count(graph.k_hop(\"1\", 2, {\"degree_cap\": 1}))"), Value::Int(2));
}

TEST_F(GraphBuiltinsTest, UnknownNodesAndMissingPathsAreUndefined) {
  EXPECT_FALSE(Eval("graph.degree(\"nobody\", {})").has_value());
  EXPECT_TRUE(last_status_.ok());
  EXPECT_FALSE(Eval("graph.shortest_path_length(\"4\", \"1\", {})").has_value());
  EXPECT_TRUE(last_status_.ok());
}

TEST_F(GraphBuiltinsTest, BadOptionsAndNoGraphAreErrors) {
  EXPECT_FALSE(Eval("graph.degree(\"1\", {\"direction\": \"up\"})").has_value());
  EXPECT_NE(last_status_.message().find("direction"), std::string::npos) << last_status_.message();
  EXPECT_FALSE(Eval("graph.degree(\"1\", {\"colour\": 1})").has_value());
  EXPECT_NE(last_status_.message().find("unknown option"), std::string::npos);
  EXPECT_FALSE(Eval("graph.k_hop(\"1\", 0, {})").has_value());
  EXPECT_FALSE(last_status_.ok());
  EXPECT_FALSE(Eval("graph.degree(\"1\", {})", /*attach=*/false).has_value());
  EXPECT_NE(last_status_.message().find("no graph"), std::string::npos);
}

}  // namespace
}  // namespace tf::policy
