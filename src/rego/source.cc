#include "rego/source.h"

namespace tf::rego {

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out;
  if (d.loc.source != nullptr) {
    out += d.loc.source->name;
    if (d.loc.line > 0) {
      out += ":" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col);
    }
    out += ": ";
  }
  out += ErrorCodeName(d.code);
  out += ": ";
  out += d.message;
  if (d.loc.source == nullptr || d.loc.line == 0) return out;
  std::string_view text = d.loc.source->text;
  size_t start = text.rfind('\n', d.loc.offset == 0 ? 0 : d.loc.offset - 1);
  start = (start == std::string_view::npos || d.loc.offset == 0) ? 0 : start + 1;
  if (start > text.size()) return out;
  size_t end = text.find('\n', start);
  std::string_view line =
      text.substr(start, end == std::string_view::npos ? text.npos : end - start);
  out += "\n\t";
  out += line;
  out += "\n\t";
  // Keep tabs in the caret line so the caret lines up under tab-indented code.
  for (size_t i = 0; i + 1 < d.loc.col && i < line.size(); ++i)
    out += line[i] == '\t' ? '\t' : ' ';
  out += '^';
  return out;
}

Status DiagnosticsToStatus(const std::vector<Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return Status();
  std::string message;
  if (diagnostics.size() > 1) {
    message = std::to_string(diagnostics.size()) + " errors occurred:\n";
  }
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    if (i > 0) message += "\n";
    message += FormatDiagnostic(diagnostics[i]);
  }
  return Status(diagnostics[0].code, std::move(message));
}

}  // namespace tf::rego
