#include "testing/test_server.h"

#include <fstream>

#include "core/json.h"

namespace tf::server::testing {

TestServer::TestServer(TestServerOptions options)
    : options_(std::move(options)), clock_(kTestEpochSeconds * kNanosPerSecond), random_(20261121) {
  logger_ = std::make_unique<JsonLinesLogger>(log_, clock_);
  metrics_ = std::make_unique<MetricsRegistry>();
  ca_ = std::make_unique<TestCa>(files_.path(), "test");
  signers_.push_back(*JwtSigner::Generate(JwsAlgorithm::kRs256, "rsa-1"));
  signers_.push_back(*JwtSigner::Generate(JwsAlgorithm::kEs256, "ec-1"));
  signers_.push_back(*JwtSigner::Generate(JwsAlgorithm::kEdDsa, "ed-1"));
  std::vector<Value> keys;
  for (const JwtSigner& s : signers_)
    keys.push_back(*s.PublicJwk());
  const std::string jwks_file = files_.path() + "/jwks.json";
  std::ofstream(jwks_file) << ToJson(Value::Object({{Value::String("keys"), Value::Array(keys)}}));

  config_.listen = "127.0.0.1:0";
  config_.data_dir = data_.path();
  config_.threads = 2;
  AuthConfig auth;
  auth.issuer = kIssuer;
  auth.audiences = {kAudience};
  auth.clock_skew_nanos = 30 * kNanosPerSecond;
  auth.jwks.file = jwks_file;
  auth.route_scopes = DefaultRouteScopes();
  if (options_.edit_auth) options_.edit_auth(auth);
  config_.auth = auth;
  config_.quotas.defaults = options_.quotas;
  config_.quotas.per_tenant = options_.tenant_quotas;
  config_.limits.http = options_.http;
  config_.limits.max_body_bytes = options_.max_body_bytes;
  config_.limits.shutdown_grace_nanos = 5 * kNanosPerSecond;
  config_.packs_dir = options_.packs_dir;
  if (options_.tls || options_.mtls) {
    CertFiles server = ca_->Issue("server", "localhost", {"DNS:localhost", "IP:127.0.0.1"}, true);
    config_.tls.cert_file = server.cert;
    config_.tls.key_file = server.key;
  }
  if (options_.mtls) {
    config_.tls.client_ca_file = ca_->ca_file();
    config_.tls.allowed_client_sans = options_.allowed_client_sans;
  }
  if (options_.start) {
    Status s = Start();
    if (!s.ok()) throw std::runtime_error("server did not start: " + s.ToString());
  }
}

TestServer::~TestServer() {
  Stop();
}

Status TestServer::Start() {
  Stop();
  TF_ASSIGN_OR_RETURN(
      app_, ServerApp::Start(config_, ServeMode{},
                             ServerAppEnv{logger_.get(), metrics_.get(), &clock_, &random_}));
  return Status::Ok();
}

void TestServer::Stop() {
  if (app_) app_->Shutdown();
  app_.reset();
}

const JwtSigner& TestServer::signer(JwsAlgorithm alg) const {
  for (const JwtSigner& s : signers_) {
    if (s.alg() == alg) return s;
  }
  throw std::runtime_error("no signer");
}

std::string TestServer::Token(const TokenSpec& spec) const {
  return TokenWith(signer(spec.alg), spec);
}

std::string TestServer::TokenWith(const JwtSigner& signer, const TokenSpec& spec) const {
  const int64_t now = clock_.NowNanos() / kNanosPerSecond + spec.issued_offset_seconds;
  Value claims = Value::Object({{Value::String("iss"), Value::String(spec.issuer)},
                                {Value::String("aud"), Value::String(spec.audience)},
                                {Value::String("sub"), Value::String("svc-" + spec.tenant)},
                                {Value::String("tenant"), Value::String(spec.tenant)},
                                {Value::String("scope"), Value::String(spec.scope)},
                                {Value::String("iat"), Value::Int(now)},
                                {Value::String("nbf"), Value::Int(now)},
                                {Value::String("exp"), Value::Int(now + spec.lifetime_seconds)}});
  return *signer.Sign(claims);
}

std::unique_ptr<TestClient> TestServer::Client(const std::optional<CertFiles>& client_cert) const {
  if (!options_.tls && !options_.mtls) return std::make_unique<TestClient>(port());
  TlsClientOptions tls;
  tls.ca_file = ca_->ca_file();
  if (client_cert) {
    tls.cert_file = client_cert->cert;
    tls.key_file = client_cert->key;
  }
  return std::make_unique<TestClient>(port(), tls);
}

}  // namespace tf::server::testing
