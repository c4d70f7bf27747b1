#include <gmock/gmock.h>

#include "rego/builtins/call_error_util.h"

namespace tf::rego::testing {
namespace {

// strings.render_template runs Go's text/template; expectations are what Go prints.
Value Render(BuiltinHarness& h, const char* tmpl, const char* vars) {
  return CallOk(h, "strings.render_template", {S(tmpl), J(vars)});
}

// Fails with eval_builtin_error whose message contains `part`.
void ExpectRenderError(BuiltinHarness& h, const std::string& tmpl, const std::string& vars,
                       std::string_view part) {
  Result<Value> r = h.Call("strings.render_template", {S(tmpl), J(vars)});
  ASSERT_FALSE(r.ok()) << tmpl << " unexpectedly returned " << ToJson(*r);
  EXPECT_EQ(r.status().code(), ErrorCode::kEvalBuiltinError) << r.status().ToString();
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr(std::string(part)));
}

TEST(RenderTemplateTest, FieldsVariablesAndLiterals) {
  BuiltinHarness h;
  EXPECT_EQ(Render(h, "{{.a.b}} {{$.a.b}}", R"({"a":{"b":"x"}})"), S("x x"));
  EXPECT_EQ(Render(h, "{{$x := .n}}{{$x}}-{{$x = 7}}{{$x}}", R"({"n":1.5})"), S("1.5-7"));
  EXPECT_EQ(Render(h, "{{\"q\\tq\"}}{{`raw\\n`}}{{'a'}}{{0x1F}}{{1e3}}", "{}"),
            S("q\tqraw\\n97311000"));
  EXPECT_EQ(Render(h, "{{.missing}}|{{.nil}}", R"({"nil":null})"), S("<undefined>|<undefined>"));
  EXPECT_EQ(Render(h, "{{.list}} {{.obj}} {{.set}}",
                   R"({"list":[1,"a",null],"obj":{"b":2,"a":[true]},"set":[]})"),
            S("[1 a <nil>] map[a:[true] b:2] []"));
}

TEST(RenderTemplateTest, TrimMarkersAndComments) {
  BuiltinHarness h;
  EXPECT_EQ(Render(h, "a  {{- .x -}}  \n b{{/* note */}}c{{- /* x */ -}} d", R"({"x":1})"),
            S("a1bcd"));
  EXPECT_EQ(Render(h, "{{-3}}", "{}"), S("-3"));
}

TEST(RenderTemplateTest, ControlStructures) {
  BuiltinHarness h;
  const char* vars = R"({"xs":["a","b","c"],"m":{"k2":2,"k1":1},"empty":[],"t":true,"s":""})";
  EXPECT_EQ(Render(h, "{{range $i, $v := .xs}}{{if $i}},{{end}}{{$i}}={{$v}}{{end}}", vars),
            S("0=a,1=b,2=c"));
  EXPECT_EQ(Render(h, "{{range $k, $v := .m}}{{$k}}:{{$v}};{{end}}", vars), S("k1:1;k2:2;"));
  EXPECT_EQ(Render(h, "{{range .empty}}x{{else}}none{{end}}", vars), S("none"));
  EXPECT_EQ(Render(h,
                   "{{range .xs}}{{if eq . \"b\"}}{{continue}}{{end}}{{if eq . "
                   "\"c\"}}{{break}}{{end}}{{.}}{{end}}",
                   vars),
            S("a"));
  EXPECT_EQ(Render(h, "{{if .s}}1{{else if .t}}2{{else}}3{{end}}", vars), S("2"));
  EXPECT_EQ(Render(h, "{{with .m}}{{.k1}}{{else}}no{{end}}{{with .s}}x{{else with .t}}{{.}}{{end}}",
                   vars),
            S("1true"));
  EXPECT_EQ(Render(h, "{{range 3}}{{.}}{{end}}", vars), S("012"));
}

TEST(RenderTemplateTest, Functions) {
  BuiltinHarness h;
  const char* vars = R"({"xs":[10,20],"m":{"k":"v"},"name":"a<b>","n":5})";
  EXPECT_EQ(
      Render(h, "{{len .xs}} {{index .xs 1}} {{index .m \"k\"}} {{slice \"abcd\" 1 3}}", vars),
      S("2 20 v bc"));
  EXPECT_EQ(Render(h, "{{and 1 0 2}} {{or 0 \"\" 3}} {{not .m}}", vars), S("0 3 false"));
  EXPECT_EQ(Render(h, "{{printf \"%05d|%s\" 42 .name}} {{print 1 2 \"x\" 3}}", vars),
            S("00042|a<b> 1 2x3"));
  EXPECT_EQ(Render(h, "{{html .name}} {{urlquery \"a b&c\"}} {{js \"it's\"}}", vars),
            S("a&lt;b&gt; a+b%26c it\\'s"));
  EXPECT_EQ(
      Render(h, "{{.name | printf \"%q\"}} {{\"x\" | eq \"x\"}} {{lt 1 2}} {{ge 1.5 2.5}}", vars),
      S("\"a<b>\" true true false"));
  EXPECT_EQ(Render(h, "{{eq .n \"5\"}} {{(index .xs 0)}}", vars), S("true 10"));
}

TEST(RenderTemplateTest, ErrorsReadAsGos) {
  BuiltinHarness h;
  ExpectRenderError(h, "{{nope 1}}", "{}",
                    "strings.render_template: template: template:1: function \"nope\" not defined");
  ExpectRenderError(h, "{{if .a}}", "{}", "template: template:1: unexpected EOF");
  ExpectRenderError(h, "a\n{{end}}", "{}", "template: template:2: unexpected {{end}}");
  ExpectRenderError(h, "{{.a", "{}", "unclosed action");
  ExpectRenderError(h, "{{break}}", "{}", "{{break}} outside {{range}}");
  ExpectRenderError(h, "{{template \"x\"}}", "{}", "{{template}} is not supported");
  ExpectRenderError(h, "{{.a.b}}", R"({"a":"s"})",
                    "at <.a.b>: can't evaluate field b in type string");
  ExpectRenderError(h, "{{.a.b}}", "{}", "nil pointer evaluating interface {}.b");
  ExpectRenderError(h, "{{lt 1 \"a\"}}", "{}", "incompatible types for comparison");
  ExpectRenderError(h, "{{index .xs 5}}", R"({"xs":[1]})", "index out of range: 5");
  ExpectRenderError(h, "{{$y}}", "{}", "undefined variable: $y");
  ExpectRenderError(h, "{{.a 1}}", "{}", "can't give argument to non-function .a");
}

TEST(RenderTemplateTest, OutputIsBounded) {
  BuiltinHarness h;
  // 4 nested ranges over 100 elements would print 100^4 * 1 KiB.
  std::string big(1024, 'x');
  std::string xs = "[";
  for (int i = 0; i < 100; ++i)
    xs += (i ? ",0" : "0");
  xs += "]";
  ExpectRenderError(h,
                    "{{range .xs}}{{range $.xs}}{{range $.xs}}{{range $.xs}}" + big +
                        "{{end}}{{end}}{{end}}{{end}}",
                    R"({"xs":)" + xs + "}", "output exceeds");
}

}  // namespace
}  // namespace tf::rego::testing
