// File: tests/server/testing/tar_writer.h
//
// Writes a POSIX ustar archive in memory (regular files only), for pack upload tests.
#ifndef TF_TESTS_SERVER_TESTING_TAR_WRITER_H_
#define TF_TESTS_SERVER_TESTING_TAR_WRITER_H_

#include <map>
#include <string>

namespace tf::server::testing {

// `files`: path -> bytes. `type` overrides the type flag of every entry (for refusal tests).
std::string MakeTar(const std::map<std::string, std::string>& files, char type = '0');

// Every regular file under `dir`, by path relative to it.
std::map<std::string, std::string> ReadTree(const std::string& dir);

}  // namespace tf::server::testing

#endif  // TF_TESTS_SERVER_TESTING_TAR_WRITER_H_
