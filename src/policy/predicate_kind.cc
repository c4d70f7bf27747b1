#include "policy/predicate_kind.h"

namespace tf::policy {
namespace {

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsIdentChar(char c) {
  return IsIdentStart(c) || (c >= '0' && c <= '9');
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || !IsIdentStart(s[0])) return false;
  for (char c : s) {
    if (!IsIdentChar(c)) return false;
  }
  return true;
}

}  // namespace

bool IsPredicateName(std::string_view text) {
  return IsIdentifier(text) && text != "true" && text != "false" && text != "null";
}

bool IsDataRef(std::string_view text) {
  constexpr std::string_view kRoot = "data.";
  if (text.substr(0, kRoot.size()) != kRoot) return false;
  std::string_view rest = text.substr(kRoot.size());
  while (true) {
    size_t dot = rest.find('.');
    if (!IsIdentifier(rest.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    rest = rest.substr(dot + 1);
  }
}

PredicateKind ClassifyPredicate(std::string_view text) {
  if (IsPredicateName(text)) return PredicateKind::kNamed;
  if (IsDataRef(text)) return PredicateKind::kRuleRef;
  return PredicateKind::kExpression;
}

}  // namespace tf::policy
