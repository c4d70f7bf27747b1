// File: server/jwt.h
//
// Parsing of compact JWS / JWT (RFC 7515 §7.1, RFC 7519 §7.2): three base64url parts, a JOSE
// header object and a claims object. Parsing checks structure only; signatures and claims are
// checked by jwt_verifier.h. Strict on purpose: no padding, no whitespace, no `crit` header we
// do not understand (RFC 7515 §4.1.11), JSON objects only, bounded size.
//
//   TF_ASSIGN_OR_RETURN(ParsedJwt jwt, ParseJwt(token));
//   jwt.header.alg  // "RS256"
#ifndef TF_SERVER_JWT_H_
#define TF_SERVER_JWT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/value.h"

namespace tf::server {

// Tokens beyond this are refused before any decoding (a bearer header is not a file upload).
inline constexpr size_t kMaxJwtBytes = 16 * 1024;

struct JoseHeader {
  std::string alg;
  std::string kid;  // empty when absent
  std::string typ;  // empty when absent
};

struct ParsedJwt {
  JoseHeader header;
  Value claims;               // a JSON object
  std::string signing_input;  // "<header b64>.<payload b64>", the bytes the signature covers
  std::string signature;      // raw signature bytes (empty for alg "none")
};

// kAuthTokenMalformed with the reason on any structural problem.
Result<ParsedJwt> ParseJwt(std::string_view token);

}  // namespace tf::server

#endif  // TF_SERVER_JWT_H_
