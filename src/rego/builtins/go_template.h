// File: rego/builtins/go_template.h
//
// Go's text/template, executed over a Rego object the way OPA's strings.render_template does:
// the object is converted as encoding/json would decode it (numbers stay json.Number, sets
// become arrays), missing keys print "<no value>", and errors read as Go's
// ("template: template:1: function \"x\" not defined"). Named templates (`define`,
// `template`, `block`) are refused.
//
//   RenderGoTemplate("{{range $i, $n := .names}}{{if $i}},{{end}}{{$n}}{{end}}", vars)
#ifndef TF_REGO_BUILTINS_GO_TEMPLATE_H_
#define TF_REGO_BUILTINS_GO_TEMPLATE_H_

#include <string>
#include <string_view>

#include "core/status.h"
#include "core/value.h"

namespace tf::rego::builtins {

Result<std::string> RenderGoTemplate(std::string_view text, const Value& data);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_GO_TEMPLATE_H_
