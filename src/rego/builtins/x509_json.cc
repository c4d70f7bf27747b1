#include "rego/builtins/x509_json.h"

#include <openssl/core_names.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

#include "core/encoding.h"
#include "rego/builtins/ip_address.h"
#include "rego/builtins/openssl_ptr.h"

namespace tf::rego::builtins {
namespace {

using Fields = std::vector<ObjectEntry>;

void Put(Fields& f, std::string_view name, Value v) {
  f.emplace_back(Value::String(name), std::move(v));
}

Value Bytes(const unsigned char* data, size_t len) {
  if (data == nullptr) return Value::Null();
  return Value::String(Base64Encode(std::span<const uint8_t>(data, len)));
}
Value Bytes(const std::string& s) {
  return Value::String(Base64Encode(s));
}

template <typename T, typename U>
std::string Der(int (*encode)(T*, unsigned char**), U* obj) {
  unsigned char* out = nullptr;
  const int len = encode(obj, &out);
  if (len <= 0) return {};
  std::string der(reinterpret_cast<char*>(out), static_cast<size_t>(len));
  OPENSSL_free(out);
  return der;
}

// The first element of a DER SEQUENCE (X.690 §8.9): the TBS part of a signed structure.
std::string FirstElement(const std::string& der) {
  auto header = [&](size_t at, size_t* content_len) -> size_t {  // returns header length or 0
    if (at + 2 > der.size()) return 0;
    size_t len = static_cast<uint8_t>(der[at + 1]);
    size_t n = 2;
    if (len & 0x80) {
      const size_t bytes = len & 0x7f;
      if (bytes == 0 || bytes > 4 || at + 2 + bytes > der.size()) return 0;
      len = 0;
      for (size_t i = 0; i < bytes; ++i)
        len = (len << 8) | static_cast<uint8_t>(der[at + 2 + i]);
      n += bytes;
    }
    *content_len = len;
    return n;
  };
  size_t outer_len = 0;
  const size_t outer = header(0, &outer_len);
  size_t inner_len = 0;
  const size_t inner = outer == 0 ? 0 : header(outer, &inner_len);
  if (inner == 0 || outer + inner + inner_len > der.size()) return {};
  return der.substr(outer, inner + inner_len);
}

Value BigNumber(const BIGNUM* bn) {
  if (bn == nullptr) return Value::Null();
  char* dec = BN_bn2dec(bn);
  Result<Number> n = Number::Parse(dec == nullptr ? "0" : dec);
  OPENSSL_free(dec);
  return n.ok() ? Value::FromNumber(*n) : Value::Null();
}

Value Oid(const ASN1_OBJECT* obj) {
  char buf[256];
  const int len = OBJ_obj2txt(buf, sizeof(buf), obj, 1);
  std::vector<Value> arcs;
  std::string_view text(buf,
                        len > 0 ? static_cast<size_t>(std::min<int>(len, sizeof(buf) - 1)) : 0);
  while (!text.empty()) {
    const size_t dot = text.find('.');
    Result<Number> arc = Number::Parse(text.substr(0, dot));
    arcs.push_back(arc.ok() ? Value::FromNumber(*arc) : Value::Int(0));
    text = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  }
  return Value::Array(std::move(arcs));
}

Value StringsOrNull(const std::vector<std::string>& items) {
  if (items.empty()) return Value::Null();
  std::vector<Value> out;
  for (const std::string& s : items)
    out.push_back(Value::String(s));
  return Value::Array(std::move(out));
}

std::string Utf8(const ASN1_STRING* s) {
  unsigned char* out = nullptr;
  const int len = ASN1_STRING_to_UTF8(&out, s);
  if (len < 0) return {};
  std::string text(reinterpret_cast<char*>(out), static_cast<size_t>(len));
  OPENSSL_free(out);
  return text;
}

// Go's pkix.Name: the well-known attributes by name, and every attribute in Names.
Value NameJson(const X509_NAME* name) {
  static constexpr std::pair<int, std::string_view> kMulti[] = {
      {NID_countryName, "Country"},
      {NID_organizationName, "Organization"},
      {NID_organizationalUnitName, "OrganizationalUnit"},
      {NID_localityName, "Locality"},
      {NID_stateOrProvinceName, "Province"},
      {NID_streetAddress, "StreetAddress"},
      {NID_postalCode, "PostalCode"}};
  std::vector<std::vector<std::string>> multi(std::size(kMulti));
  std::string common_name, serial_number;
  std::vector<Value> names;
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    const ASN1_OBJECT* obj = X509_NAME_ENTRY_get_object(e);
    const std::string value = Utf8(X509_NAME_ENTRY_get_data(e));
    const int nid = OBJ_obj2nid(obj);
    for (size_t k = 0; k < std::size(kMulti); ++k) {
      if (kMulti[k].first == nid) multi[k].push_back(value);
    }
    if (nid == NID_commonName) common_name = value;
    if (nid == NID_serialNumber) serial_number = value;
    names.push_back(Value::Object(
        {{Value::String("Type"), Oid(obj)}, {Value::String("Value"), Value::String(value)}}));
  }
  Fields f;
  for (size_t k = 0; k < std::size(kMulti); ++k)
    Put(f, kMulti[k].second, StringsOrNull(multi[k]));
  Put(f, "SerialNumber", Value::String(serial_number));
  Put(f, "CommonName", Value::String(common_name));
  Put(f, "Names", names.empty() ? Value::Null() : Value::Array(std::move(names)));
  Put(f, "ExtraNames", Value::Null());
  return Value::Object(std::move(f));
}

Value TimeJson(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return Value::String("0001-01-01T00:00:00Z");
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return Value::String(buf);
}

Value ExtensionsJson(const STACK_OF(X509_EXTENSION) * exts) {
  std::vector<Value> out;
  for (int i = 0; i < sk_X509_EXTENSION_num(exts); ++i) {
    X509_EXTENSION* e = sk_X509_EXTENSION_value(exts, i);
    const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(e);
    out.push_back(Value::Object(
        {{Value::String("Id"), Oid(X509_EXTENSION_get_object(e))},
         {Value::String("Critical"), Value::Bool(X509_EXTENSION_get_critical(e) != 0)},
         {Value::String("Value"), Bytes(data->data, static_cast<size_t>(data->length))}}));
  }
  return out.empty() ? Value::Null() : Value::Array(std::move(out));
}

struct AltNames {
  std::vector<std::string> dns, email, ip, uri;
};

AltNames SubjectAltNames(const GENERAL_NAMES* names) {
  AltNames out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* n = sk_GENERAL_NAME_value(names, i);
    int type = 0;
    const void* value = GENERAL_NAME_get0_value(n, &type);
    if (type != GEN_DNS && type != GEN_EMAIL && type != GEN_URI && type != GEN_IPADD) continue;
    const auto* s = static_cast<const ASN1_STRING*>(value);  // IA5String or OCTET STRING
    if (s == nullptr || ASN1_STRING_get0_data(s) == nullptr) continue;
    const std::string bytes(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                            static_cast<size_t>(ASN1_STRING_length(s)));
    if (type == GEN_DNS) out.dns.push_back(bytes);
    if (type == GEN_EMAIL) out.email.push_back(bytes);
    if (type == GEN_URI) out.uri.push_back(bytes);
    if (type == GEN_IPADD && (bytes.size() == 4 || bytes.size() == 16)) {
      out.ip.push_back(
          IpBytes(std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()))
              .ToString());
    }
  }
  return out;
}

// Go's url.URL for a subject alternative name URI (scheme://host/path?query#fragment).
Value UrlJson(std::string_view uri) {
  std::string scheme, host, path, query, fragment;
  if (size_t hash = uri.find('#'); hash != std::string_view::npos)
    fragment = uri.substr(hash + 1), uri = uri.substr(0, hash);
  if (size_t q = uri.find('?'); q != std::string_view::npos)
    query = uri.substr(q + 1), uri = uri.substr(0, q);
  if (size_t colon = uri.find(':'); colon != std::string_view::npos)
    scheme = uri.substr(0, colon), uri = uri.substr(colon + 1);
  if (uri.substr(0, 2) == "//") {
    uri.remove_prefix(2);
    const size_t slash = uri.find('/');
    host = uri.substr(0, slash);
    uri = slash == std::string_view::npos ? std::string_view() : uri.substr(slash);
  }
  path = uri;
  return Value::Object({{Value::String("Scheme"), Value::String(scheme)},
                        {Value::String("Opaque"), Value::String("")},
                        {Value::String("User"), Value::Null()},
                        {Value::String("Host"), Value::String(host)},
                        {Value::String("Path"), Value::String(path)},
                        {Value::String("RawPath"), Value::String("")},
                        {Value::String("OmitHost"), Value::Bool(false)},
                        {Value::String("ForceQuery"), Value::Bool(false)},
                        {Value::String("RawQuery"), Value::String(query)},
                        {Value::String("Fragment"), Value::String(fragment)},
                        {Value::String("RawFragment"), Value::String("")}});
}

void PutAltNames(Fields& f, const AltNames& san) {
  Put(f, "DNSNames", StringsOrNull(san.dns));
  Put(f, "EmailAddresses", StringsOrNull(san.email));
  Put(f, "IPAddresses", StringsOrNull(san.ip));
  std::vector<Value> urls;
  for (const std::string& u : san.uri)
    urls.push_back(UrlJson(u));
  Put(f, "URIs", urls.empty() ? Value::Null() : Value::Array(std::move(urls)));
}

Value BnParam(const EVP_PKEY* key, const char* name) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &bn) != 1) return Value::Null();
  BignumPtr owned(bn);
  return BigNumber(bn);
}

// Go's x509.PublicKeyAlgorithm: RSA 1, DSA 2, ECDSA 3, Ed25519 4.
int PublicKeyAlgorithm(const EVP_PKEY* key) {
  switch (key == nullptr ? 0 : EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      return 1;
    case EVP_PKEY_DSA:
      return 2;
    case EVP_PKEY_EC:
      return 3;
    case EVP_PKEY_ED25519:
      return 4;
    default:
      return 0;
  }
}

Value PublicKeyJson(const EVP_PKEY* key) {
  switch (PublicKeyAlgorithm(key)) {
    case 1:
      return Value::Object({{Value::String("N"), BnParam(key, OSSL_PKEY_PARAM_RSA_N)},
                            {Value::String("E"), BnParam(key, OSSL_PKEY_PARAM_RSA_E)}});
    case 3:
      return Value::Object({{Value::String("Curve"), Value::EmptyObject()},
                            {Value::String("X"), BnParam(key, OSSL_PKEY_PARAM_EC_PUB_X)},
                            {Value::String("Y"), BnParam(key, OSSL_PKEY_PARAM_EC_PUB_Y)}});
    case 4: {
      unsigned char raw[32];
      size_t len = sizeof(raw);
      if (EVP_PKEY_get_raw_public_key(key, raw, &len) != 1) return Value::Null();
      return Bytes(raw, len);
    }
    default:
      return Value::Null();
  }
}

// Go's x509.SignatureAlgorithm constants.
int SignatureAlgorithm(int nid) {
  switch (nid) {
    case NID_md2WithRSAEncryption:
      return 1;
    case NID_md5WithRSAEncryption:
      return 2;
    case NID_sha1WithRSAEncryption:
      return 3;
    case NID_sha256WithRSAEncryption:
      return 4;
    case NID_sha384WithRSAEncryption:
      return 5;
    case NID_sha512WithRSAEncryption:
      return 6;
    case NID_dsaWithSHA1:
      return 7;
    case NID_dsa_with_SHA256:
      return 8;
    case NID_ecdsa_with_SHA1:
      return 9;
    case NID_ecdsa_with_SHA256:
      return 10;
    case NID_ecdsa_with_SHA384:
      return 11;
    case NID_ecdsa_with_SHA512:
      return 12;
    case NID_rsassaPss:
      return 13;
    case NID_ED25519:
      return 16;
    default:
      return 0;
  }
}

// Go's x509.KeyUsage bits, in X.509's order (RFC 5280 §4.2.1.3) from bit 0.
int KeyUsage(X509* cert) {
  const uint32_t ku = X509_get_key_usage(cert);
  if (ku == UINT32_MAX) return 0;
  static constexpr uint32_t kBits[] = {
      KU_DIGITAL_SIGNATURE, KU_NON_REPUDIATION, KU_KEY_ENCIPHERMENT,
      KU_DATA_ENCIPHERMENT, KU_KEY_AGREEMENT,   KU_KEY_CERT_SIGN,
      KU_CRL_SIGN,          KU_ENCIPHER_ONLY,   KU_DECIPHER_ONLY};
  int out = 0;
  for (size_t i = 0; i < std::size(kBits); ++i) {
    if (ku & kBits[i]) out |= 1 << i;
  }
  return out;
}

// Go's x509.ExtKeyUsage constants; other purposes go to UnknownExtKeyUsage.
void PutExtKeyUsage(Fields& f, X509* cert) {
  static constexpr std::pair<int, int> kKnown[] = {
      {NID_anyExtendedKeyUsage, 0}, {NID_server_auth, 1},   {NID_client_auth, 2},
      {NID_code_sign, 3},           {NID_email_protect, 4}, {NID_ipsecEndSystem, 5},
      {NID_ipsecTunnel, 6},         {NID_ipsecUser, 7},     {NID_time_stamp, 8},
      {NID_OCSP_sign, 9},           {NID_ms_sgc, 10},       {NID_ns_sgc, 11},
      {NID_ms_code_com, 12}};
  auto* eku =
      static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(cert, NID_ext_key_usage, nullptr, nullptr));
  std::vector<Value> known, unknown;
  for (int i = 0; eku != nullptr && i < sk_ASN1_OBJECT_num(eku); ++i) {
    const ASN1_OBJECT* obj = sk_ASN1_OBJECT_value(eku, i);
    const int nid = OBJ_obj2nid(obj);
    auto it =
        std::find_if(std::begin(kKnown), std::end(kKnown), [&](auto& k) { return k.first == nid; });
    if (it != std::end(kKnown))
      known.push_back(Value::Int(it->second));
    else
      unknown.push_back(Oid(obj));
  }
  sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
  Put(f, "ExtKeyUsage", known.empty() ? Value::Null() : Value::Array(std::move(known)));
  Put(f, "UnknownExtKeyUsage", unknown.empty() ? Value::Null() : Value::Array(std::move(unknown)));
}

void PutBasicConstraints(Fields& f, X509* cert) {
  auto* bc = static_cast<BASIC_CONSTRAINTS*>(
      X509_get_ext_d2i(cert, NID_basic_constraints, nullptr, nullptr));
  int64_t max_path = bc == nullptr ? 0 : -1;
  if (bc != nullptr && bc->pathlen != nullptr) max_path = ASN1_INTEGER_get(bc->pathlen);
  Put(f, "BasicConstraintsValid", Value::Bool(bc != nullptr));
  Put(f, "IsCA", Value::Bool(bc != nullptr && bc->ca != 0));
  Put(f, "MaxPathLen", Value::Int(max_path));
  Put(f, "MaxPathLenZero", Value::Bool(bc != nullptr && bc->pathlen != nullptr && max_path == 0));
  BASIC_CONSTRAINTS_free(bc);
}

// Authority information access (RFC 5280 §4.2.2.1) and CRL distribution points (§4.2.1.13).
void PutLocations(Fields& f, X509* cert) {
  std::vector<std::string> ocsp, issuers, crls;
  auto* aia = static_cast<AUTHORITY_INFO_ACCESS*>(
      X509_get_ext_d2i(cert, NID_info_access, nullptr, nullptr));
  for (int i = 0; aia != nullptr && i < sk_ACCESS_DESCRIPTION_num(aia); ++i) {
    const ACCESS_DESCRIPTION* ad = sk_ACCESS_DESCRIPTION_value(aia, i);
    if (ad->location->type != GEN_URI) continue;
    const std::string uri = Utf8(ad->location->d.uniformResourceIdentifier);
    const int nid = OBJ_obj2nid(ad->method);
    if (nid == NID_ad_OCSP) ocsp.push_back(uri);
    if (nid == NID_ad_ca_issuers) issuers.push_back(uri);
  }
  AUTHORITY_INFO_ACCESS_free(aia);
  auto* dps = static_cast<CRL_DIST_POINTS*>(
      X509_get_ext_d2i(cert, NID_crl_distribution_points, nullptr, nullptr));
  for (int i = 0; dps != nullptr && i < sk_DIST_POINT_num(dps); ++i) {
    const DIST_POINT* dp = sk_DIST_POINT_value(dps, i);
    if (dp->distpoint == nullptr || dp->distpoint->type != 0) continue;
    for (int j = 0; j < sk_GENERAL_NAME_num(dp->distpoint->name.fullname); ++j) {
      const GENERAL_NAME* n = sk_GENERAL_NAME_value(dp->distpoint->name.fullname, j);
      if (n->type == GEN_URI) crls.push_back(Utf8(n->d.uniformResourceIdentifier));
    }
  }
  CRL_DIST_POINTS_free(dps);
  Put(f, "OCSPServer", StringsOrNull(ocsp));
  Put(f, "IssuingCertificateURL", StringsOrNull(issuers));
  Put(f, "CRLDistributionPoints", StringsOrNull(crls));
}

void PutPolicies(Fields& f, X509* cert) {
  auto* policies = static_cast<CERTIFICATEPOLICIES*>(
      X509_get_ext_d2i(cert, NID_certificate_policies, nullptr, nullptr));
  std::vector<Value> ids;
  for (int i = 0; policies != nullptr && i < sk_POLICYINFO_num(policies); ++i) {
    ids.push_back(Oid(sk_POLICYINFO_value(policies, i)->policyid));
  }
  CERTIFICATEPOLICIES_free(policies);
  Put(f, "PolicyIdentifiers", ids.empty() ? Value::Null() : Value::Array(std::move(ids)));
}

void PutKeyIds(Fields& f, X509* cert) {
  const ASN1_OCTET_STRING* skid = X509_get0_subject_key_id(cert);
  const ASN1_OCTET_STRING* akid = X509_get0_authority_key_id(cert);
  Put(f, "SubjectKeyId",
      skid ? Bytes(skid->data, static_cast<size_t>(skid->length)) : Value::Null());
  Put(f, "AuthorityKeyId",
      akid ? Bytes(akid->data, static_cast<size_t>(akid->length)) : Value::Null());
}

// The name-constraint and inhibit fields Go exposes, at their zero values (not decoded here).
void PutConstraintDefaults(Fields& f) {
  for (std::string_view name :
       {"PermittedDNSDomains", "ExcludedDNSDomains", "PermittedIPRanges", "ExcludedIPRanges",
        "PermittedEmailAddresses", "ExcludedEmailAddresses", "PermittedURIDomains",
        "ExcludedURIDomains", "ExtraExtensions", "UnhandledCriticalExtensions", "PolicyMappings",
        "Policies"}) {
    Put(f, name, Value::Null());
  }
  Put(f, "PermittedDNSDomainsCritical", Value::Bool(false));
  for (std::string_view name :
       {"InhibitAnyPolicy", "InhibitPolicyMapping", "RequireExplicitPolicy"}) {
    Put(f, name, Value::Int(0));
  }
  for (std::string_view name :
       {"InhibitAnyPolicyZero", "InhibitPolicyMappingZero", "RequireExplicitPolicyZero"}) {
    Put(f, name, Value::Bool(false));
  }
}

}  // namespace

Value CertificateJson(X509* cert) {
  Fields f;
  const std::string raw = Der(i2d_X509, cert);
  Put(f, "Raw", Bytes(raw));
  Put(f, "RawTBSCertificate", Bytes(FirstElement(raw)));
  Put(f, "RawSubjectPublicKeyInfo", Bytes(Der(i2d_X509_PUBKEY, X509_get_X509_PUBKEY(cert))));
  Put(f, "RawSubject", Bytes(Der(i2d_X509_NAME, X509_get_subject_name(cert))));
  Put(f, "RawIssuer", Bytes(Der(i2d_X509_NAME, X509_get_issuer_name(cert))));
  const ASN1_BIT_STRING* sig = nullptr;
  X509_get0_signature(&sig, nullptr, cert);
  Put(f, "Signature", sig ? Bytes(sig->data, static_cast<size_t>(sig->length)) : Value::Null());
  Put(f, "SignatureAlgorithm", Value::Int(SignatureAlgorithm(X509_get_signature_nid(cert))));
  EVP_PKEY* key = X509_get0_pubkey(cert);
  Put(f, "PublicKeyAlgorithm", Value::Int(PublicKeyAlgorithm(key)));
  Put(f, "PublicKey", PublicKeyJson(key));
  Put(f, "Version", Value::Int(X509_get_version(cert) + 1));
  BignumPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
  Put(f, "SerialNumber", BigNumber(serial.get()));
  Put(f, "Issuer", NameJson(X509_get_issuer_name(cert)));
  Put(f, "Subject", NameJson(X509_get_subject_name(cert)));
  Put(f, "NotBefore", TimeJson(X509_get0_notBefore(cert)));
  Put(f, "NotAfter", TimeJson(X509_get0_notAfter(cert)));
  Put(f, "KeyUsage", Value::Int(KeyUsage(cert)));
  Put(f, "Extensions", ExtensionsJson(X509_get0_extensions(cert)));
  PutExtKeyUsage(f, cert);
  PutBasicConstraints(f, cert);
  PutKeyIds(f, cert);
  PutLocations(f, cert);
  PutPolicies(f, cert);
  PutConstraintDefaults(f);
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  const AltNames san = SubjectAltNames(names);
  GENERAL_NAMES_free(names);
  PutAltNames(f, san);
  Put(f, "URIStrings", StringsOrNull(san.uri));
  return Value::Object(std::move(f));
}

Value CertificateRequestJson(X509_REQ* req) {
  Fields f;
  const std::string raw = Der(i2d_X509_REQ, req);
  Put(f, "Raw", Bytes(raw));
  Put(f, "RawTBSCertificateRequest", Bytes(FirstElement(raw)));
  EVP_PKEY* key = X509_REQ_get0_pubkey(req);
  Put(f, "RawSubjectPublicKeyInfo", key ? Bytes(Der(i2d_PUBKEY, key)) : Value::Null());
  Put(f, "RawSubject", Bytes(Der(i2d_X509_NAME, X509_REQ_get_subject_name(req))));
  Put(f, "Version", Value::Int(X509_REQ_get_version(req)));
  const ASN1_BIT_STRING* sig = nullptr;
  X509_REQ_get0_signature(req, &sig, nullptr);
  Put(f, "Signature", sig ? Bytes(sig->data, static_cast<size_t>(sig->length)) : Value::Null());
  Put(f, "SignatureAlgorithm", Value::Int(SignatureAlgorithm(X509_REQ_get_signature_nid(req))));
  Put(f, "PublicKeyAlgorithm", Value::Int(PublicKeyAlgorithm(key)));
  Put(f, "PublicKey", PublicKeyJson(key));
  Put(f, "Subject", NameJson(X509_REQ_get_subject_name(req)));
  Put(f, "Attributes", Value::Null());
  STACK_OF(X509_EXTENSION)* exts = X509_REQ_get_extensions(req);
  Put(f, "Extensions", ExtensionsJson(exts));
  Put(f, "ExtraExtensions", Value::Null());
  AltNames san;
  for (int i = 0; i < sk_X509_EXTENSION_num(exts); ++i) {
    X509_EXTENSION* e = sk_X509_EXTENSION_value(exts, i);
    if (OBJ_obj2nid(X509_EXTENSION_get_object(e)) != NID_subject_alt_name) continue;
    auto* names = static_cast<GENERAL_NAMES*>(X509V3_EXT_d2i(e));
    san = SubjectAltNames(names);
    GENERAL_NAMES_free(names);
  }
  sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
  PutAltNames(f, san);
  return Value::Object(std::move(f));
}

}  // namespace tf::rego::builtins
