#include "core/utf8.h"

#include <gtest/gtest.h>

namespace tf {
namespace {

TEST(Utf8Test, CountsCodePoints) {
  EXPECT_EQ(CountCodePoints("a\xC3\xA5\xE2\x82\xAC\xF0\x9F\x98\x80"), 4u);
  EXPECT_EQ(ToCodePoints("\xC3\xA5")[0], U'\u00e5');
}

TEST(Utf8Test, RejectsInvalidSequences) {
  EXPECT_TRUE(IsValidUtf8("plain \xE2\x82\xAC"));
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));      // truncated
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBD"));   // a real U+FFFD
}

TEST(Utf8Test, EncodesCodePoints) {
  EXPECT_EQ(FromCodePoints(U"a\u00e5\U0001F600"), "a\xC3\xA5\xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace tf
