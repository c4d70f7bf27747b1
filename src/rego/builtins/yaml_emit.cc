#include "rego/builtins/yaml_emit.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstring>

#include "core/json.h"
#include "core/utf8.h"
#include "rego/builtins/go_format.h"

namespace tf::rego::builtins {
namespace {

bool IsDigit(char32_t r) {
  return r >= '0' && r <= '9';
}
bool IsLetter(char32_t r) {
  return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= 0x80 && r != 0xFFFD);
}

// go-yaml's key order: runs of digits compare by value, letters sort before other symbols.
bool NaturalLess(const std::string& a, const std::string& b) {
  std::u32string ar = ToCodePoints(a), br = ToCodePoints(b);
  for (size_t i = 0; i < ar.size() && i < br.size(); ++i) {
    if (ar[i] == br[i]) continue;
    const bool al = IsLetter(ar[i]), bl = IsLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    uint64_t an = 0, bn = 0;
    size_t ai = i, bi = i;
    if (ar[i] == '0' || br[i] == '0') {
      for (size_t j = i; j-- > 0 && IsDigit(ar[j]);) {
        if (ar[j] != '0') an = bn = 1;  // inside a number: leading zeros matter
        if (ar[j] != '0') break;
      }
    }
    for (; ai < ar.size() && IsDigit(ar[ai]); ++ai)
      an = an * 10 + (ar[ai] - '0');
    for (; bi < br.size() && IsDigit(br[bi]); ++bi)
      bn = bn * 10 + (br[bi] - '0');
    if (an != bn) return an < bn;
    if (ai != bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.size() < br.size();
}

std::string KeyText(const Value& key) {
  return key.is_string() ? key.string() : ToJson(key);
}

bool OneOf(std::string_view s, std::initializer_list<std::string_view> options) {
  return std::find(options.begin(), options.end(), s) != options.end();
}

// Plain text that a YAML 1.1 reader would take for a boolean, null or number.
bool ReadsAsNonString(std::string_view s) {
  if (OneOf(s, {"y",     "Y",   "yes", "Yes", "YES", "true", "True", "TRUE",  "on",
                "On",    "ON",  "n",   "N",   "no",  "No",   "NO",   "false", "False",
                "FALSE", "off", "Off", "OFF", "~",   "null", "Null", "NULL",  "<<"})) {
    return true;
  }
  if (s.empty()) return true;
  const char c = s[0];
  if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'))
    return false;
  // Anything number-like: digits with at most signs, '.', '_', ':', exponent or base markers.
  return std::all_of(s.begin(), s.end(),
                     [](char ch) {
                       return std::isxdigit(static_cast<unsigned char>(ch)) ||
                              std::strchr("+-._:xXoObB", ch);
                     }) &&
         std::any_of(s.begin(), s.end(),
                     [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
}

bool NeedsDoubleQuotes(std::string_view s) {
  if (!IsValidUtf8(s)) return true;
  for (size_t i = 0; i < s.size();) {
    char32_t r;
    i += DecodeUtf8(s, i, &r);
    if (r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r == 0xFEFF) return true;
  }
  return ReadsAsNonString(s) || s == ".inf" || s == ".nan";
}

bool PlainAllowed(std::string_view s) {
  if (s.front() == ' ' || s.back() == ' ') return false;
  if (s.starts_with("---") || s.starts_with("...")) return false;
  const bool followed_by_space = s.size() == 1 || s[1] == ' ';
  if (std::strchr("#,[]{}&*!|>'\"%@`", s[0]) != nullptr) return false;
  if ((s[0] == '-' || s[0] == '?' || s[0] == ':') && followed_by_space) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) return false;
    if (s[i] == '#' && i > 0 && s[i - 1] == ' ') return false;
  }
  return true;
}

std::string DoubleQuoted(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    char32_t r;
    size_t n = DecodeUtf8(s, i, &r);
    if (r == '"' || r == '\\') {
      out += '\\';
      out += static_cast<char>(r);
    } else if (r == '\n') {
      out += "\\n";
    } else if (r == '\t') {
      out += "\\t";
    } else if (r == '\r') {
      out += "\\r";
    } else if (r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r == 0xFEFF ||
               (r == kReplacementChar && n == 1)) {
      char buf[16];
      const uint32_t code =
          (r == kReplacementChar && n == 1) ? static_cast<unsigned char>(s[i]) : r;
      std::snprintf(buf, sizeof(buf), code <= 0xFF ? "\\x%02X" : "\\u%04X", code);
      out += buf;
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out + "\"";
}

class Emitter {
 public:
  std::string out;

  // Writes `v` after "key:" or "- " (or at the top), `indent` being the block's indentation.
  void Node(const Value& v, int indent, bool in_sequence);

 private:
  void Scalar(std::string_view text, int indent);
  void Literal(std::string_view s, int indent);
  void Mapping(const Value& v, int indent, bool inline_first);
  void Sequence(std::span<const Value> items, int indent, bool inline_first);
};

void Emitter::Literal(std::string_view s, int indent) {
  size_t trailing = s.size() - (s.find_last_not_of('\n') + 1);
  out += trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
  std::string_view body = trailing == 0 ? s : s.substr(0, s.size() - 1);
  for (size_t start = 0; start <= body.size();) {
    size_t nl = body.find('\n', start);
    std::string_view line = body.substr(start, nl == std::string_view::npos ? nl : nl - start);
    out += '\n';
    if (!line.empty()) out += std::string(static_cast<size_t>(indent), ' ') + std::string(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  out += '\n';
}

void Emitter::Scalar(std::string_view s, int indent) {
  if (s.find('\n') != std::string_view::npos && IsValidUtf8(s) && s[0] != ' ' && s[0] != '\n' &&
      s.find('\t') == std::string_view::npos && s.find('\r') == std::string_view::npos) {
    return Literal(s, indent);
  }
  if (NeedsDoubleQuotes(s)) {
    out += DoubleQuoted(s);
  } else if (!PlainAllowed(s)) {
    std::string quoted = "'";
    for (char c : s)
      quoted += c == '\'' ? std::string("''") : std::string(1, c);
    out += quoted + "'";
  } else {
    out.append(s);
  }
  out += '\n';
}

std::string NumberText(const Number& n) {
  if (n.is_small()) return std::to_string(n.small());
  std::string digits = n.ToString();
  if (n.IsInteger() && digits.find('e') == std::string::npos && digits.size() <= 20) {
    uint64_t u = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), u);
    if (ec == std::errc() && ptr == digits.data() + digits.size()) return digits;
  }
  GoArg arg = GoArg::Float(n.ToDouble());
  return GoFormat("%v", std::span<const GoArg>(&arg, 1));
}

void Emitter::Node(const Value& v, int indent, bool in_sequence) {
  switch (v.kind()) {
    case ValueKind::kNull:
      out += "null\n";
      return;
    case ValueKind::kBool:
      out += v.bool_value() ? "true\n" : "false\n";
      return;
    case ValueKind::kNumber:
      out += NumberText(v.number()) + "\n";
      return;
    case ValueKind::kString:
      return Scalar(v.string(), indent);
    case ValueKind::kObject:
      if (v.size() == 0) {
        out += "{}\n";
        return;
      }
      return Mapping(v, indent, in_sequence);
    case ValueKind::kArray:
    case ValueKind::kSet: {
      std::span<const Value> items = v.is_array() ? v.array() : v.set();
      if (items.empty()) {
        out += "[]\n";
        return;
      }
      return Sequence(items, indent, in_sequence);
    }
  }
}

void Emitter::Mapping(const Value& v, int indent, bool inline_first) {
  std::vector<std::pair<std::string, const Value*>> entries;
  for (const ObjectEntry& e : v.object())
    entries.emplace_back(KeyText(e.first), &e.second);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& x, const auto& y) { return NaturalLess(x.first, y.first); });
  bool first = true;
  for (const auto& [key, value] : entries) {
    if (!(first && inline_first)) out += std::string(static_cast<size_t>(indent), ' ');
    first = false;
    Scalar(key, indent);
    out.pop_back();  // the key's newline
    out += ':';
    const bool block =
        (value->is_object() || value->is_array() || value->is_set()) && value->size() > 0;
    if (block && value->is_object()) {
      out += '\n';
      Node(*value, indent + 2, false);
    } else if (block) {
      out += '\n';
      Node(*value, indent, false);  // sequences under a key are not indented
    } else {
      out += ' ';
      Node(*value, indent + 2, false);
    }
  }
}

void Emitter::Sequence(std::span<const Value> items, int indent, bool inline_first) {
  bool first = true;
  for (const Value& item : items) {
    if (!(first && inline_first)) out += std::string(static_cast<size_t>(indent), ' ');
    first = false;
    out += "- ";
    Node(item, indent + 2, true);
  }
}

}  // namespace

std::string EmitYaml(const Value& v) {
  Emitter e;
  e.Node(v, 0, false);
  return std::move(e.out);
}

}  // namespace tf::rego::builtins
