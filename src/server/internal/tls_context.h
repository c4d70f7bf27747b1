// File: server/internal/tls_context.h
//
// `TlsContextSource`: builds the listener's OpenSSL context from TlsSettings and swaps in a new
// one on Reload (SIGHUP), so renewed certificates take effect without a restart. A connection
// keeps the context it was accepted with (it holds a reference), so reloading drops nothing.
//
// Thread safety: Current and Reload may be called concurrently.
#ifndef TF_SERVER_INTERNAL_TLS_CONTEXT_H_
#define TF_SERVER_INTERNAL_TLS_CONTEXT_H_

#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "server/http_message.h"
#include "server/tls_settings.h"

typedef struct ssl_st SSL;
typedef struct x509_st X509;

namespace tf::server::internal {

using SslContextRef = std::shared_ptr<boost::asio::ssl::context>;

class TlsContextSource {
 public:
  // Builds the first context; kTlsConfigInvalid naming the file at fault.
  static Result<std::unique_ptr<TlsContextSource>> Create(TlsSettings settings);

  SslContextRef Current() const;
  // Re-reads the files; on failure the current context stays and the error is returned.
  Status Reload();
  const TlsSettings& settings() const { return settings_; }

 private:
  explicit TlsContextSource(TlsSettings settings) : settings_(std::move(settings)) {}
  static Result<SslContextRef> Build(const TlsSettings& settings);

  const TlsSettings settings_;
  mutable std::mutex mu_;
  SslContextRef current_;  // guarded by mu_
};

// The subject alternative names of `cert` as "DNS:…", "URI:…", "email:…", "IP:…".
std::vector<std::string> SubjectAltNames(X509* cert);
// What the handshake established about the peer of `ssl`.
PeerTls DescribePeer(SSL* ssl);

}  // namespace tf::server::internal

#endif  // TF_SERVER_INTERNAL_TLS_CONTEXT_H_
