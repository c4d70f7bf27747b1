// File: rego/regex_cache.h
//
// Regular expressions for the regex.* and glob.* builtins: `CompileRegex` compiles a pattern
// with RE2 under the options that match Go's regexp (which OPA uses) and reports errors in Go's
// words; `RegexCache` keeps up to `capacity` compiled patterns, least recently used evicted
// first, shared by every query and thread of an engine. The engine owns one and passes it to
// builtins through BuiltinContext::regexes.
//
//   RegexCache cache;
//   TF_ASSIGN_OR_RETURN(std::shared_ptr<const re2::RE2> re, cache.Get("^a+$"));
//
// Compiled patterns are handed out as shared_ptr because the cache may evict an entry while a
// builtin on another thread still matches with it; the last user frees it.
#ifndef TF_REGO_REGEX_CACHE_H_
#define TF_REGO_REGEX_CACHE_H_

#include <cstddef>
#include <memory>
#include <string_view>

#include "core/status.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace tf::rego {

// Compiles `pattern`. Errors are kEvalBuiltinError with Go's text, e.g.
// "error parsing regexp: missing closing ]: `[a`".
Result<std::shared_ptr<const re2::RE2>> CompileRegex(std::string_view pattern);

// Thread-safe: Get may be called concurrently.
class RegexCache {
 public:
  static constexpr size_t kDefaultCapacity = 100;

  explicit RegexCache(size_t capacity = kDefaultCapacity);
  ~RegexCache();
  RegexCache(const RegexCache&) = delete;
  RegexCache& operator=(const RegexCache&) = delete;

  // The compiled pattern, from the cache or compiled now (failures are not cached).
  Result<std::shared_ptr<const re2::RE2>> Get(std::string_view pattern);
  size_t size() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tf::rego

#endif  // TF_REGO_REGEX_CACHE_H_
