// File: server/http_server.h
//
// `HttpServer`: the HTTP/1.1 listener (Boost.Beast), plain or TLS (optionally mutual). It owns
// connections and enforces the protocol limits — header size, per-route body size, a deadline
// for the whole request once its first byte arrived (slowloris), an idle timeout between
// keep-alive requests, a write timeout and a connection cap — and hands each complete request
// to a `RequestHandler`. It knows nothing about routes, auth or JSON.
//
//   TF_ASSIGN_OR_RETURN(std::unique_ptr<HttpServer> server,
//                       HttpServer::Start(options, handler, logger, metrics, clock));
//   server->port();                       // the bound port (options.port 0 picks one)
//   server->Shutdown(30 * kNanosPerSecond);  // stop accepting, finish requests in flight
//
// Thread safety: ReloadTls and Shutdown may be called from any thread; Shutdown once.
#ifndef TF_SERVER_HTTP_SERVER_H_
#define TF_SERVER_HTTP_SERVER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "core/status.h"
#include "server/duration.h"
#include "server/http_message.h"
#include "server/route_table.h"
#include "server/tls_settings.h"

namespace tf::server {

struct HttpLimits {
  uint32_t max_header_bytes = 16 * 1024;               // request line and headers together
  int64_t read_timeout_nanos = 10 * kNanosPerSecond;   // first byte -> whole request read
  int64_t idle_timeout_nanos = 60 * kNanosPerSecond;   // between keep-alive requests
  int64_t write_timeout_nanos = 10 * kNanosPerSecond;  // one response written
  size_t max_connections = 4096;
};

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  int threads = 2;
  HttpLimits limits;
  TlsSettings tls;
};

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // The largest body a request to `path` with `method` may carry; bigger ones get 413 before
  // their body is read.
  virtual uint64_t BodyLimit(std::string_view method, std::string_view path) const = 0;
  // Handles one complete request. `respond` must be called exactly once, from any thread;
  // `post` runs a task on the server's I/O threads, serialized with the connection's own work
  // (its strand), so a task that ends in `respond` has the response written without delay.
  virtual void Handle(HttpRequest request, Responder respond, const Poster& post) = 0;
};

class HttpServer {
 public:
  // Binds, listens and starts the I/O threads. `handler`, `logger`, `metrics` and `clock` are
  // not owned and must outlive the server. kUnavailable when the address cannot be bound;
  // kTlsConfigInvalid for unusable TLS files.
  static Result<std::unique_ptr<HttpServer>> Start(HttpServerOptions options,
                                                   RequestHandler& handler, Logger& logger,
                                                   MetricsRegistry& metrics, const Clock& clock);
  // Shuts down (with no grace) if Shutdown was not called.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  uint16_t port() const;
  bool tls() const;
  // Re-reads the TLS certificate, key and CA files for new connections; open connections keep
  // theirs. On failure the old files stay in use and the error is returned.
  Status ReloadTls();
  // Stops accepting, closes idle keep-alive connections, lets requests in flight finish and
  // their responses go out (with Connection: close), waits up to `grace_nanos` for that, then
  // closes what is left and stops the I/O threads.
  void Shutdown(int64_t grace_nanos);
  size_t open_connections() const;

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tf::server

#endif  // TF_SERVER_HTTP_SERVER_H_
