#pragma once

#include "DatabaseUrl.h"
#include "SqlDialect.h"
#include "domain/Result.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcStorage)

namespace mlm {

/// One open connection to the back office's database, for the thread that opened it.
/// Another thread opens its own with openAnother(): connections are never shared between threads.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)
public:
    static Result<std::unique_ptr<Database>> open(const QString &url);
    static Result<std::unique_ptr<Database>> open(const DatabaseUrl &url);
    Result<std::unique_ptr<Database>> openAnother() const { return open(m_url); }
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const DatabaseUrl &url() const { return m_url; }
    const SqlDialect &dialect() const { return m_dialect; }
    QSqlDatabase &connection() { return m_db; }

    /// Prepares `sql` (placeholders `?`), binds `values` in order and executes it.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &values = {});
    /// Prepares a statement for repeated use with new bound values.
    Result<QSqlQuery> prepare(const QString &sql);
    /// Executes an already prepared statement with new values.
    Status run(QSqlQuery &query, const QVariantList &values);
    /// The first column of the first row, or an invalid QVariant when there is no row.
    Result<QVariant> scalar(const QString &sql, const QVariantList &values = {});

    Error errorOf(const QSqlQuery &query) const;

    /// Creates or upgrades the schema (see Migrations).
    Status migrate();
    /// The schema version stored in the database; 0 for an empty database.
    Result<int> schemaVersion();

    /// Transaction nesting, used by TransactionGuard only. The outermost guard decides how the transaction begins.
    Status beginTransaction(bool write, bool snapshot);
    Status commitTransaction();
    void rollbackTransaction();
    bool inTransaction() const { return m_depth > 0; }

private:
    Database(const DatabaseUrl &url, const QString &connectionName);

    DatabaseUrl m_url;
    SqlDialect m_dialect;
    QString m_connectionName;
    QSqlDatabase m_db;
    int m_depth = 0;
    bool m_rollbackOnly = false;
};

} // namespace mlm
