// Private keys as OPA prints them: Go's json.Marshal of crypto private keys, and JWKs.
#include <openssl/core_names.h>

#include "core/encoding.h"
#include "rego/builtins/openssl_ptr.h"
#include "rego/builtins/x509_json.h"

namespace tf::rego::builtins {
namespace {

constexpr size_t kEd25519Bytes = 32;

BignumPtr Param(const EVP_PKEY* key, const char* name) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(key, name, &bn);
  return BignumPtr(bn);
}

Value Decimal(const EVP_PKEY* key, const char* name) {
  BignumPtr bn = Param(key, name);
  if (!bn) return Value::Null();
  char* dec = BN_bn2dec(bn.get());
  Result<Number> n = Number::Parse(dec == nullptr ? "0" : dec);
  OPENSSL_free(dec);
  return n.ok() ? Value::FromNumber(*n) : Value::Null();
}

// Big-endian bytes, left-padded to `width` (0: minimal), base64url without padding (RFC 7518 §2).
Value Base64UrlParam(const EVP_PKEY* key, const char* name, int width = 0) {
  BignumPtr bn = Param(key, name);
  if (!bn) return Value::Null();
  const int len = std::max(width, BN_num_bytes(bn.get()));
  std::string bytes(static_cast<size_t>(len), '\0');
  BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()), len);
  return Value::String(Base64Encode(bytes, Base64Alphabet::kUrl, Base64Padding::kNoPad));
}

std::string RawKey(const EVP_PKEY* key, bool private_part) {
  unsigned char raw[kEd25519Bytes];
  size_t len = sizeof(raw);
  const int ok = private_part ? EVP_PKEY_get_raw_private_key(key, raw, &len)
                              : EVP_PKEY_get_raw_public_key(key, raw, &len);
  return ok == 1 ? std::string(reinterpret_cast<char*>(raw), len) : std::string();
}

const char* JwkCurve(const EVP_PKEY* key) {
  switch (EVP_PKEY_get_bits(key)) {
    case 256:
      return "P-256";
    case 384:
      return "P-384";
    case 521:
      return "P-521";
    default:
      return "";
  }
}

Value S(std::string_view s) {
  return Value::String(s);
}

}  // namespace

Value PrivateKeyJson(EVP_PKEY* key) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      return Value::Object(
          {{S("N"), Decimal(key, OSSL_PKEY_PARAM_RSA_N)},
           {S("E"), Decimal(key, OSSL_PKEY_PARAM_RSA_E)},
           {S("D"), Decimal(key, OSSL_PKEY_PARAM_RSA_D)},
           {S("Primes"), Value::Array({Decimal(key, OSSL_PKEY_PARAM_RSA_FACTOR1),
                                       Decimal(key, OSSL_PKEY_PARAM_RSA_FACTOR2)})},
           {S("Precomputed"),
            Value::Object({{S("Dp"), Decimal(key, OSSL_PKEY_PARAM_RSA_EXPONENT1)},
                           {S("Dq"), Decimal(key, OSSL_PKEY_PARAM_RSA_EXPONENT2)},
                           {S("Qinv"), Decimal(key, OSSL_PKEY_PARAM_RSA_COEFFICIENT1)},
                           {S("CRTValues"), Value::EmptyArray()}})}});
    case EVP_PKEY_EC:
      return Value::Object({{S("Curve"), Value::EmptyObject()},
                            {S("X"), Decimal(key, OSSL_PKEY_PARAM_EC_PUB_X)},
                            {S("Y"), Decimal(key, OSSL_PKEY_PARAM_EC_PUB_Y)},
                            {S("D"), Decimal(key, OSSL_PKEY_PARAM_PRIV_KEY)}});
    case EVP_PKEY_ED25519:  // Go's ed25519.PrivateKey: seed || public key
      return S(Base64Encode(RawKey(key, true) + RawKey(key, false)));
    default:
      return Value::Null();
  }
}

Value PrivateKeyJwk(EVP_PKEY* key) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      return Value::Object({{S("kty"), S("RSA")},
                            {S("n"), Base64UrlParam(key, OSSL_PKEY_PARAM_RSA_N)},
                            {S("e"), Base64UrlParam(key, OSSL_PKEY_PARAM_RSA_E)},
                            {S("d"), Base64UrlParam(key, OSSL_PKEY_PARAM_RSA_D)},
                            {S("p"), Base64UrlParam(key, OSSL_PKEY_PARAM_RSA_FACTOR1)},
                            {S("q"), Base64UrlParam(key, OSSL_PKEY_PARAM_RSA_FACTOR2)},
                            {S("dp"), Base64UrlParam(key, OSSL_PKEY_PARAM_RSA_EXPONENT1)},
                            {S("dq"), Base64UrlParam(key, OSSL_PKEY_PARAM_RSA_EXPONENT2)},
                            {S("qi"), Base64UrlParam(key, OSSL_PKEY_PARAM_RSA_COEFFICIENT1)}});
    case EVP_PKEY_EC: {
      const int width = (EVP_PKEY_get_bits(key) + 7) / 8;
      return Value::Object({{S("kty"), S("EC")},
                            {S("crv"), S(JwkCurve(key))},
                            {S("x"), Base64UrlParam(key, OSSL_PKEY_PARAM_EC_PUB_X, width)},
                            {S("y"), Base64UrlParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, width)},
                            {S("d"), Base64UrlParam(key, OSSL_PKEY_PARAM_PRIV_KEY, width)}});
    }
    case EVP_PKEY_ED25519:
      return Value::Object(
          {{S("kty"), S("OKP")},
           {S("crv"), S("Ed25519")},
           {S("x"),
            S(Base64Encode(RawKey(key, false), Base64Alphabet::kUrl, Base64Padding::kNoPad))},
           {S("d"),
            S(Base64Encode(RawKey(key, true), Base64Alphabet::kUrl, Base64Padding::kNoPad))}});
    default:
      return Value::Null();
  }
}

}  // namespace tf::rego::builtins
