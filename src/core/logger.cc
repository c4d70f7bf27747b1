#include "core/logger.h"

#include <cstdio>
#include <ctime>

#include "core/json.h"

namespace tf {

std::string FormatRfc3339Nanos(int64_t unix_nanos) {
  int64_t secs = unix_nanos / 1000000000;
  int64_t nanos = unix_nanos % 1000000000;
  if (nanos < 0) {
    nanos += 1000000000;
    --secs;
  }
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%09lldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>(nanos));
  return buf;
}

namespace {

constexpr const char* kLevelNames[] = {"debug", "info", "warn", "error"};

}  // namespace

void Logger::LogMembers(LogLevel level, std::string_view event, std::string_view members) {
  std::string object = "{";
  object.append(members);
  object += '}';
  Result<Value> fields = ParseJson(object);
  // A caller's rendering bug must not lose the line: log what arrived, as a string.
  Log(level, event,
      fields.ok() ? *fields
                  : Value::Object({{Value::String("unparsed_members"), Value::String(members)}}));
}

void JsonLinesLogger::Log(LogLevel level, std::string_view event, const Value& fields) {
  if (level < min_level_) return;
  std::vector<ObjectEntry> entries = {
      {Value::String("time"), Value::String(FormatRfc3339Nanos(clock_.NowNanos()))},
      {Value::String("level"), Value::String(kLevelNames[static_cast<int>(level)])},
      {Value::String("event"), Value::String(event)}};
  if (fields.is_object()) {
    for (const auto& [k, v] : fields.object())
      entries.emplace_back(k, v);
  }
  std::string line = ToJson(Value::Object(std::move(entries)));
  Write(line);
}

void JsonLinesLogger::LogMembers(LogLevel level, std::string_view event, std::string_view members) {
  if (level < min_level_) return;
  std::string line = "{\"time\":\"";
  line.reserve(64 + event.size() + members.size());
  line += FormatRfc3339Nanos(clock_.NowNanos());
  line += "\",\"level\":\"";
  line += kLevelNames[static_cast<int>(level)];
  line += "\",\"event\":";
  AppendJsonString(line, event);
  if (!members.empty()) {
    line += ',';
    line.append(members);
  }
  line += '}';
  Write(line);
}

void JsonLinesLogger::Write(std::string& line) {
  line += '\n';
  std::lock_guard<std::mutex> lock(mu_);
  out_ << line;
  out_.flush();
}

}  // namespace tf
