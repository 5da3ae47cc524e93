#pragma once

#include "domain/Money.h"
#include "domain/Result.h"
#include "domain/UtcTime.h"

#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace mlm {

class Database;

/// A short overview of what a database holds: counts by status, the stores, the span of paid orders.
struct CompanySummary
{
    int schemaVersion = 0;
    QString currency;
    qint64 members = 0;
    QList<QPair<QString, qint64>> membersByStatus;
    qint64 products = 0;
    QList<QPair<QString, QString>> stores; ///< code, scenario
    qint64 orders = 0;
    QList<QPair<QString, qint64>> ordersByStatus;
    std::optional<Timestamp> firstPaid;
    std::optional<Timestamp> lastPaid;

    static Result<CompanySummary> read(Database &db);
};

} // namespace mlm
