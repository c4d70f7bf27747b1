// crypto.x509 certificate parsing and chain verification (OPA's topdown/crypto.go) on OpenSSL 3.
// Inputs are PEM, or base64 of PEM or DER, as OPA accepts them; outputs have the JSON shapes of
// Go's crypto/x509 and crypto/tls structs (x509_json.cc).
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <memory>

#include "core/encoding.h"
#include "rego/builtins/families.h"
#include "rego/builtins/go_base64.h"
#include "rego/builtins/openssl_ptr.h"
#include "rego/builtins/pem_block.h"
#include "rego/builtins/x509_json.h"

namespace tf::rego::builtins {
namespace {

constexpr std::string_view kPemBegin = "-----BEGIN";

using X509StorePtr = std::unique_ptr<X509_STORE, OpenSslDeleter<X509_STORE, X509_STORE_free>>;
using X509StoreCtxPtr =
    std::unique_ptr<X509_STORE_CTX, OpenSslDeleter<X509_STORE_CTX, X509_STORE_CTX_free>>;
struct X509StackDeleter {
  void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }  // borrowed elements
};

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

// Go's x509.ParseCertificates: concatenated DER certificates.
Result<std::vector<X509Ptr>> ParseDerCertificates(std::string_view der) {
  std::vector<X509Ptr> certs;
  while (!der.empty()) {
    const unsigned char* p = U8(der);
    X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!cert) return BuiltinError("x509: malformed certificate");
    der.remove_prefix(static_cast<size_t>(p - U8(der)));
    certs.push_back(std::move(cert));
  }
  return certs;
}

Result<std::vector<X509Ptr>> CertificatesFromPem(std::string_view pem) {
  std::string der;
  std::string_view rest;
  while (std::optional<PemBlock> block = DecodePem(pem, &rest)) {
    if (block->type != "CERTIFICATE") {
      return BuiltinError("PEM block type is '" + block->type + "', expected CERTIFICATE");
    }
    der += block->bytes;
    pem = rest;
  }
  return ParseDerCertificates(der);
}

// PEM text, or base64 of PEM text or of DER certificates.
Result<std::vector<X509Ptr>> CertificatesFromString(std::string_view input) {
  if (StartsWith(input, kPemBegin)) return CertificatesFromPem(input);
  TF_ASSIGN_OR_RETURN(std::string decoded, DecodeStdBase64(input));
  if (StartsWith(decoded, kPemBegin)) return CertificatesFromPem(decoded);
  return ParseDerCertificates(decoded);
}

Value CertificatesJson(std::span<X509* const> certs, bool with_uri_strings) {
  std::vector<Value> out;
  for (X509* c : certs) {
    Value json = CertificateJson(c);
    if (!with_uri_strings) {
      std::vector<ObjectEntry> fields;
      for (const ObjectEntry& e : json.object()) {
        if (e.first != Value::String("URIStrings")) fields.push_back(e);
      }
      json = Value::ObjectFromSorted(std::move(fields));
    }
    out.push_back(std::move(json));
  }
  return Value::Array(std::move(out));
}

Result<Value> ParseCertificates(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(std::vector<X509Ptr> certs, CertificatesFromString(a[0].string()));
  std::vector<X509*> raw;
  for (X509Ptr& c : certs)
    raw.push_back(c.get());
  return CertificatesJson(raw, true);
}

struct VerifyOptions {
  std::string dns_name;
  int64_t time_ns = 0;
  uint32_t usages = XKU_SSL_SERVER;  // Go's default when no KeyUsages are given
  bool any_usage = false;
};

// Go checks extended key usage along the whole chain: every certificate that restricts its
// usage must allow one of the requested usages.
bool ChainAllowsUsage(STACK_OF(X509) * chain, const VerifyOptions& o) {
  if (o.any_usage) return true;
  for (int i = 0; i < sk_X509_num(chain); ++i) {
    const uint32_t xku = X509_get_extended_key_usage(sk_X509_value(chain, i));
    if (xku == UINT32_MAX || (xku & XKU_ANYEKU) != 0) continue;  // unrestricted
    if ((xku & o.usages) == 0) return false;
  }
  return true;
}

// The first certificate is the root, the last the leaf, the rest intermediates (OPA's order).
// Returns the verified chain, leaf first, or an empty vector.
std::vector<X509*> VerifyChain(const std::vector<X509Ptr>& certs, const VerifyOptions& o) {
  if (certs.size() < 2) return {};
  X509StorePtr store(X509_STORE_new());
  std::unique_ptr<STACK_OF(X509), X509StackDeleter> untrusted(sk_X509_new_null());
  X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!store || !untrusted || !ctx || X509_STORE_add_cert(store.get(), certs.front().get()) != 1)
    return {};
  for (size_t i = 1; i + 1 < certs.size(); ++i)
    sk_X509_push(untrusted.get(), certs[i].get());
  if (X509_STORE_CTX_init(ctx.get(), store.get(), certs.back().get(), untrusted.get()) != 1)
    return {};
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(o.time_ns / 1'000'000'000));
  if (!o.dns_name.empty() &&
      X509_VERIFY_PARAM_set1_host(param, o.dns_name.c_str(), o.dns_name.size()) != 1) {
    return {};
  }
  if (X509_verify_cert(ctx.get()) != 1) return {};
  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
  if (!ChainAllowsUsage(chain, o)) return {};
  std::vector<X509*> out;
  for (int i = 0; i < sk_X509_num(chain); ++i)
    out.push_back(sk_X509_value(chain, i));
  return out;
}

Result<Value> VerifiedResult(std::string_view input, const VerifyOptions& o,
                             bool with_uri_strings) {
  const Value failed = Value::Array({Value::Bool(false), Value::EmptyArray()});
  Result<std::vector<X509Ptr>> certs = CertificatesFromString(input);
  if (!certs.ok()) return failed;
  std::vector<X509*> chain = VerifyChain(*certs, o);
  if (chain.empty()) return failed;
  return Value::Array({Value::Bool(true), CertificatesJson(chain, with_uri_strings)});
}

Result<Value> ParseAndVerify(BuiltinContext& ctx, std::span<const Value> a) {
  VerifyOptions o;
  o.time_ns = ctx.now_ns;
  return VerifiedResult(a[0].string(), o, true);
}

Status ApplyKeyUsages(const Value& v, VerifyOptions& o) {
  static constexpr std::pair<std::string_view, uint32_t> kUsages[] = {
      {"KeyUsageAny", 0},
      {"KeyUsageServerAuth", XKU_SSL_SERVER},
      {"KeyUsageClientAuth", XKU_SSL_CLIENT},
      {"KeyUsageCodeSigning", XKU_CODE_SIGN},
      {"KeyUsageEmailProtection", XKU_SMIME},
      {"KeyUsageIPSECEndSystem", 0},
      {"KeyUsageIPSECTunnel", 0},
      {"KeyUsageIPSECUser", 0},
      {"KeyUsageTimeStamping", XKU_TIMESTAMP},
      {"KeyUsageOCSPSigning", XKU_OCSP_SIGN},
      {"KeyUsageMicrosoftServerGatedCrypto", XKU_SGC},
      {"KeyUsageNetscapeServerGatedCrypto", XKU_SGC},
      {"KeyUsageMicrosoftCommercialCodeSigning", 0},
      {"KeyUsageMicrosoftKernelCodeSigning", 0}};
  if (!v.is_array() && !v.is_set()) return BuiltinError("'KeyUsages' should be an Array or Set");
  std::vector<std::string> invalid;
  uint32_t usages = 0;
  for (const Value& u : v.is_array() ? v.array() : v.set()) {
    if (!u.is_string()) continue;
    auto it = std::find_if(std::begin(kUsages), std::end(kUsages),
                           [&](auto& k) { return k.first == u.string(); });
    if (it == std::end(kUsages))
      invalid.push_back(u.string());
    else if (it->first == "KeyUsageAny")
      o.any_usage = true;
    else
      usages |= it->second;
  }
  if (!invalid.empty()) {
    std::string list;
    for (const std::string& s : invalid)
      list += (list.empty() ? "" : " ") + s;
    return BuiltinError("invalid entries for 'KeyUsages' found: [" + list + "]");
  }
  if (usages != 0 || o.any_usage) o.usages = usages;
  return Status();
}

Result<VerifyOptions> ParseVerifyOptions(const Value& options, int64_t now_ns) {
  VerifyOptions o;
  o.time_ns = now_ns;
  for (const auto& [key, v] : options.object()) {
    if (!key.is_string()) continue;
    const std::string& k = key.string();
    if (k == "DNSName") {
      if (!v.is_string()) return BuiltinError("'DNSName' should be a string");
      o.dns_name = v.string();
    } else if (k == "CurrentTime") {
      if (!v.is_number()) return BuiltinError("'CurrentTime' should be a number");
      std::optional<int64_t> ns = v.number().ToInt64();
      if (!ns) return BuiltinError("'CurrentTime' should be a valid int64 number");
      o.time_ns = *ns;
    } else if (k == "MaxConstraintComparisons") {
      if (!v.is_number()) return BuiltinError("'MaxConstraintComparisons' should be a number");
      if (!v.number().ToInt64())
        return BuiltinError("'MaxConstraintComparisons' should be a valid number");
    } else if (k == "KeyUsages") {
      TF_RETURN_IF_ERROR(ApplyKeyUsages(v, o));
    } else {
      return BuiltinError("invalid key option");
    }
  }
  return o;
}

Result<Value> ParseAndVerifyWithOptions(BuiltinContext& ctx, std::span<const Value> a) {
  const Value failed = Value::Array({Value::Bool(false), Value::EmptyArray()});
  if (!CertificatesFromString(a[0].string()).ok()) return failed;
  TF_ASSIGN_OR_RETURN(VerifyOptions o, ParseVerifyOptions(a[1], ctx.now_ns));
  return VerifiedResult(a[0].string(), o, false);
}

}  // namespace

std::vector<BuiltinDecl> CryptoX509Builtins() {
  return {
      {.name = "crypto.x509.parse_certificates",
       .params = {{kString, "certs"}},
       .result = kArray,
       .fn = ParseCertificates},
      {.name = "crypto.x509.parse_and_verify_certificates",
       .params = {{kString, "certs"}},
       .result = kArray,
       .fn = ParseAndVerify},
      {.name = "crypto.x509.parse_and_verify_certificates_with_options",
       .params = {{kString, "certs"}, {kObject, "options"}},
       .result = kArray,
       .fn = ParseAndVerifyWithOptions},
  };
}

}  // namespace tf::rego::builtins
