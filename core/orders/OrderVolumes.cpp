#include "OrderVolumes.h"

#include "storage/Database.h"
#include "storage/Rows.h"

#include <QHash>
#include <QStringList>

namespace mlm {

Status OrderVolumes::add(Database &db, Id member, Timestamp paidAt, Volume pv)
{
    if (member == 0 || pv == 0)
        return {};
    const int month = monthKey(Period::containing(paidAt));
    MLM_TRY(db.execReused(QStringLiteral("INSERT INTO member_month_volumes (month, member_id, pv) VALUES (?, ?, ?) "
                                         "ON CONFLICT (month, member_id) DO UPDATE SET pv = "
                                         "member_month_volumes.pv + excluded.pv"),
                          {month, member, pv}));
    if (pv < 0)
        MLM_TRY(db.execReused(
            QStringLiteral("DELETE FROM member_month_volumes WHERE month = ? AND member_id = ? AND pv = 0"),
            {month, member}));
    return {};
}

Status OrderVolumes::rebuild(Database &db)
{
    MLM_TRY(db.exec(QStringLiteral("DELETE FROM member_month_volumes")));
    const QString month = db.dialect().monthKeySql(QStringLiteral("paid_at"));
    MLM_TRY(db.exec(QStringLiteral("INSERT INTO member_month_volumes (month, member_id, pv) "
                                   "SELECT %1, credited_member_id, SUM(total_pv) FROM orders WHERE status = 'paid' "
                                   "AND credited_member_id IS NOT NULL AND paid_at IS NOT NULL "
                                   "GROUP BY %1, credited_member_id HAVING SUM(total_pv) <> 0")
                        .arg(month)));
    return {};
}

Status OrderVolumes::forEachInMonth(Database &db, const Period &period, const std::function<void(Id, Volume)> &each)
{
    return db.forEachRow(QStringLiteral("SELECT member_id, pv FROM member_month_volumes WHERE month = ? "
                                        "ORDER BY member_id"),
                         {monthKey(period)}, [&](const Row &r) { each(r.integer(0), r.integer(1)); });
}

Status OrderVolumes::forEachOf(Database &db, const QList<Period> &periods, const QList<Id> &members,
                               const std::function<void(qsizetype, Id, Volume)> &each)
{
    QHash<int, qsizetype> periodIndex;
    QVariantList months;
    for (qsizetype i = 0; i < periods.size(); ++i) {
        periodIndex.insert(monthKey(periods.at(i)), i);
        months << monthKey(periods.at(i));
    }
    constexpr qsizetype kChunk = 500;
    for (qsizetype from = 0; from < members.size(); from += kChunk) {
        const QList<Id> chunk = members.mid(from, kChunk);
        QVariantList values = months;
        for (Id id : chunk)
            values << id;
        MLM_TRY(db.forEachRow(
            QStringLiteral("SELECT month, member_id, pv FROM member_month_volumes WHERE month IN "
                           "(%1) AND member_id IN (%2)")
                .arg(QStringList(months.size(), QStringLiteral("?")).join(u','),
                     QStringList(chunk.size(), QStringLiteral("?")).join(u',')),
            values, [&](const Row &r) { each(periodIndex.value(int(r.integer(0))), r.integer(1), r.integer(2)); }));
    }
    return {};
}

} // namespace mlm
