// graphql.* builtins (OPA's topdown/graphql.go): parsing GraphQL queries and schemas into the
// AST objects OPA returns (gqlparser's, without positions, nulls and empty members), schema
// validation and query validation against a schema.
#include "rego/builtins/families.h"
#include "rego/builtins/graphql_parser.h"
#include "rego/builtins/graphql_schema.h"

namespace tf::rego::builtins {
namespace {

bool IsEmptyCollection(const Value& v) {
  return (v.is_array() || v.is_object()) && v.size() == 0;
}

// OPA's pruneIrrelevantGraphQLASTNodes: drops "Position", nulls and (after pruning) empty
// arrays and objects, at every level.
Value Prune(const Value& v) {
  if (v.is_array()) {
    std::vector<Value> out;
    for (const Value& item : v.array()) {
      if (item.is_null()) continue;
      Value p = Prune(item);
      if (!IsEmptyCollection(p)) out.push_back(std::move(p));
    }
    return Value::Array(std::move(out));
  }
  if (v.is_object()) {
    std::vector<ObjectEntry> out;
    for (const auto& [key, item] : v.object()) {
      if ((key.is_string() && key.string() == "Position") || item.is_null()) continue;
      Value p = Prune(item);
      if (!IsEmptyCollection(p)) out.emplace_back(key, std::move(p));
    }
    return Value::ObjectFromSorted(std::move(out));
  }
  return v;
}

std::string Located(std::string message, const GqlError& e, std::string_view what) {
  return message + " in " + std::string(what) + " at location " + std::to_string(e.line) + ":" +
         std::to_string(e.column);
}

Status ParseError(const GqlError& e) {
  return BuiltinError(Located(e.message, e, "GraphQL string"));
}

// A query given as text (parsed) or as an AST object (used as is).
Result<Value> QueryDocument(const Value& arg) {
  if (arg.is_object()) return arg;
  GqlParsed parsed = ParseGqlQuery(arg.string());
  if (parsed.error) return ParseError(*parsed.error);
  return parsed.document;
}

Result<Value> SchemaDocument(const Value& arg) {
  if (arg.is_object()) return arg;
  GqlParsed parsed = ParseGqlSchema(arg.string(), false);
  if (parsed.error) return ParseError(*parsed.error);
  return parsed.document;
}

Status BuildSchema(const Value& doc, GqlSchema* schema) {
  if (std::optional<GqlError> e = GqlSchema::Build(doc, schema)) {
    return BuiltinError(
        "Error in gqlparser SchemaDocument to Schema conversion: input:" + std::to_string(e->line) +
        ":" + std::to_string(e->column) + ": " + e->message);
  }
  return Status();
}

Status ValidateQuery(const GqlSchema& schema, const Value& query) {
  if (std::optional<GqlError> e = ValidateGqlQuery(schema, query)) {
    std::string message = e->message;
    if (!message.empty() && message.back() == '.') message.pop_back();
    return BuiltinError(Located(message, *e, "GraphQL string"));
  }
  return Status();
}

// Parses both documents, validates the query against the schema: [query AST, schema AST].
Result<Value> ParseAndValidate(std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(Value query, QueryDocument(a[0]));
  TF_ASSIGN_OR_RETURN(Value schema_doc, SchemaDocument(a[1]));
  GqlSchema schema;
  TF_RETURN_IF_ERROR(BuildSchema(schema_doc, &schema));
  TF_RETURN_IF_ERROR(ValidateQuery(schema, query));
  return Value::Array({Prune(query), Prune(schema_doc)});
}

Result<Value> Parse(BuiltinContext&, std::span<const Value> a) {
  return ParseAndValidate(a);
}

Result<Value> ParseAndVerify(BuiltinContext&, std::span<const Value> a) {
  Result<Value> r = ParseAndValidate(a);
  if (!r.ok())
    return Value::Array({Value::Bool(false), Value::EmptyObject(), Value::EmptyObject()});
  return Value::Array({Value::Bool(true), r->array()[0], r->array()[1]});
}

Result<Value> ParseQuery(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(Value query, QueryDocument(a[0]));
  return Prune(query);
}

Result<Value> ParseSchema(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(Value schema, SchemaDocument(a[0]));
  return Prune(schema);
}

Result<Value> IsValid(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(ParseAndValidate(a).ok());
}

Result<Value> SchemaIsValid(BuiltinContext&, std::span<const Value> a) {
  Result<Value> doc = SchemaDocument(a[0]);
  GqlSchema schema;
  return Value::Bool(doc.ok() && BuildSchema(*doc, &schema).ok());
}

const KindSet kDocument = kString | kObject;

BuiltinDecl Pair(std::string_view name, BuiltinFn fn, KindSet result) {
  return {.name = name,
          .params = {{kDocument, "query"}, {kDocument, "schema"}},
          .result = result,
          .fn = fn};
}

}  // namespace

std::vector<BuiltinDecl> GraphQlBuiltins() {
  return {
      Pair("graphql.parse", Parse, kArray),
      Pair("graphql.parse_and_verify", ParseAndVerify, kArray),
      Pair("graphql.is_valid", IsValid, kBoolean),
      {.name = "graphql.parse_query",
       .params = {{kString, "query"}},
       .result = kObject,
       .fn = ParseQuery},
      {.name = "graphql.parse_schema",
       .params = {{kString, "schema"}},
       .result = kObject,
       .fn = ParseSchema},
      {.name = "graphql.schema_is_valid",
       .params = {{kDocument, "schema"}},
       .result = kBoolean,
       .fn = SchemaIsValid},
  };
}

}  // namespace tf::rego::builtins
