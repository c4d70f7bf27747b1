// File: server/server_config.h
//
// `ServerConfig`: everything `proof serve` reads from `--config FILE` (a YAML mapping, see
// config/server.yaml and docs/deploy.md). Command-line flags override the file's listen
// address, data directory and TLS files. Unknown keys are errors, so a misspelt security
// setting never silently falls back to a default.
//
//   TF_ASSIGN_OR_RETURN(ServerConfig config, LoadServerConfigFile("config/server.yaml"));
#ifndef TF_SERVER_SERVER_CONFIG_H_
#define TF_SERVER_SERVER_CONFIG_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/status.h"
#include "core/value.h"
#include "server/auth_config.h"
#include "server/http_server.h"
#include "server/rate_limiter.h"
#include "server/tls_settings.h"

namespace tf::server {

struct LimitsConfig {
  HttpLimits http;
  uint64_t max_body_bytes = 1 << 20;      // JSON requests
  uint64_t max_upload_bytes = 16 << 20;   // pack uploads
  uint64_t max_evidence_bytes = 8 << 20;  // POST /v1/evidence
  int64_t shutdown_grace_nanos = 30 * kNanosPerSecond;
};

struct QuotaConfig {
  TenantLimits defaults;
  std::map<std::string, TenantLimits, std::less<>> per_tenant;
};

struct ServerConfig {
  std::string listen = "127.0.0.1:8443";
  std::string data_dir;
  int threads = 2;
  std::optional<AuthConfig> auth;  // absent: refuse to start unless --dev
  LimitsConfig limits;
  QuotaConfig quotas;
  TlsSettings tls;
  std::string signing_key_file;  // empty: <data_dir>/keys/checkpoint.key
  // How long the ledger lets a stream of decisions gather before a group commit (one signature
  // and one synced write per group); 0 commits at once. See docs/LEDGER.md, "Group commit".
  int64_t ledger_group_window_nanos = 500'000;
  std::string packs_dir;  // packs served to every tenant, loaded at start
};

// Parses a config document; `base_dir` resolves relative paths (the config file's folder).
Result<ServerConfig> ParseServerConfig(const Value& doc, const std::string& base_dir);
// Reads and parses `path` (kIoError when unreadable, kYamlParseError with line:col).
Result<ServerConfig> LoadServerConfigFile(const std::string& path);

struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};
// "HOST:PORT" or "[v6]:PORT"; port 0 picks a free one.
Result<ListenAddress> ParseListenAddress(std::string_view text);

}  // namespace tf::server

#endif  // TF_SERVER_SERVER_CONFIG_H_
