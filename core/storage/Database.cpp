#include "Database.h"

#include "Migrations.h"
#include "domain/Text.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSqlError>
#include <QThread>

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
    if (url.backend == DatabaseUrl::Backend::Sqlite) {
        const QFileInfo file(url.path);
        if (!file.absoluteDir().exists())
            return makeError(ErrorCode::Storage,
                             tr("cannot open %1: the folder %2 does not exist").arg(url.path, file.absolutePath()));
        db->m_db.setDatabaseName(url.path);
        db->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        db->m_db.setHostName(url.host);
        db->m_db.setPort(url.port);
        db->m_db.setDatabaseName(url.databaseName);
        db->m_db.setUserName(url.user);
        db->m_db.setPassword(url.password);
        QString options = QStringLiteral("connect_timeout=10");
        if (!url.options.isEmpty())
            options += u';' + url.options;
        db->m_db.setConnectOptions(options);
    }
    if (!db->m_db.open())
        return makeError(ErrorCode::Storage,
                         tr("cannot open %1: %2").arg(url.displayString(), db->m_db.lastError().text().trimmed()));
    for (const QString &statement : db->m_dialect.sessionSetup()) {
        QSqlQuery q(db->m_db);
        if (!q.exec(statement))
            return makeError(ErrorCode::Storage,
                             tr("cannot set up %1: %2").arg(url.displayString(), q.lastError().text().trimmed()));
    }
    qCDebug(lcStorage) << "opened" << url.displayString() << "in thread" << QThread::currentThread();
    return db;
}

Error Database::errorOf(const QSqlQuery &query) const
{
    const QSqlError error = query.lastError();
    const ErrorCode code = m_dialect.isUniqueViolation(error) ? ErrorCode::AlreadyExists : ErrorCode::Storage;
    // The first line only: PostgreSQL's DETAIL line quotes the values of a violated key (an email, say), and the
    // message may reach a log.
    const QString text = error.text().trimmed();
    return makeError(code, tr("database error: %1").arg(text.left(text.indexOf(u'\n')).trimmed()));
}

Result<QSqlQuery> Database::prepare(const QString &sql)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(m_dialect.streamsResults());
    if (!query.prepare(sql))
        return errorOf(query);
    return query;
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
        if (v.typeId() == QMetaType::QString) {
            const QString text = v.toString();
            if (const auto problem = Text::problem(text))
                return makeError(ErrorCode::InvalidArgument, tr("a text value %1").arg(*problem));
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

std::mutex &writerMutex(const QString &sqlitePath)
{
    static std::mutex registryMutex;
    static std::map<QString, std::mutex> registry; // nodes never move: the references stay valid
    const std::lock_guard lock(registryMutex);
    return registry[sqlitePath];
}

} // namespace

Status Database::beginTransaction(bool write, bool snapshot)
{
    if (m_depth++ > 0)
        return {};
    m_rollbackOnly = false;
    if (write && m_url.backend == DatabaseUrl::Backend::Sqlite)
        m_writer = std::unique_lock(writerMutex(m_url.path));
    if (auto begun = exec(m_dialect.beginSql(write, snapshot)); !begun) {
        m_depth = 0;
        releaseWriter();
        return makeError(ErrorCode::Storage, tr("cannot begin a transaction: %1").arg(begun.error().message));
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
    const auto release = qScopeGuard([this] { releaseWriter(); });
    if (m_rollbackOnly) {
        (void)exec(QStringLiteral("ROLLBACK"));
        return makeError(ErrorCode::Storage, tr("the transaction was rolled back by an inner failure"));
    }
    if (auto committed = exec(QStringLiteral("COMMIT")); !committed) {
        (void)exec(QStringLiteral("ROLLBACK"));
        return makeError(ErrorCode::Storage, tr("cannot commit: %1").arg(committed.error().message));
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
    (void)exec(QStringLiteral("ROLLBACK"));
    releaseWriter();
}

} // namespace mlm
