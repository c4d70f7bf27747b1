#include "core/json_schema.h"

#include <re2/re2.h>

#include <map>

#include "core/json.h"
#include "core/utf8.h"

namespace tf {
namespace {

constexpr int kMaxRefDepth = 128;
constexpr const char* kTypeNames[] = {"array",  "boolean", "integer", "null",
                                      "number", "object",  "string"};

bool IsTypeName(std::string_view t) {
  for (const char* n : kTypeNames) {
    if (t == n) return true;
  }
  return false;
}

std::string JsonText(const Value& v) {
  return ToJson(v);
}

std::string TypeOf(const Value& v) {
  if (v.is_number()) return v.number().IsInteger() ? "integer" : "number";
  if (v.is_bool()) return "boolean";
  if (v.is_set()) return "array";
  return std::string(v.TypeName());
}

bool HasType(const Value& v, std::string_view type) {
  if (type == "integer") return v.is_number() && v.number().IsInteger();
  if (type == "number") return v.is_number();
  if (type == "boolean") return v.is_bool();
  if (type == "array") return v.is_array() || v.is_set();
  return v.TypeName() == type;
}

std::span<const Value> Items(const Value& v) {
  return v.is_array() ? v.array() : v.set();
}

std::string Child(const std::string& path, const std::string& key) {
  return path == "(root)" ? key : path + "." + key;
}

}  // namespace

struct JsonSchema::Impl {
  Value root;
  std::map<std::string, std::unique_ptr<RE2>> patterns;

  Status Check(const Value& s, const std::string& where);
  const Value* Resolve(const std::string& ref) const;
  void Validate(const Value& s, const Value& v, const std::string& path, int depth,
                std::vector<SchemaViolation>& out) const;
  void ValidateNumber(const Value& s, const Value& v, const std::string& path,
                      std::vector<SchemaViolation>& out) const;
  void ValidateString(const Value& s, const Value& v, const std::string& path,
                      std::vector<SchemaViolation>& out) const;
  void ValidateArray(const Value& s, const Value& v, const std::string& path, int depth,
                     std::vector<SchemaViolation>& out) const;
  void ValidateObject(const Value& s, const Value& v, const std::string& path, int depth,
                      std::vector<SchemaViolation>& out) const;
  bool Matches(const Value& s, const Value& v, int depth) const {
    std::vector<SchemaViolation> scratch;
    Validate(s, v, "(root)", depth, scratch);
    return scratch.empty();
  }
};

// JSON pointer within the root schema: "#", "#/definitions/a", "#/properties/x/items".
const Value* JsonSchema::Impl::Resolve(const std::string& ref) const {
  if (ref.empty() || ref[0] != '#') return nullptr;
  const Value* cur = &root;
  size_t pos = 1;
  while (pos < ref.size()) {
    if (ref[pos] != '/') return nullptr;
    size_t next = ref.find('/', pos + 1);
    std::string token =
        ref.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
    for (size_t i; (i = token.find("~1")) != std::string::npos;)
      token.replace(i, 2, "/");
    for (size_t i; (i = token.find("~0")) != std::string::npos;)
      token.replace(i, 2, "~");
    if (cur->is_array()) {
      char* end = nullptr;
      long index = std::strtol(token.c_str(), &end, 10);
      cur = (*end == '\0' && index >= 0) ? cur->Find(Value::Int(index)) : nullptr;
    } else {
      cur = cur->Find(std::string_view(token));
    }
    if (cur == nullptr) return nullptr;
    pos = next == std::string::npos ? ref.size() : next;
  }
  return cur;
}

Status JsonSchema::Impl::Check(const Value& s, const std::string& where) {
  if (s.is_bool()) return Status();
  if (!s.is_object())
    return InvalidArgument("schema at " + where + " must be an object or a boolean");
  if (const Value* t = s.Find("type")) {
    std::vector<Value> types = t->is_array()
                                   ? std::vector<Value>(t->array().begin(), t->array().end())
                                   : std::vector<Value>{*t};
    for (const Value& one : types) {
      if (!one.is_string() || !IsTypeName(one.string())) {
        // The wording of gojsonschema, which OPA's json.verify_schema reports.
        return InvalidArgument(
            "has a primitive type that is NOT VALID -- given: /" +
            (one.is_string() ? one.string() : JsonText(one)) +
            "/ Expected valid values are:[array boolean integer number null object string]");
      }
    }
  }
  if (const Value* p = s.Find("pattern")) {
    if (!p->is_string()) return InvalidArgument("pattern at " + where + " must be a string");
    auto re = std::make_unique<RE2>(p->string(), RE2::Quiet);
    if (!re->ok()) return InvalidArgument("invalid pattern at " + where + ": " + re->error());
    patterns.emplace(p->string(), std::move(re));
  }
  if (const Value* r = s.Find("$ref")) {
    if (!r->is_string() || Resolve(r->string()) == nullptr) {
      return InvalidArgument("unresolvable $ref at " + where + ": " + JsonText(*r));
    }
  }
  for (const char* k : {"minimum", "maximum", "multipleOf", "minLength", "maxLength", "minItems",
                        "maxItems", "minProperties", "maxProperties"}) {
    const Value* n = s.Find(k);
    if (n != nullptr && !n->is_number())
      return InvalidArgument(std::string(k) + " at " + where + " must be a number");
  }
  if (const Value* req = s.Find("required")) {
    if (!req->is_array()) return InvalidArgument("required at " + where + " must be an array");
  }
  for (const char* k : {"properties", "patternProperties", "definitions", "dependencies"}) {
    if (const Value* m = s.Find(k)) {
      if (!m->is_object())
        return InvalidArgument(std::string(k) + " at " + where + " must be an object");
      for (const auto& [name, sub] : m->object()) {
        if (std::string(k) == "dependencies" && sub.is_array()) continue;
        if (std::string(k) == "patternProperties") {
          auto re = std::make_unique<RE2>(name.string(), RE2::Quiet);
          if (!re->ok()) return InvalidArgument("invalid pattern property " + name.string());
          patterns.emplace(name.string(), std::move(re));
        }
        TF_RETURN_IF_ERROR(Check(sub, where + "/" + k + "/" + name.string()));
      }
    }
  }
  for (const char* k : {"additionalProperties", "additionalItems", "not", "contains",
                        "propertyNames", "if", "then", "else"}) {
    if (const Value* sub = s.Find(k)) TF_RETURN_IF_ERROR(Check(*sub, where + "/" + k));
  }
  for (const char* k : {"allOf", "anyOf", "oneOf"}) {
    if (const Value* list = s.Find(k)) {
      if (!list->is_array() || list->size() == 0)
        return InvalidArgument(std::string(k) + " at " + where + " must be a non-empty array");
      for (const Value& sub : list->array())
        TF_RETURN_IF_ERROR(Check(sub, where + "/" + k));
    }
  }
  if (const Value* items = s.Find("items")) {
    if (items->is_array()) {
      for (const Value& sub : items->array())
        TF_RETURN_IF_ERROR(Check(sub, where + "/items"));
    } else {
      TF_RETURN_IF_ERROR(Check(*items, where + "/items"));
    }
  }
  return Status();
}

void JsonSchema::Impl::ValidateNumber(const Value& s, const Value& v, const std::string& path,
                                      std::vector<SchemaViolation>& out) const {
  Number n = v.number();
  auto bound = [&](const char* key, const char* exclusive_key, bool is_min) {
    const Value* b = s.Find(key);
    const Value* ex = s.Find(exclusive_key);
    bool draft4_exclusive = ex != nullptr && ex->is_bool() && ex->bool_value();
    if (b != nullptr) {
      int c = n.Compare(b->number());
      bool bad = is_min ? (draft4_exclusive ? c <= 0 : c < 0) : (draft4_exclusive ? c >= 0 : c > 0);
      if (bad) {
        out.push_back({path, key,
                       std::string("Must be ") + (is_min ? "greater than " : "less than ") +
                           (draft4_exclusive ? "" : "or equal to ") + b->number().ToString()});
      }
    }
    if (ex != nullptr && ex->is_number()) {  // draft-06+: exclusive bound is a number
      int c = n.Compare(ex->number());
      if (is_min ? c <= 0 : c >= 0) {
        out.push_back({path, exclusive_key,
                       std::string("Must be ") + (is_min ? "greater than " : "less than ") +
                           ex->number().ToString()});
      }
    }
  };
  bound("minimum", "exclusiveMinimum", true);
  bound("maximum", "exclusiveMaximum", false);
  if (const Value* m = s.Find("multipleOf"); m != nullptr && m->number().Sign() > 0) {
    Result<Number> q = Number::Div(n, m->number());
    if (!q.ok() || !q->IsInteger())
      out.push_back({path, "multipleOf", "Must be a multiple of " + m->number().ToString()});
  }
}

void JsonSchema::Impl::ValidateString(const Value& s, const Value& v, const std::string& path,
                                      std::vector<SchemaViolation>& out) const {
  size_t len = CountCodePoints(v.string());
  if (const Value* m = s.Find("minLength");
      m != nullptr && Number(static_cast<int64_t>(len)) < m->number()) {
    out.push_back({path, "minLength",
                   "String length must be greater than or equal to " + m->number().ToString()});
  }
  if (const Value* m = s.Find("maxLength");
      m != nullptr && m->number() < Number(static_cast<int64_t>(len))) {
    out.push_back({path, "maxLength",
                   "String length must be less than or equal to " + m->number().ToString()});
  }
  if (const Value* p = s.Find("pattern")) {
    auto it = patterns.find(p->string());
    if (it != patterns.end() && !RE2::PartialMatch(v.string(), *it->second)) {
      out.push_back({path, "pattern", "Does not match pattern '" + p->string() + "'"});
    }
  }
}

void JsonSchema::Impl::ValidateArray(const Value& s, const Value& v, const std::string& path,
                                     int depth, std::vector<SchemaViolation>& out) const {
  std::span<const Value> items = Items(v);
  auto count = static_cast<int64_t>(items.size());
  if (const Value* m = s.Find("minItems"); m != nullptr && Number(count) < m->number()) {
    out.push_back(
        {path, "minItems", "Array must have at least " + m->number().ToString() + " items"});
  }
  if (const Value* m = s.Find("maxItems"); m != nullptr && m->number() < Number(count)) {
    out.push_back(
        {path, "maxItems", "Array must have at most " + m->number().ToString() + " items"});
  }
  if (const Value* u = s.Find("uniqueItems"); u != nullptr && u->is_bool() && u->bool_value()) {
    for (size_t i = 0; i < items.size(); ++i) {
      for (size_t j = i + 1; j < items.size(); ++j) {
        if (items[i] == items[j]) {
          out.push_back(
              {path, "uniqueItems",
               "array items[" + std::to_string(i) + "," + std::to_string(j) + "] must be unique"});
        }
      }
    }
  }
  if (const Value* it = s.Find("items")) {
    if (it->is_array()) {
      for (size_t i = 0; i < items.size(); ++i) {
        std::string p = Child(path, std::to_string(i));
        if (i < it->size()) {
          Validate(it->array()[i], items[i], p, depth, out);
        } else if (const Value* extra = s.Find("additionalItems")) {
          Validate(*extra, items[i], p, depth, out);
        }
      }
    } else {
      for (size_t i = 0; i < items.size(); ++i)
        Validate(*it, items[i], Child(path, std::to_string(i)), depth, out);
    }
  }
  if (const Value* c = s.Find("contains")) {
    bool any = false;
    for (const Value& e : items)
      any = any || Matches(*c, e, depth);
    if (!any) out.push_back({path, "contains", "At least one of the items must match"});
  }
}

void JsonSchema::Impl::ValidateObject(const Value& s, const Value& v, const std::string& path,
                                      int depth, std::vector<SchemaViolation>& out) const {
  auto count = static_cast<int64_t>(v.size());
  if (const Value* m = s.Find("minProperties"); m != nullptr && Number(count) < m->number()) {
    out.push_back(
        {path, "minProperties", "Must have at least " + m->number().ToString() + " properties"});
  }
  if (const Value* m = s.Find("maxProperties"); m != nullptr && m->number() < Number(count)) {
    out.push_back(
        {path, "maxProperties", "Must have at most " + m->number().ToString() + " properties"});
  }
  if (const Value* req = s.Find("required")) {
    for (const Value& name : req->array()) {
      if (name.is_string() && v.Find(std::string_view(name.string())) == nullptr) {
        out.push_back({Child(path, name.string()), "required", name.string() + " is required"});
      }
    }
  }
  const Value* props = s.Find("properties");
  const Value* pattern_props = s.Find("patternProperties");
  const Value* additional = s.Find("additionalProperties");
  for (const auto& [k, value] : v.object()) {
    std::string key = k.is_string() ? k.string() : JsonText(k);
    std::string p = Child(path, key);
    bool matched = false;
    if (props != nullptr) {
      if (const Value* sub = props->Find(std::string_view(key))) {
        matched = true;
        Validate(*sub, value, p, depth, out);
      }
    }
    if (pattern_props != nullptr) {
      for (const auto& [pat, sub] : pattern_props->object()) {
        auto re = patterns.find(pat.string());
        if (re != patterns.end() && RE2::PartialMatch(key, *re->second)) {
          matched = true;
          Validate(sub, value, p, depth, out);
        }
      }
    }
    if (!matched && additional != nullptr) {
      if (additional->is_bool() && !additional->bool_value()) {
        out.push_back(
            {p, "additionalProperties", "Additional property " + key + " is not allowed"});
      } else {
        Validate(*additional, value, p, depth, out);
      }
    }
    if (const Value* names = s.Find("propertyNames"))
      Validate(*names, Value::String(key), p, depth, out);
  }
  if (const Value* deps = s.Find("dependencies")) {
    for (const auto& [name, dep] : deps->object()) {
      if (v.Find(std::string_view(name.string())) == nullptr) continue;
      if (dep.is_array()) {
        for (const Value& needed : dep.array()) {
          if (needed.is_string() && v.Find(std::string_view(needed.string())) == nullptr) {
            out.push_back({Child(path, needed.string()), "dependencies",
                           needed.string() + " is required by " + name.string()});
          }
        }
      } else {
        Validate(dep, v, path, depth, out);
      }
    }
  }
}

void JsonSchema::Impl::Validate(const Value& s, const Value& v, const std::string& path, int depth,
                                std::vector<SchemaViolation>& out) const {
  if (s.is_bool()) {
    if (!s.bool_value()) out.push_back({path, "false", "No value is allowed here"});
    return;
  }
  if (!s.is_object()) return;
  if (const Value* ref = s.Find("$ref")) {
    // A $ref replaces its sibling keywords (draft-07).
    if (depth >= kMaxRefDepth) {
      out.push_back({path, "$ref", "schema references nest too deeply"});
      return;
    }
    if (const Value* target = Resolve(ref->string())) Validate(*target, v, path, depth + 1, out);
    return;
  }
  if (const Value* t = s.Find("type")) {
    bool ok = false;
    std::string expected;
    for (const Value& one : t->is_array() ? t->array() : std::span<const Value>(t, 1)) {
      ok = ok || HasType(v, one.string());
      expected += (expected.empty() ? "" : "/") + one.string();
    }
    if (!ok)
      out.push_back(
          {path, "type", "Invalid type. Expected: " + expected + ", given: " + TypeOf(v)});
  }
  if (const Value* e = s.Find("enum")) {
    bool found = false;
    for (const Value& c : e->is_array() ? e->array() : std::span<const Value>())
      found = found || c == v;
    if (!found)
      out.push_back({path, "enum", path + " must be one of the following: " + JsonText(*e)});
  }
  if (const Value* c = s.Find("const"); c != nullptr && !(*c == v)) {
    out.push_back({path, "const", path + " does not match: " + JsonText(*c)});
  }
  if (v.is_number()) ValidateNumber(s, v, path, out);
  if (v.is_string()) ValidateString(s, v, path, out);
  if (v.is_array() || v.is_set()) ValidateArray(s, v, path, depth, out);
  if (v.is_object()) ValidateObject(s, v, path, depth, out);
  if (const Value* all = s.Find("allOf")) {
    for (const Value& sub : all->array())
      Validate(sub, v, path, depth, out);
  }
  if (const Value* any = s.Find("anyOf")) {
    bool ok = false;
    for (const Value& sub : any->array())
      ok = ok || Matches(sub, v, depth);
    if (!ok) out.push_back({path, "anyOf", "Must validate at least one schema (anyOf)"});
  }
  if (const Value* one = s.Find("oneOf")) {
    int matches = 0;
    for (const Value& sub : one->array())
      matches += Matches(sub, v, depth) ? 1 : 0;
    if (matches != 1)
      out.push_back({path, "oneOf", "Must validate one and only one schema (oneOf)"});
  }
  if (const Value* n = s.Find("not"); n != nullptr && Matches(*n, v, depth)) {
    out.push_back({path, "not", "Must not validate the schema (not)"});
  }
  if (const Value* cond = s.Find("if")) {
    const Value* branch = Matches(*cond, v, depth) ? s.Find("then") : s.Find("else");
    if (branch != nullptr) Validate(*branch, v, path, depth, out);
  }
}

JsonSchema::JsonSchema(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JsonSchema::JsonSchema(JsonSchema&&) noexcept = default;
JsonSchema& JsonSchema::operator=(JsonSchema&&) noexcept = default;
JsonSchema::~JsonSchema() = default;

Result<JsonSchema> JsonSchema::Compile(const Value& schema) {
  auto impl = std::make_unique<Impl>();
  impl->root = schema;
  TF_RETURN_IF_ERROR(impl->Check(schema, "#"));
  return JsonSchema(std::move(impl));
}

std::vector<SchemaViolation> JsonSchema::Validate(const Value& document) const {
  std::vector<SchemaViolation> out;
  impl_->Validate(impl_->root, document, "(root)", 0, out);
  return out;
}

}  // namespace tf
