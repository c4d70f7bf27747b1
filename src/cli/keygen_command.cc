// `proof keygen --name NAME --out FILE`: a new Ed25519 checkpoint signing key in the C2SP note
// key format. Writes FILE (the signer key, mode 0600, never overwritten) and FILE's stem + ".pub"
// (the verifier key `proof receipt verify --key` takes), and prints the verifier key.
//
// Exit codes: 0 written; 2 errors (bad name, FILE exists, I/O).
#include <filesystem>
#include <iostream>

#include "cli/cli_util.h"
#include "cli/command.h"
#include "cli/ledger_cli.h"
#include "core/random.h"
#include "ledger/note_key.h"

namespace tf::cli {
namespace {

struct KeygenArgs {
  std::string name = "trust-fabric.local/log";
  std::string out;
};

std::string PublicKeyPathFor(const std::string& key_file) {
  const std::filesystem::path p(key_file);
  return (p.parent_path() / (p.stem().string() + ".pub")).string();
}

Status RunKeygen(const KeygenArgs& args) {
  TF_RETURN_IF_ERROR(ledger::ValidateKeyName(args.name).WithContext("--name"));
  const std::string pub = PublicKeyPathFor(args.out);
  if (pub == args.out) return InvalidArgument("--out must not end in .pub: " + args.out);
  std::error_code ec;
  if (std::filesystem::exists(pub, ec)) {
    return Status(ErrorCode::kAlreadyExists, pub + " exists; refusing to overwrite a key");
  }
  SystemRandom random;
  TF_ASSIGN_OR_RETURN(ledger::NoteSigner signer, ledger::NoteSigner::Generate(args.name, random));
  TF_RETURN_IF_ERROR(WriteSecretFile(args.out, signer.ToText() + "\n"));
  TF_RETURN_IF_ERROR(WriteFile(pub, signer.verifier().ToText() + "\n"));
  std::cout << "signing key: " << args.out << "\n"
            << "public key: " << pub << "\n"
            << signer.verifier().ToText() << "\n";
  return Status::Ok();
}

}  // namespace

void AddKeygenCommand(CLI::App& app, CommandEnv& env) {
  auto args = std::make_shared<KeygenArgs>();
  CLI::App* cmd = app.add_subcommand("keygen", "Create an Ed25519 checkpoint signing key");
  cmd->add_option("--name", args->name, "Key name (the checkpoint origin), e.g. example.com/log")
      ->capture_default_str();
  cmd->add_option("--out,-o", args->out, "Signer key file to create; the public key goes to .pub")
      ->required();
  cmd->callback([args, &env] {
    Status status = RunKeygen(*args);
    env.exit_code = status.ok() ? 0 : ReportError(status);
  });
}

}  // namespace tf::cli
