#include "rego/builtins/jws_key.h"

#include <openssl/core_names.h>

#include "core/json.h"
#include "rego/builtins/go_base64.h"
#include "rego/builtins/jws_algorithm.h"
#include "rego/builtins/pem_block.h"

namespace tf::rego::builtins {
namespace {

struct Curve {
  std::string_view jwk_name;
  const char* openssl_name;
  size_t field_bytes;
};

constexpr Curve kCurves[] = {
    {"P-256", "P-256", 32},
    {"P-384", "P-384", 48},
    {"P-521", "P-521", 66},
};
constexpr size_t kEd25519Bytes = 32;

const Value* Member(const Value& jwk, std::string_view name) {
  return jwk.Find(name);
}

// A base64url member (RFC 7515 §2 "Base64url Encoding"); padded or standard-alphabet input is
// tolerated, as the jwx library OPA uses does.
Result<std::string> Bytes(const Value& jwk, std::string_view name) {
  const Value* v = Member(jwk, name);
  if (v == nullptr) return InvalidArgument("required field " + std::string(name) + " is missing");
  if (!v->is_string()) return InvalidArgument("field " + std::string(name) + " must be a string");
  std::string s = v->string();
  while (!s.empty() && s.back() == '=')
    s.pop_back();
  for (char& c : s)
    c = c == '+' ? '-' : c == '/' ? '_' : c;
  Result<std::string> raw = GoBase64Decode(s, GoBase64::kRawUrl);
  if (!raw.ok())
    return InvalidArgument("failed to decode " + std::string(name) + ": " +
                           std::string(raw.status().message()));
  return raw;
}

Result<EvpPkeyPtr> KeyFromParams(const char* type, OSSL_PARAM_BLD* bld, bool is_private) {
  ParamsPtr params(OSSL_PARAM_BLD_to_param(bld));
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, is_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                        params.get()) != 1) {
    return InvalidArgument(std::string("invalid ") + type + " key");
  }
  return EvpPkeyPtr(raw);
}

// RFC 7518 §6.3: n and e, plus d and the CRT values for a private key.
Result<EvpPkeyPtr> RsaKey(const Value& jwk) {
  static constexpr std::pair<std::string_view, const char*> kMembers[] = {
      {"n", OSSL_PKEY_PARAM_RSA_N},          {"e", OSSL_PKEY_PARAM_RSA_E},
      {"d", OSSL_PKEY_PARAM_RSA_D},          {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},
      {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},    {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},
      {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2}, {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1},
  };
  ParamBuildPtr bld(OSSL_PARAM_BLD_new());
  std::vector<BignumPtr> numbers;  // must outlive OSSL_PARAM_BLD_to_param
  const bool is_private = Member(jwk, "d") != nullptr;
  for (const auto& [name, param] : kMembers) {
    const bool required = name == "n" || name == "e" || (is_private && name == "d");
    if (!required && (!is_private || Member(jwk, name) == nullptr)) continue;
    TF_ASSIGN_OR_RETURN(std::string bytes, Bytes(jwk, name));
    numbers.emplace_back(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                                   static_cast<int>(bytes.size()), nullptr));
    if (!bld || !numbers.back() ||
        OSSL_PARAM_BLD_push_BN(bld.get(), param, numbers.back().get()) != 1) {
      return InvalidArgument("invalid RSA key");
    }
  }
  return KeyFromParams("RSA", bld.get(), is_private);
}

// RFC 7518 §6.2: crv, x, y (and d for a private key).
Result<EvpPkeyPtr> EcKey(const Value& jwk) {
  const Value* crv = Member(jwk, "crv");
  const Curve* curve = nullptr;
  for (const Curve& c : kCurves) {
    if (crv != nullptr && crv->is_string() && crv->string() == c.jwk_name) curve = &c;
  }
  if (curve == nullptr) return InvalidArgument("invalid or unsupported EC curve");
  TF_ASSIGN_OR_RETURN(std::string x, Bytes(jwk, "x"));
  TF_ASSIGN_OR_RETURN(std::string y, Bytes(jwk, "y"));
  if (x.size() > curve->field_bytes || y.size() > curve->field_bytes) {
    return InvalidArgument("invalid EC point");
  }
  // SEC 1 §2.3.3 uncompressed point: 0x04 || X || Y, each left-padded to the field size.
  std::string point(1, '\x04');
  point += std::string(curve->field_bytes - x.size(), '\0') + x;
  point += std::string(curve->field_bytes - y.size(), '\0') + y;
  ParamBuildPtr bld(OSSL_PARAM_BLD_new());
  BignumPtr d;
  const bool is_private = Member(jwk, "d") != nullptr;
  if (is_private) {
    TF_ASSIGN_OR_RETURN(std::string dbytes, Bytes(jwk, "d"));
    d.reset(BN_bin2bn(reinterpret_cast<const unsigned char*>(dbytes.data()),
                      static_cast<int>(dbytes.size()), nullptr));
  }
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve->openssl_name,
                                      0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1 ||
      (is_private &&
       (!d || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, d.get()) != 1))) {
    return InvalidArgument("invalid EC key");
  }
  return KeyFromParams("EC", bld.get(), is_private);
}

// RFC 8037 §2: crv "Ed25519", x (and d for a private key).
Result<EvpPkeyPtr> OkpKey(const Value& jwk) {
  const Value* crv = Member(jwk, "crv");
  if (crv == nullptr || !crv->is_string() || crv->string() != "Ed25519") {
    return InvalidArgument("invalid or unsupported OKP curve");
  }
  const bool is_private = Member(jwk, "d") != nullptr;
  TF_ASSIGN_OR_RETURN(std::string raw, Bytes(jwk, is_private ? "d" : "x"));
  if (raw.size() != kEd25519Bytes) return InvalidArgument("invalid Ed25519 key size");
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  EvpPkeyPtr key(is_private
                     ? EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes, raw.size())
                     : EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes, raw.size()));
  if (!key) return InvalidArgument("invalid Ed25519 key");
  return key;
}

Result<JwsKey> ParseJwk(const Value& jwk) {
  if (!jwk.is_object()) return InvalidArgument("a JWK must be a JSON object");
  const Value* kty = Member(jwk, "kty");
  if (kty == nullptr || !kty->is_string()) return InvalidArgument("required field kty is missing");
  JwsKey key;
  const std::string& type = kty->string();
  if (type == "RSA") {
    TF_ASSIGN_OR_RETURN(key.pkey, RsaKey(jwk));
  } else if (type == "EC") {
    TF_ASSIGN_OR_RETURN(key.pkey, EcKey(jwk));
  } else if (type == "OKP") {
    TF_ASSIGN_OR_RETURN(key.pkey, OkpKey(jwk));
  } else if (type == "oct") {
    TF_ASSIGN_OR_RETURN(key.secret, Bytes(jwk, "k"));
  } else {
    return InvalidArgument("invalid key type: " + type);
  }
  if (const Value* alg = Member(jwk, "alg"); alg != nullptr && alg->is_string())
    key.alg = alg->string();
  if (const Value* kid = Member(jwk, "kid"); kid != nullptr && kid->is_string())
    key.kid = kid->string();
  return key;
}

Result<std::vector<JwsKey>> KeysFromPem(const PemBlock& block) {
  const auto* der = reinterpret_cast<const unsigned char*>(block.bytes.data());
  const long len = static_cast<long>(block.bytes.size());
  std::vector<JwsKey> keys(1);
  if (block.type == "CERTIFICATE") {
    X509Ptr cert(d2i_X509(nullptr, &der, len));
    if (!cert)
      return InvalidArgument("failed to parse a PEM certificate: x509: malformed certificate");
    keys[0].pkey.reset(X509_get_pubkey(cert.get()));
    if (!keys[0].pkey)
      return InvalidArgument("failed to parse a PEM certificate: x509: unsupported public key");
    return keys;
  }
  if (block.type == "PUBLIC KEY") {
    keys[0].pkey.reset(d2i_PUBKEY(nullptr, &der, len));
    if (!keys[0].pkey)
      return InvalidArgument("failed to parse a PEM public key: x509: malformed public key");
    return keys;
  }
  return InvalidArgument("failed to extract a Key from the PEM certificate");
}

}  // namespace

Result<std::vector<JwsKey>> ParseJwkSet(std::string_view json) {
  Result<Value> doc = ParseJson(json);
  if (!doc.ok())
    return InvalidArgument("failed to unmarshal JWK: " + std::string(doc.status().message()));
  std::vector<JwsKey> keys;
  const Value* set = doc->is_object() ? doc->Find("keys") : nullptr;
  if (set == nullptr) {
    TF_ASSIGN_OR_RETURN(JwsKey key, ParseJwk(*doc));
    keys.push_back(std::move(key));
    return keys;
  }
  if (!set->is_array()) return InvalidArgument("field keys must be an array");
  for (const Value& jwk : set->array()) {
    TF_ASSIGN_OR_RETURN(JwsKey key, ParseJwk(jwk));
    keys.push_back(std::move(key));
  }
  return keys;
}

Result<std::vector<JwsKey>> VerificationKeys(std::string_view text) {
  std::string_view rest;
  if (std::optional<PemBlock> block = DecodePem(text, &rest)) {
    if (!rest.empty()) return InvalidArgument("extra data after a PEM certificate block");
    return KeysFromPem(*block);
  }
  Result<std::vector<JwsKey>> set = ParseJwkSet(text);
  if (!set.ok()) {
    return InvalidArgument("failed to parse a JWK key (set): " +
                           std::string(set.status().message()));
  }
  std::vector<JwsKey> keys;
  for (JwsKey& k : *set) {
    if (!k.alg.empty() && !FindJwsAlgorithm(k.alg)) continue;  // unknown algorithms are skipped
    keys.push_back(std::move(k));
  }
  return keys;
}

}  // namespace tf::rego::builtins
