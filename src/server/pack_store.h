// File: server/pack_store.h
//
// `PackStore`: the compiled policy packs the server decides with. Two kinds:
//
//  - tenant packs, uploaded with PUT /v1/packs/{id}: visible to the uploading tenant only,
//    persisted under `<data>/packs/tenant-<tenant>/<id>/<pack hash>/` with a `current` file
//    naming the active version, and recompiled at start-up;
//  - shared packs, read at start-up from the configured `packs.dir` (one folder per pack,
//    read-only): visible to every tenant unless the tenant has its own pack with that id.
//
// Installing compiles first and swaps the new version in only when it compiled, so a bad upload
// leaves the previous version serving. Compiled packs are shared as
// `shared_ptr<const CompiledPack>` (see policy/README.md): a request keeps the version it started
// with even if a new one is installed meanwhile.
//
// Thread safety: all methods may be called concurrently; Find takes a shared lock.
#ifndef TF_SERVER_PACK_STORE_H_
#define TF_SERVER_PACK_STORE_H_

#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/logger.h"
#include "core/status.h"
#include "policy/compiled_pack.h"
#include "policy/pack_files.h"

namespace tf::server {

using CompiledPackRef = std::shared_ptr<const policy::CompiledPack>;

struct StoredPack {
  CompiledPackRef pack;
  bool shared = false;  // from packs.dir rather than uploaded by the tenant

  // "id@<first 12 hex digits of the pack hash>": how the access log names the pack.
  std::string LogLabel() const;
};

// Pack ids in URLs and on disk, as policy::IsValidPackId; kBadRequest otherwise.
Status ValidatePackId(std::string_view id);

class PackStore {
 public:
  // `dir` holds tenant packs (created if missing); `shared_dir` may be empty. Packs that no
  // longer compile are logged and skipped; I/O errors fail.
  static Result<std::unique_ptr<PackStore>> Open(std::string dir, const std::string& shared_dir,
                                                 Logger& logger);

  // The tenant's own pack `id`, else the shared one; kPackNotFound "no pack 'id' for this
  // tenant" when neither exists.
  Result<StoredPack> Find(std::string_view tenant, std::string_view id) const;
  // The packs `tenant` can use, by id (its own shadow shared ones).
  std::vector<StoredPack> List(std::string_view tenant) const;

  // Validates and compiles `files` as pack `id` for `tenant`, persists it and makes it current.
  // Errors: the pack module's (kPackManifestInvalid, rego_parse_error … with file:line:col),
  // kPackManifestInvalid when pack.yaml names another id, kIoError.
  Result<StoredPack> Install(std::string_view tenant, std::string_view id, policy::PackFiles files);

  size_t size() const;

 private:
  PackStore(std::string dir, Logger& logger) : dir_(std::move(dir)), logger_(logger) {}
  Status LoadTenantPacks();
  Status LoadSharedPacks(const std::string& shared_dir);
  Status Persist(std::string_view tenant, const policy::CompiledPack& pack);

  using Key = std::pair<std::string, std::string>;  // (tenant, id); tenant "" for shared
  const std::string dir_;
  Logger& logger_;
  std::mutex install_mu_;  // one install at a time (rare; keeps the files consistent)
  mutable std::shared_mutex mu_;
  std::map<Key, StoredPack, std::less<>> packs_;  // guarded by mu_
};

}  // namespace tf::server

#endif  // TF_SERVER_PACK_STORE_H_
