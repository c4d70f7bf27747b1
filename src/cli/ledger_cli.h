// File: cli/ledger_cli.h
//
// What the ledger subcommands (`proof keygen|receipt|ledger|evidence|merkle`) share: reading
// note keys from files and opening a data directory laid out like `proof serve`'s:
//
//   <data>/ledger/             the RocksDB store
//   <data>/keys/checkpoint.key the checkpoint signing key (needed only to append)
//   <data>/keys/checkpoint.pub its verifier key
#ifndef TF_CLI_LEDGER_CLI_H_
#define TF_CLI_LEDGER_CLI_H_

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "ledger/ledger.h"
#include "ledger/note_key.h"
#include "ledger/rocksdb_store.h"

namespace tf::cli {

// Exit code of a verification that ran and found the data wrong (a rejected receipt, a failed
// audit); usage and I/O errors exit kExitError.
inline constexpr int kExitRejected = 1;

// A verifier key from a file holding its text, or the key text itself.
Result<ledger::NoteVerifier> LoadVerifierKey(const std::string& file_or_text);
Result<ledger::NoteSigner> LoadSignerKey(const std::string& file);

// Writes `text` to a new file with mode 0600 (O_EXCL: never overwrites) and syncs it.
Status WriteSecretFile(const std::string& path, const std::string& text);

std::string DefaultSigningKeyFile(const std::string& data_dir);

// An open data directory. Destruction closes the ledger before the store.
struct LedgerDir {
  SystemClock clock;
  std::unique_ptr<ledger::RocksDbStore> store;
  std::unique_ptr<ledger::Ledger> ledger;
};

enum class LedgerAccess : uint8_t { kReadOnly, kAppend };

// Opens `data_dir`. kAppend loads the signing key from `key_file` (empty: the default) and
// creates the log if the directory holds none; kReadOnly needs no key and an existing log.
Result<std::unique_ptr<LedgerDir>> OpenLedgerDir(const std::string& data_dir, LedgerAccess access,
                                                 const std::string& key_file = "");

}  // namespace tf::cli

#endif  // TF_CLI_LEDGER_CLI_H_
