#include "core/canonical_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/utf8.h"

namespace tf {
namespace {

constexpr int64_t kMaxExactInt = int64_t{1} << 53;

std::u16string Utf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    i += DecodeUtf8(s, i, &cp);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

// Printable ASCII other than '"' and '\\' is copied as is.
bool IsPlainAscii(unsigned char c) {
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

void AppendCanonicalString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (IsPlainAscii(c)) {
      // Copy the whole run at once: most keys and values need no escaping.
      size_t end = i + 1;
      while (end < s.size() && IsPlainAscii(static_cast<unsigned char>(s[end])))
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
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
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
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
}

Status AppendCanonicalJson(std::string& out, const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull:
      out += "null";
      return Status();
    case ValueKind::kBool:
      out += v.bool_value() ? "true" : "false";
      return Status();
    case ValueKind::kNumber: {
      // Integers of magnitude below 2^53 are exact doubles and print as plain decimals.
      if (v.is_small_int() && v.small_int() > -kMaxExactInt && v.small_int() < kMaxExactInt) {
        out += std::to_string(v.small_int());
        return Status();
      }
      double d = v.number().ToDouble();
      if (!std::isfinite(d)) {
        return InvalidArgument("number out of IEEE 754 double range has no canonical JSON form");
      }
      out += FormatEcmaScriptNumber(d);
      return Status();
    }
    case ValueKind::kString:
      AppendCanonicalString(out, v.string());
      return Status();
    case ValueKind::kArray:
    case ValueKind::kSet: {
      out.push_back('[');
      auto items = v.is_array() ? v.array() : v.set();
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out.push_back(',');
        TF_RETURN_IF_ERROR(AppendCanonicalJson(out, items[i]));
      }
      out.push_back(']');
      return Status();
    }
    case ValueKind::kObject: {
      auto entries = v.object();
      bool ascii_keys = true;
      for (const ObjectEntry& e : entries) {
        if (!e.first.is_string()) {
          return InvalidArgument("object with a non-string key has no canonical JSON form");
        }
        ascii_keys = ascii_keys && IsAscii(e.first.string());
      }
      std::vector<const ObjectEntry*> sorted;
      sorted.reserve(entries.size());
      if (ascii_keys) {
        // For ASCII keys byte order is UTF-16 code unit order: no conversion needed.
        for (const ObjectEntry& e : entries)
          sorted.push_back(&e);
        std::sort(sorted.begin(), sorted.end(), [](const ObjectEntry* a, const ObjectEntry* b) {
          return a->first.string() < b->first.string();
        });
      } else {
        std::vector<std::pair<std::u16string, const ObjectEntry*>> keyed;
        keyed.reserve(entries.size());
        for (const ObjectEntry& e : entries)
          keyed.emplace_back(Utf16(e.first.string()), &e);
        std::sort(keyed.begin(), keyed.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& k : keyed)
          sorted.push_back(k.second);
      }
      out.push_back('{');
      for (size_t i = 0; i < sorted.size(); ++i) {
        if (i > 0) out.push_back(',');
        AppendCanonicalString(out, sorted[i]->first.string());
        out.push_back(':');
        TF_RETURN_IF_ERROR(AppendCanonicalJson(out, sorted[i]->second));
      }
      out.push_back('}');
      return Status();
    }
  }
  return Internal("unknown value kind");
}

std::string FormatEcmaScriptNumber(double value) {
  if (value == 0) return "0";  // also -0 (ECMA-262 Number::toString)
  std::string out;
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  // Shortest round-trip digits in scientific form: d[.ddd]e±x.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  std::string_view sci(buf, end - buf);
  size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits.push_back(c);
  }
  int exp10 = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  int k = static_cast<int>(digits.size());
  int n = exp10 + 1;  // value = 0.digits * 10^n
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, n);
    out += '.';
    out += digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += n - 1 >= 0 ? '+' : '-';
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

Result<std::string> CanonicalJson(const Value& value) {
  std::string out;
  TF_RETURN_IF_ERROR(AppendCanonicalJson(out, value));
  return out;
}

}  // namespace tf
