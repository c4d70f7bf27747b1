// File: server/https_fetcher.h
//
// `HttpsFetcher`: the JWKS fetcher for `jwks.url` — one HTTPS GET with Boost.Beast over
// OpenSSL, TLS 1.2+, the server certificate verified against the system trust store (or a
// configured CA file) and the URL's host name, one deadline for the whole exchange, a bounded
// response size, no redirects. Failures are kUnavailable naming the step that failed.
//
//   HttpsFetcher fetcher({.ca_file = "", .timeout_nanos = 5 * kNanosPerSecond});
//   Result<std::string> jwks = fetcher.Fetch("https://idp.example.com/.well-known/jwks.json");
//
// Thread safety: Fetch may be called concurrently (each call has its own connection).
#ifndef TF_SERVER_HTTPS_FETCHER_H_
#define TF_SERVER_HTTPS_FETCHER_H_

#include <cstdint>
#include <string>

#include "server/duration.h"
#include "server/jwk.h"
#include "server/jwks_provider.h"

namespace tf::server {

struct HttpsFetcherOptions {
  std::string ca_file;  // PEM trust anchors; empty for the system store
  int64_t timeout_nanos = 5 * kNanosPerSecond;
  uint64_t max_body_bytes = kMaxJwksBytes;
};

struct HttpsUrl {
  std::string host;
  std::string port = "443";
  std::string target = "/";
};

// Splits "https://host[:port]/path?query". kInvalidArgument for anything else (other schemes,
// user info, fragments, empty host).
Result<HttpsUrl> ParseHttpsUrl(const std::string& url);

class HttpsFetcher final : public JwksFetcher {
 public:
  explicit HttpsFetcher(HttpsFetcherOptions options) : options_(std::move(options)) {}
  Result<std::string> Fetch(const std::string& url) override;

 private:
  const HttpsFetcherOptions options_;
};

}  // namespace tf::server

#endif  // TF_SERVER_HTTPS_FETCHER_H_
