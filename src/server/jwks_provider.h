// File: server/jwks_provider.h
//
// Where verification keys come from. `JwksProvider` hands the authenticator the current key set;
// two sources implement it:
//
//  - `StaticJwksProvider`: a JWKS file (re-read on SIGHUP through Reload) or a set built in
//    memory (development mode).
//  - `RemoteJwksProvider`: an HTTPS JWKS URL, cached for `cache_ttl`; refetched when the cache
//    expires and, at most once per `min_refetch_interval`, when a token names an unknown `kid`
//    (key rotation at the IdP). When a refetch fails the last set is used for up to
//    `max_stale` past its TTL; after that, or when no set was ever fetched, every request fails
//    closed with kAuthKeysUnavailable (503), never open.
//
// Key sets are shared as `shared_ptr<const JwkSet>`: a refetch swaps in a new set while requests
// still verify with the one they took, and the last reader frees the old set.
//
// Thread safety: all methods may be called concurrently.
#ifndef TF_SERVER_JWKS_PROVIDER_H_
#define TF_SERVER_JWKS_PROVIDER_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "server/auth_config.h"
#include "server/jwk.h"

namespace tf::server {

using JwkSetRef = std::shared_ptr<const JwkSet>;

class JwksProvider {
 public:
  virtual ~JwksProvider() = default;
  // The set to verify with now; kAuthKeysUnavailable when there is none.
  virtual Result<JwkSetRef> Keys() = 0;
  // A token named `kid`, which the set from Keys() lacks: refetch if the source allows it now
  // and return the newest set (which may still lack the kid).
  virtual Result<JwkSetRef> KeysForUnknownKid(std::string_view kid) = 0;
  // Re-reads the source now (SIGHUP); on failure the current set stays.
  virtual Status Reload() = 0;
};

class StaticJwksProvider final : public JwksProvider {
 public:
  static Result<std::unique_ptr<StaticJwksProvider>> FromFile(std::string path);
  static std::unique_ptr<StaticJwksProvider> FromSet(JwkSet set);

  Result<JwkSetRef> Keys() override;
  Result<JwkSetRef> KeysForUnknownKid(std::string_view kid) override { return Keys(); }
  Status Reload() override;

 private:
  explicit StaticJwksProvider(std::string path) : path_(std::move(path)) {}
  const std::string path_;  // empty for an in-memory set
  std::mutex mu_;
  JwkSetRef set_;  // guarded by mu_
};

// Fetches a document over HTTPS. The production fetcher is HttpsFetcher (https_fetcher.h).
class JwksFetcher {
 public:
  virtual ~JwksFetcher() = default;
  // The response body of GET `url` when the status is 200; kUnavailable otherwise.
  virtual Result<std::string> Fetch(const std::string& url) = 0;
};

class RemoteJwksProvider final : public JwksProvider {
 public:
  // `fetcher` and `clock` are not owned and must outlive the provider. No fetch happens here.
  RemoteJwksProvider(JwksConfig config, JwksFetcher& fetcher, const Clock& clock);

  Result<JwkSetRef> Keys() override;
  Result<JwkSetRef> KeysForUnknownKid(std::string_view kid) override;
  Status Reload() override;

  // The last fetch error (OK after a success); for /readyz and logs.
  Status last_error() const;

 private:
  // Fetches if the last attempt is at least `min_interval` ago. REQUIRES: fetch_mu_ held.
  void MaybeFetch(int64_t min_interval);
  Result<JwkSetRef> Usable(int64_t now) const;  // REQUIRES: mu_ held.

  const JwksConfig config_;
  JwksFetcher& fetcher_;
  const Clock& clock_;
  std::mutex fetch_mu_;  // one fetch at a time; taken before mu_
  mutable std::mutex mu_;
  JwkSetRef set_;             // guarded by mu_
  int64_t fetched_at_ = 0;    // guarded by mu_
  bool attempted_ = false;    // guarded by mu_
  int64_t last_attempt_ = 0;  // guarded by mu_
  Status last_error_;         // guarded by mu_
};

}  // namespace tf::server

#endif  // TF_SERVER_JWKS_PROVIDER_H_
