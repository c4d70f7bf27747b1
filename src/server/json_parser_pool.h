// File: server/json_parser_pool.h
//
// `JsonParserPool`: reuses simdjson parsers (core's JsonParser keeps its buffers between
// documents, but is not thread-safe) across the server's I/O threads without thread_local state.
//
//   Result<Value> body = pool.Parse(request.body);
//
// Thread safety: Parse may be called concurrently.
#ifndef TF_SERVER_JSON_PARSER_POOL_H_
#define TF_SERVER_JSON_PARSER_POOL_H_

#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "core/json.h"

namespace tf::server {

class JsonParserPool {
 public:
  Result<Value> Parse(std::string_view text);

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<JsonParser>> idle_;  // guarded by mu_
};

}  // namespace tf::server

#endif  // TF_SERVER_JSON_PARSER_POOL_H_
