#include "server/internal/config_reader.h"

#include <cmath>

#include "server/duration.h"

namespace tf::server::internal {

ConfigReader::ConfigReader(const Value& value, std::string path)
    : value_(value), path_(std::move(path)) {}

std::string ConfigReader::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

Status ConfigReader::Error(std::string_view key, std::string_view message) const {
  return Status(ErrorCode::kAuthConfigInvalid, PathOf(key) + ": " + std::string(message));
}

Status ConfigReader::CheckIsMapping() const {
  if (value_.is_null() || value_.is_object()) return Status::Ok();
  return Status(ErrorCode::kAuthConfigInvalid,
                (path_.empty() ? std::string("config") : path_) + ": must be a mapping");
}

const Value* ConfigReader::Raw(std::string_view key) {
  read_.emplace(key);
  if (!value_.is_object()) return nullptr;
  const Value* v = value_.Find(key);
  return v == nullptr || v->is_null() ? nullptr : v;
}

Status ConfigReader::String(std::string_view key, std::string& out, bool required) {
  const Value* v = Raw(key);
  if (v == nullptr) return required ? Error(key, "is required") : Status::Ok();
  if (!v->is_string()) return Error(key, "must be a string");
  out = v->string();
  return Status::Ok();
}

Status ConfigReader::StringList(std::string_view key, std::vector<std::string>& out) {
  const Value* v = Raw(key);
  if (v == nullptr) return Status::Ok();
  if (v->is_string()) {
    out = {v->string()};
    return Status::Ok();
  }
  if (!v->is_array()) return Error(key, "must be a string or a list of strings");
  out.clear();
  for (const Value& item : v->array()) {
    if (!item.is_string()) return Error(key, "must be a list of strings");
    out.push_back(item.string());
  }
  return Status::Ok();
}

Status ConfigReader::Duration(std::string_view key, int64_t& out_nanos) {
  const Value* v = Raw(key);
  if (v == nullptr) return Status::Ok();
  Result<int64_t> d = DurationFromValue(*v);
  if (!d.ok()) return Error(key, d.status().message());
  out_nanos = *d;
  return Status::Ok();
}

Status ConfigReader::Uint(std::string_view key, uint64_t& out) {
  const Value* v = Raw(key);
  if (v == nullptr) return Status::Ok();
  std::optional<int64_t> n = v->is_number() ? v->number().ToInt64() : std::nullopt;
  if (!n || *n < 0) return Error(key, "must be a non-negative integer");
  out = static_cast<uint64_t>(*n);
  return Status::Ok();
}

Status ConfigReader::Double(std::string_view key, double& out) {
  const Value* v = Raw(key);
  if (v == nullptr) return Status::Ok();
  if (!v->is_number()) return Error(key, "must be a number");
  const double d = v->number().ToDouble();
  if (!std::isfinite(d) || d < 0) return Error(key, "must be a non-negative number");
  out = d;
  return Status::Ok();
}

Status ConfigReader::Bool(std::string_view key, bool& out) {
  const Value* v = Raw(key);
  if (v == nullptr) return Status::Ok();
  if (!v->is_bool()) return Error(key, "must be true or false");
  out = v->bool_value();
  return Status::Ok();
}

Status ConfigReader::Finish() const {
  if (!value_.is_object()) return Status::Ok();
  for (const auto& [k, v] : value_.object()) {
    const std::string key = k.is_string() ? k.string() : "?";
    if (read_.find(key) == read_.end()) return Error(key, "is not a known setting");
  }
  return Status::Ok();
}

}  // namespace tf::server::internal
