#pragma once

#include "Database.h"

#include <QStringList>

namespace mlm {

/// Drops a table's secondary indexes for a bulk load and builds them again at the end: one sort per index instead
/// of a million scattered inserts. Runs inside the caller's transaction, so a failed load gets its indexes back
/// with the rollback. A unique index that cannot be built again fails the load.
class IndexSuspension
{
public:
    IndexSuspension(Database &db, const QString &table) : m_db(db), m_table(table) {}

    Status suspend();
    Status restore();

private:
    Database &m_db;
    QString m_table;
    QStringList m_createStatements;
};

} // namespace mlm
