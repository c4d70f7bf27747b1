#include "rego/builtin.h"

#include <string>

#include "rego/builtins/families.h"

namespace tf::rego {
namespace {

std::string KindList(KindSet kinds) {
  std::vector<std::string_view> names;
  for (int k = 0; k <= static_cast<int>(ValueKind::kSet); ++k) {
    if (kinds.Contains(static_cast<ValueKind>(k)))
      names.push_back(KindName(static_cast<ValueKind>(k)));
  }
  if (names.size() == 1) return std::string(names[0]);
  std::string out = "one of {";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  out += "}";
  return out;
}

std::string ExpectedKinds(const Param& p) {
  return p.expected.empty() ? KindList(p.kinds) : std::string(p.expected);
}

}  // namespace

Status OperandError(int pos, std::string message) {
  return Status(ErrorCode::kEvalTypeError, "operand " + std::to_string(pos) + " " + message);
}

Status OperandTypeError(int pos, const Value& got,
                        std::initializer_list<std::string_view> expected) {
  std::string want;
  if (expected.size() == 1) {
    want = std::string(*expected.begin());
  } else {
    want = "one of {";
    bool first = true;
    for (std::string_view e : expected) {
      if (!first) want += ", ";
      want += e;
      first = false;
    }
    want += "}";
  }
  return OperandError(pos, "must be " + want + " but got " + std::string(got.TypeName()));
}

Status BuiltinError(std::string message) {
  return Status(ErrorCode::kEvalBuiltinError, std::move(message));
}

Status BuiltinUndefined() {
  return Status(ErrorCode::kBuiltinUndefined, "");
}

bool IsBuiltinUndefined(const Status& status) {
  return status.code() == ErrorCode::kBuiltinUndefined;
}

Status CheckArgs(const BuiltinDecl& decl, std::span<const Value> args) {
  for (size_t i = 0; i < args.size(); ++i) {
    const Param& p = i < decl.params.size() ? decl.params[i] : decl.params.back();
    if (p.kinds.IsAny() || p.kinds.Contains(args[i].kind())) continue;
    return OperandError(static_cast<int>(i + 1), "must be " + ExpectedKinds(p) + " but got " +
                                                     std::string(args[i].TypeName()));
  }
  return Status();
}

Status WrapBuiltinError(std::string_view name, const Status& status) {
  if (status.ok() || IsBuiltinUndefined(status)) return status;
  ErrorCode code = status.code() == ErrorCode::kEvalTypeError ? ErrorCode::kEvalTypeError
                                                              : ErrorCode::kEvalBuiltinError;
  return Status(code, std::string(name) + ": " + std::string(status.message()));
}

BuiltinRegistry::BuiltinRegistry(std::vector<BuiltinDecl> decls) : decls_(std::move(decls)) {
  index_.reserve(decls_.size());
  for (size_t i = 0; i < decls_.size(); ++i)
    index_.emplace(decls_[i].name, i);
}

BuiltinRegistry BuiltinRegistry::WithExtras(std::vector<BuiltinDecl> extra) {
  std::vector<BuiltinDecl> all = builtins::AllBuiltins();
  for (BuiltinDecl& d : extra)
    all.push_back(std::move(d));
  return BuiltinRegistry(std::move(all));
}

const BuiltinDecl* BuiltinRegistry::Find(std::string_view name) const {
  auto it = index_.find(name);
  return it == index_.end() ? nullptr : &decls_[it->second];
}

const BuiltinRegistry& BuiltinRegistry::Default() {
  // Built on first use and never modified: immutable shared state, not a mutable singleton.
  static const BuiltinRegistry registry(builtins::AllBuiltins());
  return registry;
}

}  // namespace tf::rego
