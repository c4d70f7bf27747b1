// File: cli/pack_baseline.h
//
// Where the proofs gate finds the baseline of a pack: in a directory (DIR/<pack dir name>, or
// DIR itself when it is the pack), or at a git ref of the repository holding the pack, taken
// out with `git archive` into a temporary directory that lives as long as the Baseline.
#ifndef TF_CLI_PACK_BASELINE_H_
#define TF_CLI_PACK_BASELINE_H_

#include <optional>
#include <string>

#include "core/status.h"

namespace tf::cli {

class Baseline {
 public:
  Baseline() = default;
  ~Baseline();
  Baseline(const Baseline&) = delete;
  Baseline& operator=(const Baseline&) = delete;
  Baseline(Baseline&& other) noexcept;
  Baseline& operator=(Baseline&& other) noexcept;

  // The baseline's pack directory for `pack_dir`; nullopt when the baseline has no such pack
  // (a new pack). Errors: kSmtBaselineInvalid when `baseline` is neither a directory nor a git
  // ref of the pack's repository, or git fails.
  static Result<Baseline> Find(const std::string& baseline, const std::string& pack_dir);

  const std::optional<std::string>& dir() const { return dir_; }

 private:
  std::optional<std::string> dir_;
  std::string temp_root_;  // removed by the destructor when not empty
};

}  // namespace tf::cli

#endif  // TF_CLI_PACK_BASELINE_H_
