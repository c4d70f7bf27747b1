// Small helpers of the policy model and checks.
#include "smt/policy_model.h"

#include <cctype>

#include "smt/check.h"
#include "smt/check_result.h"

namespace tf::smt {
namespace {

constexpr std::pair<std::string_view, CheckKind> kKinds[] = {
    {"property", CheckKind::kProperty},
    {"always_allows", CheckKind::kAlwaysAllows},
    {"always_denies", CheckKind::kAlwaysDenies},
    {"never_errors", CheckKind::kNeverErrors},
    {"implies", CheckKind::kImplies},
    {"equivalent", CheckKind::kEquivalent},
    {"disjoint", CheckKind::kDisjoint},
};

std::string Trim(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
    ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
    --e;
  return std::string(s.substr(b, e - b));
}

// A rule id or a dotted ref: letters, digits, '_', '.', '-'.
bool IsOperand(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-')
      return false;
  }
  return true;
}

}  // namespace

const DecisionRule* PolicyModel::FindRule(std::string_view rule_id) const {
  for (const DecisionRule& r : rules) {
    if (r.id == rule_id) return &r;
  }
  return nullptr;
}

std::string_view CheckKindName(CheckKind kind) {
  for (const auto& [name, k] : kKinds) {
    if (k == kind) return name;
  }
  return "unknown";
}

int CheckArity(CheckKind kind) {
  return kind == CheckKind::kImplies || kind == CheckKind::kEquivalent ||
                 kind == CheckKind::kDisjoint
             ? 2
             : 1;
}

std::string CheckText(const Check& check) {
  if (check.kind == CheckKind::kProperty) return check.a;
  std::string out = std::string(CheckKindName(check.kind)) + "(" + check.a;
  if (CheckArity(check.kind) == 2) out += ", " + check.b;
  return out + ")";
}

Result<Check> ParseCheck(std::string_view text) {
  auto invalid = [&](const std::string& why) {
    return Status(ErrorCode::kSmtCheckInvalid, "check \"" + std::string(text) + "\": " + why +
                                                   " (expected e.g. implies(data.a.x, data.a.y))");
  };
  size_t open = text.find('(');
  if (open == std::string_view::npos || text.empty() || Trim(text).back() != ')') {
    return invalid("not of the form name(A) or name(A, B)");
  }
  std::string name = Trim(text.substr(0, open));
  std::string inner(text.substr(open + 1));
  inner = Trim(inner);
  inner.pop_back();
  Check check;
  bool known = false;
  for (const auto& [n, k] : kKinds) {
    if (n == name && k != CheckKind::kProperty) {
      check.kind = k;
      known = true;
    }
  }
  if (!known) {
    return invalid(
        "unknown check \"" + name +
        "\"; one of always_allows, always_denies, never_errors, implies, equivalent, disjoint");
  }
  size_t comma = inner.find(',');
  check.a = Trim(comma == std::string::npos ? std::string_view(inner)
                                            : std::string_view(inner).substr(0, comma));
  if (comma != std::string::npos) check.b = Trim(std::string_view(inner).substr(comma + 1));
  int operands = comma == std::string::npos ? 1 : 2;
  if (operands != CheckArity(check.kind)) {
    return invalid(name + " takes " + std::to_string(CheckArity(check.kind)) + " operand(s)");
  }
  if (!IsOperand(check.a) || (operands == 2 && !IsOperand(check.b))) {
    return invalid("operands are rule ids or refs such as data.pkg.rule");
  }
  return check;
}

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kProved:
      return "proved";
    case Verdict::kCounterexample:
      return "counterexample";
    case Verdict::kUnknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace tf::smt
