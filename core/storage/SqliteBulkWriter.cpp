#include "BulkWriter.h"
#include "Database.h"

#include <QSqlDriver>

#include <sqlite3.h>

namespace mlm {

namespace {

class SqliteBulkWriter final : public BulkWriter
{
    Q_DECLARE_TR_FUNCTIONS(SqliteBulkWriter)
public:
    SqliteBulkWriter(sqlite3 *handle, int columns) : m_handle(handle), m_columns(columns) {}
    ~SqliteBulkWriter() override { sqlite3_finalize(m_statement); }

    Status prepare(const QString &sql)
    {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v3(m_handle, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &m_statement,
                               nullptr) != SQLITE_OK)
            return error();
        return {};
    }

    Status write(const QVariantList &values, int rows) override
    {
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < m_columns; ++c) {
                const QVariant &v = values.at(qsizetype(r) * m_columns + c);
                int rc;
                if (v.isNull())
                    rc = sqlite3_bind_null(m_statement, c + 1);
                else if (v.typeId() == QMetaType::QString) {
                    const QString &s = *static_cast<const QString *>(v.constData());
                    // The variant outlives the step below, so SQLite may read its text in place.
                    rc = sqlite3_bind_text16(m_statement, c + 1,
                                             s.isNull() ? static_cast<const void *>(u"")
                                                        : static_cast<const void *>(s.utf16()),
                                             int(s.size() * 2), SQLITE_STATIC);
                } else
                    rc = sqlite3_bind_int64(m_statement, c + 1, v.toLongLong());
                if (rc != SQLITE_OK)
                    return error();
            }
            const int rc = sqlite3_step(m_statement);
            sqlite3_reset(m_statement);
            if (rc != SQLITE_DONE)
                return error(rc);
        }
        return {};
    }

private:
    Error error(int rc = 0) const
    {
        const int extended = rc ? sqlite3_extended_errcode(m_handle) : 0;
        const bool duplicate = extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY;
        return makeError(duplicate ? ErrorCode::AlreadyExists : ErrorCode::Storage,
                         tr("database error: %1").arg(QString::fromUtf8(sqlite3_errmsg(m_handle))));
    }

    sqlite3 *m_handle;
    int m_columns;
    sqlite3_stmt *m_statement = nullptr;
};

} // namespace

Result<std::unique_ptr<BulkWriter>> createSqliteBulkWriter(Database &db, const QString &table,
                                                           const QStringList &columns)
{
    const QVariant handle = db.connection().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return makeError(ErrorCode::Storage, QStringLiteral("no SQLite handle"));
    auto writer =
        std::make_unique<SqliteBulkWriter>(*static_cast<sqlite3 *const *>(handle.constData()), int(columns.size()));
    QStringList marks;
    for (qsizetype i = 0; i < columns.size(); ++i)
        marks << QStringLiteral("?");
    MLM_TRY(writer->prepare(
        QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)").arg(table, columns.join(u','), marks.join(u','))));
    return std::unique_ptr<BulkWriter>(std::move(writer));
}

} // namespace mlm
