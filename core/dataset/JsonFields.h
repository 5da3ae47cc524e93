#pragma once

#include "domain/Result.h"
#include "domain/UtcTime.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace mlm::dataset {

/// Typed access to the fields of one JSON record, with errors that name the record ("orders[7]") and the field.
class JsonFields
{
    Q_DECLARE_TR_FUNCTIONS(JsonFields)
public:
    JsonFields(const QJsonObject &object, QString where) : m_o(object), m_where(std::move(where)) {}

    static Result<JsonFields> of(const QJsonValue &value, const QString &where)
    {
        if (!value.isObject())
            return makeError(ErrorCode::InvalidArgument, tr("%1: must be an object").arg(where));
        return JsonFields(value.toObject(), where);
    }

    const QString &where() const { return m_where; }
    void setWhere(QString where) { m_where = std::move(where); }
    bool has(const QString &key) const { return m_o.contains(key); }
    bool isNull(const QString &key) const { return !m_o.contains(key) || m_o.value(key).isNull(); }
    QJsonValue raw(const QString &key) const { return m_o.value(key); }

    Error error(const QString &message) const { return makeError(ErrorCode::InvalidArgument, m_where + QStringLiteral(": ") + message); }
    Error error(ErrorCode code, const QString &message) const { return makeError(code, m_where + QStringLiteral(": ") + message); }

    /// A string field; missing or null gives `fallback` unless `required`.
    Result<QString> string(const QString &key, bool required, int maxLength = 200, const QString &fallback = {}) const
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                return error(tr("'%1' is required").arg(key));
            return fallback;
        }
        if (!v.isString())
            return error(tr("'%1' must be a string").arg(key));
        const QString s = v.toString();
        if (s.size() > maxLength)
            return error(tr("'%1' is longer than %2 characters").arg(key).arg(maxLength));
        return s;
    }

    /// A whole number field (JSON numbers are exact up to 2^53).
    Result<std::optional<qint64>> integer(const QString &key, bool required, qint64 min, qint64 max) const
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                return error(tr("'%1' is required").arg(key));
            return std::optional<qint64>();
        }
        const double d = v.toDouble();
        if (!v.isDouble() || d != double(qint64(d)) || d < double(min) || d > double(max))
            return error(tr("'%1' must be a whole number from %2 to %3").arg(key).arg(min).arg(max));
        return std::optional<qint64>(qint64(d));
    }

    Result<bool> boolean(const QString &key, bool fallback) const
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isBool())
            return error(tr("'%1' must be true or false").arg(key));
        return v.toBool();
    }

    Result<std::optional<Timestamp>> timestamp(const QString &key, bool required) const
    {
        auto text = string(key, required, 64);
        if (!text)
            return text.error();
        if (text->isEmpty())
            return std::optional<Timestamp>();
        const auto t = parseIsoTimestamp(text.value());
        if (!t)
            return error(tr("'%1' is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z: '%2'").arg(key, text.value()));
        return t;
    }

private:
    QJsonObject m_o;
    QString m_where;
};

} // namespace mlm::dataset
