#include "server/jwt_verifier.h"

#include <gtest/gtest.h>

#include "core/encoding.h"
#include "core/json.h"
#include "server/jwt_signer.h"

namespace tf::server {
namespace {

constexpr int64_t kNow = int64_t{1'800'000'000} * 1'000'000'000;

Value Claims(int64_t exp_seconds, std::string iss = "https://idp.test/",
             std::string aud = "trust-fabric") {
  return Value::Object({{Value::String("iss"), Value::String(iss)},
                        {Value::String("aud"), Value::String(aud)},
                        {Value::String("sub"), Value::String("ada")},
                        {Value::String("exp"), Value::Int(exp_seconds)}});
}

JwtRules Rules() {
  JwtRules r;
  r.issuer = "https://idp.test/";
  r.audiences = {"trust-fabric"};
  r.clock_skew_nanos = 30'000'000'000;
  return r;
}

JwkSet SetOf(const std::vector<const JwtSigner*>& signers) {
  std::vector<Value> keys;
  for (const JwtSigner* s : signers)
    keys.push_back(*s->PublicJwk());
  return *JwkSet::FromValue(Value::Object({{Value::String("keys"), Value::Array(keys)}}));
}

class JwtVerifierTest : public ::testing::TestWithParam<JwsAlgorithm> {};

TEST_P(JwtVerifierTest, AcceptsATokenSignedByAKeyInTheSet) {
  Result<JwtSigner> signer = JwtSigner::Generate(GetParam(), "k1");
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  const JwkSet set = SetOf({&*signer});
  Result<ParsedJwt> jwt = ParseJwt(*signer->Sign(Claims(1'800'000'100)));
  ASSERT_TRUE(jwt.ok());
  EXPECT_TRUE(VerifyJwtSignature(*jwt, set).ok());
  EXPECT_TRUE(VerifyJwtClaims(jwt->claims, Rules(), kNow).ok());
}

TEST_P(JwtVerifierTest, RejectsATokenWhoseSignatureWasAltered) {
  Result<JwtSigner> signer = JwtSigner::Generate(GetParam(), "k1");
  const JwkSet set = SetOf({&*signer});
  std::string token = *signer->Sign(Claims(1'800'000'100));
  // Flip one bit of the last signature byte that carries data.
  std::string sig = *Base64Decode(token.substr(token.rfind('.') + 1), Base64Alphabet::kUrl,
                                  Base64Padding::kNoPad);
  sig[sig.size() / 2] ^= 0x01;
  token = token.substr(0, token.rfind('.') + 1) +
          Base64Encode(sig, Base64Alphabet::kUrl, Base64Padding::kNoPad);
  EXPECT_EQ(VerifyJwtSignature(*ParseJwt(token), set).code(), ErrorCode::kAuthSignatureInvalid);
}

TEST_P(JwtVerifierTest, RejectsATokenSignedByAKeyNotInTheSet) {
  Result<JwtSigner> trusted = JwtSigner::Generate(GetParam(), "k1");
  Result<JwtSigner> stranger = JwtSigner::Generate(GetParam(), "k1");  // same kid, other key
  const JwkSet set = SetOf({&*trusted});
  EXPECT_EQ(VerifyJwtSignature(*ParseJwt(*stranger->Sign(Claims(1'800'000'100))), set).code(),
            ErrorCode::kAuthSignatureInvalid);
  Result<JwtSigner> unknown = JwtSigner::Generate(GetParam(), "k9");
  EXPECT_EQ(VerifyJwtSignature(*ParseJwt(*unknown->Sign(Claims(1'800'000'100))), set).code(),
            ErrorCode::kAuthUnknownKey);
}

INSTANTIATE_TEST_SUITE_P(AllAlgorithms, JwtVerifierTest,
                         ::testing::Values(JwsAlgorithm::kRs256, JwsAlgorithm::kEs256,
                                           JwsAlgorithm::kEdDsa));

TEST(JwtVerifierRulesTest, RejectsAlgNoneEvenWithoutASignature) {
  const std::string token =
      Base64Encode(R"({"alg":"none","kid":"k1"})", Base64Alphabet::kUrl, Base64Padding::kNoPad) +
      "." +
      Base64Encode(ToJson(Claims(1'800'000'100)), Base64Alphabet::kUrl, Base64Padding::kNoPad) +
      ".";
  Result<JwtSigner> signer = JwtSigner::Generate(JwsAlgorithm::kEdDsa, "k1");
  EXPECT_EQ(VerifyJwtSignature(*ParseJwt(token), SetOf({&*signer})).code(),
            ErrorCode::kAuthAlgorithmRejected);
}

TEST(JwtVerifierRulesTest, RejectsHs256SignedWithThePublicKeyAsSecret) {
  // The classic confusion attack: the attacker uses the published key bytes as an HMAC secret.
  Result<JwtSigner> signer = JwtSigner::Generate(JwsAlgorithm::kRs256, "k1");
  Value header = Value::Object({{Value::String("alg"), Value::String("HS256")},
                                {Value::String("kid"), Value::String("k1")}});
  std::string token =
      Base64Encode(ToJson(header), Base64Alphabet::kUrl, Base64Padding::kNoPad) + "." +
      Base64Encode(ToJson(Claims(1'800'000'100)), Base64Alphabet::kUrl, Base64Padding::kNoPad) +
      ".AAAA";
  EXPECT_EQ(VerifyJwtSignature(*ParseJwt(token), SetOf({&*signer})).code(),
            ErrorCode::kAuthAlgorithmRejected);
}

TEST(JwtVerifierRulesTest, RejectsAnAlgorithmThatDoesNotFitTheNamedKeysType) {
  Result<JwtSigner> ec = JwtSigner::Generate(JwsAlgorithm::kEs256, "shared");
  Result<JwtSigner> ed = JwtSigner::Generate(JwsAlgorithm::kEdDsa, "shared");
  // The set holds only the EC key; a token claims EdDSA with the EC key's kid.
  const JwkSet set = SetOf({&*ec});
  Result<ParsedJwt> jwt = ParseJwt(*ed->Sign(Claims(1'800'000'100)));
  EXPECT_EQ(VerifyJwtSignature(*jwt, set).code(), ErrorCode::kAuthAlgorithmRejected);
}

TEST(JwtVerifierRulesTest, HonoursExpiryWithTheConfiguredSkew) {
  const JwtRules rules = Rules();
  // Expired 10 s ago: inside the 30 s skew.
  EXPECT_TRUE(VerifyJwtClaims(Claims(1'799'999'990), rules, kNow).ok());
  // Expired 31 s ago: outside it.
  EXPECT_EQ(VerifyJwtClaims(Claims(1'799'999'969), rules, kNow).code(),
            ErrorCode::kAuthTokenExpired);
}

TEST(JwtVerifierRulesTest, HonoursNotBeforeWithTheConfiguredSkew) {
  Value c = Claims(1'800'001'000);
  c.ObjectInsertIfAbsent(Value::String("nbf"), Value::Int(1'800'000'031));
  EXPECT_EQ(VerifyJwtClaims(c, Rules(), kNow).code(), ErrorCode::kAuthTokenNotYetValid);
  Value ok = Claims(1'800'001'000);
  ok.ObjectInsertIfAbsent(Value::String("nbf"), Value::Int(1'800'000'029));
  EXPECT_TRUE(VerifyJwtClaims(ok, Rules(), kNow).ok());
}

TEST(JwtVerifierRulesTest, RejectsWrongIssuerAndAudience) {
  EXPECT_EQ(VerifyJwtClaims(Claims(1'800'000'100, "https://evil.test/"), Rules(), kNow).code(),
            ErrorCode::kAuthIssuerMismatch);
  EXPECT_EQ(
      VerifyJwtClaims(Claims(1'800'000'100, "https://idp.test/", "other"), Rules(), kNow).code(),
      ErrorCode::kAuthAudienceMismatch);
  Value multi = Claims(1'800'000'100);
  *multi.ObjectFindMutable(Value::String("aud")) =
      Value::Array({Value::String("x"), Value::String("trust-fabric")});
  EXPECT_TRUE(VerifyJwtClaims(multi, Rules(), kNow).ok());
}

TEST(JwtVerifierRulesTest, RequiresExpiry) {
  Value c = Value::Object({{Value::String("iss"), Value::String("https://idp.test/")},
                           {Value::String("aud"), Value::String("trust-fabric")}});
  EXPECT_EQ(VerifyJwtClaims(c, Rules(), kNow).code(), ErrorCode::kAuthTokenMalformed);
}

TEST(JwkSetTest, SkipsKeysItDoesNotUseAndRefusesPrivateKeys) {
  Result<JwkSet> set = JwkSet::Parse(R"({"keys":[
    {"kty":"OKP","crv":"Ed25519","kid":"a","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
    {"kty":"oct","kid":"h","k":"c2VjcmV0"},
    {"kty":"RSA","kid":"enc","use":"enc","n":"AQAB","e":"AQAB"},
    {"kty":"EC","crv":"P-384","kid":"p384","x":"AA","y":"AA"}]})");
  EXPECT_FALSE(set.ok()) << "a symmetric key in a JWKS is a configuration error";
  set = JwkSet::Parse(R"({"keys":[
    {"kty":"OKP","crv":"Ed25519","kid":"a","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
    {"kty":"RSA","kid":"enc","use":"enc","n":"AQAB","e":"AQAB"},
    {"kty":"EC","crv":"P-384","kid":"p384","x":"AA","y":"AA"}]})");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->size(), 1u);
  EXPECT_EQ(set->skipped(), 2u);
}

TEST(JwkSetTest, RefusesShortRsaKeysAndPointsOffTheCurve) {
  EXPECT_EQ(
      JwkSet::Parse(R"({"keys":[{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB"}]})").status().code(),
      ErrorCode::kAuthConfigInvalid);
  const std::string zeros(43, 'A');
  EXPECT_FALSE(JwkSet::Parse(R"({"keys":[{"kty":"EC","crv":"P-256","kid":"e","x":")" + zeros +
                             R"(","y":")" + zeros + R"("}]})")
                   .ok());
}

}  // namespace
}  // namespace tf::server
