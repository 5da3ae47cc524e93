#pragma once

#include "Database.h"

#include <QStringList>

namespace mlm {

/// Prepares a table for a bulk load: drops its secondary indexes and, on PostgreSQL, its foreign keys, and puts
/// them back at the end: one sort per index instead of a million scattered inserts, and one validating join per
/// foreign key instead of a trigger per row. Runs inside the caller's transaction, so a failed load gets everything
/// back with the rollback, and a row that breaks a unique index or a foreign key fails the load when they return.
/// The table is locked for others until the transaction ends.
class BulkLoadSuspension
{
public:
    BulkLoadSuspension(Database &db, const QString &table) : m_db(db), m_table(table) {}

    Status suspend();
    Status restore();

private:
    Database &m_db;
    QString m_table;
    QStringList m_restore; ///< statements that put back what suspend() dropped
};

} // namespace mlm
