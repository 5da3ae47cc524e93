// Dataset import throughput (DESIGN.md: >= 200k orders/s and >= 200k members/s on SQLite; issue 18: <= 1.5x SQLite's
// own copy of the same rows, peak memory <= 600 MB).
// Usage: bench_import [--members N] [--orders M] [--pg ADMIN_URL]
// Generates a synthetic company file, then imports it into a new SQLite file and, with --pg, into a new PostgreSQL
// database, each import in a process of its own (this program again, with --child URL FILE) so that its peak memory
// is the import's alone, as `mlmctl import` has it (the file mapped, not read). After the SQLite import the child
// copies every table of the imported file into an empty database of the same schema without its indexes
// (INSERT INTO t SELECT * FROM s.t), then creates the same indexes, all in one transaction: no parsing and no
// checks, what an import cannot beat.
#include "BenchSupport.h"
#include "dataset/DatasetImporter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace mlm;

namespace {

/// The import's time in ms (-1 when it failed).
qint64 importInto(const QString &label, const QString &url, const QString &file)
{
    auto db = Database::open(url);
    if (!db || !db.value()->migrate()) {
        std::printf("%s: cannot open %s\n", qPrintable(label), qPrintable(url));
        return -1;
    }
    DatasetImporter importer(*db.value());
    QList<std::pair<QString, qint64>> stages; // stage name, start in ms
    QList<double> peaks;                      // the peak resident memory when each stage began
    QElapsedTimer total;
    total.start();
    importer.setProgress([&](const QString &s, qint64, qint64) {
        if (stages.isEmpty() || stages.constLast().first != s)
            stages.append({s, total.elapsed()}), peaks.append(bench::peakRssMb());
        return true;
    });
    auto result = importer.importFile(file, Actor{QStringLiteral("bench")});
    const qint64 ms = total.elapsed();
    if (!result) {
        std::printf("%s: import failed: %s\n", qPrintable(label), qPrintable(result.error().message));
        return -1;
    }
    const qint64 members = result->members, orders = result->orders;
    stages.append({QStringLiteral("end"), ms}), peaks.append(bench::peakRssMb());
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
        std::printf("           %-15s %7.2f s, peak memory by its end %5.0f MB\n", qPrintable(stages.at(i).first),
                    (stages.at(i + 1).second - stages.at(i).second) / 1000.0, peaks.at(i + 1));
    const double memberSeconds =
        (stageMs(QStringLiteral("members")) + stageMs(QStringLiteral("member indexes"))) / 1000.0;
    const double orderSeconds = (stageMs(QStringLiteral("orders")) + stageMs(QStringLiteral("order indexes"))) / 1000.0;
    std::printf("           members written at %.0f/s, orders (read, checked, written, indexed) at %.0f/s\n",
                members / memberSeconds, orders / orderSeconds);
    std::printf("           peak resident memory of the import: %.0f MB\n", bench::peakRssMb());
    return ms;
}

/// SQLite's own copy of the imported file's rows (see the top of this file), in ms; -1 on failure.
qint64 sqliteCopy(const QString &imported, const QString &copy)
{
    auto db = Database::open(QStringLiteral("sqlite://") + copy);
    if (!db || !db.value()->migrate())
        return -1;
    Database &d = *db.value();
    QStringList tables, indexes, indexNames;
    auto q = d.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                   "ORDER BY rowid"));
    while (q && q->next())
        tables << q->value(0).toString();
    for (const QString &table : std::as_const(tables)) {
        auto i = d.exec(d.dialect().secondaryIndexesSql(), {table});
        while (i && i->next())
            indexNames << i->value(0).toString(), indexes << i->value(1).toString();
    }
    for (const QString &name : std::as_const(indexNames))
        (void)d.exec(QStringLiteral("DROP INDEX %1").arg(name));
    QElapsedTimer t;
    t.start();
    if (!d.exec(QStringLiteral("PRAGMA foreign_keys = OFF")) ||
        !d.exec(QStringLiteral("ATTACH DATABASE ? AS s"), {imported}) || !d.exec(QStringLiteral("BEGIN")))
        return -1;
    for (const QString &table : std::as_const(tables)) {
        if (!d.exec(QStringLiteral("DELETE FROM %1").arg(table)) ||
            !d.exec(QStringLiteral("INSERT INTO %1 SELECT * FROM s.%1").arg(table)))
            return -1;
    }
    for (const QString &index : std::as_const(indexes)) {
        if (!d.exec(index))
            return -1;
    }
    if (!d.exec(QStringLiteral("COMMIT")))
        return -1;
    return t.elapsed();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = bench::start(app);
    auto option = [&](const QString &name, const QString &fallback) { return bench::option(args, name, fallback); };
    if (const qsizetype child = args.indexOf(QStringLiteral("--child")); child >= 0 && child + 2 < args.size()) {
        const QString url = args.at(child + 1), file = args.at(child + 2);
        const bool sqlite = url.startsWith(QStringLiteral("sqlite:"));
        const qint64 ms = importInto(sqlite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL"), url, file);
        if (ms < 0)
            return 1;
        if (sqlite) {
            const QString imported = url.mid(QStringLiteral("sqlite://").size());
            const qint64 copyMs = sqliteCopy(imported, imported + QStringLiteral(".copy"));
            std::printf("           SQLite's own copy of the rows with the same indexes: %.2f s; the import took "
                        "%.2fx that (target <= 1.5x)\n",
                        copyMs / 1000.0, double(ms) / double(copyMs));
            QFile::remove(imported + QStringLiteral(".copy"));
        }
        return 0;
    }
    const qint64 members = option(QStringLiteral("--members"), QStringLiteral("1000000")).toLongLong();
    const qint64 orders = option(QStringLiteral("--orders"), QStringLiteral("1000000")).toLongLong();
    const QString pg = option(QStringLiteral("--pg"), qEnvironmentVariable("MLM_BENCH_PG_URL"));

    QTemporaryDir dir;
    QElapsedTimer timer;
    timer.start();
    const QString file = dir.filePath(QStringLiteral("company.json"));
    if (!bench::writeCompany(file, members, orders))
        return 1;
    std::printf("generated %lld members, %lld orders: %.1f MB in %.2f s\n", qlonglong(members), qlonglong(orders),
                QFileInfo(file).size() / 1e6, timer.elapsed() / 1000.0);
    std::fflush(stdout);
    const auto runChild = [&](const QString &url) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), url, file});
        return child.waitForFinished(-1) && child.exitCode() == 0;
    };
    bool ok = runChild(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("bench.db")));
    if (!pg.isEmpty()) {
        const QString name = QStringLiteral("mlm_bench_%1").arg(QCoreApplication::applicationPid());
        const QString url = bench::createPostgresDatabase(pg, name);
        ok = !url.isEmpty() && runChild(url) && ok;
        bench::dropPostgresDatabase(pg, name);
    }
    return ok ? 0 : 1;
}
