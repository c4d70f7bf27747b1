// Executes a parsed Go text/template over a Rego value with Go's semantics for the types
// encoding/json produces: map[string]any (objects), []any (arrays and sets), json.Number (a
// string kind: truthy when non-empty, compared as text), string, bool and nil; literals and
// range indexes are Go ints and float64s.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>

#include "rego/builtins/go_format.h"
#include "rego/builtins/go_template.h"
#include "rego/builtins/go_template_internal.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

using go_template::Command;
using go_template::Node;
using go_template::NodeList;
using go_template::Operand;
using go_template::Pipeline;

// Rendering stops past this many bytes: nested ranges over data can grow without bound.
constexpr size_t kMaxOutputBytes = size_t{16} << 20;

struct GoValue {
  enum class Kind { kInvalid, kData, kInt, kFloat };
  Kind kind = Kind::kInvalid;
  Value data;
  int64_t int_value = 0;
  double float_value = 0;

  static GoValue Data(Value v) { return {Kind::kData, std::move(v)}; }
  static GoValue Int(int64_t i) { return {Kind::kInt, Value(), i}; }
  static GoValue Float(double f) { return {Kind::kFloat, Value(), 0, f}; }
  static GoValue String(std::string s) { return Data(Value::String(std::move(s))); }

  // A JSON null is a nil interface: as good as no value at all.
  bool IsNil() const { return kind == Kind::kInvalid || (kind == Kind::kData && data.is_null()); }
  bool IsStringKind() const {
    return kind == Kind::kData && (data.is_string() || data.is_number());
  }
};

// Go's reflect type name of a value, for error messages.
std::string GoTypeName(const GoValue& v) {
  switch (v.kind) {
    case GoValue::Kind::kInvalid:
      return "<nil>";
    case GoValue::Kind::kInt:
      return "int";
    case GoValue::Kind::kFloat:
      return "float64";
    case GoValue::Kind::kData:
      break;
  }
  switch (v.data.kind()) {
    case ValueKind::kNull:
      return "<nil>";
    case ValueKind::kBool:
      return "bool";
    case ValueKind::kNumber:
      return "json.Number";
    case ValueKind::kString:
      return "string";
    case ValueKind::kObject:
      return "map[string]interface {}";
    default:
      return "[]interface {}";
  }
}

std::string FloatText(double f) {
  GoArg arg = GoArg::Float(f);
  return GoFormat("%v", std::span<const GoArg>(&arg, 1));
}

// fmt's %v of a value inside a collection (nil prints "<nil>").
void AppendFormatted(std::string& out, const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull:
      out += "<nil>";
      return;
    case ValueKind::kBool:
      out += v.bool_value() ? "true" : "false";
      return;
    case ValueKind::kNumber:
      out += NumberText(v.number());
      return;
    case ValueKind::kString:
      out += v.string();
      return;
    case ValueKind::kObject: {
      out += "map[";
      bool first = true;
      for (const auto& [k, val] : v.object()) {
        if (!first) out += ' ';
        first = false;
        AppendFormatted(out, k);
        out += ':';
        AppendFormatted(out, val);
      }
      out += ']';
      return;
    }
    default: {
      out += '[';
      std::span<const Value> items = v.is_set() ? v.set() : v.array();
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ' ';
        AppendFormatted(out, items[i]);
      }
      out += ']';
    }
  }
}

std::string Formatted(const GoValue& v) {
  switch (v.kind) {
    case GoValue::Kind::kInvalid:
      return "<no value>";
    case GoValue::Kind::kInt:
      return std::to_string(v.int_value);
    case GoValue::Kind::kFloat:
      return FloatText(v.float_value);
    case GoValue::Kind::kData:
      break;
  }
  std::string out;
  AppendFormatted(out, v.data);
  return out;
}

// fmt.Sprint: a space between operands when neither is a string.
std::string Sprint(const std::vector<GoValue>& args) {
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0 && !args[i].IsStringKind() && !args[i - 1].IsStringKind()) out += ' ';
    out += Formatted(args[i]);
  }
  return out;
}

bool Truth(const GoValue& v) {
  switch (v.kind) {
    case GoValue::Kind::kInvalid:
      return false;
    case GoValue::Kind::kInt:
      return v.int_value != 0;
    case GoValue::Kind::kFloat:
      return v.float_value != 0;
    case GoValue::Kind::kData:
      break;
  }
  switch (v.data.kind()) {
    case ValueKind::kNull:
      return false;
    case ValueKind::kBool:
      return v.data.bool_value();
    case ValueKind::kNumber:
      return true;  // a json.Number is a non-empty string
    case ValueKind::kString:
      return !v.data.string().empty();
    default:
      return v.data.size() > 0;
  }
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '"':
        out += "&#34;";
        break;
      case '\0':
        out += "\xEF\xBF\xBD";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string JsEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      case '"':
        out += "\\\"";
        break;
      case '<':
        out += "\\u003C";
        break;
      case '>':
        out += "\\u003E";
        break;
      case '&':
        out += "\\u0026";
        break;
      case '=':
        out += "\\u003D";
        break;
      default:
        if (u < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", u);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

// url.QueryEscape.
std::string QueryEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      out += buf;
    }
  }
  return out;
}

GoArg ToGoArg(const GoValue& v) {
  switch (v.kind) {
    case GoValue::Kind::kInt:
      return GoArg::Int(v.int_value);
    case GoValue::Kind::kFloat:
      return GoArg::Float(v.float_value);
    default:
      return GoArg::String(Formatted(v));
  }
}

enum class BasicKind { kInvalid, kBool, kInt, kFloat, kString };

BasicKind Basic(const GoValue& v) {
  switch (v.kind) {
    case GoValue::Kind::kInt:
      return BasicKind::kInt;
    case GoValue::Kind::kFloat:
      return BasicKind::kFloat;
    case GoValue::Kind::kData:
      if (v.data.is_bool()) return BasicKind::kBool;
      if (v.IsStringKind()) return BasicKind::kString;
      return BasicKind::kInvalid;
    default:
      return BasicKind::kInvalid;
  }
}

enum class Flow { kNormal, kBreak, kContinue };

class Executor {
 public:
  explicit Executor(const Value& root) { vars_.push_back({"", GoValue::Data(root)}); }

  Result<std::string> Run(const NodeList& nodes) {
    TF_ASSIGN_OR_RETURN(Flow flow, Walk(nodes, GoValue::Data(vars_[0].second.data)));
    (void)flow;  // the parser refuses break/continue outside range
    return std::move(out_);
  }

 private:
  Status Error(const Pipeline& p, std::string_view message) const {
    return Status(ErrorCode::kEvalBuiltinError, "template: template:" + std::to_string(p.line) +
                                                    ": executing \"template\" at <" + p.text +
                                                    ">: " + std::string(message));
  }

  Result<Flow> Walk(const NodeList& nodes, const GoValue& dot) {
    for (const Node& node : nodes) {
      TF_ASSIGN_OR_RETURN(Flow flow, WalkNode(node, dot));
      if (flow != Flow::kNormal) return flow;
    }
    return Flow::kNormal;
  }

  Result<Flow> WalkScoped(const NodeList& nodes, const GoValue& dot) {
    const size_t mark = vars_.size();
    Result<Flow> flow = Walk(nodes, dot);
    vars_.resize(mark);
    return flow;
  }

  Result<Flow> WalkNode(const Node& node, const GoValue& dot) {
    switch (node.kind) {
      case Node::Kind::kText:
        TF_RETURN_IF_ERROR(Emit(node.text));
        return Flow::kNormal;
      case Node::Kind::kAction: {
        TF_ASSIGN_OR_RETURN(GoValue v, EvalPipeline(node.pipeline, dot));
        if (node.pipeline.decls.empty()) TF_RETURN_IF_ERROR(Emit(Formatted(v)));
        return Flow::kNormal;
      }
      case Node::Kind::kBreak:
        return Flow::kBreak;
      case Node::Kind::kContinue:
        return Flow::kContinue;
      case Node::Kind::kIf:
      case Node::Kind::kWith: {
        const size_t mark = vars_.size();
        Result<GoValue> v = EvalPipeline(node.pipeline, dot);
        if (!v.ok()) return v.status();
        Result<Flow> flow = Flow::kNormal;
        if (Truth(*v)) {
          flow = Walk(node.body, node.kind == Node::Kind::kWith ? *v : dot);
        } else {
          flow = Walk(node.else_body, dot);
        }
        vars_.resize(mark);
        return flow;
      }
      case Node::Kind::kRange:
        return WalkRange(node, dot);
    }
    return Flow::kNormal;
  }

  Result<Flow> WalkRange(const Node& node, const GoValue& dot) {
    Pipeline header = node.pipeline;
    const std::vector<std::string> decls = std::move(header.decls);
    header.decls.clear();
    TF_ASSIGN_OR_RETURN(GoValue v, EvalPipeline(header, dot));
    std::vector<std::pair<GoValue, GoValue>> items;  // (key or index, element)
    if (v.kind == GoValue::Kind::kData && (v.data.is_array() || v.data.is_set())) {
      std::span<const Value> elems = v.data.is_set() ? v.data.set() : v.data.array();
      for (size_t i = 0; i < elems.size(); ++i)
        items.emplace_back(GoValue::Int(static_cast<int64_t>(i)), GoValue::Data(elems[i]));
    } else if (v.kind == GoValue::Kind::kData && v.data.is_object()) {
      for (const auto& [k, val] : v.data.object())
        items.emplace_back(GoValue::Data(k), GoValue::Data(val));
    } else if (v.kind == GoValue::Kind::kInt) {
      if (decls.size() > 1)
        return Error(node.pipeline, "can't use int to iterate over more than one variable");
      for (int64_t i = 0; i < v.int_value; ++i)
        items.emplace_back(GoValue::Int(i), GoValue::Int(i));
    } else if (!v.IsNil()) {
      return Error(node.pipeline, "range can't iterate over " + Formatted(v));
    }
    if (items.empty()) return WalkScoped(node.else_body, dot);
    for (auto& [key, elem] : items) {
      const size_t mark = vars_.size();
      if (decls.size() == 1) vars_.push_back({decls[0], elem});
      if (decls.size() == 2) {
        vars_.push_back({decls[0], key});
        vars_.push_back({decls[1], elem});
      }
      Result<Flow> flow = Walk(node.body, elem);
      vars_.resize(mark);
      if (!flow.ok()) return flow.status();
      if (*flow == Flow::kBreak) break;
    }
    return Flow::kNormal;
  }

  Status Emit(std::string_view s) {
    if (out_.size() + s.size() > kMaxOutputBytes)
      return Status(ErrorCode::kEvalBuiltinError,
                    "template: output exceeds " + std::to_string(kMaxOutputBytes) + " bytes");
    out_ += s;
    return Status::Ok();
  }

  Result<GoValue> EvalPipeline(const Pipeline& p, const GoValue& dot) {
    std::optional<GoValue> value;
    for (const Command& cmd : p.commands) {
      TF_ASSIGN_OR_RETURN(GoValue v, EvalCommand(p, cmd, dot, value));
      value = std::move(v);
    }
    GoValue result = value ? std::move(*value) : GoValue{};
    if (result.kind == GoValue::Kind::kData && result.data.is_null()) result = GoValue{};
    for (const std::string& name : p.decls) {
      if (!p.is_assign) {
        vars_.push_back({name, result});
        continue;
      }
      GoValue* slot = FindVar(name);
      if (slot == nullptr) return Error(p, "undefined variable: $" + name);
      *slot = result;
    }
    return result;
  }

  GoValue* FindVar(std::string_view name) {
    for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
    return nullptr;
  }

  Result<GoValue> EvalCommand(const Pipeline& p, const Command& cmd, const GoValue& dot,
                              const std::optional<GoValue>& final) {
    const Operand& head = cmd.operands[0];
    if (head.kind == Operand::Kind::kFunction) {
      std::vector<const Operand*> args;
      for (size_t i = 1; i < cmd.operands.size(); ++i)
        args.push_back(&cmd.operands[i]);
      return Call(p, head.name, args, dot, final);
    }
    if (cmd.operands.size() > 1 || final)
      return Error(p, "can't give argument to non-function " + DescribeOperand(head));
    return EvalOperand(p, head, dot);
  }

  static std::string DescribeOperand(const Operand& op) {
    std::string s = op.kind == Operand::Kind::kVariable ? "$" + op.name : "";
    for (const std::string& f : op.fields)
      s += "." + f;
    return s.empty() ? "." : s;
  }

  Result<GoValue> EvalOperand(const Pipeline& p, const Operand& op, const GoValue& dot) {
    GoValue base;
    switch (op.kind) {
      case Operand::Kind::kDot:
        base = dot;
        break;
      case Operand::Kind::kVariable: {
        GoValue* v = FindVar(op.name);
        if (v == nullptr) return Error(p, "undefined variable: $" + op.name);
        base = *v;
        break;
      }
      case Operand::Kind::kPipeline: {
        TF_ASSIGN_OR_RETURN(base, EvalPipeline(*op.pipeline, dot));
        break;
      }
      case Operand::Kind::kString:
        return GoValue::String(op.name);
      case Operand::Kind::kInt:
        return GoValue::Int(op.int_value);
      case Operand::Kind::kFloat:
        return GoValue::Float(op.float_value);
      case Operand::Kind::kBool:
        return GoValue::Data(Value::Bool(op.bool_value));
      case Operand::Kind::kNil:
        return Error(p, "nil is not a command");
      case Operand::Kind::kFunction:
        return Error(p, "function " + op.name + " used as a value");
    }
    for (const std::string& field : op.fields) {
      if (base.IsNil()) return Error(p, "nil pointer evaluating interface {}." + field);
      if (base.kind != GoValue::Kind::kData || !base.data.is_object())
        return Error(p, "can't evaluate field " + field + " in type " + GoTypeName(base));
      const Value* v = base.data.Find(field);
      base = v == nullptr ? GoValue{} : GoValue::Data(*v);
    }
    return base;
  }

  Result<std::vector<GoValue>> EvalArgs(const Pipeline& p, const std::vector<const Operand*>& args,
                                        const GoValue& dot, const std::optional<GoValue>& final) {
    std::vector<GoValue> values;
    for (const Operand* a : args) {
      TF_ASSIGN_OR_RETURN(GoValue v, EvalOperand(p, *a, dot));
      values.push_back(std::move(v));
    }
    if (final) values.push_back(*final);
    return values;
  }

  Result<GoValue> Call(const Pipeline& p, const std::string& name,
                       const std::vector<const Operand*>& args, const GoValue& dot,
                       const std::optional<GoValue>& final) {
    const size_t argc = args.size() + (final ? 1 : 0);
    auto want = [&](size_t n) -> Status {
      if (argc == n) return Status::Ok();
      return Error(p, "wrong number of args for " + name + ": want " + std::to_string(n) + " got " +
                          std::to_string(argc));
    };
    if (name == "and" || name == "or") {
      // Short-circuit: the first falsy (and) or truthy (or) argument, else the last.
      if (argc == 0)
        return Error(p, "wrong number of args for " + name + ": want at least 1 got 0");
      GoValue v;
      for (size_t i = 0; i < argc; ++i) {
        if (i < args.size()) {
          TF_ASSIGN_OR_RETURN(v, EvalOperand(p, *args[i], dot));
        } else {
          v = *final;
        }
        if (Truth(v) == (name == "or")) return v;
      }
      return v;
    }
    TF_ASSIGN_OR_RETURN(std::vector<GoValue> a, EvalArgs(p, args, dot, final));
    if (name == "not") {
      TF_RETURN_IF_ERROR(want(1));
      return GoValue::Data(Value::Bool(!Truth(a[0])));
    }
    if (name == "len") {
      TF_RETURN_IF_ERROR(want(1));
      if (a[0].kind == GoValue::Kind::kData && a[0].data.is_string())
        return GoValue::Int(static_cast<int64_t>(a[0].data.string().size()));
      if (a[0].kind == GoValue::Kind::kData && a[0].data.is_number())
        return GoValue::Int(static_cast<int64_t>(NumberText(a[0].data.number()).size()));
      if (a[0].kind == GoValue::Kind::kData && a[0].data.is_collection())
        return GoValue::Int(static_cast<int64_t>(a[0].data.size()));
      return Error(p, "error calling len: len of type " + GoTypeName(a[0]));
    }
    if (name == "index") return Index(p, a);
    if (name == "slice") return Slice(p, a);
    if (name == "print") return GoValue::String(Sprint(a));
    if (name == "println") {
      std::string out;
      for (size_t i = 0; i < a.size(); ++i)
        out += (i > 0 ? " " : "") + Formatted(a[i]);
      return GoValue::String(out + "\n");
    }
    if (name == "printf") {
      if (a.empty() || !(a[0].kind == GoValue::Kind::kData && a[0].data.is_string()))
        return Error(p, "wrong type for value; expected string; got " +
                            (a.empty() ? std::string("nothing") : GoTypeName(a[0])));
      std::vector<GoArg> go_args;
      for (size_t i = 1; i < a.size(); ++i)
        go_args.push_back(ToGoArg(a[i]));
      return GoValue::String(GoFormat(a[0].data.string(), go_args));
    }
    if (name == "html" || name == "js" || name == "urlquery") {
      const std::string text = Sprint(a);
      return GoValue::String(name == "html" ? HtmlEscape(text)
                             : name == "js" ? JsEscape(text)
                                            : QueryEscape(text));
    }
    return Compare(p, name, a);
  }

  Result<GoValue> Index(const Pipeline& p, const std::vector<GoValue>& a) {
    if (a.empty()) return Error(p, "wrong number of args for index: want at least 1 got 0");
    GoValue item = a[0];
    for (size_t i = 1; i < a.size(); ++i) {
      const GoValue& key = a[i];
      if (item.IsNil()) return Error(p, "error calling index: index of untyped nil");
      if (item.kind == GoValue::Kind::kData && item.data.is_object()) {
        if (!(key.kind == GoValue::Kind::kData && key.data.is_string()))
          return Error(
              p, "error calling index: value has type " + GoTypeName(key) + "; should be string");
        const Value* v = item.data.Find(key.data.string());
        item = v == nullptr ? GoValue{} : GoValue::Data(*v);
        continue;
      }
      if (item.kind == GoValue::Kind::kData && (item.data.is_array() || item.data.is_set())) {
        if (key.kind != GoValue::Kind::kInt)
          return Error(
              p, "error calling index: cannot index slice/array with type " + GoTypeName(key));
        std::span<const Value> elems = item.data.is_set() ? item.data.set() : item.data.array();
        if (key.int_value < 0 || static_cast<size_t>(key.int_value) >= elems.size())
          return Error(p,
                       "error calling index: index out of range: " + std::to_string(key.int_value));
        item = GoValue::Data(elems[static_cast<size_t>(key.int_value)]);
        continue;
      }
      return Error(p, "error calling index: can't index item of type " + GoTypeName(item));
    }
    return item;
  }

  Result<GoValue> Slice(const Pipeline& p, const std::vector<GoValue>& a) {
    if (a.empty() || a.size() > 3)
      return Error(p,
                   "wrong number of args for slice: want 1 to 3 got " + std::to_string(a.size()));
    const GoValue& item = a[0];
    const bool is_string = item.kind == GoValue::Kind::kData && item.data.is_string();
    const bool is_array = item.kind == GoValue::Kind::kData && item.data.is_array();
    if (!is_string && !is_array)
      return Error(p, "error calling slice: can't slice item of type " + GoTypeName(item));
    const int64_t len =
        static_cast<int64_t>(is_string ? item.data.string().size() : item.data.size());
    int64_t bounds[2] = {0, len};
    for (size_t i = 1; i < a.size(); ++i) {
      if (a[i].kind != GoValue::Kind::kInt)
        return Error(p,
                     "error calling slice: cannot index slice/array with type " + GoTypeName(a[i]));
      bounds[i - 1] = a[i].int_value;
    }
    if (bounds[0] < 0 || bounds[1] > len || bounds[0] > bounds[1])
      return Error(p, "error calling slice: index out of range: " + std::to_string(bounds[0]));
    if (is_string)
      return GoValue::String(item.data.string().substr(static_cast<size_t>(bounds[0]),
                                                       static_cast<size_t>(bounds[1] - bounds[0])));
    std::span<const Value> elems = item.data.array();
    return GoValue::Data(
        Value::Array(std::vector<Value>(elems.begin() + bounds[0], elems.begin() + bounds[1])));
  }

  // eq, ne, lt, le, gt, ge over Go's basic kinds.
  Result<GoValue> Compare(const Pipeline& p, const std::string& name,
                          const std::vector<GoValue>& a) {
    const std::string where = "error calling " + name + ": ";
    if (name == "eq" ? a.size() < 2 : a.size() != 2)
      return Error(p,
                   "wrong number of args for " + name + ": want 2 got " + std::to_string(a.size()));
    auto order = [&](const GoValue& x, const GoValue& y) -> Result<int> {
      const BasicKind kx = Basic(x), ky = Basic(y);
      if (kx == BasicKind::kInvalid || ky == BasicKind::kInvalid) {
        if (name == "eq" || name == "ne") {
          if (x.IsNil() || y.IsNil()) return Error(p, where + "invalid type for comparison");
          return Error(
              p, where + "non-comparable type " + GoTypeName(kx == BasicKind::kInvalid ? x : y));
        }
        return Error(p, where + "invalid type for comparison");
      }
      if (kx != ky) return Error(p, where + "incompatible types for comparison");
      switch (kx) {
        case BasicKind::kBool:
          if (name != "eq" && name != "ne") return Error(p, where + "invalid type for comparison");
          return x.data.bool_value() == y.data.bool_value() ? 0 : 1;
        case BasicKind::kInt:
          return x.int_value < y.int_value ? -1 : x.int_value > y.int_value;
        case BasicKind::kFloat:
          return x.float_value < y.float_value ? -1 : x.float_value > y.float_value;
        default: {
          const std::string sx = Formatted(x), sy = Formatted(y);
          return sx < sy ? -1 : sx > sy;
        }
      }
    };
    if (name == "eq") {
      for (size_t i = 1; i < a.size(); ++i) {
        TF_ASSIGN_OR_RETURN(int c, order(a[0], a[i]));
        if (c == 0) return GoValue::Data(Value::Bool(true));
      }
      return GoValue::Data(Value::Bool(false));
    }
    TF_ASSIGN_OR_RETURN(int c, order(a[0], a[1]));
    const bool result = name == "ne"   ? c != 0
                        : name == "lt" ? c < 0
                        : name == "le" ? c <= 0
                        : name == "gt" ? c > 0
                                       : c >= 0;
    return GoValue::Data(Value::Bool(result));
  }

  std::vector<std::pair<std::string, GoValue>> vars_;
  std::string out_;
};

}  // namespace

Result<std::string> RenderGoTemplate(std::string_view text, const Value& data) {
  TF_ASSIGN_OR_RETURN(NodeList nodes, go_template::Parse(text));
  return Executor(data).Run(nodes);
}

}  // namespace tf::rego::builtins
