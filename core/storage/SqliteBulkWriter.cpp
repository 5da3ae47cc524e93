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
    ~SqliteBulkWriter() override
    {
        sqlite3_finalize(m_one);
        sqlite3_finalize(m_many);
    }

    /// One statement for a single row, one for many rows at once: each execution costs SQLite a fixed overhead
    /// (start, halt, reset) that the rows of a multi-row statement share.
    Status prepare(const QString &table, const QStringList &columns)
    {
        QStringList marks;
        for (qsizetype i = 0; i < columns.size(); ++i)
            marks << QStringLiteral("?");
        const QString row = u'(' + marks.join(u',') + u')';
        const QString head = QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(table, columns.join(u','));
        MLM_TRY(prepareStatement(head + row, &m_one));
        m_rowsPerMany = std::max(1, std::min(kRows, kMaxVariables / int(columns.size())));
        QStringList rows;
        for (int r = 0; r < m_rowsPerMany; ++r)
            rows << row;
        return prepareStatement(head + rows.join(u','), &m_many);
    }

    Status write(const QVariantList &values, int rows) override
    {
        int r = 0;
        for (; r + m_rowsPerMany <= rows; r += m_rowsPerMany)
            MLM_TRY(run(m_many, values, r, m_rowsPerMany));
        for (; r < rows; ++r)
            MLM_TRY(run(m_one, values, r, 1));
        return {};
    }

private:
    static constexpr int kRows = 64;
    static constexpr int kMaxVariables = 32766;

    Status prepareStatement(const QString &sql, sqlite3_stmt **statement)
    {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v3(m_handle, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, statement,
                               nullptr) != SQLITE_OK)
            return error();
        return {};
    }

    /// Binds `count` rows from row `first` on and executes the statement once.
    Status run(sqlite3_stmt *statement, const QVariantList &values, int first, int count)
    {
        const qsizetype base = qsizetype(first) * m_columns;
        const int variables = count * m_columns;
        for (int i = 0; i < variables; ++i) {
            const QVariant &v = values.at(base + i);
            int rc;
            if (v.isNull()) {
                rc = sqlite3_bind_null(statement, i + 1);
            } else if (v.typeId() == QMetaType::QString) {
                const QString &s = *static_cast<const QString *>(v.constData());
                // The variant outlives the step below, so SQLite may read its text in place.
                rc = sqlite3_bind_text16(statement, i + 1,
                                         s.isNull() ? static_cast<const void *>(u"")
                                                    : static_cast<const void *>(s.utf16()),
                                         int(s.size() * 2), SQLITE_STATIC);
            } else {
                rc = sqlite3_bind_int64(statement, i + 1, v.toLongLong());
            }
            if (rc != SQLITE_OK)
                return error();
        }
        const int rc = sqlite3_step(statement);
        sqlite3_reset(statement);
        if (rc != SQLITE_DONE)
            return error(rc);
        return {};
    }

    Error error(int rc = 0) const
    {
        const int extended = rc ? sqlite3_extended_errcode(m_handle) : 0;
        const bool duplicate = extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY;
        return makeError(duplicate ? ErrorCode::AlreadyExists : ErrorCode::Storage,
                         tr("database error: %1").arg(QString::fromUtf8(sqlite3_errmsg(m_handle))));
    }

    sqlite3 *m_handle;
    int m_columns;
    int m_rowsPerMany = 1;
    sqlite3_stmt *m_one = nullptr;
    sqlite3_stmt *m_many = nullptr;
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
    MLM_TRY(writer->prepare(table, columns));
    return std::unique_ptr<BulkWriter>(std::move(writer));
}

} // namespace mlm
