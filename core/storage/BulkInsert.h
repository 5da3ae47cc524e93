#pragma once

#include "BulkWriter.h"
#include "Database.h"

#include <QStringList>
#include <QVariantList>

namespace mlm {

/// Inserts many rows by the backend's fast path (BulkWriter): the way imports write.
/// Rows are buffered and written every `rowsPerStatement` rows; call finish() to write the rest.
class BulkInsert
{
public:
    BulkInsert(Database &db, const QString &table, const QStringList &columns, int rowsPerStatement = 4096);

    /// Appends one value of the current row; after columns().size() values the row is complete.
    void operator<<(const QVariant &value) { m_pending.append(value); }
    /// Ends the current row; writes a full statement's worth unless `autoWrite` is false (see writeFull()).
    Status endRow(bool autoWrite = true);
    /// Writes every full statement's worth of buffered rows, keeping the rest: for child rows that may only be
    /// written after their parents were.
    Status writeFull();
    Status finish();
    qint64 rowsWritten() const { return m_written; }

private:
    Status write(int rows);

    Database &m_db;
    QString m_table;
    QStringList m_columns;
    int m_rowsPerStatement;
    QVariantList m_pending;
    std::unique_ptr<BulkWriter> m_writer;
    qint64 m_written = 0;
};

} // namespace mlm
