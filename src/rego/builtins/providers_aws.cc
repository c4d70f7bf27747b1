// providers.aws.sign_req (OPA's topdown/providers.go and internal/providers/aws/signing_v4.go):
// AWS Signature Version 4, https://docs.aws.amazon.com/general/latest/gr/sigv4_signing.html
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "core/encoding.h"
#include "core/json.h"
#include "core/sha256.h"
#include "rego/builtins/civil_time.h"
#include "rego/builtins/families.h"
#include "rego/builtins/operand_helpers.h"

namespace tf::rego::builtins {
namespace {

constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kRequiredConfig[] = {"aws_access_key", "aws_region",
                                                "aws_secret_access_key", "aws_service"};
// http.send's request parameters, which sign_req accepts too.
constexpr std::string_view kRequestKeys[] = {"method",
                                             "url",
                                             "body",
                                             "enable_redirect",
                                             "force_json_decode",
                                             "force_yaml_decode",
                                             "headers",
                                             "raw_body",
                                             "tls_use_system_certs",
                                             "tls_ca_cert",
                                             "tls_ca_cert_file",
                                             "tls_ca_cert_env_variable",
                                             "tls_client_cert",
                                             "tls_client_cert_file",
                                             "tls_client_cert_env_variable",
                                             "tls_client_key",
                                             "tls_client_key_file",
                                             "tls_client_key_env_variable",
                                             "tls_insecure_skip_verify",
                                             "tls_server_name",
                                             "timeout",
                                             "cache",
                                             "force_cache",
                                             "force_cache_duration_seconds",
                                             "raise_error",
                                             "caching_mode",
                                             "max_retry_attempts",
                                             "cache_ignored_headers"};
// Headers a proxy may rewrite, left out of the canonical request (as the AWS SDKs do).
constexpr std::string_view kIgnoredHeaders[] = {"authorization", "user-agent", "x-amzn-trace-id"};

bool Contains(std::span<const std::string_view> list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::string StringOr(const Value* v) {
  return v != nullptr && v->is_string() ? v->string() : "";
}

// A set of names in Rego's text form, as OPA prints them in messages: {"a", "b"}.
std::string NameSet(std::vector<Value> names) {
  return RegoText(Value::Set(std::move(names)));
}

Status ValidateConfig(const Value& config) {
  std::vector<Value> missing, invalid;
  for (std::string_view key : kRequiredConfig) {
    const Value* v = config.Find(key);
    if (v == nullptr)
      missing.push_back(Value::String(key));
    else if (!v->is_string())
      invalid.push_back(Value::String(key));
  }
  if (!missing.empty()) {
    return OperandError(2, "missing required AWS config parameters(s): " + NameSet(missing));
  }
  if (!invalid.empty()) {
    return OperandError(
        2, "invalid values for required AWS config parameters(s): " + NameSet(invalid));
  }
  return Status();
}

Status ValidateRequest(const Value& req) {
  std::vector<Value> unknown;
  for (const auto& [key, value] : req.object()) {
    if (!key.is_string() || !Contains(kRequestKeys, key.string())) unknown.push_back(key);
  }
  if (!unknown.empty())
    return OperandError(1, "invalid request parameters(s): " + NameSet(unknown));
  std::vector<Value> missing, invalid;
  for (std::string_view key : {std::string_view("method"), std::string_view("url")}) {
    const Value* v = req.Find(key);
    if (v == nullptr)
      missing.push_back(Value::String(key));
    else if (!v->is_string())
      invalid.push_back(Value::String(key));
  }
  if (!missing.empty())
    return OperandError(1, "missing required request parameters(s): " + NameSet(missing));
  if (const Value* h = req.Find("headers"); h != nullptr && !h->is_object()) {
    return OperandTypeError(0, *h, {"object"});
  }
  if (!invalid.empty()) {
    return OperandError(1,
                        "invalid values for required request parameters(s): " + NameSet(invalid));
  }
  return Status();
}

// What signing needs from Go's url.Parse: host, escaped path and raw query.
struct UrlParts {
  std::string host;
  std::string escaped_path;
  std::string raw_query;
};

bool IsUnreserved(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
         c == '~';
}

// RFC 3986 §3.3 path characters that Go leaves unescaped.
bool PathSafe(char c) {
  return IsUnreserved(c) || std::string_view("$&+,/:;=@").find(c) != std::string_view::npos;
}

Result<std::string> EscapedPath(std::string_view raw, std::string_view url) {
  std::string path;  // unescaped
  bool valid_encoding = true;
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '%') {
      Result<std::string> byte = i + 2 < raw.size() ? HexDecode(raw.substr(i + 1, 2))
                                                    : Result<std::string>(InvalidArgument(""));
      if (!byte.ok()) {
        return BuiltinError("parse " + RegoText(Value::String(url)) + ": invalid URL escape " +
                            RegoText(Value::String(raw.substr(i, 3))));
      }
      path += *byte;
      i += 2;
      continue;
    }
    if (!PathSafe(c) && std::string_view("!'()*[]").find(c) == std::string_view::npos)
      valid_encoding = false;
    path += c;
  }
  if (valid_encoding) return std::string(raw);
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    if (PathSafe(c)) {
      out += c;
    } else {
      out += '%';
      out += kHex[static_cast<uint8_t>(c) >> 4];
      out += kHex[static_cast<uint8_t>(c) & 0xF];
    }
  }
  return out;
}

Result<UrlParts> ParseUrl(std::string_view url) {
  std::string_view rest = url.substr(0, url.find('#'));
  for (char c : url) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return BuiltinError("parse " + RegoText(Value::String(url)) +
                          ": net/url: invalid control character in URL");
    }
  }
  if (!rest.empty() && rest[0] == ':') {
    return BuiltinError("parse " + RegoText(Value::String(url)) + ": missing protocol scheme");
  }
  if (!rest.empty() && std::isalpha(static_cast<unsigned char>(rest[0]))) {
    size_t i = 1;
    while (i < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[i])) ||
                               rest[i] == '+' || rest[i] == '-' || rest[i] == '.')) {
      ++i;
    }
    if (i < rest.size() && rest[i] == ':') rest.remove_prefix(i + 1);
  }
  UrlParts out;
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    out.raw_query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
    const size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    const size_t at = authority.rfind('@');
    out.host = std::string(at == std::string_view::npos ? authority : authority.substr(at + 1));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  TF_ASSIGN_OR_RETURN(out.escaped_path, EscapedPath(rest, url));
  return out;
}

std::string HmacSha256(std::string_view key, std::string_view message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

struct SigningInput {
  std::string method;
  UrlParts url;
  std::map<std::string, std::string> headers;  // as given (name -> value)
  std::string body;
  std::string service, region, access_key, secret_key, session_token;
  bool unsigned_payload = false;
  int64_t time_ns = 0;
};

// Returns the Authorization header and adds the x-amz-* / host headers to `aws_headers`.
std::string SignV4(const SigningInput& in, std::map<std::string, std::string>& aws_headers) {
  const CivilTime t = CivilFromLocalSeconds(Instant::FromUnixNanos(in.time_ns).seconds, 0);
  char date[16], stamp[24];
  std::snprintf(date, sizeof(date), "%04lld%02d%02d", static_cast<long long>(t.year), t.month,
                t.day);
  std::snprintf(stamp, sizeof(stamp), "%sT%02d%02d%02dZ", date, t.hour, t.minute, t.second);
  const std::string content_hash =
      in.unsigned_payload ? std::string(kUnsignedPayload) : DigestHex(Sha256(in.body));
  aws_headers = {{"host", in.url.host}, {"x-amz-date", stamp}};
  // S3 and Glacier require the payload hash header; other services do not.
  if (in.service == "s3" || in.service == "glacier")
    aws_headers["x-amz-content-sha256"] = content_hash;
  if (!in.session_token.empty()) aws_headers["x-amz-security-token"] = in.session_token;
  std::map<std::string, std::string> to_sign(aws_headers.begin(), aws_headers.end());
  for (const auto& [name, value] : in.headers) {
    std::string lower = name;
    for (char& c : lower)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!Contains(kIgnoredHeaders, lower)) to_sign[lower] = value;
  }
  std::string canonical = in.method + "\n" + in.url.escaped_path + "\n" + in.url.raw_query + "\n";
  std::string signed_headers;
  for (const auto& [name, value] : to_sign) {
    canonical += name + ":" + value + "\n";
    signed_headers += (signed_headers.empty() ? "" : ";") + name;
  }
  canonical += "\n" + signed_headers + "\n" + content_hash;
  const std::string scope =
      std::string(date) + "/" + in.region + "/" + in.service + "/aws4_request";
  const std::string to_sign_text =
      std::string(kAlgorithm) + "\n" + stamp + "\n" + scope + "\n" + DigestHex(Sha256(canonical));
  std::string key = HmacSha256("AWS4" + in.secret_key, date);
  key = HmacSha256(key, in.region);
  key = HmacSha256(key, in.service);
  key = HmacSha256(key, "aws4_request");
  return std::string(kAlgorithm) + " Credential=" + in.access_key + "/" + scope +
         ",SignedHeaders=" + signed_headers +
         ",Signature=" + HexEncode(HmacSha256(key, to_sign_text));
}

Result<SigningInput> CollectInput(std::span<const Value> a) {
  const Value& req = a[0];
  const Value& config = a[1];
  TF_RETURN_IF_ERROR(ValidateConfig(config));
  SigningInput in;
  // Whole, non-negative nanoseconds (OPA needs an integer literal; a time before 1970 cannot
  // sign a request).
  std::optional<int64_t> ns = a[2].number().ToInt64();
  if (!ns || *ns < 0)
    return OperandError(3, "could not convert time_ns value into a unix timestamp");
  in.time_ns = *ns;
  TF_RETURN_IF_ERROR(ValidateRequest(req));
  TF_ASSIGN_OR_RETURN(in.url, ParseUrl(req.Find("url")->string()));
  in.method = req.Find("method")->string();
  if (const Value* raw = req.Find("raw_body")) {
    in.body = StringOr(raw);
  } else if (const Value* body = req.Find("body")) {
    JsonWriteOptions options;
    options.escape_html = true;  // as Go's json.Marshal
    in.body = ToJson(*body, options);
  }
  if (const Value* headers = req.Find("headers")) {
    for (const auto& [k, v] : headers->object())
      in.headers[StringOr(&k)] = StringOr(&v);
  }
  if (const Value* d = config.Find("disable_payload_signing")) {
    if (!d->is_bool())
      return OperandError(2, "invalid value for 'disable_payload_signing' in AWS config");
    in.unsigned_payload = d->bool_value();
  }
  in.service = StringOr(config.Find("aws_service"));
  in.region = StringOr(config.Find("aws_region"));
  in.access_key = StringOr(config.Find("aws_access_key"));
  in.secret_key = StringOr(config.Find("aws_secret_access_key"));
  in.session_token = StringOr(config.Find("aws_session_token"));
  return in;
}

Result<Value> SignReq(BuiltinContext&, std::span<const Value> a) {
  TF_ASSIGN_OR_RETURN(SigningInput in, CollectInput(a));
  std::map<std::string, std::string> aws_headers;
  const std::string authorization = SignV4(in, aws_headers);
  std::map<std::string, std::string> headers = in.headers;
  headers["Authorization"] = authorization;
  for (const auto& [k, v] : aws_headers)
    headers[k] = v;
  std::vector<ObjectEntry> header_entries;
  for (const auto& [k, v] : headers)
    header_entries.emplace_back(Value::String(k), Value::String(v));
  std::vector<ObjectEntry> out(a[0].object().begin(), a[0].object().end());
  out.emplace_back(Value::String("headers"), Value::Object(std::move(header_entries)));
  return Value::Object(std::move(out));  // the last "headers" entry wins
}

}  // namespace

std::vector<BuiltinDecl> ProvidersAwsBuiltins() {
  return {
      {.name = "providers.aws.sign_req",
       .params = {{kObject, "request"}, {kObject, "aws_config"}, {kNumber, "time_ns"}},
       .result = kObject,
       .fn = SignReq},
  };
}

}  // namespace tf::rego::builtins
