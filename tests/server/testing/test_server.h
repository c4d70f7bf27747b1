// File: tests/server/testing/test_server.h
//
// The real `proof serve` (ServerApp) on a loopback port for integration tests: a temporary data
// directory, a JWKS file holding freshly generated RSA, EC P-256 and Ed25519 keys, a FakeClock
// (token times, quotas and ledger times move only when the test says so), and helpers to mint
// tokens and open clients. Sockets and timeouts are real.
#ifndef TF_TESTS_SERVER_TESTING_TEST_SERVER_H_
#define TF_TESTS_SERVER_TESTING_TEST_SERVER_H_

#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "core/random.h"
#include "server/jwt_signer.h"
#include "server/server_app.h"
#include "testing/temp_dir.h"
#include "testing/test_client.h"
#include "testing/test_pki.h"

namespace tf::server::testing {

// 2026-11-21T12:00:00Z.
inline constexpr int64_t kTestEpochSeconds = 1'795'262'400;
inline constexpr char kIssuer[] = "https://idp.test/";
inline constexpr char kAudience[] = "trust-fabric";

using TempDir = ::tf::testing::TempDir;

struct TokenSpec {
  std::string tenant = "acme";
  std::string scope =
      "verify:run policy:compile policy:read evidence:write evidence:read ledger:read metrics:read";
  JwsAlgorithm alg = JwsAlgorithm::kEdDsa;
  int64_t lifetime_seconds = 3600;
  int64_t issued_offset_seconds = 0;  // iat/nbf relative to the clock
  std::string issuer = kIssuer;
  std::string audience = kAudience;
};

struct TestServerOptions {
  bool tls = false;
  bool mtls = false;
  std::vector<std::string> allowed_client_sans;
  TenantLimits quotas{100000, 100000, 100000000};
  std::map<std::string, TenantLimits, std::less<>> tenant_quotas;
  HttpLimits http;
  uint64_t max_body_bytes = 1 << 20;
  // Use this auth section instead of the generated JWKS file (e.g. a JWKS URL).
  std::function<void(AuthConfig&)> edit_auth;
  std::string packs_dir;  // shared packs
  bool start = true;
};

class TestServer {
 public:
  explicit TestServer(TestServerOptions options = {});
  ~TestServer();

  // (Re)starts the server on the same data directory.
  Status Start();
  void Stop();

  uint16_t port() const { return app_->port(); }
  ServerApp& app() { return *app_; }
  FakeClock& clock() { return clock_; }
  MetricsRegistry& metrics() { return *metrics_; }
  const std::string& data_dir() const { return data_.path(); }
  const std::string& dir() const { return files_.path(); }
  const TestCa& ca() const { return *ca_; }
  const ServerConfig& config() const { return config_; }
  std::string Log() const { return log_.str(); }

  // A token signed by the JWKS key for `spec.alg`.
  std::string Token(const TokenSpec& spec = {}) const;
  // The same claims signed by `signer` (a key the test controls).
  std::string TokenWith(const JwtSigner& signer, const TokenSpec& spec = {}) const;
  const JwtSigner& signer(JwsAlgorithm alg) const;
  // A client; with TLS it trusts the test CA and presents `client_cert` when given.
  std::unique_ptr<TestClient> Client(
      const std::optional<CertFiles>& client_cert = std::nullopt) const;

 private:
  TestServerOptions options_;
  TempDir files_;
  TempDir data_;
  FakeClock clock_;
  SeededRandom random_;
  std::ostringstream log_;
  std::unique_ptr<Logger> logger_;
  std::unique_ptr<MetricsRegistry> metrics_;
  std::unique_ptr<TestCa> ca_;
  std::vector<JwtSigner> signers_;  // RS256, ES256, EdDSA
  ServerConfig config_;
  std::unique_ptr<ServerApp> app_;
};

}  // namespace tf::server::testing

#endif  // TF_TESTS_SERVER_TESTING_TEST_SERVER_H_
