// File: server/signing_key_file.h
//
// The ledger's checkpoint signing key on disk: `<data>/keys/checkpoint.key` (the C2SP note
// signer key, mode 0600) and `checkpoint.pub` beside it (the verifier key that
// `proof receipt verify --key` takes). A new data directory gets a fresh key from the injected
// randomness; an existing key is never replaced (the log is bound to it for life).
#ifndef TF_SERVER_SIGNING_KEY_FILE_H_
#define TF_SERVER_SIGNING_KEY_FILE_H_

#include <string>

#include "core/random.h"
#include "core/status.h"
#include "ledger/note_key.h"

namespace tf::server {

struct SigningKeyFiles {
  ledger::NoteSigner signer;
  std::string key_file;
  std::string public_key_file;
  bool created = false;
};

// Reads `key_file`, or creates it (and its directory) with a new key named `key_name` when it
// does not exist. The public key is (re)written next to it as `<stem>.pub`.
Result<SigningKeyFiles> LoadOrCreateSigningKey(const std::string& key_file,
                                               const std::string& key_name, RandomSource& random);

}  // namespace tf::server

#endif  // TF_SERVER_SIGNING_KEY_FILE_H_
