#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace mlm {

/// Timestamps are stored as seconds since the Unix epoch, UTC.
using Timestamp = qint64;

/// Parses ISO 8601 date-times: "2026-10-05T12:00:00Z", with optional fraction and a Z or ±HH:MM offset.
/// A date alone ("2026-10-05") means its midnight UTC. Returns nullopt for anything else.
std::optional<Timestamp> parseIsoTimestamp(QStringView text);
/// "2026-10-05T12:00:00Z".
QString formatIsoTimestamp(Timestamp t);
Timestamp nowUtc();

/// A commission period: a calendar month in UTC, "YYYY-MM".
struct Period
{
    int year = 0;
    int month = 0;

    static std::optional<Period> parse(QStringView text);
    static Period containing(Timestamp t);
    QString toString() const;
    Timestamp start() const;
    Timestamp end() const; ///< exclusive: the start of the next month
    Period next() const;
    Period previous() const;
    auto operator<=>(const Period &) const = default;
};

} // namespace mlm
