#include "server/jwk.h"

#include <openssl/core_names.h>

#include <utility>

#include "core/encoding.h"
#include "core/json.h"
#include "server/internal/openssl_ptr.h"

namespace tf::server {
namespace {

using internal::BnPtr;
using internal::EcdsaSigPtr;
using internal::MdCtxPtr;
using internal::ParamBldPtr;
using internal::ParamPtr;
using internal::PkeyCtxPtr;
using internal::PkeyPtr;

constexpr size_t kP256CoordinateBytes = 32;
constexpr size_t kEd25519KeyBytes = 32;

Status BadKey(std::string_view kid, std::string message) {
  return Status(ErrorCode::kAuthConfigInvalid,
                "JWK" + (kid.empty() ? std::string() : " '" + std::string(kid) + "'") + ": " +
                    std::move(message));
}

Result<std::string> Member(const Value& jwk, std::string_view name, std::string_view kid) {
  const Value* v = jwk.Find(name);
  if (v == nullptr || !v->is_string()) return BadKey(kid, "no '" + std::string(name) + "' string");
  Result<std::string> bytes =
      Base64Decode(v->string(), Base64Alphabet::kUrl, Base64Padding::kOptional);
  if (!bytes.ok()) return BadKey(kid, "'" + std::string(name) + "' is not base64url");
  return bytes;
}

Result<PkeyPtr> FromParams(const char* type, OSSL_PARAM_BLD* bld, std::string_view kid) {
  ParamPtr params(OSSL_PARAM_BLD_to_param(bld));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return BadKey(kid, "OpenSSL refused the key: " + internal::OpensslErrors());
  }
  PkeyPtr pkey(raw);
  PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    return BadKey(kid, "not a valid public key: " + internal::OpensslErrors());
  }
  return pkey;
}

Result<PkeyPtr> RsaKey(const Value& jwk, std::string_view kid) {
  TF_ASSIGN_OR_RETURN(std::string n, Member(jwk, "n", kid));
  TF_ASSIGN_OR_RETURN(std::string e, Member(jwk, "e", kid));
  BnPtr bn_n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()),
                       nullptr));
  BnPtr bn_e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()),
                       nullptr));
  if (!bn_n || !bn_e) return BadKey(kid, "bad RSA numbers");
  const int bits = BN_num_bits(bn_n.get());
  if (bits < kMinRsaBits || bits > kMaxRsaBits) {
    return BadKey(kid, "RSA modulus of " + std::to_string(bits) + " bits (2048..8192 accepted)");
  }
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return BadKey(kid, "cannot build RSA parameters");
  }
  return FromParams("RSA", bld.get(), kid);
}

Result<PkeyPtr> EcKey(const Value& jwk, std::string_view kid) {
  const Value* crv = jwk.Find("crv");
  if (crv == nullptr || !crv->is_string() || crv->string() != "P-256") {
    return Status(ErrorCode::kUnimplemented, "EC key on a curve other than P-256");
  }
  TF_ASSIGN_OR_RETURN(std::string x, Member(jwk, "x", kid));
  TF_ASSIGN_OR_RETURN(std::string y, Member(jwk, "y", kid));
  // RFC 7518 §6.2.1.2: coordinates are the full-length octet strings of the curve.
  if (x.size() != kP256CoordinateBytes || y.size() != kP256CoordinateBytes) {
    return BadKey(kid, "P-256 coordinates must be 32 bytes each");
  }
  std::string point = "\x04" + x + y;  // SEC 1 uncompressed point
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return BadKey(kid, "cannot build EC parameters");
  }
  return FromParams("EC", bld.get(), kid);
}

Result<PkeyPtr> OkpKey(const Value& jwk, std::string_view kid) {
  const Value* crv = jwk.Find("crv");
  if (crv == nullptr || !crv->is_string() || crv->string() != "Ed25519") {
    return Status(ErrorCode::kUnimplemented, "OKP key on a curve other than Ed25519");
  }
  TF_ASSIGN_OR_RETURN(std::string x, Member(jwk, "x", kid));
  if (x.size() != kEd25519KeyBytes) return BadKey(kid, "Ed25519 'x' must be 32 bytes");
  PkeyPtr pkey(EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(x.data()), x.size()));
  if (!pkey) return BadKey(kid, "OpenSSL refused the Ed25519 key");
  return pkey;
}

// RFC 7518 §3.4: JWS carries R || S; OpenSSL verifies DER-encoded ECDSA-Sig-Value.
bool EcdsaRawToDer(std::string_view raw, std::string& der) {
  if (raw.size() != 2 * kP256CoordinateBytes) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  BnPtr r(BN_bin2bn(p, kP256CoordinateBytes, nullptr));
  BnPtr s(BN_bin2bn(p + kP256CoordinateBytes, kP256CoordinateBytes, nullptr));
  EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return false;
  r.release();  // owned by sig now
  s.release();
  unsigned char* out = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &out);
  if (len <= 0) return false;
  der.assign(reinterpret_cast<const char*>(out), static_cast<size_t>(len));
  OPENSSL_free(out);
  return true;
}

}  // namespace

Result<JwsAlgorithm> ParseJwsAlgorithm(std::string_view alg) {
  if (alg == "RS256") return JwsAlgorithm::kRs256;
  if (alg == "ES256") return JwsAlgorithm::kEs256;
  if (alg == "EdDSA") return JwsAlgorithm::kEdDsa;
  return Status(ErrorCode::kAuthAlgorithmRejected,
                "algorithm '" + std::string(alg) + "' is not accepted (RS256, ES256, EdDSA)");
}

std::string_view JwsAlgorithmName(JwsAlgorithm alg) {
  switch (alg) {
    case JwsAlgorithm::kRs256:
      return "RS256";
    case JwsAlgorithm::kEs256:
      return "ES256";
    case JwsAlgorithm::kEdDsa:
      return "EdDSA";
  }
  return "unknown";
}

JwkKeyType KeyTypeFor(JwsAlgorithm alg) {
  switch (alg) {
    case JwsAlgorithm::kRs256:
      return JwkKeyType::kRsa;
    case JwsAlgorithm::kEs256:
      return JwkKeyType::kEcP256;
    case JwsAlgorithm::kEdDsa:
      return JwkKeyType::kEd25519;
  }
  return JwkKeyType::kRsa;
}

Jwk::Jwk(Jwk&& other) noexcept
    : kid_(std::move(other.kid_)),
      alg_(std::move(other.alg_)),
      type_(other.type_),
      pkey_(std::exchange(other.pkey_, nullptr)) {}

Jwk& Jwk::operator=(Jwk&& other) noexcept {
  if (this != &other) {
    EVP_PKEY_free(pkey_);
    kid_ = std::move(other.kid_);
    alg_ = std::move(other.alg_);
    type_ = other.type_;
    pkey_ = std::exchange(other.pkey_, nullptr);
  }
  return *this;
}

Jwk::~Jwk() {
  EVP_PKEY_free(pkey_);
}

bool Jwk::CanVerify(JwsAlgorithm alg) const {
  if (KeyTypeFor(alg) != type_) return false;
  return alg_.empty() || alg_ == JwsAlgorithmName(alg);
}

bool Jwk::Verify(JwsAlgorithm alg, std::string_view signing_input,
                 std::string_view signature) const {
  if (!CanVerify(alg) || pkey_ == nullptr) return false;
  std::string der;
  std::string_view sig = signature;
  const EVP_MD* md = EVP_sha256();
  if (alg == JwsAlgorithm::kEs256) {
    if (!EcdsaRawToDer(signature, der)) return false;
    sig = der;
  } else if (alg == JwsAlgorithm::kEdDsa) {
    md = nullptr;  // Ed25519 is one-shot over the whole message (RFC 8032 PureEdDSA)
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, pkey_) != 1) return false;
  const int ok = EVP_DigestVerify(
      ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
      reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size());
  return ok == 1;
}

Result<Jwk> Jwk::FromValue(const Value& jwk) {
  if (!jwk.is_object()) return BadKey("", "a key is not a JSON object");
  Jwk out;
  if (const Value* kid = jwk.Find("kid"); kid != nullptr) {
    if (!kid->is_string()) return BadKey("", "'kid' is not a string");
    out.kid_ = kid->string();
  }
  if (jwk.Find("d") != nullptr || jwk.Find("p") != nullptr || jwk.Find("k") != nullptr) {
    return BadKey(out.kid_, "holds private or symmetric key material; publish public keys only");
  }
  if (const Value* use = jwk.Find("use");
      use != nullptr && !(use->is_string() && use->string() == "sig")) {
    return Status(ErrorCode::kUnimplemented, "key is not for signatures");
  }
  if (const Value* alg = jwk.Find("alg"); alg != nullptr) {
    if (!alg->is_string() || !ParseJwsAlgorithm(alg->string()).ok()) {
      return Status(ErrorCode::kUnimplemented,
                    "key is for an algorithm the server does not accept");
    }
    out.alg_ = alg->string();
  }
  const Value* kty = jwk.Find("kty");
  if (kty == nullptr || !kty->is_string()) return BadKey(out.kid_, "no 'kty' string");
  Result<PkeyPtr> pkey = Status(ErrorCode::kUnimplemented, "key type " + kty->string());
  if (kty->string() == "RSA") {
    out.type_ = JwkKeyType::kRsa;
    pkey = RsaKey(jwk, out.kid_);
  } else if (kty->string() == "EC") {
    out.type_ = JwkKeyType::kEcP256;
    pkey = EcKey(jwk, out.kid_);
  } else if (kty->string() == "OKP") {
    out.type_ = JwkKeyType::kEd25519;
    pkey = OkpKey(jwk, out.kid_);
  }
  if (!pkey.ok()) return pkey.status();
  if (!out.alg_.empty() && KeyTypeFor(*ParseJwsAlgorithm(out.alg_)) != out.type_) {
    return BadKey(out.kid_, "'alg' " + out.alg_ + " does not fit key type " + kty->string());
  }
  out.pkey_ = pkey->release();
  return out;
}

Result<JwkSet> JwkSet::Parse(std::string_view json) {
  if (json.size() > kMaxJwksBytes) {
    return Status(ErrorCode::kAuthConfigInvalid, "JWKS larger than 256 KiB");
  }
  Result<Value> doc = ParseJson(json);
  if (!doc.ok()) {
    return Status(ErrorCode::kAuthConfigInvalid,
                  "JWKS is not JSON: " + std::string(doc.status().message()));
  }
  return FromValue(*doc);
}

Result<JwkSet> JwkSet::FromValue(const Value& jwks) {
  const Value* keys = jwks.is_object() ? jwks.Find("keys") : nullptr;
  if (keys == nullptr || !keys->is_array()) {
    return Status(ErrorCode::kAuthConfigInvalid, "JWKS has no 'keys' array");
  }
  if (keys->size() > kMaxJwksKeys) {
    return Status(ErrorCode::kAuthConfigInvalid, "JWKS holds more than 64 keys");
  }
  JwkSet set;
  for (const Value& k : keys->array()) {
    Result<Jwk> key = Jwk::FromValue(k);
    if (key.ok()) {
      set.keys_.push_back(std::move(key).value());
    } else if (key.status().code() == ErrorCode::kUnimplemented) {
      ++set.skipped_;
    } else {
      return key.status();
    }
  }
  if (set.keys_.empty()) {
    return Status(ErrorCode::kAuthConfigInvalid,
                  "JWKS holds no usable signing key (RSA >= 2048 bits, EC P-256, Ed25519)");
  }
  return set;
}

std::vector<const Jwk*> JwkSet::Candidates(JwsAlgorithm alg, std::string_view kid) const {
  std::vector<const Jwk*> out;
  for (const Jwk& k : keys_) {
    if (!kid.empty() && k.kid() != kid) continue;
    if (k.CanVerify(alg)) out.push_back(&k);
  }
  return out;
}

bool JwkSet::HasKid(std::string_view kid) const {
  for (const Jwk& k : keys_) {
    if (k.kid() == kid) return true;
  }
  return false;
}

}  // namespace tf::server
