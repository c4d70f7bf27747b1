// `proof receipt verify RECEIPT.json --key PUB`: verifies a receipt offline, with nothing but the
// receipt and the log's verifier key (a file, or the key text). Checks the checkpoint's
// signature, the entry's leaf hash and the inclusion proof up to the checkpoint's root
// (ledger/receipt.h, docs/RECEIPTS.md).
//
// Exit codes: 0 every check holds; 1 the receipt is rejected (the message names the check that
// failed); 2 errors (unreadable file, unusable key).
#include <iostream>

#include "cli/cli_util.h"
#include "cli/command.h"
#include "cli/ledger_cli.h"
#include "core/sha256.h"
#include "ledger/receipt.h"
#include "ledger/timestamp.h"

namespace tf::cli {
namespace {

struct ReceiptVerifyArgs {
  std::string receipt_path;
  std::string key;
};

int RunReceiptVerify(const ReceiptVerifyArgs& args) {
  Result<ledger::NoteVerifier> key = LoadVerifierKey(args.key);
  if (!key.ok()) return ReportError(key.status().WithContext("--key"));
  Result<std::string> text = ReadFile(args.receipt_path);
  if (!text.ok()) return ReportError(text.status());
  Result<ledger::VerifiedReceipt> verified = ledger::VerifyReceiptJson(*text, *key);
  if (!verified.ok()) {
    std::cout << args.receipt_path << ": rejected: " << verified.status().ToString() << "\n";
    return kExitRejected;
  }
  const ledger::Entry& entry = verified->entry;
  std::cout << args.receipt_path << ": ok\n"
            << "  checkpoint signature: ok (" << key->ToText() << ")\n"
            << "  entry hash: ok (leaf hash " << ledger::HashToBase64(verified->leaf_hash) << ")\n"
            << "  inclusion proof: ok (leaf " << entry.seq << " of " << verified->checkpoint.size
            << ", root " << ledger::HashToBase64(verified->checkpoint.root) << ")\n"
            << "  origin: " << verified->checkpoint.origin << "\n"
            << "  entry: tenant " << entry.tenant << ", kind " << entry.kind << ", time "
            << ledger::FormatTimestamp(entry.time_nanos) << ", content_hash "
            << DigestHex(entry.content_hash) << "\n";
  return 0;
}

}  // namespace

void AddReceiptCommand(CLI::App& app, CommandEnv& env) {
  CLI::App* receipt = app.add_subcommand("receipt", "Work with ledger receipts");
  receipt->require_subcommand(1);
  auto args = std::make_shared<ReceiptVerifyArgs>();
  CLI::App* verify = receipt->add_subcommand(
      "verify", "Verify a receipt offline: checkpoint signature, entry hash, inclusion proof");
  verify->add_option("receipt", args->receipt_path, "Receipt JSON file")->required();
  verify->add_option("--key,-k", args->key, "The log's verifier key: a .pub file or the key text")
      ->required();
  verify->callback([args, &env] { env.exit_code = RunReceiptVerify(*args); });
}

}  // namespace tf::cli
