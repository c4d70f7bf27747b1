#include "policy/reason_template.h"

#include "core/json.h"

namespace tf::policy {
namespace {

Status TemplateError(size_t offset, std::string_view what) {
  return InvalidArgument("reason template, byte " + std::to_string(offset) + ": " +
                         std::string(what));
}

// Returns the offset of the '}' closing the placeholder that starts after `open`, skipping
// Rego string literals ("…" with escapes, `…` raw) and nested braces; npos if unterminated.
size_t FindPlaceholderEnd(std::string_view text, size_t open) {
  int depth = 0;
  for (size_t i = open + 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '`') {
      i = text.find('`', i + 1);
      if (i == std::string_view::npos) return i;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (depth == 0) return i;
      --depth;
    }
  }
  return std::string_view::npos;
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

Result<ReasonTemplate> ReasonTemplate::Parse(std::string_view text) {
  ReasonTemplate out;
  std::string literal;
  size_t literal_start = 0;
  auto flush = [&](size_t next) {
    if (!literal.empty()) out.segments_.push_back({false, std::move(literal), literal_start});
    literal.clear();
    literal_start = next;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool doubled = i + 1 < text.size() && text[i + 1] == c;
    if ((c == '{' || c == '}') && doubled) {
      literal += c;
      ++i;
      continue;
    }
    if (c == '}') return TemplateError(i, "'}' without '{' (write '}}' for a brace)");
    if (c != '{') {
      literal += c;
      continue;
    }
    size_t end = FindPlaceholderEnd(text, i);
    if (end == std::string_view::npos) return TemplateError(i, "unterminated placeholder");
    std::string_view query = text.substr(i + 1, end - i - 1);
    if (IsBlank(query)) return TemplateError(i, "empty placeholder");
    flush(end + 1);
    out.segments_.push_back({true, std::string(query), i + 1});
    ++out.num_placeholders_;
    i = end;
  }
  flush(text.size());
  return out;
}

std::string ReasonTemplate::Render(std::span<const std::string> values) const {
  std::string out;
  size_t next = 0;
  for (const Segment& s : segments_) {
    out += s.is_placeholder ? values[next++] : s.text;
  }
  return out;
}

void AppendReasonValue(std::string& out, const Value& value) {
  switch (value.kind()) {
    case ValueKind::kString:
      out += value.string();
      return;
    case ValueKind::kArray:
    case ValueKind::kSet: {
      std::span<const Value> items = value.is_array() ? value.array() : value.set();
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ", ";
        AppendReasonValue(out, items[i]);
      }
      return;
    }
    default:
      AppendJson(out, value);
      return;
  }
}

}  // namespace tf::policy
