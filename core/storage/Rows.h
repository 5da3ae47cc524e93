#pragma once

#include <QString>
#include <QtGlobal>

class QSqlQuery;
struct sqlite3_stmt;

namespace mlm {

/// One row of Database::forEachRow, its columns by position. Valid only inside the call that hands it over.
class Row
{
public:
    /// A whole number (0 for NULL).
    qint64 integer(int column) const;
    /// A text (empty for NULL).
    QString text(int column) const;
    bool isNull(int column) const;

private:
    friend class Database;
    explicit Row(sqlite3_stmt *statement) : m_statement(statement) {}
    explicit Row(const QSqlQuery *query) : m_query(query) {}

    sqlite3_stmt *m_statement = nullptr; ///< SQLite: the driver's connection, stepped directly
    const QSqlQuery *m_query = nullptr;  ///< PostgreSQL: through the Qt driver
};

} // namespace mlm
