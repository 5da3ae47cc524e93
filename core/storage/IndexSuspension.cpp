#include "IndexSuspension.h"

namespace mlm {

Status IndexSuspension::suspend()
{
    auto q = m_db.exec(m_db.dialect().secondaryIndexesSql(), {m_table});
    if (!q)
        return q.error();
    QStringList names;
    while (q->next()) {
        names << q->value(0).toString();
        m_createStatements << q->value(1).toString();
    }
    for (const QString &name : std::as_const(names))
        MLM_TRY(m_db.exec(QStringLiteral("DROP INDEX %1").arg(name)));
    return {};
}

Status IndexSuspension::restore()
{
    for (const QString &create : std::as_const(m_createStatements))
        MLM_TRY(m_db.exec(create));
    m_createStatements.clear();
    return {};
}

} // namespace mlm
