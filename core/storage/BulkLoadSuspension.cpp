#include "BulkLoadSuspension.h"

namespace mlm {

Status BulkLoadSuspension::suspend()
{
    QStringList drops;
    auto indexes = m_db.exec(m_db.dialect().secondaryIndexesSql(), {m_table});
    if (!indexes)
        return indexes.error();
    while (indexes->next()) {
        drops << QStringLiteral("DROP INDEX %1").arg(indexes->value(0).toString());
        m_restore << indexes->value(1).toString();
    }
    if (const QString sql = m_db.dialect().foreignKeysOfTableSql(); !sql.isEmpty()) {
        auto keys = m_db.exec(sql, {m_table});
        if (!keys)
            return keys.error();
        while (keys->next()) {
            drops << QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2").arg(m_table, keys->value(0).toString());
            m_restore << QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3")
                             .arg(m_table, keys->value(0).toString(), keys->value(1).toString());
        }
    }
    for (const QString &drop : std::as_const(drops))
        MLM_TRY(m_db.exec(drop));
    return {};
}

Status BulkLoadSuspension::restore()
{
    for (const QString &statement : std::as_const(m_restore))
        MLM_TRY(m_db.exec(statement));
    m_restore.clear();
    return {};
}

} // namespace mlm
