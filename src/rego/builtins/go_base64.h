// File: rego/builtins/go_base64.h
//
// Base64 decoding with the exact behaviour and error texts of Go's encoding/base64 (RFC 4648 §4
// and §5), which OPA's builtins expose: carriage returns and newlines are skipped, trailing bits
// are not checked, and errors read "illegal base64 data at input byte N".
#ifndef TF_REGO_BUILTINS_GO_BASE64_H_
#define TF_REGO_BUILTINS_GO_BASE64_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace tf::rego::builtins {

enum class GoBase64 : uint8_t {
  kStd,     // base64.StdEncoding: '+' '/', padded
  kUrl,     // base64.URLEncoding: '-' '_', padded
  kRawUrl,  // base64.RawURLEncoding: '-' '_', no padding
};

Result<std::string> GoBase64Decode(std::string_view text, GoBase64 encoding);

// OPA's base64url.decode: adds missing padding (RFC 7515 Appendix C) before decoding with
// URLEncoding; a length of 1 mod 4 fails "illegal base64url string: <text>".
Result<std::string> OpaBase64UrlDecode(std::string_view text);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_GO_BASE64_H_
