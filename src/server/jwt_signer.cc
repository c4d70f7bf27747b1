#include "server/jwt_signer.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>

#include <array>
#include <utility>
#include <vector>

#include "core/encoding.h"
#include "core/json.h"
#include "server/internal/openssl_ptr.h"

namespace tf::server {
namespace {

using internal::BioPtr;
using internal::BnPtr;
using internal::EcdsaSigPtr;
using internal::MdCtxPtr;
using internal::PkeyCtxPtr;
using internal::PkeyPtr;

constexpr size_t kEd25519SeedBytes = 32;
constexpr size_t kP256Bytes = 32;
constexpr unsigned kRsaBits = 2048;

Status SignError(std::string what) {
  return Status(ErrorCode::kInternal, what + ": " + internal::OpensslErrors());
}

std::string B64Url(std::string_view bytes) {
  return Base64Encode(bytes, Base64Alphabet::kUrl, Base64Padding::kNoPad);
}

std::string BnBytes(const BIGNUM* bn, size_t width = 0) {
  const size_t n = static_cast<size_t>(BN_num_bytes(bn));
  std::string out(std::max(n, width), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size()));
  return out;
}

Result<std::string> DerToRaw(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) return SignError("bad ECDSA signature");
  return BnBytes(ECDSA_SIG_get0_r(sig.get()), kP256Bytes) +
         BnBytes(ECDSA_SIG_get0_s(sig.get()), kP256Bytes);
}

bool KeyFits(EVP_PKEY* pkey, JwsAlgorithm alg) {
  switch (alg) {
    case JwsAlgorithm::kRs256:
      return EVP_PKEY_is_a(pkey, "RSA") == 1;
    case JwsAlgorithm::kEs256: {
      char group[64] = {};
      size_t len = 0;
      return EVP_PKEY_is_a(pkey, "EC") == 1 &&
             EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                            &len) == 1 &&
             std::string_view(group, len) == "prime256v1";
    }
    case JwsAlgorithm::kEdDsa:
      return EVP_PKEY_is_a(pkey, "ED25519") == 1;
  }
  return false;
}

}  // namespace

JwtSigner::JwtSigner(JwtSigner&& other) noexcept
    : alg_(other.alg_), kid_(std::move(other.kid_)), pkey_(std::exchange(other.pkey_, nullptr)) {}

JwtSigner& JwtSigner::operator=(JwtSigner&& other) noexcept {
  if (this != &other) {
    EVP_PKEY_free(pkey_);
    alg_ = other.alg_;
    kid_ = std::move(other.kid_);
    pkey_ = std::exchange(other.pkey_, nullptr);
  }
  return *this;
}

JwtSigner::~JwtSigner() {
  EVP_PKEY_free(pkey_);
}

Result<JwtSigner> JwtSigner::GenerateEd25519(std::string kid, RandomSource& random) {
  std::array<uint8_t, kEd25519SeedBytes> seed{};
  random.Fill(seed);
  JwtSigner s;
  s.alg_ = JwsAlgorithm::kEdDsa;
  s.kid_ = std::move(kid);
  s.pkey_ = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size());
  OPENSSL_cleanse(seed.data(), seed.size());
  if (s.pkey_ == nullptr) return SignError("cannot create an Ed25519 key");
  return s;
}

Result<JwtSigner> JwtSigner::Generate(JwsAlgorithm alg, std::string kid) {
  EVP_PKEY* raw = nullptr;
  switch (alg) {
    case JwsAlgorithm::kRs256:
      raw = EVP_RSA_gen(kRsaBits);
      break;
    case JwsAlgorithm::kEs256:
      raw = EVP_EC_gen("prime256v1");
      break;
    case JwsAlgorithm::kEdDsa:
      raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
      break;
  }
  if (raw == nullptr) return SignError("key generation failed");
  JwtSigner s;
  s.alg_ = alg;
  s.kid_ = std::move(kid);
  s.pkey_ = raw;
  return s;
}

Result<JwtSigner> JwtSigner::FromPem(std::string_view pem, JwsAlgorithm alg, std::string kid) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  PkeyPtr pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!pkey) return Status(ErrorCode::kAuthConfigInvalid, "not a PEM private key");
  if (!KeyFits(pkey.get(), alg)) {
    return Status(ErrorCode::kAuthConfigInvalid,
                  "the key does not fit " + std::string(JwsAlgorithmName(alg)));
  }
  JwtSigner s;
  s.alg_ = alg;
  s.kid_ = std::move(kid);
  s.pkey_ = pkey.release();
  return s;
}

Result<std::string> JwtSigner::SignRaw(std::string_view signing_input) const {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  const EVP_MD* md = alg_ == JwsAlgorithm::kEdDsa ? nullptr : EVP_sha256();
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, pkey_) != 1) {
    return SignError("cannot start signing");
  }
  const auto* msg = reinterpret_cast<const unsigned char*>(signing_input.data());
  size_t len = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &len, msg, signing_input.size()) != 1) {
    return SignError("cannot size the signature");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, msg,
                     signing_input.size()) != 1) {
    return SignError("signing failed");
  }
  sig.resize(len);
  if (alg_ == JwsAlgorithm::kEs256) return DerToRaw(sig);
  return sig;
}

Result<std::string> JwtSigner::SignWithHeader(const Value& header, const Value& claims) const {
  std::string input = B64Url(ToJson(header)) + "." + B64Url(ToJson(claims));
  TF_ASSIGN_OR_RETURN(std::string sig, SignRaw(input));
  return input + "." + B64Url(sig);
}

Result<std::string> JwtSigner::Sign(const Value& claims) const {
  Value header = Value::Object({{Value::String("alg"), Value::String(JwsAlgorithmName(alg_))},
                                {Value::String("typ"), Value::String("JWT")},
                                {Value::String("kid"), Value::String(kid_)}});
  return SignWithHeader(header, claims);
}

Result<Value> JwtSigner::PublicJwk() const {
  std::vector<ObjectEntry> m = {{Value::String("kid"), Value::String(kid_)},
                                {Value::String("alg"), Value::String(JwsAlgorithmName(alg_))},
                                {Value::String("use"), Value::String("sig")}};
  auto add = [&m](const char* k, std::string_view bytes) {
    m.emplace_back(Value::String(k), Value::String(B64Url(bytes)));
  };
  if (alg_ == JwsAlgorithm::kEdDsa) {
    std::array<unsigned char, 32> pub{};
    size_t len = pub.size();
    if (EVP_PKEY_get_raw_public_key(pkey_, pub.data(), &len) != 1)
      return SignError("no public key");
    m.emplace_back(Value::String("kty"), Value::String("OKP"));
    m.emplace_back(Value::String("crv"), Value::String("Ed25519"));
    add("x", std::string_view(reinterpret_cast<const char*>(pub.data()), len));
  } else if (alg_ == JwsAlgorithm::kEs256) {
    BIGNUM* x = nullptr;
    BIGNUM* y = nullptr;
    const bool ok = EVP_PKEY_get_bn_param(pkey_, OSSL_PKEY_PARAM_EC_PUB_X, &x) == 1 &&
                    EVP_PKEY_get_bn_param(pkey_, OSSL_PKEY_PARAM_EC_PUB_Y, &y) == 1;
    BnPtr bx(x), by(y);
    if (!ok) return SignError("no EC public key");
    m.emplace_back(Value::String("kty"), Value::String("EC"));
    m.emplace_back(Value::String("crv"), Value::String("P-256"));
    add("x", BnBytes(bx.get(), kP256Bytes));
    add("y", BnBytes(by.get(), kP256Bytes));
  } else {
    BIGNUM* n = nullptr;
    BIGNUM* e = nullptr;
    const bool ok = EVP_PKEY_get_bn_param(pkey_, OSSL_PKEY_PARAM_RSA_N, &n) == 1 &&
                    EVP_PKEY_get_bn_param(pkey_, OSSL_PKEY_PARAM_RSA_E, &e) == 1;
    BnPtr bn(n), be(e);
    if (!ok) return SignError("no RSA public key");
    m.emplace_back(Value::String("kty"), Value::String("RSA"));
    add("n", BnBytes(bn.get()));
    add("e", BnBytes(be.get()));
  }
  return Value::Object(std::move(m));
}

Result<Value> JwtSigner::Jwks() const {
  TF_ASSIGN_OR_RETURN(Value jwk, PublicJwk());
  return Value::Object({{Value::String("keys"), Value::Array({jwk})}});
}

}  // namespace tf::server
