#include "rego/regex_cache.h"

#include <re2/re2.h>

#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#if defined(__clang__)
#define TF_REGEX_CACHE_ANNOTATION(x) __attribute__((x))
#else
#define TF_REGEX_CACHE_ANNOTATION(x)
#endif

namespace tf::rego {
namespace {

// A std::mutex that clang's -Wthread-safety can reason about.
class TF_REGEX_CACHE_ANNOTATION(capability("mutex")) Mutex {
 public:
  void Lock() TF_REGEX_CACHE_ANNOTATION(acquire_capability()) { mu_.lock(); }
  void Unlock() TF_REGEX_CACHE_ANNOTATION(release_capability()) { mu_.unlock(); }

 private:
  std::mutex mu_;
};

class TF_REGEX_CACHE_ANNOTATION(scoped_lockable) Lock {
 public:
  explicit Lock(Mutex* mu) TF_REGEX_CACHE_ANNOTATION(acquire_capability(mu)) : mu_(mu) {
    mu_->Lock();
  }
  ~Lock() TF_REGEX_CACHE_ANNOTATION(release_capability()) { mu_->Unlock(); }
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;

 private:
  Mutex* const mu_;
};

// Go's regexp/syntax wording for RE2's error codes.
std::string_view GoErrorText(re2::RE2::ErrorCode code) {
  switch (code) {
    case re2::RE2::ErrorBadEscape:
      return "invalid escape sequence";
    case re2::RE2::ErrorBadCharClass:
      return "invalid character class";
    case re2::RE2::ErrorBadCharRange:
      return "invalid character class range";
    case re2::RE2::ErrorMissingBracket:
      return "missing closing ]";
    case re2::RE2::ErrorMissingParen:
      return "missing closing )";
    case re2::RE2::ErrorTrailingBackslash:
      return "trailing backslash at end of expression";
    case re2::RE2::ErrorRepeatArgument:
      return "missing argument to repetition operator";
    case re2::RE2::ErrorRepeatSize:
      return "invalid repeat count";
    case re2::RE2::ErrorRepeatOp:
      return "invalid nested repetition operator";
    case re2::RE2::ErrorBadPerlOp:
      return "invalid or unsupported Perl syntax";
    case re2::RE2::ErrorBadUTF8:
      return "invalid UTF-8";
    case re2::RE2::ErrorBadNamedCapture:
      return "invalid named capture";
    case re2::RE2::ErrorPatternTooLarge:
      return "expression too large";
    default:
      return "invalid regular expression";
  }
}

}  // namespace

Result<std::shared_ptr<const re2::RE2>> CompileRegex(std::string_view pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  // Go's default: UTF-8, Perl classes, leftmost-first, `.` excludes \n unless (?s).
  options.set_encoding(re2::RE2::Options::EncodingUTF8);
  auto re =
      std::make_shared<const re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!re->ok()) {
    std::string msg = "error parsing regexp: ";
    msg += GoErrorText(re->error_code());
    msg += ": `" + re->error_arg() + "`";
    return Status(ErrorCode::kEvalBuiltinError, std::move(msg));
  }
  return std::shared_ptr<const re2::RE2>(std::move(re));
}

struct RegexCache::State {
  using Entry = std::pair<std::string, std::shared_ptr<const re2::RE2>>;
  explicit State(size_t cap) : capacity(cap == 0 ? 1 : cap) {}

  const size_t capacity;
  Mutex mu;
  // Most recently used first; `index` points into it.
  std::list<Entry> entries TF_REGEX_CACHE_ANNOTATION(guarded_by(mu));
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index
      TF_REGEX_CACHE_ANNOTATION(guarded_by(mu));
};

RegexCache::RegexCache(size_t capacity) : state_(std::make_unique<State>(capacity)) {}
RegexCache::~RegexCache() = default;

Result<std::shared_ptr<const re2::RE2>> RegexCache::Get(std::string_view pattern) {
  {
    Lock lock(&state_->mu);
    auto it = state_->index.find(pattern);
    if (it != state_->index.end()) {
      state_->entries.splice(state_->entries.begin(), state_->entries, it->second);
      return it->second->second;
    }
  }
  // Compile outside the lock: RE2 compilation can be slow and other patterns need not wait.
  TF_ASSIGN_OR_RETURN(std::shared_ptr<const re2::RE2> re, CompileRegex(pattern));
  Lock lock(&state_->mu);
  if (state_->index.count(pattern) == 0) {
    state_->entries.emplace_front(std::string(pattern), re);
    state_->index.emplace(state_->entries.front().first, state_->entries.begin());
    while (state_->entries.size() > state_->capacity) {
      state_->index.erase(state_->entries.back().first);
      state_->entries.pop_back();
    }
  }
  return re;
}

size_t RegexCache::size() const {
  Lock lock(&state_->mu);
  return state_->entries.size();
}

}  // namespace tf::rego
