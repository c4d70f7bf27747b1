#include "server/authenticator.h"

#include "ledger/entry.h"
#include "server/http_message.h"

namespace tf::server {
namespace {

constexpr std::string_view kBearerPrefix = "Bearer ";
constexpr std::string_view kRealm = "trust-fabric";

// Quoted-string contents for a challenge attribute: no quotes, backslashes or controls.
std::string ChallengeText(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out;
}

Status AddScopes(const Value& v, std::set<std::string, std::less<>>& out) {
  if (v.is_string()) {
    std::string_view s = v.string();
    while (!s.empty()) {
      const size_t sp = s.find(' ');
      const std::string_view word = s.substr(0, sp);
      if (!word.empty()) out.emplace(word);
      if (sp == std::string_view::npos) break;
      s.remove_prefix(sp + 1);
    }
    return Status::Ok();
  }
  if (v.is_array()) {
    for (const Value& item : v.array()) {
      if (!item.is_string())
        return Status(ErrorCode::kAuthTokenMalformed, "a scope is not a string");
      out.emplace(item.string());
    }
    return Status::Ok();
  }
  return Status(ErrorCode::kAuthTokenMalformed, "the scope claim is neither a string nor an array");
}

}  // namespace

Authenticator::Authenticator(AuthOptions options, JwksProvider& jwks, const Clock& clock)
    : options_(std::move(options)), jwks_(jwks), clock_(clock) {}

Result<Principal> Authenticator::PrincipalFromClaims(const Value& claims) const {
  Principal p;
  if (const Value* sub = claims.Find("sub"); sub != nullptr && sub->is_string())
    p.subject = sub->string();
  const Value* tenant = claims.Find(options_.tenant_claim);
  if (tenant == nullptr || !tenant->is_string()) {
    return Status(ErrorCode::kAuthTenantMissing,
                  "token has no '" + options_.tenant_claim + "' claim naming the tenant");
  }
  if (!ledger::ValidateTenant(tenant->string()).ok()) {
    return Status(ErrorCode::kAuthTenantMissing,
                  "the '" + options_.tenant_claim + "' claim is not a valid tenant id");
  }
  p.tenant = tenant->string();
  if (const Value* scope = claims.Find(options_.scope_claim); scope != nullptr) {
    TF_RETURN_IF_ERROR(AddScopes(*scope, p.scopes));
  } else if (const Value* scp = claims.Find("scp"); scp != nullptr) {
    TF_RETURN_IF_ERROR(AddScopes(*scp, p.scopes));
  }
  TF_ASSIGN_OR_RETURN(p.expires_at_nanos, NumericDateNanos(*claims.Find("exp")));
  return p;
}

Result<Principal> Authenticator::Verify(std::string_view token, const JwkSetRef& keys) {
  TF_ASSIGN_OR_RETURN(ParsedJwt jwt, ParseJwt(token));
  JwkSetRef checked_with = keys;
  Status sig = VerifyJwtSignature(jwt, *checked_with);
  if (sig.code() == ErrorCode::kAuthUnknownKey && !jwt.header.kid.empty()) {
    // The IdP may have rotated its keys: ask for a fresh set (rate-limited by the provider).
    TF_ASSIGN_OR_RETURN(checked_with, jwks_.KeysForUnknownKid(jwt.header.kid));
    sig = VerifyJwtSignature(jwt, *checked_with);
  }
  TF_RETURN_IF_ERROR(sig);
  TF_RETURN_IF_ERROR(VerifyJwtClaims(jwt.claims, options_.rules, clock_.NowNanos()));
  TF_ASSIGN_OR_RETURN(Principal p, PrincipalFromClaims(jwt.claims));
  int64_t nbf = 0;
  if (const Value* v = jwt.claims.Find("nbf"); v != nullptr) {
    TF_ASSIGN_OR_RETURN(nbf, NumericDateNanos(*v));
  }
  const int64_t now = clock_.NowNanos();
  std::lock_guard<std::mutex> lock(mu_);
  // The cache holds tokens checked with one set: the one this token was checked with.
  if (cache_keys_ != checked_with || cache_.size() >= options_.token_cache_entries) {
    cache_.clear();
    cache_keys_ = checked_with;
  }
  cache_[std::string(token)] = Cached{p, nbf, now + options_.token_cache_ttl_nanos};
  return p;
}

Result<Principal> Authenticator::Authenticate(const std::string* authorization) {
  if (authorization == nullptr || authorization->empty()) {
    return Status(ErrorCode::kAuthTokenMissing, "this route needs a bearer token");
  }
  // RFC 6750 §2.1 (the scheme is case-insensitive, RFC 9110 §11.1).
  if (authorization->size() <= kBearerPrefix.size() ||
      AsciiLower(std::string_view(*authorization).substr(0, kBearerPrefix.size())) != "bearer ") {
    return Status(ErrorCode::kAuthTokenMissing, "the Authorization header is not a Bearer token");
  }
  const std::string_view token = std::string_view(*authorization).substr(kBearerPrefix.size());
  TF_ASSIGN_OR_RETURN(JwkSetRef keys, jwks_.Keys());
  const int64_t now = clock_.NowNanos();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (cache_keys_ != keys) {
      cache_.clear();  // the keys changed: nothing checked with the old set is trusted
      cache_keys_ = keys;
    }
    auto it = cache_.find(std::string(token));
    if (it != cache_.end()) {
      const Cached& c = it->second;
      const int64_t skew = options_.rules.clock_skew_nanos;
      if (now >= c.principal.expires_at_nanos + skew) {
        cache_.erase(it);
        return Status(ErrorCode::kAuthTokenExpired, "token expired");
      }
      if (now >= c.trusted_until_nanos) {
        cache_.erase(it);  // checked again below, signature included
      } else if (now + skew >= c.not_before_nanos) {
        return c.principal;
      }
    }
  }
  return Verify(token, keys);
}

std::string BearerChallenge(const Status& status, std::string_view required_scope) {
  std::string out = "Bearer realm=\"" + std::string(kRealm) + "\"";
  switch (status.code()) {
    case ErrorCode::kAuthTokenMissing:
      return out;
    case ErrorCode::kAuthInsufficientScope:
      out += ", error=\"insufficient_scope\"";
      if (!required_scope.empty()) out += ", scope=\"" + ChallengeText(required_scope) + "\"";
      return out;
    default:
      out += ", error=\"invalid_token\", error_description=\"" + ChallengeText(status.message()) +
             "\"";
      return out;
  }
}

}  // namespace tf::server
