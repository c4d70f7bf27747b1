#include "server/route_table.h"

#include <algorithm>
#include <cassert>

namespace tf::server {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  if (!path.empty() && path[0] == '/') i = 1;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool IsParam(std::string_view seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

// Matches `path` against `pattern`; fills `params` on success.
bool MatchPattern(std::string_view pattern, std::string_view path, PathParams& params) {
  const std::vector<std::string_view> want = Segments(pattern);
  const std::vector<std::string_view> got = Segments(path);
  if (want.size() != got.size()) return false;
  PathParams out;
  for (size_t i = 0; i < want.size(); ++i) {
    if (IsParam(want[i])) {
      if (got[i].empty()) return false;
      out.emplace_back(std::string(want[i].substr(1, want[i].size() - 2)), std::string(got[i]));
    } else if (want[i] != got[i]) {
      return false;
    }
  }
  params = std::move(out);
  return true;
}

}  // namespace

const std::string& Exchange::Param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  assert(false && "route has no such parameter");
  static const std::string kEmpty;  // immutable; only reached on a programmer error
  return kEmpty;
}

void RouteTable::Add(Route route) {
  for (const Route& r : routes_) {
    assert(!(r.method == route.method && r.pattern == route.pattern));
    (void)r;
  }
  routes_.push_back(std::move(route));
}

RouteMatch RouteTable::Match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  for (const Route& r : routes_) {
    PathParams params;
    if (!MatchPattern(r.pattern, path, params)) continue;
    if (r.method == method) {
      result.kind = RouteMatch::Kind::kFound;
      result.route = &r;
      result.params = std::move(params);
      result.allowed_methods.clear();
      return result;
    }
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
    if (std::find(result.allowed_methods.begin(), result.allowed_methods.end(), r.method) ==
        result.allowed_methods.end()) {
      result.allowed_methods.push_back(r.method);
    }
  }
  return result;
}

}  // namespace tf::server
