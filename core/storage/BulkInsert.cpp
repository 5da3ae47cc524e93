#include "BulkInsert.h"

namespace mlm {

BulkInsert::BulkInsert(Database &db, const QString &table, const QStringList &columns, int rowsPerStatement)
    : m_db(db), m_table(table), m_columns(columns), m_rowsPerStatement(rowsPerStatement)
{
    m_pending.reserve(columns.size() * rowsPerStatement);
}

QString BulkInsert::statementFor(int rows) const
{
    QString row = QStringLiteral("(?");
    for (qsizetype i = 1; i < m_columns.size(); ++i)
        row += QStringLiteral(",?");
    row += u')';
    QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(m_table, m_columns.join(u','));
    sql.reserve(sql.size() + rows * (row.size() + 1));
    for (int i = 0; i < rows; ++i) {
        if (i > 0)
            sql += u',';
        sql += row;
    }
    return sql;
}

Status BulkInsert::write(int rows)
{
    if (rows == 0)
        return {};
    std::optional<QSqlQuery> partial;
    QSqlQuery *query = nullptr;
    if (rows == m_rowsPerStatement) {
        if (!m_full) {
            auto prepared = m_db.prepare(statementFor(rows));
            if (!prepared)
                return prepared.error();
            m_full = std::move(prepared.value());
        }
        query = &*m_full;
    } else {
        auto prepared = m_db.prepare(statementFor(rows));
        if (!prepared)
            return prepared.error();
        partial = std::move(prepared.value());
        query = &*partial;
    }
    MLM_TRY(m_db.run(*query, m_pending));
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
