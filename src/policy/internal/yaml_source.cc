#include "policy/internal/yaml_source.h"

#include <set>

#include "core/yaml.h"

namespace tf::policy::internal {
namespace {

// Counts nodes (aliases as often as used) up to `budget`; returns false when over it. yaml-cpp
// bounds the nesting depth itself (DeepRecursion), so the recursion here is bounded too.
bool WithinNodeBudget(const YAML::Node& node, size_t& budget) {
  if (budget == 0) return false;
  --budget;
  if (node.IsSequence()) {
    for (const YAML::Node& child : node) {
      if (!WithinNodeBudget(child, budget)) return false;
    }
  } else if (node.IsMap()) {
    for (const auto& kv : node) {
      if (!WithinNodeBudget(kv.first, budget) || !WithinNodeBudget(kv.second, budget)) {
        return false;
      }
    }
  }
  return true;
}

SourcePos MarkPos(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0) return {};
  return {static_cast<uint32_t>(mark.line + 1), static_cast<uint32_t>(mark.column + 1)};
}

const Value kNull;

}  // namespace

SourcePos Cursor::pos() const {
  if (!node.IsDefined()) return {};
  return MarkPos(node.Mark());
}

Result<YamlSource> YamlSource::Parse(std::string_view text, std::string file, ErrorCode code,
                                     size_t max_nodes) {
  YamlSource out;
  out.file_ = std::move(file);
  out.code_ = code;
  Result<int> documents = CountYamlDocuments(text);
  if (!documents.ok()) {
    return Status(code, out.file_ + ": " + std::string(documents.status().message()));
  }
  if (*documents != 1) {
    return out.Error({}, *documents == 0 ? "empty document" : "more than one YAML document");
  }
  try {
    out.root_ = YAML::Load(std::string(text));
    size_t budget = max_nodes;
    if (!WithinNodeBudget(out.root_, budget)) {
      return out.Error({}, "more than " + std::to_string(max_nodes) + " YAML nodes");
    }
  } catch (const YAML::Exception& e) {
    return out.Error(MarkPos(e.mark), "invalid YAML: " + e.msg);
  }
  Result<Value> value = ParseYaml(text);
  if (!value.ok()) return Status(code, out.file_ + ": " + std::string(value.status().message()));
  out.value_ = std::move(*value);
  if (!out.root_.IsMap()) return out.Error(out.root().pos(), "the document must be a mapping");
  return out;
}

Status YamlSource::Error(SourcePos pos, std::string_view message) const {
  return Error(code_, pos, message);
}

Status YamlSource::Error(ErrorCode code, SourcePos pos, std::string_view message) const {
  std::string where = file_;
  if (pos.line > 0) where += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col);
  return Status(code, where + ": " + std::string(message));
}

Status YamlSource::ForEachEntry(
    const Cursor& map, std::string_view what,
    const std::function<Status(const std::string&, const Cursor&, SourcePos)>& fn) const {
  if (!map.node.IsMap()) return Error(map.pos(), std::string(what) + " must be a mapping");
  std::set<std::string> seen;
  try {
    for (const auto& kv : map.node) {
      SourcePos key_pos = MarkPos(kv.first.Mark());
      if (!kv.first.IsScalar()) return Error(key_pos, std::string(what) + ": keys are scalars");
      const std::string& key = kv.first.Scalar();
      if (!seen.insert(key).second) {
        return Error(ErrorCode::kPackDuplicateId, key_pos,
                     "duplicate key \"" + key + "\" in " + std::string(what));
      }
      const Value* child = map.value->is_object() ? map.value->Find(key) : nullptr;
      TF_RETURN_IF_ERROR(fn(key, Cursor{kv.second, child ? child : &kNull}, key_pos));
    }
  } catch (const YAML::Exception& e) {
    return Error(MarkPos(e.mark), e.msg);
  }
  return Status();
}

Status YamlSource::ForEachItem(const Cursor& seq, std::string_view what,
                               const std::function<Status(const Cursor&)>& fn) const {
  if (!seq.node.IsSequence()) return Error(seq.pos(), std::string(what) + " must be a list");
  try {
    size_t i = 0;
    for (const YAML::Node& item : seq.node) {
      const Value* v =
          seq.value->is_array() && i < seq.value->size() ? &seq.value->array()[i] : &kNull;
      TF_RETURN_IF_ERROR(fn(Cursor{item, v}));
      ++i;
    }
  } catch (const YAML::Exception& e) {
    return Error(MarkPos(e.mark), e.msg);
  }
  return Status();
}

Result<std::string> YamlSource::String(const Cursor& c, std::string_view what) const {
  if (!c.defined()) return Error(c.pos(), std::string(what) + " is required");
  if (!c.value->is_string()) {
    return Error(c.pos(), std::string(what) + " must be a string, not " +
                              std::string(c.value->TypeName()) + " (quote it)");
  }
  return c.value->string();
}

Result<std::string> YamlSource::Text(const Cursor& c, std::string_view what) const {
  if (!c.defined()) return Error(c.pos(), std::string(what) + " is required");
  if (!c.node.IsScalar() || !(c.value->is_string() || c.value->is_number())) {
    return Error(c.pos(), std::string(what) + " must be a string");
  }
  return c.node.Scalar();
}

Result<uint64_t> YamlSource::Unsigned(const Cursor& c, std::string_view what, uint64_t max) const {
  if (!c.defined()) return Error(c.pos(), std::string(what) + " is required");
  std::optional<int64_t> n = c.value->is_number() ? c.value->number().ToInt64() : std::nullopt;
  if (!n || *n < 0 || static_cast<uint64_t>(*n) > max) {
    return Error(c.pos(),
                 std::string(what) + " must be an integer from 0 to " + std::to_string(max));
  }
  return static_cast<uint64_t>(*n);
}

}  // namespace tf::policy::internal
