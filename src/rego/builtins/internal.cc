// OPA's tracing and runtime helpers, test.sleep, and http.send (declared, refused).
#include <algorithm>
#include <chrono>
#include <thread>

#include "rego/builtins/families.h"
#include "rego/builtins/time_layout.h"

namespace tf::rego::builtins {
namespace {

Result<Value> Trace(BuiltinContext&, std::span<const Value>) {
  return Value::Bool(true);
}

Result<Value> Runtime(BuiltinContext&, std::span<const Value>) {
  return Value::EmptyObject();
}

// Declared so that policies written for OPA compile and tests can replace it with `with`, but
// refused when called: a decision must depend only on its input, data and policy (receipts
// record those), never on what a remote server said at that moment.
Result<Value> HttpSend(BuiltinContext&, std::span<const Value> a) {
  // The request is still checked as OPA checks it, so a malformed call reads the same error.
  static constexpr std::string_view kKnown[] = {"body",
                                                "cache",
                                                "cache_ignored_headers",
                                                "caching_mode",
                                                "enable_redirect",
                                                "force_cache",
                                                "force_cache_duration_seconds",
                                                "force_json_decode",
                                                "force_yaml_decode",
                                                "headers",
                                                "max_retry_attempts",
                                                "method",
                                                "raise_error",
                                                "raw_body",
                                                "timeout",
                                                "tls_ca_cert",
                                                "tls_ca_cert_env_variable",
                                                "tls_ca_cert_file",
                                                "tls_client_cert",
                                                "tls_client_cert_env_variable",
                                                "tls_client_cert_file",
                                                "tls_client_key",
                                                "tls_client_key_env_variable",
                                                "tls_client_key_file",
                                                "tls_insecure_skip_verify",
                                                "tls_server_name",
                                                "tls_use_system_certs",
                                                "url"};
  std::vector<std::string> unknown;
  for (const auto& [k, v] : a[0].object()) {
    bool known = k.is_string() &&
                 std::find(std::begin(kKnown), std::end(kKnown), k.string()) != std::end(kKnown);
    if (!known) unknown.push_back(k.is_string() ? k.string() : "");
  }
  auto quoted_set = [](const std::vector<std::string>& names) {
    std::string out = "{";
    for (size_t i = 0; i < names.size(); ++i)
      out += (i ? ", \"" : "\"") + names[i] + "\"";
    return out + "}";
  };
  if (!unknown.empty()) {
    return Status(ErrorCode::kEvalTypeError,
                  "invalid request parameters(s): " + quoted_set(unknown));
  }
  std::vector<std::string> missing;
  for (const char* required : {"method", "url"}) {
    if (a[0].Find(required) == nullptr) missing.push_back(required);
  }
  if (!missing.empty()) {
    return Status(ErrorCode::kEvalTypeError,
                  "missing required request parameters(s): " + quoted_set(missing));
  }
  return BuiltinError("http.send is disabled: Trust Fabric policies cannot make network requests");
}

// A policy that sleeps holds a decision worker: longer sleeps than a test needs are refused.
constexpr int64_t kMaxSleepNs = 1'000'000'000;

Result<Value> Sleep(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(int64_t ns, ParseDuration(a[0].string()));
  if (ns > kMaxSleepNs) return BuiltinError("duration " + a[0].string() + " exceeds the 1s limit");
  if (ns > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(ns));
  return Value::Null();
}

}  // namespace

std::vector<BuiltinDecl> InternalBuiltins() {
  return {
      {.name = "trace", .params = {{kString, "note"}}, .result = kBoolean, .fn = Trace},
      {.name = "opa.runtime", .params = {}, .result = kObject, .fn = Runtime},
      {.name = "test.sleep",
       .params = {{kString, "duration"}},
       .result = kNull,
       .fn = Sleep,
       .flags = BuiltinFlags::kNondeterministic},
      {.name = "http.send", .params = {{kObject, "request"}}, .result = kObject, .fn = HttpSend},
  };
}

}  // namespace tf::rego::builtins
