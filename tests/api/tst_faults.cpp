// The store API through database failures: a real mlm-server on a PostgreSQL cluster of this test's own, whose
// sessions the test terminates and which it restarts and stops while orders stream in from several clients. The
// server must come back by itself, answer 503 (never 500) meanwhile, and keep every acknowledged order exactly once.
#include "HttpClient.h"
#include "ServerProcess.h"
#include "TestData.h"

#include "auth/ApiKeys.h"
#include "storage/Database.h"
#include "storage/TransactionGuard.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QMutex>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace mlm;
using namespace mlm::test;

namespace {

/// A throwaway PostgreSQL cluster on 127.0.0.1, run as the postgres user when the test runs as root (the server
/// refuses root), in a temporary folder that goes with it.
class PgCluster
{
public:
    bool start(QString *error)
    {
        const QStringList versions =
            QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        if (versions.isEmpty()) {
            *error = QStringLiteral("no PostgreSQL server in /usr/lib/postgresql");
            return false;
        }
        QStringList sorted = versions;
        std::sort(sorted.begin(), sorted.end(),
                  [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
        m_bin = QStringLiteral("/usr/lib/postgresql/%1/bin/").arg(sorted.last());
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                                QFileDevice::ReadOther | QFileDevice::ExeOther |
                                                QFileDevice::ReadGroup | QFileDevice::ExeGroup);
        if (::geteuid() == 0) {
            const passwd *pg = ::getpwnam("postgres");
            if (!pg || ::chown(QFile::encodeName(m_dir.path()).constData(), pg->pw_uid, pg->pw_gid) != 0) {
                *error = QStringLiteral("cannot hand the cluster's folder to the postgres user");
                return false;
            }
        }
        m_port = freePort();
        if (!run(QStringLiteral("initdb"),
                 {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), QStringLiteral("postgres"),
                  QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                  QStringLiteral("--no-sync")},
                 error))
            return false;
        return control({QStringLiteral("start")}, error);
    }
    ~PgCluster()
    {
        QString ignored;
        control({QStringLiteral("stop"), QStringLiteral("-m"), QStringLiteral("immediate")}, &ignored);
    }

    QString url() const { return QStringLiteral("postgresql://postgres@127.0.0.1:%1/postgres").arg(m_port); }
    /// pg_ctl start, stop -m fast, restart -m fast.
    bool control(const QStringList &what, QString *error)
    {
        QStringList args{QStringLiteral("-D"), dataDir(), QStringLiteral("-w"), QStringLiteral("-l"),
                         m_dir.filePath(QStringLiteral("server.log"))};
        if (what.first() != u"stop")
            args << QStringLiteral("-o")
                 << QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off")
                        .arg(m_port)
                        .arg(m_dir.path());
        return run(QStringLiteral("pg_ctl"), args + what, error);
    }

private:
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    bool run(const QString &tool, const QStringList &args, QString *error)
    {
        QProcess p;
        if (::geteuid() == 0)
            p.start(QStringLiteral("runuser"),
                    QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), m_bin + tool} +
                        args);
        else
            p.start(m_bin + tool, args);
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            *error = tool + QStringLiteral(" failed: ") + QString::fromLocal8Bit(p.readAllStandardError());
            return false;
        }
        return true;
    }

    static quint16 freePort()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof a;
        ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &length);
        ::close(fd);
        return ntohs(a.sin_port);
    }

    QTemporaryDir m_dir;
    QString m_bin;
    quint16 m_port = 0;
};

/// What the clients saw, in all.
struct Tally
{
    QMutex mutex;
    QSet<QString> acknowledged; ///< answered 201 or 200
    QSet<QString> unknown;      ///< never acknowledged before the clients stopped: stored or not
    QMap<int, int> statuses;
};

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void aLostConnectionIsOpenedAgainByTheNextUnitOfWork();
    void ordersSurviveTerminatedSessionsRestartsAndAnOutage();

private:
    /// GET /health until it answers `status`; how long that took (-1: not within `ms`).
    qint64 waitForHealth(int status, int ms);

    PgCluster m_cluster;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ServerProcess> m_server;
    QByteArray m_key;
};

void TestFaults::initTestCase()
{
    QString error;
    QVERIFY2(m_cluster.start(&error), qPrintable(error));
    auto db = Database::open(m_cluster.url());
    QVERIFY2(db, why(db).constData());
    m_db = std::move(db.value());
    QVERIFY(m_db->migrate());
    QVERIFY(loadSmallCompany(*m_db));
    auto key = ApiKeys(*m_db).create(QStringLiteral("shop"), QStringLiteral("faults"), testActor());
    QVERIFY(key);
    m_key = key->token.toLatin1();
    m_server = ServerProcess::start(m_cluster.url(), {QStringLiteral("--threads"), QStringLiteral("2")}, &error);
    QVERIFY2(m_server, qPrintable(error));
}

void TestFaults::aLostConnectionIsOpenedAgainByTheNextUnitOfWork()
{
    // What the desktop program and mlmctl hold: one connection. The unit of work that meets the loss fails with a
    // clear message; the next one runs on a new connection.
    auto opened = Database::open(m_cluster.url());
    QVERIFY(opened);
    Database &db = *opened.value();
    const QVariant pid = db.scalar(QStringLiteral("SELECT pg_backend_pid()")).value();
    QVERIFY(m_db->exec(QStringLiteral("SELECT pg_terminate_backend(?)"), {pid}));
    QThread::msleep(100);
    auto lost = db.scalar(QStringLiteral("SELECT COUNT(*) FROM members"));
    QVERIFY(!lost);
    QCOMPARE(lost.error().code, ErrorCode::Unavailable);
    QVERIFY2(lost.error().message.contains(QStringLiteral("connection to the database was lost")),
             qPrintable(lost.error().message));
    const quint64 generation = db.generation();
    auto again = db.scalar(QStringLiteral("SELECT COUNT(*) FROM members"));
    QVERIFY2(again, why(again).constData());
    QCOMPARE(again->toInt(), 7);
    QCOMPARE(db.generation(), generation + 1);
    // In a transaction too: BEGIN comes first, on a new connection.
    QVERIFY(m_db->exec(QStringLiteral("SELECT pg_terminate_backend(?)"),
                       {db.scalar(QStringLiteral("SELECT pg_backend_pid()")).value()}));
    QThread::msleep(100);
    QVERIFY(!db.scalar(QStringLiteral("SELECT 1")));
    {
        TransactionGuard tx(db);
        QVERIFY2(tx.began(), why(tx.began()).constData());
        QVERIFY(db.exec(QStringLiteral("UPDATE members SET phone = ? WHERE code = 'ANNA'"), {QStringLiteral("+1 5")}));
        QVERIFY(tx.commit());
    }
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT phone FROM members WHERE code = 'ANNA'")).value().toString(),
             QStringLiteral("+1 5"));
}

qint64 TestFaults::waitForHealth(int status, int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms) {
        if (HttpClient(m_server->port()).get("/api/v1/health").status == status)
            return clock.elapsed();
        QThread::msleep(20);
    }
    return -1;
}

void TestFaults::ordersSurviveTerminatedSessionsRestartsAndAnOutage()
{
    constexpr int kClients = 3;
    std::atomic<bool> stop{false};
    Tally tally;
    QList<QThread *> clients;
    const quint16 port = m_server->port();
    for (int c = 0; c < kClients; ++c) {
        clients << QThread::create([&, c] {
            auto client = std::make_unique<HttpClient>(port, m_key);
            for (int i = 0; !stop; ++i) {
                const QString id = QStringLiteral("F-%1-%2").arg(c).arg(i);
                const QByteArray body = "{\"external_id\": \"" + id.toLatin1() +
                                        "\", \"buyer\": {\"member\": \"ANNA\"}, \"status\": \"paid\", "
                                        "\"lines\": [{\"sku\": \"TEA\", \"qty\": 1}]}";
                // As a store does: the same order again until it is acknowledged (the external id makes it once).
                const QDeadlineTimer deadline(30000);
                bool done = false;
                while (!done && !deadline.hasExpired()) {
                    const HttpReply reply = client->post("/api/v1/orders", body);
                    {
                        QMutexLocker lock(&tally.mutex);
                        ++tally.statuses[reply.status];
                    }
                    if (reply.status == 201 || reply.status == 200) {
                        done = true;
                    } else if (reply.status == 0) {
                        client = std::make_unique<HttpClient>(port, m_key);
                        QThread::msleep(50);
                    } else {
                        QThread::msleep(reply.status == 503 ? 100 : 10);
                    }
                }
                QMutexLocker lock(&tally.mutex);
                (done ? tally.acknowledged : tally.unknown).insert(id);
            }
        });
    }
    for (QThread *t : std::as_const(clients))
        t->start();
    auto acknowledgedNow = [&] {
        QMutexLocker lock(&tally.mutex);
        return tally.acknowledged.size();
    };

    QString error;
    QThread::msleep(1000);
    // 1. Every session of the server is ended by the database (pg_terminate_backend).
    qsizetype before = acknowledgedNow();
    QVERIFY(m_db->exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                                      "current_database() AND pid <> pg_backend_pid()")));
    QThread::msleep(1500);
    QVERIFY2(acknowledgedNow() > before + 10, "no orders after the sessions were terminated");
    // 2. A fast restart.
    QVERIFY2(m_cluster.control({QStringLiteral("restart"), QStringLiteral("-m"), QStringLiteral("fast")}, &error),
             qPrintable(error));
    QElapsedTimer clock;
    clock.start();
    const qint64 afterRestart = waitForHealth(200, 10000);
    QVERIFY2(afterRestart >= 0, "no service within 10 s of a restart");
    before = acknowledgedNow();
    QThread::msleep(1000);
    QVERIFY2(acknowledgedNow() > before + 10, "no orders after the restart");
    // 3. An outage of a few seconds: 503 with Retry-After meanwhile, /health included; service resumes by itself.
    QVERIFY2(m_cluster.control({QStringLiteral("stop"), QStringLiteral("-m"), QStringLiteral("fast")}, &error),
             qPrintable(error));
    QVERIFY2(waitForHealth(503, 3000) >= 0, "/health did not say 503 while the database was down");
    const HttpReply down = HttpClient(m_server->port(), m_key).get("/api/v1/catalog?member=ANNA");
    QCOMPARE(down.status, 503);
    QCOMPARE(down.errorCode(), QStringLiteral("unavailable"));
    QVERIFY(!down.headers.value("retry-after").isEmpty());
    QThread::msleep(3000);
    QVERIFY2(m_cluster.control({QStringLiteral("start")}, &error), qPrintable(error));
    const qint64 afterOutage = waitForHealth(200, 10000);
    QVERIFY2(afterOutage >= 0, "no service within 10 s of the database coming back");
    before = acknowledgedNow();
    QThread::msleep(1000);
    QVERIFY2(acknowledgedNow() > before + 10, "no orders after the outage");
    qInfo("service again %lld ms after a restart, %lld ms after the database came back", afterRestart, afterOutage);

    stop = true;
    for (QThread *t : std::as_const(clients)) {
        QVERIFY(t->wait(60000));
        delete t;
    }
    QVERIFY2(m_server->isRunning(), "the server did not survive"); // the same process, never restarted
    const QByteArray serverLog = m_server->log();
    QVERIFY2(!tally.statuses.contains(500),
             qPrintable(QStringLiteral("%1 answers were 500: %2")
                            .arg(tally.statuses.value(500))
                            .arg(QString::fromUtf8(serverLog.mid(serverLog.indexOf("storage error") - 300, 700)))));
    QVERIFY(tally.statuses.value(503) > 0);
    QVERIFY2(tally.unknown.isEmpty(), qPrintable(QStringList(tally.unknown.values()).join(u' ')));

    // Every acknowledged order is stored, once, and nothing else.
    auto db = Database::open(m_cluster.url());
    QVERIFY(db);
    auto q = db.value()->exec(QStringLiteral("SELECT external_id, COUNT(*) FROM orders WHERE external_id LIKE 'F-%' "
                                             "GROUP BY external_id"));
    QVERIFY(q);
    QSet<QString> stored;
    while (q->next()) {
        QCOMPARE(q->value(1).toInt(), 1);
        stored.insert(q->value(0).toString());
    }
    QCOMPARE(stored.size(), tally.acknowledged.size());
    QCOMPARE(stored, tally.acknowledged);
    const QByteArray log = m_server->log();
    QVERIFY(log.contains("connected again"));
    QVERIFY(!log.contains("storage error"));
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
