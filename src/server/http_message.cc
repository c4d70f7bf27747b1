#include "server/http_message.h"

#include "core/json.h"

namespace tf::server {

const std::string* HttpRequest::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return &v;
  }
  return nullptr;
}

const std::string* HttpRequest::Query(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return &v;
  }
  return nullptr;
}

void HttpResponse::SetHeader(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (AsciiLower(k) == AsciiLower(name)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

const std::string* HttpResponse::Header(std::string_view name) const {
  const std::string lower = AsciiLower(name);
  for (const auto& [k, v] : headers) {
    if (AsciiLower(k) == lower) return &v;
  }
  return nullptr;
}

HttpResponse JsonResponse(int status, const Value& body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.body = ToJson(body);
  r.body += '\n';
  return r;
}

HttpResponse TextResponse(int status, std::string content_type, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace tf::server
