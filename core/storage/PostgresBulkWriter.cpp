#include "BulkWriter.h"
#include "Database.h"

#include <QSqlDriver>

#include <libpq-fe.h>

namespace mlm {

namespace {

class PostgresBulkWriter final : public BulkWriter
{
    Q_DECLARE_TR_FUNCTIONS(PostgresBulkWriter)
public:
    PostgresBulkWriter(PGconn *handle, const QString &table, const QStringList &columns)
        : m_handle(handle), m_columns(int(columns.size())),
          m_copy(QStringLiteral("COPY %1 (%2) FROM STDIN").arg(table, columns.join(u',')).toUtf8())
    {
    }

    Status write(const QVariantList &values, int rows) override
    {
        m_buffer.clear();
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < m_columns; ++c) {
                if (c > 0)
                    m_buffer.append('\t');
                appendValue(values.at(qsizetype(r) * m_columns + c));
            }
            m_buffer.append('\n');
        }
        // Whatever Qt left unread on the connection would make COPY fail; nothing of it is still wanted.
        while (PGresult *left = PQgetResult(m_handle))
            PQclear(left);
        PGresult *start = PQexec(m_handle, m_copy.constData());
        const bool copying = PQresultStatus(start) == PGRES_COPY_IN;
        PQclear(start);
        if (!copying)
            return error(nullptr);
        if (PQputCopyData(m_handle, m_buffer.constData(), int(m_buffer.size())) != 1 ||
            PQputCopyEnd(m_handle, nullptr) != 1)
            return error(nullptr);
        Status status;
        while (PGresult *result = PQgetResult(m_handle)) {
            if (status.ok() && PQresultStatus(result) != PGRES_COMMAND_OK)
                status = error(result);
            PQclear(result);
        }
        return status;
    }

private:
    void appendValue(const QVariant &v)
    {
        if (v.isNull()) {
            m_buffer.append("\\N");
            return;
        }
        if (v.typeId() != QMetaType::QString) {
            m_buffer.append(QByteArray::number(v.toLongLong()));
            return;
        }
        const QByteArray text = static_cast<const QString *>(v.constData())->toUtf8();
        for (char ch : text) {
            switch (ch) {
            case '\\':
                m_buffer.append("\\\\");
                break;
            case '\t':
                m_buffer.append("\\t");
                break;
            case '\n':
                m_buffer.append("\\n");
                break;
            case '\r':
                m_buffer.append("\\r");
                break;
            default:
                m_buffer.append(ch);
            }
        }
    }

    Error error(const PGresult *result) const
    {
        const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
        const bool duplicate = state && qstrcmp(state, "23505") == 0;
        const QString message = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(m_handle));
        return makeError(duplicate ? ErrorCode::AlreadyExists : ErrorCode::Storage,
                         tr("database error: %1").arg(message.trimmed()));
    }

    PGconn *m_handle;
    int m_columns;
    QByteArray m_copy;
    QByteArray m_buffer;
};

} // namespace

Result<std::unique_ptr<BulkWriter>> createPostgresBulkWriter(Database &db, const QString &table,
                                                             const QStringList &columns)
{
    const QVariant handle = db.connection().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "pg_conn*") != 0)
        return makeError(ErrorCode::Storage, QStringLiteral("no PostgreSQL handle"));
    return std::unique_ptr<BulkWriter>(
        std::make_unique<PostgresBulkWriter>(*static_cast<PGconn *const *>(handle.constData()), table, columns));
}

} // namespace mlm
