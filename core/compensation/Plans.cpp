#include "Plans.h"

#include "domain/UtcTime.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/TransactionGuard.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace mlm {

Result<CompensationPlan> Plans::current(Database &db)
{
    auto q = db.exec(QStringLiteral("SELECT levels_bp, qualification_pv, compression, retail_profit "
                                    "FROM compensation_plan WHERE id = 1"));
    if (!q)
        return q.error();
    CompensationPlan plan;
    if (!q->next())
        return plan;
    auto levels = CompensationPlan::parseLevels(q->value(0).toString());
    if (!levels)
        return levels.error();
    plan.levelsBp = levels.value();
    plan.qualificationPv = q->value(1).toLongLong();
    plan.compression = q->value(2).toInt() != 0;
    plan.retailProfit = q->value(3).toInt() != 0;
    return plan;
}

Status Plans::save(Database &db, const CompensationPlan &plan, const Actor &actor)
{
    MLM_TRY(plan.validate());
    TransactionGuard tx(db);
    MLM_TRY(tx.began());
    MLM_TRY(db.exec(
        QStringLiteral("UPDATE compensation_plan SET levels_bp = ?, qualification_pv = ?, compression = ?, "
                       "retail_profit = ?, updated_at = ? WHERE id = 1"),
        {plan.levelsText(), plan.qualificationPv, plan.compression ? 1 : 0, plan.retailProfit ? 1 : 0, nowUtc()}));
    MLM_TRY(AuditLog::record(db, actor, QStringLiteral("plan.save"), QStringLiteral("plan"), 1, plan.toJson()));
    return tx.commit();
}

} // namespace mlm
