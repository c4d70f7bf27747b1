#include "server/internal/server_core.h"

#include <chrono>

namespace tf::server::internal {

ServerCore::ServerCore(RequestHandler& handler_in, const HttpLimits& limits_in, Logger& logger_in,
                       MetricsRegistry& metrics, const Clock& clock_in)
    : handler(handler_in),
      limits(limits_in),
      logger(logger_in),
      clock(clock_in),
      connections_total(metrics.AddCounter("http_connections_total", "Connections accepted")),
      connections_rejected(metrics.AddCounter(
          "http_connections_rejected_total", "Connections closed at once: connection cap reached")),
      protocol_errors(metrics.AddCounter(
          "http_protocol_errors_total",
          "Requests refused by the HTTP layer (timeout, header_limit, body_limit, malformed)",
          {"reason"})),
      tls_handshake_failures(
          metrics.AddCounter("tls_handshake_failures_total",
                             "Failed TLS handshakes, including refused client certificates")),
      connections_open(metrics.AddGauge("http_connections_open", "Open connections")) {}

uint64_t ServerCore::Register(std::weak_ptr<Connection> connection) {
  std::lock_guard<std::mutex> lock(mu_);
  const uint64_t id = next_id_++;
  connections_.emplace(id, std::move(connection));
  connections_open.Set(static_cast<double>(connections_.size()));
  return id;
}

void ServerCore::Unregister(uint64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  connections_.erase(id);
  connections_open.Set(static_cast<double>(connections_.size()));
  if (connections_.empty()) empty_cv_.notify_all();
}

size_t ServerCore::Count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return connections_.size();
}

std::vector<std::shared_ptr<Connection>> ServerCore::Snapshot() const {
  std::vector<std::shared_ptr<Connection>> out;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [id, weak] : connections_) {
    if (std::shared_ptr<Connection> c = weak.lock()) out.push_back(std::move(c));
  }
  return out;
}

bool ServerCore::WaitUntilEmpty(int64_t grace_nanos) {
  std::unique_lock<std::mutex> lock(mu_);
  // A real wait on the steady clock: shutdown waits for sockets, which do not run on FakeClock.
  return empty_cv_.wait_for(lock, std::chrono::nanoseconds(grace_nanos),
                            [this] { return connections_.empty(); });
}

}  // namespace tf::server::internal
