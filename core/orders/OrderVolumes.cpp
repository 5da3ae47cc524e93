#include "OrderVolumes.h"

#include "storage/Database.h"
#include "storage/Rows.h"

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

} // namespace mlm
