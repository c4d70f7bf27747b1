// io.jwt.encode_sign and io.jwt.encode_sign_raw (OPA's topdown/tokens.go): JWS compact
// serialization (RFC 7515 §7.1) signed with the first key of a JWK or JWK Set.
#include "core/encoding.h"
#include "core/json.h"
#include "rego/builtins/jws_algorithm.h"
#include "rego/builtins/jws_key.h"
#include "rego/builtins/jwt_token.h"

namespace tf::rego::builtins {
namespace {

std::string Base64Url(std::string_view bytes) {
  return Base64Encode(bytes, Base64Alphabet::kUrl, Base64Padding::kNoPad);
}

bool IsJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A string member of the protected header, read the way OPA's JWS library (on fastjson) does:
// a non-JSON header is an error, but a bare number parses (as a non-object), and a missing or
// non-string member is "not found".
Result<std::string> HeaderString(std::string_view header_json, std::string_view name) {
  const Status not_found = InvalidArgument("jwsbb: header \"" + std::string(name) + "\" not found");
  Result<Value> header = ParseJson(header_json);
  if (!header.ok()) {
    std::string_view s = header_json;
    while (!s.empty() && IsJsonSpace(s.front()))
      s.remove_prefix(1);
    while (!s.empty() && IsJsonSpace(s.back()))
      s.remove_suffix(1);
    if (s.empty()) return InvalidArgument("cannot parse JSON: cannot parse empty string");
    if (s.find_first_not_of("0123456789.-+eE") == std::string_view::npos) return not_found;
    return InvalidArgument("cannot parse JSON: " + std::string(header.status().message()));
  }
  const Value* v = header->is_object() ? header->Find(name) : nullptr;
  if (v == nullptr || !v->is_string()) return not_found;
  return v->string();
}

Result<Value> EncodeSign(std::string_view headers, std::string_view payload, std::string_view jwk) {
  Result<std::vector<JwsKey>> keys = ParseJwkSet(jwk);
  if (!keys.ok()) return BuiltinError(std::string(keys.status().message()));
  if (keys->empty()) return BuiltinError("no keys found in JWK set");
  Result<std::string> alg_name = HeaderString(headers, "alg");
  if (!alg_name.ok()) {
    return BuiltinError("missing or invalid 'alg' header: " +
                        std::string(alg_name.status().message()));
  }
  std::optional<JwsAlgorithm> alg = FindJwsAlgorithm(*alg_name);
  if (!alg) return BuiltinError("unknown JWS algorithm: " + *alg_name);
  // Without a typ, or with typ "JWT", the payload must be JSON (RFC 7519 §5.1).
  Result<std::string> typ = HeaderString(headers, "typ");
  if ((!typ.ok() || *typ == "JWT") && !ParseJson(payload).ok()) {
    return BuiltinError("type is JWT but payload is not JSON");
  }
  const std::string signing_input = Base64Url(headers) + "." + Base64Url(payload);
  Result<std::string> signature = JwsSign((*keys)[0], *alg, signing_input);
  if (!signature.ok()) return BuiltinError(std::string(signature.status().message()));
  return Value::String(signing_input + "." + Base64Url(*signature));
}

// Headers and payload are serialized as Go's json.Marshal would (sorted keys, HTML escaped).
std::string MarshalJson(const Value& v) {
  JsonWriteOptions options;
  options.escape_html = true;
  return ToJson(v, options);
}

Result<Value> EncodeSignObjects(BuiltinContext&, std::span<const Value> a) {
  return EncodeSign(MarshalJson(a[0]), MarshalJson(a[1]), MarshalJson(a[2]));
}

Result<Value> EncodeSignRaw(BuiltinContext&, std::span<const Value> a) {
  return EncodeSign(a[0].string(), a[1].string(), a[2].string());
}

}  // namespace

std::vector<BuiltinDecl> JwtSignBuiltins() {
  // Nondeterministic: PS* and ES* signatures are randomised.
  return {
      {.name = "io.jwt.encode_sign",
       .params = {{kObject, "headers"}, {kObject, "payload"}, {kObject, "key"}},
       .result = kString,
       .fn = EncodeSignObjects,
       .flags = BuiltinFlags::kNondeterministic},
      {.name = "io.jwt.encode_sign_raw",
       .params = {{kString, "headers"}, {kString, "payload"}, {kString, "key"}},
       .result = kString,
       .fn = EncodeSignRaw,
       .flags = BuiltinFlags::kNondeterministic},
  };
}

}  // namespace tf::rego::builtins
