// Bodies, expressions and terms.
#include <algorithm>
#include <utility>

#include "rego/internal/parser_impl.h"

namespace tf::rego::internal {
namespace {

// Guards recursion depth for the lifetime of one parse function.
class DepthGuard {
 public:
  explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }
  ~DepthGuard() { --depth_; }
  bool exceeded() const { return depth_ > kMaxParseDepth; }

 private:
  int& depth_;
};

const char* RelationOp(Tok t) {
  switch (t) {
    case Tok::kEq:
      return "equal";
    case Tok::kNeq:
      return "neq";
    case Tok::kLt:
      return "lt";
    case Tok::kLte:
      return "lte";
    case Tok::kGt:
      return "gt";
    case Tok::kGte:
      return "gte";
    default:
      return nullptr;
  }
}

bool IsMemberCall(const Term& t) {
  if (!t.IsCall()) return false;
  std::string op = t.OperatorName();
  return op == "internal.member_2" || op == "internal.member_3";
}

}  // namespace

Term ParserImpl::Wildcard(const Location& loc) {
  // Unique per source position, so template-string sub-parsers never collide with their host.
  return Term::Var("$_" + std::to_string(loc.offset) + "_" + std::to_string(wildcard_count_++),
                   loc);
}

std::optional<Body> ParserImpl::ParseBody(Tok end) {
  DepthGuard guard(depth_);
  if (guard.exceeded()) {
    Error(Cur().loc, "nesting too deep");
    return std::nullopt;
  }
  Body body;
  while (true) {
    if (At(end)) break;
    std::optional<Expr> e = ParseLiteral();
    if (!e) return std::nullopt;
    body.push_back(std::move(*e));
    if (At(Tok::kSemicolon)) {
      Advance();
      continue;
    }
    if (At(end)) break;
    if (!Cur().newline_before) {
      Unexpected(end == Tok::kEof ? "; or newline"
                                  : std::string("; or newline or ") + std::string(TokName(end)));
      return std::nullopt;
    }
  }
  if (body.empty()) {
    Error(Cur().loc, "found empty body");
    return std::nullopt;
  }
  return body;
}

std::optional<Expr> ParserImpl::ParseLiteral() {
  if (AtKeyword("some")) return ParseSome();
  if (AtKeyword("every")) return ParseEvery();
  Expr expr;
  expr.loc = Cur().loc;
  if (AtKeyword("not") && !(PeekTok().kind == Tok::kLBrack && !PeekTok().space_before)) {
    expr.negated = true;
    Advance();
  }
  std::optional<Term> t = ParseExprTerm();
  if (!t) return std::nullopt;
  expr.terms.push_back(std::move(*t));
  if (!ParseWith(expr)) return std::nullopt;
  return expr;
}

bool ParserImpl::ParseWith(Expr& expr) {
  while (AtKeyword("with")) {
    WithClause w;
    w.loc = Cur().loc;
    Advance();
    std::optional<Term> target = ParseTerm();
    if (!target) return false;
    if (!AtKeyword("as")) {
      Unexpected("as");
      return false;
    }
    Advance();
    std::optional<Term> value = ParseTermIn(false);
    if (!value) return false;
    w.target = std::move(*target);
    w.value = std::move(*value);
    expr.with.push_back(std::move(w));
  }
  return true;
}

std::optional<Expr> ParserImpl::ParseSome() {
  Expr expr;
  expr.loc = Cur().loc;
  Advance();
  std::optional<Term> first = ParseTermIn(true);
  if (!first) return std::nullopt;
  if (IsMemberCall(*first)) {
    expr.kind = ExprKind::kSomeIn;
    expr.has_key = first->args.size() == 4;
    for (size_t i = 1; i < first->args.size(); ++i)
      expr.terms.push_back(std::move(first->args[i]));
    if (!ParseWith(expr)) return std::nullopt;
    return expr;
  }
  expr.kind = ExprKind::kSomeDecl;
  expr.terms.push_back(std::move(*first));
  while (At(Tok::kComma)) {
    Advance();
    // ParseTermIn's `k, v in` lookahead has parsed the term after the first comma once
    // already: one that cannot be a var is refused on its token, not parsed again, so nested
    // `some a, [x | some b, [...]]` costs linear time, not 2^depth.
    bool continues = PeekTok().kind == Tok::kDot || PeekTok().kind == Tok::kLBrack ||
                     PeekTok().kind == Tok::kLParen;
    if (!At(Tok::kIdent) || (continues && !PeekTok().space_before)) {
      std::string got = At(Tok::kIdent) ? Cur().text + std::string(TokName(PeekTok().kind))
                                        : std::string(TokName(Cur().kind));
      Error(Cur().loc, "expected var or `x in xs` after some, got " + got);
      return std::nullopt;
    }
    std::optional<Term> v = ParseTerm();
    if (!v) return std::nullopt;
    expr.terms.push_back(std::move(*v));
  }
  for (const Term& v : expr.terms) {
    if (!v.IsVar()) {
      Error(v.loc, "expected var or `x in xs` after some, got " + TermToString(v));
      return std::nullopt;
    }
  }
  return expr;
}

std::optional<Expr> ParserImpl::ParseEvery() {
  Expr expr;
  expr.kind = ExprKind::kEvery;
  expr.loc = Cur().loc;
  Advance();
  std::optional<Term> domain = ParseTermIn(true);
  if (!domain) return std::nullopt;
  if (!IsMemberCall(*domain)) {
    Error(expr.loc, "unexpected every keyword: expected `x[, y] in xs { ... }` expression");
    return std::nullopt;
  }
  expr.has_key = domain->args.size() == 4;
  for (size_t i = 1; i < domain->args.size(); ++i)
    expr.terms.push_back(std::move(domain->args[i]));
  for (size_t i = 0; i + 1 < expr.terms.size(); ++i) {
    if (!expr.terms[i].IsVar()) {
      Error(expr.terms[i].loc, expr.has_key && i == 0 ? "expected key to be a variable"
                                                      : "expected value to be a variable");
      return std::nullopt;
    }
  }
  if (!Expect(Tok::kLBrace, "{")) return std::nullopt;
  std::optional<Body> body = ParseBody(Tok::kRBrace);
  if (!body || !Expect(Tok::kRBrace, "}")) return std::nullopt;
  expr.body = std::move(*body);
  if (!ParseWith(expr)) return std::nullopt;
  return expr;
}

std::optional<Term> ParserImpl::ParseExprTerm() {
  std::optional<Term> lhs = ParseTermIn(true);
  if (!lhs) return std::nullopt;
  if (At(Tok::kAssign) || At(Tok::kUnify)) {
    std::string op = At(Tok::kAssign) ? "assign" : "eq";
    Location loc = Cur().loc;
    Advance();
    std::optional<Term> rhs = ParseTermIn(true);
    if (!rhs) return std::nullopt;
    return Term::Call(op, {std::move(*lhs), std::move(*rhs)}, loc);
  }
  return lhs;
}

std::optional<Term> ParserImpl::ParseTermIn(bool allow_key_value, std::optional<Term> head) {
  DepthGuard guard(depth_);
  if (guard.exceeded()) {
    Error(Cur().loc, "nesting too deep");
    return std::nullopt;
  }
  std::optional<Term> lhs = ParseRelation(std::move(head));
  if (!lhs) return std::nullopt;
  if (allow_key_value && At(Tok::kComma)) {
    // `k, v in xs`: try it, and back off if there is no `in`.
    size_t saved = pos_;
    Advance();
    std::optional<Term> mid = ParseRelation();
    if (mid && AtKeyword("in")) {
      Location loc = Cur().loc;
      Advance();
      std::optional<Term> rhs = ParseRelation();
      if (!rhs) return std::nullopt;
      lhs =
          Term::Call("internal.member_3", {std::move(*lhs), std::move(*mid), std::move(*rhs)}, loc);
    } else {
      if (failed()) return std::nullopt;
      pos_ = saved;
      return lhs;
    }
  }
  while (AtKeyword("in")) {
    Location loc = Cur().loc;
    Advance();
    std::optional<Term> rhs = ParseRelation();
    if (!rhs) return std::nullopt;
    lhs = Term::Call("internal.member_2", {std::move(*lhs), std::move(*rhs)}, loc);
  }
  return lhs;
}

std::optional<Term> ParserImpl::ParseRelation(std::optional<Term> head) {
  std::optional<Term> lhs = ParseOr(std::move(head));
  while (lhs && RelationOp(Cur().kind) != nullptr) {
    std::string op = RelationOp(Cur().kind);
    Location loc = Cur().loc;
    Advance();
    std::optional<Term> rhs = ParseOr();
    if (!rhs) return std::nullopt;
    lhs = Term::Call(op, {std::move(*lhs), std::move(*rhs)}, loc);
  }
  return lhs;
}

std::optional<Term> ParserImpl::ParseOr(std::optional<Term> head) {
  std::optional<Term> lhs = ParseAnd(std::move(head));
  while (lhs && At(Tok::kBar)) {
    Location loc = Cur().loc;
    Advance();
    std::optional<Term> rhs = ParseAnd();
    if (!rhs) return std::nullopt;
    lhs = Term::Call("or", {std::move(*lhs), std::move(*rhs)}, loc);
  }
  return lhs;
}

std::optional<Term> ParserImpl::ParseAnd(std::optional<Term> head) {
  std::optional<Term> lhs = ParseArith(std::move(head));
  while (lhs && At(Tok::kAmp)) {
    Location loc = Cur().loc;
    Advance();
    std::optional<Term> rhs = ParseArith();
    if (!rhs) return std::nullopt;
    lhs = Term::Call("and", {std::move(*lhs), std::move(*rhs)}, loc);
  }
  return lhs;
}

std::optional<Term> ParserImpl::ParseArith(std::optional<Term> head) {
  std::optional<Term> lhs = ParseFactor(std::move(head));
  while (lhs && (At(Tok::kPlus) || At(Tok::kMinus))) {
    std::string op = At(Tok::kPlus) ? "plus" : "minus";
    Location loc = Cur().loc;
    Advance();
    std::optional<Term> rhs = ParseFactor();
    if (!rhs) return std::nullopt;
    lhs = Term::Call(op, {std::move(*lhs), std::move(*rhs)}, loc);
  }
  return lhs;
}

std::optional<Term> ParserImpl::ParseFactor(std::optional<Term> head) {
  std::optional<Term> lhs = head ? std::move(head) : ParseTerm();
  while (lhs && (At(Tok::kStar) || At(Tok::kSlash) || At(Tok::kPercent))) {
    std::string op = At(Tok::kStar) ? "mul" : At(Tok::kSlash) ? "div" : "rem";
    Location loc = Cur().loc;
    Advance();
    std::optional<Term> rhs = ParseTerm();
    if (!rhs) return std::nullopt;
    lhs = Term::Call(op, {std::move(*lhs), std::move(*rhs)}, loc);
  }
  return lhs;
}

std::optional<Term> ParserImpl::ParseNumber(bool negative, const Location& loc) {
  std::string text = negative ? "-" : "";
  if (At(Tok::kDot)) {  // ".5"
    Advance();
    if (!At(Tok::kNumber) || Cur().space_before) {
      Unexpected("number");
      return std::nullopt;
    }
    text += "0.";
  } else if (Cur().text.size() > 1 && Cur().text[0] == '0' && Cur().text[1] != '.' &&
             Cur().text[1] != 'e' && Cur().text[1] != 'E') {
    Error(Cur().loc, "unexpected number token: expected number without leading zero");
    return std::nullopt;
  }
  text += Cur().text;
  Result<Number> n = Number::Parse(text);
  if (!n.ok()) {
    Error(Cur().loc,
          n.status().code() == ErrorCode::kOutOfRange ? "number too big" : "invalid number");
    return std::nullopt;
  }
  Advance();
  return Term::Scalar(Value::FromNumber(*n), loc);
}

std::optional<Term> ParserImpl::ParseTerm() {
  DepthGuard guard(depth_);
  if (guard.exceeded()) {
    Error(Cur().loc, "nesting too deep");
    return std::nullopt;
  }
  Location loc = Cur().loc;
  std::optional<Term> term;
  switch (Cur().kind) {
    case Tok::kNumber:
      term = ParseNumber(false, loc);
      break;
    case Tok::kDot:
      if (PeekTok().kind == Tok::kNumber && !PeekTok().space_before) {
        term = ParseNumber(false, loc);
      } else {
        Unexpected("term");
      }
      break;
    case Tok::kMinus: {
      const Token& next = PeekTok();
      if (next.kind == Tok::kNumber || next.kind == Tok::kDot) {
        Advance();
        term = ParseNumber(true, loc);
      } else if (next.kind == Tok::kIdent && !IsReservedWord(next.text)) {
        // Unary minus on a variable or ref: -x is minus(0, x), as in OPA.
        Advance();
        std::optional<Term> operand = ParseTerm();
        if (!operand) return std::nullopt;
        return Term::Call("minus", {Term::Scalar(Value::Int(0), loc), std::move(*operand)}, loc);
      } else {
        Unexpected("term");
      }
      break;
    }
    case Tok::kString:
    case Tok::kRawString:
      term = Term::Scalar(Value::String(Cur().text), loc);
      Advance();
      break;
    case Tok::kTemplate:
      term = ParseTemplate();
      break;
    case Tok::kIdent: {
      const std::string& w = Cur().text;
      bool keyword_ref = PeekTok().kind == Tok::kDot && !PeekTok().space_before;
      if ((w == "true" || w == "false") && !keyword_ref) {
        term = Term::Scalar(Value::Bool(w == "true"), loc);
      } else if (w == "null" && !keyword_ref) {
        term = Term::Scalar(Value::Null(), loc);
      } else if (w == "_") {
        term = Wildcard(loc);
      } else if (IsReservedWord(w) && !keyword_ref) {
        Unexpected("term");
        return std::nullopt;
      } else if (w == "set" && PeekTok().kind == Tok::kLParen && !PeekTok().space_before &&
                 PeekTok(2).kind == Tok::kRParen) {
        Advance();
        Advance();
        term = Term();
        term->kind = TermKind::kSet;
        term->loc = loc;
      } else {
        term = Term::Var(w, loc);
      }
      Advance();
      break;
    }
    case Tok::kLBrack:
      term = ParseArray();
      break;
    case Tok::kLBrace:
      term = ParseSetOrObject();
      break;
    case Tok::kLParen: {
      Advance();
      term = ParseTermIn(true);
      if (term && !Expect(Tok::kRParen, ")")) return std::nullopt;
      break;
    }
    default:
      Unexpected("term");
      break;
  }
  if (!term) return std::nullopt;
  return ParseTermFinish(std::move(*term));
}

// Continues a term with `.key`, `[expr]` or `(args)` when they follow with no space.
std::optional<Term> ParserImpl::ParseTermFinish(Term head) {
  Term term = std::move(head);
  while (AtAdjacent(Tok::kDot) || AtAdjacent(Tok::kLBrack) || AtAdjacent(Tok::kLParen)) {
    if (term.IsScalar()) {
      Error(Cur().loc, "illegal ref (head cannot be " + std::string(term.value.TypeName()) + ")");
      return std::nullopt;
    }
    if (At(Tok::kLParen)) {
      if (!term.IsVar() && !term.IsRef()) {
        Unexpected("operator");
        return std::nullopt;
      }
      Location loc = term.loc;
      Advance();
      std::vector<Term> args;
      if (!ParseTermList(Tok::kRParen, args)) return std::nullopt;
      Term call;
      call.kind = TermKind::kCall;
      call.loc = loc;
      call.args.push_back(term.IsVar() ? Term::Ref({std::move(term)}, loc) : std::move(term));
      for (Term& a : args)
        call.args.push_back(std::move(a));
      term = std::move(call);
      continue;
    }
    if (!term.IsRef()) term = Term::Ref({std::move(term)}, term.loc);
    if (At(Tok::kDot)) {
      Advance();
      if (!At(Tok::kIdent)) {
        Unexpected("ident");
        return std::nullopt;
      }
      term.args.push_back(Term::Scalar(Value::String(Cur().text), Cur().loc));
      Advance();
    } else {
      Advance();
      std::optional<Term> key = ParseTermIn(true);
      if (!key || !Expect(Tok::kRBrack, "]")) return std::nullopt;
      term.args.push_back(std::move(*key));
    }
  }
  return term;
}

bool ParserImpl::ParseTermList(Tok end, std::vector<Term>& out, std::optional<Term> head) {
  while (head || !At(end)) {
    std::optional<Term> t = ParseTermIn(false, std::exchange(head, std::nullopt));
    if (!t) return false;
    out.push_back(std::move(*t));
    if (At(Tok::kComma)) {
      Advance();
      continue;
    }
    if (!At(end)) {
      Unexpected(std::string("\",\" or \"") + std::string(TokName(end)) + "\"");
      return false;
    }
  }
  Advance();
  return true;
}

std::optional<Term> ParserImpl::ParseArray() {
  Location loc = Cur().loc;
  Advance();
  Term t;
  t.loc = loc;
  t.kind = TermKind::kArray;
  if (At(Tok::kRBrack)) {
    Advance();
    return t;
  }
  // Comprehensions take priority over `|` (set union) in `[a | b]`.
  std::optional<Term> head = ParseTerm();
  if (!head) return std::nullopt;
  if (At(Tok::kBar)) {
    Advance();
    std::optional<Body> body = ParseBody(Tok::kRBrack);
    if (!body || !Expect(Tok::kRBrack, "]")) return std::nullopt;
    t.kind = TermKind::kArrayCompr;
    t.args.push_back(std::move(*head));
    t.body = std::move(*body);
    return t;
  }
  if (!ParseTermList(Tok::kRBrack, t.args, std::move(head))) return std::nullopt;
  return t;
}

std::optional<Term> ParserImpl::ParseSetOrObject() {
  Location loc = Cur().loc;
  Advance();
  Term t;
  t.loc = loc;
  if (At(Tok::kRBrace)) {
    Advance();
    t.kind = TermKind::kObject;
    return t;
  }
  std::optional<Term> head = ParseTerm();
  if (!head) return std::nullopt;
  if (At(Tok::kBar)) {
    Advance();
    std::optional<Body> body = ParseBody(Tok::kRBrace);
    if (!body || !Expect(Tok::kRBrace, "}")) return std::nullopt;
    t.kind = TermKind::kSetCompr;
    t.args.push_back(std::move(*head));
    t.body = std::move(*body);
    return t;
  }
  if (At(Tok::kColon)) return ParseObjectRest(std::move(*head), loc, true);
  std::optional<Term> first = ParseTermIn(false, std::move(head));
  if (!first) return std::nullopt;
  if (At(Tok::kColon)) return ParseObjectRest(std::move(*first), loc, false);
  t.kind = TermKind::kSet;
  t.args.push_back(std::move(*first));
  if (At(Tok::kComma)) {
    Advance();
    if (!ParseTermList(Tok::kRBrace, t.args)) return std::nullopt;
    return t;
  }
  if (!Expect(Tok::kRBrace, "}")) return std::nullopt;
  return t;
}

std::optional<Term> ParserImpl::ParseObjectRest(Term key, const Location& loc, bool maybe_compr) {
  Advance();  // ':'
  Term t;
  t.loc = loc;
  t.kind = TermKind::kObject;
  std::optional<Term> value_head;
  if (maybe_compr) {
    value_head = ParseTerm();
    if (!value_head) return std::nullopt;
    if (At(Tok::kBar)) {
      Advance();
      std::optional<Body> body = ParseBody(Tok::kRBrace);
      if (!body || !Expect(Tok::kRBrace, "}")) return std::nullopt;
      t.kind = TermKind::kObjectCompr;
      t.args.push_back(std::move(key));
      t.args.push_back(std::move(*value_head));
      t.body = std::move(*body);
      return t;
    }
  }
  std::optional<Term> value = ParseTermIn(false, std::move(value_head));
  if (!value) return std::nullopt;
  t.args.push_back(std::move(key));
  t.args.push_back(std::move(*value));
  while (At(Tok::kComma)) {
    Advance();
    if (At(Tok::kRBrace)) break;
    std::optional<Term> k = ParseTermIn(false);
    if (!k || !Expect(Tok::kColon, ":")) return std::nullopt;
    std::optional<Term> v = ParseTermIn(false);
    if (!v) return std::nullopt;
    t.args.push_back(std::move(*k));
    t.args.push_back(std::move(*v));
  }
  if (!Expect(Tok::kRBrace, "}")) return std::nullopt;
  return t;
}

std::optional<Term> ParserImpl::ParseTemplate() {
  Term t;
  t.kind = TermKind::kTemplate;
  t.loc = Cur().loc;
  for (const TemplatePart& part : Cur().template_parts) {
    if (!part.is_expr) {
      t.args.push_back(Term::Scalar(Value::String(part.text), t.loc));
      continue;
    }
    ParserImpl sub(source_, part.offset, part.offset + static_cast<uint32_t>(part.text.size()));
    sub.depth_ = depth_;
    std::optional<Term> e = sub.failed() ? std::nullopt : sub.ParseTemplateExpression();
    if (!e) {
      for (const Diagnostic& d : sub.diagnostics())
        Error(d.loc, d.message);
      if (!failed()) Error(t.loc, "invalid template-string expression");
      return std::nullopt;
    }
    t.args.push_back(std::move(*e));
  }
  Advance();
  return t;
}

std::optional<Term> ParserImpl::ParseTemplateExpression() {
  if (At(Tok::kEof)) {
    Error(Cur().loc, "invalid template-string expression");
    return std::nullopt;
  }
  if (AtKeyword("some") || AtKeyword("every") || AtKeyword("not")) {
    Error(Cur().loc, "unexpected " + Cur().text + " in template-string expression");
    return std::nullopt;
  }
  std::optional<Term> t = ParseTermIn(false);
  if (!t) return std::nullopt;
  if (At(Tok::kAssign) || At(Tok::kUnify)) {
    Error(Cur().loc, At(Tok::kAssign)
                         ? "unexpected assignment (':=') in template-string expression"
                         : "unexpected unification ('=') in template-string expression");
    return std::nullopt;
  }
  if (!At(Tok::kEof)) {
    Unexpected("} to end template string expression");
    return std::nullopt;
  }
  return t;
}

}  // namespace tf::rego::internal
