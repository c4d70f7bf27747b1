// File: rego/builtins/jws_algorithm.h
//
// The JWS algorithms OPA supports (RFC 7518 §3, RFC 8037 §3.1) and signing / verification with
// OpenSSL 3 EVP. Verification fails closed: a key of the wrong type for the algorithm, a
// malformed signature or any OpenSSL error is simply "not verified".
#ifndef TF_REGO_BUILTINS_JWS_ALGORITHM_H_
#define TF_REGO_BUILTINS_JWS_ALGORITHM_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "rego/builtins/jws_key.h"

namespace tf::rego::builtins {

struct JwsAlgorithm {
  enum class Family : uint8_t { kHmac, kRsaPkcs1, kRsaPss, kEcdsa, kEdDsa };
  std::string_view name;  // "RS256"
  Family family;
  int hash_bits;  // 256, 384 or 512 (SHA-2); 0 for EdDSA, which hashes internally
};

// HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512 and EdDSA; nullopt otherwise
// (including "none").
std::optional<JwsAlgorithm> FindJwsAlgorithm(std::string_view name);

// Whether `signature` is a valid signature of `signing_input` under `key` with `alg`.
bool JwsVerify(const JwsKey& key, const JwsAlgorithm& alg, std::string_view signing_input,
               std::string_view signature);

// The JWS signature of `signing_input` (ECDSA as the fixed-width r||s of RFC 7518 §3.4).
Result<std::string> JwsSign(const JwsKey& key, const JwsAlgorithm& alg,
                            std::string_view signing_input);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_JWS_ALGORITHM_H_
