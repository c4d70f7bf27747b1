#include "rego/builtins/builtin_test_util.h"

namespace tf::rego::testing {
namespace {

Value S(std::string_view s) {
  return Value::String(s);
}

std::string ErrorOf(BuiltinHarness& h, std::string_view name, std::vector<Value> args) {
  Result<Value> r = h.Call(name, std::move(args));
  EXPECT_FALSE(r.ok()) << name << " unexpectedly returned " << (r.ok() ? ToJson(*r) : "");
  return r.ok() ? "" : std::string(r.status().message());
}

constexpr std::string_view kSchema = R"(
  type Query { employee(id: String!): Employee  employees(filter: Filter): [Employee!]! }
  type Employee { id: String! salary: Int! manager: Employee kind: Kind }
  input Filter { kind: Kind  minSalary: Int }
  enum Kind { FULL_TIME CONTRACTOR }
)";

bool Valid(BuiltinHarness& h, std::string_view query) {
  Value v = CallOk(h, "graphql.is_valid", {S(query), S(kSchema)});
  return v.is_bool() && v.bool_value();
}

TEST(GraphQlBuiltinsTest, ParseQueryReturnsGqlparserShapedAst) {
  BuiltinHarness h;
  EXPECT_EQ(
      CallOk(
          h, "graphql.parse_query",
          {S(R"(query Q($n: [Int!]! = [1]) { a: f(x: {y: "s"}) @skip(if: true) { ...F ... on T { g } } })")}),
      J(R"({"Operations": [{"Name": "Q", "Operation": "query",
                  "VariableDefinitions": [{"Variable": "n", "Used": false,
                    "Type": {"Elem": {"NamedType": "Int", "NonNull": true}, "NamedType": "", "NonNull": true},
                    "DefaultValue": {"Children": [{"Name": "", "Value": {"ExpectedTypeHasDefault": false, "Kind": 1, "Raw": "1"}}],
                                     "ExpectedTypeHasDefault": false, "Kind": 8, "Raw": ""}}],
                  "SelectionSet": [{"Alias": "a", "Name": "f",
                    "Arguments": [{"Name": "x", "Value": {"Children": [{"Name": "y", "Value": {"ExpectedTypeHasDefault": false, "Kind": 3, "Raw": "s"}}],
                                                          "ExpectedTypeHasDefault": false, "Kind": 9, "Raw": ""}}],
                    "Directives": [{"Location": "", "Name": "skip", "Arguments": [{"Name": "if", "Value": {"ExpectedTypeHasDefault": false, "Kind": 5, "Raw": "true"}}]}],
                    "SelectionSet": [{"Name": "F"}, {"TypeCondition": "T", "SelectionSet": [{"Alias": "g", "Name": "g"}]}]}]}]})"));
}

TEST(GraphQlBuiltinsTest, BlockStringsAreDedented) {
  BuiltinHarness h;
  Value ast = CallOk(h, "graphql.parse_query", {S("{ f(s: \"\"\"\n    a\n      b\n    \"\"\") }")});
  EXPECT_EQ(*ast.Find("Operations")
                 ->array()[0]
                 .Find("SelectionSet")
                 ->array()[0]
                 .Find("Arguments")
                 ->array()[0]
                 .Find("Value")
                 ->Find("Raw"),
            S("a\n  b"));
}

TEST(GraphQlBuiltinsTest, ParseErrorsMatchGqlparser) {
  BuiltinHarness h;
  EXPECT_EQ(ErrorOf(h, "graphql.parse_query", {S("{")}),
            "graphql.parse_query: Expected Name, found <EOF> in GraphQL string at location 1:2");
  EXPECT_EQ(
      ErrorOf(h, "graphql.parse_query", {S("\n  { ...MissingOn }\n  fragment MissingOn Type\n")}),
      "graphql.parse_query: Expected \"on\", found Name \"Type\" in GraphQL string at location "
      "3:22");
  EXPECT_EQ(ErrorOf(h, "graphql.parse_query",
                    {S("query Foo($x: Complex = { a: { b: [ $var ] } }) { field }")}),
            "graphql.parse_query: Unexpected $ in GraphQL string at location 1:37");
  EXPECT_EQ(ErrorOf(h, "graphql.parse_schema", {S("type Hello {}")}),
            "graphql.parse_schema: expected at least one definition, found } in GraphQL string at "
            "location 1:13");
  EXPECT_EQ(
      ErrorOf(h, "graphql.parse_schema",
              {S("\n  \"Description\"\n  extend type Hello { world: String }")}),
      "graphql.parse_schema: Unexpected String \"Description\" in GraphQL string at location 2:4");
  EXPECT_EQ(ErrorOf(h, "graphql.parse_schema", {S("directive @foo on FIELD | INCORRECT_LOCATION")}),
            "graphql.parse_schema: Unexpected Name \"INCORRECT_LOCATION\" in GraphQL string at "
            "location 1:27");
  EXPECT_EQ(ErrorOf(h, "graphql.parse_query", {S("{ f(s: 'x') }")}),
            "graphql.parse_query: Unexpected <Invalid> in GraphQL string at location 1:8");
}

TEST(GraphQlBuiltinsTest, DeepNestingFailsInsteadOfOverflowing) {
  BuiltinHarness h;
  const std::string deep = "{ f(x: " + std::string(100000, '[') + std::string(100000, ']') + ") }";
  EXPECT_NE(ErrorOf(h, "graphql.parse_query", {S(deep)}).find("maximum nesting depth"),
            std::string::npos);
}

TEST(GraphQlBuiltinsTest, ParseSchemaShapes) {
  BuiltinHarness h;
  EXPECT_EQ(CallOk(h, "graphql.parse_schema",
                   {S("\"\"\"\n  Doc\n  \"\"\"\ntype A implements & B & C @deprecated { f(x: Int = "
                      "1): [A] }\nunion U = | A\nschema { query: A }")}),
            J(R"({"Definitions": [
                   {"BuiltIn": false, "Description": "Doc", "Kind": "OBJECT", "Name": "A", "Interfaces": ["B", "C"],
                    "Directives": [{"Location": "", "Name": "deprecated"}],
                    "Fields": [{"Description": "", "Name": "f",
                                "Arguments": [{"Description": "", "Name": "x", "Type": {"NamedType": "Int", "NonNull": false},
                                               "DefaultValue": {"ExpectedTypeHasDefault": false, "Kind": 1, "Raw": "1"}}],
                                "Type": {"Elem": {"NamedType": "A", "NonNull": false}, "NamedType": "", "NonNull": false}}]},
                   {"BuiltIn": false, "Description": "", "Kind": "UNION", "Name": "U", "Types": ["A"]}],
                 "Schema": [{"Description": "", "OperationTypes": [{"Operation": "query", "Type": "A"}]}]})"));
}

TEST(GraphQlBuiltinsTest, SchemaValidation) {
  BuiltinHarness h;
  auto valid = [&](std::string_view schema) {
    return CallOk(h, "graphql.schema_is_valid", {S(schema)}) == Value::Bool(true);
  };
  EXPECT_TRUE(valid(kSchema));
  EXPECT_TRUE(valid("extend type User { id: ID! }\nunion E = User\nextend type Query { e: E }"));
  EXPECT_TRUE(
      valid("type Query { x: Int }\ndirective @d(a: String = \"b\") on SCHEMA\nextend schema @d"));
  EXPECT_FALSE(valid("type Hello implements World { field: String }"));
  EXPECT_FALSE(valid("union U = Missing"));
  EXPECT_FALSE(valid("schema { query: Query }"));
  EXPECT_FALSE(
      valid("interface IA { id: ID! }\ninterface IIA implements IA { id: ID! }\ntype A implements "
            "IIA { id: ID! }"));
  EXPECT_FALSE(valid("type P { f: Int }\ninput I { p: P }"));
  EXPECT_FALSE(valid("extend scalar Foo @specifiedBy(url: \"x\")\nextend type Foo @deprecated"));
  EXPECT_FALSE(valid("type A { f: Int f: Int }"));
  EXPECT_FALSE(valid("type __A { f: Int }"));
  EXPECT_FALSE(valid("type A { f: Int @unknown }"));
  EXPECT_FALSE(valid("type A { f(x: A): Int }"));
}

TEST(GraphQlBuiltinsTest, QueryValidationRules) {
  BuiltinHarness h;
  EXPECT_TRUE(Valid(h, "{ employee(id: \"a\") { id salary manager { id } } }"));
  EXPECT_TRUE(Valid(h, "query($f: Filter) { employees(filter: $f) { id } }"));
  EXPECT_TRUE(Valid(h,
                    "{ employees(filter: {kind: CONTRACTOR, minSalary: 3}) { ...E } } fragment E "
                    "on Employee { id __typename }"));
  EXPECT_TRUE(Valid(h, "{ __schema { types { name } } }"));
  EXPECT_FALSE(Valid(h, "{ employee { id } }"));                   // required argument
  EXPECT_FALSE(Valid(h, "{ employee(id: \"a\", x: 1) { id } }"));  // unknown argument
  EXPECT_FALSE(Valid(h, "{ employee(id: 1) { id } }"));            // wrong scalar
  EXPECT_FALSE(Valid(h, "{ nope }"));                              // unknown field
  EXPECT_FALSE(Valid(h, "{ employee(id: \"a\") }"));               // object needs a selection
  EXPECT_FALSE(Valid(h, "{ employee(id: \"a\") { id { x } } }"));  // scalar has no selection
  EXPECT_FALSE(Valid(h, "{ employees(filter: {kind: PART_TIME}) { id } }"));
  EXPECT_FALSE(Valid(h, "{ employees(filter: {other: 1}) { id } }"));
  EXPECT_FALSE(Valid(h, "query($v: Int) { employee(id: \"a\") { id } }"));  // unused variable
  EXPECT_FALSE(Valid(h, "{ employee(id: $missing) { id } }"));              // undefined variable
  EXPECT_FALSE(Valid(h, "query($v: Int) { employee(id: $v) { id } }"));     // wrong variable type
  EXPECT_FALSE(
      Valid(h, "{ employee(id: \"a\") { id } } fragment U on Employee { id }"));  // unused fragment
  EXPECT_FALSE(Valid(h,
                     "{ employee(id: \"a\") { ...A } } fragment A on Employee { ...B } fragment B "
                     "on Employee { ...A }"));
  EXPECT_FALSE(Valid(h, "{ employee(id: \"a\") { id @unknown } }"));
  EXPECT_FALSE(Valid(h, "mutation { x }"));  // no mutation root
  EXPECT_FALSE(Valid(h, "{ a: employee(id: \"a\") { id } } { b: employee(id: \"b\") { id } }"));
}

TEST(GraphQlBuiltinsTest, ParseReportsTheFirstValidationError) {
  BuiltinHarness h;
  EXPECT_EQ(ErrorOf(h, "graphql.parse", {S("\n  query Q {\n    employee { id }\n  }"), S(kSchema)}),
            "graphql.parse: Field \"employee\" argument \"id\" of type \"String!\" is required, "
            "but it was not "
            "provided in GraphQL string at location 3:5");
  EXPECT_EQ(CallOk(h, "graphql.parse_and_verify", {S("{ nope }"), S(kSchema)}),
            J("[false, {}, {}]"));
}

TEST(GraphQlBuiltinsTest, AstObjectsAreAcceptedAsInputs) {
  BuiltinHarness h;
  const Value query = CallOk(h, "graphql.parse_query", {S("{ employee(id: \"x\") { salary } }")});
  const Value schema = CallOk(h, "graphql.parse_schema", {S(kSchema)});
  EXPECT_EQ(CallOk(h, "graphql.is_valid", {query, schema}), Value::Bool(true));
  EXPECT_EQ(CallOk(h, "graphql.parse", {query, schema}), Value::Array({query, schema}));
  EXPECT_EQ(
      CallOk(
          h, "graphql.is_valid",
          {J(R"({"Operations": [{"Operation": "query", "SelectionSet": [{"Alias": "nope", "Name": "nope"}]}]})"),
           schema}),
      Value::Bool(false));
  EXPECT_EQ(CallOk(h, "graphql.schema_is_valid", {schema}), Value::Bool(true));
}

}  // namespace
}  // namespace tf::rego::testing
