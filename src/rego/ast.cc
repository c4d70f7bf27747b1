#include "rego/ast.h"

#include "core/json.h"

namespace tf::rego {

Term Term::Scalar(Value v, Location loc) {
  Term t;
  t.kind = TermKind::kScalar;
  t.value = std::move(v);
  t.loc = loc;
  return t;
}

Term Term::Var(std::string name, Location loc) {
  Term t;
  t.kind = TermKind::kVar;
  t.name = std::move(name);
  t.loc = loc;
  return t;
}

Term Term::Ref(std::vector<Term> parts, Location loc) {
  Term t;
  t.kind = TermKind::kRef;
  t.args = std::move(parts);
  t.loc = loc;
  return t;
}

Term Term::Call(std::string op, std::vector<Term> operands, Location loc) {
  Term t;
  t.kind = TermKind::kCall;
  std::vector<Term> parts;
  size_t start = 0;
  while (true) {
    size_t dot = op.find('.', start);
    std::string piece =
        op.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (parts.empty()) {
      parts.push_back(Var(piece, loc));
    } else {
      parts.push_back(Scalar(Value::String(piece), loc));
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  t.args.push_back(Ref(std::move(parts), loc));
  for (Term& o : operands)
    t.args.push_back(std::move(o));
  t.loc = loc;
  return t;
}

std::string Term::OperatorName() const {
  if (kind != TermKind::kCall || args.empty()) return "";
  return args[0].StaticRefText();
}

std::string Term::StaticRefText() const {
  if (kind == TermKind::kVar) return name;
  if (kind != TermKind::kRef || args.empty() || !args[0].IsVar()) return "";
  std::string out = args[0].name;
  for (size_t i = 1; i < args.size(); ++i) {
    if (!args[i].IsScalar() || !args[i].value.is_string()) return "";
    out += ".";
    out += args[i].value.string();
  }
  return out;
}

std::string ValueToRegoString(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kArray: {
      std::string out = "[";
      bool first = true;
      for (const Value& e : v.array()) {
        if (!first) out += ", ";
        out += ValueToRegoString(e);
        first = false;
      }
      return out + "]";
    }
    case ValueKind::kSet: {
      if (v.size() == 0) return "set()";
      std::string out = "{";
      bool first = true;
      for (const Value& e : v.set()) {
        if (!first) out += ", ";
        out += ValueToRegoString(e);
        first = false;
      }
      return out + "}";
    }
    case ValueKind::kObject: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, e] : v.object()) {
        if (!first) out += ", ";
        out += ValueToRegoString(k);
        out += ": ";
        out += ValueToRegoString(e);
        first = false;
      }
      return out + "}";
    }
    default:
      return ToJson(v);
  }
}

std::string TermToString(const Term& t) {
  auto join = [](const std::vector<Term>& ts, size_t from, std::string_view sep) {
    std::string out;
    for (size_t i = from; i < ts.size(); ++i) {
      if (i > from) out += sep;
      out += TermToString(ts[i]);
    }
    return out;
  };
  switch (t.kind) {
    case TermKind::kScalar:
      return ValueToRegoString(t.value);
    case TermKind::kVar:
      return t.name;
    case TermKind::kRef: {
      std::string out = TermToString(t.args[0]);
      for (size_t i = 1; i < t.args.size(); ++i) {
        const Term& p = t.args[i];
        if (p.IsScalar() && p.value.is_string()) {
          out += "." + p.value.string();
        } else {
          out += "[" + TermToString(p) + "]";
        }
      }
      return out;
    }
    case TermKind::kArray:
      return "[" + join(t.args, 0, ", ") + "]";
    case TermKind::kSet:
      return t.args.empty() ? "set()" : "{" + join(t.args, 0, ", ") + "}";
    case TermKind::kObject: {
      std::string out = "{";
      for (size_t i = 0; i + 1 < t.args.size(); i += 2) {
        if (i > 0) out += ", ";
        out += TermToString(t.args[i]) + ": " + TermToString(t.args[i + 1]);
      }
      return out + "}";
    }
    case TermKind::kArrayCompr:
      return "[" + TermToString(t.args[0]) + " | ...]";
    case TermKind::kSetCompr:
      return "{" + TermToString(t.args[0]) + " | ...}";
    case TermKind::kObjectCompr:
      return "{" + TermToString(t.args[0]) + ": " + TermToString(t.args[1]) + " | ...}";
    case TermKind::kCall:
      return TermToString(t.args[0]) + "(" + join(t.args, 1, ", ") + ")";
    case TermKind::kTemplate:
      return "$\"...\"";
  }
  return "";
}

}  // namespace tf::rego
