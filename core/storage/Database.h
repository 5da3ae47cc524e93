#pragma once

#include "DatabaseUrl.h"
#include "Rows.h"
#include "SqlDialect.h"
#include "domain/Result.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcStorage)

namespace mlm {


/// A statement of a hot path, prepared once on its connection and executed again with new values (see
/// Database::execReused). The handle resets the statement when it goes out of scope, so no result stays open.
class ReusedQuery
{
public:
    ReusedQuery(QSqlQuery *cached, bool *inUse) : m_query(cached), m_inUse(inUse) {}
    explicit ReusedQuery(QSqlQuery own) : m_own(std::move(own)), m_query(&*m_own) {}
    ReusedQuery(ReusedQuery &&other) noexcept
        : m_own(std::move(other.m_own)), m_query(m_own ? &*m_own : other.m_query), m_inUse(other.m_inUse)
    {
        other.m_query = nullptr;
        other.m_inUse = nullptr;
    }
    ReusedQuery(const ReusedQuery &) = delete;
    ReusedQuery &operator=(const ReusedQuery &) = delete;
    ReusedQuery &operator=(ReusedQuery &&) = delete;
    ~ReusedQuery()
    {
        if (m_query)
            m_query->finish();
        if (m_inUse)
            *m_inUse = false;
    }
    QSqlQuery &operator*() { return *m_query; }
    QSqlQuery *operator->() { return m_query; }

private:
    std::optional<QSqlQuery> m_own; ///< a statement prepared for this use only (the cached one was busy)
    QSqlQuery *m_query = nullptr;
    bool *m_inUse = nullptr;
};

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
    /// Like exec(), for the few statements of hot paths (the store API): prepared once on this connection and
    /// reused, which saves the parsing and planning that otherwise cost more than running them.
    Result<ReusedQuery> execReused(const QString &sql, const QVariantList &values);
    /// Runs a SELECT and hands each row to `row`, for the reads of many rows that people wait for (a member's
    /// 10,000 children, a page): on SQLite it steps the driver's own connection, without the QVariant per value
    /// and the row copy of the Qt driver, which cost as much as SQLite's own work; on PostgreSQL it reads the
    /// QSqlQuery (whose result comes whole anyway).
    Status forEachRow(const QString &sql, const QVariantList &values, const std::function<void(const Row &)> &row);

    Error errorOf(const QSqlQuery &query);

    /// Whether the connection is lost: the PostgreSQL server restarted, stopped, or ended this session. A SQLite
    /// file's connection never is.
    bool isLost();
    /// Opens a lost connection again (never inside a transaction): at once the first time, then at most every 0.25,
    /// 0.5, 1, 2 s while the server stays away; in between, and when it fails, Unavailable without waiting. Ok when
    /// the connection is there. Every statement outside a transaction asks first, so the desktop program, mlmctl
    /// and the server recover alike: the unit of work that met the loss fails (Unavailable), the next one runs.
    Status reconnectIfLost();
    /// Counts the connections this Database has opened: caches of what was read through it compare it.
    quint64 generation() const { return m_generation; }
    /// How long a write waits for a lock that another writer holds before it is refused as Unavailable (busy):
    /// this process's SQLite writer queue and SQLite's busy timeout, PostgreSQL's lock_timeout. 10 s unless set
    /// (mlm-server sets its own, shorter: a request that waits holds up its worker's other connections).
    Status setWriteWait(int milliseconds);
    /// The settings of mlm-server's connections (SqlDialect::serverSessionSetup): its workers' and its long
    /// operations' alike.
    Status useServerSettings();

    /// Creates or upgrades the schema (see Migrations); `progress` is told of each step and may stop between two.
    Status migrate(const std::function<bool(const QString &step, int done, int total)> &progress = {});
    /// How many schema steps this database lacks (0: up to date).
    Result<int> pendingMigrations();
    /// The schema version stored in the database; 0 for an empty database.
    Result<int> schemaVersion();

    /// Transaction nesting, used by TransactionGuard only. The outermost guard decides how the transaction begins.
    Status beginTransaction(bool write, bool snapshot);
    Status commitTransaction();
    void rollbackTransaction();
    bool inTransaction() const { return m_depth > 0; }

private:
    Database(const DatabaseUrl &url, const QString &connectionName);
    /// The error of a failed statement: busy (Unavailable), a unique key (AlreadyExists), else Storage, with the
    /// first line of the driver's text only.
    /// Text that is not Unicode or holds NUL is refused before it reaches a driver (see run()).
    static Status checkBound(const QVariant &value);
    static Error statementError(bool busy, bool uniqueViolation, const QString &driverText);
    Status forEachSqliteRow(const QString &sql, const QVariantList &values,
                            const std::function<void(const Row &)> &row);
    void releaseWriter();
    Status connect();
    Status connectedForNewWork();

    DatabaseUrl m_url;
    SqlDialect m_dialect;
    QString m_connectionName;
    QSqlDatabase m_db;
    int m_depth = 0;
    /// SQLite takes one writer at a time; threads of this process queue here instead of in SQLite's busy handler,
    /// which sleeps (milliseconds) between tries. Other processes still meet the busy handler.
    std::unique_lock<std::timed_mutex> m_writer;
    int m_writeWaitMs = 10000;
    struct CachedStatement
    {
        QSqlQuery query;
        bool inUse = false;
    };
    std::map<QString, CachedStatement> m_statements; ///< nodes never move: handles keep pointers into them
    bool m_rollbackOnly = false;
    quint64 m_generation = 1;
    qint64 m_retryAtMs = 0; ///< on the monotonic clock: no new connection attempt before
    int m_backoffMs = 0;
    bool m_endingTransaction = false;
};

} // namespace mlm
