// File: core/yaml.h
//
// YAML documents as Values, with the YAML 1.2 core schema for plain scalars: null (~, null,
// empty), booleans (true/false), integers (decimal, 0x hex, 0o octal), floats, otherwise
// strings; quoted scalars are always strings; mapping keys become strings. Errors are
// kYamlParseError with line:col. Used for pack manifests, METADATA annotations and the yaml.*
// builtins.
#ifndef TF_CORE_YAML_H_
#define TF_CORE_YAML_H_

#include <string_view>

#include "core/status.h"
#include "core/value.h"

namespace tf {

// One document (an empty input is null). Fails on syntax errors, more than one document,
// non-scalar mapping keys, nesting deeper than 512 levels, and floats JSON cannot hold
// (.inf, .nan).
Result<Value> ParseYaml(std::string_view text);

// How many documents `text` holds: 0, 1, or 2 for two or more; it reads no further than the
// second. Fails on syntax errors within them. Use it before yaml-cpp's own loaders: their
// LoadAll never ends on some inputs (see yaml.cc).
Result<int> CountYamlDocuments(std::string_view text);

}  // namespace tf

#endif  // TF_CORE_YAML_H_
