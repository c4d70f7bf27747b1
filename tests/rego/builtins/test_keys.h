// File: tests/rego/builtins/test_keys.h
//
// Keys and certificates generated at test time with OpenSSL 3, in the forms the crypto and JWT
// builtins accept: PEM public keys and certificates, JWKs (RFC 7517) and PEM private keys.
#ifndef TF_TESTS_REGO_BUILTINS_TEST_KEYS_H_
#define TF_TESTS_REGO_BUILTINS_TEST_KEYS_H_

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <vector>

#include "core/encoding.h"
#include "rego/builtins/openssl_ptr.h"

namespace tf::rego::testing {

using builtins::EvpPkeyPtr;
using builtins::X509Ptr;

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};

inline std::string B64Url(std::string_view bytes) {
  return Base64Encode(bytes, Base64Alphabet::kUrl, Base64Padding::kNoPad);
}

// Writes with a PEM_write_bio_* style function into a string.
template <typename Fn>
std::string ToPem(Fn write) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
  write(bio.get());
  BUF_MEM* mem = nullptr;
  BIO_get_mem_ptr(bio.get(), &mem);
  return std::string(mem->data, mem->length);
}

inline EvpPkeyPtr GenerateRsa() {
  return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}));
}
inline EvpPkeyPtr GenerateEc(const char* curve) {
  return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
}
inline EvpPkeyPtr GenerateEd25519() {
  return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
}

inline std::string PublicKeyPem(EVP_PKEY* key) {
  return ToPem([&](BIO* b) { PEM_write_bio_PUBKEY(b, key); });
}

inline std::string PrivateKeyPkcs8Pem(EVP_PKEY* key) {
  return ToPem(
      [&](BIO* b) { PEM_write_bio_PrivateKey(b, key, nullptr, nullptr, 0, nullptr, nullptr); });
}

inline std::string BnParam(EVP_PKEY* key, const char* name, size_t pad = 0) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &bn) != 1) return "";
  std::string out(std::max(pad, static_cast<size_t>(BN_num_bytes(bn))), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size()));
  BN_free(bn);
  return out;
}

// The JWK of a key (private members included when `with_private`), as JSON text.
inline std::string Jwk(EVP_PKEY* key, bool with_private, const std::string& extra = "") {
  std::string json;
  auto member = [&](const char* name, const std::string& bytes) {
    json += ",\"" + std::string(name) + "\":\"" + B64Url(bytes) + "\"";
  };
  const int id = EVP_PKEY_get_base_id(key);
  if (id == EVP_PKEY_RSA) {
    json = "{\"kty\":\"RSA\"";
    member("n", BnParam(key, OSSL_PKEY_PARAM_RSA_N));
    member("e", BnParam(key, OSSL_PKEY_PARAM_RSA_E));
    if (with_private) {
      member("d", BnParam(key, OSSL_PKEY_PARAM_RSA_D));
      member("p", BnParam(key, OSSL_PKEY_PARAM_RSA_FACTOR1));
      member("q", BnParam(key, OSSL_PKEY_PARAM_RSA_FACTOR2));
      member("dp", BnParam(key, OSSL_PKEY_PARAM_RSA_EXPONENT1));
      member("dq", BnParam(key, OSSL_PKEY_PARAM_RSA_EXPONENT2));
      member("qi", BnParam(key, OSSL_PKEY_PARAM_RSA_COEFFICIENT1));
    }
  } else if (id == EVP_PKEY_EC) {
    const size_t width = static_cast<size_t>((EVP_PKEY_get_bits(key) + 7) / 8);
    const char* crv = width == 32 ? "P-256" : width == 48 ? "P-384" : "P-521";
    json = "{\"kty\":\"EC\",\"crv\":\"" + std::string(crv) + "\"";
    member("x", BnParam(key, OSSL_PKEY_PARAM_EC_PUB_X, width));
    member("y", BnParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, width));
    if (with_private) member("d", BnParam(key, OSSL_PKEY_PARAM_PRIV_KEY, width));
  } else {
    unsigned char raw[32];
    size_t len = sizeof(raw);
    json = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\"";
    EVP_PKEY_get_raw_public_key(key, raw, &len);
    member("x", std::string(reinterpret_cast<char*>(raw), len));
    if (with_private) {
      len = sizeof(raw);
      EVP_PKEY_get_raw_private_key(key, raw, &len);
      member("d", std::string(reinterpret_cast<char*>(raw), len));
    }
  }
  return json + extra + "}";
}

struct CertOptions {
  std::string common_name = "test";
  std::vector<std::string> dns_names;
  std::vector<std::string> uris;
  bool is_ca = false;
  time_t not_before = 1600000000;  // 2020-09-13: fixed, so tests do not depend on the wall clock
  time_t not_after = 2000000000;   // 2033-05-18
  long serial = 1;
};

inline void AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// A certificate for `subject_key`, signed by `issuer_key` (self-signed when issuer is null).
inline X509Ptr MakeCert(EVP_PKEY* subject_key, EVP_PKEY* issuer_key, X509* issuer,
                        const CertOptions& o) {
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), o.serial);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), o.not_before);
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), o.not_after);
  X509_set_pubkey(cert.get(), subject_key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Trust Fabric"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(o.common_name.c_str()), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
  X509* ext_issuer = issuer ? issuer : cert.get();
  AddExtension(cert.get(), ext_issuer, NID_basic_constraints,
               o.is_ca ? "critical,CA:TRUE" : "CA:FALSE");
  AddExtension(cert.get(), ext_issuer, NID_key_usage,
               o.is_ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
  AddExtension(cert.get(), ext_issuer, NID_subject_key_identifier, "hash");
  std::string san;
  for (const std::string& d : o.dns_names)
    san += (san.empty() ? "" : ",") + ("DNS:" + d);
  for (const std::string& u : o.uris)
    san += (san.empty() ? "" : ",") + ("URI:" + u);
  if (!san.empty()) AddExtension(cert.get(), ext_issuer, NID_subject_alt_name, san);
  const int id = EVP_PKEY_get_base_id(issuer_key ? issuer_key : subject_key);
  X509_sign(cert.get(), issuer_key ? issuer_key : subject_key,
            id == EVP_PKEY_ED25519 ? nullptr : EVP_sha256());
  return cert;
}

inline std::string CertPem(X509* cert) {
  return ToPem([&](BIO* b) { PEM_write_bio_X509(b, cert); });
}

}  // namespace tf::rego::testing

#endif  // TF_TESTS_REGO_BUILTINS_TEST_KEYS_H_
