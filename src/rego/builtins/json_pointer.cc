#include "rego/builtins/json_pointer.h"

#include "rego/builtin.h"

namespace tf::rego::builtins {
namespace {

std::string ReplaceAllOf(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

}  // namespace

Result<std::vector<Value>> ParsePathOperand(const Value& path, int pos) {
  if (path.is_array()) return std::vector<Value>(path.array().begin(), path.array().end());
  if (!path.is_string()) {
    return OperandError(pos,
                        "must be one of {set, array} containing string paths or array of path "
                        "segments but got " +
                            std::string(path.TypeName()));
  }
  std::vector<Value> segments;
  std::string_view s = path.string();
  if (s.empty()) return segments;
  s.remove_prefix(std::min(s.find_first_not_of('/'), s.size()));
  for (size_t start = 0;;) {
    size_t slash = s.find('/', start);
    std::string part(s.substr(start, slash == std::string_view::npos ? slash : slash - start));
    segments.push_back(Value::String(ReplaceAllOf(ReplaceAllOf(part, "~1", "/"), "~0", "~")));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

}  // namespace tf::rego::builtins
