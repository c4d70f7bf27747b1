// GraphQL type system documents (spec §3; gqlparser's parser/schema.go productions and
// messages).
#include <array>

#include "rego/builtins/graphql_parser.h"

namespace tf::rego::builtins::graphql_internal {
namespace {

Value S(std::string_view s) {
  return Value::String(s);
}
Value List(std::vector<Value> items) {
  return Value::Array(std::move(items));
}

constexpr std::array<std::string_view, 19> kDirectiveLocations = {"QUERY",
                                                                  "MUTATION",
                                                                  "SUBSCRIPTION",
                                                                  "FIELD",
                                                                  "FRAGMENT_DEFINITION",
                                                                  "FRAGMENT_SPREAD",
                                                                  "INLINE_FRAGMENT",
                                                                  "VARIABLE_DEFINITION",
                                                                  "SCHEMA",
                                                                  "SCALAR",
                                                                  "OBJECT",
                                                                  "FIELD_DEFINITION",
                                                                  "ARGUMENT_DEFINITION",
                                                                  "INTERFACE",
                                                                  "UNION",
                                                                  "ENUM",
                                                                  "ENUM_VALUE",
                                                                  "INPUT_OBJECT",
                                                                  "INPUT_FIELD_DEFINITION"};

std::string_view KindOf(std::string_view keyword) {
  if (keyword == "scalar") return "SCALAR";
  if (keyword == "type") return "OBJECT";
  if (keyword == "interface") return "INTERFACE";
  if (keyword == "union") return "UNION";
  if (keyword == "enum") return "ENUM";
  return "INPUT_OBJECT";
}

// Marks every type definition as built in (the prelude's).
Value WithBuiltIn(const Value& defs) {
  std::vector<Value> out;
  for (const Value& d : defs.array()) {
    std::vector<ObjectEntry> fields(d.object().begin(), d.object().end());
    fields.emplace_back(S("BuiltIn"), Value::Bool(true));
    out.push_back(Value::Object(std::move(fields)));
  }
  return List(std::move(out));
}

}  // namespace

Value Parser::SchemaDocument(bool builtin) {
  std::vector<Value> schema, schema_extensions, directives, definitions, extensions;
  while (Peek().kind != K::kEof) {
    if (error_) return Value();
    std::string description;
    if (Peek().kind == K::kBlockString || Peek().kind == K::kString) description = Description();
    const GqlToken t = Peek();
    if (t.kind != K::kName) {
      Unexpected(t);
      break;
    }
    if (t.value == "scalar" || t.value == "type" || t.value == "interface" || t.value == "union" ||
        t.value == "enum" || t.value == "input") {
      definitions.push_back(TypeSystemDefinition(description));
    } else if (t.value == "schema") {
      schema.push_back(SchemaDefinition(description, false));
    } else if (t.value == "directive") {
      directives.push_back(DirectiveDefinition(description));
    } else if (t.value == "extend") {
      if (!description.empty()) Unexpected(prev_);  // extensions take no description
      TypeSystemExtension(schema_extensions, extensions);
    } else {
      Unexpected(t);
      return Value();
    }
  }
  Value defs = List(std::move(definitions));
  Value exts = List(std::move(extensions));
  return GqlNode({{"Schema", List(std::move(schema))},
                  {"SchemaExtension", List(std::move(schema_extensions))},
                  {"Directives", List(std::move(directives))},
                  {"Definitions", builtin ? WithBuiltIn(defs) : defs},
                  {"Extensions", builtin ? WithBuiltIn(exts) : exts}});
}

std::string Parser::Description() {
  const GqlToken& t = Peek();
  if (t.kind != K::kBlockString && t.kind != K::kString) return "";
  return Next().value;
}

Value Parser::TypeSystemDefinition(const std::string& description) {
  const GqlToken t = Peek();
  if (t.kind != K::kName) {
    Unexpected(t);
    return Value();
  }
  return TypeDefinition(t.value, description, false);
}

Value Parser::SchemaDefinition(const std::string& description, bool extension) {
  ExpectKeyword("schema");
  Value position = PeekPosition();
  Value directives = Directives(true);
  std::vector<Value> operation_types;
  Some(K::kBraceL, K::kBraceR, [&] { operation_types.push_back(OperationTypeDefinition()); });
  if (extension && directives.size() == 0 && operation_types.empty()) Unexpected(Peek());
  return GqlNode({{"Description", S(description)},
                  {"Directives", directives},
                  {"OperationTypes", List(std::move(operation_types))},
                  {"Position", position}});
}

Value Parser::OperationTypeDefinition() {
  Value position = PeekPosition();
  Value operation = OperationType();
  Expect(K::kColon);
  return GqlNode({{"Operation", operation}, {"Type", S(Name())}, {"Position", position}});
}

// scalar / type / interface / union / enum / input, as a definition or an extension (which must
// add something).
Value Parser::TypeDefinition(std::string_view keyword, const std::string& description,
                             bool extension) {
  const std::string kw(keyword);
  ExpectKeyword(kw);
  Value position = PeekPosition();
  const std::string_view kind = KindOf(kw);
  std::string name = Name();
  Value interfaces, fields, types, enum_values;
  if (kw == "type" || (kw == "interface" && !extension)) interfaces = ImplementsInterfaces();
  Value directives = Directives(!(extension && kw == "input"));
  if (kw == "type" || kw == "interface") fields = FieldsDefinition(false);
  if (kw == "input") fields = FieldsDefinition(true);
  if (kw == "union") types = UnionMemberTypes();
  if (kw == "enum") enum_values = EnumValuesDefinition();
  if (extension) {
    auto empty = [](const Value& v) { return v.size() == 0; };
    if (empty(interfaces) && empty(directives) && empty(fields) && empty(types) &&
        empty(enum_values)) {
      Unexpected(Peek());
    }
  }
  return GqlNode({{"Kind", S(kind)},
                  {"Description", S(description)},
                  {"Name", S(name)},
                  {"Directives", directives},
                  {"Interfaces", interfaces},
                  {"Fields", fields},
                  {"Types", types},
                  {"EnumValues", enum_values},
                  {"Position", position},
                  {"BuiltIn", Value::Bool(false)}});
}

Value Parser::ImplementsInterfaces() {
  std::vector<Value> types;
  if (Peek().value == "implements") {
    Next();
    Skip(K::kAmp);  // optional leading ampersand
    types.push_back(S(Name()));
    while (Skip(K::kAmp) && !error_)
      types.push_back(S(Name()));
  }
  return List(std::move(types));
}

Value Parser::FieldsDefinition(bool input) {
  std::vector<Value> defs;
  Some(K::kBraceL, K::kBraceR, [&] { defs.push_back(FieldDefinition(input)); });
  return List(std::move(defs));
}

// An object field (with arguments) or an input field (with a default value).
Value Parser::FieldDefinition(bool input) {
  Value position = PeekPosition();
  std::string description = Description();
  std::string name = Name();
  Value arguments = input ? Value() : ArgumentDefs();
  Expect(K::kColon);
  Value type = TypeReference();
  Value default_value = input && Skip(K::kEquals) ? ValueLiteral(true) : Value();
  return GqlNode({{"Description", S(description)},
                  {"Name", S(name)},
                  {"Arguments", arguments},
                  {"DefaultValue", default_value},
                  {"Type", type},
                  {"Directives", Directives(true)},
                  {"Position", position}});
}

Value Parser::ArgumentDefs() {
  std::vector<Value> args;
  Some(K::kParenL, K::kParenR, [&] {
    Value position = PeekPosition();
    std::string description = Description();
    std::string name = Name();
    Expect(K::kColon);
    Value type = TypeReference();
    Value default_value = Skip(K::kEquals) ? ValueLiteral(true) : Value();
    args.push_back(GqlNode({{"Description", S(description)},
                            {"Name", S(name)},
                            {"DefaultValue", default_value},
                            {"Type", type},
                            {"Directives", Directives(true)},
                            {"Position", position}}));
  });
  return List(std::move(args));
}

Value Parser::UnionMemberTypes() {
  std::vector<Value> types;
  if (Skip(K::kEquals)) {
    Skip(K::kPipe);  // optional leading pipe
    types.push_back(S(Name()));
    while (Skip(K::kPipe) && !error_)
      types.push_back(S(Name()));
  }
  return List(std::move(types));
}

Value Parser::EnumValuesDefinition() {
  std::vector<Value> values;
  Some(K::kBraceL, K::kBraceR, [&] {
    Value position = PeekPosition();
    std::string description = Description();
    std::string name = Name();
    values.push_back(GqlNode({{"Description", S(description)},
                              {"Name", S(name)},
                              {"Directives", Directives(true)},
                              {"Position", position}}));
  });
  return List(std::move(values));
}

Value Parser::DirectiveDefinition(const std::string& description) {
  ExpectKeyword("directive");
  Expect(K::kAt);
  Value position = PeekPosition();
  std::string name = Name();
  Value arguments = ArgumentDefs();
  bool repeatable = false;
  if (const GqlToken& t = Peek(); t.kind == K::kName && t.value == "repeatable") {
    repeatable = true;
    Skip(K::kName);
  }
  ExpectKeyword("on");
  std::vector<Value> locations;
  Skip(K::kPipe);
  locations.push_back(DirectiveLocation());
  while (Skip(K::kPipe) && !error_)
    locations.push_back(DirectiveLocation());
  return GqlNode({{"Description", S(description)},
                  {"Name", S(name)},
                  {"Arguments", arguments},
                  {"Locations", List(std::move(locations))},
                  {"IsRepeatable", Value::Bool(repeatable)},
                  {"Position", position}});
}

Value Parser::DirectiveLocation() {
  const GqlToken name = Expect(K::kName);
  for (std::string_view loc : kDirectiveLocations) {
    if (name.value == loc) return S(loc);
  }
  Unexpected(name);
  return S("");
}

void Parser::TypeSystemExtension(std::vector<Value>& schema_extensions,
                                 std::vector<Value>& extensions) {
  ExpectKeyword("extend");
  const std::string keyword = Peek().value;
  if (keyword == "schema") {
    schema_extensions.push_back(SchemaDefinition("", true));
  } else if (keyword == "scalar" || keyword == "type" || keyword == "interface" ||
             keyword == "union" || keyword == "enum" || keyword == "input") {
    extensions.push_back(TypeDefinition(keyword, "", true));
  } else {
    Unexpected(Peek());
  }
}

}  // namespace tf::rego::builtins::graphql_internal
