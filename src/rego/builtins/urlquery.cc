// The urlquery namespace, as Go's net/url query escaping: urlquery.encode, urlquery.decode,
// urlquery.encode_object, urlquery.decode_object.
#include <algorithm>
#include <optional>

#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

bool IsUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

// url.QueryEscape: unreserved bytes stay, space becomes '+', everything else %XX.
std::string QueryEscape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    if (IsUnreserved(c)) {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      const auto b = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// url.QueryUnescape, with its error text: invalid URL escape "%zz".
Result<std::string> QueryUnescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] != '%') {
      out += s[i];
    } else if (i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) << 4 | HexValue(s[i + 2]));
      i += 2;
    } else {
      std::string bad(s.substr(i, 3));
      std::string msg = "invalid URL escape ";
      AppendGoQuoted(msg, bad);
      return BuiltinError(msg);
    }
  }
  return out;
}

Result<Value> Encode(BuiltinContext&, std::span<const Value> a) {
  return Value::String(QueryEscape(a[0].string()));
}

Result<Value> Decode(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(std::string s, QueryUnescape(a[0].string()));
  return Value::String(std::move(s));
}

Status BadObjectValues() {
  return OperandError(1, "values must be string, array[string], or set[string]");
}

// url.Values.Encode: keys in order, each value as key=value, joined with '&'.
Result<Value> EncodeObject(BuiltinContext&, std::span<const Value> a) {
  std::string out;
  auto append = [&](const Value& key, std::string_view value) {
    if (!out.empty()) out += '&';
    out += QueryEscape(key.is_string() ? key.string() : RegoText(key)) + "=" + QueryEscape(value);
  };
  for (const ObjectEntry& e : a[0].object()) {
    if (e.second.is_string()) {
      append(e.first, e.second.string());
      continue;
    }
    if (!e.second.is_array() && !e.second.is_set()) return BadObjectValues();
    for (const Value& v : e.second.is_array() ? e.second.array() : e.second.set()) {
      if (!v.is_string()) return BadObjectValues();
      append(e.first, v.string());
    }
  }
  return Value::String(std::move(out));
}

// url.ParseQuery: '&'-separated key[=value] pairs; ';' is rejected as Go 1.17+ does.
Result<Value> DecodeObject(BuiltinContext&, std::span<const Value> a) {
  std::string_view query = a[0].string();
  std::vector<std::pair<std::string, std::vector<Value>>> params;
  Status first_error;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.find(';') != std::string_view::npos) {
      if (first_error.ok()) first_error = BuiltinError("invalid semicolon separator in query");
      continue;
    }
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    Result<std::string> key = QueryUnescape(pair.substr(0, eq));
    Result<std::string> value =
        QueryUnescape(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!key.ok() || !value.ok()) {
      if (first_error.ok()) first_error = key.ok() ? value.status() : key.status();
      continue;
    }
    auto it =
        std::find_if(params.begin(), params.end(), [&](const auto& p) { return p.first == *key; });
    if (it == params.end()) it = params.insert(params.end(), {*key, {}});
    it->second.push_back(Value::String(*value));
  }
  if (!first_error.ok()) return first_error;
  std::vector<ObjectEntry> entries;
  for (auto& [k, vs] : params)
    entries.emplace_back(Value::String(k), Value::Array(std::move(vs)));
  return Value::Object(std::move(entries));
}

}  // namespace

std::vector<BuiltinDecl> UrlQueryBuiltins() {
  return {
      {.name = "urlquery.encode", .params = {{kString, "x"}}, .result = kString, .fn = Encode},
      {.name = "urlquery.decode", .params = {{kString, "x"}}, .result = kString, .fn = Decode},
      {.name = "urlquery.encode_object",
       .params = {{kObject, "object"}},
       .result = kString,
       .fn = EncodeObject},
      {.name = "urlquery.decode_object",
       .params = {{kString, "x"}},
       .result = kObject,
       .fn = DecodeObject},
  };
}

}  // namespace tf::rego::builtins
