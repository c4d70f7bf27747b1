// sprintf and strings.render_template. sprintf: Go's fmt.Sprintf over the values of an array,
// converted as OPA converts them: integers that fit int64 are Go ints, larger integers *big.Int,
// other numbers float64, strings stay strings and every other value becomes its Rego text ([1, "a"]
// prints as `[1, "a"]`).
#include <cmath>

#include "rego/builtins/families.h"
#include "rego/builtins/go_format.h"
#include "rego/builtins/go_template.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

GoArg ToGoArg(const Value& v) {
  if (v.is_string()) return GoArg::String(v.string());
  if (!v.is_number()) return GoArg::String(RegoText(v));
  const Number n = v.number();
  if (std::optional<int64_t> i = n.ToInt64()) return GoArg::Int(*i);
  // Integers too long to write without an exponent are not big.Int literals for OPA either.
  std::string text = n.ToString();
  if (n.IsInteger() && text.find('e') == std::string::npos) return GoArg::BigInt(std::move(text));
  const double d = n.ToDouble();
  // A number beyond float64 keeps its text, as OPA falls back to the number's string.
  if (!std::isfinite(d)) return GoArg::String(NumberText(n));
  return GoArg::Float(d);
}

Result<Value> Sprintf(BuiltinContext&, std::span<const Value> a) {
  std::vector<GoArg> args;
  args.reserve(a[1].array().size());
  for (const Value& v : a[1].array())
    args.push_back(ToGoArg(v));
  return Value::String(GoFormat(a[0].string(), args));
}

// OPA executes Go's text/template and then spells Go's "<no value>" as "<undefined>".
Result<Value> RenderTemplate(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(std::string text, RenderGoTemplate(a[0].string(), a[1]));
  for (size_t at = text.find("<no value>"); at != std::string::npos;
       at = text.find("<no value>", at + 11))
    text.replace(at, 10, "<undefined>");
  return Value::String(std::move(text));
}

}  // namespace

std::vector<BuiltinDecl> StringFormatBuiltins() {
  return {
      {.name = "sprintf",
       .params = {{kString, "format"}, {kArray, "values"}},
       .result = kString,
       .fn = Sprintf},
      {.name = "strings.render_template",
       .params = {{kString, "value"}, {kObject, "vars"}},
       .result = kString,
       .fn = RenderTemplate},
  };
}

}  // namespace tf::rego::builtins
