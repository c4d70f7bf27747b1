// File: core/logger.h
//
// Structured logging: an event name and fields, written by the sink as one JSON line. A Logger
// is created in main and passed down; library code never writes to stderr itself.
//
//   logger.Info("plan_built", Value::Object({{Value::String("pack_hash"), Value::String(h)}}));
#ifndef TF_CORE_LOGGER_H_
#define TF_CORE_LOGGER_H_

#include <mutex>
#include <ostream>
#include <string_view>

#include "core/clock.h"
#include "core/value.h"

namespace tf {

enum class LogLevel : uint8_t { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

class Logger {
 public:
  virtual ~Logger() = default;
  // `fields` is an object (or null). Implementations must be thread-safe.
  virtual void Log(LogLevel level, std::string_view event, const Value& fields) = 0;

  void Info(std::string_view event, const Value& fields = Value()) {
    Log(LogLevel::kInfo, event, fields);
  }
  void Warn(std::string_view event, const Value& fields = Value()) {
    Log(LogLevel::kWarn, event, fields);
  }
  void Error(std::string_view event, const Value& fields = Value()) {
    Log(LogLevel::kError, event, fields);
  }

  // For lines written once per request, where building a Value tree per line would cost more
  // than the work it records. `members` is a JSON object's contents without the braces:
  // `"key":value` pairs joined by commas (render strings with AppendJsonString), or empty.
  // REQUIRES: valid JSON members, none named time, level or event. The default parses them and
  // calls Log, so every logger accepts them; JSON-lines loggers write them as they are.
  virtual void LogMembers(LogLevel level, std::string_view event, std::string_view members);
};

// One JSON object per line: {"time": RFC 3339, "level", "event", ...fields}.
class JsonLinesLogger final : public Logger {
 public:
  JsonLinesLogger(std::ostream& out, const Clock& clock, LogLevel min_level = LogLevel::kInfo)
      : out_(out), clock_(clock), min_level_(min_level) {}
  void Log(LogLevel level, std::string_view event, const Value& fields) override;
  // {"time", "level", "event", then `members` in the order given}.
  void LogMembers(LogLevel level, std::string_view event, std::string_view members) override;

 private:
  void Write(std::string& line);

  std::mutex mu_;
  std::ostream& out_;
  const Clock& clock_;
  LogLevel min_level_;
};

// Discards everything (for tests and tools that do not log).
class NullLogger final : public Logger {
 public:
  void Log(LogLevel, std::string_view, const Value&) override {}
};

// RFC 3339 UTC with nanoseconds, e.g. 2026-11-21T16:41:00.123456789Z.
std::string FormatRfc3339Nanos(int64_t unix_nanos);

}  // namespace tf

#endif  // TF_CORE_LOGGER_H_
