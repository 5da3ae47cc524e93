#include "Database.h"

#include "Migrations.h"
#include "domain/Text.h"

#include <QAtomicInteger>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>

#include <algorithm>
#include <libpq-fe.h>

Q_LOGGING_CATEGORY(lcStorage, "mlm.storage")

namespace mlm {

namespace {
QAtomicInteger<quint64> connectionCounter;
}

Database::Database(const DatabaseUrl &url, const QString &connectionName)
    : m_url(url), m_dialect(url.backend), m_connectionName(connectionName)
{
}

Database::~Database()
{
    m_statements.clear();
    if (m_db.isOpen() && m_depth > 0)
        (void)exec(QStringLiteral("ROLLBACK"));
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::open(const QString &url)
{
    auto parsed = DatabaseUrl::parse(url);
    if (!parsed)
        return parsed.error();
    return open(parsed.value());
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl &url)
{
    const QString name = QStringLiteral("mlm-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<Database> db(new Database(url, name));
    if (!QSqlDatabase::isDriverAvailable(db->m_dialect.driverName()))
        return makeError(ErrorCode::Storage,
                         tr("the Qt SQL driver %1 is not installed").arg(db->m_dialect.driverName()));
    db->m_db = QSqlDatabase::addDatabase(db->m_dialect.driverName(), name);
    MLM_TRY(db->connect());
    qCDebug(lcStorage) << "opened" << url.displayString() << "in thread" << QThread::currentThread();
    return db;
}

Status Database::connect()
{
    if (m_url.backend == DatabaseUrl::Backend::Sqlite) {
        const QFileInfo file(m_url.path);
        if (!file.absoluteDir().exists())
            return makeError(ErrorCode::Storage,
                             tr("cannot open %1: the folder %2 does not exist").arg(m_url.path, file.absolutePath()));
        m_db.setDatabaseName(m_url.path);
    } else {
        m_db.setHostName(m_url.host);
        m_db.setPort(m_url.port);
        m_db.setDatabaseName(m_url.databaseName);
        m_db.setUserName(m_url.user);
        m_db.setPassword(m_url.password);
        QString options = QStringLiteral("connect_timeout=10");
        if (!m_url.options.isEmpty())
            options += u';' + m_url.options;
        m_db.setConnectOptions(options);
    }
    if (!m_db.open()) {
        const QString reason = m_db.lastError().text().trimmed();
        // Storage, not Unavailable: at the first open it may be a wrong URL or password as much as a server that
        // is away; reconnectIfLost() makes it Unavailable for a connection that worked before.
        return makeError(ErrorCode::Storage,
                         tr("cannot open %1: %2").arg(m_url.displayString(), reason.left(reason.indexOf(u'\n'))));
    }
    for (const QString &statement : m_dialect.sessionSetup()) {
        QSqlQuery q(m_db);
        if (!q.exec(statement))
            return makeError(ErrorCode::Storage,
                             tr("cannot set up %1: %2").arg(m_url.displayString(), q.lastError().text().trimmed()));
    }
    return setWriteWait(m_writeWaitMs);
}

Status Database::useServerSettings()
{
    for (const QString &statement : m_dialect.serverSessionSetup())
        MLM_TRY(exec(statement));
    return {};
}

Status Database::setWriteWait(int milliseconds)
{
    m_writeWaitMs = std::max(0, milliseconds);
    QSqlQuery q(m_db);
    if (!q.exec(m_dialect.lockWaitSql(m_writeWaitMs)))
        return errorOf(q);
    return {};
}

bool Database::isLost()
{
    if (m_url.backend != DatabaseUrl::Backend::Postgres)
        return false;
    if (!m_db.isOpen())
        return true;
    const QVariant handle = m_db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "pg_conn*") != 0)
        return false;
    PGconn *connection = *static_cast<PGconn *const *>(handle.constData());
    return connection == nullptr || PQstatus(connection) == CONNECTION_BAD;
}

Status Database::reconnectIfLost()
{
    if (!isLost())
        return {};
    const auto unavailable = [this](const QString &why) {
        return makeError(ErrorCode::Unavailable,
                         tr("the database %1 cannot be reached: %2; trying again").arg(m_url.displayString(), why));
    };
    if (m_depth > 0)
        return unavailable(tr("the connection was lost in a transaction"));
    if (std::any_of(m_statements.cbegin(), m_statements.cend(), [](const auto &s) { return s.second.inUse; }))
        return unavailable(tr("the connection was lost while a result was read"));
    static QElapsedTimer clock;
    if (!clock.isValid())
        clock.start();
    if (clock.elapsed() < m_retryAtMs)
        return unavailable(tr("the last attempt failed"));
    m_statements.clear(); // prepared on the lost connection
    m_db.close();
    if (auto opened = connect(); !opened) {
        m_backoffMs = std::clamp(m_backoffMs * 2, 250, 2000);
        m_retryAtMs = clock.elapsed() + m_backoffMs;
        qCWarning(lcStorage).noquote() << opened.error().message;
        return unavailable(opened.error().message);
    }
    m_backoffMs = 0;
    m_retryAtMs = 0;
    ++m_generation;
    qCInfo(lcStorage).noquote() << "connected again to" << m_url.displayString();
    return {};
}

Error Database::errorOf(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    if (isLost()) {
        const QString text = error.text().trimmed();
        return makeError(ErrorCode::Unavailable,
                         tr("the connection to the database was lost: %1").arg(text.left(text.indexOf(u'\n'))));
    }
    return statementError(m_dialect.isBusy(error), m_dialect.isUniqueViolation(error), error.text());
}

Error Database::statementError(bool busy, bool uniqueViolation, const QString &driverText)
{
    if (busy)
        return makeError(ErrorCode::Unavailable, tr("the database is busy with another writer; try again"));
    const ErrorCode code = uniqueViolation ? ErrorCode::AlreadyExists : ErrorCode::Storage;
    // The first line only: PostgreSQL's DETAIL line quotes the values of a violated key (an email, say), and the
    // message may reach a log.
    const QString text = driverText.trimmed();
    return makeError(code, tr("database error: %1").arg(text.left(text.indexOf(u'\n')).trimmed()));
}

Status Database::connectedForNewWork()
{
    // Between units of work only: inside a transaction a lost connection fails the unit (Unavailable), and the
    // statements that end one (COMMIT, ROLLBACK) never open a new connection.
    if (m_depth > 0 || m_endingTransaction)
        return {};
    return reconnectIfLost();
}

Result<QSqlQuery> Database::prepare(const QString &sql)
{
    MLM_TRY(connectedForNewWork());
    QSqlQuery query(m_db);
    query.setForwardOnly(m_dialect.streamsResults());
    if (!query.prepare(sql))
        return errorOf(query);
    return query;
}

Status Database::checkBound(const QVariant &value)
{
    if (value.typeId() == QMetaType::QString) {
        if (const auto problem = Text::problem(value.toString()))
            return makeError(ErrorCode::InvalidArgument, tr("a text value %1").arg(*problem));
    }
    return {};
}

Status Database::run(QSqlQuery &query, const QVariantList &values)
{
    // Qt binds a null QString as SQL NULL; our text columns mean '' by an empty string, and say NULL explicitly
    // with a null QVariant.
    // Text that is not Unicode or holds NUL never reaches a driver (Text::problem): Qt's PostgreSQL driver pastes
    // bound values into an EXECUTE that a NUL cuts short, and the failing statement would carry the value into an
    // error message and a log.
    static const QString empty = QString::fromLatin1("", 0);
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &v = values.at(i);
        MLM_TRY(checkBound(v));
        if (v.typeId() == QMetaType::QString) {
            const QString text = v.toString();
            if (!v.isNull() && text.isNull()) {
                query.bindValue(i, empty);
                continue;
            }
        }
        query.bindValue(i, v);
    }
    if (!query.exec())
        return errorOf(query);
    return {};
}

Result<QSqlQuery> Database::exec(const QString &sql, const QVariantList &values)
{
    MLM_TRY(connectedForNewWork());
    if (values.isEmpty()) { // PostgreSQL cannot PREPARE DDL; a statement without values needs no preparing
        QSqlQuery query(m_db);
        query.setForwardOnly(m_dialect.streamsResults());
        if (!query.exec(sql))
            return errorOf(query);
        return query;
    }
    auto query = prepare(sql);
    if (!query)
        return query;
    MLM_TRY(run(query.value(), values));
    return query;
}

Result<QVariant> Database::scalar(const QString &sql, const QVariantList &values)
{
    auto query = exec(sql, values);
    if (!query)
        return query.error();
    if (!query->next())
        return QVariant();
    return query->value(0);
}

Result<ReusedQuery> Database::execReused(const QString &sql, const QVariantList &values)
{
    MLM_TRY(connectedForNewWork());
    auto at = m_statements.find(sql);
    if (at == m_statements.end()) {
        auto prepared = prepare(sql);
        if (!prepared)
            return prepared.error();
        at = m_statements.emplace(sql, CachedStatement{std::move(prepared.value()), false}).first;
    }
    if (at->second.inUse) { // a caller still reads the cached one: this use gets its own
        auto own = exec(sql, values);
        if (!own)
            return own.error();
        return ReusedQuery(std::move(own.value()));
    }
    MLM_TRY(run(at->second.query, values));
    at->second.inUse = true;
    return ReusedQuery(&at->second.query, &at->second.inUse);
}

Status Database::migrate(const std::function<bool(const QString &step, int done, int total)> &progress)
{
    return Migrations::apply(*this, -1, progress);
}

Result<int> Database::pendingMigrations()
{
    auto current = schemaVersion();
    if (!current)
        return current.error();
    int pending = 0;
    for (const Migrations::Step &step : Migrations::steps())
        pending += step.version > current.value() ? 1 : 0;
    return pending;
}

Result<int> Database::schemaVersion()
{
    return Migrations::currentVersion(*this);
}

namespace {

std::timed_mutex &writerMutex(const QString &sqlitePath)
{
    static std::mutex registryMutex;
    static std::map<QString, std::timed_mutex> registry; // nodes never move: the references stay valid
    const std::lock_guard lock(registryMutex);
    return registry[sqlitePath];
}

} // namespace

Status Database::beginTransaction(bool write, bool snapshot)
{
    if (m_depth == 0)
        MLM_TRY(connectedForNewWork()); // a transaction begins: before BEGIN, outside of any
    if (m_depth++ > 0)
        return {};
    m_rollbackOnly = false;
    if (write && m_url.backend == DatabaseUrl::Backend::Sqlite) {
        m_writer = std::unique_lock(writerMutex(m_url.path), std::defer_lock);
        if (!m_writer.try_lock_for(std::chrono::milliseconds(m_writeWaitMs))) {
            m_depth = 0;
            return makeError(ErrorCode::Unavailable, tr("the database is busy with another writer; try again"));
        }
    }
    if (auto begun = exec(m_dialect.beginSql(write, snapshot)); !begun) {
        m_depth = 0;
        releaseWriter();
        return makeError(begun.error().code == ErrorCode::Unavailable ? ErrorCode::Unavailable : ErrorCode::Storage,
                         tr("cannot begin a transaction: %1").arg(begun.error().message));
    }
    return {};
}

void Database::releaseWriter()
{
    if (m_writer.owns_lock())
        m_writer.unlock();
}

Status Database::commitTransaction()
{
    Q_ASSERT(m_depth > 0);
    if (--m_depth > 0)
        return {};
    m_endingTransaction = true;
    const auto release = qScopeGuard([this] {
        m_endingTransaction = false;
        releaseWriter();
    });
    if (m_rollbackOnly) {
        (void)exec(QStringLiteral("ROLLBACK"));
        return makeError(ErrorCode::Storage, tr("the transaction was rolled back by an inner failure"));
    }
    if (auto committed = exec(QStringLiteral("COMMIT")); !committed) {
        (void)exec(QStringLiteral("ROLLBACK"));
        // Unavailable stays Unavailable: a commit cut off by a lost connection may or may not have counted, and
        // the caller's answer (503: send it again) is the same for both.
        return makeError(committed.error().code == ErrorCode::Unavailable ? ErrorCode::Unavailable : ErrorCode::Storage,
                         tr("cannot commit: %1").arg(committed.error().message));
    }
    return {};
}

void Database::rollbackTransaction()
{
    Q_ASSERT(m_depth > 0);
    if (--m_depth > 0) {
        m_rollbackOnly = true;
        return;
    }
    m_endingTransaction = true;
    (void)exec(QStringLiteral("ROLLBACK"));
    m_endingTransaction = false;
    releaseWriter();
}

} // namespace mlm
