#include "rego/term_value.h"

namespace tf::rego {

Result<Value> TermToValue(const Term& t) {
  switch (t.kind) {
    case TermKind::kScalar:
      return t.value;
    case TermKind::kArray:
    case TermKind::kSet: {
      std::vector<Value> items;
      for (const Term& e : t.args) {
        TF_ASSIGN_OR_RETURN(Value v, TermToValue(e));
        items.push_back(std::move(v));
      }
      return t.kind == TermKind::kArray ? Value::Array(std::move(items))
                                        : Value::Set(std::move(items));
    }
    case TermKind::kObject: {
      std::vector<ObjectEntry> entries;
      for (size_t i = 0; i + 1 < t.args.size(); i += 2) {
        TF_ASSIGN_OR_RETURN(Value k, TermToValue(t.args[i]));
        TF_ASSIGN_OR_RETURN(Value v, TermToValue(t.args[i + 1]));
        entries.emplace_back(std::move(k), std::move(v));
      }
      return Value::Object(std::move(entries));
    }
    default:
      return Status(ErrorCode::kRegoCompileError, "not a constant term: " + TermToString(t));
  }
}

}  // namespace tf::rego
