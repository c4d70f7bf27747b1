// Byte encodings: base64.*, base64url.* and hex.*. Decoding follows Go's encoding/base64 and
// encoding/hex (which OPA calls): line breaks are skipped, unused trailing bits are tolerated,
// and errors name the offending byte offset ("illegal base64 data at input byte 4").
#include <cstdio>
#include <optional>

#include "core/encoding.h"
#include "rego/builtins/families.h"

namespace tf::rego::builtins {
namespace {

constexpr std::string_view kStdAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

Status CorruptInput(size_t offset) {
  return BuiltinError("illegal base64 data at input byte " + std::to_string(offset));
}

bool IsLineBreak(char c) {
  return c == '\n' || c == '\r';
}

size_t SkipLineBreaks(std::string_view s, size_t i) {
  while (i < s.size() && IsLineBreak(s[i]))
    ++i;
  return i;
}

// Decodes one quantum of up to four symbols starting at `i`; appends its bytes to `out`.
// Returns false at the end of the input.
Result<bool> DecodeQuantum(std::string_view s, std::string_view alphabet, size_t& i,
                           std::string& out) {
  uint32_t bits = 0;
  int symbols = 0;
  while (symbols < 4) {
    if (i == s.size()) {
      if (symbols == 0) return false;
      return CorruptInput(i - static_cast<size_t>(symbols));  // padding is required
    }
    const char c = s[i++];
    size_t value = alphabet.find(c);
    if (value != std::string_view::npos && c != '\0') {
      bits = bits << 6 | static_cast<uint32_t>(value);
      ++symbols;
      continue;
    }
    if (IsLineBreak(c)) continue;
    if (c != '=' || symbols < 2) return CorruptInput(i - 1);
    if (symbols == 2) {  // "==" expected
      i = SkipLineBreaks(s, i);
      if (i == s.size()) return CorruptInput(s.size());
      if (s[i] != '=') return CorruptInput(i - 1);
      ++i;
    }
    i = SkipLineBreaks(s, i);
    if (i < s.size()) return CorruptInput(i);  // trailing garbage after padding
    break;
  }
  bits <<= 6 * (4 - symbols);
  for (int k = 0; k < symbols - 1; ++k)
    out += static_cast<char>((bits >> (16 - 8 * k)) & 0xFF);
  return symbols == 4;
}

Result<std::string> GoBase64Decode(std::string_view s, std::string_view alphabet) {
  std::string out;
  size_t i = 0;
  for (;;) {
    TF_ASSIGN_OR_RETURN(bool more, DecodeQuantum(s, alphabet, i, out));
    if (!more) return out;
  }
}

Result<Value> Base64EncodeStd(BuiltinContext&, std::span<const Value> a) {
  return Value::String(tf::Base64Encode(std::string_view(a[0].string())));
}

Result<Value> Base64DecodeStd(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(std::string bytes, GoBase64Decode(a[0].string(), kStdAlphabet));
  return Value::String(std::move(bytes));
}

Result<Value> Base64IsValid(BuiltinContext&, std::span<const Value> a) {
  return Value::Bool(a[0].is_string() && GoBase64Decode(a[0].string(), kStdAlphabet).ok());
}

Result<Value> Base64UrlEncode(BuiltinContext&, std::span<const Value> a) {
  return Value::String(tf::Base64Encode(std::string_view(a[0].string()), Base64Alphabet::kUrl));
}

Result<Value> Base64UrlEncodeNoPad(BuiltinContext&, std::span<const Value> a) {
  return Value::String(tf::Base64Encode(std::string_view(a[0].string()), Base64Alphabet::kUrl,
                                        Base64Padding::kNoPad));
}

// Unpadded input is padded first (RFC 7515 appendix C), as OPA does.
Result<Value> Base64UrlDecode(BuiltinContext&, std::span<const Value> a) {
  std::string s = a[0].string();
  if (!s.ends_with('=')) {
    switch (s.size() % 4) {
      case 2:
        s += "==";
        break;
      case 3:
        s += "=";
        break;
      case 1:
        return BuiltinError("illegal base64url string: " + s);
      default:
        break;
    }
  }
  TF_ASSIGN_OR_RETURN(std::string bytes, GoBase64Decode(s, kUrlAlphabet));
  return Value::String(std::move(bytes));
}

Result<Value> HexEncodeString(BuiltinContext&, std::span<const Value> a) {
  return Value::String(HexEncode(std::string_view(a[0].string())));
}

std::optional<int> HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

// Go's InvalidByteError text: "encoding/hex: invalid byte: U+0067 'g'".
Status InvalidHexByte(char c) {
  const auto b = static_cast<unsigned char>(c);
  char buf[32];
  std::snprintf(buf, sizeof(buf), "U+%04X", b);
  std::string msg = std::string("encoding/hex: invalid byte: ") + buf;
  if (b >= 0x20 && b < 0x7F) msg += std::string(" '") + c + "'";
  return BuiltinError(msg);
}

Result<Value> HexDecodeString(BuiltinContext&, std::span<const Value> a) {
  const std::string& s = a[0].string();
  std::string out;
  size_t i = 0;
  for (; i + 1 < s.size(); i += 2) {
    std::optional<int> hi = HexDigit(s[i]), lo = HexDigit(s[i + 1]);
    if (!hi) return InvalidHexByte(s[i]);
    if (!lo) return InvalidHexByte(s[i + 1]);
    out += static_cast<char>(*hi << 4 | *lo);
  }
  if (i < s.size()) {  // odd length; an invalid last byte is the earlier problem
    if (!HexDigit(s[i])) return InvalidHexByte(s[i]);
    return BuiltinError("encoding/hex: odd length hex string");
  }
  return Value::String(std::move(out));
}

BuiltinDecl StringToString(std::string_view name, BuiltinFn fn) {
  return BuiltinDecl{.name = name, .params = {{kString, "x"}}, .result = kString, .fn = fn};
}

}  // namespace

std::vector<BuiltinDecl> EncodingBuiltins() {
  return {
      StringToString("base64.encode", Base64EncodeStd),
      StringToString("base64.decode", Base64DecodeStd),
      {.name = "base64.is_valid",
       .params = {{kAnyKind, "x"}},
       .result = kBoolean,
       .fn = Base64IsValid},
      StringToString("base64url.encode", Base64UrlEncode),
      StringToString("base64url.encode_no_pad", Base64UrlEncodeNoPad),
      StringToString("base64url.decode", Base64UrlDecode),
      StringToString("hex.encode", HexEncodeString),
      StringToString("hex.decode", HexDecodeString),
  };
}

}  // namespace tf::rego::builtins
