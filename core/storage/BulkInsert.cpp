#include "BulkInsert.h"

namespace mlm {

BulkInsert::BulkInsert(Database &db, const QString &table, const QStringList &columns, int rowsPerStatement)
    : m_db(db), m_table(table), m_columns(columns), m_rowsPerStatement(rowsPerStatement)
{
    m_pending.reserve(columns.size() * rowsPerStatement);
}

Status BulkInsert::write(int rows)
{
    if (rows == 0)
        return {};
    if (!m_writer) {
        auto writer = m_db.dialect().createBulkWriter(m_db, m_table, m_columns);
        if (!writer)
            return writer.error();
        m_writer = std::move(writer.value());
    }
    MLM_TRY(m_writer->write(m_pending, rows));
    m_written += rows;
    m_pending.clear();
    return {};
}

Status BulkInsert::endRow(bool autoWrite)
{
    Q_ASSERT(m_pending.size() % m_columns.size() == 0);
    if (autoWrite && m_pending.size() >= m_columns.size() * m_rowsPerStatement)
        return write(m_rowsPerStatement);
    return {};
}

Status BulkInsert::writeFull()
{
    const qsizetype chunk = m_columns.size() * m_rowsPerStatement;
    if (m_pending.size() < chunk)
        return {};
    const QVariantList all = std::exchange(m_pending, {});
    qsizetype pos = 0;
    for (; all.size() - pos >= chunk; pos += chunk) {
        m_pending = all.mid(pos, chunk);
        MLM_TRY(write(m_rowsPerStatement));
    }
    m_pending = all.mid(pos);
    return {};
}

Status BulkInsert::finish()
{
    return write(int(m_pending.size() / m_columns.size()));
}

} // namespace mlm
