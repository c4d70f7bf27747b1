// Modules, packages, imports and rules.
#include "rego/parser.h"

#include "rego/annotations.h"
#include "rego/internal/parser_impl.h"

namespace tf::rego {

using internal::ParserImpl;

namespace internal {

ParserImpl::ParserImpl(const Source& source, uint32_t begin, uint32_t end) : source_(source) {
  Lexer lexer(source, begin, end);
  while (true) {
    Token t = lexer.Next();
    bool done = t.kind == Tok::kEof || t.kind == Tok::kIllegal;
    if (t.kind == Tok::kIllegal) {
      Error(t.loc, t.text);
      Token eof;
      eof.loc = t.loc;
      tokens_.push_back(std::move(eof));
    } else {
      tokens_.push_back(std::move(t));
    }
    if (done) break;
  }
  comments_ = std::move(lexer.comments());
}

const Token& ParserImpl::PeekTok(size_t k) const {
  size_t i = pos_ + k;
  return i < tokens_.size() ? tokens_[i] : tokens_.back();
}

void ParserImpl::Error(const Location& loc, std::string message) {
  // Only the first error is reported: later ones are usually consequences of it.
  if (diagnostics_.empty())
    diagnostics_.push_back({ErrorCode::kRegoParseError, std::move(message), loc});
}

void ParserImpl::Unexpected(std::string_view expected) {
  const Token& t = Cur();
  std::string what = std::string(TokName(t.kind));
  std::string kind = "token";
  if (t.kind == Tok::kIdent && IsReservedWord(t.text)) {
    what = t.text;
    kind = "keyword";
  }
  std::string message = "unexpected " + what + " " + kind;
  if (!expected.empty()) message += ": expected " + std::string(expected);
  Error(t.loc, std::move(message));
}

bool ParserImpl::Expect(Tok kind, std::string_view what) {
  if (At(kind)) {
    Advance();
    return true;
  }
  Unexpected(what);
  return false;
}

std::optional<Module> ParserImpl::ParseModule() {
  Module m;
  if (failed() || !ParsePackage(m)) return std::nullopt;
  while (!failed() && AtKeyword("import")) {
    if (!ParseImport(m)) return std::nullopt;
  }
  while (!failed() && !At(Tok::kEof)) {
    if (AtKeyword("import")) {
      Error(Cur().loc, "imports must appear before rules");
      return std::nullopt;
    }
    if (AtKeyword("package")) {
      Error(Cur().loc, "unexpected package keyword: a file holds one package");
      return std::nullopt;
    }
    if (!ParseRule(m)) return std::nullopt;
  }
  if (failed()) return std::nullopt;
  AttachAnnotations(comments_, m, diagnostics_);
  if (failed()) return std::nullopt;
  return m;
}

bool ParserImpl::ParsePackage(Module& m) {
  if (!AtKeyword("package")) {
    Unexpected("package");
    return false;
  }
  m.package_loc = Cur().loc;
  Advance();
  if (!At(Tok::kIdent)) {
    Unexpected("ident");
    return false;
  }
  m.package.push_back(Cur().text);
  Advance();
  while (AtAdjacent(Tok::kDot) || AtAdjacent(Tok::kLBrack)) {
    if (At(Tok::kDot)) {
      Advance();
      if (!At(Tok::kIdent)) {
        Unexpected("ident");
        return false;
      }
      m.package.push_back(Cur().text);
      Advance();
    } else {
      Advance();
      if (!At(Tok::kString) && !At(Tok::kRawString)) {
        Unexpected("string");
        return false;
      }
      m.package.push_back(Cur().text);
      Advance();
      if (!Expect(Tok::kRBrack, "]")) return false;
    }
  }
  return true;
}

bool ParserImpl::ParseImport(Module& m) {
  Import imp;
  imp.loc = Cur().loc;
  Advance();
  std::optional<Term> path = ParseTerm();
  if (!path) return false;
  if (path->IsVar()) *path = Term::Ref({*path}, path->loc);
  if (!path->IsRef() || !path->args[0].IsVar()) {
    Error(imp.loc, "invalid import path: must be a ref rooted at data, input, future or rego");
    return false;
  }
  const std::string& root = path->args[0].name;
  if (root != "data" && root != "input" && root != "future" && root != "rego") {
    Error(imp.loc, "invalid import path: must begin with input, data, future or rego");
    return false;
  }
  for (size_t i = 1; i < path->args.size(); ++i) {
    if (!path->args[i].IsScalar() || !path->args[i].value.is_string()) {
      Error(imp.loc, "invalid import path: path elements must be strings");
      return false;
    }
  }
  imp.path = std::move(*path);
  if (AtKeyword("as") && !Cur().newline_before) {
    Advance();
    if (!At(Tok::kIdent)) {
      Unexpected("ident");
      return false;
    }
    imp.alias = Cur().text;
    Advance();
  }
  m.imports.push_back(std::move(imp));
  return true;
}

bool ParserImpl::ParseRuleHeadRef(RuleHead& head) {
  // Keywords may name rules when a ref follows: `if.foo := 1`.
  bool keyword_ref = PeekTok().kind == Tok::kDot && !PeekTok().space_before;
  if (!At(Tok::kIdent) || (IsReservedWord(Cur().text) && !keyword_ref)) {
    Unexpected("ident");
    return false;
  }
  head.loc = Cur().loc;
  head.ref.push_back(Term::Var(Cur().text, Cur().loc));
  Advance();
  while (AtAdjacent(Tok::kDot) || AtAdjacent(Tok::kLBrack)) {
    if (At(Tok::kDot)) {
      Advance();
      if (!At(Tok::kIdent)) {
        Unexpected("ident");
        return false;
      }
      head.ref.push_back(Term::Scalar(Value::String(Cur().text), Cur().loc));
      Advance();
    } else {
      Advance();
      std::optional<Term> key = ParseTermIn(false);
      if (!key || !Expect(Tok::kRBrack, "]")) return false;
      head.ref.push_back(std::move(*key));
    }
  }
  return true;
}

// `if { ... }`, `if <literal>`, or `{ ... }` (refused in v1 without `if`).
bool ParserImpl::ParseRuleBody(Body& body, bool allow_single_literal) {
  if (At(Tok::kLBrace)) {
    size_t saved = pos_;
    Advance();
    std::optional<Body> b = ParseBody(Tok::kRBrace);
    if (b && At(Tok::kRBrace)) {
      Advance();
      body = std::move(*b);
      return true;
    }
    if (!allow_single_literal) return Expect(Tok::kRBrace, "}");
    // `if {x: 1 | ...}`: the braces may open a single literal (a comprehension or object)
    // rather than a body.
    std::vector<Diagnostic> body_errors = std::move(diagnostics_);
    diagnostics_.clear();
    pos_ = saved;
    std::optional<Expr> e = ParseLiteral();
    if (!e) {
      diagnostics_ = std::move(body_errors);
      return false;
    }
    body.push_back(std::move(*e));
    return true;
  }
  if (!allow_single_literal) {
    Unexpected("{");
    return false;
  }
  std::optional<Expr> e = ParseLiteral();
  if (!e) return false;
  body.push_back(std::move(*e));
  return true;
}

bool ParserImpl::ParseElse(Rule& rule) {
  while (AtKeyword("else")) {
    Rule branch;
    branch.loc = Cur().loc;
    branch.kind = rule.kind;
    branch.head = rule.head;
    branch.head.has_value = false;
    branch.head.value = Term::Scalar(Value::Bool(true), Cur().loc);
    Advance();
    if (At(Tok::kAssign) || At(Tok::kUnify)) {
      branch.head.assign = At(Tok::kAssign);
      Advance();
      std::optional<Term> v = ParseTermIn(false);
      if (!v) return false;
      branch.head.value = std::move(*v);
      branch.head.has_value = true;
    }
    if (AtKeyword("if")) {
      Advance();
      if (!ParseRuleBody(branch.body, true)) return false;
    } else if (At(Tok::kLBrace)) {
      Error(Cur().loc, "`if` keyword is required before rule body");
      return false;
    }
    rule.else_chain.push_back(std::move(branch));
  }
  return true;
}

bool ParserImpl::ClassifyRule(Rule& rule) {
  RuleHead& h = rule.head;
  if (!h.args.empty() || rule.kind == RuleKind::kFunction) {
    rule.kind = RuleKind::kFunction;
  } else if (h.has_key) {
    rule.kind = RuleKind::kPartialSet;
  } else {
    rule.kind = RuleKind::kComplete;
    for (size_t i = 1; i < h.ref.size(); ++i) {
      if (!h.ref[i].IsScalar() || !h.ref[i].value.is_string()) rule.kind = RuleKind::kPartialObject;
    }
  }
  if (!h.has_value && !h.has_key) h.value = Term::Scalar(Value::Bool(true), h.loc);
  for (Rule& e : rule.else_chain)
    e.kind = rule.kind;
  if (!rule.else_chain.empty() && rule.kind != RuleKind::kComplete &&
      rule.kind != RuleKind::kFunction) {
    Error(rule.loc, "else keyword cannot be used on multi-value rules");
    return false;
  }
  return true;
}

bool ParserImpl::ParseRule(Module& m) {
  Rule rule;
  rule.loc = Cur().loc;
  if (AtKeyword("default")) {
    rule.is_default = true;
    Advance();
  }
  if (!ParseRuleHeadRef(rule.head)) return false;
  RuleHead& h = rule.head;
  if (AtAdjacent(Tok::kLParen)) {
    Advance();
    rule.kind = RuleKind::kFunction;
    if (!ParseTermList(Tok::kRParen, h.args)) return false;
    if (h.args.empty()) {
      Error(rule.loc, "function must have at least one argument");
      return false;
    }
  }
  if (AtKeyword("contains") && !rule.is_default) {
    Advance();
    std::optional<Term> key = ParseTermIn(false);
    if (!key) return false;
    h.key = std::move(*key);
    h.has_key = true;
  } else if (At(Tok::kAssign) || At(Tok::kUnify)) {
    h.assign = At(Tok::kAssign);
    Advance();
    std::optional<Term> v = ParseTermIn(false);
    if (!v) return false;
    h.value = std::move(*v);
    h.has_value = true;
  }
  if (rule.is_default) {
    if (!h.has_value) {
      Error(rule.loc, "illegal default rule (must have a value)");
      return false;
    }
    if (AtKeyword("if") || At(Tok::kLBrace)) {
      Error(Cur().loc, "illegal default rule (must not have a body)");
      return false;
    }
  } else if (AtKeyword("if")) {
    Advance();
    if (!ParseRuleBody(rule.body, true)) return false;
  } else if (At(Tok::kLBrace) && !Cur().newline_before) {
    Error(Cur().loc, "`if` keyword is required before rule body");
    return false;
  } else if (!h.has_value && !h.has_key) {
    Error(rule.loc, "rule must have a value assignment or a body (`" +
                        TermToString(Term::Ref(h.ref, h.loc)) + " if { ... }`)");
    return false;
  }
  if (!ParseElse(rule)) return false;
  if (!ClassifyRule(rule)) return false;
  if (!At(Tok::kEof) && !Cur().newline_before && !At(Tok::kSemicolon)) {
    Unexpected("newline after rule");
    return false;
  }
  if (At(Tok::kSemicolon)) Advance();
  m.rules.push_back(std::move(rule));
  return true;
}

std::optional<Body> ParserImpl::ParseQuery() {
  std::optional<Body> body = ParseBody(Tok::kEof);
  if (!body || failed()) return std::nullopt;
  if (!At(Tok::kEof)) {
    Unexpected("end of query");
    return std::nullopt;
  }
  return body;
}

std::optional<Term> ParserImpl::ParseSingleTerm() {
  std::optional<Term> t = ParseTermIn(false);
  if (!t || failed()) return std::nullopt;
  if (!At(Tok::kEof)) {
    Unexpected("end of term");
    return std::nullopt;
  }
  return t;
}

}  // namespace internal

Result<Module> ParseModule(Source& source) {
  ParserImpl p(source);
  std::optional<Module> m = p.ParseModule();
  if (!m) return DiagnosticsToStatus(p.diagnostics());
  m->source = &source;
  return std::move(*m);
}

Result<Body> ParseQuery(const Source& source) {
  ParserImpl p(source);
  std::optional<Body> b = p.ParseQuery();
  if (!b) return DiagnosticsToStatus(p.diagnostics());
  return std::move(*b);
}

Result<Term> ParseTerm(const Source& source) {
  ParserImpl p(source);
  std::optional<Term> t = p.ParseSingleTerm();
  if (!t) return DiagnosticsToStatus(p.diagnostics());
  return std::move(*t);
}

}  // namespace tf::rego
