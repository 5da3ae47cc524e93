#pragma once

#include "domain/Money.h"
#include "domain/UtcTime.h"

#include <QString>
#include <QVariant>

#include <optional>

namespace mlm::sql {

// How optional values travel to and from SQL: NULL for "none", one rule for every repository.

/// A row id for a nullable reference column: NULL for 0 (none).
inline QVariant idOrNull(Id id)
{
    return id == 0 ? QVariant(QMetaType::fromType<qlonglong>()) : QVariant(id);
}

/// A nullable timestamp column.
inline QVariant timeOrNull(const std::optional<Timestamp> &t)
{
    return t ? QVariant(*t) : QVariant(QMetaType::fromType<qlonglong>());
}

/// A nullable timestamp read back.
inline std::optional<Timestamp> optionalTime(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<Timestamp>(v.toLongLong());
}

/// A nullable text column: NULL for an empty text (so that unique indexes do not compare empty values).
inline QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace mlm::sql
