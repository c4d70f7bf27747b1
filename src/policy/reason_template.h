// File: policy/reason_template.h
//
// The human reason of a rule, filled in when the rule is violated: literal text with `{query}`
// placeholders, each a Rego query evaluated over the same input and data as the rule, so a
// reason can quote the input (`{input.supplier.name}`) or a value the pack's rules expose
// (`{data.lksg.sanctioned_names}`). `{{` and `}}` stand for literal braces.
//
//   "supplier {input.supplier.id} is on the sanctions list ({data.lksg.sanction_hits})"
//
// A placeholder's value is written as: a string as is; a number, boolean or null as JSON; an
// array or set as its elements, rendered the same way and joined by ", "; an object as JSON.
// Several solutions are joined by ", ". An undefined placeholder is written `<undefined>` and
// one whose evaluation fails `<error>`: a reason never hides a violation.
#ifndef TF_POLICY_REASON_TEMPLATE_H_
#define TF_POLICY_REASON_TEMPLATE_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"

namespace tf::policy {

class ReasonTemplate {
 public:
  struct Segment {
    bool is_placeholder = false;
    std::string text;   // literal text (braces unescaped), or the placeholder's Rego query
    size_t offset = 0;  // byte offset in the template, for diagnostics
  };

  // Splits `text` into literals and placeholders. Fails (kInvalidArgument, with the byte
  // offset) on an unterminated or empty placeholder or a stray '}'.
  static Result<ReasonTemplate> Parse(std::string_view text);

  const std::vector<Segment>& segments() const { return segments_; }
  size_t num_placeholders() const { return num_placeholders_; }

  // The reason with placeholder i replaced by values[i]. REQUIRES: values.size() ==
  // num_placeholders().
  std::string Render(std::span<const std::string> values) const;

 private:
  std::vector<Segment> segments_;
  size_t num_placeholders_ = 0;
};

// Appends a placeholder value as described above.
void AppendReasonValue(std::string& out, const Value& value);

inline constexpr std::string_view kUndefinedPlaceholder = "<undefined>";
inline constexpr std::string_view kErrorPlaceholder = "<error>";

}  // namespace tf::policy

#endif  // TF_POLICY_REASON_TEMPLATE_H_
