// io.jwt.decode and the token helpers shared by the io.jwt.* builtins (OPA's topdown/tokens.go).
// Verification is in jwt_verify.cc and signing in jwt_sign.cc.
#include <algorithm>

#include "core/encoding.h"
#include "core/json.h"
#include "rego/builtins/families.h"
#include "rego/builtins/go_base64.h"
#include "rego/builtins/jwt_token.h"

namespace tf::rego::builtins {
namespace {

constexpr std::string_view kJwtContentType = "JWT";

Status WithPrefix(std::string_view prefix, const Status& s) {
  return BuiltinError(std::string(prefix) + std::string(s.message()));
}

Result<Value> DecodeToken(std::string_view token, int depth);

// RFC 7519 §5.2 cty "JWT": the payload is itself a token. As jwt.io does, its text may be
// wrapped in quotes, which are trimmed.
Result<Value> DecodeNested(std::string payload, int depth) {
  if (depth >= kMaxJwtNesting) return BuiltinError("JWT nesting too deep");
  auto quote = [](char c) { return c == '"' || c == '\''; };
  size_t begin = 0;
  size_t end = payload.size();
  while (begin < end && quote(payload[begin]))
    ++begin;
  while (end > begin && quote(payload[end - 1]))
    --end;
  return DecodeToken(std::string_view(payload).substr(begin, end - begin), depth + 1);
}

Result<Value> DecodeToken(std::string_view token, int depth) {
  TF_ASSIGN_OR_RETURN(JwtSegments segments, SplitJwt(token));
  TF_ASSIGN_OR_RETURN(Value header, DecodeJwtHeader(segments));
  TF_ASSIGN_OR_RETURN(std::string payload, DecodeJwtPayload(segments));
  if (const Value* cty = header.Find("cty");
      cty != nullptr && cty->is_string() && cty->string() == kJwtContentType) {
    return DecodeNested(std::move(payload), depth);
  }
  TF_ASSIGN_OR_RETURN(Value claims, DecodeJsonObject(payload));
  Result<std::string> signature = OpaBase64UrlDecode(segments.signature);
  if (!signature.ok())
    return WithPrefix("JWT signature had invalid encoding: ", signature.status());
  return Value::Array({header, claims, Value::String(HexEncode(*signature))});
}

// io.jwt.decode(jwt): [header, payload, signature as hex], without any verification.
Result<Value> Decode(BuiltinContext&, std::span<const Value> a) {
  return DecodeToken(a[0].string(), 0);
}

Status StringParam(std::string_view name, const Value& v, std::string* out) {
  if (!v.is_string()) return BuiltinError(std::string(name) + ": must be a string");
  *out = v.string();
  return Status();
}

}  // namespace

Result<JwtSegments> SplitJwt(std::string_view token) {
  if (token.find('.') == std::string_view::npos) {
    return BuiltinError("encoded JWT had no period separators");
  }
  const size_t parts = static_cast<size_t>(std::count(token.begin(), token.end(), '.')) + 1;
  if (parts != 3) {
    return BuiltinError("encoded JWT must have 3 sections, found " + std::to_string(parts));
  }
  const size_t first = token.find('.');
  const size_t second = token.find('.', first + 1);
  return JwtSegments{std::string(token.substr(0, first)),
                     std::string(token.substr(first + 1, second - first - 1)),
                     std::string(token.substr(second + 1))};
}

Result<Value> DecodeJsonObject(std::string_view json) {
  Result<Value> v = ParseJson(json);
  if (!v.ok()) return BuiltinError("invalid JSON: " + std::string(v.status().message()));
  if (!v->is_object()) return BuiltinError("decoded JSON type was not an Object");
  return v;
}

Result<Value> DecodeJwtHeader(const JwtSegments& token) {
  Result<std::string> json = OpaBase64UrlDecode(token.header);
  if (!json.ok()) return WithPrefix("JWT header had invalid encoding: ", json.status());
  Result<Value> header = DecodeJsonObject(*json);
  if (!header.ok()) return WithPrefix("bad JWT header: ", header.status());
  if (header->Find("enc") != nullptr) {
    return BuiltinError("JWT is a JWE object, which is not supported");
  }
  return header;
}

Result<std::string> DecodeJwtPayload(const JwtSegments& token) {
  Result<std::string> payload = OpaBase64UrlDecode(token.payload);
  if (!payload.ok()) return WithPrefix("JWT payload had invalid encoding: ", payload.status());
  return payload;
}

Result<std::string> DecodeJwtSignature(const JwtSegments& token) {
  Result<std::string> signature = OpaBase64UrlDecode(token.signature);
  if (!signature.ok()) return BuiltinError(std::string(signature.status().message()));
  return signature;
}

Result<JwtHeader> ParseJwtHeader(const Value& header) {
  JwtHeader out;
  for (const auto& [key, value] : header.object()) {
    const std::string name = key.is_string() ? key.string() : ToJson(key);
    if (name == "alg") {
      TF_RETURN_IF_ERROR(StringParam("alg", value, &out.alg));
    } else if (name == "kid") {
      TF_RETURN_IF_ERROR(StringParam("kid", value, &out.kid));
    } else if (name == "typ") {
      TF_RETURN_IF_ERROR(StringParam("typ", value, &out.typ));
    } else if (name == "cty") {
      TF_RETURN_IF_ERROR(StringParam("cty", value, &out.cty));
    } else if (name == "crit") {
      if (!value.is_array()) return BuiltinError("crit: must be a list");
      for (const Value& c : value.array()) {
        if (c.is_string()) out.crit.push_back(c.string());
      }
      if (out.crit.empty()) return BuiltinError("crit: must be a nonempty list");
    } else {
      out.unknown.push_back(name);
    }
  }
  return out;
}

bool JwtHeader::Valid() const {
  if (alg.empty()) return false;
  return std::none_of(unknown.begin(), unknown.end(), [&](const std::string& u) {
    return std::find(crit.begin(), crit.end(), u) != crit.end();
  });
}

std::vector<BuiltinDecl> JwtBuiltins() {
  std::vector<BuiltinDecl> out = {
      {.name = "io.jwt.decode", .params = {{kString, "jwt"}}, .result = kArray, .fn = Decode},
  };
  for (BuiltinDecl& d : JwtVerifyBuiltins())
    out.push_back(std::move(d));
  for (BuiltinDecl& d : JwtSignBuiltins())
    out.push_back(std::move(d));
  return out;
}

}  // namespace tf::rego::builtins
