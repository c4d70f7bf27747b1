// Runs every RFC 9162 proof vector under ../shared/vectors/merkle through the verifier: each
// file must give the outcome its wantErr asks for.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ledger/proof_vector.h"

namespace tf::ledger {
namespace {

namespace fs = std::filesystem;

constexpr int kExpectedVectorFiles = 196;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path VectorRoot() {
  return fs::path(TF_SHARED_DIR) / "vectors" / "merkle";
}

// Checks every file under `sub`; returns how many there were.
int CheckTree(const std::string& sub, ProofVectorKind kind) {
  int count = 0;
  for (const auto& file : fs::recursive_directory_iterator(VectorRoot() / sub)) {
    if (!file.is_regular_file() || file.path().extension() != ".json") continue;
    ++count;
    Result<ProofVectorResult> r = CheckProofVector(kind, ReadFile(file.path()));
    if (!r.ok()) {
      ADD_FAILURE() << file.path() << ": " << r.status().ToString();
      continue;
    }
    EXPECT_TRUE(r->Matches()) << file.path() << " (" << r->description
                              << "): wantErr=" << r->want_error << " but outcome is "
                              << (r->outcome.ok() ? "ok" : r->outcome.ToString());
  }
  return count;
}

TEST(MerkleVectorsTest, EveryVectorFileGivesTheOutcomeItsWantErrAsksFor) {
  if (!fs::exists(VectorRoot())) GTEST_SKIP() << "no vectors at " << VectorRoot();
  int total = CheckTree("inclusion", ProofVectorKind::kInclusion);
  total += CheckTree("consistency", ProofVectorKind::kConsistency);
  EXPECT_EQ(total, kExpectedVectorFiles);
}

TEST(MerkleVectorsTest, MalformedVectorFileIsAnErrorNotAnOutcome) {
  EXPECT_FALSE(CheckProofVector(ProofVectorKind::kInclusion, "{").ok());
  EXPECT_FALSE(CheckProofVector(ProofVectorKind::kInclusion, R"({"wantErr": true})").ok());
  EXPECT_FALSE(CheckProofVector(ProofVectorKind::kConsistency,
                                R"({"size1": -1, "size2": 1, "root1": "", "root2": "",
                                    "proof": [], "wantErr": true})")
                   .ok());
}

}  // namespace
}  // namespace tf::ledger
