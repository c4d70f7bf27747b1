// Documents of the rule tree, base data, and `with`.
#include "core/json.h"
#include "rego/internal/interpreter.h"

namespace tf::rego::internal {
namespace {

bool IsPrefix(const std::vector<std::string>& prefix, const std::vector<std::string>& path) {
  if (prefix.size() > path.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (prefix[i] != path[i]) return false;
  }
  return true;
}

// One step into base data. Storage paths are strings, so a number also finds the key spelled as
// that number ("2"), as OPA's store does; arrays take integral indexes.
const Value* StorageStep(const Value& v, const Value& key) {
  if (const Value* found = v.Find(key)) return found;
  if (v.is_object() && key.is_number()) return v.Find(std::string_view(key.number().ToString()));
  return nullptr;
}

std::optional<Value> Navigate(const Value& root, const std::vector<std::string>& path,
                              size_t from) {
  const Value* v = &root;
  for (size_t i = from; i < path.size(); ++i) {
    v = v->Find(std::string_view(path[i]));
    if (v == nullptr) return std::nullopt;
  }
  return *v;
}

// `base` with `value` placed at `path` (from index `from`), creating objects on the way and
// replacing non-objects, as `with` and data overrides do.
Value Upsert(Value base, const std::vector<std::string>& path, size_t from, const Value& value) {
  if (from == path.size()) return value;
  if (!base.is_object()) base = Value::EmptyObject();
  Value key = Value::String(path[from]);
  Value* child = base.ObjectFindMutable(key);
  Value next =
      Upsert(child != nullptr ? std::move(*child) : Value::EmptyObject(), path, from + 1, value);
  if (child != nullptr) {
    *base.ObjectFindMutable(key) = std::move(next);
  } else {
    base.ObjectInsertIfAbsent(std::move(key), std::move(next));
  }
  return base;
}

// Deep merge of two documents for one path: objects merge key by key. Below `leaf_depth`
// levels both sides hold rule values, which must agree rather than merge. When `a_wins`, a
// disagreement keeps `a` instead of being a conflict (base data over rules, as OPA does).
Result<Value> Merge(const Value& a, const Value& b, uint32_t leaf_depth, bool a_wins) {
  if (leaf_depth != 0 && a.is_object() && b.is_object()) {
    Value out = a;
    for (const auto& [k, v] : b.object()) {
      Value* existing = out.ObjectFindMutable(k);
      if (existing == nullptr) {
        out.ObjectInsertIfAbsent(k, v);
        continue;
      }
      uint32_t next = leaf_depth == UINT32_MAX ? UINT32_MAX : leaf_depth - 1;
      TF_ASSIGN_OR_RETURN(Value merged, Merge(*existing, v, next, a_wins));
      *out.ObjectFindMutable(k) = std::move(merged);
    }
    return out;
  }
  if (a == b || a_wins) return a;
  if (a.is_set() && b.is_set()) {
    // Contributions of multi-value rules to one set.
    Value out = a;
    for (const Value& e : b.set())
      out.SetInsert(e);
    return out;
  }
  return Status(ErrorCode::kEvalConflictError, "object keys must be unique");
}

constexpr uint32_t kMergeAll = UINT32_MAX;

}  // namespace

std::optional<Value> Interpreter::BaseData(const std::vector<std::string>& path) const {
  return Navigate(*data_, path, 0);
}

const Value* Interpreter::LoadData(const Value& path_value, Value* scratch, bool* stable) const {
  const Value* cur = data_;
  for (const Value& key : path_value.array()) {
    cur = StorageStep(*cur, key);
    if (cur == nullptr) break;
  }
  *stable = true;
  if (data_overrides_.empty()) return cur;
  std::vector<std::string> path;
  for (const Value& p : path_value.array()) {
    path.push_back(p.is_string() ? p.string() : p.number().ToString());
  }
  std::optional<Value> v;
  bool replaced = false;
  for (auto it = data_overrides_.rbegin(); it != data_overrides_.rend(); ++it) {
    if (IsPrefix(it->path, path)) {
      v = Navigate(it->value, path, it->path.size());
      replaced = true;
      break;
    }
  }
  bool patched = false;
  if (!replaced) {
    if (cur != nullptr) v = *cur;
    for (const DataOverride& o : data_overrides_) {
      if (o.path.size() > path.size() && IsPrefix(path, o.path)) {
        v = Upsert(v ? *v : Value::EmptyObject(), o.path, path.size(), o.value);
        patched = true;
      }
    }
  }
  if (!replaced && !patched) return cur;
  *stable = false;
  if (!v) return nullptr;
  *scratch = std::move(*v);
  return scratch;
}

bool Interpreter::LoadDocRef(ir::NodeId node, const Value** out, bool* stable) {
  uint32_t gen = level_generation_[cache_depth_];
  *stable = cache_depth_ == 0;
  {
    CacheEntry& e = caches_[cache_depth_][node];
    if (e.generation == gen) {
      if (e.state == 3) {
        error_ = Status(ErrorCode::kRegoRecursionError, "document evaluated recursively");
        return false;
      }
      *out = e.state == 1 ? &e.value : nullptr;
      return true;
    }
    e.generation = gen;
    e.state = 3;
  }
  std::optional<Value> doc;
  if (!ComputeDoc(node, &doc)) return false;
  // Re-find the entry: computing may have grown the cache list (a nested `with`).
  CacheEntry& e = caches_[cache_depth_][node];
  e.state = doc ? 1 : 2;
  e.value = doc ? std::move(*doc) : Value();
  *out = doc ? &e.value : nullptr;
  return true;
}

bool Interpreter::LoadDoc(ir::NodeId node, std::optional<Value>* out) {
  const Value* v = nullptr;
  bool stable = false;
  if (!LoadDocRef(node, &v, &stable)) return false;
  *out = v != nullptr ? std::optional<Value>(*v) : std::nullopt;
  return true;
}

bool Interpreter::ComputeDoc(ir::NodeId node, std::optional<Value>* out) {
  // The general case below then comes to this: base data, children and overrides add nothing.
  if (plain_doc_[node] != ir::kNone && data_empty_ && data_overrides_.empty()) {
    return RunFunc(plain_doc_[node], {}, out);
  }
  const ir::Node& n = program_.nodes[node];
  for (auto it = data_overrides_.rbegin(); it != data_overrides_.rend(); ++it) {
    if (IsPrefix(it->path, n.path)) {
      *out = Navigate(it->value, n.path, it->path.size());
      return true;
    }
  }
  std::optional<Value> doc;
  uint32_t leaf_depth = kMergeAll;
  auto merge_in = [&](Value v) {
    if (!doc) {
      doc = std::move(v);
      return true;
    }
    Result<Value> m = Merge(*doc, v, leaf_depth, false);
    if (!m.ok()) {
      error_ = m.status();
      return false;
    }
    doc = std::move(*m);
    return true;
  };
  for (ir::FuncId f : {n.complete, n.partial_set, n.object}) {
    if (f == ir::kNone) continue;
    std::optional<Value> part;
    if (!RunFunc(f, {}, &part)) return false;
    if (part && !merge_in(std::move(*part))) return false;
    if (f == n.object) leaf_depth = n.object_leaf_depth;
  }
  bool is_namespace =
      n.complete == ir::kNone && n.partial_set == ir::kNone && n.object == ir::kNone;
  if (!n.children.empty() || is_namespace) {
    std::vector<ObjectEntry> entries;
    for (const auto& [name, child] : n.children) {
      if (program_.nodes[child].is_function) continue;
      std::optional<Value> cv;
      if (!LoadDoc(child, &cv)) return false;
      if (cv) entries.emplace_back(Value::String(name), std::move(*cv));
    }
    if ((!entries.empty() || is_namespace) &&
        !merge_in(Value::ObjectFromSorted(std::move(entries)))) {
      return false;
    }
  }
  if (std::optional<Value> base = BaseData(n.path)) {
    if (!doc) {
      doc = std::move(base);
    } else {
      Result<Value> m = Merge(*base, *doc, kMergeAll, true);
      if (!m.ok()) {
        error_ = m.status();
        return false;
      }
      doc = std::move(*m);
    }
  }
  for (const DataOverride& o : data_overrides_) {
    if (o.path.size() > n.path.size() && IsPrefix(n.path, o.path)) {
      doc = Upsert(doc ? *doc : Value::EmptyObject(), o.path, n.path.size(), o.value);
    }
  }
  *out = std::move(doc);
  return true;
}

const Interpreter::Mock* Interpreter::FindMock(ir::WithTarget::Kind kind, uint32_t id) const {
  for (size_t i = mocks_.size(); i > mock_floor_; --i) {
    const Mock& m = mocks_[i - 1];
    if (m.target->kind == kind && m.target->id == id) return &m;
  }
  return nullptr;
}

// One key of a namespace's document without computing its siblings: the child node's document
// (if any) merged under the base data at that key.
bool Interpreter::LoadDocChild(ir::NodeId node, const Value& key, std::optional<Value>* out) {
  const ir::Node& n = program_.nodes[node];
  std::string name = key.is_string() ? key.string() : ToJson(key);
  std::optional<Value> doc;
  auto it = n.children.find(name);
  if (it != n.children.end() && !program_.nodes[it->second].is_function) {
    if (!LoadDoc(it->second, &doc)) return false;
  } else {
    std::vector<std::string> path = n.path;
    path.push_back(name);
    std::vector<Value> parts;
    for (const std::string& p : path)
      parts.push_back(Value::String(p));
    Value scratch;
    bool stable = false;
    const Value* v = LoadData(Value::Array(std::move(parts)), &scratch, &stable);
    if (v != nullptr) doc = *v;
  }
  *out = std::move(doc);
  return true;
}

void Interpreter::PushCache() {
  ++cache_depth_;
  if (caches_.size() <= cache_depth_) caches_.emplace_back();
  caches_[cache_depth_].resize(program_.nodes.size());
  if (level_generation_.size() <= cache_depth_) level_generation_.resize(cache_depth_ + 1);
  level_generation_[cache_depth_] = NextGeneration();
}

void Interpreter::PopCache() {
  --cache_depth_;
}

Flow Interpreter::RunWith(const Instr& s) {
  size_t saved_overrides = data_overrides_.size();
  size_t saved_mocks = mocks_.size();
  const Value* saved_input = input_;
  const std::vector<ir::Operand>& args = Source(s).args;
  for (size_t i = 0; i < args.size(); ++i) {
    const ir::WithTarget& t = program_.with_targets[s.target + i];
    Value v = Get(args[i]);
    switch (t.kind) {
      case ir::WithTarget::Kind::kInput:
        input_store_.push_back(
            Upsert(input_ != nullptr ? *input_ : Value::EmptyObject(), t.path, 0, v));
        input_ = &input_store_.back();
        break;
      case ir::WithTarget::Kind::kData:
        data_overrides_.push_back({t.path, std::move(v)});
        break;
      case ir::WithTarget::Kind::kFunc:
      case ir::WithTarget::Kind::kBuiltin:
        mocks_.push_back({&t, std::move(v)});
        break;
    }
  }
  PushCache();
  Flow f = RunBlock(s.block, (s.flags & ir::kBlockAllSolutions) != 0);
  PopCache();
  data_overrides_.resize(saved_overrides);
  mocks_.resize(saved_mocks);
  input_ = saved_input;
  if (f == Flow::kError) return f;
  if ((s.flags & ir::kBlockMustProduce) && f == Flow::kFail) return Flow::kFail;
  return Flow::kProduced;
}

}  // namespace tf::rego::internal
