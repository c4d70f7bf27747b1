#include "rego/builtins/builtin_test_util.h"
#include "rego/builtins/test_keys.h"

namespace tf::rego::testing {
namespace {

Value S(std::string_view s) {
  return Value::String(s);
}
const Value kTrue = Value::Bool(true);
const Value kFalse = Value::Bool(false);

std::string ErrorOf(BuiltinHarness& h, std::string_view name, std::vector<Value> args) {
  Result<Value> r = h.Call(name, std::move(args));
  EXPECT_FALSE(r.ok()) << name << " unexpectedly returned " << (r.ok() ? ToJson(*r) : "");
  return r.ok() ? "" : std::string(r.status().message());
}

// {"alg":"HS256","typ":"JWT"}.{"sub":"0","iss":"opa"} signed with "secret"... by OPA's tests.
constexpr std::string_view kHs256Token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwIiwiaXNzIjoib3BhIn0."
    "XmVoLoHI3pxMtMO_WRONMSJzGUDP9pDjy8Jp0_tdRXY";

// RFC 7515 Appendix A.1's HMAC key.
constexpr std::string_view kRfcOctKey =
    R"({"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"})";

class JwtBuiltinsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa_ = GenerateRsa().release();
    other_rsa_ = GenerateRsa().release();
    ec256_ = GenerateEc("P-256").release();
    ec384_ = GenerateEc("P-384").release();
    ec521_ = GenerateEc("P-521").release();
    ed_ = GenerateEd25519().release();
  }
  static void TearDownTestSuite() {
    for (EVP_PKEY* k : {rsa_, other_rsa_, ec256_, ec384_, ec521_, ed_})
      EVP_PKEY_free(k);
  }

  // Signs `payload` with `header` using the private JWK of `key`.
  std::string Sign(EVP_PKEY* key, std::string_view header, std::string_view payload) {
    Value token = CallOk(h_, "io.jwt.encode_sign_raw", {S(header), S(payload), S(Jwk(key, true))});
    return token.is_string() ? token.string() : "";
  }

  static EVP_PKEY* rsa_;
  static EVP_PKEY* other_rsa_;
  static EVP_PKEY* ec256_;
  static EVP_PKEY* ec384_;
  static EVP_PKEY* ec521_;
  static EVP_PKEY* ed_;
  BuiltinHarness h_;
};

EVP_PKEY* JwtBuiltinsTest::rsa_ = nullptr;
EVP_PKEY* JwtBuiltinsTest::other_rsa_ = nullptr;
EVP_PKEY* JwtBuiltinsTest::ec256_ = nullptr;
EVP_PKEY* JwtBuiltinsTest::ec384_ = nullptr;
EVP_PKEY* JwtBuiltinsTest::ec521_ = nullptr;
EVP_PKEY* JwtBuiltinsTest::ed_ = nullptr;

TEST_F(JwtBuiltinsTest, DecodeSplitsWithoutVerifying) {
  EXPECT_EQ(CallOk(h_, "io.jwt.decode", {S(kHs256Token)}),
            J(R"([{"alg": "HS256", "typ": "JWT"}, {"iss": "opa", "sub": "0"},
                  "5e65682e81c8de9c4cb4c3bf59138d3122731940cff690e3cbc269d3fb5d4576"])"));
}

TEST_F(JwtBuiltinsTest, DecodeFollowsNestedTokens) {
  // cty "JWT": the payload is the (quoted) inner token.
  const std::string inner = "\"" + std::string(kHs256Token) + "\"";
  const std::string outer =
      B64Url(R"({"alg":"HS256","typ":"JWT","cty":"JWT"})") + "." + B64Url(inner) + ".c2ln";
  EXPECT_EQ(CallOk(h_, "io.jwt.decode", {S(outer)}), CallOk(h_, "io.jwt.decode", {S(kHs256Token)}));
}

TEST_F(JwtBuiltinsTest, DecodeErrorsMatchOpa) {
  EXPECT_EQ(ErrorOf(h_, "io.jwt.decode", {S("abc")}),
            "io.jwt.decode: encoded JWT had no period separators");
  EXPECT_EQ(ErrorOf(h_, "io.jwt.decode", {S("a.b")}),
            "io.jwt.decode: encoded JWT must have 3 sections, found 2");
  EXPECT_EQ(ErrorOf(h_, "io.jwt.decode",
                    {S("eyJhbGciOiJIU^%zI1NiI+sInR5cCI6IkpXVCJ9.eyJzdWIiOiIwIn0.c2ln")}),
            "io.jwt.decode: JWT header had invalid encoding: illegal base64 data at input byte 13");
  EXPECT_EQ(ErrorOf(h_, "io.jwt.decode", {S(B64Url(R"({"alg":"HS256","enc":"x"})") + ".e30.c2ln")}),
            "io.jwt.decode: JWT is a JWE object, which is not supported");
  EXPECT_EQ(ErrorOf(h_, "io.jwt.decode", {S(B64Url("[1]") + ".e30.c2ln")}),
            "io.jwt.decode: bad JWT header: decoded JSON type was not an Object");
}

TEST_F(JwtBuiltinsTest, VerifyHmac) {
  EXPECT_EQ(CallOk(h_, "io.jwt.verify_hs256", {S(kHs256Token), S("secret")}), kTrue);
  EXPECT_EQ(CallOk(h_, "io.jwt.verify_hs256", {S(kHs256Token), S("wrong")}), kFalse);
  EXPECT_EQ(CallOk(h_, "io.jwt.verify_hs384", {S(kHs256Token), S("secret")}), kFalse);
}

TEST_F(JwtBuiltinsTest, EncodeSignMatchesRfc7515AppendixA1) {
  EXPECT_EQ(CallOk(h_, "io.jwt.encode_sign_raw",
                   {S("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}"),
                    S("{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n "
                      "\"http://example.com/is_root\":true}"),
                    S(kRfcOctKey)}),
            S("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzOD"
              "AsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_"
              "wW1gFWFOEjXk"));
  EXPECT_EQ(
      CallOk(h_, "io.jwt.encode_sign",
             {J(R"({"alg": "HS256", "typ": "JWT"})"), J("{}"), J(kRfcOctKey)}),
      S("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.6cvao8lnOu6FAdK68jQFcDMXOmaWNwWiYhCgijd-AD8"));
}

TEST_F(JwtBuiltinsTest, EncodeSignHeaderAndPayloadErrors) {
  const Value key = S(kRfcOctKey);
  EXPECT_EQ(ErrorOf(h_, "io.jwt.encode_sign_raw", {S("{}"), S("{}"), key}),
            "io.jwt.encode_sign_raw: missing or invalid 'alg' header: jwsbb: header \"alg\" not "
            "found");
  EXPECT_EQ(ErrorOf(h_, "io.jwt.encode_sign_raw", {S(""), S("{}"), key}),
            "io.jwt.encode_sign_raw: missing or invalid 'alg' header: cannot parse JSON: cannot "
            "parse empty string");
  EXPECT_EQ(ErrorOf(h_, "io.jwt.encode_sign_raw", {S(R"({"alg":"none"})"), S("{}"), key}),
            "io.jwt.encode_sign_raw: unknown JWS algorithm: none");
  EXPECT_EQ(
      ErrorOf(h_, "io.jwt.encode_sign_raw", {S(R"({"typ":"JWT","alg":"HS256"})"), S("e"), key}),
      "io.jwt.encode_sign_raw: type is JWT but payload is not JSON");
  EXPECT_EQ(
      CallOk(h_, "io.jwt.encode_sign_raw", {S(R"({"typ":"text/plain","alg":"HS256"})"), S(""), key})
          .string()
          .substr(0, 48),
      "eyJ0eXAiOiJ0ZXh0L3BsYWluIiwiYWxnIjoiSFMyNTYifQ..");
}

TEST_F(JwtBuiltinsTest, AsymmetricSignaturesVerifyWithPemAndJwk) {
  struct Case {
    EVP_PKEY* key;
    const char* alg;
    const char* verifier;
  };
  const Case cases[] = {
      {rsa_, "RS256", "io.jwt.verify_rs256"},   {rsa_, "RS384", "io.jwt.verify_rs384"},
      {rsa_, "RS512", "io.jwt.verify_rs512"},   {rsa_, "PS256", "io.jwt.verify_ps256"},
      {rsa_, "PS384", "io.jwt.verify_ps384"},   {rsa_, "PS512", "io.jwt.verify_ps512"},
      {ec256_, "ES256", "io.jwt.verify_es256"}, {ec384_, "ES384", "io.jwt.verify_es384"},
      {ec521_, "ES512", "io.jwt.verify_es512"}, {ed_, "EdDSA", "io.jwt.verify_eddsa"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.alg);
    const std::string token =
        Sign(c.key, std::string(R"({"alg":")") + c.alg + R"(","typ":"JWT"})", R"({"sub":"x"})");
    X509Ptr cert = MakeCert(c.key, nullptr, nullptr, {});
    EXPECT_EQ(CallOk(h_, c.verifier, {S(token), S(PublicKeyPem(c.key))}), kTrue);
    EXPECT_EQ(CallOk(h_, c.verifier, {S(token), S(CertPem(cert.get()))}), kTrue);
    EXPECT_EQ(CallOk(h_, c.verifier, {S(token), S(Jwk(c.key, false))}), kTrue);
    EXPECT_EQ(CallOk(h_, c.verifier, {S(token), S(PublicKeyPem(other_rsa_))}), kFalse);
    // A flipped signature byte fails.
    std::string tampered = token;
    tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
    EXPECT_EQ(CallOk(h_, c.verifier, {S(tampered), S(PublicKeyPem(c.key))}), kFalse);
  }
}

TEST_F(JwtBuiltinsTest, KeyErrorsMatchOpa) {
  const std::string token = Sign(rsa_, R"({"alg":"RS256"})", "{}");
  const std::string pem = PublicKeyPem(rsa_);
  EXPECT_EQ(ErrorOf(h_, "io.jwt.verify_rs256", {S(token), S(pem + "EXTRA")}),
            "io.jwt.verify_rs256: extra data after a PEM certificate block");
  EXPECT_EQ(ErrorOf(h_, "io.jwt.verify_rs256",
                    {S(token), S("-----BEGIN CERT-----\nAAAA\n-----END CERT-----")}),
            "io.jwt.verify_rs256: failed to extract a Key from the PEM certificate");
  EXPECT_EQ(ErrorOf(h_, "io.jwt.verify_rs256",
                    {S(token), S("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")})
                .substr(0, 54),
            "io.jwt.verify_rs256: failed to parse a PEM certificate");
  EXPECT_EQ(ErrorOf(h_, "io.jwt.verify_rs256", {S(token), S(R"({"kty":"bogus"})")}).substr(0, 52),
            "io.jwt.verify_rs256: failed to parse a JWK key (set)");
}

TEST_F(JwtBuiltinsTest, DecodeVerifyChecksSignatureAndClaims) {
  const std::string cert = CertPem(MakeCert(rsa_, nullptr, nullptr, {}).get());
  const std::string token = Sign(rsa_, R"({"alg":"RS256","typ":"JWT"})",
                                 R"({"iss":"xxx","aud":"fred","exp":3000,"nbf":1000})");
  auto verify = [&](const std::string& constraints) {
    Value c = J(constraints);
    std::vector<ObjectEntry> entries(c.object().begin(), c.object().end());
    entries.emplace_back(S("cert"), S(cert));
    return CallOk(h_, "io.jwt.decode_verify", {S(token), Value::Object(entries)});
  };
  const Value ok = J(R"([true, {"alg": "RS256", "typ": "JWT"},
                        {"aud": "fred", "exp": 3000, "iss": "xxx", "nbf": 1000}])");
  const Value unverified = J("[false, {}, {}]");
  EXPECT_EQ(verify(R"({"aud": "fred", "time": 2000000000000})"), ok);
  EXPECT_EQ(verify(R"({"aud": "fred", "iss": "xxx", "alg": "RS256", "time": 2000000000000})"), ok);
  EXPECT_EQ(verify(R"({"aud": "fred", "time": 3000000000000})"), unverified);  // exp == now
  EXPECT_EQ(verify(R"({"aud": "fred", "time": 999999999999})"), unverified);   // before nbf
  EXPECT_EQ(verify(R"({"time": 2000000000000})"), unverified);                 // aud not asked
  EXPECT_EQ(verify(R"({"aud": "bob", "time": 2000000000000})"), unverified);
  EXPECT_EQ(verify(R"({"aud": "fred", "iss": "yyy", "time": 2000000000000})"), unverified);
  EXPECT_EQ(verify(R"({"aud": "fred", "alg": "RS512", "time": 2000000000000})"), unverified);
}

TEST_F(JwtBuiltinsTest, DecodeVerifyFailsClosed) {
  const std::string pem = PublicKeyPem(rsa_);
  const Value unverified = J("[false, {}, {}]");
  auto decode_verify = [&](const std::string& token, Value constraints) {
    return CallOk(h_, "io.jwt.decode_verify", {S(token), constraints});
  };
  const Value cert = Value::Object({{S("cert"), S(pem)}});
  // alg "none" with an empty signature.
  EXPECT_EQ(decode_verify(B64Url(R"({"alg":"none"})") + "." + B64Url("{}") + ".", cert),
            unverified);
  // Algorithm confusion: an HS256 token keyed with the RSA public key's PEM text.
  const std::string confused =
      CallOk(h_, "io.jwt.encode_sign_raw",
             {S(R"({"alg":"HS256"})"), S("{}"), S(R"({"kty":"oct","k":")" + B64Url(pem) + "\"}")})
          .string();
  EXPECT_EQ(decode_verify(confused, cert), unverified);
  // An unknown critical header parameter.
  const std::string crit = Sign(rsa_, R"({"alg":"RS256","crit":["junk"],"junk":1})", "{}");
  EXPECT_EQ(decode_verify(crit, cert), unverified);
  // A JWKS whose matching kid carries the wrong key.
  const std::string kid_token = Sign(rsa_, R"({"alg":"RS256","kid":"k1"})", "{}");
  const std::string jwks = "{\"keys\":[" + Jwk(other_rsa_, false, ",\"kid\":\"k1\"") + "," +
                           Jwk(rsa_, false, ",\"kid\":\"k2\"") + "]}";
  EXPECT_EQ(decode_verify(kid_token, Value::Object({{S("cert"), S(jwks)}})), unverified);
  EXPECT_EQ(
      decode_verify(Sign(rsa_, R"({"alg":"RS256"})", "{}"), Value::Object({{S("cert"), S(jwks)}}))
          .array()[0],
      kTrue);
}

TEST_F(JwtBuiltinsTest, DecodeVerifyConstraintErrors) {
  const Value token = S(kHs256Token);
  EXPECT_EQ(ErrorOf(h_, "io.jwt.decode_verify", {token, J("{}")}),
            "io.jwt.decode_verify: no key constraint");
  EXPECT_EQ(ErrorOf(h_, "io.jwt.decode_verify",
                    {token, J(R"({"secret": "a", "cert": "{\"kty\":\"oct\",\"k\":\"YQ\"}"})")}),
            "io.jwt.decode_verify: duplicate key constraints");
  EXPECT_EQ(ErrorOf(h_, "io.jwt.decode_verify", {token, J(R"({"secret": "a", "bogus": 1})")}),
            "io.jwt.decode_verify: unknown token validation constraint: bogus");
  EXPECT_EQ(ErrorOf(h_, "io.jwt.decode_verify", {token, J(R"({"secret": "a", "time": -1})")}),
            "io.jwt.decode_verify: token time constraint: must not be negative");
  const std::string bad_exp =
      CallOk(h_, "io.jwt.encode_sign",
             {J(R"({"alg": "HS256"})"), J(R"({"exp": null})"), J(R"({"kty": "oct", "k": "NDI"})")})
          .string();
  EXPECT_EQ(ErrorOf(h_, "io.jwt.decode_verify", {S(bad_exp), J(R"({"secret": "42"})")}),
            "io.jwt.decode_verify: exp value must be a number");
}

TEST_F(JwtBuiltinsTest, DecodeVerifyComparesFloatTimes) {
  // nbf 1589385770.1234 s against times just before and after it.
  const std::string token = CallOk(h_, "io.jwt.encode_sign_raw",
                                   {S(R"({"alg":"HS256"})"), S(R"({"nbf":1.5893857701234e+09})"),
                                    S(R"({"kty":"oct","k":"c2VjcmV0"})")})
                                .string();
  auto valid_at = [&](int64_t ns) {
    return CallOk(
               h_, "io.jwt.decode_verify",
               {S(token), Value::Object({{S("secret"), S("secret")}, {S("time"), Value::Int(ns)}})})
        .array()[0];
  };
  EXPECT_EQ(valid_at(1589385770023400000), kFalse);
  EXPECT_EQ(valid_at(1589385770124400000), kTrue);
}

}  // namespace
}  // namespace tf::rego::testing
