// Documents of the rule tree, base data and symbolic data paths.
#include "core/json.h"
#include "smt/internal/translator.h"
#include "smt/internal/z3_literals.h"

namespace tf::smt::internal {
namespace {

bool IsPrefix(const std::vector<std::string>& prefix, const std::vector<std::string>& path) {
  if (prefix.size() > path.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (prefix[i] != path[i]) return false;
  }
  return true;
}

// One step into base data, as the interpreter's storage reads it: a number key also finds the
// key spelled as that number.
const Value* StorageStep(const Value& v, const Value& key) {
  if (const Value* found = v.Find(key)) return found;
  if (v.is_object() && key.is_number()) return v.Find(std::string_view(key.number().ToString()));
  return nullptr;
}

std::string PathText(const std::vector<std::string>& path) {
  std::string out = "data";
  for (const std::string& p : path)
    out += "." + p;
  return out;
}

}  // namespace

bool Translator::OverlapsSymbolicData(const std::vector<std::string>& path) const {
  for (const std::vector<std::string>& root : options_.symbolic_data) {
    if (IsPrefix(root, path) || IsPrefix(path, root)) return true;
  }
  return false;
}

Result<SymVal> Translator::DataAt(const std::vector<Value>& path) {
  std::vector<std::string> text;
  for (const Value& p : path)
    text.push_back(p.is_string() ? p.string() : p.number().ToString());
  for (const std::vector<std::string>& root : options_.symbolic_data) {
    if (IsPrefix(root, text)) {
      uint32_t node = enc_.tree().DataRoot(root);
      for (size_t i = root.size(); i < path.size(); ++i) {
        if (!path[i].is_string()) return Unsupported("a number key below a symbolic data path");
        node = enc_.tree().Field(node, path[i].string());
      }
      return enc_.tree().Materialize(node);
    }
    if (IsPrefix(text, root)) {
      return Unsupported("reading " + PathText(text) + ", which contains the symbolic data path " +
                         PathText(root));
    }
  }
  const Value* cur = &data_;
  for (const Value& key : path) {
    cur = StorageStep(*cur, key);
    if (cur == nullptr) return UndefinedValue();
  }
  return enc_.Const(*cur);
}

Status Translator::ExecLoadData(const ir::Stmt& s, z3::expr& pc, Frame& f) {
  const Value& path = program_.constants[s.target];
  std::vector<Value> keys(path.array().begin(), path.array().end());
  Result<SymVal> v = DataAt(keys);
  if (!v.ok()) return Locate(v.status(), s.loc);
  pc = And(pc, Defined(ctx_, *v));
  Write(f, s.dst, *v, pc);
  return Status();
}

Result<const Translator::Doc*> Translator::LoadDoc(ir::NodeId id) {
  auto cached = docs_.find(id);
  if (cached != docs_.end()) return &cached->second;
  const ir::Node& n = program_.nodes[id];
  Location loc;
  for (ir::FuncId fid : {n.complete, n.partial_set, n.object}) {
    if (fid != ir::kNone) loc = program_.funcs[fid].loc;
  }
  if (OverlapsSymbolicData(n.path)) {
    return UnsupportedAt(loc, "rules at or above the symbolic data path " + PathText(n.path));
  }
  int funcs = (n.complete != ir::kNone) + (n.partial_set != ir::kNone) + (n.object != ir::kNone);
  if (funcs > 1) return UnsupportedAt(loc, "rules of several kinds defining " + PathText(n.path));
  z3::expr saved_error = error_;
  std::set<ir::NodeId> saved_nodes = std::move(nodes_);
  Assign(error_, ctx_.bool_val(false));
  nodes_.clear();
  SymVal doc;
  bool has = false;
  for (ir::FuncId fid : {n.complete, n.partial_set, n.object}) {
    if (fid == ir::kNone) continue;
    TF_ASSIGN_OR_RETURN(doc, CallFunc(fid, {}, ctx_.bool_val(true)));
    has = true;
  }
  bool is_namespace = funcs == 0;
  std::shared_ptr<Coll> ns;
  if (!n.children.empty() || is_namespace) {
    ns = std::make_shared<Coll>();
    ns->rep = CollRep::kEntries;
    for (const auto& [name, child] : n.children) {
      if (program_.nodes[child].is_function) continue;
      TF_ASSIGN_OR_RETURN(const Doc* cd, LoadDoc(child));
      // The interpreter computes every child while computing this document.
      AddError(cd->error);
      nodes_.insert(cd->nodes.begin(), cd->nodes.end());
      nodes_.insert(child);
      TF_ASSIGN_OR_RETURN(SymVal key, enc_.Const(Value::String(name)));
      ns->entries.push_back(Entry{Defined(ctx_, cd->value), std::move(key), cd->value});
    }
    if (!ns->entries.empty() || is_namespace) {
      if (has) return UnsupportedAt(loc, "rules both at " + PathText(n.path) + " and below it");
    } else {
      ns = nullptr;
    }
  }
  std::vector<Value> path;
  for (const std::string& p : n.path)
    path.push_back(Value::String(p));
  const Value* base = &data_;
  for (const std::string& p : n.path) {
    base = base->Find(std::string_view(p));
    if (base == nullptr) break;
  }
  if (base != nullptr && has) {
    return UnsupportedAt(loc, "base data and rules at the same path " + PathText(n.path));
  }
  if (base != nullptr && ns != nullptr) {
    if (!base->is_object()) {
      TF_ASSIGN_OR_RETURN(doc, enc_.Const(*base));  // base data wins a disagreement
    } else {
      // Base data merged over the namespace: its keys win; rule documents keep the others.
      auto merged = std::make_shared<Coll>();
      merged->rep = CollRep::kEntries;
      for (const auto& [k, v] : base->object()) {
        TF_ASSIGN_OR_RETURN(SymVal key, enc_.Const(k));
        TF_ASSIGN_OR_RETURN(SymVal value, enc_.Const(v));
        if (v.is_object() && k.is_string() && n.children.count(k.string()) != 0) {
          return UnsupportedAt(loc, "base data objects and rules under the same path " +
                                        PathText(n.path) + "." + k.string());
        }
        merged->entries.push_back(Entry{ctx_.bool_val(true), std::move(key), std::move(value)});
      }
      for (const Entry& e : ns->entries) {
        if (base->Find(*e.key.constant) == nullptr) merged->entries.push_back(e);
      }
      doc = CollValue(ctx_, ValueKind::kObject, std::move(merged));
    }
  } else if (base != nullptr) {
    TF_ASSIGN_OR_RETURN(doc, enc_.Const(*base));
  } else if (ns != nullptr) {
    doc = CollValue(ctx_, ValueKind::kObject, std::move(ns));
  }
  Doc result{std::move(doc), error_, std::move(nodes_)};
  error_ = saved_error;
  nodes_ = std::move(saved_nodes);
  return &docs_.emplace(id, std::move(result)).first->second;
}

Status Translator::ExecLoadDoc(const ir::Stmt& s, z3::expr& pc, Frame& f) {
  TF_ASSIGN_OR_RETURN(const Doc* d, LoadDoc(s.target));
  AddError(And(pc, d->error));
  nodes_.insert(d->nodes.begin(), d->nodes.end());
  nodes_.insert(s.target);
  pc = And(pc, Defined(ctx_, d->value));
  Write(f, s.dst, d->value, pc);
  return Status();
}

// data.ns[key] with a bound key: only that child is computed.
Status Translator::ExecLoadDocChild(const ir::Stmt& s, z3::expr& pc, Frame& f) {
  TF_ASSIGN_OR_RETURN(SymVal key, Get(f, s.b));
  const ir::Node& n = program_.nodes[s.target];
  // Candidates: rule children, then base-data keys at the namespace's path.
  std::vector<std::string> names;
  for (const auto& [name, child] : n.children) {
    if (!program_.nodes[child].is_function) names.push_back(name);
  }
  const Value* base = &data_;
  for (const std::string& p : n.path) {
    base = base->Find(std::string_view(p));
    if (base == nullptr) break;
  }
  if (key.constant) {
    names.clear();
    names.push_back(key.constant->is_string() ? key.constant->string() : ToJson(*key.constant));
  } else {
    if (!Encoder::OfKinds(key, static_cast<uint8_t>(~KindBit(ValueKind::kString))).undefined()) {
      return UnsupportedAt(s.loc,
                           "a data document read with a computed key that may not be a string");
    }
    if (base != nullptr && base->is_object()) {
      for (const auto& [k, v] : base->object()) {
        if (k.is_string() && n.children.count(k.string()) == 0) names.push_back(k.string());
      }
    }
  }
  SymVal out;
  for (const std::string& name : names) {
    z3::expr match = ctx_.bool_val(true);
    if (!key.constant) {
      Result<z3::expr> lit = enc_.StringConst(name);
      if (!lit.ok()) return Locate(lit.status(), s.loc);
      Result<SymVal> name_value = enc_.Const(Value::String(name));
      if (!name_value.ok()) return Locate(name_value.status(), s.loc);
      Result<z3::expr> eq = enc_.Equal(key, *name_value);
      if (!eq.ok()) return Locate(eq.status(), s.loc);
      match = *eq;
    }
    SymVal v;
    auto child = n.children.find(name);
    if (child != n.children.end() && !program_.nodes[child->second].is_function) {
      TF_ASSIGN_OR_RETURN(const Doc* d, LoadDoc(child->second));
      AddError(And(pc, And(match, d->error)));
      nodes_.insert(d->nodes.begin(), d->nodes.end());
      nodes_.insert(child->second);
      v = d->value;
    } else {
      std::vector<Value> path;
      for (const std::string& p : n.path)
        path.push_back(Value::String(p));
      path.push_back(Value::String(name));
      Result<SymVal> d = DataAt(path);
      if (!d.ok()) return Locate(d.status(), s.loc);
      v = *d;
    }
    for (Alt& a : Restrict(v, match).alts)
      out.alts.push_back(std::move(a));
  }
  out = Normalize(std::move(out));
  pc = And(pc, Defined(ctx_, out));
  Write(f, s.dst, out, pc);
  return Status();
}

}  // namespace tf::smt::internal
