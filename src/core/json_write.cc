#include "core/json.h"
#include "core/utf8.h"

namespace tf {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

void AppendUnicodeEscape(std::string& out, unsigned code) {
  out += "\\u00";
  out.push_back(kHexDigits[(code >> 4) & 0xF]);
  out.push_back(kHexDigits[code & 0xF]);
}

class Writer {
 public:
  Writer(std::string& out, const JsonWriteOptions& options) : out_(out), options_(options) {}

  void Write(const Value& v, int depth) {
    switch (v.kind()) {
      case ValueKind::kNull:
        out_ += "null";
        return;
      case ValueKind::kBool:
        out_ += v.bool_value() ? "true" : "false";
        return;
      case ValueKind::kNumber:
        if (v.is_small_int()) {
          out_ += std::to_string(v.small_int());
        } else {
          out_ += v.number().ToString();
        }
        return;
      case ValueKind::kString:
        AppendJsonString(out_, v.string(), options_.escape_html);
        return;
      case ValueKind::kArray:
        WriteSequence(v.array(), depth);
        return;
      case ValueKind::kSet:
        WriteSequence(v.set(), depth);
        return;
      case ValueKind::kObject:
        WriteObject(v, depth);
        return;
    }
  }

 private:
  void Newline(int depth) {
    if (!options_.pretty) return;
    out_ += '\n';
    out_ += options_.prefix;
    for (int i = 0; i < depth; ++i)
      out_ += options_.indent;
  }

  void WriteSequence(std::span<const Value> items, int depth) {
    out_ += '[';
    if (items.empty()) {
      out_ += ']';
      return;
    }
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out_ += ',';
      Newline(depth + 1);
      Write(items[i], depth + 1);
    }
    Newline(depth);
    out_ += ']';
  }

  void WriteObject(const Value& v, int depth) {
    auto entries = v.object();
    out_ += '{';
    if (entries.empty()) {
      out_ += '}';
      return;
    }
    for (size_t i = 0; i < entries.size(); ++i) {
      if (i > 0) out_ += ',';
      Newline(depth + 1);
      const Value& key = entries[i].first;
      if (key.is_string()) {
        AppendJsonString(out_, key.string(), options_.escape_html);
      } else {
        AppendJsonString(out_, ToJson(key), options_.escape_html);
      }
      out_ += options_.pretty ? ": " : ":";
      Write(entries[i].second, depth + 1);
    }
    Newline(depth);
    out_ += '}';
  }

  std::string& out_;
  const JsonWriteOptions& options_;
};

}  // namespace

void AppendJsonString(std::string& out, std::string_view s, bool escape_html) {
  // Printable ASCII other than '"', '\\' (and <>& when escaping HTML) is copied as is.
  auto plain = [escape_html](unsigned char c) {
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' &&
           !(escape_html && (c == '<' || c == '>' || c == '&'));
  };
  out.push_back('"');
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (plain(c)) {
      // Copy the whole run at once: most strings need no escaping.
      size_t end = i + 1;
      while (end < s.size() && plain(static_cast<unsigned char>(s[end])))
        ++end;
      out.append(s.data() + i, end - i);
      i = end;
      continue;
    }
    if (c >= 0x80) {
      char32_t cp;
      size_t n = DecodeUtf8(s, i, &cp);
      if (cp == kReplacementChar && n == 1) {
        out += "\xEF\xBF\xBD";
      } else if (cp == 0x2028 || cp == 0x2029) {
        // Go escapes the JavaScript line separators; so do we, for byte-identical output.
        out += cp == 0x2028 ? "\\u2028" : "\\u2029";
      } else {
        out.append(s.substr(i, n));
      }
      i += n;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || (escape_html && (c == '<' || c == '>' || c == '&'))) {
          AppendUnicodeEscape(out, c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
}

void AppendJson(std::string& out, const Value& value, const JsonWriteOptions& options) {
  Writer(out, options).Write(value, 0);
}

std::string ToJson(const Value& value, const JsonWriteOptions& options) {
  std::string out;
  AppendJson(out, value, options);
  return out;
}

}  // namespace tf
