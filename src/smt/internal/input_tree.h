// File: smt/internal/input_tree.h
//
// The symbolic input (and any symbolic data paths): a tree of nodes, one per path the policy
// reads, created when the translation first reads it. A node is a JSON value of unknown kind
// (an Int `kind`, one variable per payload: Bool, Real, String, array length), unless the input
// schema pins its kinds. Object fields are created per constant key; array elements up to the
// configured bound, element i present iff i < length. The schema's constraints (and the array
// bound) are collected as assumptions as nodes are created.
//
// Without a schema nothing is assumed about a node but that it is JSON: every kind remains
// possible, so counterexamples that put a string where the policy expects a number are found.
#ifndef TF_SMT_INTERNAL_INPUT_TREE_H_
#define TF_SMT_INTERNAL_INPUT_TREE_H_

#include <z3++.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "smt/internal/schema_view.h"
#include "smt/internal/sym_value.h"

namespace tf::smt::internal {

inline constexpr uint32_t kNoNode = UINT32_MAX;

struct InputNode {
  explicit InputNode(z3::context& ctx) : present(ctx), kind(ctx), b(ctx), n(ctx), s(ctx) {}

  std::string name;  // "input.record.class", "input.items[2]", "data.limits"
  uint32_t parent = kNoNode;
  std::string key;  // field name (objects) or index text (arrays)
  bool is_element = false;
  z3::expr present;                // the value exists
  uint8_t kinds = kJsonKinds;      // kinds the schema allows (bit per ValueKind)
  z3::expr kind;                   // Int: the ValueKind (constant when only one kind is allowed)
  z3::expr b, n, s;                // payloads: Bool, Real, String
  std::optional<z3::expr> length;  // Int, created when the policy reads the node as an array
  std::vector<uint32_t> elements;
  std::map<std::string, uint32_t> fields;
  std::vector<uint32_t> schemas;  // one SchemaNode index per schema that constrains this node
  std::optional<SymVal> materialized;
};

class InputTree {
 public:
  InputTree(z3::context& ctx, uint32_t array_bound);
  InputTree(const InputTree&) = delete;
  InputTree& operator=(const InputTree&) = delete;

  // Constrains the input by `schema` (for a diff, both versions' schemas apply). REQUIRES: no
  // node was created yet.
  Status AddSchema(const Value& schema);

  uint32_t InputRoot();
  // The input root if the translation read the input, else kNoNode.
  uint32_t input_root() const { return input_root_; }
  // A symbolic data document at `path` (below data), which may be absent.
  uint32_t DataRoot(const std::vector<std::string>& path);
  const std::map<std::vector<std::string>, uint32_t>& data_roots() const { return data_roots_; }

  // The node as a guarded union over its possible kinds (defined where present).
  SymVal Materialize(uint32_t node);
  // The field `key` of an object node (absent where the node is not an object).
  uint32_t Field(uint32_t node, const std::string& key);
  // When every schema closes this object, the keys it may have (sorted); nullopt otherwise.
  std::optional<std::vector<std::string>> ClosedKeys(uint32_t node) const;
  // Elements 0..bound-1 of an array node; element i is present iff i < Length(node).
  const std::vector<uint32_t>& Elements(uint32_t node);
  // The array length (Int). Assumed at most the bound.
  z3::expr Length(uint32_t node);

  const InputNode& node(uint32_t i) const { return nodes_[i]; }
  size_t num_nodes() const { return nodes_.size(); }
  uint32_t array_bound() const { return bound_; }
  // True once an array whose schema does not bound it within array_bound() was read as an
  // array: results then hold for arrays up to the bound.
  bool bounded() const { return bounded_; }
  // Adds an assumption that holds for every input (e.g. the bounds of a fresh variable an
  // encoding introduced).
  void Assume(const z3::expr& fact) { constraints_.push_back(fact); }
  // Assumptions collected so far; constraints_[i] for i >= from are the new ones.
  const std::vector<z3::expr>& constraints() const { return constraints_; }
  const std::vector<SchemaView>& schemas() const { return schemas_; }
  z3::context& ctx() { return ctx_; }

 private:
  uint32_t NewNode(std::string name, uint32_t parent, std::string key, bool is_element,
                   const z3::expr& present, std::vector<uint32_t> schemas);
  void ConstrainScalars(uint32_t node);
  z3::expr KindIs(const InputNode& n, ValueKind k) const;

  z3::context& ctx_;
  uint32_t bound_;
  bool bounded_ = false;
  std::vector<SchemaView> schemas_;
  std::vector<InputNode> nodes_;
  uint32_t input_root_ = kNoNode;
  std::map<std::vector<std::string>, uint32_t> data_roots_;
  std::vector<z3::expr> constraints_;
};

}  // namespace tf::smt::internal

#endif  // TF_SMT_INTERNAL_INPUT_TREE_H_
