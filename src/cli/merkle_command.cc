// `proof merkle verify-inclusion FILE…` / `verify-consistency FILE…`: runs the RFC 9162 proof
// verifier on test vectors in transparency-dev/merkle's JSON format (ledger/proof_vector.h).
// Prints `ok` or `rejected: REASON` per file, marked when the outcome is not the file's wantErr,
// and a last line saying whether every outcome matched.
//
// Exit codes: 0 every outcome matches its wantErr; 1 some do not; 2 a file is unreadable or not
// a vector.
#include <iostream>

#include "cli/cli_util.h"
#include "cli/command.h"
#include "cli/ledger_cli.h"
#include "ledger/proof_vector.h"

namespace tf::cli {
namespace {

int RunVectors(ledger::ProofVectorKind kind, const std::vector<std::string>& files) {
  size_t mismatched = 0;
  for (const std::string& file : files) {
    Result<std::string> text = ReadFile(file);
    if (!text.ok()) return ReportError(text.status());
    Result<ledger::ProofVectorResult> result = ledger::CheckProofVector(kind, *text);
    if (!result.ok()) return ReportError(result.status().WithContext(file));
    std::cout << file << ": "
              << (result->outcome.ok() ? "ok" : "rejected: " + result->outcome.ToString());
    if (!result->Matches()) {
      ++mismatched;
      std::cout << "  MISMATCH: wantErr is " << (result->want_error ? "true" : "false");
    }
    std::cout << "\n";
  }
  if (mismatched == 0) {
    std::cout << "all " << files.size() << " outcomes match wantErr\n";
    return 0;
  }
  std::cout << mismatched << " of " << files.size() << " outcomes do not match wantErr\n";
  return kExitRejected;
}

}  // namespace

void AddMerkleCommand(CLI::App& app, CommandEnv& env) {
  CLI::App* merkle = app.add_subcommand("merkle", "RFC 9162 Merkle proof test vectors");
  merkle->require_subcommand(1);
  auto files = std::make_shared<std::vector<std::string>>();
  struct Verb {
    const char* name;
    const char* help;
    ledger::ProofVectorKind kind;
  };
  for (const Verb& verb : {Verb{"verify-inclusion", "Check inclusion-proof vector files",
                                ledger::ProofVectorKind::kInclusion},
                           Verb{"verify-consistency", "Check consistency-proof vector files",
                                ledger::ProofVectorKind::kConsistency}}) {
    CLI::App* cmd = merkle->add_subcommand(verb.name, verb.help);
    cmd->add_option("files", *files, "Vector JSON files")->required();
    const ledger::ProofVectorKind kind = verb.kind;
    cmd->callback([files, kind, &env] { env.exit_code = RunVectors(kind, *files); });
  }
}

}  // namespace tf::cli
