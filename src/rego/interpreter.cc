// Statement execution.
#include "rego/internal/interpreter.h"

#include <algorithm>

#include "rego/ast.h"

namespace tf::rego::internal {
namespace {

// Deep enough for any real policy; stops runaway `with` mocks that call themselves.
constexpr int kMaxCallDepth = 2000;
// Builtin arguments up to this count live on the C++ stack.
constexpr size_t kInlineArgs = 8;
// Cancellation and the step budget are checked once per this many statements.
constexpr uint64_t kStepCheckMask = 0x3FF;

std::string LocationPrefix(const Location& loc) {
  if (loc.source == nullptr || loc.line == 0) return "";
  return loc.source->name + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col) + ": ";
}

// Comparisons of two small integers or two booleans, the common operands of a policy's tests,
// without a call; anything else as Value compares it.
bool SameScalar(const Value& a, const Value& b) {
  return (a.is_small_int() && b.is_small_int()) || (a.is_bool() && b.is_bool());
}
int CompareValues(const Value& a, const Value& b) {
  if (a.is_small_int() && b.is_small_int()) {
    return (a.small_int() > b.small_int()) - (a.small_int() < b.small_int());
  }
  return a.Compare(b);
}
bool EqualValues(const Value& a, const Value& b) {
  if (SameScalar(a, b)) {
    return a.is_bool() ? a.bool_value() == b.bool_value() : a.small_int() == b.small_int();
  }
  return a == b;
}

// The element of `coll` under `key` (a set's member itself), or nullptr: kDot's lookup.
const Value* Lookup(const Value& coll, const Value& key) {
  return coll.is_set() ? coll.FindInSet(key) : coll.Find(key);
}

// A path into the input (`input.a.b`) compiles to a LoadInput followed by one kDot per key,
// each reading the local the previous one wrote. The first kMaxFoldedLookups of them are folded
// into the LoadInput's instruction (its count in `flags`), which saves a dispatch per key; each
// still writes its own local. Returns the number folded.
constexpr uint8_t kMaxFoldedLookups = 2;

uint8_t FoldInputLookups(const std::vector<ir::Stmt>& stmts, size_t load, Instr& instr) {
  uint8_t folded = 0;
  ir::LocalId from = stmts[load].dst;
  for (size_t i = load + 1; i < stmts.size() && folded < kMaxFoldedLookups; ++i) {
    const ir::Stmt& dot = stmts[i];
    if (dot.op != ir::Op::kDot || !dot.a.is_local() || dot.a.index != from) break;
    if (folded == 0) {
      instr.dst2 = dot.dst;
      instr.a = ToRef(dot.b);
    } else {
      instr.target = dot.dst;
      instr.b = ToRef(dot.b);
    }
    from = dot.dst;
    ++folded;
  }
  instr.flags = folded;
  return folded;
}

Status Conflict(std::string message) {
  return Status(ErrorCode::kEvalConflictError, std::move(message));
}

// Renders a template-string part: strings as they are, everything else as Rego text.
void AppendPart(std::string& out, const Value& v) {
  if (v.is_string()) {
    out += v.string();
  } else {
    out += ValueToRegoString(v);
  }
}

Status InsertPath(Value& obj, std::span<const Value> keys, const Value& value, bool into_set) {
  if (!obj.is_object()) return Conflict("object keys must be unique");
  if (keys.size() == 1 && into_set) {
    Value* leaf = obj.ObjectFindMutable(keys[0]);
    if (leaf == nullptr) {
      obj.ObjectInsertIfAbsent(keys[0], Value::EmptySet());
      leaf = obj.ObjectFindMutable(keys[0]);
    }
    if (!leaf->is_set()) return Conflict("object keys must be unique");
    leaf->SetInsert(value);
    return Status();
  }
  if (keys.size() == 1) {
    const Value* existing = obj.ObjectInsertIfAbsent(keys[0], value);
    if (existing != nullptr && *existing != value) return Conflict("object keys must be unique");
    return Status();
  }
  Value* child = obj.ObjectFindMutable(keys[0]);
  if (child == nullptr) {
    obj.ObjectInsertIfAbsent(keys[0], Value::EmptyObject());
    child = obj.ObjectFindMutable(keys[0]);
  }
  return InsertPath(*child, keys.subspan(1), value, into_set);
}

}  // namespace

Interpreter::Interpreter(const ir::Program& program)
    : program_(program), empty_object_(Value::EmptyObject()) {
  block_begin_.reserve(program.blocks.size() + 1);
  for (const ir::Block& block : program.blocks) {
    block_begin_.push_back(static_cast<uint32_t>(code_.size()));
    for (size_t i = 0; i < block.stmts.size(); ++i) {
      const ir::Stmt& s = block.stmts[i];
      Instr instr{s.op, s.flags, s.dst, s.dst2, ToRef(s.a), ToRef(s.b), s.target, s.block};
      if (s.op == ir::Op::kLoadInput) i += FoldInputLookups(block.stmts, i, instr);
      code_.push_back(instr);
      source_.push_back(&s);
    }
  }
  block_begin_.push_back(static_cast<uint32_t>(code_.size()));
  plain_doc_.reserve(program.nodes.size());
  for (const ir::Node& n : program.nodes) {
    const bool plain = n.partial_set == ir::kNone && n.object == ir::kNone && n.children.empty() &&
                       !n.path.empty();
    plain_doc_.push_back(plain ? n.complete : ir::kNone);
  }
}

Result<QueryResult> Interpreter::Run(size_t query, const EvalOptions& options) {
  if (query >= program_.queries.size()) {
    return InvalidArgument("no query number " + std::to_string(query));
  }
  options_ = &options;
  error_ = Status();
  steps_ = 0;
  depth_ = 0;
  input_store_.clear();
  input_ = nullptr;
  if (options.input != nullptr) {
    input_store_.push_back(*options.input);
    input_ = &input_store_.back();
  }
  data_ = options.data != nullptr ? options.data : &empty_object_;
  data_empty_ = data_->size() == 0;
  data_overrides_.clear();
  mocks_.clear();
  mock_floor_ = 0;
  cache_depth_ = 0;
  if (caches_.empty()) caches_.emplace_back();
  caches_[0].resize(program_.nodes.size());
  level_generation_.resize(1);
  level_generation_[0] = NextGeneration();
  memo_.clear();
  builtin_ctx_.now_ns = options.now_ns;
  builtin_ctx_.random = options.random != nullptr ? options.random : &system_random_;
  builtin_ctx_.memo = &memo_;
  builtin_ctx_.regexes = options.regexes;
  builtin_ctx_.host = options.host;
  base_ = 0;
  top_ = 0;
  QueryResult result;
  results_ = &result;
  query_ = &program_.queries[query];
  std::optional<Value> ignored;
  bool ok = RunFunc(query_->func, {}, &ignored);
  results_ = nullptr;
  if (!ok) return error_;
  return result;
}

uint32_t Interpreter::NextGeneration() {
  if (++generation_ == 0) {
    // Wrapped after four billion queries: forget every entry rather than trust a stale one.
    for (auto& level : caches_) {
      for (CacheEntry& e : level)
        e = CacheEntry();
    }
    generation_ = 1;
  }
  return generation_;
}

bool Interpreter::Step() {
  if (options_->cancel != nullptr && options_->cancel->load(std::memory_order_relaxed)) {
    error_ = Status(ErrorCode::kEvalCancelError, "caller cancelled query execution");
    return false;
  }
  if (options_->max_steps != 0 && steps_ > options_->max_steps) {
    error_ =
        Status(ErrorCode::kEvalCancelError,
               "evaluation budget of " + std::to_string(options_->max_steps) + " steps exceeded");
    return false;
  }
  return true;
}

bool Interpreter::RunFunc(ir::FuncId f, std::span<Value> args, std::optional<Value>* result) {
  const ir::Func& fn = program_.funcs[f];
  if (depth_ >= kMaxCallDepth) {
    error_ = Status(ErrorCode::kEvalLimitError, "maximum call depth exceeded in " + fn.name);
    return false;
  }
  ++depth_;
  size_t saved_base = base_;
  size_t frame = top_;
  top_ = frame + fn.num_locals;
  if (stack_.size() < top_) stack_.resize(top_);
  base_ = frame;
  for (size_t i = 0; i < args.size() && i < fn.params.size(); ++i)
    Set(fn.params[i], std::move(args[i]));
  Flow flow = RunBlock(fn.body, true);
  bool ok = flow != Flow::kError;
  if (ok && fn.result != ir::kNone && stack_[base_ + fn.result].defined) {
    Slot& r = stack_[base_ + fn.result];
    *result = r.borrowed != nullptr ? *r.borrowed : std::move(r.owned);
  } else {
    result->reset();
  }
  ClearSlots(frame, top_);
  top_ = frame;
  base_ = saved_base;
  --depth_;
  return ok;
}

void Interpreter::ClearSlots(size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    Slot& slot = stack_[i];
    if (!slot.owned.is_null()) slot.owned = Value();  // most slots borrow: nothing to release
    slot.borrowed = nullptr;
    slot.defined = false;
  }
}

Flow Interpreter::RunBlock(ir::BlockId block, bool all) {
  const Instr* end = code_.data() + block_begin_[block + 1];
  for (const Instr* it = code_.data() + block_begin_[block]; it != end; ++it) {
    const Instr& s = *it;
    if ((++steps_ & kStepCheckMask) == 0 && !Step()) return Flow::kError;
    // An iteration is always the last statement of its block: what follows it is nested.
    if (s.op == ir::Op::kScan) return RunScan(s, all);
    Flow f = RunStmt(s, all);
    if (f != Flow::kProduced) return f;
  }
  return Flow::kProduced;
}

Flow Interpreter::RunScan(const Instr& s, bool all) {
  // A collection in query-long storage is iterated in place and its elements borrowed. Any
  // other is held by a copy (a reference-count increment) because nested calls may grow the
  // stack under a reference, and its elements are copied into the slots.
  const Value* stable = Stable(s.a);
  Value held;
  if (stable == nullptr) held = Get(s.a);
  const Value& coll = stable != nullptr ? *stable : held;
  bool borrow = stable != nullptr;
  bool any = false;
  auto visit = [&](const Value& key, const Value& value, bool borrow_key) {
    SetFrom(s.dst, key, borrow_key);
    SetFrom(s.dst2, value, borrow);
    Flow f = RunBlock(s.block, all);
    if (f == Flow::kProduced) any = true;
    return f;
  };
  switch (coll.kind()) {
    case ValueKind::kArray: {
      auto items = coll.array();
      for (size_t i = 0; i < items.size(); ++i) {
        Flow f = visit(Value::Int(static_cast<int64_t>(i)), items[i], false);
        if (f == Flow::kError) return f;
        if (any && !all) break;
      }
      break;
    }
    case ValueKind::kObject:
      for (const auto& [k, v] : coll.object()) {
        Flow f = visit(k, v, borrow);
        if (f == Flow::kError) return f;
        if (any && !all) break;
      }
      break;
    case ValueKind::kSet:
      for (const Value& e : coll.set()) {
        Flow f = visit(e, e, borrow);
        if (f == Flow::kError) return f;
        if (any && !all) break;
      }
      break;
    default:
      return Flow::kFail;
  }
  return any ? Flow::kProduced : Flow::kFail;
}

Flow Interpreter::Fail(const ir::Stmt& s, Status status) {
  error_ = Status(status.code(), LocationPrefix(s.loc) + std::string(status.message()));
  return Flow::kError;
}

Flow Interpreter::BuiltinFailure(const ir::Stmt& s, const BuiltinDecl& decl, const Status& status) {
  if (IsBuiltinUndefined(status)) return Flow::kFail;
  if (!options_->strict_builtin_errors) return Flow::kFail;
  return Fail(s, WrapBuiltinError(decl.name, status));
}

Flow Interpreter::CallBuiltinDecl(const BuiltinDecl& decl, std::span<Value> args,
                                  const ir::Stmt& s) {
  Status st = CheckArgs(decl, args);
  if (!st.ok()) return BuiltinFailure(s, decl, st);
  Result<Value> r = decl.fn(builtin_ctx_, args);
  if (!r.ok()) return BuiltinFailure(s, decl, r.status());
  Set(s.dst, std::move(r).value());
  return Flow::kProduced;
}

Flow Interpreter::CallMocked(const Mock& mock, std::span<Value> args, const ir::Stmt& s) {
  switch (mock.target->replacement) {
    case ir::WithTarget::With::kValue:
      Set(s.dst, mock.value);
      return Flow::kProduced;
    case ir::WithTarget::With::kBuiltin:
      return CallBuiltinDecl(*program_.builtins[mock.target->replacement_id], args, s);
    case ir::WithTarget::With::kFunc: {
      // Inside a replacement every function is the original again (OPA: a mock calls neither
      // itself nor another mock).
      std::optional<Value> result;
      const size_t saved_floor = mock_floor_;
      mock_floor_ = mocks_.size();
      bool ok = RunFunc(mock.target->replacement_id, args, &result);
      mock_floor_ = saved_floor;
      if (!ok) return Flow::kError;
      if (!result) return Flow::kFail;
      Set(s.dst, std::move(*result));
      return Flow::kProduced;
    }
  }
  return Flow::kFail;
}

Flow Interpreter::Call(const ir::Stmt& s) {
  Value inline_args[kInlineArgs];
  std::vector<Value> heap_args;
  std::span<Value> args;
  if (s.args.size() <= kInlineArgs) {
    args = std::span<Value>(inline_args, s.args.size());
  } else {
    heap_args.resize(s.args.size());
    args = heap_args;
  }
  for (size_t i = 0; i < s.args.size(); ++i)
    args[i] = Get(s.args[i]);
  bool builtin = s.op == ir::Op::kCallBuiltin;
  if (!mocks_.empty()) {
    auto kind = builtin ? ir::WithTarget::Kind::kBuiltin : ir::WithTarget::Kind::kFunc;
    if (const Mock* m = FindMock(kind, s.target)) return CallMocked(*m, args, s);
  }
  if (builtin) return CallBuiltinDecl(*program_.builtins[s.target], args, s);
  std::optional<Value> result;
  if (!RunFunc(s.target, args, &result)) return Flow::kError;
  if (!result) return Flow::kFail;
  Set(s.dst, std::move(*result));
  return Flow::kProduced;
}

Flow Interpreter::MakeObject(const ir::Stmt& s) {
  std::vector<ObjectEntry> entries;
  entries.reserve(s.args.size() / 2);
  for (size_t i = 0; i + 1 < s.args.size(); i += 2)
    entries.emplace_back(Get(s.args[i]), Get(s.args[i + 1]));
  std::stable_sort(entries.begin(), entries.end(),
                   [](const ObjectEntry& a, const ObjectEntry& b) { return a.first < b.first; });
  for (size_t i = 1; i < entries.size(); ++i) {
    if (entries[i].first == entries[i - 1].first && entries[i].second != entries[i - 1].second) {
      return Fail(s, Conflict("object keys must be unique"));
    }
  }
  Set(s.dst, Value::Object(std::move(entries)));
  return Flow::kProduced;
}

Flow Interpreter::RecordSolution(const ir::Stmt& s) {
  Solution sol;
  sol.expressions.reserve(query_->num_exprs);
  for (size_t i = 0; i < query_->num_exprs; ++i)
    sol.expressions.push_back(Get(s.args[i]));
  if (query_->vars.empty()) {  // most queries: share one empty object instead of allocating
    sol.bindings = empty_object_;
    results_->solutions.push_back(std::move(sol));
    return Flow::kProduced;
  }
  std::vector<ObjectEntry> bindings;
  for (size_t i = 0; i < query_->vars.size(); ++i) {
    bindings.emplace_back(Value::String(query_->vars[i]), Get(s.args[query_->num_exprs + i]));
  }
  sol.bindings = Value::Object(std::move(bindings));
  results_->solutions.push_back(std::move(sol));
  return Flow::kProduced;
}

Flow Interpreter::Render(const ir::Stmt& s, std::string& out, std::string_view separator) {
  for (size_t i = 0; i < s.args.size(); ++i) {
    if (i > 0) out += separator;
    if (!IsDefined(s.args[i])) {
      out += "<undefined>";
    } else {
      AppendPart(out, Get(s.args[i]));
    }
  }
  return Flow::kProduced;
}

Flow Interpreter::RunStmt(const Instr& s, bool all) {
  using ir::Op;
  switch (s.op) {
    case Op::kAssign: {
      const Value* stable = Stable(s.a);
      if (stable != nullptr) {
        Borrow(s.dst, stable);
      } else {
        Value v = Get(s.a);
        Set(s.dst, std::move(v));
      }
      return Flow::kProduced;
    }
    case Op::kResetLocal: {
      Slot& slot = stack_[base_ + s.dst];
      slot.owned = Value();
      slot.borrowed = nullptr;
      slot.defined = false;
      return Flow::kProduced;
    }
    case Op::kDot: {
      const Value* found = Lookup(Get(s.a), Get(s.b));
      if (found == nullptr) return Flow::kFail;
      if (Stable(s.a) != nullptr) {
        Borrow(s.dst, found);
      } else {
        Value v = *found;
        Set(s.dst, std::move(v));
      }
      return Flow::kProduced;
    }
    case Op::kMakeArray:
    case Op::kMakeSet: {
      const std::vector<ir::Operand>& args = Source(s).args;
      std::vector<Value> items;
      items.reserve(s.op == Op::kMakeSet && s.target != ir::kNone
                        ? std::max<size_t>(args.size(), s.target)
                        : args.size());
      for (const ir::Operand& o : args)
        items.push_back(Get(o));
      Set(s.dst,
          s.op == Op::kMakeArray ? Value::Array(std::move(items)) : Value::Set(std::move(items)));
      return Flow::kProduced;
    }
    case Op::kMakeObject:
      return MakeObject(Source(s));
    case Op::kTemplate: {
      std::string out;
      Render(Source(s), out, "");
      Set(s.dst, Value::String(std::move(out)));
      return Flow::kProduced;
    }
    case Op::kLoadInput: {
      if (input_ == nullptr) return Flow::kFail;
      Borrow(s.dst, input_);
      if (s.flags == 0) return Flow::kProduced;
      // The folded lookups (FoldInputLookups), counted as the statements they were. Everything
      // reached from the input may be borrowed.
      steps_ += s.flags;
      const Value* found = Lookup(*input_, Get(s.a));
      if (found == nullptr) return Flow::kFail;
      Borrow(s.dst2, found);
      if (s.flags == 1) return Flow::kProduced;
      found = Lookup(*found, Get(s.b));
      if (found == nullptr) return Flow::kFail;
      Borrow(s.target, found);
      return Flow::kProduced;
    }
    case Op::kLoadData: {
      Value scratch;
      bool stable = false;
      const Value* v = LoadData(program_.constants[s.target], &scratch, &stable);
      if (v == nullptr) return Flow::kFail;
      if (stable) {
        Borrow(s.dst, v);
      } else {
        Set(s.dst, std::move(scratch));
      }
      return Flow::kProduced;
    }
    case Op::kLoadDoc: {
      const Value* v = nullptr;
      bool stable = false;
      if (!LoadDocRef(s.target, &v, &stable)) return Flow::kError;
      if (v == nullptr) return Flow::kFail;
      if (stable) {
        Borrow(s.dst, v);
      } else {
        Value copy = *v;
        Set(s.dst, std::move(copy));
      }
      return Flow::kProduced;
    }
    case Op::kLoadDocChild: {
      std::optional<Value> v;
      Value key = Get(s.b);
      if (!LoadDocChild(s.target, key, &v)) return Flow::kError;
      if (!v) return Flow::kFail;
      Set(s.dst, std::move(*v));
      return Flow::kProduced;
    }
    case Op::kCallBuiltin:
    case Op::kCallFunc:
      return Call(Source(s));
    case Op::kEqual:
      return EqualValues(Get(s.a), Get(s.b)) ? Flow::kProduced : Flow::kFail;
    case Op::kNotEqual:
      return EqualValues(Get(s.a), Get(s.b)) ? Flow::kFail : Flow::kProduced;
    case Op::kLess:
      return CompareValues(Get(s.a), Get(s.b)) < 0 ? Flow::kProduced : Flow::kFail;
    case Op::kLessEqual:
      return CompareValues(Get(s.a), Get(s.b)) <= 0 ? Flow::kProduced : Flow::kFail;
    case Op::kTruthy: {
      const Value& v = Get(s.a);
      return (v.is_bool() && !v.bool_value()) ? Flow::kFail : Flow::kProduced;
    }
    case Op::kIsKind:
      return (s.target & (1u << static_cast<int>(Get(s.a).kind()))) != 0 ? Flow::kProduced
                                                                         : Flow::kFail;
    case Op::kLenEqual:
      return Get(s.a).size() == s.target ? Flow::kProduced : Flow::kFail;
    case Op::kIsDefined:
      return IsDefined(s.a) ? Flow::kProduced : Flow::kFail;
    case Op::kIsUndefined:
      return IsDefined(s.a) ? Flow::kFail : Flow::kProduced;
    case Op::kScan:
      return RunScan(s, all);
    case Op::kNot: {
      Flow f = RunBlock(s.block, false);
      if (f == Flow::kError) return f;
      return f == Flow::kProduced ? Flow::kFail : Flow::kProduced;
    }
    case Op::kBlock: {
      Flow f = RunBlock(s.block, (s.flags & ir::kBlockAllSolutions) != 0);
      if (f == Flow::kError) return f;
      if ((s.flags & ir::kBlockMustProduce) && f == Flow::kFail) return Flow::kFail;
      return Flow::kProduced;
    }
    case Op::kWith:
      return RunWith(s);
    case Op::kAssignOnce: {
      const Value& v = Get(s.a);
      if (stack_[base_ + s.dst].defined) {
        if (Get(ir::Operand::Local(s.dst)) != v) {
          return Fail(Source(s), Conflict(program_.constants[s.target].string()));
        }
        return Flow::kProduced;
      }
      if (const Value* stable = Stable(s.a)) {
        Borrow(s.dst, stable);
      } else {
        Value copy = v;
        Set(s.dst, std::move(copy));
      }
      return Flow::kProduced;
    }
    case Op::kSetAdd: {
      Value v = Get(s.a);
      Owned(s.dst).SetInsert(std::move(v));
      return Flow::kProduced;
    }
    case Op::kArrayAppend: {
      Value v = Get(s.a);
      Owned(s.dst).ArrayAppend(std::move(v));
      return Flow::kProduced;
    }
    case Op::kObjectInsert: {
      std::vector<Value> keys;
      const std::vector<ir::Operand>& args = Source(s).args;
      keys.reserve(args.size());
      for (const ir::Operand& o : args)
        keys.push_back(Get(o));
      Value v = Get(s.a);
      Status st = InsertPath(Owned(s.dst), keys, v, (s.flags & ir::kInsertIntoSet) != 0);
      if (!st.ok()) return Fail(Source(s), st);
      return Flow::kProduced;
    }
    case Op::kResultAdd:
      return RecordSolution(Source(s));
    case Op::kPrint: {
      std::string line;
      Render(Source(s), line, " ");
      if (options_->print) options_->print(line);
      return Flow::kProduced;
    }
  }
  return Flow::kFail;
}

}  // namespace tf::rego::internal
