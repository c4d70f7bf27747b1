// File: tests/ledger/cli/proof_runner.h
//
// Runs the `proof` binary built with the tests (TF_PROOF_BINARY) and captures what it printed
// and its exit code, so the CLI tests check the real command line end to end.
#ifndef TF_TESTS_LEDGER_CLI_PROOF_RUNNER_H_
#define TF_TESTS_LEDGER_CLI_PROOF_RUNNER_H_

#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/wait.h>

#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

namespace tf::ledger::testing {

struct ProofRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved.
};

inline std::string ShellQuote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

inline ProofRun RunProof(const std::vector<std::string>& args) {
  std::string command = ShellQuote(TF_PROOF_BINARY);
  for (const std::string& arg : args)
    command += " " + ShellQuote(arg);
  command += " 2>&1";
  ProofRun run;
  FILE* pipe = popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr) << command;
  if (pipe == nullptr) return run;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  ASSERT_TRUE(out.good()) << path;
}

}  // namespace tf::ledger::testing

#endif  // TF_TESTS_LEDGER_CLI_PROOF_RUNNER_H_
