// Dataset import throughput (DESIGN.md: >= 200k orders/s and >= 200k members/s on SQLite).
// Usage: bench_import [--members N] [--orders M] [--pg ADMIN_URL]
// Generates a synthetic company, imports it into a new SQLite file and, with --pg, into a new PostgreSQL database.
#include "BenchSupport.h"
#include "dataset/DatasetImporter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <cstdio>

using namespace mlm;

namespace {

void importInto(const QString &label, const QString &url, const QByteArray &json, qint64 members, qint64 orders)
{
    auto db = Database::open(url);
    if (!db || !db.value()->migrate()) {
        std::printf("%s: cannot open %s\n", qPrintable(label), qPrintable(url));
        return;
    }
    DatasetImporter importer(*db.value());
    QList<std::pair<QString, qint64>> stages; // stage name, start in ms
    QElapsedTimer total;
    total.start();
    importer.setProgress([&](const QString &s, qint64, qint64) {
        if (stages.isEmpty() || stages.constLast().first != s)
            stages.append({s, total.elapsed()});
        return true;
    });
    auto result = importer.importJson(json, Actor{QStringLiteral("bench")});
    const qint64 ms = total.elapsed();
    if (!result) {
        std::printf("%s: import failed: %s\n", qPrintable(label), qPrintable(result.error().message));
        return;
    }
    stages.append({QStringLiteral("end"), ms});
    auto stageMs = [&](const QString &name) {
        for (qsizetype i = 0; i + 1 < stages.size(); ++i) {
            if (stages.at(i).first == name)
                return stages.at(i + 1).second - stages.at(i).second;
        }
        return qint64(0);
    };
    std::printf("%-10s import %lld members + %lld orders: %.2f s end to end = %.0f members+orders/s\n",
                qPrintable(label), qlonglong(members), qlonglong(orders), ms / 1000.0,
                (members + orders) / (ms / 1000.0));
    for (qsizetype i = 0; i + 1 < stages.size(); ++i)
        std::printf("           %-15s %7.2f s\n", qPrintable(stages.at(i).first),
                    (stages.at(i + 1).second - stages.at(i).second) / 1000.0);
    const double memberSeconds =
        (stageMs(QStringLiteral("members")) + stageMs(QStringLiteral("member indexes"))) / 1000.0;
    const double orderSeconds = (stageMs(QStringLiteral("orders")) + stageMs(QStringLiteral("order indexes"))) / 1000.0;
    std::printf("           members written at %.0f/s, orders (read, checked, written, indexed) at %.0f/s\n",
                members / memberSeconds, orders / orderSeconds);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = bench::start(app);
    auto option = [&](const QString &name, const QString &fallback) { return bench::option(args, name, fallback); };
    SyntheticCompany::Parameters p;
    p.members = option(QStringLiteral("--members"), QStringLiteral("1000000")).toLongLong();
    p.orders = option(QStringLiteral("--orders"), QStringLiteral("1000000")).toLongLong();
    p.months = 1;
    p.seed = 7;
    const QString pg = option(QStringLiteral("--pg"), qEnvironmentVariable("MLM_BENCH_PG_URL"));

    QTemporaryDir dir;
    QElapsedTimer timer;
    timer.start();
    QFile file(dir.filePath(QStringLiteral("company.json")));
    if (!file.open(QIODevice::ReadWrite) || !SyntheticCompany::write(p, file))
        return 1;
    file.seek(0);
    const QByteArray json = file.readAll();
    std::printf("generated %lld members, %lld orders: %.1f MB in %.2f s\n", qlonglong(p.members), qlonglong(p.orders),
                json.size() / 1e6, timer.elapsed() / 1000.0);

    importInto(QStringLiteral("SQLite"), QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("bench.db")), json,
               p.members, p.orders);
    if (!pg.isEmpty()) {
        const QString name = QStringLiteral("mlm_bench_%1").arg(QCoreApplication::applicationPid());
        auto admin = Database::open(pg);
        if (admin && admin.value()->exec(QStringLiteral("CREATE DATABASE %1").arg(name))) {
            importInto(QStringLiteral("PostgreSQL"), pg.left(pg.lastIndexOf(u'/') + 1) + name, json, p.members,
                       p.orders);
            (void)admin.value()->exec(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(name));
        }
    }
    std::printf("peak resident memory: %.0f MB\n", bench::peakRssMb());
    return 0;
}
