// File: rego/builtins/jwt_token.h
//
// Shared pieces of the io.jwt.* builtins (jwt.cc, jwt_verify.cc, jwt_sign.cc): splitting a JWS
// compact serialization (RFC 7515 §7.1), decoding its segments and header parameters, with the
// error texts of OPA's topdown/tokens.go.
#ifndef TF_REGO_BUILTINS_JWT_TOKEN_H_
#define TF_REGO_BUILTINS_JWT_TOKEN_H_

#include <string>
#include <string_view>
#include <vector>

#include "rego/builtin.h"

namespace tf::rego::builtins {

// Nested tokens (cty "JWT") deeper than this are rejected rather than followed.
inline constexpr int kMaxJwtNesting = 32;

// The three base64url segments of a compact JWS.
struct JwtSegments {
  std::string header;
  std::string payload;
  std::string signature;
  std::string SigningInput() const { return header + "." + payload; }
};

// RFC 7519 §7.2 steps 1-2: "encoded JWT had no period separators" / "encoded JWT must have 3
// sections, found N".
Result<JwtSegments> SplitJwt(std::string_view token);

// The header as a JSON object; rejects JWE (RFC 7516 §9: an "enc" member).
Result<Value> DecodeJwtHeader(const JwtSegments& token);
// The payload bytes (base64url-decoded).
Result<std::string> DecodeJwtPayload(const JwtSegments& token);
// The signature bytes.
Result<std::string> DecodeJwtSignature(const JwtSegments& token);
// A JSON text that must be an object ("invalid JSON: ..." / "decoded JSON type was not an Object").
Result<Value> DecodeJsonObject(std::string_view json);

// The header parameters OPA interprets (RFC 7515 §4.1).
struct JwtHeader {
  std::string alg;
  std::string kid;
  std::string typ;
  std::string cty;
  std::vector<std::string> crit;
  std::vector<std::string> unknown;  // names of parameters OPA does not know

  // RFC 7515 §4.1.1: alg is required; §4.1.11: every critical parameter must be understood.
  bool Valid() const;
};

Result<JwtHeader> ParseJwtHeader(const Value& header);

// Builtin families defined in jwt_verify.cc and jwt_sign.cc, collected by JwtBuiltins().
std::vector<BuiltinDecl> JwtVerifyBuiltins();
std::vector<BuiltinDecl> JwtSignBuiltins();

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_JWT_TOKEN_H_
