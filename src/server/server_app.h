// File: server/server_app.h
//
// `ServerApp`: `proof serve` assembled — the embedded RocksDB store and ledger in the data
// directory, the checkpoint signing key, authentication (the configured JWKS, or development
// mode's local key), tenant limits, the routes, the dispatcher and the listener. The CLI creates
// the logger, metrics, clock and randomness and passes them in.
//
//   TF_ASSIGN_OR_RETURN(auto app, ServerApp::Start(config, {.dev = false}, env));
//   app->port();       // bound port
//   app->Reload();     // SIGHUP: TLS files and JWKS
//   app->Shutdown();   // SIGTERM: drain, finish requests in flight, flush the ledger
//
// Data directory layout: ledger/ (RocksDB), keys/checkpoint.key and keys/checkpoint.pub,
// packs/ (uploaded packs, see pack_store.h).
#ifndef TF_SERVER_SERVER_APP_H_
#define TF_SERVER_SERVER_APP_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "core/random.h"
#include "core/status.h"
#include "server/server_config.h"

namespace tf::server {

struct ServerAppEnv {
  // Not owned; must outlive the app.
  Logger* logger = nullptr;
  MetricsRegistry* metrics = nullptr;
  const Clock* clock = nullptr;
  RandomSource* random = nullptr;
};

struct ServeMode {
  // Development mode: local signing key and printed token instead of the configured JWKS.
  bool dev = false;
};

class ServerApp {
 public:
  // Fails (and starts nothing) when the config is unusable: no auth outside dev mode, a route
  // without a scope, unreadable TLS files, a data directory another process holds.
  static Result<std::unique_ptr<ServerApp>> Start(ServerConfig config, ServeMode mode,
                                                  ServerAppEnv env);
  ~ServerApp();

  uint16_t port() const;
  bool tls() const;
  // Development mode's bearer token; empty otherwise.
  const std::string& dev_token() const;
  // "METHOD /pattern" of every route the server serves (for the OpenAPI check).
  std::vector<std::string> route_keys() const;
  // Where the checkpoint verifier key was written (for `proof receipt verify --key`).
  const std::string& public_key_file() const;
  // Re-reads the TLS files and the JWKS (SIGHUP). Keeps the old ones on failure.
  Status Reload();
  // Stops accepting, reports not-ready, finishes requests in flight (up to the configured
  // grace), then closes the ledger, which completes queued appends. Idempotent.
  void Shutdown();

  // The assembled parts; defined in server_app.cc.
  struct Parts;

 private:
  explicit ServerApp(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace tf::server

#endif  // TF_SERVER_SERVER_APP_H_
