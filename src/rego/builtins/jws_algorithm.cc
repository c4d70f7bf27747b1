#include "rego/builtins/jws_algorithm.h"

#include <openssl/crypto.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <vector>

namespace tf::rego::builtins {
namespace {

using Family = JwsAlgorithm::Family;

constexpr JwsAlgorithm kAlgorithms[] = {
    {"HS256", Family::kHmac, 256},     {"HS384", Family::kHmac, 384},
    {"HS512", Family::kHmac, 512},     {"RS256", Family::kRsaPkcs1, 256},
    {"RS384", Family::kRsaPkcs1, 384}, {"RS512", Family::kRsaPkcs1, 512},
    {"PS256", Family::kRsaPss, 256},   {"PS384", Family::kRsaPss, 384},
    {"PS512", Family::kRsaPss, 512},   {"ES256", Family::kEcdsa, 256},
    {"ES384", Family::kEcdsa, 384},    {"ES512", Family::kEcdsa, 512},
    {"EdDSA", Family::kEdDsa, 0},
};

const EVP_MD* Sha2(int bits) {
  switch (bits) {
    case 256:
      return EVP_sha256();
    case 384:
      return EVP_sha384();
    case 512:
      return EVP_sha512();
    default:
      return nullptr;
  }
}

const unsigned char* U8(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Whether the key's type suits the algorithm family; this is what stops algorithm confusion
// (an RSA public key used as an HMAC secret, and so on).
bool KeyFits(const JwsKey& key, Family family) {
  if (family == Family::kHmac) return !key.pkey;
  if (!key.pkey) return false;
  const int id = EVP_PKEY_get_base_id(key.pkey.get());
  switch (family) {
    case Family::kRsaPkcs1:
      return id == EVP_PKEY_RSA;
    case Family::kRsaPss:
      return id == EVP_PKEY_RSA || id == EVP_PKEY_RSA_PSS;
    case Family::kEcdsa:
      return id == EVP_PKEY_EC;
    case Family::kEdDsa:
      return id == EVP_PKEY_ED25519;
    default:
      return false;
  }
}

std::string Hmac(const std::string& secret, const EVP_MD* md, std::string_view input) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(md, secret.data(), static_cast<int>(secret.size()), U8(input), input.size(), out,
           &len) == nullptr) {
    return {};
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

// RFC 7518 §3.4: r||s (each half of the signature) to the DER form OpenSSL verifies.
std::string EcdsaRawToDer(std::string_view raw) {
  const size_t half = raw.size() / 2;
  EcdsaSigPtr sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(U8(raw), static_cast<int>(half), nullptr);
  BIGNUM* s = BN_bin2bn(U8(raw.substr(half)), static_cast<int>(raw.size() - half), nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return {};
  }
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return {};
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(len));
  OPENSSL_free(der);
  return out;
}

// RSA and ECDSA verification over a digest computed here (as Go's rsa/ecdsa.Verify*).
bool VerifyDigest(const JwsKey& key, const JwsAlgorithm& alg, std::string_view input,
                  std::string_view signature) {
  const EVP_MD* md = Sha2(alg.hash_bits);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (EVP_Digest(input.data(), input.size(), digest, &digest_len, md, nullptr) != 1) return false;
  std::string der;
  if (alg.family == Family::kEcdsa) {
    if (signature.empty()) return false;
    der = EcdsaRawToDer(signature);
    if (der.empty()) return false;
    signature = der;
  }
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new(key.pkey.get(), nullptr));
  if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1) return false;
  if (alg.family == Family::kRsaPkcs1 &&
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1) {
    return false;
  }
  if (alg.family == Family::kRsaPss &&
      (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) != 1 ||
       EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), RSA_PSS_SALTLEN_AUTO) != 1)) {
    return false;
  }
  if (EVP_PKEY_CTX_set_signature_md(ctx.get(), md) != 1) return false;
  return EVP_PKEY_verify(ctx.get(), U8(signature), signature.size(), digest, digest_len) == 1;
}

bool VerifyEd25519(const JwsKey& key, std::string_view input, std::string_view signature) {
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.pkey.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), U8(signature), signature.size(), U8(input), input.size()) == 1;
}

// ECDSA signatures come out of OpenSSL as DER; JWS wants r||s, each as wide as the curve order.
Result<std::string> EcdsaDerToRaw(const std::vector<unsigned char>& der, const EVP_PKEY* pkey) {
  const unsigned char* p = der.data();
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) return InvalidArgument("failed to sign payload: bad ECDSA signature");
  const int width = (EVP_PKEY_get_bits(pkey) + 7) / 8;
  std::string out(static_cast<size_t>(2 * width), '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), dst, width) != width ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), dst + width, width) != width) {
    return InvalidArgument("failed to sign payload: bad ECDSA signature");
  }
  return out;
}

}  // namespace

std::optional<JwsAlgorithm> FindJwsAlgorithm(std::string_view name) {
  for (const JwsAlgorithm& a : kAlgorithms) {
    if (a.name == name) return a;
  }
  return std::nullopt;
}

bool JwsVerify(const JwsKey& key, const JwsAlgorithm& alg, std::string_view signing_input,
               std::string_view signature) {
  if (!KeyFits(key, alg.family)) return false;
  switch (alg.family) {
    case Family::kHmac: {
      const std::string mac = Hmac(key.secret, Sha2(alg.hash_bits), signing_input);
      return !mac.empty() && mac.size() == signature.size() &&
             CRYPTO_memcmp(mac.data(), signature.data(), mac.size()) == 0;
    }
    case Family::kEdDsa:
      return VerifyEd25519(key, signing_input, signature);
    default:
      return VerifyDigest(key, alg, signing_input, signature);
  }
}

Result<std::string> JwsSign(const JwsKey& key, const JwsAlgorithm& alg,
                            std::string_view signing_input) {
  if (!KeyFits(key, alg.family)) {
    return InvalidArgument("failed to sign payload: key type does not match algorithm " +
                           std::string(alg.name));
  }
  if (alg.family == Family::kHmac) return Hmac(key.secret, Sha2(alg.hash_bits), signing_input);
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  const EVP_MD* md = alg.family == Family::kEdDsa ? nullptr : Sha2(alg.hash_bits);
  const Status failed = InvalidArgument("failed to sign payload with " + std::string(alg.name));
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, key.pkey.get()) != 1) {
    return failed;
  }
  if (alg.family == Family::kRsaPkcs1 &&
      EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1) {
    return failed;
  }
  if (alg.family == Family::kRsaPss &&
      (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
       EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1)) {
    return failed;
  }
  size_t len = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &len, U8(signing_input), signing_input.size()) != 1) {
    return failed;
  }
  std::vector<unsigned char> sig(len);
  if (EVP_DigestSign(ctx.get(), sig.data(), &len, U8(signing_input), signing_input.size()) != 1) {
    return failed;
  }
  sig.resize(len);
  if (alg.family == Family::kEcdsa) return EcdsaDerToRaw(sig, key.pkey.get());
  return std::string(sig.begin(), sig.end());
}

}  // namespace tf::rego::builtins
