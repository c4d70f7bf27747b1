// Builtin encoders: the dispatcher, comparisons, type tests, membership and count.
#include "smt/internal/builtin_encoders.h"
#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {
namespace {

BuiltinOutcome Ok(const BuiltinCall& c, SymVal v) {
  return BuiltinOutcome{std::move(v), c.enc.False()};
}

template <bool kNegate>
Result<BuiltinOutcome> EqualEncoder(const BuiltinCall& c) {
  TF_ASSIGN_OR_RETURN(z3::expr eq, c.enc.Equal(c.args[0], c.args[1]));
  return Ok(c, BoolValue(kNegate ? Not(eq) : eq));
}

// lt, lte, gt, gte: Rego's total order on any two values.
template <bool kSwap, bool kOrEqual>
Result<BuiltinOutcome> OrderEncoder(const BuiltinCall& c) {
  const SymVal& a = kSwap ? c.args[1] : c.args[0];
  const SymVal& b = kSwap ? c.args[0] : c.args[1];
  TF_ASSIGN_OR_RETURN(z3::expr lt, c.enc.Less(a, b, kOrEqual));
  return Ok(c, BoolValue(lt));
}

template <ValueKind kKind>
Result<BuiltinOutcome> IsKindEncoder(const BuiltinCall& c) {
  return Ok(c, BoolValue(c.enc.HasKind(c.args[0], KindBit(kKind))));
}

Result<BuiltinOutcome> TypeNameEncoder(const BuiltinCall& c) {
  SymVal out;
  for (const Alt& a : c.args[0].alts) {
    TF_ASSIGN_OR_RETURN(z3::expr name, c.enc.StringConst(std::string(KindName(a.kind))));
    out.alts.push_back(Alt{a.guard, ValueKind::kString, name, nullptr});
  }
  return Ok(c, Normalize(std::move(out)));
}

Result<BuiltinOutcome> MemberEncoder(const BuiltinCall& c) {
  TF_ASSIGN_OR_RETURN(z3::expr in, c.enc.Member(c.args[0], c.args[1]));
  return Ok(c, BoolValue(in));
}

Result<BuiltinOutcome> MemberWithKeyEncoder(const BuiltinCall& c) {
  TF_ASSIGN_OR_RETURN(z3::expr in, c.enc.MemberWithKey(c.args[0], c.args[1], c.args[2]));
  return Ok(c, BoolValue(in));
}

Result<BuiltinOutcome> CountEncoder(const BuiltinCall& c) {
  TF_ASSIGN_OR_RETURN(SymVal n, c.enc.Count(c.args[0]));
  return Ok(c, std::move(n));
}

struct Named {
  std::string_view name;
  BuiltinEncoder fn;
};

constexpr Named kBasic[] = {
    {"equal", EqualEncoder<false>},
    {"neq", EqualEncoder<true>},
    {"lt", OrderEncoder<false, false>},
    {"lte", OrderEncoder<false, true>},
    {"gt", OrderEncoder<true, false>},
    {"gte", OrderEncoder<true, true>},
    {"is_null", IsKindEncoder<ValueKind::kNull>},
    {"is_boolean", IsKindEncoder<ValueKind::kBool>},
    {"is_number", IsKindEncoder<ValueKind::kNumber>},
    {"is_string", IsKindEncoder<ValueKind::kString>},
    {"is_array", IsKindEncoder<ValueKind::kArray>},
    {"is_object", IsKindEncoder<ValueKind::kObject>},
    {"is_set", IsKindEncoder<ValueKind::kSet>},
    {"type_name", TypeNameEncoder},
    {"internal.member_2", MemberEncoder},
    {"internal.member_3", MemberWithKeyEncoder},
    {"count", CountEncoder},
};

}  // namespace

BuiltinEncoder FindComparisonEncoder(std::string_view name) {
  for (const Named& n : kBasic) {
    if (n.name == name) return n.fn;
  }
  return nullptr;
}

BuiltinEncoder FindBuiltinEncoder(std::string_view name) {
  for (BuiltinEncoder (*family)(std::string_view) :
       {FindComparisonEncoder, FindNumberEncoder, FindStringEncoder, FindCollectionEncoder}) {
    if (BuiltinEncoder fn = family(name)) return fn;
  }
  return nullptr;
}

}  // namespace tf::smt::internal
