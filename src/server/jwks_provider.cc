#include "server/jwks_provider.h"

#include <fstream>
#include <sstream>

namespace tf::server {
namespace {

Status Unavailable(std::string message) {
  return Status(ErrorCode::kAuthKeysUnavailable, std::move(message));
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unavailable("cannot read JWKS file " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

Result<std::unique_ptr<StaticJwksProvider>> StaticJwksProvider::FromFile(std::string path) {
  std::unique_ptr<StaticJwksProvider> p(new StaticJwksProvider(std::move(path)));
  TF_RETURN_IF_ERROR(p->Reload());
  return p;
}

std::unique_ptr<StaticJwksProvider> StaticJwksProvider::FromSet(JwkSet set) {
  std::unique_ptr<StaticJwksProvider> p(new StaticJwksProvider(""));
  p->set_ = std::make_shared<const JwkSet>(std::move(set));
  return p;
}

Result<JwkSetRef> StaticJwksProvider::Keys() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!set_) return Unavailable("no JWKS loaded");
  return set_;
}

Status StaticJwksProvider::Reload() {
  if (path_.empty()) return Status::Ok();
  TF_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path_));
  Result<JwkSet> set = JwkSet::Parse(text);
  if (!set.ok()) return set.status().WithContext(path_);
  std::lock_guard<std::mutex> lock(mu_);
  set_ = std::make_shared<const JwkSet>(std::move(set).value());
  return Status::Ok();
}

RemoteJwksProvider::RemoteJwksProvider(JwksConfig config, JwksFetcher& fetcher, const Clock& clock)
    : config_(std::move(config)), fetcher_(fetcher), clock_(clock) {}

Result<JwkSetRef> RemoteJwksProvider::Usable(int64_t now) const {
  if (set_ && now - fetched_at_ < config_.cache_ttl_nanos + config_.max_stale_nanos) return set_;
  if (!attempted_) return Unavailable("the JWKS has not been fetched yet");
  return Unavailable("the JWKS cannot be fetched from " + config_.url + ": " +
                     std::string(last_error_.message()));
}

void RemoteJwksProvider::MaybeFetch(int64_t min_interval) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    const int64_t now = clock_.NowNanos();
    if (attempted_ && now - last_attempt_ < min_interval) return;
    attempted_ = true;
    last_attempt_ = now;
  }
  Result<std::string> body = fetcher_.Fetch(config_.url);
  Result<JwkSet> set = body.ok() ? JwkSet::Parse(*body) : Result<JwkSet>(body.status());
  std::lock_guard<std::mutex> lock(mu_);
  if (!set.ok()) {
    last_error_ = set.status();
    return;
  }
  set_ = std::make_shared<const JwkSet>(std::move(set).value());
  fetched_at_ = clock_.NowNanos();
  last_error_ = Status::Ok();
}

Result<JwkSetRef> RemoteJwksProvider::Keys() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (set_ && clock_.NowNanos() - fetched_at_ < config_.cache_ttl_nanos) return set_;
  }
  // Expired or never fetched. While another thread fetches, serve a set that is still usable
  // rather than queue behind it; wait only when there is nothing usable.
  std::unique_lock<std::mutex> fetching(fetch_mu_, std::try_to_lock);
  if (!fetching.owns_lock()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      Result<JwkSetRef> usable = Usable(clock_.NowNanos());
      if (usable.ok()) return usable;
    }
    fetching.lock();
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (set_ && clock_.NowNanos() - fetched_at_ < config_.cache_ttl_nanos) return set_;
  }
  // After a failed attempt, retry no more often than the refetch interval.
  MaybeFetch(config_.min_refetch_interval_nanos);
  std::lock_guard<std::mutex> lock(mu_);
  return Usable(clock_.NowNanos());
}

Result<JwkSetRef> RemoteJwksProvider::KeysForUnknownKid(std::string_view kid) {
  {
    std::lock_guard<std::mutex> fetching(fetch_mu_);
    {
      std::lock_guard<std::mutex> lock(mu_);
      // Another request may have fetched the rotated set while this one waited.
      if (set_ && set_->HasKid(kid)) return set_;
    }
    MaybeFetch(config_.min_refetch_interval_nanos);
  }
  std::lock_guard<std::mutex> lock(mu_);
  return Usable(clock_.NowNanos());
}

Status RemoteJwksProvider::Reload() {
  {
    std::lock_guard<std::mutex> fetching(fetch_mu_);
    MaybeFetch(0);
  }
  return last_error();
}

Status RemoteJwksProvider::last_error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_error_;
}

}  // namespace tf::server
