// File: core/encoding.h
//
// Byte encodings used across modules: hex, base64 (RFC 4648 §4) and base64url (§5), with and
// without padding. Decoders are strict and return errors instead of guessing.
#ifndef TF_CORE_ENCODING_H_
#define TF_CORE_ENCODING_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tf {

std::string HexEncode(std::span<const uint8_t> bytes);
// Appends the lower-case hex of `bytes` to `out` (no temporary string).
void AppendHex(std::string& out, std::span<const uint8_t> bytes);
std::string HexEncode(std::string_view bytes);
// Accepts upper or lower case; fails on odd length or a non-hex digit.
Result<std::string> HexDecode(std::string_view hex);

enum class Base64Alphabet : uint8_t { kStandard, kUrl };
enum class Base64Padding : uint8_t { kPad, kNoPad, kOptional };

std::string Base64Encode(std::string_view bytes,
                         Base64Alphabet alphabet = Base64Alphabet::kStandard,
                         Base64Padding padding = Base64Padding::kPad);
std::string Base64Encode(std::span<const uint8_t> bytes,
                         Base64Alphabet alphabet = Base64Alphabet::kStandard,
                         Base64Padding padding = Base64Padding::kPad);
// Appends the base64 of `bytes` to `out` (no temporary string). kOptional writes no padding.
void AppendBase64(std::string& out, std::span<const uint8_t> bytes,
                  Base64Alphabet alphabet = Base64Alphabet::kStandard,
                  Base64Padding padding = Base64Padding::kPad);
// kOptional accepts input with or without padding. Fails on bad characters or lengths, and on
// non-zero trailing bits (strict, as Go's encoding/base64 Strict mode).
Result<std::string> Base64Decode(std::string_view text,
                                 Base64Alphabet alphabet = Base64Alphabet::kStandard,
                                 Base64Padding padding = Base64Padding::kPad);

inline std::span<const uint8_t> AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline std::string_view AsChars(std::span<const uint8_t> b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace tf

#endif  // TF_CORE_ENCODING_H_
