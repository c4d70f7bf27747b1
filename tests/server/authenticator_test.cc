#include "server/authenticator.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/json.h"
#include "server/duration.h"
#include "server/jwt_signer.h"
#include "testing/temp_dir.h"

namespace tf::server {
namespace {

constexpr int64_t kNowSeconds = 1'800'000'000;

class AuthenticatorTest : public ::testing::Test {
 protected:
  AuthenticatorTest() : clock_(kNowSeconds * kNanosPerSecond), random_(7) {
    signer_.emplace(*JwtSigner::GenerateEd25519("dev-1", random_));
    jwks_ = StaticJwksProvider::FromSet(*JwkSet::FromValue(*signer_->Jwks()));
    AuthOptions options;
    options.rules.issuer = "https://idp.test/";
    options.rules.audiences = {"trust-fabric"};
    options.rules.clock_skew_nanos = 0;
    auth_.emplace(options, *jwks_, clock_);
  }

  std::string Bearer(Value claims) { return "Bearer " + *signer_->Sign(claims); }

  Value Claims(int64_t exp_seconds) {
    return Value::Object({{Value::String("iss"), Value::String("https://idp.test/")},
                          {Value::String("aud"), Value::String("trust-fabric")},
                          {Value::String("sub"), Value::String("svc-1")},
                          {Value::String("tenant"), Value::String("acme")},
                          {Value::String("scope"), Value::String("verify:run  ledger:read")},
                          {Value::String("exp"), Value::Int(exp_seconds)}});
  }

  FakeClock clock_;
  SeededRandom random_;
  std::optional<JwtSigner> signer_;
  std::unique_ptr<StaticJwksProvider> jwks_;
  std::optional<Authenticator> auth_;
};

TEST_F(AuthenticatorTest, ReadsTenantSubjectAndScopes) {
  const std::string header = Bearer(Claims(kNowSeconds + 60));
  Result<Principal> p = auth_->Authenticate(&header);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->tenant, "acme");
  EXPECT_EQ(p->subject, "svc-1");
  EXPECT_TRUE(p->HasScope("verify:run"));
  EXPECT_TRUE(p->HasScope("ledger:read"));
  EXPECT_FALSE(p->HasScope("policy:compile"));
}

TEST_F(AuthenticatorTest, ACachedTokenStillExpires) {
  const std::string header = Bearer(Claims(kNowSeconds + 60));
  ASSERT_TRUE(auth_->Authenticate(&header).ok());
  ASSERT_TRUE(auth_->Authenticate(&header).ok());
  clock_.Advance(60 * kNanosPerSecond);
  EXPECT_EQ(auth_->Authenticate(&header).status().code(), ErrorCode::kAuthTokenExpired);
}

// A JWKS file the test rewrites, behind the provider SIGHUP reloads.
class RotatingJwksTest : public AuthenticatorTest {
 protected:
  RotatingJwksTest() {
    WriteJwks(*signer_);
    file_jwks_ = *StaticJwksProvider::FromFile(dir_.Sub("jwks.json"));
    AuthOptions options;
    options.rules.issuer = "https://idp.test/";
    options.rules.audiences = {"trust-fabric"};
    options.rules.clock_skew_nanos = 0;
    options.token_cache_ttl_nanos = 30 * kNanosPerSecond;
    file_auth_.emplace(options, *file_jwks_, clock_);
  }

  void WriteJwks(const JwtSigner& signer) {
    std::ofstream(dir_.Sub("jwks.json")) << ToJson(*signer.Jwks());
  }

  testing::TempDir dir_{"tf-auth"};
  std::unique_ptr<StaticJwksProvider> file_jwks_;
  std::optional<Authenticator> file_auth_;
};

TEST_F(RotatingJwksTest, ACachedTokenIsRefusedOnceItsKeyIsReplaced) {
  const std::string header = Bearer(Claims(kNowSeconds + 3600));
  ASSERT_TRUE(file_auth_->Authenticate(&header).ok());
  ASSERT_TRUE(file_auth_->Authenticate(&header).ok());  // now from the cache
  // The IdP replaces the key behind the same kid: the old signature no longer verifies.
  WriteJwks(*JwtSigner::GenerateEd25519("dev-1", random_));
  ASSERT_TRUE(file_jwks_->Reload().ok());
  EXPECT_EQ(file_auth_->Authenticate(&header).status().code(), ErrorCode::kAuthSignatureInvalid);
}

TEST_F(RotatingJwksTest, ACachedTokenIsRefusedOnceItsKeyIsRevoked) {
  const std::string header = Bearer(Claims(kNowSeconds + 3600));
  ASSERT_TRUE(file_auth_->Authenticate(&header).ok());
  ASSERT_TRUE(file_auth_->Authenticate(&header).ok());
  WriteJwks(*JwtSigner::GenerateEd25519("other-kid", random_));
  ASSERT_TRUE(file_jwks_->Reload().ok());
  EXPECT_EQ(file_auth_->Authenticate(&header).status().code(), ErrorCode::kAuthUnknownKey);
}

TEST_F(RotatingJwksTest, ATokenSignedWithTheNewKeyIsAcceptedAfterRotation) {
  const std::string old_header = Bearer(Claims(kNowSeconds + 3600));
  ASSERT_TRUE(file_auth_->Authenticate(&old_header).ok());
  signer_.emplace(*JwtSigner::GenerateEd25519("dev-2", random_));
  WriteJwks(*signer_);
  ASSERT_TRUE(file_jwks_->Reload().ok());
  const std::string new_header = Bearer(Claims(kNowSeconds + 3600));
  EXPECT_TRUE(file_auth_->Authenticate(&new_header).ok());
  EXPECT_EQ(file_auth_->Authenticate(&old_header).status().code(), ErrorCode::kAuthUnknownKey);
}

TEST_F(RotatingJwksTest, AValidTokenPassesAgainAfterTheCacheTtlAndStillExpires) {
  const std::string header = Bearer(Claims(kNowSeconds + 3600));
  ASSERT_TRUE(file_auth_->Authenticate(&header).ok());
  clock_.Advance(31 * kNanosPerSecond);
  EXPECT_TRUE(file_auth_->Authenticate(&header).ok()) << "re-verified, still valid";
  clock_.Advance(3600 * kNanosPerSecond);
  EXPECT_EQ(file_auth_->Authenticate(&header).status().code(), ErrorCode::kAuthTokenExpired);
}

TEST_F(AuthenticatorTest, ACachedTokenIsNotUsedBeforeItsNotBefore) {
  Value c = Claims(kNowSeconds + 3600);
  c.ObjectInsertIfAbsent(Value::String("nbf"), Value::Int(kNowSeconds + 10));
  const std::string header = Bearer(c);
  EXPECT_EQ(auth_->Authenticate(&header).status().code(), ErrorCode::kAuthTokenNotYetValid);
  clock_.Advance(10 * kNanosPerSecond);
  ASSERT_TRUE(auth_->Authenticate(&header).ok());
  EXPECT_TRUE(auth_->Authenticate(&header).ok());
}

TEST_F(AuthenticatorTest, RefusesMissingOrNonBearerCredentials) {
  EXPECT_EQ(auth_->Authenticate(nullptr).status().code(), ErrorCode::kAuthTokenMissing);
  const std::string basic = "Basic YWRhOmxvdmVsYWNl";
  EXPECT_EQ(auth_->Authenticate(&basic).status().code(), ErrorCode::kAuthTokenMissing);
  const std::string lower = "bearer " + *signer_->Sign(Claims(kNowSeconds + 60));
  EXPECT_TRUE(auth_->Authenticate(&lower).ok()) << "the scheme is case-insensitive";
}

TEST_F(AuthenticatorTest, RefusesATokenWithoutAValidTenant) {
  Value c = Claims(kNowSeconds + 60);
  *c.ObjectFindMutable(Value::String("tenant")) = Value::String("../etc");
  const std::string header = Bearer(c);
  EXPECT_EQ(auth_->Authenticate(&header).status().code(), ErrorCode::kAuthTenantMissing);
}

TEST(BearerChallengeTest, FollowsRfc6750) {
  EXPECT_EQ(BearerChallenge(Status(ErrorCode::kAuthTokenMissing, "x")),
            "Bearer realm=\"trust-fabric\"");
  EXPECT_EQ(BearerChallenge(Status(ErrorCode::kAuthTokenExpired, "token \"expired\"")),
            "Bearer realm=\"trust-fabric\", error=\"invalid_token\", "
            "error_description=\"token expired\"");
  EXPECT_EQ(BearerChallenge(Status(ErrorCode::kAuthInsufficientScope, "x"), "verify:run"),
            "Bearer realm=\"trust-fabric\", error=\"insufficient_scope\", scope=\"verify:run\"");
}

}  // namespace
}  // namespace tf::server
