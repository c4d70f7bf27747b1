// The yaml namespace: yaml.unmarshal, yaml.is_valid (parsed by yaml-cpp, resolved as Go's
// sigs.k8s.io/yaml resolves YAML 1.1: yes/no/on/off are booleans, 0755 is octal, "<<" merges)
// and yaml.marshal (yaml_emit.cc). yaml-cpp throws; every call into it is wrapped here.
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"
#include "rego/builtins/yaml_emit.h"

namespace tf::rego::builtins {
namespace {

constexpr int kMaxDepth = 512;
// Aliases can make a small document expand exponentially; go-yaml refuses such documents too.
constexpr int64_t kMaxNodes = 1'000'000;
constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";

struct Converter {
  int64_t nodes = 0;
  Result<Value> Convert(const YAML::Node& node, int depth);
  Result<Value> ConvertMap(const YAML::Node& node, int depth);
  Status Merge(const YAML::Node& source, std::vector<ObjectEntry>& into, int depth);
};

bool OneOf(std::string_view s, std::initializer_list<std::string_view> options) {
  for (std::string_view o : options) {
    if (s == o) return true;
  }
  return false;
}

// An integer as strconv.ParseInt(s, 0, 64) reads it after removing '_', or as ParseUint.
std::optional<Value> ResolveInteger(std::string s) {
  std::erase(s, '_');
  bool negative = !s.empty() && s[0] == '-';
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  int base = 10;
  const char marker = s.size() > i + 1 && s[i] == '0' ? static_cast<char>(s[i + 1] | 0x20) : '\0';
  if (marker == 'x' || marker == 'o' || marker == 'b') {
    base = marker == 'x' ? 16 : marker == 'o' ? 8 : 2;
    i += 2;
  } else if (marker != '\0') {
    base = 8;  // a leading zero means octal, as strconv.ParseInt with base 0
    i += 1;
  }
  uint64_t magnitude = 0;
  const char* begin = s.data() + i;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(begin, end, magnitude, base);
  if (begin == end || ec != std::errc() || ptr != end) return std::nullopt;
  if (!negative) return Value::FromNumber(Number::FromUint64(magnitude));
  if (magnitude > uint64_t{1} << 63) return std::nullopt;
  return Value::FromNumber(-Number::FromUint64(magnitude));
}

bool LooksLikeFloat(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
    ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
      ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
      ++i;
    if (i == exp_start) return false;
  }
  return i == s.size();
}

// A plain scalar, by go-yaml v2's resolution rules; floats pass through float64 as there.
Result<Value> ResolvePlain(const std::string& s) {
  if (OneOf(s, {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})) {
    return Value::Bool(true);
  }
  if (OneOf(s, {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})) {
    return Value::Bool(false);
  }
  if (OneOf(s, {"", "~", "null", "Null", "NULL"})) return Value::Null();
  if (OneOf(s, {".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
                "-.Inf", "-.INF"})) {
    return BuiltinError("json: unsupported value: " + s);
  }
  if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '+' || s[0] == '-' ||
                     s[0] == '.')) {
    return Value::String(s);
  }
  if (std::optional<Value> i = ResolveInteger(s)) return *i;
  if (LooksLikeFloat(s)) {
    double d = std::strtod(s.c_str(), nullptr);
    if (!std::isfinite(d)) return BuiltinError("json: unsupported value: " + s);
    return Value::FromNumber(Number::FromDouble(d));
  }
  return Value::String(s);
}

// JSON object keys are strings: scalar keys become their text ("1", "true", "null").
Result<Value> KeyText(const Value& key) {
  if (key.is_string()) return key;
  if (key.is_collection()) return BuiltinError("unsupported map key: " + RegoText(key));
  return Value::String(RegoText(key));
}

Result<Value> Converter::Convert(const YAML::Node& node, int depth) {
  if (++nodes > kMaxNodes) return BuiltinError("yaml: document contains excessive aliasing");
  if (depth > kMaxDepth) return BuiltinError("yaml: exceeded max depth of 512");
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return Value::Null();
    case YAML::NodeType::Scalar:
      if (node.Tag() == "?") return ResolvePlain(node.Scalar());
      if (node.Tag() == "!" || node.Tag() == kStrTag) return Value::String(node.Scalar());
      return ResolvePlain(node.Scalar());
    case YAML::NodeType::Sequence: {
      std::vector<Value> items;
      for (const YAML::Node& child : node) {
        TF_ASSIGN_OR_RETURN(Value v, Convert(child, depth + 1));
        items.push_back(std::move(v));
      }
      return Value::Array(std::move(items));
    }
    case YAML::NodeType::Map:
      return ConvertMap(node, depth);
  }
  return Value::Null();
}

void Upsert(std::vector<ObjectEntry>& entries, Value key, Value value) {
  for (ObjectEntry& e : entries) {
    if (e.first == key) {
      e.second = std::move(value);
      return;
    }
  }
  entries.emplace_back(std::move(key), std::move(value));
}

// "<<: map" or "<<: [maps]" copies entries in; earlier maps of a list take precedence.
Status Converter::Merge(const YAML::Node& source, std::vector<ObjectEntry>& into, int depth) {
  std::vector<YAML::Node> maps;
  if (source.IsMap()) maps.push_back(source);
  if (source.IsSequence()) {
    for (const YAML::Node& m : source)
      maps.insert(maps.begin(), m);
  }
  if (maps.empty())
    return BuiltinError("yaml: map merge requires map or sequence of maps as the value");
  for (const YAML::Node& m : maps) {
    if (!m.IsMap())
      return BuiltinError("yaml: map merge requires map or sequence of maps as the value");
    TF_ASSIGN_OR_RETURN(Value merged, ConvertMap(m, depth + 1));
    for (const ObjectEntry& e : merged.object())
      Upsert(into, e.first, e.second);
  }
  return Status();
}

Result<Value> Converter::ConvertMap(const YAML::Node& node, int depth) {
  std::vector<ObjectEntry> entries;
  for (const auto& pair : node) {
    if (pair.first.IsScalar() && pair.first.Tag() == "?" && pair.first.Scalar() == "<<") {
      TF_RETURN_IF_ERROR(Merge(pair.second, entries, depth));
      continue;
    }
    TF_ASSIGN_OR_RETURN(Value key, Convert(pair.first, depth + 1));
    TF_ASSIGN_OR_RETURN(Value text, KeyText(key));
    TF_ASSIGN_OR_RETURN(Value value, Convert(pair.second, depth + 1));
    Upsert(entries, std::move(text), std::move(value));
  }
  return Value::Object(std::move(entries));
}

// go-yaml's wording for the errors both parsers report, with its 1-based line.
Status ParseError(const YAML::Exception& e) {
  std::string msg = e.msg;
  if (msg == YAML::ErrorMsg::END_OF_SEQ_FLOW) msg = "did not find expected ',' or ']'";
  if (msg == YAML::ErrorMsg::END_OF_MAP_FLOW) msg = "did not find expected ',' or '}'";
  if (e.mark.is_null()) return BuiltinError("yaml: " + msg);
  return BuiltinError("yaml: line " + std::to_string(e.mark.line + 1) + ": " + msg);
}

Result<Value> ParseYamlDocument(const std::string& text) {
  try {
    YAML::Node root = YAML::Load(text);
    Converter converter;
    return converter.Convert(root, 0);
  } catch (const YAML::Exception& e) {
    return ParseError(e);
  } catch (const std::exception& e) {
    return BuiltinError(std::string("yaml: ") + e.what());
  }
}

Result<Value> Unmarshal(BuiltinContext&, std::span<const Value> a) {
  return ParseYamlDocument(a[0].string());
}

// Valid YAML, whether or not JSON can hold it (".inf" is valid).
Result<Value> IsValid(BuiltinContext&, std::span<const Value> a) {
  if (!a[0].is_string()) return Value::Bool(false);
  try {
    YAML::Load(a[0].string());
    return Value::Bool(true);
  } catch (const std::exception&) {
    return Value::Bool(false);
  }
}

Result<Value> Marshal(BuiltinContext&, std::span<const Value> a) {
  return Value::String(EmitYaml(a[0]));
}

}  // namespace

std::vector<BuiltinDecl> YamlBuiltins() {
  return {
      {.name = "yaml.marshal", .params = {{kAnyKind, "x"}}, .result = kString, .fn = Marshal},
      {.name = "yaml.unmarshal", .params = {{kString, "x"}}, .result = kAnyKind, .fn = Unmarshal},
      {.name = "yaml.is_valid", .params = {{kAnyKind, "x"}}, .result = kBoolean, .fn = IsValid},
  };
}

}  // namespace tf::rego::builtins
