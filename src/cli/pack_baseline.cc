// Baselines of the proofs gate: directories and git refs.
#include "cli/pack_baseline.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

extern char** environ;

namespace tf::cli {
namespace {

namespace fs = std::filesystem;

Status Invalid(const std::string& message) {
  return Status(ErrorCode::kSmtBaselineInvalid, message);
}

// Runs `program args…` with stdin, stdout and stderr on /dev/null; its exit status, or -1
// when it could not be started or was killed.
int RunQuiet(const std::string& program, const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::vector<std::string> storage = {program};
  storage.insert(storage.end(), args.begin(), args.end());
  for (std::string& s : storage)
    argv.push_back(s.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  for (int fd : {0, 1, 2})
    posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The directory holding `.git` above `dir`, or empty.
fs::path RepositoryRoot(const fs::path& dir) {
  for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
    std::error_code ec;
    if (fs::exists(p / ".git", ec)) return p;
    if (p == p.parent_path()) break;
  }
  return {};
}

}  // namespace

Baseline::~Baseline() {
  if (temp_root_.empty()) return;
  std::error_code ec;
  fs::remove_all(temp_root_, ec);
}

Baseline::Baseline(Baseline&& other) noexcept
    : dir_(std::move(other.dir_)), temp_root_(std::move(other.temp_root_)) {
  other.temp_root_.clear();
}

Baseline& Baseline::operator=(Baseline&& other) noexcept {
  if (this != &other) {
    Baseline gone(std::move(*this));
    dir_ = std::move(other.dir_);
    temp_root_ = std::move(other.temp_root_);
    other.temp_root_.clear();
  }
  return *this;
}

Result<Baseline> Baseline::Find(const std::string& baseline, const std::string& pack_dir) {
  std::error_code ec;
  fs::path pack = fs::weakly_canonical(pack_dir, ec);
  if (ec) return Invalid(pack_dir + ": " + ec.message());
  Baseline out;
  if (fs::is_directory(baseline, ec)) {
    fs::path base(baseline);
    if (fs::exists(base / "pack.yaml", ec)) {
      out.dir_ = base.string();
    } else if (fs::exists(base / pack.filename() / "pack.yaml", ec)) {
      out.dir_ = (base / pack.filename()).string();
    }
    return out;
  }
  if (baseline.empty() || baseline[0] == '-')
    return Invalid("\"" + baseline + "\" is not a git ref");
  fs::path root = RepositoryRoot(pack);
  if (root.empty()) {
    return Invalid(baseline + " is not a directory, and " + pack_dir +
                   " is not in a git repository where it could be a ref");
  }
  if (RunQuiet("git", {"-C", root.string(), "rev-parse", "--verify", "--quiet",
                       baseline + "^{commit}"}) != 0) {
    return Invalid(baseline + " is neither a directory nor a commit of " + root.string());
  }
  std::string rel = fs::relative(pack, root, ec).generic_string();
  if (ec || rel.empty() || rel.rfind("..", 0) == 0)
    return Invalid(pack_dir + ": outside " + root.string());
  if (RunQuiet("git",
               {"-C", root.string(), "cat-file", "-e", baseline + ":" + rel + "/pack.yaml"}) != 0) {
    return out;  // the pack is new since the baseline
  }
  std::string templ = (fs::temp_directory_path(ec) / "proof-baseline-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) return Invalid("cannot create a temporary directory");
  out.temp_root_ = templ;
  std::string tar = templ + "/pack.tar";
  if (RunQuiet("git", {"-C", root.string(), "archive", "--format=tar", "-o", tar, baseline, "--",
                       rel}) != 0) {
    return Invalid("git archive " + baseline + " -- " + rel + " failed");
  }
  if (RunQuiet("tar", {"-xf", tar, "-C", templ}) != 0) {
    return Invalid("cannot unpack the baseline of " + rel + " at " + baseline);
  }
  out.dir_ = templ + "/" + rel;
  return out;
}

}  // namespace tf::cli
