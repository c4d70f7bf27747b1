#include "server/pack_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "ledger/entry.h"
#include "policy/manifest.h"
#include "policy/pack.h"

namespace tf::server {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTenantPrefix = "tenant-";
constexpr std::string_view kCurrentFile = "current";

// Directory names carry a prefix so that no tenant id (".." is a valid one) can name a path
// outside the packs directory.
std::string TenantDir(std::string_view tenant) {
  return std::string(kTenantPrefix) + std::string(tenant);
}

Status WriteDurably(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("cannot create " + path.string());
  const ssize_t n = ::write(fd, bytes.data(), bytes.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (n != static_cast<ssize_t>(bytes.size()) || !synced)
    return IoError("cannot write " + path.string());
  return Status::Ok();
}

Result<CompiledPackRef> CompileFiles(policy::PackFiles files, const std::string& origin) {
  policy::PackLoadOptions options;
  options.origin = origin;
  TF_ASSIGN_OR_RETURN(policy::Pack pack, policy::LoadPackFromFiles(std::move(files), options));
  TF_ASSIGN_OR_RETURN(std::unique_ptr<policy::CompiledPack> compiled,
                      policy::CompiledPack::Compile(std::move(pack)));
  return CompiledPackRef(std::move(compiled));
}

Result<CompiledPackRef> CompileDirectory(const std::string& dir) {
  TF_ASSIGN_OR_RETURN(policy::PackFiles files, policy::ReadPackDirectory(dir));
  return CompileFiles(std::move(files), dir);
}

}  // namespace

Status ValidatePackId(std::string_view id) {
  return policy::IsValidPackId(id)
             ? Status::Ok()
             : Status(
                   ErrorCode::kBadRequest,
                   "a pack id is 1..64 characters of [a-z0-9._-], starting with a letter or digit");
}

Result<std::unique_ptr<PackStore>> PackStore::Open(std::string dir, const std::string& shared_dir,
                                                   Logger& logger) {
  std::unique_ptr<PackStore> store(new PackStore(std::move(dir), logger));
  std::error_code ec;
  fs::create_directories(store->dir_, ec);
  if (ec) return IoError("cannot create " + store->dir_ + ": " + ec.message());
  if (!shared_dir.empty()) TF_RETURN_IF_ERROR(store->LoadSharedPacks(shared_dir));
  TF_RETURN_IF_ERROR(store->LoadTenantPacks());
  return store;
}

Status PackStore::LoadSharedPacks(const std::string& shared_dir) {
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(shared_dir, ec)) {
    if (!e.is_directory() || !fs::exists(e.path() / "pack.yaml")) continue;
    Result<CompiledPackRef> pack = CompileDirectory(e.path().string());
    if (!pack.ok()) {
      logger_.Error(
          "pack_load_failed",
          Value::Object({{Value::String("dir"), Value::String(e.path().string())},
                         {Value::String("reason"), Value::String(pack.status().ToString())}}));
      continue;
    }
    packs_[{"", (*pack)->id()}] = StoredPack{*pack, true};
  }
  if (ec) return IoError("cannot read packs directory " + shared_dir + ": " + ec.message());
  return Status::Ok();
}

Status PackStore::LoadTenantPacks() {
  std::error_code ec;
  for (const fs::directory_entry& t : fs::directory_iterator(dir_, ec)) {
    const std::string name = t.path().filename().string();
    if (!t.is_directory() || name.rfind(kTenantPrefix, 0) != 0) continue;
    const std::string tenant = name.substr(kTenantPrefix.size());
    for (const fs::directory_entry& p : fs::directory_iterator(t.path(), ec)) {
      std::ifstream in(p.path() / kCurrentFile);
      std::string hash;
      if (!(in >> hash)) continue;
      Result<CompiledPackRef> pack = CompileDirectory((p.path() / hash).string());
      if (!pack.ok()) {
        logger_.Error(
            "pack_load_failed",
            Value::Object({{Value::String("tenant"), Value::String(tenant)},
                           {Value::String("dir"), Value::String(p.path().string())},
                           {Value::String("reason"), Value::String(pack.status().ToString())}}));
        continue;
      }
      packs_[{tenant, (*pack)->id()}] = StoredPack{*pack, false};
    }
  }
  if (ec) return IoError("cannot read " + dir_ + ": " + ec.message());
  return Status::Ok();
}

std::string StoredPack::LogLabel() const {
  return pack->id() + "@" + pack->hash().substr(0, 12);
}

Result<StoredPack> PackStore::Find(std::string_view tenant, std::string_view id) const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  auto it = packs_.find(Key(std::string(tenant), std::string(id)));
  if (it != packs_.end()) return it->second;
  it = packs_.find(Key(std::string(), std::string(id)));
  if (it != packs_.end()) return it->second;
  return Status(ErrorCode::kPackNotFound, "no pack '" + std::string(id) + "' for this tenant");
}

std::vector<StoredPack> PackStore::List(std::string_view tenant) const {
  std::map<std::string, StoredPack> visible;
  std::shared_lock<std::shared_mutex> lock(mu_);
  for (const auto& [key, pack] : packs_) {
    if (key.first.empty()) visible.emplace(key.second, pack);
  }
  for (const auto& [key, pack] : packs_) {
    if (key.first == tenant) visible[key.second] = pack;
  }
  std::vector<StoredPack> out;
  for (auto& [id, pack] : visible)
    out.push_back(std::move(pack));
  return out;
}

size_t PackStore::size() const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  return packs_.size();
}

Status PackStore::Persist(std::string_view tenant, const policy::CompiledPack& pack) {
  const fs::path base = fs::path(dir_) / TenantDir(tenant) / pack.id();
  const fs::path version = base / pack.hash();
  std::error_code ec;
  if (!fs::exists(version / "pack.yaml", ec)) {
    // Content-addressed: write beside, then rename into place, so a crash never leaves a
    // half-written version under its hash.
    const fs::path staging = base / (pack.hash() + ".staging");
    fs::remove_all(staging, ec);
    for (const auto& [path, bytes] : pack.pack().files) {
      const fs::path file = staging / path;
      fs::create_directories(file.parent_path(), ec);
      if (ec) return IoError("cannot create " + file.parent_path().string() + ": " + ec.message());
      TF_RETURN_IF_ERROR(WriteDurably(file, bytes));
    }
    fs::remove_all(version, ec);
    fs::rename(staging, version, ec);
    if (ec) return IoError("cannot install " + version.string() + ": " + ec.message());
  }
  const fs::path tmp = base / "current.tmp";
  TF_RETURN_IF_ERROR(WriteDurably(tmp, pack.hash() + "\n"));
  fs::rename(tmp, base / kCurrentFile, ec);
  if (ec) return IoError("cannot update " + (base / kCurrentFile).string() + ": " + ec.message());
  return Status::Ok();
}

Result<StoredPack> PackStore::Install(std::string_view tenant, std::string_view id,
                                      policy::PackFiles files) {
  TF_RETURN_IF_ERROR(ValidatePackId(id));
  TF_RETURN_IF_ERROR(ledger::ValidateTenant(tenant));
  TF_ASSIGN_OR_RETURN(CompiledPackRef pack, CompileFiles(std::move(files), ""));
  if (pack->id() != id) {
    return Status(
        ErrorCode::kPackManifestInvalid,
        "pack.yaml: id '" + pack->id() + "' does not match the URL's '" + std::string(id) + "'");
  }
  std::lock_guard<std::mutex> install(install_mu_);
  TF_RETURN_IF_ERROR(Persist(tenant, *pack));
  StoredPack stored{pack, false};
  std::unique_lock<std::shared_mutex> lock(mu_);
  packs_[{std::string(tenant), std::string(id)}] = stored;
  return stored;
}

}  // namespace tf::server
