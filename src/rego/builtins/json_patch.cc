// json.patch: RFC 6902 JSON Patch as OPA applies it. Paths may omit the leading '/' or be arrays
// of segments; a set member is addressed by the member itself. The patches apply atomically:
// any failing operation makes the result undefined rather than an error.
#include <algorithm>
#include <charconv>
#include <optional>

#include "rego/builtins/families.h"
#include "rego/builtins/json_pointer.h"

namespace tf::rego::builtins {
namespace {

using Path = std::span<const Value>;

Status PatchFailed() {
  return BuiltinUndefined();
}

// An array position: an integer number or its decimal string; "-" is the end (for inserts).
std::optional<size_t> ArrayIndex(const Value& segment, size_t length) {
  if (segment.is_string() && segment.string() == "-") return length;
  int64_t i = -1;
  if (segment.is_number()) {
    i = segment.number().ToInt64().value_or(-1);
  } else if (segment.is_string()) {
    const std::string& s = segment.string();
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  }
  if (i < 0) return std::nullopt;
  return static_cast<size_t>(i);
}

std::optional<Value> Lookup(const Value& doc, Path path) {
  const Value* node = &doc;
  for (const Value& segment : path) {
    if (node->is_object()) {
      node = node->Find(segment);
    } else if (node->is_array()) {
      std::optional<size_t> i = ArrayIndex(segment, node->array().size());
      node = (i && *i < node->array().size()) ? &node->array()[*i] : nullptr;
    } else if (node->is_set()) {
      node = node->Contains(segment) ? &segment : nullptr;
    } else {
      node = nullptr;
    }
    if (node == nullptr) return std::nullopt;
  }
  return *node;
}

std::vector<Value> Members(const Value& set) {
  return {set.set().begin(), set.set().end()};
}

// `container` with its child at `segment` replaced by `child`, or, when `child` is null,
// removed. Insertion (`insert`) adds a new child instead of requiring an existing one.
Result<Value> Edit(const Value& container, const Value& segment, const std::optional<Value>& child,
                   bool insert) {
  if (container.is_object()) {
    if (!insert && container.Find(segment) == nullptr) return PatchFailed();
    std::vector<ObjectEntry> entries(container.object().begin(), container.object().end());
    std::erase_if(entries, [&](const ObjectEntry& e) { return e.first == segment; });
    if (child) entries.emplace_back(segment, *child);
    return Value::Object(std::move(entries));
  }
  if (container.is_array()) {
    std::vector<Value> items(container.array().begin(), container.array().end());
    std::optional<size_t> i = ArrayIndex(segment, items.size());
    if (!i || *i > items.size() || (!insert && *i == items.size())) return PatchFailed();
    if (!insert) items.erase(items.begin() + static_cast<std::ptrdiff_t>(*i));
    if (child) items.insert(items.begin() + static_cast<std::ptrdiff_t>(*i), *child);
    return Value::Array(std::move(items));
  }
  if (container.is_set()) {
    if (!insert && !container.Contains(segment)) return PatchFailed();
    // A set member is its own path: adding under key k only makes sense for the value k.
    if (insert && child && *child != segment) return PatchFailed();
    std::vector<Value> items = Members(container);
    if (!insert) std::erase(items, segment);
    if (child) items.push_back(*child);
    return Value::Set(std::move(items));
  }
  return PatchFailed();
}

// Applies `edit` to the node at `path` (its last segment inside its parent).
Result<Value> EditAt(const Value& doc, Path path, const std::optional<Value>& child, bool insert) {
  if (path.size() == 1) return Edit(doc, path[0], child, insert);
  std::optional<Value> next = Lookup(doc, path.first(1));
  if (!next) return PatchFailed();
  TF_ASSIGN_OR_RETURN(Value edited, EditAt(*next, path.subspan(1), child, insert));
  return Edit(doc, path[0], edited, false);
}

Result<Value> Add(const Value& doc, Path path, const Value& value) {
  if (path.empty()) return value;
  return EditAt(doc, path, value, true);
}

Result<Value> RemoveAt(const Value& doc, Path path) {
  if (path.empty()) return PatchFailed();
  return EditAt(doc, path, std::nullopt, false);
}

struct Operation {
  std::string op;
  std::vector<Value> path, from;
  Value value;
};

Result<Operation> ReadOperation(const Value& patch) {
  if (!patch.is_object()) return PatchFailed();
  const Value* op = patch.Find("op");
  const Value* path = patch.Find("path");
  if (op == nullptr || !op->is_string() || path == nullptr) return PatchFailed();
  Operation out{.op = op->string()};
  static constexpr std::string_view kOps[] = {"add", "remove", "replace", "move", "copy", "test"};
  if (std::find(std::begin(kOps), std::end(kOps), out.op) == std::end(kOps)) return PatchFailed();
  Result<std::vector<Value>> segments = ParsePathOperand(*path, 2);
  if (!segments.ok()) return PatchFailed();
  out.path = std::move(*segments);
  if (out.op == "move" || out.op == "copy") {
    const Value* from = patch.Find("from");
    if (from == nullptr) return PatchFailed();
    Result<std::vector<Value>> from_segments = ParsePathOperand(*from, 2);
    if (!from_segments.ok()) return PatchFailed();
    out.from = std::move(*from_segments);
  }
  if (out.op == "add" || out.op == "replace" || out.op == "test") {
    const Value* value = patch.Find("value");
    if (value == nullptr) return PatchFailed();
    out.value = *value;
  }
  return out;
}

Result<Value> Apply(const Value& doc, const Operation& o) {
  if (o.op == "add") return Add(doc, o.path, o.value);
  if (o.op == "remove") return RemoveAt(doc, o.path);
  if (o.op == "replace") {
    TF_ASSIGN_OR_RETURN(Value removed, o.path.empty() ? Result<Value>(doc) : RemoveAt(doc, o.path));
    return Add(removed, o.path, o.value);
  }
  std::optional<Value> source = Lookup(doc, o.op == "test" ? o.path : o.from);
  if (!source) return PatchFailed();
  if (o.op == "test") return *source == o.value ? Result<Value>(doc) : PatchFailed();
  if (o.op == "copy") return Add(doc, o.path, *source);
  TF_ASSIGN_OR_RETURN(Value removed, RemoveAt(doc, o.from));
  return Add(removed, o.path, *source);
}

Result<Value> Patch(BuiltinContext&, std::span<const Value> a) {
  Value doc = a[0];
  for (const Value& patch : a[1].array()) {
    TF_ASSIGN_OR_RETURN(Operation op, ReadOperation(patch));
    TF_ASSIGN_OR_RETURN(doc, Apply(doc, op));
  }
  return doc;
}

}  // namespace

std::vector<BuiltinDecl> JsonPatchBuiltins() {
  return {
      {.name = "json.patch",
       .params = {{kAnyKind, "object"}, {kArray, "patches"}},
       .result = kAnyKind,
       .fn = Patch},
  };
}

}  // namespace tf::rego::builtins
