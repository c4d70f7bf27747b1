// File: rego/source.h
//
// Source files and locations, and the diagnostics policy writers see: every parse and compile
// error names file:line:col and shows the offending line with a caret under the column.
//
//   policy.rego:3:5: rego_parse_error: unexpected eof token: expected ident
//     allow if {
//         ^
#ifndef TF_REGO_SOURCE_H_
#define TF_REGO_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tf::rego {

struct Source {
  std::string name;  // file name as given by the user, e.g. "policies/authz.rego"
  std::string text;
};

// A position in a source. `source` is borrowed: sources outlive the ASTs and programs built from
// them (a Program keeps its sources alive).
struct Location {
  const Source* source = nullptr;
  uint32_t line = 0;  // 1-based; 0 means unknown
  uint32_t col = 0;   // 1-based, in bytes
  uint32_t offset = 0;
};

struct Diagnostic {
  ErrorCode code;
  std::string message;
  Location loc;
};

// "file:line:col: code: message" followed by the source line and a caret.
std::string FormatDiagnostic(const Diagnostic& d);

// A list of diagnostics as one Status: the code of the first, all of them in the message
// ("N errors occurred:" when more than one, as OPA prints).
Status DiagnosticsToStatus(const std::vector<Diagnostic>& diagnostics);

}  // namespace tf::rego

#endif  // TF_REGO_SOURCE_H_
