// bench_api: the store API on loopback (DESIGN.md: >= 2,000 order submissions/s, >= 10,000 price look-ups/s,
// p99 <= 20 ms on SQLite). A synthetic company is imported, a real mlm-server started, and C client threads, each
// on its own kept-alive connection, send requests for S seconds per phase.
//   bench_api [--members N] [--clients C] [--seconds S] [--threads T] [--pg ADMIN_URL] [--access-log]
#include "BenchSupport.h"
#include "HttpClient.h"
#include "ServerProcess.h"

#include "api/StoreApi.h"
#include "auth/ApiKeys.h"
#include "catalog/Catalog.h"
#include "dataset/DatasetImporter.h"
#include "genealogy/Members.h"
#include "stores/Stores.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>

using namespace mlm;

namespace {

struct PhaseResult
{
    qint64 requests = 0;
    qint64 errors = 0;
    double seconds = 0;
    std::vector<qint64> latenciesNs;
};

/// Runs `send` (returning the HTTP status) from `clients` threads for `seconds`.
PhaseResult runPhase(int clients, double seconds, quint16 port, const QByteArray &key,
                     const std::function<int(mlm::test::HttpClient &, QRandomGenerator &, qint64)> &send)
{
    std::vector<std::vector<qint64>> latencies{size_t(clients)};
    std::atomic<qint64> errors{0};
    std::atomic<qint64> sequence{0};
    QList<QThread *> threads;
    QElapsedTimer wall;
    wall.start();
    const qint64 endNs = qint64(seconds * 1e9);
    for (int c = 0; c < clients; ++c) {
        threads << QThread::create([&, c] {
            mlm::test::HttpClient client(port, key);
            QRandomGenerator random(quint32(1000 + c));
            QElapsedTimer t;
            while (wall.nsecsElapsed() < endNs) {
                t.start();
                const int status = send(client, random, sequence.fetch_add(1));
                latencies[size_t(c)].push_back(t.nsecsElapsed());
                if (status < 200 || status > 201)
                    errors.fetch_add(1);
            }
        });
    }
    for (QThread *t : threads)
        t->start();
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }
    PhaseResult result;
    result.seconds = double(wall.nsecsElapsed()) / 1e9;
    for (auto &l : latencies)
        result.latenciesNs.insert(result.latenciesNs.end(), l.begin(), l.end());
    result.requests = qint64(result.latenciesNs.size());
    result.errors = errors.load();
    std::sort(result.latenciesNs.begin(), result.latenciesNs.end());
    return result;
}

QByteArray orderBody(const QString &externalId, const QString &buyer, qint64 n)
{
    QJsonArray lines;
    const int count = 1 + int(n % 3);
    for (int i = 0; i < count; ++i)
        lines.append(QJsonObject{{QStringLiteral("sku"), QStringLiteral("P%1").arg(1 + i * 7, 3, 10, QLatin1Char('0'))},
                                 {QStringLiteral("qty"), 1 + (n + i) % 4}});
    const QJsonObject body{{QStringLiteral("external_id"), externalId},
                           {QStringLiteral("buyer"), QJsonObject{{QStringLiteral("member"), buyer}}},
                           {QStringLiteral("status"), QStringLiteral("paid")},
                           {QStringLiteral("lines"), lines}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void report(const char *name, const PhaseResult &r)
{
    auto at = [&](double q) {
        return r.latenciesNs.empty() ? 0.0 : double(r.latenciesNs[size_t(q * double(r.latenciesNs.size() - 1))]) / 1e6;
    };
    std::printf("%-18s %8lld requests in %.1f s = %8.0f /s   p50 %.2f ms   p99 %.2f ms   max %.2f ms   errors %lld\n",
                name, static_cast<long long>(r.requests), r.seconds, double(r.requests) / r.seconds, at(0.5), at(0.99),
                at(1.0), static_cast<long long>(r.errors));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = bench::start(app);
    const qint64 members = bench::option(args, QStringLiteral("--members"), QStringLiteral("100000")).toLongLong();
    const int clients = bench::option(args, QStringLiteral("--clients"), QStringLiteral("8")).toInt();
    const double seconds = bench::option(args, QStringLiteral("--seconds"), QStringLiteral("5")).toDouble();
    const QString threads = bench::option(args, QStringLiteral("--threads"), QStringLiteral("2"));
    const QString pgAdmin = bench::option(args, QStringLiteral("--pg"), QString());

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("company.json"));
    if (!bench::writeCompany(file, members, members, 1))
        qFatal("cannot write the company");
    const QString url = pgAdmin.isEmpty() ? QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("api.db"))
                                          : bench::createPostgresDatabase(pgAdmin, QStringLiteral("mlm_bench_api"));
    QByteArray key;
    QStringList buyers;
    {
        auto db = Database::open(url);
        if (!db || !db.value()->migrate())
            qFatal("cannot open %s", qPrintable(url));
        if (auto imported = DatasetImporter(*db.value()).importFile(file, Actor{QStringLiteral("bench")}); !imported)
            qFatal("%s", qPrintable(imported.error().message));
        key = ApiKeys(*db.value()).create(QStringLiteral("shop"), {}, Actor{QStringLiteral("bench")})->token.toLatin1();
        auto q =
            db.value()->exec(QStringLiteral("SELECT code FROM members WHERE status IN ('customer', 'distributor')"));
        while (q->next())
            buyers << q->value(0).toString();
    }
    {
        // The same requests without HTTP: what core and SQL cost per request on one thread.
        auto db = Database::open(url);
        StoreApi api(*db.value());
        auto perRequest = [&](const std::function<ApiRequest(qint64)> &make) {
            QElapsedTimer t;
            t.start();
            qint64 n = 0;
            while (t.elapsed() < 2000) {
                if (const ApiResponse r = api.handle(make(n)); r.status != 200 && r.status != 201)
                    qFatal("in-process request failed: %s", r.body.constData());
                ++n;
            }
            return double(t.nsecsElapsed()) / 1e3 / double(n);
        };
        const double lookup = perRequest([&](qint64 n) {
            return ApiRequest{"GET",
                              "/api/v1/catalog",
                              QUrlQuery(QStringLiteral("member=") + buyers.at(int(n % buyers.size()))),
                              "Bearer " + key,
                              {},
                              {}};
        });
        const double order = perRequest([&](qint64 n) {
            return ApiRequest{"POST",
                              "/api/v1/orders",
                              {},
                              "Bearer " + key,
                              "application/json",
                              orderBody(QStringLiteral("INPROCESS-%1").arg(n), buyers.at(int(n % buyers.size())), n)};
        });
        std::printf("in process (StoreApi::handle, no HTTP, one thread): look-up %.1f us, order %.1f us\n", lookup,
                    order);
    }
    QStringList serverArgs{QStringLiteral("--threads"), threads};
    if (!args.contains(QStringLiteral("--access-log")))
        serverArgs << QStringLiteral("--no-access-log");
    QString error;
    auto server = mlm::test::ServerProcess::start(url, serverArgs, &error);
    if (!server)
        qFatal("%s", qPrintable(error));
    std::printf("bench_api: %s, %lld members, %d clients, server threads %s, access log %s\n",
                pgAdmin.isEmpty() ? "SQLite" : "PostgreSQL", static_cast<long long>(members), clients,
                qPrintable(threads), args.contains(QStringLiteral("--access-log")) ? "on" : "off");

    const PhaseResult health =
        runPhase(clients, seconds, server->port(), key,
                 [&](mlm::test::HttpClient &c, QRandomGenerator &, qint64) { return c.get("/api/v1/health").status; });
    report("health (HTTP only)", health);
    const PhaseResult lookups =
        runPhase(clients, seconds, server->port(), key, [&](mlm::test::HttpClient &c, QRandomGenerator &r, qint64) {
            return c.get("/api/v1/catalog?member=" + buyers.at(r.bounded(int(buyers.size()))).toLatin1()).status;
        });
    report("price look-ups", lookups);

    const PhaseResult orders =
        runPhase(clients, seconds, server->port(), key, [&](mlm::test::HttpClient &c, QRandomGenerator &r, qint64 n) {
            return c
                .post("/api/v1/orders",
                      orderBody(QStringLiteral("BENCH-%1").arg(n), buyers.at(r.bounded(int(buyers.size()))), n))
                .status;
        });
    report("order submissions", orders);
    server->stop();
    if (!pgAdmin.isEmpty())
        bench::dropPostgresDatabase(pgAdmin, QStringLiteral("mlm_bench_api"));
    return 0;
}
