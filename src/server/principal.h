// File: server/principal.h
//
// `Principal`: who is calling, as established by the authenticator from a verified bearer token
// (or the dev token). The tenant scopes every read and write the request makes.
#ifndef TF_SERVER_PRINCIPAL_H_
#define TF_SERVER_PRINCIPAL_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace tf::server {

struct Principal {
  std::string subject;  // the token's `sub` (may be empty)
  std::string tenant;   // from the configured tenant claim; never empty once verified
  std::set<std::string, std::less<>> scopes;
  int64_t expires_at_nanos = 0;  // the token's `exp`

  bool HasScope(std::string_view scope) const { return scopes.find(scope) != scopes.end(); }
};

}  // namespace tf::server

#endif  // TF_SERVER_PRINCIPAL_H_
