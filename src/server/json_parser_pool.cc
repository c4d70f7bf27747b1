#include "server/json_parser_pool.h"

namespace tf::server {

Result<Value> JsonParserPool::Parse(std::string_view text) {
  std::unique_ptr<JsonParser> parser;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      parser = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!parser) parser = std::make_unique<JsonParser>();
  Result<Value> out = parser->Parse(text);
  std::lock_guard<std::mutex> lock(mu_);
  idle_.push_back(std::move(parser));
  return out;
}

}  // namespace tf::server
