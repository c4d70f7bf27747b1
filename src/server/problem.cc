#include "server/problem.h"

#include "core/json.h"

namespace tf::server {
namespace {

// "rate_limited" -> "rate limited": the title is the same for every occurrence of a type
// (RFC 7807 §3.1), so it is derived from the code, never from the message.
std::string TitleFor(std::string_view code_name) {
  std::string title(code_name);
  for (char& c : title) {
    if (c == '_') c = ' ';
  }
  return title;
}

}  // namespace

Value ProblemDocument(const Status& status, const Value& extensions) {
  const std::string_view name = ErrorCodeName(status.code());
  std::vector<ObjectEntry> members = {
      {Value::String("type"), Value::String("urn:trust-fabric:problem:" + std::string(name))},
      {Value::String("title"), Value::String(TitleFor(name))},
      {Value::String("status"), Value::Int(HttpStatusFor(status.code()))},
      {Value::String("code"), Value::String(name)},
      {Value::String("detail"), Value::String(status.message())},
  };
  if (extensions.is_object()) {
    for (const auto& [k, v] : extensions.object())
      members.emplace_back(k, v);
  }
  return Value::Object(std::move(members));
}

HttpResponse ProblemResponse(const Status& status, const Value& extensions) {
  HttpResponse r;
  r.status = HttpStatusFor(status.code());
  r.content_type = std::string(kProblemContentType);
  r.body = ToJson(ProblemDocument(status, extensions));
  r.body += '\n';
  r.log.error_code = std::string(ErrorCodeName(status.code()));
  return r;
}

}  // namespace tf::server
