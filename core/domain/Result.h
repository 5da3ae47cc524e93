#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace mlm {

/// What kind of failure an Error is; the API maps these to HTTP statuses, the CLI to exit codes.
enum class ErrorCode
{
    InvalidArgument,    ///< malformed input: a bad code, a bad date, a negative quantity
    NotFound,           ///< a referenced record does not exist
    AlreadyExists,      ///< a unique key is taken
    Conflict,           ///< the request contradicts the stored state (idempotency mismatch, illegal transition)
    FailedPrecondition, ///< the operation is not allowed in the current state (terminated sponsor, cycle)
    Unauthenticated,    ///< no valid credentials (a missing, unknown or revoked API key)
    PermissionDenied,   ///< the actor may not do this
    Storage,            ///< the database failed
    Unavailable,        ///< the database cannot be reached or is busy now: try again later (nothing was changed, or
                        ///< for a write whose commit was cut off, look it up again by its key)
    Throttled,          ///< too many failed attempts: refused until Error::retryAfterSeconds have passed
};

/// A refused operation: a code for programs and a message for people.
struct Error
{
    ErrorCode code = ErrorCode::InvalidArgument;
    QString message;
    int retryAfterSeconds = 0; ///< Throttled: when to ask again

    Error prefixed(const QString &context) const
    {
        return {code, context + QStringLiteral(": ") + message, retryAfterSeconds};
    }
};

/// The value of an operation that may be refused. Errors cross module boundaries as values.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const T &operator*() const { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

inline Error makeError(ErrorCode code, QString message)
{
    return Error{code, std::move(message)};
}

} // namespace mlm

/// Returns the error of `expr` (a Result) from the enclosing function, which must return a Result.
#define MLM_TRY(expr)                                                                                                  \
    do {                                                                                                               \
        if (auto mlmTryResult_ = (expr); !mlmTryResult_.ok())                                                          \
            return mlmTryResult_.error();                                                                              \
    } while (false)
