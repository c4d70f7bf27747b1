// `proof minimize --pack P --view V --in rows.ndjson [--key-file F] [-o FILE] [--report FILE]
// [--packs DIR]`: applies a pack's minimisation view to NDJSON rows (docs/PACKS.md, "Views")
// and writes the rows as NDJSON, with a report of what was transformed on stderr (or in
// --report). Nothing is written unless every row could be minimised.
//
// Exit codes: 0 done; 2 errors.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/cli_util.h"
#include "cli/command.h"
#include "core/json.h"
#include "policy/minimization.h"
#include "policy/pack.h"

namespace tf::cli {
namespace {

struct MinimizeArgs {
  std::string pack;
  std::string packs_dir = "examples/packs";
  std::string view;
  std::string in_path;
  std::string key_file;
  std::string output_path;
  std::string report_path;
};

// --pack is a pack directory, or a pack id looked up in --packs.
Result<policy::Pack> LoadPack(const MinimizeArgs& args) {
  std::error_code ec;
  std::string dir = args.pack;
  if (!std::filesystem::is_directory(dir, ec)) {
    if (!policy::IsValidPackId(args.pack)) {
      return Status(ErrorCode::kPackNotFound,
                    "--pack " + args.pack + " is neither a directory nor a pack id");
    }
    dir = args.packs_dir + "/" + args.pack;
  }
  Result<policy::Pack> pack = policy::LoadPackFromDirectory(dir);
  if (!pack.ok() && pack.status().code() == ErrorCode::kNotFound) {
    return Status(ErrorCode::kPackNotFound, "no pack " + args.pack + " (see --packs)");
  }
  return pack;
}

Status ReadRows(const std::string& path, std::vector<Value>& rows, policy::RowOrigin& origin) {
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  origin.source = path;
  JsonParser parser;
  uint64_t line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    Result<Value> row = parser.Parse(line);
    if (!row.ok()) {
      return row.status().WithContext(path + ":" + std::to_string(line_number));
    }
    rows.push_back(std::move(*row));
    origin.lines.push_back(line_number);
  }
  return Status();
}

int RunMinimize(const MinimizeArgs& args) {
  Result<policy::Pack> pack = LoadPack(args);
  if (!pack.ok()) return ReportError(pack.status());
  Result<const policy::ViewSpec*> view =
      policy::FindView(pack->manifest.views, pack->manifest.id, args.view);
  if (!view.ok()) return ReportError(view.status());
  policy::HashKeys keys;
  if (!args.key_file.empty()) {
    Result<std::string> text = ReadFile(args.key_file);
    if (!text.ok()) return ReportError(text.status());
    Result<policy::HashKeys> parsed = policy::ParseHashKeys(*text, args.key_file);
    if (!parsed.ok()) return ReportError(parsed.status());
    keys = std::move(*parsed);
  }
  std::vector<Value> rows;
  policy::RowOrigin origin;
  Status read = ReadRows(args.in_path, rows, origin);
  if (!read.ok()) return ReportError(read);
  Result<policy::MinimizationReport> report = policy::ApplyView(**view, keys, rows, origin);
  if (!report.ok()) return ReportError(report.status());

  std::string out;
  for (const Value& row : rows) {
    AppendJson(out, row);
    out += '\n';
  }
  std::string report_json = ToJson(policy::ReportToValue(*report)) + "\n";
  if (!args.report_path.empty()) {
    Status written = WriteFile(args.report_path, report_json);
    if (!written.ok()) return ReportError(written);
  }
  if (args.output_path.empty()) {
    std::cout << out << std::flush;
  } else {
    Status written = WriteFile(args.output_path, out);
    if (!written.ok()) return ReportError(written);
  }
  if (args.report_path.empty()) std::cerr << report_json;
  return 0;
}

}  // namespace

void AddMinimizeCommand(CLI::App& app, CommandEnv& env) {
  CLI::App* cmd = app.add_subcommand(
      "minimize",
      "Apply a pack's minimisation view to NDJSON rows (mask, hash, bucket, top_k, drop)");
  auto args = std::make_shared<MinimizeArgs>();
  cmd->add_option("--pack", args->pack, "Pack directory, or a pack id looked up in --packs")
      ->required();
  cmd->add_option("--view", args->view, "View id declared in the pack's views")->required();
  cmd->add_option("--in", args->in_path, "Rows to minimise, one JSON object per line")->required();
  cmd->add_option("--key-file", args->key_file,
                  "JSON object of hash keys {\"key id\": \"hex\"} for hash transforms");
  cmd->add_option("--packs", args->packs_dir, "Directory holding one folder per pack")
      ->capture_default_str();
  cmd->add_option("-o,--output", args->output_path, "Write the rows here instead of stdout");
  cmd->add_option("--report", args->report_path, "Write the report (JSON) here instead of stderr");
  cmd->callback([&env, args] { env.exit_code = RunMinimize(*args); });
}

}  // namespace tf::cli
