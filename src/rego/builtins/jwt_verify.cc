// io.jwt.verify_* and io.jwt.decode_verify (OPA's topdown/tokens.go). Every path fails closed:
// an unknown or "none" algorithm, a key of the wrong type, a bad signature, a critical header
// OPA does not understand or a failed claim check all give "not verified".
#include <cmath>

#include "core/json.h"
#include "rego/builtins/jws_algorithm.h"
#include "rego/builtins/jws_key.h"
#include "rego/builtins/jwt_token.h"

namespace tf::rego::builtins {
namespace {

constexpr double kNanosPerSecond = 1e9;

Status AsBuiltinError(const Status& s) {
  if (s.code() == ErrorCode::kEvalBuiltinError || s.code() == ErrorCode::kEvalTypeError) return s;
  return BuiltinError(std::string(s.message()));
}

const JwsKey* KeyById(const std::vector<JwsKey>& keys, const std::string& kid) {
  for (const JwsKey& k : keys) {
    if (k.kid == kid) return &k;
  }
  return nullptr;
}

// OPA's key selection: a key whose kid matches the header's is the only one tried; otherwise
// every key without an "alg", or whose "alg" equals the header's, is tried in turn.
bool VerifyWithKeys(const std::vector<JwsKey>& keys, const JwtHeader& header,
                    const JwsAlgorithm& alg, std::string_view input, std::string_view signature) {
  if (!header.kid.empty()) {
    if (const JwsKey* key = KeyById(keys, header.kid))
      return JwsVerify(*key, alg, input, signature);
  }
  for (const JwsKey& key : keys) {
    if (!key.alg.empty() && key.alg != header.alg) continue;
    if (JwsVerify(key, alg, input, signature)) return true;
  }
  return false;
}

// io.jwt.verify_<alg>(jwt, certificate): the algorithm is the builtin's, whatever the header says.
template <const char* kAlg>
Result<Value> VerifyWithCertificate(BuiltinContext&, std::span<const Value> a) {
  const JwsAlgorithm alg = *FindJwsAlgorithm(kAlg);
  TF_ASSIGN_OR_RETURN(JwtSegments token, SplitJwt(a[0].string()));
  Result<std::vector<JwsKey>> keys = VerificationKeys(a[1].string());
  if (!keys.ok()) return AsBuiltinError(keys.status());
  TF_ASSIGN_OR_RETURN(std::string signature, DecodeJwtSignature(token));
  TF_ASSIGN_OR_RETURN(Value header_json, DecodeJwtHeader(token));
  TF_ASSIGN_OR_RETURN(JwtHeader header, ParseJwtHeader(header_json));
  return Value::Bool(VerifyWithKeys(*keys, header, alg, token.SigningInput(), signature));
}

// io.jwt.verify_hs<bits>(jwt, secret)
template <const char* kAlg>
Result<Value> VerifyWithSecret(BuiltinContext&, std::span<const Value> a) {
  const JwsAlgorithm alg = *FindJwsAlgorithm(kAlg);
  TF_ASSIGN_OR_RETURN(JwtSegments token, SplitJwt(a[0].string()));
  TF_ASSIGN_OR_RETURN(std::string signature, DecodeJwtSignature(token));
  JwsKey key;
  key.secret = a[1].string();
  return Value::Bool(JwsVerify(key, alg, token.SigningInput(), signature));
}

// The constraints object of io.jwt.decode_verify.
struct Constraints {
  bool has_keys = false;
  std::vector<JwsKey> keys;
  std::string secret;
  std::string alg;
  std::string iss;
  std::string aud;
  double time_ns = -1;
};

Status StringConstraint(std::string_view name, const Value& v, std::string* out) {
  if (!v.is_string()) return BuiltinError(std::string(name) + " constraint: must be a string");
  *out = v.string();
  return Status();
}

Result<double> TimeConstraint(const Value& v) {
  if (!v.is_number()) return BuiltinError("token time constraint: must be a number");
  const double t = v.number().ToDouble();
  if (!std::isfinite(t)) return BuiltinError("token time constraint: unvalid float64");
  if (t < 0) return BuiltinError("token time constraint: must not be negative");
  return t;
}

Status ApplyConstraint(const std::string& name, const Value& v, Constraints& c) {
  if (name == "cert") {
    if (!v.is_string()) return BuiltinError("cert constraint: must be a string");
    Result<std::vector<JwsKey>> keys = VerificationKeys(v.string());
    if (!keys.ok()) return AsBuiltinError(keys.status());
    c.keys = std::move(*keys);
    c.has_keys = true;
    return Status();
  }
  if (name == "secret") return StringConstraint(name, v, &c.secret);
  if (name == "alg") return StringConstraint(name, v, &c.alg);
  if (name == "iss") return StringConstraint(name, v, &c.iss);
  if (name == "aud") return StringConstraint(name, v, &c.aud);
  if (name == "time") {
    TF_ASSIGN_OR_RETURN(c.time_ns, TimeConstraint(v));
    return Status();
  }
  return BuiltinError("unknown token validation constraint: " + name);
}

Result<Constraints> ParseConstraints(const Value& object, int64_t now_ns) {
  Constraints c;
  for (const auto& [key, value] : object.object()) {
    TF_RETURN_IF_ERROR(ApplyConstraint(key.is_string() ? key.string() : ToJson(key), value, c));
  }
  if (c.time_ns < 0) {
    TF_ASSIGN_OR_RETURN(c.time_ns, TimeConstraint(Value::Int(now_ns)));
  }
  const int key_sources = (c.has_keys ? 1 : 0) + (c.secret.empty() ? 0 : 1);
  if (key_sources > 1) return BuiltinError("duplicate key constraints");
  if (key_sources < 1) return BuiltinError("no key constraint");
  return c;
}

bool VerifySignature(const Constraints& c, const JwtHeader& header, std::string_view input,
                     std::string_view signature) {
  std::optional<JwsAlgorithm> alg = FindJwsAlgorithm(header.alg);
  if (!alg) return false;
  if (c.has_keys) return VerifyWithKeys(c.keys, header, *alg, input, signature);
  JwsKey key;
  key.secret = c.secret;
  return JwsVerify(key, *alg, input, signature);
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

bool ValidAudience(const Value& aud, const std::string& want) {
  if (aud.is_string()) return aud.string() == want;
  if (!aud.is_array()) return false;
  for (const Value& a : aud.array()) {
    if (a.is_string() && a.string() == want) return true;
  }
  return false;
}

// RFC 7519 §4.1: iss, aud, exp and nbf against the constraints. False means "not verified";
// an error is a malformed claim.
Result<bool> ClaimsHold(const Constraints& c, const Value& claims) {
  if (!c.iss.empty()) {
    const Value* iss = claims.Find("iss");
    if (iss == nullptr || !iss->is_string() || iss->string() != c.iss) return false;
  }
  if (const Value* aud = claims.Find("aud")) {
    if (!ValidAudience(*aud, c.aud)) return false;
  } else if (!c.aud.empty()) {
    return false;
  }
  // Claims are in seconds; OPA compares with the shortest decimal of the float64 quotient.
  const Number now = Number::FromDouble(c.time_ns / kNanosPerSecond);
  if (const Value* exp = claims.Find("exp")) {
    if (!exp->is_number()) return BuiltinError("exp value must be a number");
    if (now.Compare(exp->number()) >= 0) return false;
  }
  if (const Value* nbf = claims.Find("nbf")) {
    if (!nbf->is_number()) return BuiltinError("nbf value must be a number");
    if (now.Compare(nbf->number()) < 0) return false;
  }
  return true;
}

// io.jwt.decode_verify(jwt, constraints): [valid, header, payload], following nested tokens.
Result<Value> DecodeVerify(BuiltinContext& ctx, std::span<const Value> a) {
  const Value unverified =
      Value::Array({Value::Bool(false), Value::EmptyObject(), Value::EmptyObject()});
  TF_ASSIGN_OR_RETURN(Constraints c, ParseConstraints(a[1], ctx.now_ns));
  std::string token = a[0].string();
  Value header_json;
  std::string payload;
  for (int depth = 0;; ++depth) {
    if (depth > kMaxJwtNesting) return BuiltinError("JWT nesting too deep");
    TF_ASSIGN_OR_RETURN(JwtSegments segments, SplitJwt(token));
    TF_ASSIGN_OR_RETURN(header_json, DecodeJwtHeader(segments));
    TF_ASSIGN_OR_RETURN(JwtHeader header, ParseJwtHeader(header_json));
    if (!header.Valid()) return unverified;
    if (!c.alg.empty() && c.alg != header.alg) return unverified;
    TF_ASSIGN_OR_RETURN(std::string signature, DecodeJwtSignature(segments));
    if (!VerifySignature(c, header, segments.SigningInput(), signature)) return unverified;
    TF_ASSIGN_OR_RETURN(payload, DecodeJwtPayload(segments));
    if (!EqualsIgnoringCase(header.cty, "JWT")) break;
    token = std::move(payload);  // RFC 7519 §7.2 step 8: verify the nested token in turn
  }
  TF_ASSIGN_OR_RETURN(Value claims, DecodeJsonObject(payload));
  TF_ASSIGN_OR_RETURN(bool holds, ClaimsHold(c, claims));
  if (!holds) return unverified;
  return Value::Array({Value::Bool(true), header_json, claims});
}

constexpr char kRs256[] = "RS256", kRs384[] = "RS384", kRs512[] = "RS512";
constexpr char kPs256[] = "PS256", kPs384[] = "PS384", kPs512[] = "PS512";
constexpr char kEs256[] = "ES256", kEs384[] = "ES384", kEs512[] = "ES512";
constexpr char kHs256[] = "HS256", kHs384[] = "HS384", kHs512[] = "HS512";
constexpr char kEdDsa[] = "EdDSA";

BuiltinDecl Verifier(std::string_view name, BuiltinFn fn, std::string_view key_name) {
  return {.name = name,
          .params = {{kString, "jwt"}, {kString, key_name}},
          .result = kBoolean,
          .fn = fn};
}

}  // namespace

std::vector<BuiltinDecl> JwtVerifyBuiltins() {
  return {
      Verifier("io.jwt.verify_rs256", VerifyWithCertificate<kRs256>, "certificate"),
      Verifier("io.jwt.verify_rs384", VerifyWithCertificate<kRs384>, "certificate"),
      Verifier("io.jwt.verify_rs512", VerifyWithCertificate<kRs512>, "certificate"),
      Verifier("io.jwt.verify_ps256", VerifyWithCertificate<kPs256>, "certificate"),
      Verifier("io.jwt.verify_ps384", VerifyWithCertificate<kPs384>, "certificate"),
      Verifier("io.jwt.verify_ps512", VerifyWithCertificate<kPs512>, "certificate"),
      Verifier("io.jwt.verify_es256", VerifyWithCertificate<kEs256>, "certificate"),
      Verifier("io.jwt.verify_es384", VerifyWithCertificate<kEs384>, "certificate"),
      Verifier("io.jwt.verify_es512", VerifyWithCertificate<kEs512>, "certificate"),
      Verifier("io.jwt.verify_eddsa", VerifyWithCertificate<kEdDsa>, "certificate"),
      Verifier("io.jwt.verify_hs256", VerifyWithSecret<kHs256>, "secret"),
      Verifier("io.jwt.verify_hs384", VerifyWithSecret<kHs384>, "secret"),
      Verifier("io.jwt.verify_hs512", VerifyWithSecret<kHs512>, "secret"),
      {.name = "io.jwt.decode_verify",
       .params = {{kString, "jwt"}, {kObject, "constraints"}},
       .result = kArray,
       .fn = DecodeVerify},
  };
}

}  // namespace tf::rego::builtins
