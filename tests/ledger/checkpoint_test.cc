#include "ledger/checkpoint.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/random.h"
#include "ledger/signed_note.h"

namespace tf::ledger {
namespace {

TEST(CheckpointTest, BodyRoundTripsThroughSignAndOpen) {
  SeededRandom random(3);
  NoteSigner signer = *NoteSigner::Generate("example.com/log", random);
  Checkpoint cp{"example.com/log", 20852163, HashLeaf("x"), {}};
  Result<std::string> note = SignCheckpoint(cp, signer);
  ASSERT_TRUE(note.ok());
  EXPECT_TRUE(
      note->starts_with("example.com/log\n20852163\n" + HashToBase64(cp.root) + "\n\n\u2014 "));
  Result<Checkpoint> back = OpenCheckpoint(*note, signer.verifier());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->origin, cp.origin);
  EXPECT_EQ(back->size, cp.size);
  EXPECT_EQ(back->root, cp.root);
}

TEST(CheckpointTest, MalformedBodiesAreRejected) {
  const std::string root = HashToBase64(EmptyRoot());
  for (const std::string& body : std::vector<std::string>{
           "o\n1\n",                                   // no root
           "o\n01\n" + root + "\n",                    // leading zero
           "o\n-1\n" + root + "\n",                    // not decimal
           "o\n99999999999999999999\n" + root + "\n",  // overflow
           "o\n1\nAAAA\n",                             // root not 32 bytes
           "\n1\n" + root + "\n",                      // empty origin
           "o\n1\n" + root + "\n\n",                   // empty extension line
           "o\n1\n" + root,                            // no final newline
       }) {
    EXPECT_EQ(ParseCheckpointBody(body).status().code(), ErrorCode::kNoteMalformed) << body;
  }
  Result<Checkpoint> with_ext = ParseCheckpointBody("o\n0\n" + root + "\next one\n");
  ASSERT_TRUE(with_ext.ok());
  EXPECT_EQ(with_ext->extensions.size(), 1u);
}

TEST(CheckpointTest, RefusesToSignAnOriginSpanningLines) {
  SeededRandom random(3);
  NoteSigner signer = *NoteSigner::Generate("k", random);
  EXPECT_FALSE(SignCheckpoint(Checkpoint{"a\n5", 1, EmptyRoot(), {}}, signer).ok());
  EXPECT_FALSE(SignCheckpoint(Checkpoint{"", 1, EmptyRoot(), {}}, signer).ok());
}

}  // namespace
}  // namespace tf::ledger
