#include "CompanySummary.h"

#include "catalog/Catalog.h"

#include "storage/Database.h"

#include <QSqlQuery>

namespace mlm {

namespace {

Result<QList<QPair<QString, qint64>>> countsBy(Database &db, const QString &table, const QString &column)
{
    auto q = db.exec(QStringLiteral("SELECT %2, COUNT(*) FROM %1 GROUP BY %2 ORDER BY %2").arg(table, column));
    if (!q)
        return q.error();
    QList<QPair<QString, qint64>> result;
    while (q->next())
        result.append({q->value(0).toString(), q->value(1).toLongLong()});
    return result;
}

qint64 sum(const QList<QPair<QString, qint64>> &counts)
{
    qint64 total = 0;
    for (const auto &c : counts)
        total += c.second;
    return total;
}

} // namespace

Result<CompanySummary> CompanySummary::read(Database &db)
{
    CompanySummary s;
    auto version = db.schemaVersion();
    if (!version)
        return version.error();
    s.schemaVersion = version.value();
    auto currency = Catalog(db).currency();
    if (!currency)
        return currency.error();
    s.currency = currency.value();
    auto members = countsBy(db, QStringLiteral("members"), QStringLiteral("status"));
    if (!members)
        return members.error();
    s.membersByStatus = members.value();
    s.members = sum(s.membersByStatus);
    auto orders = countsBy(db, QStringLiteral("orders"), QStringLiteral("status"));
    if (!orders)
        return orders.error();
    s.ordersByStatus = orders.value();
    s.orders = sum(s.ordersByStatus);
    auto products = db.scalar(QStringLiteral("SELECT COUNT(*) FROM products"));
    if (!products)
        return products.error();
    s.products = products->toLongLong();
    auto stores = db.exec(QStringLiteral("SELECT code, scenario FROM stores ORDER BY code"));
    if (!stores)
        return stores.error();
    while (stores->next())
        s.stores.append({stores->value(0).toString(), stores->value(1).toString()});
    auto span = db.exec(QStringLiteral("SELECT MIN(paid_at), MAX(paid_at) FROM orders"));
    if (!span)
        return span.error();
    if (span->next() && !span->value(0).isNull()) {
        s.firstPaid = span->value(0).toLongLong();
        s.lastPaid = span->value(1).toLongLong();
    }
    return s;
}

} // namespace mlm
