// GraphQL executable documents, values, types and directives (gqlparser's parser/query.go
// productions and messages). Type system documents are in graphql_schema_parser.cc.
#include "rego/builtins/graphql_parser.h"

namespace tf::rego::builtins {

Value GqlNode(std::initializer_list<std::pair<std::string_view, Value>> fields) {
  std::vector<ObjectEntry> entries;
  entries.reserve(fields.size());
  for (const auto& [name, value] : fields)
    entries.emplace_back(Value::String(name), value);
  return Value::Object(std::move(entries));
}

GqlParsed ParseGqlQuery(std::string_view source) {
  graphql_internal::Parser parser(source);
  Value doc = parser.QueryDocument();
  return GqlParsed{parser.error() ? Value() : std::move(doc), parser.error()};
}

GqlParsed ParseGqlSchema(std::string_view source, bool builtin) {
  graphql_internal::Parser parser(source);
  Value doc = parser.SchemaDocument(builtin);
  return GqlParsed{parser.error() ? Value() : std::move(doc), parser.error()};
}

namespace graphql_internal {
namespace {

Value S(std::string_view s) {
  return Value::String(s);
}
Value List(std::vector<Value> items) {
  return Value::Array(std::move(items));
}

}  // namespace

const GqlToken& Parser::Peek() {
  if (error_) return prev_;
  if (!peeked_) peeked_ = lexer_.Next(&peek_error_);
  return *peeked_;
}

GqlToken Parser::Next() {
  if (error_) return prev_;
  if (peeked_) {
    prev_ = std::move(*peeked_);
    peeked_.reset();
    if (peek_error_) error_ = std::move(peek_error_);
    peek_error_.reset();
  } else {
    std::optional<GqlError> e;
    prev_ = lexer_.Next(&e);
    if (e) error_ = std::move(e);
  }
  return prev_;
}

void Parser::Fail(const GqlToken& at, std::string message) {
  if (!error_) error_ = GqlError{std::move(message), at.line, at.column};
}

bool Parser::Skip(K kind) {
  if (error_ || Peek().kind != kind) return false;
  Next();
  return true;
}

GqlToken Parser::Expect(K kind) {
  const GqlToken tok = Peek();
  if (tok.kind == kind) return Next();
  Fail(tok, "Expected " + std::string(GqlTokenKindName(kind)) + ", found " +
                std::string(GqlTokenKindName(tok.kind)));
  return tok;
}

void Parser::ExpectKeyword(std::string_view keyword) {
  const GqlToken tok = Peek();
  if (tok.kind == K::kName && tok.value == keyword) {
    Next();
    return;
  }
  Fail(tok, "Expected \"" + std::string(keyword) + "\", found " + tok.Describe());
}

Value Parser::PeekPosition() {
  const GqlToken& t = Peek();
  return GqlNode({{"Line", Value::Int(t.line)}, {"Column", Value::Int(t.column)}});
}

std::string Parser::Name() {
  return Expect(K::kName).value;
}

bool Parser::Enter() {
  if (++depth_ <= kMaxDepth) return true;
  Fail(Peek(), "Exceeded the maximum nesting depth of " + std::to_string(kMaxDepth));
  return false;
}

Value Parser::QueryDocument() {
  std::vector<Value> operations, fragments;
  while (Peek().kind != K::kEof) {
    if (error_) break;
    const GqlToken& t = Peek();
    if (t.kind == K::kBraceL ||
        (t.kind == K::kName &&
         (t.value == "query" || t.value == "mutation" || t.value == "subscription"))) {
      operations.push_back(OperationDefinition());
    } else if (t.kind == K::kName && t.value == "fragment") {
      fragments.push_back(FragmentDefinition());
    } else {
      Unexpected(t);
    }
  }
  return GqlNode(
      {{"Operations", List(std::move(operations))}, {"Fragments", List(std::move(fragments))}});
}

Value Parser::OperationDefinition() {
  Value position = PeekPosition();
  if (Peek().kind == K::kBraceL) {
    return GqlNode({{"Operation", S("query")},
                    {"Name", S("")},
                    {"SelectionSet", SelectionSet(true)},
                    {"Position", position}});
  }
  Value operation = OperationType();
  std::string name;
  if (Peek().kind == K::kName) name = Next().value;
  Value variables = VariableDefinitions();
  Value directives = Directives(false);
  return GqlNode({{"Operation", operation},
                  {"Name", S(name)},
                  {"VariableDefinitions", variables},
                  {"Directives", directives},
                  {"SelectionSet", SelectionSet(true)},
                  {"Position", position}});
}

Value Parser::OperationType() {
  const GqlToken tok = Next();
  if (tok.value == "query" || tok.value == "mutation" || tok.value == "subscription")
    return S(tok.value);
  Unexpected(tok);
  return S("");
}

Value Parser::VariableDefinitions() {
  std::vector<Value> defs;
  Many(K::kParenL, K::kParenR, [&] { defs.push_back(VariableDefinition()); });
  return List(std::move(defs));
}

Value Parser::VariableDefinition() {
  Value position = PeekPosition();
  std::string variable = Variable();
  Expect(K::kColon);
  Value type = TypeReference();
  Value default_value = Skip(K::kEquals) ? ValueLiteral(true) : Value();
  return GqlNode({{"Variable", S(variable)},
                  {"Type", type},
                  {"DefaultValue", default_value},
                  {"Directives", Directives(false)},
                  {"Position", position},
                  {"Used", Value::Bool(false)}});
}

std::string Parser::Variable() {
  Expect(K::kDollar);
  return Name();
}

Value Parser::SelectionSet(bool required) {
  if (!Enter()) return Value();
  struct Guard {
    Parser* p;
    ~Guard() { p->Leave(); }
  } guard{this};
  if (required && Peek().kind != K::kBraceL) {
    const GqlToken& t = Peek();
    Fail(t, "Expected {, found " + std::string(GqlTokenKindName(t.kind)));
    return Value();
  }
  std::vector<Value> selections;
  Some(K::kBraceL, K::kBraceR, [&] { selections.push_back(Selection()); });
  return List(std::move(selections));
}

Value Parser::Selection() {
  return Peek().kind == K::kSpread ? Fragment() : Field();
}

Value Parser::Field() {
  Value position = PeekPosition();
  std::string alias = Name();
  std::string name = Skip(K::kColon) ? Name() : alias;
  Value arguments = Arguments(false);
  Value directives = Directives(false);
  Value selections = Peek().kind == K::kBraceL ? SelectionSet(false) : Value();
  return GqlNode({{"Alias", S(alias)},
                  {"Name", S(name)},
                  {"Arguments", arguments},
                  {"Directives", directives},
                  {"SelectionSet", selections},
                  {"Position", position}});
}

// A fragment spread (`...Name`) or an inline fragment (`... on Type { }` / `... { }`).
Value Parser::Fragment() {
  Expect(K::kSpread);
  if (const GqlToken& t = Peek(); t.kind == K::kName && t.value != "on") {
    Value position = PeekPosition();
    std::string name = FragmentName();
    return GqlNode({{"Name", S(name)}, {"Directives", Directives(false)}, {"Position", position}});
  }
  Value position = PeekPosition();
  std::string type_condition;
  if (Peek().value == "on") {
    Next();
    type_condition = Name();
  }
  Value directives = Directives(false);
  return GqlNode({{"TypeCondition", S(type_condition)},
                  {"Directives", directives},
                  {"SelectionSet", SelectionSet(true)},
                  {"Position", position}});
}

Value Parser::FragmentDefinition() {
  Value position = PeekPosition();
  ExpectKeyword("fragment");
  std::string name = FragmentName();
  Value variables = VariableDefinitions();
  ExpectKeyword("on");
  std::string type_condition = Name();
  Value directives = Directives(false);
  return GqlNode({{"Name", S(name)},
                  {"VariableDefinition", variables},
                  {"TypeCondition", S(type_condition)},
                  {"Directives", directives},
                  {"SelectionSet", SelectionSet(true)},
                  {"Position", position}});
}

std::string Parser::FragmentName() {
  if (Peek().value == "on") {
    Unexpected(Peek());
    return "";
  }
  return Name();
}

Value Parser::Arguments(bool is_const) {
  std::vector<Value> args;
  Many(K::kParenL, K::kParenR, [&] {
    Value position = PeekPosition();
    std::string name = Name();
    Expect(K::kColon);
    args.push_back(
        GqlNode({{"Name", S(name)}, {"Value", ValueLiteral(is_const)}, {"Position", position}}));
  });
  return List(std::move(args));
}

// Value literals (spec §2.9); Kind follows gqlparser's ValueKind numbering.
Value Parser::ValueLiteral(bool is_const) {
  enum : int64_t {
    kVariable,
    kInt,
    kFloat,
    kString,
    kBlock,
    kBoolean,
    kNull,
    kEnum,
    kList,
    kObject
  };
  const GqlToken token = Peek();
  Value position = PeekPosition();
  int64_t kind = kEnum;
  switch (token.kind) {
    case K::kBracketL:
      return ListOrObject(is_const, true);
    case K::kBraceL:
      return ListOrObject(is_const, false);
    case K::kDollar:
      if (is_const) {
        Unexpected(token);
        return Value();
      }
      return GqlNode({{"Raw", S(Variable())},
                      {"Kind", Value::Int(kVariable)},
                      {"ExpectedTypeHasDefault", Value::Bool(false)},
                      {"Position", position}});
    case K::kInt:
      kind = kInt;
      break;
    case K::kFloat:
      kind = kFloat;
      break;
    case K::kString:
      kind = kString;
      break;
    case K::kBlockString:
      kind = kBlock;
      break;
    case K::kName:
      kind = token.value == "true" || token.value == "false" ? kBoolean
             : token.value == "null"                         ? kNull
                                                             : kEnum;
      break;
    default:
      Unexpected(token);
      return Value();
  }
  Next();
  return GqlNode({{"Raw", S(token.value)},
                  {"Kind", Value::Int(kind)},
                  {"ExpectedTypeHasDefault", Value::Bool(false)},
                  {"Position", position}});
}

Value Parser::ListOrObject(bool is_const, bool is_list) {
  if (!Enter()) return Value();
  struct Guard {
    Parser* p;
    ~Guard() { p->Leave(); }
  } guard{this};
  Value position = PeekPosition();
  std::vector<Value> children;
  Many(is_list ? K::kBracketL : K::kBraceL, is_list ? K::kBracketR : K::kBraceR, [&] {
    if (is_list) {
      children.push_back(GqlNode({{"Name", S("")}, {"Value", ValueLiteral(is_const)}}));
      return;
    }
    Value field_position = PeekPosition();
    std::string name = Name();
    Expect(K::kColon);
    children.push_back(GqlNode(
        {{"Name", S(name)}, {"Value", ValueLiteral(is_const)}, {"Position", field_position}}));
  });
  return GqlNode({{"Raw", S("")},
                  {"Children", List(std::move(children))},
                  {"Kind", Value::Int(is_list ? 8 : 9)},
                  {"ExpectedTypeHasDefault", Value::Bool(false)},
                  {"Position", position}});
}

Value Parser::Directives(bool is_const) {
  std::vector<Value> directives;
  while (Peek().kind == K::kAt && !error_) {
    Expect(K::kAt);
    Value position = PeekPosition();
    std::string name = Name();
    directives.push_back(GqlNode({{"Name", S(name)},
                                  {"Arguments", Arguments(is_const)},
                                  {"Location", S("")},
                                  {"Position", position}}));
  }
  return List(std::move(directives));
}

// Named, list ([T]) and non-null (T!) types (spec §2.11).
Value Parser::TypeReference() {
  if (!Enter()) return Value();
  struct Guard {
    Parser* p;
    ~Guard() { p->Leave(); }
  } guard{this};
  Value position;
  Value elem;
  std::string named;
  if (Skip(K::kBracketL)) {
    position = PeekPosition();
    elem = TypeReference();
    Expect(K::kBracketR);
  } else {
    position = PeekPosition();
    named = Name();
  }
  bool non_null = false;
  if (Skip(K::kBang)) {
    position = PeekPosition();
    non_null = true;
  }
  return GqlNode({{"NamedType", S(named)},
                  {"Elem", elem},
                  {"NonNull", Value::Bool(non_null)},
                  {"Position", position}});
}

}  // namespace graphql_internal
}  // namespace tf::rego::builtins
