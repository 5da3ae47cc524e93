// Commission run at scale (DESIGN.md: 1M members, 1M paid orders in the month, 5 levels, compression:
// <= 10 s end to end and <= 2x the time to merely read those rows on SQLite; <= 20 s on PostgreSQL).
// Usage: bench_commissions [--members N] [--orders M] [--pg ADMIN_URL] [--keep DIR]
#include "BenchSupport.h"
#include "compensation/CommissionRuns.h"
#include "dataset/DatasetImporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace mlm;

namespace {

/// The same rows the run reads, read and touched, and nothing else: the floor a run is compared against.
qint64 rawReadMs(Database &db, const Period &period, qint64 *rows)
{
    QElapsedTimer t;
    t.start();
    qint64 n = 0;
    qint64 checksum = 0;
    {
        auto q = db.exec(QStringLiteral("SELECT id, sponsor_id, status, code FROM members ORDER BY id"));
        while (q && q->next()) {
            checksum += q->value(0).toLongLong() + q->value(1).toLongLong() + q->value(2).toString().size() +
                        q->value(3).toString().size();
            ++n;
        }
    }
    {
        auto q =
            db.exec(QStringLiteral("SELECT id, credited_member_id, total_pv, total_bv, buyer_customer_id FROM orders "
                                   "WHERE status = 'paid' AND paid_at >= ? AND paid_at < ? ORDER BY id"),
                    {period.start(), period.end()});
        while (q && q->next()) {
            checksum += q->value(0).toLongLong() + q->value(1).toLongLong() + q->value(2).toLongLong() +
                        q->value(3).toLongLong() + (q->value(4).isNull() ? 0 : 1);
            ++n;
        }
    }
    *rows = n;
    if (checksum == 42)
        std::printf(" "); // keeps the reads from being optimised away
    return t.elapsed();
}

void measure(const QString &label, const QString &url)
{
    auto db = Database::open(url);
    if (!db || !db.value()->migrate()) {
        std::printf("%s: cannot open %s\n", qPrintable(label), qPrintable(url));
        return;
    }
    const Period october{2026, 10};
    qint64 rows = 0;
    const qint64 readMs = rawReadMs(*db.value(), october, &rows);
    CommissionRuns runs(*db.value());
    QElapsedTimer t;
    t.start();
    auto run = runs.preview(october);
    const qint64 runMs = t.elapsed();
    if (!run) {
        std::printf("%s: %s\n", qPrintable(label), qPrintable(run.error().message));
        return;
    }
    Money total = 0;
    for (const MemberCommission &m : run->members)
        total += m.total;
    t.restart();
    auto closed = runs.close(october, Actor{QStringLiteral("bench")});
    const qint64 closeMs = t.elapsed();
    auto lines = db.value()->scalar(QStringLiteral("SELECT COUNT(*) FROM commission_lines"));
    std::printf("%-10s raw read of %lld rows: %.2f s | preview run: %.2f s (%.2fx the raw read), %lld members paid, "
                "total %lld | close (stores %lld lines): %.2f s\n",
                qPrintable(label), qlonglong(rows), readMs / 1000.0, runMs / 1000.0, double(runMs) / double(readMs),
                qlonglong(run->members.size()), qlonglong(total), lines ? lines->toLongLong() : -1LL,
                closed ? closeMs / 1000.0 : -1.0);
    if (!closed)
        return;
    // The statement of the member paid on the most orders (the company's top), from the stored results: the first
    // page as the desktop asks for it, a page from the middle, and the whole of it (the CSV, the CLI).
    auto top = db.value()->exec(QStringLiteral("SELECT m.code, COUNT(*) FROM commission_lines l JOIN members m ON "
                                               "m.id = l.member_id GROUP BY m.code ORDER BY 2 DESC LIMIT 1"));
    if (!top || !top->next())
        return;
    const QString code = top->value(0).toString();
    const auto timed = [&](qint64 offset, qint64 limit) {
        QElapsedTimer s;
        s.start();
        auto statement = runs.statement(october, code, offset, limit);
        return std::pair{s.nsecsElapsed() / 1e6, statement ? statement->lines.size() : -1};
    };
    const auto [coldMs, coldLines] = timed(0, 500);
    const auto [firstMs, firstLines] = timed(0, 500);
    const qint64 count = runs.statement(october, code, 0, 0)->lineCount;
    const auto [middleMs, middleLines] = timed(count / 2, 500);
    const auto [wholeMs, wholeLines] = timed(0, -1);
    std::printf("%-10s statement of %s (%lld lines): first page of %lld lines %.1f ms (the first time %.1f ms), a page "
                "from the middle %.1f ms (target <= 200 ms), all %lld lines %.0f ms\n",
                qPrintable(label), qPrintable(code), qlonglong(count), qlonglong(firstLines), firstMs, coldMs, middleMs,
                qlonglong(wholeLines), wholeMs);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = bench::start(app);
    auto option = [&](const QString &name, const QString &fallback) { return bench::option(args, name, fallback); };
    const qint64 members = option(QStringLiteral("--members"), QStringLiteral("1000000")).toLongLong();
    // The generator leaves about 92% of orders paid (the rest pending, cancelled, refunded).
    const qint64 orders = option(QStringLiteral("--orders"), QStringLiteral("1087000")).toLongLong();
    const QString pg = option(QStringLiteral("--pg"), qEnvironmentVariable("MLM_BENCH_PG_URL"));
    QTemporaryDir tmp;
    const QString dir = option(QStringLiteral("--keep"), tmp.path());
    QDir().mkpath(dir);
    const QString file = QDir(dir).filePath(QStringLiteral("company.json"));
    const QString sqlite = QDir(dir).filePath(QStringLiteral("company.db"));
    if (!QFile::exists(sqlite)) {
        if (!bench::writeCompany(file, members, orders))
            return 1;
        auto db = Database::open(QStringLiteral("sqlite://") + sqlite);
        if (!db || !db.value()->migrate())
            return 1;
        QElapsedTimer t;
        t.start();
        auto imported = DatasetImporter(*db.value()).importFile(file, Actor{QStringLiteral("bench")});
        if (!imported) {
            std::printf("import: %s\n", qPrintable(imported.error().message));
            return 1;
        }
        std::printf("seeded SQLite with %lld members and %lld orders in %.1f s\n", qlonglong(imported->members),
                    qlonglong(imported->orders), t.elapsed() / 1000.0);
    }
    // Work on a copy, so that --keep keeps an unclosed database for the next measurement.
    const QString work = QDir(dir).filePath(QStringLiteral("run.db"));
    QFile::remove(work);
    QFile::copy(sqlite, work);
    measure(QStringLiteral("SQLite"), QStringLiteral("sqlite://") + work);
    QFile::remove(work);

    if (!pg.isEmpty()) {
        const QString name = QStringLiteral("mlm_bench_commissions");
        const QString url = bench::createPostgresDatabase(pg, name);
        auto db = Database::open(url);
        if (url.isEmpty() || !db || !db.value()->migrate())
            return 1;
        if (!QFile::exists(file) && !bench::writeCompany(file, members, orders))
            return 1;
        auto imported = DatasetImporter(*db.value()).importFile(file, Actor{QStringLiteral("bench")});
        if (!imported) {
            std::printf("import: %s\n", qPrintable(imported.error().message));
            return 1;
        }
        db.value().reset();
        measure(QStringLiteral("PostgreSQL"), url);
        bench::dropPostgresDatabase(pg, name);
    }
    std::printf("peak resident memory: %.0f MB\n", bench::peakRssMb());
    return 0;
}
