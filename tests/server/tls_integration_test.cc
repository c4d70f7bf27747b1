// TLS and mutual TLS against the real server: TLS 1.2+ only, client certificates checked at the
// handshake (no certificate, unknown CA, SAN not allowed -> the handshake fails), and
// certificate reload without dropping open connections.
#include <openssl/ssl.h>

#include <fstream>

#include <gtest/gtest.h>

#include "testing/test_server.h"

namespace tf::server {
namespace {

using testing::HttpResult;
using testing::TestServer;
using testing::TestServerOptions;

// A refusal at the handshake shows up either as a failed handshake or (TLS 1.3, where the
// server checks the client's certificate after the client's handshake returned) as a request
// that gets no HTTP response.
bool Refused(testing::TestClient& client) {
  if (!client.Connect().ok()) return true;
  return !client.Get("/healthz").ok();
}

TEST(TlsIntegrationTest, ServesHttpsAndRefusesOldProtocols) {
  TestServerOptions o;
  o.tls = true;
  TestServer server(o);
  auto client = server.Client();
  Result<HttpResult> r = client->Get("/v1/checkpoint", server.Token());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(client->PeerSubject().find("CN=localhost"), std::string::npos);

  testing::TlsClientOptions old;
  old.ca_file = server.ca().ca_file();
  old.max_version = TLS1_1_VERSION;
  testing::TestClient legacy(server.port(), old);
  EXPECT_FALSE(legacy.Connect().ok());
  // Plain HTTP to the TLS port gets nothing useful.
  testing::TestClient plain(server.port());
  EXPECT_FALSE(plain.Get("/healthz").ok());
}

TEST(TlsIntegrationTest, MutualTlsRefusesMissingUnknownAndUnlistedClientCertificates) {
  TestServerOptions o;
  o.mtls = true;
  o.allowed_client_sans = {"URI:spiffe://test/gateway", "DNS:batch.internal"};
  TestServer server(o);

  auto no_cert = server.Client();
  EXPECT_TRUE(Refused(*no_cert));

  testing::TestCa rogue(server.dir(), "rogue");
  auto unknown_ca =
      server.Client(rogue.Issue("rogue-client", "gateway", {"URI:spiffe://test/gateway"}, false));
  EXPECT_TRUE(Refused(*unknown_ca));

  auto unlisted =
      server.Client(server.ca().Issue("other-client", "other", {"DNS:other.internal"}, false));
  EXPECT_TRUE(Refused(*unlisted));

  auto allowed = server.Client(
      server.ca().Issue("gw-client", "gateway", {"URI:spiffe://test/gateway"}, false));
  Result<HttpResult> r = allowed->Get("/v1/checkpoint", server.Token());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  // mTLS authenticates the connection; the bearer token still authorises the request.
  EXPECT_EQ(allowed->Get("/v1/checkpoint")->status, 401);
  EXPECT_NE(server.Log().find("\"client_cert\":\"/CN=gateway\""), std::string::npos);
  EXPECT_EQ(server.metrics().AddCounter("tls_handshake_failures_total", "").Value(), 3);
}

TEST(TlsIntegrationTest, MutualTlsWithoutAnAllowListAcceptsAnyCertificateOfTheCa) {
  TestServerOptions o;
  o.mtls = true;
  TestServer server(o);
  auto client = server.Client(server.ca().Issue("any-client", "any", {"DNS:any.internal"}, false));
  EXPECT_EQ(client->Get("/healthz")->status, 200);
}

TEST(TlsIntegrationTest, ReloadServesTheNewCertificateWithoutDroppingConnections) {
  TestServerOptions o;
  o.tls = true;
  TestServer server(o);
  auto before = server.Client();
  ASSERT_EQ(before->Get("/healthz")->status, 200);
  EXPECT_NE(before->PeerSubject().find("CN=localhost"), std::string::npos);

  // Renew the certificate in place (same paths), as a deployment tool would, then reload.
  testing::CertFiles renewed =
      server.ca().Issue("server", "localhost-renewed", {"DNS:localhost"}, true, 3);
  ASSERT_EQ(renewed.cert, server.config().tls.cert_file);
  ASSERT_TRUE(server.app().Reload().ok());

  // The open connection keeps working on its original session.
  Result<HttpResult> r = before->Get("/healthz");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  auto after = server.Client();
  ASSERT_EQ(after->Get("/healthz")->status, 200);
  EXPECT_NE(after->PeerSubject().find("CN=localhost-renewed"), std::string::npos);
}

TEST(TlsIntegrationTest, AFailedReloadKeepsTheOldCertificate) {
  TestServerOptions o;
  o.tls = true;
  TestServer server(o);
  {
    std::ofstream broken(server.config().tls.key_file, std::ios::trunc);
    broken << "not a key";
  }
  Status s = server.app().Reload();
  EXPECT_EQ(s.code(), ErrorCode::kTlsConfigInvalid);
  EXPECT_EQ(server.Client()->Get("/healthz")->status, 200);
}

}  // namespace
}  // namespace tf::server
