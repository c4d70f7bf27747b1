// File: rego/builtins/x509_json.h
//
// X.509 certificates, certificate requests and private keys as the JSON objects OPA returns:
// the field names and encodings of Go's crypto/x509 structs marshalled by encoding/json
// ([]byte as base64, big integers as numbers, OIDs as integer arrays, times in RFC 3339,
// enumerations as Go's integer constants). Built from OpenSSL 3 objects.
#ifndef TF_REGO_BUILTINS_X509_JSON_H_
#define TF_REGO_BUILTINS_X509_JSON_H_

#include <openssl/x509.h>

#include "core/value.h"

namespace tf::rego::builtins {

// Go's x509.Certificate, plus OPA's URIStrings (the subject alternative name URIs as text).
Value CertificateJson(X509* cert);

// Go's x509.CertificateRequest.
Value CertificateRequestJson(X509_REQ* req);

// A private key as Go's json.Marshal prints *rsa.PrivateKey, *ecdsa.PrivateKey or
// ed25519.PrivateKey.
Value PrivateKeyJson(EVP_PKEY* key);

// A private key as a JWK (RFC 7517; RFC 7518 §6.2.2 and §6.3.2 members), as OPA's
// crypto.x509.parse_rsa_private_key returns it.
Value PrivateKeyJwk(EVP_PKEY* key);

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_X509_JSON_H_
