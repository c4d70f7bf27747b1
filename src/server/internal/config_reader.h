// File: server/internal/config_reader.h
//
// Strict reading of one YAML mapping of a config file: typed getters that record which keys
// were read, and `Finish()` that refuses any key nobody read (a typo in a security setting must
// not be silently ignored). Errors are kAuthConfigInvalid naming the dotted path.
//
//   ConfigReader r(doc, "auth");
//   TF_RETURN_IF_ERROR(r.String("issuer", config.issuer, /*required=*/true));
//   TF_RETURN_IF_ERROR(r.Finish());
#ifndef TF_SERVER_INTERNAL_CONFIG_READER_H_
#define TF_SERVER_INTERNAL_CONFIG_READER_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"

namespace tf::server::internal {

class ConfigReader {
 public:
  // `value` must be a mapping (or null, read as empty); `path` names it in errors.
  ConfigReader(const Value& value, std::string path);
  // The reader keeps a reference: a temporary would dangle.
  ConfigReader(Value&& value, std::string path) = delete;

  Status CheckIsMapping() const;
  // Each getter leaves `out` unchanged when the key is absent and not required.
  Status String(std::string_view key, std::string& out, bool required = false);
  Status StringList(std::string_view key, std::vector<std::string>& out);
  Status Duration(std::string_view key, int64_t& out_nanos);
  Status Uint(std::string_view key, uint64_t& out);
  Status Double(std::string_view key, double& out);
  Status Bool(std::string_view key, bool& out);
  // The raw value under `key` (nullptr when absent), marked as read.
  const Value* Raw(std::string_view key);
  // kAuthConfigInvalid for the first key no getter read.
  Status Finish() const;

  Status Error(std::string_view key, std::string_view message) const;
  std::string PathOf(std::string_view key) const;

 private:
  const Value& value_;
  std::string path_;
  std::set<std::string, std::less<>> read_;
};

}  // namespace tf::server::internal

#endif  // TF_SERVER_INTERNAL_CONFIG_READER_H_
