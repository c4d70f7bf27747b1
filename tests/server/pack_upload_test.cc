#include "server/pack_upload.h"

#include <gtest/gtest.h>

#include "testing/tar_writer.h"

namespace tf::server {
namespace {

TEST(PackUploadTest, ReadsATarArchive) {
  const std::string tar =
      testing::MakeTar({{"./pack.yaml", "id: a"}, {"lib/x.rego", std::string(700, 'r')}});
  Result<UploadedFiles> files = ReadTar(tar);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ(files->at("pack.yaml"), "id: a");
  EXPECT_EQ(files->at("lib/x.rego"), std::string(700, 'r'));
}

TEST(PackUploadTest, RefusesLinksTruncationAndBadChecksums) {
  EXPECT_EQ(ReadTar(testing::MakeTar({{"a", "x"}}, '2')).status().code(),
            ErrorCode::kUploadMalformed);
  EXPECT_EQ(ReadTar(testing::MakeTar({{"a", "x"}}, '1')).status().code(),
            ErrorCode::kUploadMalformed);
  std::string tar = testing::MakeTar({{"a", std::string(600, 'x')}});
  EXPECT_FALSE(ReadTar(std::string_view(tar).substr(0, 700)).ok());
  tar[10] ^= 1;  // inside the name: the checksum no longer matches
  EXPECT_FALSE(ReadTar(tar).ok());
  EXPECT_FALSE(ReadTar("not a tar").ok());
}

TEST(PackUploadTest, EnforcesLimitsWhileReading) {
  UploadLimits limits;
  limits.max_files = 1;
  EXPECT_EQ(ReadTar(testing::MakeTar({{"a", "1"}, {"b", "2"}}), limits).status().code(),
            ErrorCode::kPackTooLarge);
  limits = {};
  limits.max_total_bytes = 10;
  EXPECT_EQ(ReadTar(testing::MakeTar({{"a", std::string(11, 'x')}}), limits).status().code(),
            ErrorCode::kPackTooLarge);
}

TEST(PackUploadTest, ReadsMultipartForms) {
  const std::string body =
      "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
      "filename=\"pack.yaml\"\r\n\r\nid: a\r\n"
      "--XyZ\r\ncontent-disposition: form-data; name=\"data/d.json\"\r\nContent-Type: "
      "application/json\r\n\r\n{}\r\n"
      "--XyZ--\r\n";
  Result<UploadedFiles> files = ReadPackUpload("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(files->at("pack.yaml"), "id: a");
  EXPECT_EQ(files->at("data/d.json"), "{}");
  EXPECT_FALSE(ReadPackUpload("multipart/form-data", body).ok());
  EXPECT_FALSE(ReadPackUpload("multipart/form-data; boundary=XyZ", "--XyZ\r\nno headers").ok());
  EXPECT_EQ(ReadPackUpload("application/zip", body).status().code(),
            ErrorCode::kUnsupportedMediaType);
}

}  // namespace
}  // namespace tf::server
