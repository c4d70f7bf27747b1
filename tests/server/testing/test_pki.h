// File: tests/server/testing/test_pki.h
//
// Certificates made at test time with OpenSSL: a CA, server certificates for localhost and
// client certificates with chosen subject alternative names, written as PEM files into a
// temporary directory for the server's TLS settings and the test client.
#ifndef TF_TESTS_SERVER_TESTING_TEST_PKI_H_
#define TF_TESTS_SERVER_TESTING_TEST_PKI_H_

#include <memory>
#include <string>
#include <vector>

namespace tf::server::testing {

struct CertFiles {
  std::string cert;  // PEM certificate
  std::string key;   // PEM private key
};

class TestCa {
 public:
  // A self-signed P-256 CA named `name`; files go under `dir`.
  TestCa(std::string dir, std::string name);
  ~TestCa();

  const std::string& ca_file() const { return ca_file_; }
  // A leaf certificate signed by this CA with `sans` ("DNS:localhost", "IP:127.0.0.1",
  // "URI:spiffe://…"), for server (`server`) or client use. `file_stem` names the files.
  CertFiles Issue(const std::string& file_stem, const std::string& common_name,
                  const std::vector<std::string>& sans, bool server, long serial = 2) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string dir_;
  std::string ca_file_;
};

}  // namespace tf::server::testing

#endif  // TF_TESTS_SERVER_TESTING_TEST_PKI_H_
