#include "server/server_config.h"

#include <fstream>
#include <sstream>

#include "core/yaml.h"
#include "server/internal/config_reader.h"

namespace tf::server {
namespace {

using internal::ConfigReader;

std::string Resolve(const std::string& base_dir, const std::string& path) {
  if (path.empty() || path[0] == '/' || base_dir.empty()) return path;
  return base_dir + "/" + path;
}

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string DirOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

Status ParseLimits(const Value* doc, LimitsConfig& out) {
  const Value absent;
  ConfigReader r(doc ? *doc : absent, "limits");
  TF_RETURN_IF_ERROR(r.CheckIsMapping());
  uint64_t header = out.http.max_header_bytes;
  uint64_t connections = out.http.max_connections;
  TF_RETURN_IF_ERROR(r.Uint("max_body_bytes", out.max_body_bytes));
  TF_RETURN_IF_ERROR(r.Uint("max_upload_bytes", out.max_upload_bytes));
  TF_RETURN_IF_ERROR(r.Uint("max_evidence_bytes", out.max_evidence_bytes));
  TF_RETURN_IF_ERROR(r.Uint("max_header_bytes", header));
  TF_RETURN_IF_ERROR(r.Uint("max_connections", connections));
  TF_RETURN_IF_ERROR(r.Duration("read_timeout", out.http.read_timeout_nanos));
  TF_RETURN_IF_ERROR(r.Duration("idle_timeout", out.http.idle_timeout_nanos));
  TF_RETURN_IF_ERROR(r.Duration("write_timeout", out.http.write_timeout_nanos));
  TF_RETURN_IF_ERROR(r.Duration("shutdown_grace", out.shutdown_grace_nanos));
  TF_RETURN_IF_ERROR(r.Finish());
  constexpr uint64_t kMinHeader = 1024;
  constexpr uint64_t kMaxHeader = 1 << 20;
  if (header < kMinHeader || header > kMaxHeader)
    return r.Error("max_header_bytes", "must be 1 KiB..1 MiB");
  if (connections == 0) return r.Error("max_connections", "must be positive");
  if (out.http.read_timeout_nanos <= 0 || out.http.idle_timeout_nanos <= 0 ||
      out.http.write_timeout_nanos <= 0) {
    return r.Error("read_timeout", "timeouts must be positive");
  }
  out.http.max_header_bytes = static_cast<uint32_t>(header);
  out.http.max_connections = connections;
  return Status::Ok();
}

Status ParseTenantLimits(const Value& doc, const std::string& path, TenantLimits& out) {
  ConfigReader r(doc, path);
  TF_RETURN_IF_ERROR(r.CheckIsMapping());
  TF_RETURN_IF_ERROR(r.Double("rate_per_second", out.rate_per_second));
  TF_RETURN_IF_ERROR(r.Double("burst", out.burst));
  TF_RETURN_IF_ERROR(r.Uint("daily_requests", out.daily_requests));
  TF_RETURN_IF_ERROR(r.Finish());
  if (out.burst < 1) return r.Error("burst", "must be at least 1");
  return Status::Ok();
}

Status ParseQuotas(const Value* doc, QuotaConfig& out) {
  const Value absent;
  ConfigReader r(doc ? *doc : absent, "quotas");
  TF_RETURN_IF_ERROR(r.CheckIsMapping());
  if (const Value* d = r.Raw("default"))
    TF_RETURN_IF_ERROR(ParseTenantLimits(*d, "quotas.default", out.defaults));
  if (const Value* tenants = r.Raw("tenants")) {
    if (!tenants->is_object()) return r.Error("tenants", "must be a mapping of tenant -> limits");
    for (const auto& [k, v] : tenants->object()) {
      TenantLimits limits = out.defaults;
      TF_RETURN_IF_ERROR(ParseTenantLimits(v, "quotas.tenants." + k.string(), limits));
      out.per_tenant[k.string()] = limits;
    }
  }
  return r.Finish();
}

Status ParseTls(const Value* doc, const std::string& base_dir, TlsSettings& out) {
  const Value absent;
  ConfigReader r(doc ? *doc : absent, "tls");
  TF_RETURN_IF_ERROR(r.CheckIsMapping());
  TF_RETURN_IF_ERROR(r.String("cert", out.cert_file));
  TF_RETURN_IF_ERROR(r.String("key", out.key_file));
  TF_RETURN_IF_ERROR(r.String("client_ca", out.client_ca_file));
  TF_RETURN_IF_ERROR(r.StringList("allowed_client_sans", out.allowed_client_sans));
  TF_RETURN_IF_ERROR(r.Finish());
  out.cert_file = Resolve(base_dir, out.cert_file);
  out.key_file = Resolve(base_dir, out.key_file);
  out.client_ca_file = Resolve(base_dir, out.client_ca_file);
  return Status::Ok();
}

Status ParseAuth(const Value* doc, const std::string& base_dir, std::optional<AuthConfig>& out) {
  if (doc == nullptr) return Status::Ok();
  if (doc->is_string()) {
    // A separate file (config/auth.yaml), relative to this one.
    const std::string path = Resolve(base_dir, doc->string());
    TF_ASSIGN_OR_RETURN(std::string text, ReadText(path));
    Result<AuthConfig> auth = ParseAuthConfigYaml(text, DirOf(path));
    if (!auth.ok()) return auth.status().WithContext(path);
    out = std::move(auth).value();
    return Status::Ok();
  }
  TF_ASSIGN_OR_RETURN(AuthConfig auth, ParseAuthConfig(*doc, base_dir));
  out = std::move(auth);
  return Status::Ok();
}

}  // namespace

Result<ServerConfig> ParseServerConfig(const Value& doc, const std::string& base_dir) {
  ServerConfig out;
  ConfigReader r(doc, "");
  TF_RETURN_IF_ERROR(r.CheckIsMapping());
  TF_RETURN_IF_ERROR(r.String("listen", out.listen));
  TF_RETURN_IF_ERROR(r.String("data", out.data_dir));
  uint64_t threads = static_cast<uint64_t>(out.threads);
  TF_RETURN_IF_ERROR(r.Uint("threads", threads));
  constexpr uint64_t kMaxThreads = 256;
  if (threads == 0 || threads > kMaxThreads) return r.Error("threads", "must be 1..256");
  out.threads = static_cast<int>(threads);
  TF_RETURN_IF_ERROR(ParseAuth(r.Raw("auth"), base_dir, out.auth));
  TF_RETURN_IF_ERROR(ParseLimits(r.Raw("limits"), out.limits));
  TF_RETURN_IF_ERROR(ParseQuotas(r.Raw("quotas"), out.quotas));
  TF_RETURN_IF_ERROR(ParseTls(r.Raw("tls"), base_dir, out.tls));
  if (const Value* ledger = r.Raw("ledger")) {
    ConfigReader lr(*ledger, "ledger");
    TF_RETURN_IF_ERROR(lr.CheckIsMapping());
    TF_RETURN_IF_ERROR(lr.String("signing_key", out.signing_key_file));
    TF_RETURN_IF_ERROR(lr.Duration("group_window", out.ledger_group_window_nanos));
    TF_RETURN_IF_ERROR(lr.Finish());
    // Every receipt of a stream may wait this long: beyond 100 ms it is a misconfiguration.
    constexpr int64_t kMaxGroupWindowNanos = 100'000'000;
    if (out.ledger_group_window_nanos < 0 || out.ledger_group_window_nanos > kMaxGroupWindowNanos)
      return lr.Error("group_window", "must be 0..100ms");
    out.signing_key_file = Resolve(base_dir, out.signing_key_file);
  }
  if (const Value* packs = r.Raw("packs")) {
    ConfigReader pr(*packs, "packs");
    TF_RETURN_IF_ERROR(pr.CheckIsMapping());
    TF_RETURN_IF_ERROR(pr.String("dir", out.packs_dir));
    TF_RETURN_IF_ERROR(pr.Finish());
    out.packs_dir = Resolve(base_dir, out.packs_dir);
  }
  out.data_dir = Resolve(base_dir, out.data_dir);
  TF_RETURN_IF_ERROR(r.Finish());
  return out;
}

Result<ServerConfig> LoadServerConfigFile(const std::string& path) {
  TF_ASSIGN_OR_RETURN(std::string text, ReadText(path));
  Result<Value> doc = ParseYaml(text);
  if (!doc.ok()) return doc.status().WithContext(path);
  Result<ServerConfig> config = ParseServerConfig(*doc, DirOf(path));
  if (!config.ok()) return config.status().WithContext(path);
  return config;
}

Result<ListenAddress> ParseListenAddress(std::string_view text) {
  const Status bad(
      ErrorCode::kInvalidArgument,
      "'" + std::string(text) + "' is not HOST:PORT (e.g. 127.0.0.1:8443, [::1]:8443)");
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return bad;
  ListenAddress out;
  std::string_view host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.back() != ']') return bad;
    host = host.substr(1, host.size() - 2);
  }
  out.host = std::string(host);
  const std::string_view port = text.substr(colon + 1);
  constexpr size_t kMaxPortDigits = 5;
  constexpr uint32_t kMaxPort = 65535;
  if (port.empty() || port.size() > kMaxPortDigits) return bad;
  uint32_t p = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return bad;
    p = p * 10 + static_cast<uint32_t>(c - '0');
  }
  if (p > kMaxPort) return bad;
  out.port = static_cast<uint16_t>(p);
  return out;
}

}  // namespace tf::server
