// File: policy/internal/yaml_source.h
//
// A YAML file read for validation with positions: yaml-cpp's node tree gives structure and
// marks (lines), core's ParseYaml gives the same document as a Value with YAML 1.2 core-schema
// scalars, and `Cursor` walks both in step. Everything here converts yaml-cpp's exceptions into
// Status; nothing throws out.
#ifndef TF_POLICY_INTERNAL_YAML_SOURCE_H_
#define TF_POLICY_INTERNAL_YAML_SOURCE_H_

#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/value.h"
#include "policy/manifest.h"

namespace tf::policy::internal {

// A node of the document and its Value (never null; a missing child is a null Value with an
// undefined node).
struct Cursor {
  YAML::Node node;
  const Value* value = nullptr;

  bool defined() const { return node.IsDefined(); }
  SourcePos pos() const;
};

class YamlSource {
 public:
  // Parses one YAML document. A YAML syntax error, a document of more than `max_nodes` nodes
  // (counting aliases as often as they are used) or one that is not a mapping fails with
  // `code` and file:line:col.
  static Result<YamlSource> Parse(std::string_view text, std::string file, ErrorCode code,
                                  size_t max_nodes = 100'000);

  Cursor root() const { return {root_, &value_}; }
  const std::string& file() const { return file_; }
  ErrorCode code() const { return code_; }

  // "file:line:col: message" with this source's code (or `code`).
  Status Error(SourcePos pos, std::string_view message) const;
  Status Error(ErrorCode code, SourcePos pos, std::string_view message) const;

  // Calls `fn(key, value, key_pos)` for each entry of a mapping in document order. Refuses a
  // node that is not a mapping (naming `what`), non-scalar keys and duplicate keys.
  Status ForEachEntry(
      const Cursor& map, std::string_view what,
      const std::function<Status(const std::string&, const Cursor&, SourcePos)>& fn) const;
  // Calls `fn(item)` for each item of a sequence. Refuses anything else, naming `what`.
  Status ForEachItem(const Cursor& seq, std::string_view what,
                     const std::function<Status(const Cursor&)>& fn) const;

  // A string scalar (YAML string after core-schema resolution), else an error naming `what`.
  Result<std::string> String(const Cursor& c, std::string_view what) const;
  // A scalar written as a string or a number, as its text (versions: `1`, `1.2.0`).
  Result<std::string> Text(const Cursor& c, std::string_view what) const;
  // An integer in [0, max].
  Result<uint64_t> Unsigned(const Cursor& c, std::string_view what, uint64_t max) const;

 private:
  YamlSource() = default;
  std::string file_;
  ErrorCode code_ = ErrorCode::kInvalidArgument;
  YAML::Node root_;
  Value value_;
};

}  // namespace tf::policy::internal

#endif  // TF_POLICY_INTERNAL_YAML_SOURCE_H_
