#include "core/encoding.h"

#include <gtest/gtest.h>

namespace tf {
namespace {

TEST(EncodingTest, HexRoundTrip) {
  EXPECT_EQ(HexEncode(std::string_view("\x00\xff\x10", 3)), "00ff10");
  EXPECT_EQ(*HexDecode("00FF10"), std::string("\x00\xff\x10", 3));
  EXPECT_FALSE(HexDecode("abc").ok());
  EXPECT_FALSE(HexDecode("zz").ok());
}

// RFC 4648 §10 test vectors.
TEST(EncodingTest, Base64Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (auto [raw, enc] : vectors) {
    EXPECT_EQ(Base64Encode(std::string_view(raw)), enc);
    EXPECT_EQ(*Base64Decode(enc), raw);
  }
}

TEST(EncodingTest, Base64UrlWithoutPadding) {
  std::string bytes = "\xfb\xff";
  EXPECT_EQ(Base64Encode(bytes, Base64Alphabet::kUrl, Base64Padding::kNoPad), "-_8");
  EXPECT_EQ(*Base64Decode("-_8", Base64Alphabet::kUrl, Base64Padding::kNoPad), bytes);
  EXPECT_EQ(*Base64Decode("-_8=", Base64Alphabet::kUrl, Base64Padding::kOptional), bytes);
  EXPECT_FALSE(Base64Decode("-_8=", Base64Alphabet::kUrl, Base64Padding::kNoPad).ok());
}

TEST(EncodingTest, AppendersExtendTheStringWithTheSameTextAsTheEncoders) {
  std::string out = "x";
  AppendHex(out, AsBytes(std::string_view("\x00\xff\x10", 3)));
  EXPECT_EQ(out, "x00ff10");
  for (std::string_view raw : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xfb\xff"}) {
    for (Base64Padding padding :
         {Base64Padding::kPad, Base64Padding::kNoPad, Base64Padding::kOptional}) {
      for (Base64Alphabet alphabet : {Base64Alphabet::kStandard, Base64Alphabet::kUrl}) {
        std::string appended = "prefix:";
        AppendBase64(appended, AsBytes(raw), alphabet, padding);
        EXPECT_EQ(appended, "prefix:" + Base64Encode(raw, alphabet, padding)) << raw;
      }
    }
  }
  std::string padded;
  AppendBase64(padded, AsBytes("f"));
  EXPECT_EQ(padded, "Zg==");
  std::string unpadded;
  AppendBase64(unpadded, AsBytes("f"), Base64Alphabet::kStandard, Base64Padding::kNoPad);
  EXPECT_EQ(unpadded, "Zg");
}

TEST(EncodingTest, Base64RejectsMalformedInput) {
  for (std::string_view bad : {"Zg", "Z===", "Zm9v!", "Zh==", "A"}) {
    EXPECT_FALSE(Base64Decode(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace tf
