#include "server/jwt.h"

#include "core/encoding.h"
#include "core/json.h"

namespace tf::server {
namespace {

Status Malformed(std::string message) {
  return Status(ErrorCode::kAuthTokenMalformed, std::move(message));
}

Result<std::string> DecodePart(std::string_view part, std::string_view what) {
  Result<std::string> bytes = Base64Decode(part, Base64Alphabet::kUrl, Base64Padding::kNoPad);
  if (!bytes.ok()) return Malformed(std::string(what) + " is not base64url");
  return bytes;
}

Result<Value> DecodeObject(std::string_view part, std::string_view what) {
  TF_ASSIGN_OR_RETURN(std::string json, DecodePart(part, what));
  Result<Value> doc = ParseJson(json);
  if (!doc.ok() || !doc->is_object()) return Malformed(std::string(what) + " is not a JSON object");
  return doc;
}

// An optional string member; a member of another type is malformed.
Result<std::string> OptionalString(const Value& object, std::string_view name) {
  const Value* v = object.Find(name);
  if (v == nullptr) return std::string();
  if (!v->is_string()) return Malformed("header '" + std::string(name) + "' is not a string");
  return v->string();
}

Result<JoseHeader> ReadHeader(const Value& header) {
  JoseHeader out;
  const Value* alg = header.Find("alg");
  if (alg == nullptr || !alg->is_string()) return Malformed("header has no 'alg' string");
  out.alg = alg->string();
  TF_ASSIGN_OR_RETURN(out.kid, OptionalString(header, "kid"));
  TF_ASSIGN_OR_RETURN(out.typ, OptionalString(header, "typ"));
  // RFC 7515 §4.1.11: a recipient that does not understand a critical extension must reject.
  if (header.Find("crit") != nullptr)
    return Malformed("header 'crit' extensions are not supported");
  // A JWE or an unencoded payload (RFC 7797) is not a signed JWT.
  if (header.Find("enc") != nullptr) return Malformed("encrypted tokens (JWE) are not accepted");
  if (header.Find("b64") != nullptr) return Malformed("header 'b64' is not supported");
  return out;
}

}  // namespace

Result<ParsedJwt> ParseJwt(std::string_view token) {
  if (token.empty()) return Malformed("empty token");
  if (token.size() > kMaxJwtBytes) return Malformed("token longer than 16 KiB");
  const size_t dot1 = token.find('.');
  const size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return Malformed("a JWT has exactly three dot-separated parts");
  }
  const std::string_view header_part = token.substr(0, dot1);
  const std::string_view payload_part = token.substr(dot1 + 1, dot2 - dot1 - 1);
  const std::string_view signature_part = token.substr(dot2 + 1);
  if (header_part.empty() || payload_part.empty()) return Malformed("empty header or payload");

  ParsedJwt out;
  TF_ASSIGN_OR_RETURN(Value header, DecodeObject(header_part, "header"));
  TF_ASSIGN_OR_RETURN(out.header, ReadHeader(header));
  TF_ASSIGN_OR_RETURN(out.claims, DecodeObject(payload_part, "payload"));
  TF_ASSIGN_OR_RETURN(out.signature, DecodePart(signature_part, "signature"));
  out.signing_input = std::string(token.substr(0, dot2));
  return out;
}

}  // namespace tf::server
