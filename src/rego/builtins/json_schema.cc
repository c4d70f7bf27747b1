// json.verify_schema and json.match_schema: JSON Schema (core/json_schema.h) from Rego. A schema
// or document may be given as a value or as JSON text.
#include "core/json_schema.h"
#include "core/json.h"
#include "rego/builtins/families.h"

namespace tf::rego::builtins {
namespace {

Result<Value> AsDocument(const Value& v, int pos) {
  if (!v.is_string()) return v;
  Result<Value> parsed = ParseJson(v.string());
  if (!parsed.ok())
    return OperandError(pos, "must be valid JSON: " + std::string(parsed.status().message()));
  return parsed;
}

Result<Value> VerifySchema(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(Value schema, AsDocument(a[0], 1));
  Result<JsonSchema> compiled = JsonSchema::Compile(schema);
  if (!compiled.ok()) {
    return Value::Array({Value::Bool(false),
                         Value::String("jsonschema: " + std::string(compiled.status().message()))});
  }
  return Value::Array({Value::Bool(true), Value::Null()});
}

Result<Value> MatchSchema(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(Value document, AsDocument(a[0], 1));
  TF_ASSIGN_OR_RETURN(Value schema, AsDocument(a[1], 2));
  Result<JsonSchema> compiled = JsonSchema::Compile(schema);
  if (!compiled.ok())
    return BuiltinError("jsonschema: " + std::string(compiled.status().message()));
  std::vector<Value> errors;
  for (const SchemaViolation& v : compiled->Validate(document)) {
    errors.push_back(
        Value::Object({{Value::String("error"), Value::String(v.field + ": " + v.message)},
                       {Value::String("type"), Value::String(v.keyword)},
                       {Value::String("field"), Value::String(v.field)},
                       {Value::String("desc"), Value::String(v.message)}}));
  }
  bool valid = errors.empty();
  return Value::Array({Value::Bool(valid), Value::Array(std::move(errors))});
}

}  // namespace

std::vector<BuiltinDecl> JsonSchemaBuiltins() {
  return {
      {.name = "json.verify_schema",
       .params = {{kString | kObject | kBoolean, "schema"}},
       .result = kArray,
       .fn = VerifySchema},
      {.name = "json.match_schema",
       .params = {{kAnyKind, "document"}, {kString | kObject | kBoolean, "schema"}},
       .result = kArray,
       .fn = MatchSchema},
  };
}

}  // namespace tf::rego::builtins
