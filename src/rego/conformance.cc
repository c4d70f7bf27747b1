#include "rego/conformance.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/json.h"
#include "rego/compiled_policy.h"
#include "rego/evaluator.h"
#include "rego/parser.h"
#include "rego/term_value.h"

namespace tf::rego {
namespace {

// OPA's case files compare results as JSON: sets become arrays, non-string keys strings.
Value AsJson(const Value& v) {
  Result<Value> r = ParseJson(ToJson(v));
  return r.ok() ? *r : v;
}

std::string StringField(const Value& c, std::string_view key) {
  const Value* v = c.Find(key);
  return v != nullptr && v->is_string() ? v->string() : "";
}

bool BoolField(const Value& c, std::string_view key) {
  const Value* v = c.Find(key);
  return v != nullptr && v->is_bool() && v->bool_value();
}

Value SortedArray(const Value& list) {
  std::vector<Value> items(list.array().begin(), list.array().end());
  std::sort(items.begin(), items.end());
  return Value::Array(std::move(items));
}

// With sort_bindings, OPA's harness compares each binding's array value without regard to
// order (as sets are), and the list of bindings likewise. Applied to both sides alike.
Value SortBindings(const Value& list) {
  std::vector<Value> rows;
  for (const Value& row : list.array()) {
    if (!row.is_object()) {
      rows.push_back(row);
      continue;
    }
    std::vector<ObjectEntry> entries;
    for (const auto& [k, v] : row.object())
      entries.emplace_back(k, v.is_array() ? SortedArray(v) : v);
    rows.push_back(Value::Object(std::move(entries)));
  }
  return SortedArray(Value::Array(std::move(rows)));
}

// Our error as OPA prints it ("file:line: code: message"): the case files' expected messages
// are substrings of that form.
std::string OpaErrorText(const Status& st) {
  std::string message(st.message());
  std::string code(ErrorCodeName(st.code()));
  // Evaluation errors start with "file:line:col: ".
  size_t first = message.find(':');
  size_t second = first == std::string::npos ? first : message.find(':', first + 1);
  size_t third = second == std::string::npos ? second : message.find(": ", second + 1);
  if (third != std::string::npos && message.find(".rego:") != std::string::npos &&
      message.find(".rego:") < first + 1) {
    return message.substr(0, second) + ": " + code + ": " + message.substr(third + 2);
  }
  return code + ": " + message;
}

CaseResult CompareError(const Value& c, const Status& st, CaseResult r) {
  std::string want_code = StringField(c, "want_error_code");
  std::string want_message = StringField(c, "want_error");
  r.expected = want_code + (want_message.empty() ? "" : ": " + want_message);
  r.got = OpaErrorText(st);
  std::string_view text = r.got;
  bool code_ok = want_code.empty() || ErrorCodeName(st.code()) == want_code;
  bool message_ok = want_message.empty() || text.find(want_message) != std::string::npos;
  r.outcome = code_ok && message_ok ? CaseOutcome::kPass : CaseOutcome::kFail;
  return r;
}

}  // namespace

CaseResult RunConformanceCase(const Value& c, int64_t now_ns) {
  CaseResult r;
  r.note = StringField(c, "note");
  bool wants_error = c.Find("want_error_code") != nullptr || c.Find("want_error") != nullptr;
  const Value* want = c.Find("want_result");
  if (!wants_error && want == nullptr) {
    r.outcome = CaseOutcome::kSkip;
    r.got = "case has no expectation";
    return r;
  }
  std::vector<ModuleInput> modules;
  if (const Value* ms = c.Find("modules"); ms != nullptr && ms->is_array()) {
    for (size_t i = 0; i < ms->size(); ++i) {
      modules.push_back({"test-" + std::to_string(i) + ".rego", ms->array()[i].string()});
    }
  }
  Result<CompiledPolicy> policy = CompiledPolicy::Compile(modules, {StringField(c, "query")});
  if (!policy.ok()) {
    if (wants_error) return CompareError(c, policy.status(), r);
    r.expected = ToJson(*want);
    r.got = policy.status().ToString();
    return r;
  }
  EvalOptions opts;
  Value input;
  if (const Value* in = c.Find("input")) {
    input = *in;
    opts.input = &input;
  } else if (const Value* term = c.Find("input_term")) {
    Source src{"input_term", term->string()};
    Result<Term> t = ParseTerm(src);
    Result<Value> v = t.ok() ? TermToValue(*t) : Result<Value>(t.status());
    if (!v.ok()) {
      r.got = v.status().ToString();
      return r;
    }
    input = *v;
    opts.input = &input;
  }
  Value data = Value::EmptyObject();
  if (const Value* d = c.Find("data")) data = *d;
  opts.data = &data;
  opts.strict_builtin_errors = BoolField(c, "strict_error");
  opts.now_ns = now_ns;
  Evaluator eval(*policy);
  Result<QueryResult> result = eval.Eval(0, opts);
  if (!result.ok()) {
    if (wants_error) return CompareError(c, result.status(), r);
    r.expected = ToJson(*want);
    r.got = result.status().ToString();
    return r;
  }
  std::vector<Value> got;
  for (const Solution& s : result->solutions)
    got.push_back(AsJson(s.bindings));
  Value got_value = Value::Array(std::move(got));
  if (wants_error) {
    r.expected = StringField(c, "want_error_code") + ": " + StringField(c, "want_error");
    r.got = ToJson(got_value);
    return r;
  }
  Value want_value = AsJson(*want);
  if (BoolField(c, "sort_bindings")) {
    got_value = SortBindings(got_value);
    want_value = SortBindings(want_value);
  }
  r.expected = ToJson(want_value);
  r.got = ToJson(got_value);
  r.outcome = got_value == want_value ? CaseOutcome::kPass : CaseOutcome::kFail;
  return r;
}

Result<ConformanceSummary> RunConformance(const std::vector<std::string>& paths, int64_t now_ns) {
  std::vector<std::filesystem::path> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(p, ec)) {
        if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
      }
    } else if (std::filesystem::is_regular_file(p, ec)) {
      files.emplace_back(p);
    } else {
      return NotFound("no such file or directory: " + p);
    }
  }
  std::sort(files.begin(), files.end());
  ConformanceSummary summary;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    Result<Value> doc = ParseJson(text.str());
    if (!doc.ok()) return doc.status().WithContext(f.string());
    const Value* cases = doc->Find("cases");
    if (cases == nullptr || !cases->is_array()) {
      return InvalidArgument(f.string() + ": not a case file (no \"cases\" array)");
    }
    for (const Value& c : cases->array()) {
      CaseResult r = RunConformanceCase(c, now_ns);
      r.file = f.string();
      switch (r.outcome) {
        case CaseOutcome::kPass:
          ++summary.passed;
          break;
        case CaseOutcome::kFail:
          ++summary.failed;
          break;
        case CaseOutcome::kSkip:
          ++summary.skipped;
          break;
      }
      summary.cases.push_back(std::move(r));
    }
  }
  return summary;
}

}  // namespace tf::rego
