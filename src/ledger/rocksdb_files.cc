#include "ledger/rocksdb_files.h"

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/transaction_log.h>

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

namespace tf::ledger {
namespace {

constexpr size_t kKeptInfoLogs = 4;

// The number of a WAL file name such as "000123.log"; 0 (never a WAL's number) otherwise.
uint64_t WalNumber(const std::string& name) {
  constexpr std::string_view kSuffix = ".log";
  if (name.size() <= kSuffix.size() || !name.ends_with(kSuffix)) return 0;
  uint64_t number = 0;
  const char* end = name.data() + name.size() - kSuffix.size();
  auto [ptr, ec] = std::from_chars(name.data(), end, number);
  return ec == std::errc() && ptr == end ? number : 0;
}

}  // namespace

void LimitInfoLogs(rocksdb::DBOptions& options) {
  options.keep_log_file_num = kKeptInfoLogs;
}

void RemoveEmptyOldWals(rocksdb::DB& db) {
  std::unique_ptr<rocksdb::LogFile> current;
  if (!db.GetCurrentWalFile(&current).ok() || current == nullptr) return;
  const uint64_t current_number = current->LogNumber();
  const std::string& wal_dir = db.GetOptions().wal_dir;
  std::error_code ec;
  std::filesystem::directory_iterator it(wal_dir.empty() ? db.GetName() : wal_dir, ec);
  for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    const uint64_t number = WalNumber(it->path().filename().string());
    if (number == 0 || number >= current_number) continue;
    std::error_code file_ec;
    if (it->is_regular_file(file_ec) && it->file_size(file_ec) == 0 && !file_ec)
      std::filesystem::remove(it->path(), file_ec);
  }
}

}  // namespace tf::ledger
