#include "server/jwt.h"

#include <gtest/gtest.h>

#include "core/encoding.h"
#include "core/json.h"
#include "server/jwk.h"

namespace tf::server {
namespace {

std::string B64(std::string_view s) {
  return Base64Encode(s, Base64Alphabet::kUrl, Base64Padding::kNoPad);
}

TEST(JwtTest, ParsesHeaderClaimsAndSigningInput) {
  const std::string token = B64(R"({"alg":"ES256","kid":"k1","typ":"JWT"})") + "." +
                            B64(R"({"sub":"ada","exp":10})") + "." + B64("sig");
  Result<ParsedJwt> jwt = ParseJwt(token);
  ASSERT_TRUE(jwt.ok()) << jwt.status().ToString();
  EXPECT_EQ(jwt->header.alg, "ES256");
  EXPECT_EQ(jwt->header.kid, "k1");
  EXPECT_EQ(jwt->header.typ, "JWT");
  EXPECT_EQ(jwt->claims.Find("sub")->string(), "ada");
  EXPECT_EQ(jwt->signature, "sig");
  EXPECT_EQ(jwt->signing_input, token.substr(0, token.rfind('.')));
}

TEST(JwtTest, RejectsWrongNumberOfParts) {
  EXPECT_EQ(ParseJwt("a.b").status().code(), ErrorCode::kAuthTokenMalformed);
  EXPECT_EQ(ParseJwt("a.b.c.d").status().code(), ErrorCode::kAuthTokenMalformed);
  EXPECT_EQ(ParseJwt("").status().code(), ErrorCode::kAuthTokenMalformed);
  EXPECT_EQ(ParseJwt("..").status().code(), ErrorCode::kAuthTokenMalformed);
}

TEST(JwtTest, RejectsPaddingAndNonObjects) {
  const std::string claims = B64(R"({"exp":1})");
  EXPECT_FALSE(
      ParseJwt(Base64Encode(R"({"alg":"EdDSA" })", Base64Alphabet::kUrl) + "." + claims + ".")
          .ok());
  EXPECT_FALSE(ParseJwt(B64("[1]") + "." + claims + ".").ok());
  EXPECT_FALSE(ParseJwt(B64(R"({"alg":"EdDSA"})") + "." + B64("\"x\"") + ".").ok());
  EXPECT_FALSE(ParseJwt(B64(R"({"kid":"x"})") + "." + claims + ".").ok());
}

TEST(JwtTest, RejectsCriticalExtensionsAndEncryptedTokens) {
  const std::string claims = B64(R"({"exp":1})");
  EXPECT_FALSE(ParseJwt(B64(R"({"alg":"EdDSA","crit":["exp"]})") + "." + claims + ".c2ln").ok());
  EXPECT_FALSE(ParseJwt(B64(R"({"alg":"EdDSA","enc":"A128GCM"})") + "." + claims + ".c2ln").ok());
}

TEST(JwtTest, RejectsOversizedTokensBeforeDecoding) {
  std::string huge(kMaxJwtBytes + 1, 'a');
  Result<ParsedJwt> jwt = ParseJwt(huge);
  EXPECT_EQ(jwt.status().code(), ErrorCode::kAuthTokenMalformed);
  EXPECT_NE(jwt.status().message().find("16 KiB"), std::string_view::npos);
}

// RFC 8037 Appendix A.4: the Ed25519 JWS example, verified with the key of A.2.
TEST(JwtTest, VerifiesTheRfc8037Ed25519Example) {
  Result<Jwk> key = Jwk::FromValue(*ParseJson(
      R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})"));
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  const std::string input = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
  Result<std::string> sig = Base64Decode(
      "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
      Base64Alphabet::kUrl, Base64Padding::kNoPad);
  ASSERT_TRUE(sig.ok());
  EXPECT_TRUE(key->Verify(JwsAlgorithm::kEdDsa, input, *sig));
  std::string tampered = input;
  tampered.back() = 'h';
  EXPECT_FALSE(key->Verify(JwsAlgorithm::kEdDsa, tampered, *sig));
  // The same key must never verify as another algorithm.
  EXPECT_FALSE(key->CanVerify(JwsAlgorithm::kRs256));
  EXPECT_FALSE(key->Verify(JwsAlgorithm::kEs256, input, *sig));
}

}  // namespace
}  // namespace tf::server
