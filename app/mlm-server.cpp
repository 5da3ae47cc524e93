// mlm-server: the store-integration HTTP API (issue 4, docs/api.md). Thin: routing and rules live in mlmcore.
#include "api/OfficeJobs.h"
#include "ApiHttpServer.h"
#include "ServerConfig.h"
#include "i18n/Translations.h"
#include "storage/Database.h"
#include "storage/Migrations.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace mlm;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mlm_server)
};

int fail(const QString &message, int code = 1)
{
    std::fprintf(stderr, "mlm-server: %s\n", qUtf8Printable(message.simplified()));
    return code;
}

/// One worker thread's objects: its database connection and its HTTP server, made and destroyed in that thread.
class Worker : public QObject
{
public:
    Worker(QString url, qintptr listeningSocket, ConnectionLimits &limits, int writeWaitMs,
           std::optional<QSslConfiguration> tls)
        : m_url(std::move(url)), m_socket(listeningSocket), m_limits(limits), m_writeWaitMs(writeWaitMs),
          m_tls(std::move(tls))
    {
    }

    void start()
    {
        auto db = Database::open(m_url);
        if (!db) {
            qCritical("mlm-server: %s", qUtf8Printable(db.error().message));
            QMetaObject::invokeMethod(QCoreApplication::instance(), [] { QCoreApplication::exit(1); });
            return;
        }
        m_db = std::move(db.value());
        (void)m_db->useServerSettings();
        (void)m_db->setWriteWait(m_writeWaitMs);
        m_server = std::make_unique<ApiHttpServer>(*m_db, m_limits, m_tls);
        if (!m_server->serve(m_socket)) {
            qCritical("mlm-server: Qt refused the listening socket");
            QMetaObject::invokeMethod(QCoreApplication::instance(), [] { QCoreApplication::exit(1); });
        }
    }

private:
    QString m_url;
    qintptr m_socket;
    ConnectionLimits &m_limits;
    int m_writeWaitMs;
    std::optional<QSslConfiguration> m_tls;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ApiHttpServer> m_server; // destroyed before the connection it uses
};

/// SQLite only: copies the write-ahead log into the database every tenth of a second, on a connection of its own, so
/// that no request pays for a checkpoint (the request connections have automatic checkpoints off).
class Checkpointer : public QObject
{
public:
    explicit Checkpointer(QString url) : m_url(std::move(url)) {}

    void start()
    {
        auto db = Database::open(m_url);
        if (!db) {
            qWarning("mlm-server: no background checkpoints: %s", qUtf8Printable(db.error().message));
            return;
        }
        m_db = std::move(db.value());
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, [this] {
            if (auto done = m_db->exec(m_db->dialect().checkpointSql()); !done)
                qWarning("mlm-server: checkpoint: %s", qUtf8Printable(done.error().message));
        });
        timer->start(100);
    }

private:
    QString m_url;
    std::unique_ptr<Database> m_db;
};

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mlm-backoffice"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MLM_VERSION));
    installTranslations();
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}warning %{endif}"
                                          "%{if-critical}error %{endif}%{category}: %{message}"));
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("mlm.*.debug=false"));

    bool help = false;
    bool version = false;
    auto config = ServerConfig::fromArguments(QCoreApplication::arguments(), &help, &version);
    if (help) {
        std::fputs(qUtf8Printable(ServerConfig::usage()), stdout);
        return 0;
    }
    if (version) {
        std::printf("mlm-server %s\n", MLM_VERSION);
        return 0;
    }
    if (!config)
        return fail(config.error().message, 2);
    if (config->databaseUrlInArguments) {
        if (const QString warning = DatabaseUrl::passwordInArgumentsWarning(config->databaseUrl); !warning.isEmpty())
            std::fprintf(stderr, "mlm-server: %s\n", qUtf8Printable(warning));
    }
    if (!config->accessLog)
        QLoggingCategory::setFilterRules(QStringLiteral("mlm.*.debug=false\nmlm.api.access.info=false"));

    std::optional<QSslConfiguration> tls;
    if (!config->tlsCertificate.isEmpty()) {
        auto loaded = loadTlsConfiguration(config->tlsCertificate, config->tlsKey);
        if (!loaded)
            return fail(loaded.error().message, 2);
        tls = loaded.value();
    }

    QString shownUrl;
    {
        // The schema belongs to `mlmctl init`: several servers starting at once must not race to migrate it.
        auto db = Database::open(config->databaseUrl);
        if (!db)
            return fail(db.error().message);
        auto schema = db.value()->schemaVersion();
        if (!schema)
            return fail(schema.error().message);
        if (schema.value() != Migrations::latestVersion())
            return fail(Tr::tr("the database %1 is at schema version %2, this server needs %3: run "
                               "mlmctl --db URL init first")
                            .arg(db.value()->url().displayString())
                            .arg(schema.value())
                            .arg(Migrations::latestVersion()));
        shownUrl = db.value()->url().displayString();
    }

    // One listening socket, this process's alone; each worker accepts on a duplicate of it.
    qintptr listening = -1;
    auto bound = openListeningSocket(config->address, config->port, &listening);
    if (!bound)
        return fail(bound.error().message);
    const quint16 port = bound.value();
    QList<qintptr> sockets{listening};
    while (sockets.size() < config->threads) {
        const int copy = ::fcntl(int(listening), F_DUPFD_CLOEXEC, 0);
        if (copy < 0)
            return fail(
                Tr::tr("cannot share the listening socket: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
        sockets << copy;
    }

    // Every connection is a file: take the most open files the system allows, and keep the caps below it.
    static ConnectionLimits limits;
    limits.requestTimeoutMs = config->requestTimeout * 1000;
    limits.idleTimeoutMs = config->idleTimeout * 1000;
    limits.maxPerClient = config->maxConnectionsPerClient;
    limits.maxConnections = config->maxConnections;
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0) {
        if (files.rlim_cur < files.rlim_max) {
            files.rlim_cur = files.rlim_max;
            (void)::setrlimit(RLIMIT_NOFILE, &files);
            (void)::getrlimit(RLIMIT_NOFILE, &files);
        }
        constexpr rlim_t kReserve = 64; // database connections, logs, the listening sockets
        if (files.rlim_cur != RLIM_INFINITY && rlim_t(limits.maxConnections) + kReserve > files.rlim_cur) {
            limits.maxConnections = int(std::max<rlim_t>(files.rlim_cur, 2 * kReserve) - kReserve);
            std::fprintf(stderr, "%s\n",
                         qUtf8Printable(Tr::tr("mlm-server: at most %1 connections: the limit of open files is %2 "
                                               "(LimitNOFILE, ulimit -n)")
                                            .arg(limits.maxConnections)
                                            .arg(qulonglong(files.rlim_cur))));
        }
    }

    QList<QThread *> threads;
    auto startInThread = [&](QObject *object, const std::function<void()> &start) {
        auto *thread = new QThread(&app);
        object->moveToThread(thread);
        QObject::connect(thread, &QThread::started, object, start);
        QObject::connect(thread, &QThread::finished, object, &QObject::deleteLater);
        thread->start();
        return thread;
    };
    QThread *checkpoints = nullptr;
    if (!Database::open(config->databaseUrl).value()->dialect().checkpointSql().isEmpty()) {
        auto *checkpointer = new Checkpointer(config->databaseUrl);
        checkpoints = startInThread(checkpointer, [checkpointer] { checkpointer->start(); });
    }
    for (qintptr fd : std::as_const(sockets)) {
        auto *worker = new Worker(config->databaseUrl, fd, limits, config->writeWait, tls);
        threads << startInThread(worker, [worker] { worker->start(); });
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
    }

    const QString host = config->address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + config->address.toString() + u']'
                             : config->address.toString();
    const QString transport = tls                            ? Tr::tr("HTTPS")
                              : config->address.isLoopback() ? Tr::tr("plain HTTP on loopback")
                                                             : Tr::tr("plain HTTP, allowed by --allow-plain-http: "
                                                                      "a TLS-terminating proxy must be in front");
    std::printf("%s\n", qUtf8Printable(Tr::tr("mlm-server: listening on %1://%2:%3 (%4; %5 threads, database %6)")
                                           .arg(tls ? QStringLiteral("https") : QStringLiteral("http"), host)
                                           .arg(port)
                                           .arg(transport)
                                           .arg(threads.size())
                                           .arg(shownUrl)));
    std::fflush(stdout);
    const int status = QCoreApplication::exec();
    OfficeJobs::instance().shutdown(); // long operations cancelled, their connections closed
    if (checkpoints)
        threads << checkpoints;
    for (QThread *thread : std::as_const(threads)) {
        thread->quit();
        thread->wait();
    }
    return status; // each worker's QTcpServer closed its listening socket
}
