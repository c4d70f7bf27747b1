// `proof ledger append|get|checkpoint|inclusion|consistency|verify --data DIR …`: the evidence
// log in a data directory laid out like `proof serve`'s (see ledger_cli.h).
//
//   append      --tenant T --kind K (--content FILE | --content-hash HEX) [--metadata JSON]
//               [--key FILE]: appends one entry, prints its receipt
//   get         --leaf N [--tenant T]: the entry's receipt against the current head
//   checkpoint  [--size N]: the signed checkpoint (latest, or the one issued at size N)
//   inclusion   --leaf N [--size M]: RFC 9162 inclusion proof (JSON)
//   consistency --from A [--to B]: RFC 9162 consistency proof (JSON)
//   verify      [--key PUB]: the full audit (ledger/audit.h)
//
// Exit codes: 0 done; 1 the audit found a problem (it names the first bad entry); 2 errors.
#include <iostream>
#include <optional>

#include "cli/cli_util.h"
#include "cli/command.h"
#include "cli/ledger_cli.h"
#include "core/json.h"
#include "core/sha256.h"
#include "ledger/audit.h"
#include "ledger/merkle_hash.h"

namespace tf::cli {
namespace {

struct LedgerArgs {
  std::string data_dir;
  std::string key;
  std::string tenant;
  std::string kind;
  std::string content_path;
  std::string content_hash;
  std::string metadata = "{}";
  std::string output_path;
  uint64_t leaf = 0;
  std::optional<uint64_t> size;
  uint64_t from = 0;
  std::optional<uint64_t> to;
};

Value HashArray(const std::vector<ledger::Hash>& hashes) {
  std::vector<Value> items;
  items.reserve(hashes.size());
  for (const ledger::Hash& h : hashes)
    items.push_back(Value::String(ledger::HashToBase64(h)));
  return Value::Array(std::move(items));
}

Value UInt(uint64_t n) {
  return Value::Int(static_cast<int64_t>(n));
}

// Prints `text` or writes it to --output.
Status Emit(const LedgerArgs& args, const std::string& text) {
  if (args.output_path.empty()) {
    std::cout << text;
    return Status::Ok();
  }
  return WriteFile(args.output_path, text);
}

Status RunAppend(const LedgerArgs& args) {
  if (args.content_path.empty() == args.content_hash.empty()) {
    return InvalidArgument("give exactly one of --content FILE and --content-hash HEX");
  }
  ledger::AppendRequest request;
  request.tenant = args.tenant;
  request.kind = args.kind;
  if (!args.content_path.empty()) {
    TF_ASSIGN_OR_RETURN(std::string content, ReadFile(args.content_path));
    request.content_hash = Sha256(content);
  } else {
    Result<ledger::Hash> hash = ledger::HashFromHex(args.content_hash);
    if (!hash.ok()) return hash.status().WithContext("--content-hash");
    request.content_hash = *hash;
  }
  Result<Value> metadata = ParseJson(args.metadata);
  if (!metadata.ok()) return metadata.status().WithContext("--metadata");
  request.metadata = std::move(*metadata);
  TF_ASSIGN_OR_RETURN(auto dir, OpenLedgerDir(args.data_dir, LedgerAccess::kAppend, args.key));
  TF_ASSIGN_OR_RETURN(ledger::Receipt receipt, dir->ledger->Append(std::move(request)));
  return Emit(args, receipt.ToJson(/*pretty=*/true) + "\n");
}

Status RunGet(const LedgerArgs& args) {
  TF_ASSIGN_OR_RETURN(auto dir, OpenLedgerDir(args.data_dir, LedgerAccess::kReadOnly));
  std::optional<std::string_view> tenant;
  if (!args.tenant.empty()) tenant = args.tenant;
  TF_ASSIGN_OR_RETURN(ledger::Receipt receipt, dir->ledger->GetReceipt(args.leaf, tenant));
  return Emit(args, receipt.ToJson(/*pretty=*/true) + "\n");
}

Status RunCheckpoint(const LedgerArgs& args) {
  TF_ASSIGN_OR_RETURN(auto dir, OpenLedgerDir(args.data_dir, LedgerAccess::kReadOnly));
  if (!args.size) return Emit(args, dir->ledger->Head().checkpoint);
  TF_ASSIGN_OR_RETURN(std::string note, dir->ledger->CheckpointAt(*args.size));
  return Emit(args, note);
}

Status RunInclusion(const LedgerArgs& args) {
  TF_ASSIGN_OR_RETURN(auto dir, OpenLedgerDir(args.data_dir, LedgerAccess::kReadOnly));
  const uint64_t size = args.size.value_or(dir->ledger->Head().size);
  TF_ASSIGN_OR_RETURN(std::vector<ledger::Hash> proof,
                      dir->ledger->InclusionProof(args.leaf, size));
  TF_ASSIGN_OR_RETURN(ledger::Entry entry, dir->ledger->GetEntry(args.leaf));
  TF_ASSIGN_OR_RETURN(ledger::Hash leaf_hash, entry.LeafHash());
  Value out =
      Value::Object({{Value::String("leaf_index"), UInt(args.leaf)},
                     {Value::String("tree_size"), UInt(size)},
                     {Value::String("leaf_hash"), Value::String(ledger::HashToBase64(leaf_hash))},
                     {Value::String("proof"), HashArray(proof)}});
  return Emit(args, ToJson(out, {.pretty = true}) + "\n");
}

Status RunConsistency(const LedgerArgs& args) {
  TF_ASSIGN_OR_RETURN(auto dir, OpenLedgerDir(args.data_dir, LedgerAccess::kReadOnly));
  const uint64_t to = args.to.value_or(dir->ledger->Head().size);
  TF_ASSIGN_OR_RETURN(std::vector<ledger::Hash> proof,
                      dir->ledger->ConsistencyProof(args.from, to));
  Value out = Value::Object({{Value::String("size1"), UInt(args.from)},
                             {Value::String("size2"), UInt(to)},
                             {Value::String("proof"), HashArray(proof)}});
  return Emit(args, ToJson(out, {.pretty = true}) + "\n");
}

// The audit reads the store directly: it must work on a log too damaged for Ledger::Open.
int RunVerify(const LedgerArgs& args) {
  ledger::AuditOptions options;
  if (!args.key.empty()) {
    Result<ledger::NoteVerifier> key = LoadVerifierKey(args.key);
    if (!key.ok()) return ReportError(key.status().WithContext("--key"));
    options.trusted_key = std::move(*key);
  }
  const std::string store_dir = args.data_dir + "/ledger";
  ledger::RocksDbStoreOptions store_options;
  store_options.create_if_missing = false;
  Result<std::unique_ptr<ledger::RocksDbStore>> store =
      ledger::RocksDbStore::Open(store_dir, store_options);
  if (!store.ok()) return ReportError(store.status().WithContext(store_dir));
  Result<ledger::AuditReport> report = ledger::AuditLog(**store, options);
  if (!report.ok()) return ReportError(report.status());
  std::cout << "tree size " << report->tree_size << ": " << report->entries_checked << " entries, "
            << report->nodes_checked << " nodes, " << report->checkpoints_checked
            << " checkpoints checked\n";
  if (!report->status.ok()) {
    std::cout << "FAILED: " << report->status.ToString() << "\n";
    if (report->first_bad_entry) {
      std::cout << "first bad entry: " << *report->first_bad_entry << "\n";
    }
    return kExitRejected;
  }
  std::cout << (options.trusted_key ? "ok: the log is intact and signed by the trusted key\n"
                                    : "ok: the log is intact (signed by its stored key)\n");
  return 0;
}

using Runner = Status (*)(const LedgerArgs&);

CLI::App* AddAction(CLI::App& parent, const char* name, const char* help,
                    std::shared_ptr<LedgerArgs> args, CommandEnv& env, Runner run) {
  CLI::App* cmd = parent.add_subcommand(name, help);
  cmd->add_option("--data", args->data_dir, "Data directory (as for proof serve --data)")
      ->required();
  cmd->callback([args, &env, run] {
    Status status = run(*args);
    env.exit_code = status.ok() ? 0 : ReportError(status);
  });
  return cmd;
}

}  // namespace

void AddLedgerCommand(CLI::App& app, CommandEnv& env) {
  CLI::App* ledger = app.add_subcommand("ledger", "The append-only evidence log");
  ledger->require_subcommand(1);
  auto args = std::make_shared<LedgerArgs>();

  CLI::App* append =
      AddAction(*ledger, "append", "Append one entry and print its receipt", args, env, RunAppend);
  append->add_option("--tenant", args->tenant, "Tenant")->required();
  append->add_option("--kind", args->kind, "Entry kind, e.g. decision")->required();
  append->add_option("--content", args->content_path, "File whose SHA-256 the entry records");
  append->add_option("--content-hash", args->content_hash, "SHA-256 (hex) the entry records");
  append->add_option("--metadata", args->metadata, "Metadata (a JSON object)")
      ->capture_default_str();
  append->add_option("--key", args->key, "Signing key (default DIR/keys/checkpoint.key)");
  append->add_option("-o,--output", args->output_path, "Write the receipt to FILE");

  CLI::App* get =
      AddAction(*ledger, "get", "Print the receipt of the entry at a leaf", args, env, RunGet);
  get->add_option("--leaf", args->leaf, "Leaf index (the entry's seq)")->required();
  get->add_option("--tenant", args->tenant, "Only if the entry is this tenant's");
  get->add_option("-o,--output", args->output_path, "Write the receipt to FILE");

  CLI::App* checkpoint =
      AddAction(*ledger, "checkpoint", "Print a signed checkpoint", args, env, RunCheckpoint);
  checkpoint->add_option("--size", args->size, "The checkpoint issued at this tree size");
  checkpoint->add_option("-o,--output", args->output_path, "Write the checkpoint to FILE");

  CLI::App* inclusion =
      AddAction(*ledger, "inclusion", "Print an RFC 9162 inclusion proof", args, env, RunInclusion);
  inclusion->add_option("--leaf", args->leaf, "Leaf index")->required();
  inclusion->add_option("--size", args->size, "Tree size (default: the current head)");
  inclusion->add_option("-o,--output", args->output_path, "Write the proof to FILE");

  CLI::App* consistency = AddAction(*ledger, "consistency", "Print an RFC 9162 consistency proof",
                                    args, env, RunConsistency);
  consistency->add_option("--from", args->from, "Earlier tree size")->required();
  consistency->add_option("--to", args->to, "Later tree size (default: the current head)");
  consistency->add_option("-o,--output", args->output_path, "Write the proof to FILE");

  CLI::App* verify = ledger->add_subcommand(
      "verify", "Audit the whole log: entries, nodes, checkpoints; names the first bad entry");
  verify->add_option("--data", args->data_dir, "Data directory")->required();
  verify->add_option("--key", args->key, "Trusted verifier key (.pub file or text)");
  verify->callback([args, &env] { env.exit_code = RunVerify(*args); });
}

}  // namespace tf::cli
