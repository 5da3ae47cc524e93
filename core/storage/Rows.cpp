#include "Rows.h"

#include "Database.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <sqlite3.h>

namespace mlm {

qint64 Row::integer(int column) const
{
    return m_statement ? sqlite3_column_int64(m_statement, column) : m_query->value(column).toLongLong();
}

QString Row::text(int column) const
{
    if (!m_statement)
        return m_query->value(column).toString();
    const auto *utf8 = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return utf8 ? QString::fromUtf8(utf8, sqlite3_column_bytes(m_statement, column)) : QString();
}

bool Row::isNull(int column) const
{
    return m_statement ? sqlite3_column_type(m_statement, column) == SQLITE_NULL : m_query->isNull(column);
}

Status Database::forEachRow(const QString &sql, const QVariantList &values, const std::function<void(const Row &)> &row)
{
    if (m_url.backend == DatabaseUrl::Backend::Sqlite)
        return forEachSqliteRow(sql, values, row);
    auto query = exec(sql, values);
    if (!query)
        return query.error();
    const Row current(&query.value());
    while (query->next())
        row(current);
    if (query->lastError().isValid())
        return errorOf(query.value());
    return {};
}

Status Database::forEachSqliteRow(const QString &sql, const QVariantList &values,
                                  const std::function<void(const Row &)> &row)
{
    MLM_TRY(connectedForNewWork());
    const QVariant handle = m_db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return makeError(ErrorCode::Storage, tr("database error: %1").arg(QStringLiteral("no SQLite handle")));
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
    const auto failed = [connection](int rc) {
        return statementError(rc == SQLITE_BUSY || rc == SQLITE_LOCKED, false,
                              QString::fromUtf8(sqlite3_errmsg(connection)));
    };
    const QByteArray text = sql.toUtf8();
    sqlite3_stmt *statement = nullptr;
    if (const int rc = sqlite3_prepare_v2(connection, text.constData(), int(text.size()), &statement, nullptr);
        rc != SQLITE_OK) {
        sqlite3_finalize(statement);
        return failed(rc);
    }
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> owner(statement, sqlite3_finalize);
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &v = values.at(i);
        MLM_TRY(checkBound(v));
        int rc = SQLITE_OK;
        if (v.isNull()) {
            rc = sqlite3_bind_null(statement, i + 1);
        } else {
            switch (v.typeId()) {
            case QMetaType::Bool:
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
                rc = sqlite3_bind_int64(statement, i + 1, v.toLongLong());
                break;
            case QMetaType::Double:
                rc = sqlite3_bind_double(statement, i + 1, v.toDouble());
                break;
            case QMetaType::QByteArray: {
                const QByteArray bytes = v.toByteArray();
                rc = sqlite3_bind_blob64(statement, i + 1, bytes.constData(), sqlite3_uint64(bytes.size()),
                                         SQLITE_TRANSIENT);
                break;
            }
            default: {
                const QByteArray utf8 = v.toString().toUtf8();
                rc = sqlite3_bind_text64(statement, i + 1, utf8.constData(), sqlite3_uint64(utf8.size()),
                                         SQLITE_TRANSIENT, SQLITE_UTF8);
            }
            }
        }
        if (rc != SQLITE_OK)
            return failed(rc);
    }
    const Row current(statement);
    for (;;) {
        const int rc = sqlite3_step(statement);
        if (rc == SQLITE_DONE)
            return {};
        if (rc != SQLITE_ROW)
            return failed(rc);
        row(current);
    }
}

} // namespace mlm
