// JSON text in and out: json.marshal, json.marshal_with_options, json.unmarshal, json.is_valid.
// Output is Go's encoding/json: compact, sets as arrays, <, > and & escaped as \u003c...
#include <optional>

#include "core/json.h"
#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

Result<Value> Marshal(BuiltinContext&, std::span<const Value> a) {
  return Value::String(ToJson(a[0], {.escape_html = true}));
}

// Reads {pretty, indent, prefix}: indent or prefix alone imply pretty; pretty: false wins.
Result<JsonWriteOptions> MarshalOptions(const Value& opts) {
  JsonWriteOptions out{.indent = "\t", .escape_html = true};
  bool implied_pretty = false;
  std::optional<bool> explicit_pretty;
  for (const ObjectEntry& e : opts.object()) {
    const Value& key = e.first;
    if (!key.is_string()) {
      return OperandError(2,
                          "failed to stringify key " + RegoText(key) + ": operand must be string");
    }
    const std::string& name = key.string();
    if (name == "prefix" || name == "indent") {
      if (!e.second.is_string()) {
        return OperandError(2, "key " + name +
                                   " failed cast to string: operand must be string but got " +
                                   std::string(e.second.TypeName()));
      }
      (name == "prefix" ? out.prefix : out.indent) = e.second.string();
      implied_pretty = true;
    } else if (name == "pretty") {
      if (!e.second.is_bool()) return OperandError(2, "key pretty failed cast to bool");
      explicit_pretty = e.second.bool_value();
    } else {
      return OperandError(2, "object contained unknown key " + RegoText(key));
    }
  }
  out.pretty = explicit_pretty.value_or(implied_pretty);
  return out;
}

Result<Value> MarshalWithOptions(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(JsonWriteOptions options, MarshalOptions(a[1]));
  std::string text = ToJson(a[0], options);
  // Go's MarshalIndent leaves the first line unprefixed; OPA adds the prefix there too.
  return Value::String(options.pretty ? options.prefix + text : text);
}

Result<Value> Unmarshal(BuiltinContext&, std::span<const Value> a) {
  Result<Value> v = ParseJson(a[0].string());
  if (!v.ok()) return BuiltinError(std::string(v.status().message()));
  return *v;
}

Result<Value> IsValid(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(a[0].is_string() && ParseJson(a[0].string()).ok());
}

}  // namespace

std::vector<BuiltinDecl> JsonCodecBuiltins() {
  return {
      {.name = "json.marshal", .params = {{kAnyKind, "x"}}, .result = kString, .fn = Marshal},
      {.name = "json.marshal_with_options",
       .params = {{kAnyKind, "x"}, {kObject, "opts"}},
       .result = kString,
       .fn = MarshalWithOptions},
      {.name = "json.unmarshal", .params = {{kString, "x"}}, .result = kAnyKind, .fn = Unmarshal},
      {.name = "json.is_valid", .params = {{kAnyKind, "x"}}, .result = kBoolean, .fn = IsValid},
  };
}

}  // namespace tf::rego::builtins
