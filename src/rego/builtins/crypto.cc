// crypto.md5/sha1/sha256 and crypto.hmac.* (OPA's topdown/crypto.go), on OpenSSL 3 EVP.
// The X.509 and private-key builtins of the same namespace live in crypto_x509.cc.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/encoding.h"
#include "rego/builtins/families.h"

namespace tf::rego::builtins {
namespace {

using DigestFn = const EVP_MD* (*)();

Result<std::string> Digest(DigestFn md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out, &len, md(), nullptr) != 1) {
    return BuiltinError("digest failed");
  }
  return HexEncode(std::span<const uint8_t>(out, len));
}

Result<std::string> Hmac(DigestFn md, std::string_view key, std::string_view message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(md(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), out,
           &len) == nullptr) {
    return BuiltinError("hmac failed");
  }
  return HexEncode(std::span<const uint8_t>(out, len));
}

template <DigestFn kMd>
Result<Value> HashBuiltin(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(std::string hex, Digest(kMd, a[0].string()));
  return Value::String(std::move(hex));
}

// crypto.hmac.<alg>(message, key)
template <DigestFn kMd>
Result<Value> HmacBuiltin(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(std::string hex, Hmac(kMd, a[1].string(), a[0].string()));
  return Value::String(std::move(hex));
}

// Constant-time comparison (as Go's hmac.Equal): unequal lengths are simply unequal.
Result<Value> HmacEqual(BuiltinContext&, std::span<const Value> a) {
  const std::string& x = a[0].string();
  const std::string& y = a[1].string();
  return Value::Bool(x.size() == y.size() && CRYPTO_memcmp(x.data(), y.data(), x.size()) == 0);
}

BuiltinDecl Hash(std::string_view name, BuiltinFn fn) {
  return {.name = name, .params = {{kString, "x"}}, .result = kString, .fn = fn};
}

BuiltinDecl HmacDecl(std::string_view name, BuiltinFn fn) {
  return {.name = name, .params = {{kString, "x"}, {kString, "key"}}, .result = kString, .fn = fn};
}

}  // namespace

std::vector<BuiltinDecl> CryptoBuiltins() {
  return {
      Hash("crypto.md5", HashBuiltin<EVP_md5>),
      Hash("crypto.sha1", HashBuiltin<EVP_sha1>),
      Hash("crypto.sha256", HashBuiltin<EVP_sha256>),
      HmacDecl("crypto.hmac.md5", HmacBuiltin<EVP_md5>),
      HmacDecl("crypto.hmac.sha1", HmacBuiltin<EVP_sha1>),
      HmacDecl("crypto.hmac.sha256", HmacBuiltin<EVP_sha256>),
      HmacDecl("crypto.hmac.sha512", HmacBuiltin<EVP_sha512>),
      {.name = "crypto.hmac.equal",
       .params = {{kString, "mac1"}, {kString, "mac2"}},
       .result = kBoolean,
       .fn = HmacEqual},
  };
}

}  // namespace tf::rego::builtins
