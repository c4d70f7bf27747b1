#include "core/encoding.h"

namespace tf {
namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr char kStd[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kUrl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int Base64Value(char c, Base64Alphabet alphabet) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (alphabet == Base64Alphabet::kStandard) {
    if (c == '+') return 62;
    if (c == '/') return 63;
  } else {
    if (c == '-') return 62;
    if (c == '_') return 63;
  }
  return -1;
}

Status BadBase64(std::string what) {
  return Status(ErrorCode::kEncodingError, "illegal base64 data: " + what);
}

}  // namespace

void AppendHex(std::string& out, std::span<const uint8_t> bytes) {
  // Written through a pointer into the grown string: a push_back per digit checked the
  // capacity each time (receipts and hashes are encoded on every request).
  const size_t start = out.size();
  out.resize(start + bytes.size() * 2);
  char* p = out.data() + start;
  for (uint8_t b : bytes) {
    *p++ = kHex[b >> 4];
    *p++ = kHex[b & 0xF];
  }
}

std::string HexEncode(std::span<const uint8_t> bytes) {
  std::string out;
  AppendHex(out, bytes);
  return out;
}

std::string HexEncode(std::string_view bytes) {
  return HexEncode(AsBytes(bytes));
}

Result<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return Status(ErrorCode::kEncodingError, "odd length hex string");
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexValue(hex[i]);
    int lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return Status(ErrorCode::kEncodingError,
                    "invalid hex byte at offset " + std::to_string(hi < 0 ? i : i + 1));
    }
    out.push_back(static_cast<char>((hi << 4) | lo));
  }
  return out;
}

void AppendBase64(std::string& out, std::span<const uint8_t> bytes, Base64Alphabet alphabet,
                  Base64Padding padding) {
  const char* table = alphabet == Base64Alphabet::kStandard ? kStd : kUrl;
  const size_t rest = bytes.size() % 3;
  const size_t chars =
      bytes.size() / 3 * 4 + (rest == 0 ? 0 : (padding == Base64Padding::kPad ? 4 : rest + 1));
  const size_t start = out.size();
  out.resize(start + chars);
  char* p = out.data() + start;
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    *p++ = table[(n >> 18) & 63];
    *p++ = table[(n >> 12) & 63];
    *p++ = table[(n >> 6) & 63];
    *p++ = table[n & 63];
  }
  if (rest > 0) {
    uint32_t n = bytes[i] << 16;
    if (rest == 2) n |= bytes[i + 1] << 8;
    *p++ = table[(n >> 18) & 63];
    *p++ = table[(n >> 12) & 63];
    if (rest == 2) *p++ = table[(n >> 6) & 63];
    if (padding == Base64Padding::kPad) {
      *p++ = '=';
      if (rest == 1) *p++ = '=';
    }
  }
}

std::string Base64Encode(std::span<const uint8_t> bytes, Base64Alphabet alphabet,
                         Base64Padding padding) {
  std::string out;
  AppendBase64(out, bytes, alphabet, padding);
  return out;
}

std::string Base64Encode(std::string_view bytes, Base64Alphabet alphabet, Base64Padding padding) {
  return Base64Encode(AsBytes(bytes), alphabet, padding);
}

Result<std::string> Base64Decode(std::string_view text, Base64Alphabet alphabet,
                                 Base64Padding padding) {
  size_t pad = 0;
  while (!text.empty() && text.back() == '=' && pad < 2) {
    text.remove_suffix(1);
    ++pad;
  }
  if (pad > 0 && padding == Base64Padding::kNoPad) return BadBase64("unexpected padding");
  size_t rem = text.size() % 4;
  if (rem == 1) return BadBase64("bad length");
  if (padding == Base64Padding::kPad && rem != 0 && pad != 4 - rem) {
    return BadBase64("missing padding");
  }
  if (pad > 0 && (rem == 0 || pad != 4 - rem)) return BadBase64("bad padding");
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    int v = Base64Value(text[i], alphabet);
    if (v < 0) return BadBase64("bad character at offset " + std::to_string(i));
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return BadBase64("non-zero trailing bits");
  return out;
}

}  // namespace tf
