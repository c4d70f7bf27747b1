#include "rego/ir.h"

#include <functional>

#include "core/json.h"

namespace tf::rego::ir {

std::string_view OpName(Op op) {
  switch (op) {
    case Op::kAssign:
      return "Assign";
    case Op::kResetLocal:
      return "ResetLocal";
    case Op::kDot:
      return "Dot";
    case Op::kMakeArray:
      return "MakeArray";
    case Op::kMakeSet:
      return "MakeSet";
    case Op::kMakeObject:
      return "MakeObject";
    case Op::kTemplate:
      return "Template";
    case Op::kLoadInput:
      return "LoadInput";
    case Op::kLoadData:
      return "LoadData";
    case Op::kLoadDoc:
      return "LoadDoc";
    case Op::kLoadDocChild:
      return "LoadDocChild";
    case Op::kCallBuiltin:
      return "CallBuiltin";
    case Op::kCallFunc:
      return "CallFunc";
    case Op::kEqual:
      return "Equal";
    case Op::kNotEqual:
      return "NotEqual";
    case Op::kLess:
      return "Less";
    case Op::kLessEqual:
      return "LessEqual";
    case Op::kTruthy:
      return "Truthy";
    case Op::kIsKind:
      return "IsKind";
    case Op::kLenEqual:
      return "LenEqual";
    case Op::kIsDefined:
      return "IsDefined";
    case Op::kIsUndefined:
      return "IsUndefined";
    case Op::kScan:
      return "Scan";
    case Op::kNot:
      return "Not";
    case Op::kBlock:
      return "Block";
    case Op::kWith:
      return "With";
    case Op::kAssignOnce:
      return "AssignOnce";
    case Op::kSetAdd:
      return "SetAdd";
    case Op::kArrayAppend:
      return "ArrayAppend";
    case Op::kObjectInsert:
      return "ObjectInsert";
    case Op::kResultAdd:
      return "ResultAdd";
    case Op::kPrint:
      return "Print";
  }
  return "?";
}

namespace {

bool UsesA(Op op) {
  switch (op) {
    case Op::kAssign:
    case Op::kDot:
    case Op::kEqual:
    case Op::kNotEqual:
    case Op::kLess:
    case Op::kLessEqual:
    case Op::kTruthy:
    case Op::kIsKind:
    case Op::kLenEqual:
    case Op::kIsDefined:
    case Op::kIsUndefined:
    case Op::kScan:
    case Op::kAssignOnce:
    case Op::kSetAdd:
    case Op::kArrayAppend:
    case Op::kObjectInsert:
      return true;
    default:
      return false;
  }
}

bool UsesB(Op op) {
  return op == Op::kDot || op == Op::kLoadDocChild || op == Op::kEqual || op == Op::kNotEqual ||
         op == Op::kLess || op == Op::kLessEqual;
}

bool HasBlock(Op op) {
  return op == Op::kScan || op == Op::kNot || op == Op::kBlock || op == Op::kWith;
}

}  // namespace

Status Program::Verify() const {
  std::vector<int> references(blocks.size(), 0);
  auto fail = [](const std::string& what) { return Internal("IR verification failed: " + what); };
  for (size_t fi = 0; fi < funcs.size(); ++fi) {
    const Func& f = funcs[fi];
    if (f.body == kNone) continue;  // declared but never compiled (a compile error stopped it)
    std::string where = "function " + f.name;
    auto operand_ok = [&](const Operand& o) {
      return o.is_local() ? o.index < f.num_locals : o.index < constants.size();
    };
    std::function<Status(BlockId)> walk = [&](BlockId b) -> Status {
      if (b >= blocks.size()) return fail(where + ": block out of range");
      if (++references[b] > 1) return fail(where + ": block referenced twice");
      for (size_t i = 0; i < blocks[b].stmts.size(); ++i) {
        const Stmt& s = blocks[b].stmts[i];
        std::string at = where + ": " + std::string(OpName(s.op));
        // What follows an iteration is nested inside it; a statement after one would never run.
        if (s.op == Op::kScan && i + 1 != blocks[b].stmts.size())
          return fail(at + ": not last in block");
        if (UsesA(s.op) && !operand_ok(s.a)) return fail(at + ": bad operand a");
        if (UsesB(s.op) && !operand_ok(s.b)) return fail(at + ": bad operand b");
        for (const Operand& o : s.args) {
          if (!operand_ok(o)) return fail(at + ": bad argument");
        }
        if (s.dst != kNone && s.dst >= f.num_locals) return fail(at + ": bad destination");
        if (s.dst2 != kNone && s.dst2 >= f.num_locals) return fail(at + ": bad destination");
        if (s.op == Op::kCallBuiltin && s.target >= builtins.size())
          return fail(at + ": bad builtin");
        if (s.op == Op::kCallFunc && s.target >= funcs.size()) return fail(at + ": bad function");
        if ((s.op == Op::kLoadDoc || s.op == Op::kLoadDocChild) && s.target >= nodes.size()) {
          return fail(at + ": bad node");
        }
        if (s.op == Op::kWith && s.target + s.args.size() > with_targets.size()) {
          return fail(at + ": bad with target");
        }
        if (HasBlock(s.op)) TF_RETURN_IF_ERROR(walk(s.block));
      }
      return Status();
    };
    TF_RETURN_IF_ERROR(walk(f.body));
    for (LocalId p : f.params) {
      if (p >= f.num_locals) return fail(where + ": bad parameter");
    }
  }
  return Status();
}

std::string Program::Dump() const {
  std::string out;
  auto operand = [&](const Operand& o) {
    if (o.is_local()) return "l" + std::to_string(o.index);
    return ToJson(constants[o.index]);
  };
  std::function<void(BlockId, int)> block = [&](BlockId b, int depth) {
    for (const Stmt& s : blocks[b].stmts) {
      out.append(static_cast<size_t>(depth) * 2, ' ');
      out += OpName(s.op);
      if (s.dst != kNone) out += " l" + std::to_string(s.dst);
      if (s.dst2 != kNone) out += " l" + std::to_string(s.dst2);
      if (UsesA(s.op)) out += " " + operand(s.a);
      if (UsesB(s.op)) out += " " + operand(s.b);
      for (const Operand& o : s.args)
        out += " " + operand(o);
      if (s.op == Op::kCallBuiltin) out += " <" + std::string(builtins[s.target]->name) + ">";
      if (s.op == Op::kCallFunc) out += " <" + funcs[s.target].name + ">";
      if (s.op == Op::kLoadDoc || s.op == Op::kLoadDocChild) {
        out += " <node " + std::to_string(s.target) + ">";
      }
      if (s.op == Op::kLoadData) out += " " + ToJson(constants[s.target]);
      out += "\n";
      if (HasBlock(s.op)) block(s.block, depth + 1);
    }
  };
  for (size_t i = 0; i < funcs.size(); ++i) {
    const Func& f = funcs[i];
    out += "func " + std::to_string(i) + " " + f.name + " (locals " + std::to_string(f.num_locals) +
           ")\n";
    if (f.body != kNone) block(f.body, 1);
  }
  return out;
}

}  // namespace tf::rego::ir
