#include "cli/ledger_cli.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cli/cli_util.h"

namespace tf::cli {
namespace {

std::string TrimLineEnds(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

}  // namespace

Result<ledger::NoteVerifier> LoadVerifierKey(const std::string& file_or_text) {
  std::error_code ec;
  if (!std::filesystem::exists(file_or_text, ec) && file_or_text.find('+') != std::string::npos) {
    return ledger::NoteVerifier::Parse(file_or_text);
  }
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(file_or_text));
  Result<ledger::NoteVerifier> key = ledger::NoteVerifier::Parse(TrimLineEnds(std::move(text)));
  if (!key.ok()) return key.status().WithContext(file_or_text);
  return key;
}

Result<ledger::NoteSigner> LoadSignerKey(const std::string& file) {
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(file));
  Result<ledger::NoteSigner> key = ledger::NoteSigner::Parse(TrimLineEnds(std::move(text)));
  if (!key.ok()) return key.status().WithContext(file);
  return key;
}

Status WriteSecretFile(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot create " + path + ": " + std::strerror(errno));
  const ssize_t written = ::write(fd, text.data(), text.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(text.size()) || !synced) {
    return IoError("cannot write " + path);
  }
  return Status::Ok();
}

std::string DefaultSigningKeyFile(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "keys" / "checkpoint.key").string();
}

Result<std::unique_ptr<LedgerDir>> OpenLedgerDir(const std::string& data_dir, LedgerAccess access,
                                                 const std::string& key_file) {
  const std::string store_dir = (std::filesystem::path(data_dir) / "ledger").string();
  std::error_code ec;
  const bool exists = std::filesystem::exists(store_dir, ec);
  if (access == LedgerAccess::kReadOnly && !exists) {
    return NotFound(data_dir + " holds no ledger (expected " + store_dir + ")");
  }
  auto dir = std::make_unique<LedgerDir>();
  ledger::LedgerOptions options;
  if (access == LedgerAccess::kAppend) {
    TF_ASSIGN_OR_RETURN(
        options.signer,
        LoadSignerKey(key_file.empty() ? DefaultSigningKeyFile(data_dir) : key_file));
    std::filesystem::create_directories(store_dir, ec);
    if (ec) return IoError("cannot create " + store_dir + ": " + ec.message());
  }
  ledger::RocksDbStoreOptions store_options;
  store_options.create_if_missing = access == LedgerAccess::kAppend;
  Result<std::unique_ptr<ledger::RocksDbStore>> store =
      ledger::RocksDbStore::Open(store_dir, store_options);
  if (!store.ok()) return store.status().WithContext(store_dir);
  dir->store = std::move(*store);
  options.store = dir->store.get();
  options.clock = &dir->clock;
  Result<std::unique_ptr<ledger::Ledger>> opened = ledger::Ledger::Open(std::move(options));
  if (!opened.ok()) return opened.status().WithContext(data_dir);
  dir->ledger = std::move(*opened);
  return dir;
}

}  // namespace tf::cli
