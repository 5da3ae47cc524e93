#pragma once

#include "domain/JsonReader.h"
#include "domain/Result.h"
#include "domain/UtcTime.h"

#include <QCoreApplication>

#include <optional>

namespace mlm::dataset {

/// Where a record sits in the file: "orders[7] (external_id 'A1').lines[0]". Spelled out only for an error,
/// since a million records are read for every one that is wrong.
struct Location
{
    const Location *parent = nullptr;
    const char *name = nullptr; ///< "orders", or ".lines" below a parent
    qsizetype index = -1;
    const char *labelName = nullptr; ///< "code" for " (code 'ANNA')"
    QString labelValue;

    QString toString() const
    {
        QString text = parent ? parent->toString() : QString();
        text += QLatin1StringView(name);
        if (index >= 0)
            text += u'[' + QString::number(index) + u']';
        if (labelName)
            text += QStringLiteral(" (%1 '%2')").arg(QLatin1StringView(labelName), labelValue);
        return text;
    }
};

/// Typed access to the fields of one JSON record, with errors that name the record ("orders[7]") and the field.
class JsonFields
{
    Q_DECLARE_TR_FUNCTIONS(JsonFields)
public:
    JsonFields(json::Value object, Location where) : m_o(object), m_where(std::move(where)) {}

    static Result<JsonFields> of(json::Value value, Location where)
    {
        if (!value.isObject())
            return makeError(ErrorCode::InvalidArgument, tr("%1: must be an object").arg(where.toString()));
        return JsonFields(value, std::move(where));
    }

    QString where() const { return m_where.toString(); }
    /// Names the record by one of its fields in errors: " (code 'ANNA')".
    void label(const char *name, const QString &value)
    {
        m_where.labelName = name;
        m_where.labelValue = value;
    }
    /// The location of a nested record, valid while this one lives.
    Location child(const char *name, qsizetype index = -1) const { return Location{&m_where, name, index}; }

    bool has(const char *key) const { return !m_o[QLatin1StringView(key)].isUndefined(); }
    json::Value raw(const char *key) const { return m_o[QLatin1StringView(key)]; }

    Error error(const QString &message) const { return error(ErrorCode::InvalidArgument, message); }
    Error error(ErrorCode code, const QString &message) const
    {
        return makeError(code, m_where.toString() + QStringLiteral(": ") + message);
    }

    /// A string field; missing or null gives `fallback` unless `required`.
    Result<QString> string(const char *key, bool required, int maxLength = 200, const QString &fallback = {}) const
    {
        const json::Value v = raw(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                return error(tr("'%1' is required").arg(QLatin1StringView(key)));
            return fallback;
        }
        if (!v.isString())
            return error(tr("'%1' must be a string").arg(QLatin1StringView(key)));
        QString s = v.toString();
        if (s.size() > maxLength)
            return error(tr("'%1' is longer than %2 characters").arg(QLatin1StringView(key)).arg(maxLength));
        return s;
    }

    /// A whole number field, read exactly.
    Result<std::optional<qint64>> integer(const char *key, bool required, qint64 min, qint64 max) const
    {
        return integerValue(raw(key), QLatin1StringView(key), required, min, max);
    }

    Result<std::optional<qint64>> integerValue(json::Value v, QLatin1StringView name, bool required, qint64 min,
                                               qint64 max) const
    {
        if (v.isUndefined() || v.isNull()) {
            if (required)
                return error(tr("'%1' is required").arg(name));
            return std::optional<qint64>();
        }
        const auto n = v.toInteger();
        if (!n || *n < min || *n > max)
            return error(tr("'%1' must be a whole number from %2 to %3").arg(name).arg(min).arg(max));
        return n;
    }

    Result<bool> boolean(const char *key, bool fallback) const
    {
        const json::Value v = raw(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isBool())
            return error(tr("'%1' must be true or false").arg(QLatin1StringView(key)));
        return v.toBool();
    }

    Result<std::optional<Timestamp>> timestamp(const char *key, bool required) const
    {
        auto text = string(key, required, 64);
        if (!text)
            return text.error();
        if (text->isEmpty())
            return std::optional<Timestamp>();
        const auto t = parseIsoTimestamp(text.value());
        if (!t)
            return error(tr("'%1' is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z: '%2'")
                             .arg(QLatin1StringView(key), text.value()));
        return t;
    }

private:
    json::Value m_o;
    Location m_where;
};

} // namespace mlm::dataset
