#include "rego/builtins/builtin_test_util.h"
#include "rego/builtins/test_keys.h"

namespace tf::rego::testing {
namespace {

Value S(std::string_view s) {
  return Value::String(s);
}

std::string ErrorOf(BuiltinHarness& h, std::string_view name, std::vector<Value> args) {
  Result<Value> r = h.Call(name, std::move(args));
  EXPECT_FALSE(r.ok()) << name << " unexpectedly returned " << (r.ok() ? ToJson(*r) : "");
  return r.ok() ? "" : std::string(r.status().message());
}

std::string Der(X509* cert) {
  unsigned char* out = nullptr;
  const int len = i2d_X509(cert, &out);
  std::string der(reinterpret_cast<char*>(out), static_cast<size_t>(len));
  OPENSSL_free(out);
  return der;
}

// A root CA, an intermediate CA and a leaf for "leaf.example.com", generated once.
class CryptoX509BuiltinsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_key_ = GenerateEc("P-256").release();
    mid_key_ = GenerateEc("P-256").release();
    leaf_key_ = GenerateRsa().release();
    root_ = MakeCert(root_key_, nullptr, nullptr,
                     {.common_name = "Test Root", .is_ca = true, .serial = 1})
                .release();
    mid_ = MakeCert(mid_key_, root_key_, root_,
                    {.common_name = "Test Intermediate", .is_ca = true, .serial = 2})
               .release();
    leaf_ = MakeCert(leaf_key_, mid_key_, mid_,
                     {.common_name = "leaf.example.com",
                      .dns_names = {"leaf.example.com"},
                      .uris = {"spiffe://example.com/opa"},
                      .serial = 1234567890123456789})
                .release();
  }
  static void TearDownTestSuite() {
    for (X509* c : {root_, mid_, leaf_})
      X509_free(c);
    for (EVP_PKEY* k : {root_key_, mid_key_, leaf_key_})
      EVP_PKEY_free(k);
  }
  static std::string Chain() { return CertPem(root_) + CertPem(mid_) + CertPem(leaf_); }

  static EVP_PKEY *root_key_, *mid_key_, *leaf_key_;
  static X509 *root_, *mid_, *leaf_;
  BuiltinHarness h_;
};

EVP_PKEY* CryptoX509BuiltinsTest::root_key_ = nullptr;
EVP_PKEY* CryptoX509BuiltinsTest::mid_key_ = nullptr;
EVP_PKEY* CryptoX509BuiltinsTest::leaf_key_ = nullptr;
X509* CryptoX509BuiltinsTest::root_ = nullptr;
X509* CryptoX509BuiltinsTest::mid_ = nullptr;
X509* CryptoX509BuiltinsTest::leaf_ = nullptr;

TEST_F(CryptoX509BuiltinsTest, ParsesPemBase64PemAndBase64Der) {
  const std::string pem = CertPem(leaf_);
  for (const std::string& input : {pem, Base64Encode(pem), Base64Encode(Der(leaf_))}) {
    Value certs = CallOk(h_, "crypto.x509.parse_certificates", {S(input)});
    ASSERT_TRUE(certs.is_array() && certs.size() == 1) << ToJson(certs).substr(0, 200);
    const Value& c = certs.array()[0];
    EXPECT_EQ(*c.Find("Subject")->Find("CommonName"), S("leaf.example.com"));
    EXPECT_EQ(*c.Find("Issuer")->Find("CommonName"), S("Test Intermediate"));
    EXPECT_EQ(*c.Find("Subject")->Find("Organization"), J(R"(["Trust Fabric"])"));
    EXPECT_EQ(*c.Find("DNSNames"), J(R"(["leaf.example.com"])"));
    EXPECT_EQ(*c.Find("URIStrings"), J(R"(["spiffe://example.com/opa"])"));
    EXPECT_EQ(*c.Find("URIs")->array()[0].Find("Host"), S("example.com"));
    EXPECT_EQ(*c.Find("SerialNumber"), J("1234567890123456789"));
    EXPECT_EQ(*c.Find("Version"), Value::Int(3));
    EXPECT_EQ(*c.Find("IsCA"), Value::Bool(false));
    EXPECT_EQ(*c.Find("BasicConstraintsValid"), Value::Bool(true));
    EXPECT_EQ(*c.Find("KeyUsage"), Value::Int(1));             // DigitalSignature
    EXPECT_EQ(*c.Find("PublicKeyAlgorithm"), Value::Int(1));   // RSA
    EXPECT_EQ(*c.Find("SignatureAlgorithm"), Value::Int(10));  // ECDSAWithSHA256
    EXPECT_EQ(*c.Find("PublicKey")->Find("E"), Value::Int(65537));
    EXPECT_EQ(*c.Find("Raw"), S(Base64Encode(Der(leaf_))));
  }
  Value chain = CallOk(h_, "crypto.x509.parse_certificates", {S(Chain())});
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_EQ(*chain.array()[0].Find("IsCA"), Value::Bool(true));
  EXPECT_EQ(*chain.array()[0].Find("URIStrings"), Value::Null());
}

TEST_F(CryptoX509BuiltinsTest, CertificateErrorsMatchOpa) {
  EXPECT_EQ(ErrorOf(h_, "crypto.x509.parse_certificates", {S("YmFkc3RyaW5n")}),
            "crypto.x509.parse_certificates: x509: malformed certificate");
  EXPECT_EQ(ErrorOf(h_, "crypto.x509.parse_certificates", {S("foobar")}),
            "crypto.x509.parse_certificates: illegal base64 data at input byte 4");
  EXPECT_EQ(ErrorOf(h_, "crypto.x509.parse_certificates", {S(PublicKeyPem(leaf_key_))}),
            "crypto.x509.parse_certificates: PEM block type is 'PUBLIC KEY', expected CERTIFICATE");
}

TEST_F(CryptoX509BuiltinsTest, VerifiesChainsRootFirst) {
  Value v = CallOk(h_, "crypto.x509.parse_and_verify_certificates", {S(Chain())});
  ASSERT_EQ(v.array()[0], Value::Bool(true));
  std::vector<Value> names;
  for (const Value& c : v.array()[1].array())
    names.push_back(*c.Find("Subject")->Find("CommonName"));
  EXPECT_EQ(Value::Array(names), J(R"(["leaf.example.com", "Test Intermediate", "Test Root"])"));
  const Value failed = J("[false, []]");
  // Leaf first, a missing intermediate, a lone certificate, garbage.
  EXPECT_EQ(CallOk(h_, "crypto.x509.parse_and_verify_certificates",
                   {S(CertPem(leaf_) + CertPem(mid_) + CertPem(root_))}),
            failed);
  EXPECT_EQ(
      CallOk(h_, "crypto.x509.parse_and_verify_certificates", {S(CertPem(root_) + CertPem(leaf_))}),
      failed);
  EXPECT_EQ(CallOk(h_, "crypto.x509.parse_and_verify_certificates", {S(CertPem(root_))}), failed);
  EXPECT_EQ(CallOk(h_, "crypto.x509.parse_and_verify_certificates", {S("foobar")}), failed);
  // Verification uses the evaluation clock: far in the future the certificates have expired.
  h_.ctx.now_ns = 4000000000000000000;
  EXPECT_EQ(CallOk(h_, "crypto.x509.parse_and_verify_certificates", {S(Chain())}), failed);
}

TEST_F(CryptoX509BuiltinsTest, VerifyWithOptions) {
  auto verify = [&](const std::string& options) {
    return CallOk(h_, "crypto.x509.parse_and_verify_certificates_with_options",
                  {S(Chain()), J(options)})
        .array()[0];
  };
  EXPECT_EQ(verify(R"({"DNSName": "leaf.example.com"})"), Value::Bool(true));
  EXPECT_EQ(verify(R"({"DNSName": "other.example.com"})"), Value::Bool(false));
  EXPECT_EQ(verify(R"({"CurrentTime": 4000000000000000000})"), Value::Bool(false));
  EXPECT_EQ(verify(R"({"KeyUsages": ["KeyUsageAny"]})"), Value::Bool(true));
  EXPECT_EQ(ErrorOf(h_, "crypto.x509.parse_and_verify_certificates_with_options",
                    {S(Chain()), J(R"({"KeyUsages": ["Bogus"]})")}),
            "crypto.x509.parse_and_verify_certificates_with_options: invalid entries for "
            "'KeyUsages' found: [Bogus]");
  EXPECT_EQ(ErrorOf(h_, "crypto.x509.parse_and_verify_certificates_with_options",
                    {S(Chain()), J(R"({"x": 1})")}),
            "crypto.x509.parse_and_verify_certificates_with_options: invalid key option");
}

TEST_F(CryptoX509BuiltinsTest, ParsesKeyPairs) {
  Value pair = CallOk(h_, "crypto.x509.parse_keypair",
                      {S(CertPem(leaf_)), S(PrivateKeyPkcs8Pem(leaf_key_))});
  EXPECT_EQ(*pair.Find("Certificate"), Value::Array({S(Base64Encode(Der(leaf_)))}));
  EXPECT_EQ(*pair.Find("Leaf")->Find("Subject")->Find("CommonName"), S("leaf.example.com"));
  EXPECT_EQ(*pair.Find("PrivateKey")->Find("E"), Value::Int(65537));
  // Base64 of the PEM texts is accepted too.
  EXPECT_EQ(
      CallOk(h_, "crypto.x509.parse_keypair",
             {S(Base64Encode(CertPem(leaf_))), S(Base64Encode(PrivateKeyPkcs8Pem(leaf_key_)))}),
      pair);
  EXPECT_EQ(ErrorOf(h_, "crypto.x509.parse_keypair",
                    {S(CertPem(leaf_)), S(PrivateKeyPkcs8Pem(mid_key_))}),
            "crypto.x509.parse_keypair: tls: private key does not match public key");
}

TEST_F(CryptoX509BuiltinsTest, PrivateKeysAsJwkAndGoStructs) {
  const Value jwk =
      CallOk(h_, "crypto.x509.parse_rsa_private_key", {S(PrivateKeyPkcs8Pem(leaf_key_))});
  EXPECT_EQ(jwk, J(Jwk(leaf_key_, true)));
  EXPECT_EQ(CallOk(h_, "crypto.x509.parse_rsa_private_key",
                   {S(Base64Encode(PrivateKeyPkcs8Pem(mid_key_)))}),
            J(Jwk(mid_key_, true)));
  EXPECT_EQ(ErrorOf(h_, "crypto.x509.parse_rsa_private_key", {S("invalid")}),
            "crypto.x509.parse_rsa_private_key: illegal base64 data at input byte 4");
  Value keys =
      CallOk(h_, "crypto.parse_private_keys",
             {S(PrivateKeyPkcs8Pem(leaf_key_) + CertPem(root_) + PrivateKeyPkcs8Pem(mid_key_))});
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_TRUE(keys.array()[0].Find("Primes") != nullptr);
  EXPECT_TRUE(keys.array()[1].Find("D") != nullptr);
  EXPECT_EQ(CallOk(h_, "crypto.parse_private_keys", {S("nope")}), J("[]"));
  EXPECT_EQ(CallOk(h_, "crypto.parse_private_keys", {S("")}), Value::Null());
}

TEST_F(CryptoX509BuiltinsTest, ParsesCertificateRequests) {
  X509_REQ* req = X509_REQ_new();
  X509_REQ_set_version(req, 0);
  X509_NAME_add_entry_by_txt(X509_REQ_get_subject_name(req), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("example.com"), -1, -1, 0);
  X509_REQ_set_pubkey(req, leaf_key_);
  X509_REQ_sign(req, leaf_key_, EVP_sha256());
  const std::string pem = ToPem([&](BIO* b) { PEM_write_bio_X509_REQ(b, req); });
  unsigned char* der = nullptr;
  const int der_len = i2d_X509_REQ(req, &der);
  const std::string der_b64 =
      Base64Encode(std::span<const uint8_t>(der, static_cast<size_t>(der_len)));
  OPENSSL_free(der);
  X509_REQ_free(req);
  for (const std::string& input : {pem, Base64Encode(pem), der_b64}) {
    Value csr = CallOk(h_, "crypto.x509.parse_certificate_request", {S(input)});
    EXPECT_EQ(*csr.Find("Subject")->Find("CommonName"), S("example.com"));
    EXPECT_EQ(*csr.Find("PublicKeyAlgorithm"), Value::Int(1));
  }
  EXPECT_EQ(ErrorOf(h_, "crypto.x509.parse_certificate_request", {S("YmFkc3RyaW5n")}).substr(0, 60),
            "crypto.x509.parse_certificate_request: asn1: structure error");
  EXPECT_EQ(
      ErrorOf(h_, "crypto.x509.parse_certificate_request", {S(Base64Encode(CertPem(root_)))}),
      "crypto.x509.parse_certificate_request: invalid PEM-encoded certificate signing request");
}

}  // namespace
}  // namespace tf::rego::testing
