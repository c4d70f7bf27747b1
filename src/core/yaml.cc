#include "core/yaml.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace tf {
namespace {

constexpr int kMaxDepth = 512;

Status YamlError(const YAML::Mark& mark, const std::string& what) {
  std::string where =
      mark.is_null() ? ""
                     : std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": ";
  return Status(ErrorCode::kYamlParseError, "invalid YAML: " + where + what);
}

// Where each document starts; nothing else is kept.
class DocumentStarts : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  std::vector<YAML::Mark> starts;
};

bool IsNullScalar(const std::string& s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// A plain (unquoted, untagged) scalar resolved by the YAML 1.2 core schema.
Result<Value> ResolvePlain(const std::string& s, const YAML::Mark& mark) {
  if (IsNullScalar(s)) return Value::Null();
  if (s == "true" || s == "True" || s == "TRUE") return Value::Bool(true);
  if (s == "false" || s == "False" || s == "FALSE") return Value::Bool(false);
  static const std::regex kDecimal("[-+]?[0-9]+");
  static const std::regex kHex("0x[0-9a-fA-F]+");
  static const std::regex kOctal("0o[0-7]+");
  static const std::regex kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (std::regex_match(s, kDecimal)) {
    std::string digits = s[0] == '+' ? s.substr(1) : s;
    // Strip leading zeros ("007" is 7) before exact parsing.
    size_t sign = digits[0] == '-' ? 1 : 0;
    size_t first = digits.find_first_not_of('0', sign);
    digits = first == std::string::npos ? "0" : digits.substr(0, sign) + digits.substr(first);
    Result<Number> n = Number::Parse(digits);
    if (n.ok()) return Value::FromNumber(*n);
  }
  if (std::regex_match(s, kHex) || std::regex_match(s, kOctal)) {
    int base = s[1] == 'x' ? 16 : 8;
    Number n(0);
    for (size_t i = 2; i < s.size(); ++i) {
      int d = s[i] <= '9' ? s[i] - '0' : (s[i] | 0x20) - 'a' + 10;
      n = Number::Add(Number::Mul(n, Number(base)), Number(d));
    }
    return Value::FromNumber(n);
  }
  if (std::regex_match(s, kFloat)) {
    std::string text = s[0] == '+' ? s.substr(1) : s;
    if (text[0] == '.' || (text[0] == '-' && text[1] == '.'))
      text.insert(text[0] == '-' ? 1 : 0, "0");
    if (text.back() == '.') text += "0";
    size_t dot = text.find(".e");
    if (dot == std::string::npos) dot = text.find(".E");
    if (dot != std::string::npos) text.insert(dot + 1, "0");
    Result<Number> n = Number::Parse(text);
    if (n.ok()) return Value::FromNumber(*n);
    return YamlError(mark, "number out of range: " + s);
  }
  static const std::regex kSpecialFloat("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  if (std::regex_match(s, kSpecialFloat)) return YamlError(mark, s + " has no JSON form");
  return Value::String(s);
}

Result<Value> Convert(const YAML::Node& node, int depth) {
  if (depth > kMaxDepth) return YamlError(node.Mark(), "nesting deeper than 512 levels");
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return Value::Null();
    case YAML::NodeType::Scalar: {
      // yaml-cpp tags plain scalars "?" and quoted ones "!"; an explicit !!str forces a string.
      const std::string& tag = node.Tag();
      if (tag == "?" || tag.empty()) return ResolvePlain(node.Scalar(), node.Mark());
      return Value::String(node.Scalar());
    }
    case YAML::NodeType::Sequence: {
      std::vector<Value> items;
      for (const YAML::Node& child : node) {
        TF_ASSIGN_OR_RETURN(Value v, Convert(child, depth + 1));
        items.push_back(std::move(v));
      }
      return Value::Array(std::move(items));
    }
    case YAML::NodeType::Map: {
      std::vector<ObjectEntry> entries;
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) return YamlError(kv.first.Mark(), "mapping keys must be scalars");
        TF_ASSIGN_OR_RETURN(Value v, Convert(kv.second, depth + 1));
        entries.emplace_back(Value::String(kv.first.Scalar()), std::move(v));
      }
      return Value::Object(std::move(entries));
    }
  }
  return Value::Null();
}

}  // namespace

// yaml-cpp 0.7 (Debian 12's) never consumes a `,` outside a flow collection (`, x`, `"a", x`,
// `,}`): LoadAll would return empty documents forever, each starting where the last one did.
// So the documents are counted, two at most, and a second one starting at the first one's
// place is refused.
Result<int> CountYamlDocuments(std::string_view text) {
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  DocumentStarts documents;
  try {
    while (documents.starts.size() < 2 && parser.HandleNextDocument(documents)) {
    }
    const std::vector<YAML::Mark>& starts = documents.starts;
    if (starts.size() == 2 && starts[1].pos == starts[0].pos)
      return YamlError(starts[1], "unexpected token (a ',' outside [ ] or { }?)");
    return static_cast<int>(starts.size());
  } catch (const YAML::Exception& e) {
    return YamlError(e.mark, e.msg);
  }
}

Result<Value> ParseYaml(std::string_view text) {
  Result<int> documents = CountYamlDocuments(text);
  if (!documents.ok()) return documents.status();
  if (*documents == 0) return Value::Null();
  if (*documents > 1)
    return Status(ErrorCode::kYamlParseError, "invalid YAML: more than one document");
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return YamlError(e.mark, e.msg);
  }
  try {
    return Convert(doc, 0);
  } catch (const YAML::Exception& e) {
    return YamlError(e.mark, e.msg);
  }
}

}  // namespace tf
