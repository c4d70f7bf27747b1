// Query texts and operand resolution.
#include "smt/internal/queries.h"

#include "rego/ir.h"

namespace tf::smt::internal {

size_t QuerySet::Add(const std::string& text) {
  auto it = index_.find(text);
  if (it != index_.end()) return it->second;
  texts_.push_back(text);
  index_.emplace(text, texts_.size() - 1);
  return texts_.size() - 1;
}

std::string RefQuery(std::string_view ref) {
  return "[" + std::string(ref) + "]";
}

Result<std::string> ResolveOperand(const PolicyModel& model, const std::string& operand) {
  if (const DecisionRule* r = model.FindRule(operand)) return r->ref;
  if (operand == "data" || operand.rfind("data.", 0) == 0) return operand;
  return Status(ErrorCode::kSmtCheckInvalid,
                "\"" + operand + "\" is neither a rule id of " +
                    (model.id.empty() ? std::string("the pack") : model.id) + " nor a ref data.…");
}

Status CheckRefExists(const rego::CompiledPolicy& policy, const Value& data,
                      const std::string& ref) {
  std::vector<std::string> path;
  size_t start = ref.find('.');
  while (start != std::string::npos) {
    size_t next = ref.find('.', start + 1);
    path.push_back(
        ref.substr(start + 1, next == std::string::npos ? std::string::npos : next - start - 1));
    start = next;
  }
  const rego::ir::Program& p = policy.program();
  rego::ir::NodeId node = 0;
  bool in_tree = true;
  for (const std::string& key : path) {
    auto it = p.nodes[node].children.find(key);
    if (it == p.nodes[node].children.end()) {
      in_tree = p.nodes[node].complete != rego::ir::kNone ||
                p.nodes[node].partial_set != rego::ir::kNone ||
                p.nodes[node].object != rego::ir::kNone;
      break;
    }
    node = it->second;
  }
  if (in_tree && !(path.empty() ? false : p.nodes[node].is_function)) return Status();
  const Value* cur = &data;
  for (const std::string& key : path) {
    cur = cur->Find(std::string_view(key));
    if (cur == nullptr) break;
  }
  if (cur != nullptr) return Status();
  return Status(ErrorCode::kSmtCheckInvalid,
                ref + " names no rule of the policy and no document of its data");
}

}  // namespace tf::smt::internal
