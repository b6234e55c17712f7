// Status and Result<T>: how every stage of annexa reports an operational
// failure (a file that cannot be read, a spec that does not load) without
// exceptions crossing module boundaries. Bad *data* is not a Status: it is a
// finding (see validate/). Only cli/main maps a Status to an exit code.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace annexa {

// What went wrong, coarse enough for main() to choose an exit code.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad usage or configuration (exit 2)
  kNotFound,         // a named file, sheet, list or column does not exist
  kParseError,       // a file exists but its content is malformed
  kIoError,          // reading or writing failed (exit 3)
  kLimitExceeded,    // a size or count cap protected us (exit 3)
  kInternal,         // a bug: should never be seen
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // The full, user-facing message ("file:line:col: what is wrong").
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status ParseError(std::string m) { return {StatusCode::kParseError, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status LimitExceeded(std::string m) { return {StatusCode::kLimitExceeded, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  // Ok status when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

  // Precondition: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace annexa

// Returns early from the enclosing function when `expr` (a Status) is not ok.
#define ANNEXA_RETURN_IF_ERROR(expr)            \
  do {                                          \
    ::annexa::Status annexa_status_ = (expr);   \
    if (!annexa_status_.ok()) return annexa_status_; \
  } while (0)
