#pragma once

#include "BulkWriter.h"
#include "DatabaseUrl.h"

#include <QSqlError>
#include <QString>
#include <QStringList>

namespace mlm {

/// Every difference between SQLite and PostgreSQL lives here, and nowhere else.
class SqlDialect
{
public:
    explicit SqlDialect(DatabaseUrl::Backend backend) : m_backend(backend) {}

    DatabaseUrl::Backend backend() const { return m_backend; }
    QString driverName() const;
    /// Statements run once on every new connection (pragmas, session settings).
    QStringList sessionSetup() const;
    /// For the request connections of a server that checkpoints in the background (checkpointSql from a thread of
    /// its own): they leave the write-ahead log alone, so no request waits for a checkpoint, and read the file
    /// through a memory map (no read call per page; the mapped pages would count in a desktop's resident memory,
    /// hence the server only). Empty for PostgreSQL.
    QStringList serverSessionSetup() const;
    /// For a connection that reads a table once from end to end (a worker building an index): a small page cache,
    /// since nothing is read twice. Empty for PostgreSQL (its cache is the server's).
    QStringList scanSessionSetup() const;
    /// Copies what it can of the write-ahead log into the database without blocking anyone; empty for PostgreSQL.
    QString checkpointSql() const;
    /// Replaces the schema placeholders of the migration files:
    /// {{ID}} an auto-numbered 64-bit primary key that also accepts explicit ids,
    /// {{KEY}} a text column compared byte-wise (so that prefix ranges use the index),
    /// {{MONTH_KEY column}} monthKeySql(column), {{CLUSTERED}} after a table kept in the order of its primary key.
    QString expandSchema(QString sql) const;
    /// The calendar month (UTC) of a time column (seconds since 1970) as year * 100 + month, e.g. 202610.
    QString monthKeySql(const QString &column) const;
    /// After a table took many rows at once: the statement that has the planner look at them again (PostgreSQL plans
    /// a table it has no statistics of as if it were small; SQLite needs none). Empty where none is needed.
    QString analyzeSql(const QString &table) const;
    /// After rows were inserted with explicit ids: the statement that moves the id generator past them
    /// (empty where the backend needs none).
    QString resetIdSequenceSql(const QString &table) const;
    /// The fast path for writing many rows to `table` (see BulkWriter).
    Result<std::unique_ptr<BulkWriter>> createBulkWriter(Database &db, const QString &table,
                                                         const QStringList &columns) const;
    /// The (name, CREATE statement) of a table's indexes that no constraint owns; one bound value: the table.
    QString secondaryIndexesSql() const;
    /// The (name, definition) of a table's foreign keys, where they can be dropped and re-added around a bulk load
    /// (PostgreSQL); empty where checks are switched off instead (SQLite, foreignKeysSql). One bound value: the table.
    QString foreignKeysOfTableSql() const;
    /// Turns the checking of foreign keys on or off for the connection (outside a transaction); empty where the
    /// backend cannot (PostgreSQL keeps checking).
    QString foreignKeysSql(bool on) const;
    /// Whether results may stream row by row (forward-only). PostgreSQL's streaming mode allows one open result per
    /// connection and loses it when another statement runs, so its results are fetched whole instead.
    bool streamsResults() const { return m_backend == DatabaseUrl::Backend::Sqlite; }
    /// How a transaction begins. A writing transaction takes SQLite's write lock at once (so that it waits for, rather
    /// than fails on, another writer); a snapshot sees one state of the database for all its reads (PostgreSQL's
    /// REPEATABLE READ; SQLite's transactions always do).
    QString beginSql(bool write, bool snapshot) const;
    /// Sets how long a statement waits for a lock that another writer holds (a whole number of milliseconds).
    QString lockWaitSql(int milliseconds) const;
    /// The database could not take the lock in time (another writer holds it): try again later.
    bool isBusy(const QSqlError &error) const;
    /// Whether an error is the violation of a unique index (a lost race on a unique key).
    bool isUniqueViolation(const QSqlError &error) const;

private:
    DatabaseUrl::Backend m_backend;
};

} // namespace mlm
