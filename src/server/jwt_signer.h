// File: server/jwt_signer.h
//
// `JwtSigner`: mints compact JWS tokens (RS256, ES256, EdDSA) and publishes the matching public
// JWK. The server uses it for development mode (`proof serve --dev` signs a local token with a
// fresh Ed25519 key); tests and the benchmark use it to mint tokens for a JWKS they control.
// Production tokens come from the deployment's identity provider, never from here.
//
//   TF_ASSIGN_OR_RETURN(JwtSigner signer, JwtSigner::GenerateEd25519("dev-1", random));
//   TF_ASSIGN_OR_RETURN(std::string token, signer.Sign(claims));
//
// Thread safety: immutable after creation; Sign may be called from any thread.
#ifndef TF_SERVER_JWT_SIGNER_H_
#define TF_SERVER_JWT_SIGNER_H_

#include <string>
#include <string_view>

#include "core/random.h"
#include "core/status.h"
#include "core/value.h"
#include "server/jwk.h"

namespace tf::server {

class JwtSigner {
 public:
  // A new Ed25519 key from 32 bytes of `random` (a SystemRandom outside tests).
  static Result<JwtSigner> GenerateEd25519(std::string kid, RandomSource& random);
  // A new key from OpenSSL's generator: RSA 2048 for RS256, P-256 for ES256, Ed25519 for EdDSA.
  static Result<JwtSigner> Generate(JwsAlgorithm alg, std::string kid);
  // A PEM private key (PKCS#8 or traditional); its type must fit `alg`.
  static Result<JwtSigner> FromPem(std::string_view pem, JwsAlgorithm alg, std::string kid);

  JwtSigner(JwtSigner&&) noexcept;
  JwtSigner& operator=(JwtSigner&&) noexcept;
  ~JwtSigner();

  JwsAlgorithm alg() const { return alg_; }
  const std::string& kid() const { return kid_; }

  // A token with header {"alg", "typ": "JWT", "kid"} and these claims.
  Result<std::string> Sign(const Value& claims) const;
  // A token with exactly this header object (for tests of hostile headers) and claims.
  Result<std::string> SignWithHeader(const Value& header, const Value& claims) const;
  // The raw JWS signature of `signing_input` (ES256 as R || S).
  Result<std::string> SignRaw(std::string_view signing_input) const;

  // {"kty", …, "kid", "alg", "use": "sig"}: the public half, for a JWKS.
  Result<Value> PublicJwk() const;
  // {"keys": [PublicJwk()]}.
  Result<Value> Jwks() const;

 private:
  JwtSigner() = default;
  JwsAlgorithm alg_ = JwsAlgorithm::kEdDsa;
  std::string kid_;
  EVP_PKEY* pkey_ = nullptr;  // owned
};

}  // namespace tf::server

#endif  // TF_SERVER_JWT_SIGNER_H_
