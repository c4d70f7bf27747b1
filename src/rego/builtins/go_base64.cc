#include "rego/builtins/go_base64.h"

#include <array>

namespace tf::rego::builtins {
namespace {

constexpr uint8_t kInvalid = 0xff;
constexpr char kPad = '=';

std::array<uint8_t, 256> DecodeMap(bool url) {
  std::array<uint8_t, 256> map{};
  map.fill(kInvalid);
  const std::string_view alphabet =
      url ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (size_t i = 0; i < alphabet.size(); ++i)
    map[static_cast<uint8_t>(alphabet[i])] = static_cast<uint8_t>(i);
  return map;
}

Status Corrupt(size_t at) {
  return InvalidArgument("illegal base64 data at input byte " + std::to_string(at));
}

bool IsNewline(char c) {
  return c == '\n' || c == '\r';
}

}  // namespace

// One 4-character quantum at a time, as Go's decodeQuantum: the error offsets match Go's.
Result<std::string> GoBase64Decode(std::string_view src, GoBase64 encoding) {
  const std::array<uint8_t, 256> map = DecodeMap(encoding != GoBase64::kStd);
  const bool padded = encoding != GoBase64::kRawUrl;
  std::string out;
  size_t si = 0;
  while (true) {
    uint8_t quantum[4] = {0, 0, 0, 0};
    int len = 4;
    bool done = false;
    for (int j = 0; j < 4; ++j) {
      if (si == src.size()) {
        if (j == 0) return out;
        if (j == 1 || padded) return Corrupt(si - static_cast<size_t>(j));
        len = j;
        done = true;
        break;
      }
      const char in = src[si++];
      const uint8_t v = map[static_cast<uint8_t>(in)];
      if (v != kInvalid) {
        quantum[j] = v;
        continue;
      }
      if (IsNewline(in)) {
        --j;
        continue;
      }
      if (!padded || in != kPad || j < 2) return Corrupt(si - 1);
      if (j == 2) {  // "==" expected; the first '=' is consumed
        while (si < src.size() && IsNewline(src[si]))
          ++si;
        if (si == src.size()) return Corrupt(src.size());
        if (src[si] != kPad) return Corrupt(si - 1);
        ++si;
      }
      while (si < src.size() && IsNewline(src[si]))
        ++si;
      if (si < src.size()) return Corrupt(si);  // trailing garbage after padding
      len = j;
      done = true;
      break;
    }
    const uint32_t v = (uint32_t{quantum[0]} << 18) | (uint32_t{quantum[1]} << 12) |
                       (uint32_t{quantum[2]} << 6) | quantum[3];
    const char bytes[3] = {static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                           static_cast<char>(v)};
    out.append(bytes, static_cast<size_t>(len - 1));
    if (done) return out;
  }
}

Result<std::string> OpaBase64UrlDecode(std::string_view text) {
  std::string s(text);
  if (s.empty() || s.back() != kPad) {
    switch (s.size() % 4) {
      case 0:
        break;
      case 2:
        s += "==";
        break;
      case 3:
        s += "=";
        break;
      default:
        return InvalidArgument("illegal base64url string: " + s);
    }
  }
  return GoBase64Decode(s, GoBase64::kUrl);
}

}  // namespace tf::rego::builtins
