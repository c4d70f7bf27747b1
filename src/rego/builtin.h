// File: rego/builtin.h
//
// Builtin functions are declared as data: each OPA namespace has one file under builtins/ that
// returns a table of `BuiltinDecl` (name, typed parameters, result type, implementation). One
// shared checker (`CheckArgs`) validates argument kinds against the declaration before the
// implementation runs, and produces OPA's exact type-error text, so implementations never
// re-check top-level argument types by hand.
//
// Error contract of an implementation (`BuiltinFn`):
//   - return a Value for a result;
//   - return `OperandError(pos, ...)` / `OperandTypeError(...)` for a bad operand (becomes
//     eval_type_error "name: operand N ...");
//   - return `BuiltinError(msg)` for any other failure (becomes eval_builtin_error "name: msg");
//   - return `BuiltinUndefined()` when the call has no result (OPA's BuiltinEmpty).
// The evaluator prefixes the builtin's name; in non-strict mode it turns every error into
// "undefined", in strict mode it aborts the query with it (as `opa eval --strict-builtin-errors`).
#ifndef TF_REGO_BUILTIN_H_
#define TF_REGO_BUILTIN_H_

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/random.h"
#include "core/status.h"
#include "core/value.h"

namespace tf::rego {

class RegexCache;

// Services a host program offers to builtins it registers itself (graph queries from the policy
// module, for example). The engine passes it through untouched; such builtins downcast it.
class BuiltinHost {
 public:
  virtual ~BuiltinHost() = default;
};

// A set of value kinds, the type of a parameter or result as the argument checker sees it.
class KindSet {
 public:
  constexpr KindSet() = default;
  constexpr KindSet(ValueKind k) : bits_(Bit(k)) {}  // NOLINT: implicit, a kind is a kind set.
  static constexpr KindSet Any() { return KindSet(0x7F); }
  constexpr KindSet operator|(KindSet o) const { return KindSet(bits_ | o.bits_); }
  constexpr bool Contains(ValueKind k) const { return (bits_ & Bit(k)) != 0; }
  constexpr bool IsAny() const { return bits_ == 0x7F; }
  constexpr uint8_t bits() const { return bits_; }

 private:
  constexpr explicit KindSet(uint8_t bits) : bits_(bits) {}
  static constexpr uint8_t Bit(ValueKind k) {
    return static_cast<uint8_t>(1u << static_cast<int>(k));
  }
  uint8_t bits_ = 0;
};

inline constexpr KindSet kAnyKind = KindSet::Any();
inline constexpr KindSet kNumber = ValueKind::kNumber;
inline constexpr KindSet kString = ValueKind::kString;
inline constexpr KindSet kBoolean = ValueKind::kBool;
inline constexpr KindSet kNull = ValueKind::kNull;
inline constexpr KindSet kArray = ValueKind::kArray;
inline constexpr KindSet kObject = ValueKind::kObject;
inline constexpr KindSet kSet = ValueKind::kSet;

// One parameter: its kinds and, for documentation and the type checker, a name.
struct Param {
  KindSet kinds;
  std::string_view name;
  // OPA's wording of the expected kinds when its type error lists them in another order than
  // ValueKind ("one of {object, set, array}"); empty: derived from `kinds`.
  std::string_view expected = {};
};

// Per-query state and services a builtin may use. Created by the evaluator for each query.
struct BuiltinContext {
  // time.now_ns(): read once per query from the injected clock, so every call in a query agrees.
  int64_t now_ns = 0;
  // Random bytes for rand.intn, uuid.rfc4122 and friends.
  RandomSource* random = nullptr;
  // Memo for builtins that must return the same value for the same arguments within one query
  // (rand.intn, uuid.rfc4122): key is the builtin name plus the canonical text of its arguments.
  std::unordered_map<std::string, Value>* memo = nullptr;
  // Compiled regular expressions, shared across queries and threads. May be null.
  RegexCache* regexes = nullptr;
  // The host services of EvalOptions::host. May be null.
  const BuiltinHost* host = nullptr;
};

using BuiltinFn = Result<Value> (*)(BuiltinContext& ctx, std::span<const Value> args);

enum class BuiltinFlags : uint8_t {
  kNone = 0,
  // The result may differ between calls with the same arguments (time, random, uuid).
  kNondeterministic = 1,
  // A relation (like `walk`): the result is an array of outputs that the caller iterates.
  kRelation = 2,
};

struct BuiltinDecl {
  std::string_view name;  // "strings.replace_n", or an operator's function name ("plus")
  std::vector<Param> params;
  KindSet result = kAnyKind;
  BuiltinFn fn = nullptr;
  BuiltinFlags flags = BuiltinFlags::kNone;
  std::string_view infix;  // "+" for plus: how the parser spells the operator, if any
  bool variadic = false;   // trailing params repeat (e.g. print)
};

// Errors for implementations (see the contract above).
Status OperandError(int pos, std::string message);  // "operand <pos> <message>"
Status OperandTypeError(int pos, const Value& got,
                        std::initializer_list<std::string_view> expected);
Status BuiltinError(std::string message);
Status BuiltinUndefined();
bool IsBuiltinUndefined(const Status& status);

// Checks arguments against the declaration. Returns OK or the OPA type error for the first bad
// operand ("operand 2 must be one of {array, set} but got string"), without the name prefix.
Status CheckArgs(const BuiltinDecl& decl, std::span<const Value> args);

// Adds "<name>: " to an implementation's error and maps it to the evaluation error code.
Status WrapBuiltinError(std::string_view name, const Status& status);

// The immutable table of every builtin. Built once (usually in main or an Engine) and shared.
class BuiltinRegistry {
 public:
  // All of OPA's builtins this engine implements: built once, immutable, safe to share.
  static const BuiltinRegistry& Default();

  explicit BuiltinRegistry(std::vector<BuiltinDecl> decls);
  // The default builtins plus `extra`, the host's own builtins.
  static BuiltinRegistry WithExtras(std::vector<BuiltinDecl> extra);
  const BuiltinDecl* Find(std::string_view name) const;
  std::span<const BuiltinDecl> all() const { return decls_; }

 private:
  std::vector<BuiltinDecl> decls_;
  std::unordered_map<std::string_view, size_t> index_;
};

}  // namespace tf::rego

#endif  // TF_REGO_BUILTIN_H_
