// File: rego/ast.h
//
// The Rego v1 syntax tree the parser produces and the compiler consumes. Plain value types:
// a module owns its rules, a rule its head and body, a term its children. Operators are calls
// named after their builtins (`a + b` is a call to `plus`, `x := y` to `assign`, `a = b` to
// `eq`, `x in xs` to `internal.member_2`), as in OPA's AST, so the compiler has one path for
// operators and function calls.
#ifndef TF_REGO_AST_H_
#define TF_REGO_AST_H_

#include <string>
#include <vector>

#include "core/value.h"
#include "rego/source.h"

namespace tf::rego {

struct Expr;

enum class TermKind : uint8_t {
  kScalar,       // value: null, boolean, number, string
  kVar,          // name
  kRef,          // args[0] is the head (var, or any term), args[1..] the path
  kArray,        // args: elements
  kSet,          // args: elements
  kObject,       // args: key0, value0, key1, value1, ...
  kArrayCompr,   // args[0] head; body
  kSetCompr,     // args[0] head; body
  kObjectCompr,  // args[0] key, args[1] value; body
  kCall,         // args[0] the operator (a ref), args[1..] the arguments
  kTemplate,     // args: string scalars and expression terms, in order
};

struct Term {
  TermKind kind = TermKind::kScalar;
  Location loc;
  Value value;             // kScalar
  std::string name;        // kVar
  std::vector<Term> args;  // see TermKind
  std::vector<Expr> body;  // comprehensions

  static Term Scalar(Value v, Location loc);
  static Term Var(std::string name, Location loc);
  static Term Ref(std::vector<Term> parts, Location loc);
  static Term Call(std::string op, std::vector<Term> operands, Location loc);

  bool IsVar() const { return kind == TermKind::kVar; }
  bool IsScalar() const { return kind == TermKind::kScalar; }
  bool IsRef() const { return kind == TermKind::kRef; }
  bool IsCall() const { return kind == TermKind::kCall; }
  // For calls: the operator's dotted name ("plus", "array.concat", "data.lib.f").
  std::string OperatorName() const;
  // For refs whose parts are a var followed only by string keys: "data.a.b". Empty otherwise.
  std::string StaticRefText() const;
};

struct WithClause {
  Term target;  // input..., data..., or a function/builtin name
  Term value;
  Location loc;
};

enum class ExprKind : uint8_t {
  kTerm,      // terms[0]
  kSomeDecl,  // `some x, y`: terms are the vars
  kSomeIn,    // `some [k,] v in xs`: terms = [k?, v, xs]; has_key says whether k is present
  kEvery,     // `every [k,] v in xs { body }`: like kSomeIn, plus body
};

struct Expr {
  ExprKind kind = ExprKind::kTerm;
  bool negated = false;
  bool has_key = false;
  Location loc;
  std::vector<Term> terms;
  std::vector<Expr> body;
  std::vector<WithClause> with;
};

using Body = std::vector<Expr>;

enum class RuleKind : uint8_t {
  kComplete,    // p := v, p if ..., a.b.c := v (no variables in the head ref)
  kPartialSet,  // p contains x
  kMultiValue = kPartialSet,
  kPartialObject,  // head ref has variables: p[k] := v, p[q].r := v
  kFunction,       // f(x) := y
};

struct RuleHead {
  std::vector<Term> ref;   // ref[0] is a var (the rule name), then path terms
  std::vector<Term> args;  // functions only
  bool has_value = false;
  Term value;  // the value, or true when absent
  bool has_key = false;
  Term key;             // `contains` element
  bool assign = false;  // `:=` rather than `=`
  Location loc;
};

struct Rule {
  RuleKind kind = RuleKind::kComplete;
  bool is_default = false;
  // The METADATA annotations written right above the rule (an object with at least `scope`),
  // or null.
  Value annotations;
  RuleHead head;
  Body body;                     // empty means true
  std::vector<Rule> else_chain;  // else branches in order (each has its own value and body)
  Location loc;
};

struct Import {
  Term path;          // a ref rooted at data, input, future or rego
  std::string alias;  // empty if none
  Location loc;
};

struct Module {
  Source* source = nullptr;          // owned by whoever owns the sources (see ModuleSet)
  std::vector<std::string> package;  // ["a", "b"] for `package a.b`
  Location package_loc;
  Value package_annotations;  // METADATA above `package`, or null
  std::vector<Import> imports;
  std::vector<Rule> rules;
};

// Rego source text of a term, for messages and template strings ("[1, 2]", "{\"a\": 1}").
std::string TermToString(const Term& t);
// Rego text of a value: strings quoted, sets as {1, 2} and set(), objects {"a": 1}.
std::string ValueToRegoString(const Value& v);

}  // namespace tf::rego

#endif  // TF_REGO_AST_H_
