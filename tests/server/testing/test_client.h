// File: tests/server/testing/test_client.h
//
// A small HTTP/1.1 client for the integration tests (Boost.Beast over a real loopback socket),
// plain or TLS with an optional client certificate. One connection, kept alive across requests
// until the server closes it. Every operation has a deadline, so a server bug fails the test
// instead of hanging it.
#ifndef TF_TESTS_SERVER_TESTING_TEST_CLIENT_H_
#define TF_TESTS_SERVER_TESTING_TEST_CLIENT_H_

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"

namespace tf::server::testing {

struct TlsClientOptions {
  std::string ca_file;    // trust anchor for the server certificate
  std::string cert_file;  // client certificate (mTLS); empty for none
  std::string key_file;
  int max_version = 0;  // e.g. TLS1_1_VERSION to test refusal; 0 for the default
  std::string server_name = "localhost";
};

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool keep_alive = true;

  Value Json() const;  // the body parsed (null when it is not JSON)
  std::string Header(const std::string& name) const;
};

class TestClient {
 public:
  TestClient(uint16_t port, std::optional<TlsClientOptions> tls = std::nullopt,
             std::chrono::milliseconds deadline = std::chrono::milliseconds(10000));
  ~TestClient();

  // Connects (and handshakes) if not connected. The handshake error when TLS refuses us.
  Status Connect();
  Result<HttpResult> Request(const std::string& method, const std::string& target,
                             const std::vector<std::pair<std::string, std::string>>& headers = {},
                             const std::string& body = "");
  // Convenience: Request with "Authorization: Bearer <token>".
  Result<HttpResult> Get(const std::string& target, const std::string& token = "");
  Result<HttpResult> Post(const std::string& target, const std::string& token,
                          const std::string& body,
                          const std::string& content_type = "application/json");

  // Raw bytes, for protocol tests.
  Status SendRaw(const std::string& bytes);
  // Reads one response (as Request does, without sending).
  Result<HttpResult> ReadResponse();
  // True when the server closed the connection (reads EOF) within the deadline.
  bool ServerClosed();
  // The peer certificate's subject, after a TLS handshake.
  std::string PeerSubject() const;
  void Close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tf::server::testing

#endif  // TF_TESTS_SERVER_TESTING_TEST_CLIENT_H_
