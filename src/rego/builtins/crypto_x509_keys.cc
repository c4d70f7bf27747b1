// crypto.x509.parse_certificate_request, crypto.x509.parse_keypair,
// crypto.x509.parse_rsa_private_key and crypto.parse_private_keys (OPA's topdown/crypto.go).
#include <openssl/x509.h>

#include "core/encoding.h"
#include "rego/builtins/families.h"
#include "rego/builtins/go_base64.h"
#include "rego/builtins/openssl_ptr.h"
#include "rego/builtins/pem_block.h"
#include "rego/builtins/x509_json.h"

namespace tf::rego::builtins {
namespace {

constexpr std::string_view kPemBegin = "-----BEGIN";
constexpr std::string_view kPemBeginWithSpace = "-----BEGIN ";

using X509ReqPtr = std::unique_ptr<X509_REQ, OpenSslDeleter<X509_REQ, X509_REQ_free>>;
using Pkcs8Ptr = std::unique_ptr<PKCS8_PRIV_KEY_INFO,
                                 OpenSslDeleter<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>>;

bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
const unsigned char* U8(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

Result<std::string> DecodeStdBase64(std::string_view s) {
  Result<std::string> out = GoBase64Decode(s, GoBase64::kStd);
  if (!out.ok()) return BuiltinError(std::string(out.status().message()));
  return out;
}

// A DER private key of a PEM block type: PKCS #1 RSA (RFC 8017 A.1.2), PKCS #8 (RFC 5208) or
// SEC 1 EC (RFC 5915).
Result<EvpPkeyPtr> ParsePrivateKey(std::string_view type, std::string_view der) {
  const unsigned char* p = U8(der);
  const long len = static_cast<long>(der.size());
  EvpPkeyPtr key;
  if (type == "RSA PRIVATE KEY") {
    key.reset(d2i_PrivateKey(EVP_PKEY_RSA, nullptr, &p, len));
  } else if (type == "EC PRIVATE KEY") {
    key.reset(d2i_PrivateKey(EVP_PKEY_EC, nullptr, &p, len));
  } else {
    Pkcs8Ptr info(d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, len));
    if (info) key.reset(EVP_PKCS82PKEY(info.get()));
  }
  if (!key) return BuiltinError("x509: failed to parse private key");
  return key;
}

// OPA's getPrivateKeysFromPEMData: optionally base64-wrapped PEM; keys of the three private
// key block types, other blocks ignored.
Result<std::vector<EvpPkeyPtr>> PrivateKeysFromPem(std::string_view input) {
  std::string text(input);
  if (Result<std::string> decoded = GoBase64Decode(input, GoBase64::kStd); decoded.ok()) {
    text = std::move(*decoded);
  }
  std::vector<EvpPkeyPtr> keys;
  std::string_view rest = text;
  std::string_view next;
  while (std::optional<PemBlock> block = DecodePem(rest, &next)) {
    rest = next;
    if (block->type != "RSA PRIVATE KEY" && block->type != "PRIVATE KEY" &&
        block->type != "EC PRIVATE KEY") {
      continue;
    }
    TF_ASSIGN_OR_RETURN(EvpPkeyPtr key, ParsePrivateKey(block->type, block->bytes));
    keys.push_back(std::move(key));
  }
  return keys;
}

Result<Value> ParsePrivateKeys(BuiltinContext&, std::span<const Value> a) {
  if (a[0].string().empty()) return Value::Null();
  TF_ASSIGN_OR_RETURN(std::vector<EvpPkeyPtr> keys, PrivateKeysFromPem(a[0].string()));
  std::vector<Value> out;
  for (EvpPkeyPtr& k : keys)
    out.push_back(PrivateKeyJson(k.get()));
  return Value::Array(std::move(out));
}

// The first private key as a JWK (despite the name, any key type).
Result<Value> ParseRsaPrivateKey(BuiltinContext&, std::span<const Value> a) {
  std::string pem = a[0].string();
  if (pem.empty()) return BuiltinError("input PEM data was empty");
  if (!StartsWith(pem, kPemBegin)) {
    TF_ASSIGN_OR_RETURN(pem, DecodeStdBase64(pem));
  }
  TF_ASSIGN_OR_RETURN(std::vector<EvpPkeyPtr> keys, PrivateKeysFromPem(pem));
  if (keys.empty()) return Value::Null();
  return PrivateKeyJwk(keys[0].get());
}

Result<Value> ParseCertificateRequest(BuiltinContext&, std::span<const Value> a) {
  std::string der = a[0].string();
  if (!StartsWith(der, "-----BEGIN CERTIFICATE REQUEST-----")) {
    TF_ASSIGN_OR_RETURN(der, DecodeStdBase64(der));
  }
  std::string_view rest;
  if (std::optional<PemBlock> block = DecodePem(der, &rest)) {
    if (block->type != "CERTIFICATE REQUEST") {
      return BuiltinError("invalid PEM-encoded certificate signing request");
    }
    der = std::move(block->bytes);
  }
  const unsigned char* p = U8(der);
  X509ReqPtr req(d2i_X509_REQ(nullptr, &p, static_cast<long>(der.size())));
  if (!req) return BuiltinError("asn1: structure error: tags don't match");
  return CertificateRequestJson(req.get());
}

// tls.X509KeyPair's inputs: PEM, or base64 of PEM or of DER (wrapped as a PEM block).
Result<std::string> KeyPairPem(std::string_view input, std::string_view der_type) {
  std::string text(input);
  if (!StartsWith(text, kPemBeginWithSpace)) {
    TF_ASSIGN_OR_RETURN(text, DecodeStdBase64(text));
  }
  if (!StartsWith(text, kPemBegin)) {
    text = "-----BEGIN " + std::string(der_type) + "-----\n" + Base64Encode(text) + "\n-----END " +
           std::string(der_type) + "-----\n";
  }
  return text;
}

Result<Value> ParseKeyPair(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(std::string cert_pem, KeyPairPem(a[0].string(), "CERTIFICATE"));
  TF_ASSIGN_OR_RETURN(std::string key_pem, KeyPairPem(a[1].string(), "PRIVATE KEY"));
  std::vector<X509Ptr> certs;
  std::vector<Value> ders;
  std::string_view rest = cert_pem, next;
  while (std::optional<PemBlock> block = DecodePem(rest, &next)) {
    rest = next;
    if (block->type != "CERTIFICATE") continue;
    const unsigned char* p = U8(block->bytes);
    X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(block->bytes.size())));
    if (!cert) return BuiltinError("x509: malformed certificate");
    ders.push_back(Value::String(Base64Encode(block->bytes)));
    certs.push_back(std::move(cert));
  }
  if (certs.empty()) return BuiltinError("tls: failed to find any PEM data in certificate input");
  std::optional<PemBlock> key_block;
  rest = key_pem;
  while (std::optional<PemBlock> block = DecodePem(rest, &next)) {
    rest = next;
    if (block->type == "PRIVATE KEY" || block->type.ends_with(" PRIVATE KEY")) {
      key_block = std::move(block);
      break;
    }
  }
  if (!key_block) return BuiltinError("tls: failed to find any PEM data in key input");
  Result<EvpPkeyPtr> key = ParsePrivateKey(key_block->type, key_block->bytes);
  if (!key.ok()) return BuiltinError("tls: failed to parse private key");
  if (EVP_PKEY_eq(X509_get0_pubkey(certs[0].get()), key->get()) != 1) {
    return BuiltinError("tls: private key does not match public key");
  }
  return Value::Object({{Value::String("Certificate"), Value::Array(std::move(ders))},
                        {Value::String("PrivateKey"), PrivateKeyJson(key->get())},
                        {Value::String("SupportedSignatureAlgorithms"), Value::Null()},
                        {Value::String("OCSPStaple"), Value::Null()},
                        {Value::String("SignedCertificateTimestamps"), Value::Null()},
                        {Value::String("Leaf"), CertificateJson(certs[0].get())}});
}

}  // namespace

std::vector<BuiltinDecl> CryptoKeyBuiltins() {
  return {
      {.name = "crypto.x509.parse_certificate_request",
       .params = {{kString, "csr"}},
       .result = kObject,
       .fn = ParseCertificateRequest},
      {.name = "crypto.x509.parse_keypair",
       .params = {{kString, "cert"}, {kString, "pem"}},
       .result = kObject,
       .fn = ParseKeyPair},
      {.name = "crypto.x509.parse_rsa_private_key",
       .params = {{kString, "pem"}},
       .result = kObject,
       .fn = ParseRsaPrivateKey},
      {.name = "crypto.parse_private_keys",
       .params = {{kString, "keys"}},
       .result = kArray,
       .fn = ParsePrivateKeys},
  };
}

}  // namespace tf::rego::builtins
