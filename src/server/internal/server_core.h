// File: server/internal/server_core.h
//
// `ServerCore`: what every connection of one HttpServer shares — the handler, limits, logger,
// metrics and the registry of open connections that graceful shutdown walks. Free of Beast so
// the session code and the listener can share it without sharing their includes.
//
// Lifetime: owned by HttpServer::Impl and declared before its io_context, so it outlives every
// session (sessions unregister in their destructors, which may run while the io_context is
// destroyed).
#ifndef TF_SERVER_INTERNAL_SERVER_CORE_H_
#define TF_SERVER_INTERNAL_SERVER_CORE_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/logger.h"
#include "core/metrics.h"
#include "server/http_server.h"

namespace tf::server::internal {

// A connection as graceful shutdown sees it.
class Connection {
 public:
  virtual ~Connection() = default;
  // Called once when shutdown starts: an idle connection closes now, a busy one after its
  // response. Thread-safe (posts to the connection's strand).
  virtual void Drain() = 0;
  // Closes the connection now. Thread-safe.
  virtual void Abort() = 0;
};

class ServerCore {
 public:
  ServerCore(RequestHandler& handler, const HttpLimits& limits, Logger& logger,
             MetricsRegistry& metrics, const Clock& clock);

  RequestHandler& handler;
  const HttpLimits limits;
  Logger& logger;
  const Clock& clock;
  std::atomic<bool> draining{false};

  Counter& connections_total;
  Counter& connections_rejected;
  Counter& protocol_errors;  // label: reason
  Counter& tls_handshake_failures;
  Gauge& connections_open;

  uint64_t Register(std::weak_ptr<Connection> connection);
  void Unregister(uint64_t id);
  size_t Count() const;
  std::vector<std::shared_ptr<Connection>> Snapshot() const;
  // Waits until no connection is open or `grace_nanos` passed; true when none is open.
  bool WaitUntilEmpty(int64_t grace_nanos);

 private:
  mutable std::mutex mu_;
  std::condition_variable empty_cv_;
  uint64_t next_id_ = 0;                                       // guarded by mu_
  std::map<uint64_t, std::weak_ptr<Connection>> connections_;  // guarded by mu_
};

}  // namespace tf::server::internal

#endif  // TF_SERVER_INTERNAL_SERVER_CORE_H_
