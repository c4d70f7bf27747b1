// File: core/status.h
//
// `Status` and `Result<T>`: errors as values. No exception crosses a module's public API; code
// that calls a throwing library converts at the call site. Callers branch on `code()` only; the
// message is for people and may change.
//
//   tf::Result<Value> v = ParseJson(text);
//   if (!v.ok()) return v.status();
//   TF_ASSIGN_OR_RETURN(Value doc, ParseJson(text));
#ifndef TF_CORE_STATUS_H_
#define TF_CORE_STATUS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/error_code.h"

namespace tf {

class [[nodiscard]] Status {
 public:
  // OK. Stores no state: an OK status is a null pointer, so it costs nothing to return.
  Status() = default;
  Status(ErrorCode code, std::string message);

  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status Ok() { return Status(); }

  bool ok() const { return state_ == nullptr; }
  ErrorCode code() const { return state_ ? state_->code : ErrorCode::kOk; }
  // Empty for OK.
  std::string_view message() const;
  // "code_name: message", for logs and CLI output.
  std::string ToString() const;

  // Returns a copy whose message is `prefix + ": " + message()`; OK stays OK.
  Status WithContext(std::string_view prefix) const;

 private:
  struct State {
    ErrorCode code;
    std::string message;
  };
  std::unique_ptr<State> state_;
};

inline bool operator==(const Status& a, const Status& b) {
  return a.code() == b.code() && a.message() == b.message();
}

// Named constructors for the generic codes.
Status InvalidArgument(std::string message);
Status NotFound(std::string message);
Status FailedPrecondition(std::string message);
Status Internal(std::string message);
Status IoError(std::string message);

// A value or the error that prevented it. REQUIRES for value access: ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design.
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design.
    if (status_.ok()) status_ = Status(ErrorCode::kInternal, "Result built from an OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }

  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T& operator*() const& { return *value_; }
  T& operator*() & { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace tf

#define TF_STATUS_CONCAT_INNER(a, b) a##b
#define TF_STATUS_CONCAT(a, b) TF_STATUS_CONCAT_INNER(a, b)

// Returns the status from the enclosing function if `expr` is not OK.
#define TF_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::tf::Status tf_status_ = (expr);        \
    if (!tf_status_.ok()) return tf_status_; \
  } while (false)

// `TF_ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a Result, or returns its status.
#define TF_ASSIGN_OR_RETURN(lhs, rexpr) \
  TF_ASSIGN_OR_RETURN_IMPL(TF_STATUS_CONCAT(tf_result_, __LINE__), lhs, rexpr)
#define TF_ASSIGN_OR_RETURN_IMPL(result, lhs, rexpr)   \
  auto result = (rexpr);                               \
  if (!result.ok()) return std::move(result).status(); \
  lhs = std::move(result).value()

#endif  // TF_CORE_STATUS_H_
