// `proof evidence put|get|show|lock|hold|purge --data DIR --tenant T …`: write-once evidence in
// a data directory (ledger/evidence_store.h). Every change is a ledger entry; the command prints
// its receipt. Refusals are the write-once rules' explainable denies (ledger/worm/worm_rules.h):
// the message names the lock or hold, and the stable code is printed with it.
//
//   put   FILE [--media-type M]                      stores FILE, prints hash and receipt
//   get   --hash HEX [-o FILE]                       the content (kEvidencePurged once purged)
//   show  --hash HEX                                 the item's write-once state (JSON)
//   lock  --hash HEX --mode governance|compliance --until RFC3339 [--bypass-governance]
//   lock  --hash HEX --remove [--bypass-governance]
//   hold  --hash HEX --id HOLD [--release]
//   purge --hash HEX --approve                       records this actor's approval
//   purge --hash HEX                                 deletes the content, keeps the leaf
//
// Changes need --actor (who is acting) and take --reason. --bypass-governance stands for S3's
// s3:BypassGovernanceRetention permission; a change that uses it is logged as such.
//
// Exit codes: 0 done; 1 refused by a write-once rule; 2 other errors.
#include <iostream>

#include "cli/cli_util.h"
#include "cli/command.h"
#include "cli/ledger_cli.h"
#include "core/json.h"
#include "core/sha256.h"
#include "ledger/evidence_store.h"
#include "ledger/timestamp.h"

namespace tf::cli {
namespace {

struct EvidenceArgs {
  std::string data_dir;
  std::string key;
  std::string tenant;
  std::string actor;
  std::string reason;
  bool bypass_governance = false;
  std::string content_path;
  std::string media_type = "application/octet-stream";
  std::string hash;
  std::string output_path;
  std::string mode;
  std::string until;
  bool remove = false;
  std::string hold_id;
  bool release = false;
  bool approve = false;
};

bool IsWormDeny(ErrorCode code) {
  const auto n = static_cast<uint16_t>(code);
  return n >= static_cast<uint16_t>(ErrorCode::kEvidenceNotFound) &&
         n <= static_cast<uint16_t>(ErrorCode::kEvidenceTooLarge);
}

struct OpenEvidence {
  std::unique_ptr<LedgerDir> dir;
  std::unique_ptr<ledger::EvidenceStore> evidence;
};

Result<OpenEvidence> Open(const EvidenceArgs& args, LedgerAccess access) {
  OpenEvidence out;
  TF_ASSIGN_OR_RETURN(out.dir, OpenLedgerDir(args.data_dir, access, args.key));
  out.evidence = std::make_unique<ledger::EvidenceStore>(*out.dir->ledger, out.dir->clock);
  return out;
}

Result<ledger::Hash> ItemHash(const EvidenceArgs& args) {
  Result<ledger::Hash> hash = ledger::HashFromHex(args.hash);
  if (!hash.ok()) return hash.status().WithContext("--hash");
  return hash;
}

ledger::Actor ActorOf(const EvidenceArgs& args) {
  return ledger::Actor{.id = args.actor, .can_bypass_governance = args.bypass_governance};
}

Status PrintReceipt(const ledger::Receipt& receipt) {
  std::cout << receipt.ToJson(/*pretty=*/true) << "\n";
  return Status::Ok();
}

Status RequireActor(const EvidenceArgs& args) {
  if (args.actor.empty()) return InvalidArgument("--actor is required for changes");
  return Status::Ok();
}

Status RunPut(const EvidenceArgs& args) {
  TF_RETURN_IF_ERROR(RequireActor(args));
  TF_ASSIGN_OR_RETURN(std::string content, ReadFile(args.content_path));
  TF_ASSIGN_OR_RETURN(OpenEvidence open, Open(args, LedgerAccess::kAppend));
  TF_ASSIGN_OR_RETURN(
      ledger::EvidenceStore::PutResult put,
      open.evidence->Put(args.tenant, std::move(content), ActorOf(args), args.media_type));
  std::cerr << (put.created ? "stored " : "already stored ") << DigestHex(put.item.content_hash)
            << "\n";
  return PrintReceipt(put.receipt);
}

Status RunGet(const EvidenceArgs& args) {
  TF_ASSIGN_OR_RETURN(ledger::Hash hash, ItemHash(args));
  TF_ASSIGN_OR_RETURN(OpenEvidence open, Open(args, LedgerAccess::kReadOnly));
  TF_ASSIGN_OR_RETURN(ledger::EvidenceStore::Content content,
                      open.evidence->Get(args.tenant, hash));
  if (args.output_path.empty()) {
    std::cout << content.bytes;
    return Status::Ok();
  }
  return WriteFile(args.output_path, content.bytes);
}

Status RunShow(const EvidenceArgs& args) {
  TF_ASSIGN_OR_RETURN(ledger::Hash hash, ItemHash(args));
  TF_ASSIGN_OR_RETURN(OpenEvidence open, Open(args, LedgerAccess::kReadOnly));
  TF_ASSIGN_OR_RETURN(ledger::ItemState item, open.evidence->Describe(args.tenant, hash));
  std::cout << ToJson(item.ToValue(), {.pretty = true}) << "\n";
  return Status::Ok();
}

Status RunLock(const EvidenceArgs& args) {
  TF_RETURN_IF_ERROR(RequireActor(args));
  TF_ASSIGN_OR_RETURN(ledger::Hash hash, ItemHash(args));
  if (args.remove == !args.mode.empty()) {
    return InvalidArgument("give either --mode and --until, or --remove");
  }
  if (args.remove) {
    TF_ASSIGN_OR_RETURN(OpenEvidence open, Open(args, LedgerAccess::kAppend));
    TF_ASSIGN_OR_RETURN(
        ledger::Receipt receipt,
        open.evidence->RemoveRetention(args.tenant, hash, ActorOf(args), args.reason));
    return PrintReceipt(receipt);
  }
  Result<ledger::RetentionMode> mode = ledger::ParseRetentionMode(args.mode);
  if (!mode.ok()) return mode.status().WithContext("--mode");
  if (args.until.empty()) return InvalidArgument("--until is required with --mode");
  Result<int64_t> until = ledger::ParseTimestamp(args.until);
  if (!until.ok()) return until.status().WithContext("--until");
  TF_ASSIGN_OR_RETURN(OpenEvidence open, Open(args, LedgerAccess::kAppend));
  TF_ASSIGN_OR_RETURN(
      ledger::Receipt receipt,
      open.evidence->SetRetention(args.tenant, hash, *mode, *until, ActorOf(args), args.reason));
  return PrintReceipt(receipt);
}

Status RunHold(const EvidenceArgs& args) {
  TF_RETURN_IF_ERROR(RequireActor(args));
  TF_ASSIGN_OR_RETURN(ledger::Hash hash, ItemHash(args));
  TF_ASSIGN_OR_RETURN(OpenEvidence open, Open(args, LedgerAccess::kAppend));
  Result<ledger::Receipt> receipt =
      args.release ? open.evidence->ReleaseLegalHold(args.tenant, hash, args.hold_id, ActorOf(args),
                                                     args.reason)
                   : open.evidence->SetLegalHold(args.tenant, hash, args.hold_id, ActorOf(args),
                                                 args.reason);
  if (!receipt.ok()) return receipt.status();
  return PrintReceipt(*receipt);
}

Status RunPurge(const EvidenceArgs& args) {
  TF_RETURN_IF_ERROR(RequireActor(args));
  TF_ASSIGN_OR_RETURN(ledger::Hash hash, ItemHash(args));
  TF_ASSIGN_OR_RETURN(OpenEvidence open, Open(args, LedgerAccess::kAppend));
  Result<ledger::Receipt> receipt =
      args.approve ? open.evidence->ApprovePurge(args.tenant, hash, ActorOf(args), args.reason)
                   : open.evidence->Purge(args.tenant, hash, ActorOf(args), args.reason);
  if (!receipt.ok()) return receipt.status();
  return PrintReceipt(*receipt);
}

using Runner = Status (*)(const EvidenceArgs&);

CLI::App* AddAction(CLI::App& parent, const char* name, const char* help,
                    const std::shared_ptr<EvidenceArgs>& args, CommandEnv& env, Runner run,
                    bool changes) {
  CLI::App* cmd = parent.add_subcommand(name, help);
  cmd->add_option("--data", args->data_dir, "Data directory (as for proof serve --data)")
      ->required();
  cmd->add_option("--tenant", args->tenant, "Tenant the evidence belongs to")->required();
  if (changes) {
    cmd->add_option("--actor", args->actor, "Who is acting (recorded in the entry)")->required();
    cmd->add_option("--reason", args->reason, "Why (recorded in the entry)");
    cmd->add_option("--key", args->key, "Signing key (default DIR/keys/checkpoint.key)");
    cmd->add_flag("--bypass-governance", args->bypass_governance,
                  "Act with the governance-bypass permission (logged)");
  }
  cmd->callback([args, &env, run] {
    Status status = run(*args);
    if (status.ok()) {
      env.exit_code = 0;
    } else if (IsWormDeny(status.code())) {
      std::cerr << "proof: refused: " << status.ToString() << "\n";
      env.exit_code = kExitRejected;
    } else {
      env.exit_code = ReportError(status);
    }
  });
  return cmd;
}

}  // namespace

void AddEvidenceCommand(CLI::App& app, CommandEnv& env) {
  CLI::App* evidence = app.add_subcommand("evidence", "Write-once evidence: store, lock, purge");
  evidence->require_subcommand(1);
  auto args = std::make_shared<EvidenceArgs>();

  CLI::App* put = AddAction(*evidence, "put", "Store a file; prints the receipt", args, env, RunPut,
                            /*changes=*/true);
  put->add_option("file", args->content_path, "The evidence file")->required();
  put->add_option("--media-type", args->media_type, "Media type")->capture_default_str();

  CLI::App* get = AddAction(*evidence, "get", "Print the content", args, env, RunGet,
                            /*changes=*/false);
  get->add_option("--hash", args->hash, "Content SHA-256 (hex)")->required();
  get->add_option("-o,--output", args->output_path, "Write the content to FILE");

  CLI::App* show = AddAction(*evidence, "show", "Print the item's write-once state", args, env,
                             RunShow, /*changes=*/false);
  show->add_option("--hash", args->hash, "Content SHA-256 (hex)")->required();

  CLI::App* lock = AddAction(*evidence, "lock", "Set, extend, shorten or remove a retention lock",
                             args, env, RunLock, /*changes=*/true);
  lock->add_option("--hash", args->hash, "Content SHA-256 (hex)")->required();
  lock->add_option("--mode", args->mode, "governance or compliance");
  lock->add_option("--until", args->until, "RFC 3339 time the lock ends");
  lock->add_flag("--remove", args->remove, "Remove the lock");

  CLI::App* hold = AddAction(*evidence, "hold", "Set or release a legal hold", args, env, RunHold,
                             /*changes=*/true);
  hold->add_option("--hash", args->hash, "Content SHA-256 (hex)")->required();
  hold->add_option("--id", args->hold_id, "Hold id, e.g. a case number")->required();
  hold->add_flag("--release", args->release, "Release the hold");

  CLI::App* purge =
      AddAction(*evidence, "purge", "Approve a purge, or purge: delete the content, keep the leaf",
                args, env, RunPurge, /*changes=*/true);
  purge->add_option("--hash", args->hash, "Content SHA-256 (hex)")->required();
  purge->add_flag("--approve", args->approve, "Record this actor's approval instead of purging");
}

}  // namespace tf::cli
