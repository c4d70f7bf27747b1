// File: rego/builtins/yaml_emit.h
//
// YAML text for a Value in the block style Go's sigs.k8s.io/yaml (go-yaml v2) writes for
// yaml.marshal: two-space indentation, sequences under a key not indented, keys in go-yaml's
// natural order ("a2" before "a10"), strings quoted only when plain text would read back as
// something else, multi-line strings as literal blocks. Sets are written as sequences.
#ifndef TF_REGO_BUILTINS_YAML_EMIT_H_
#define TF_REGO_BUILTINS_YAML_EMIT_H_

#include <string>

#include "core/value.h"

namespace tf::rego::builtins {

std::string EmitYaml(const Value& v);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_YAML_EMIT_H_
