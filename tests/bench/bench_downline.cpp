// Downline aggregates on a 1M-member tree (DESIGN.md: <= 5 ms per member after an index build of <= 1 s).
// Usage: bench_downline [--members N] [--orders M] [--keep DIR]   (DIR may hold bench_commissions' company.db)
#include "BenchSupport.h"
#include "dataset/DatasetImporter.h"
#include "reports/DownlinePerformance.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTemporaryDir>

using namespace mlm;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = bench::start(app);
    auto option = [&](const QString &name, const QString &fallback) { return bench::option(args, name, fallback); };
    QTemporaryDir tmp;
    const QString url = bench::keptCompany(args, tmp.path(),
                                           option(QStringLiteral("--members"), QStringLiteral("1000000")).toLongLong(),
                                           option(QStringLiteral("--orders"), QStringLiteral("1087000")).toLongLong());
    if (url.isEmpty())
        return 1;
    auto db = Database::open(url);
    if (!db)
        return 1;
    QElapsedTimer t;
    t.start();
    auto perf = DownlinePerformance::load(*db.value());
    if (!perf)
        return 1;
    const qint64 loadMs = t.elapsed();
    // The index alone, from ids already in memory.
    QList<Id> ids, sponsors;
    for (qint32 i = 0; i < perf->tree().size(); ++i)
        ids.append(perf->tree().idAt(i));
    auto q = db.value()->exec(QStringLiteral("SELECT sponsor_id FROM members ORDER BY id"));
    while (q && q->next())
        sponsors.append(q->value(0).toLongLong());
    t.restart();
    const TreeIndex rebuilt = TreeIndex::build(ids, sponsors);
    const qint64 buildMs = t.elapsed();
    t.restart();
    if (!perf->selectPeriod(*db.value(), Period{2026, 10}))
        return 1;
    const qint64 periodMs = t.elapsed();

    auto timeSummary = [&](qint32 member) {
        QElapsedTimer s;
        s.start();
        const DownlineSummary summary = perf->summary(member, 10);
        return std::pair{s.nsecsElapsed() / 1000.0, summary};
    };
    const qint32 root = perf->tree().indexOf(1);
    const auto [rootUs, rootSummary] = timeSummary(root);
    double worstUs = 0, sumUs = 0;
    QRandomGenerator rng(5);
    for (int i = 0; i < 1000; ++i) {
        const auto [us, s] = timeSummary(qint32(rng.bounded(qint32(perf->tree().size()))));
        worstUs = std::max(worstUs, us);
        sumUs += us;
    }
    std::printf("%lld members: load members + build index %.2f s (the index alone %.2f s); a period's volumes %.2f s\n",
                qlonglong(perf->tree().size()), loadMs / 1000.0, buildMs / 1000.0, periodMs / 1000.0);
    std::printf("root: %.1f us (downline %lld, group volume %lld, 10 levels); 1000 random members: mean %.1f us, "
                "worst %.1f us\n",
                rootUs, qlonglong(rootSummary.downlineSize), qlonglong(rootSummary.groupVolume), sumUs / 1000, worstUs);
    std::printf("peak resident memory before the dashboards: %.0f MB\n", bench::peakRssMb());
    // The Performance page: twelve months of a downline (the company's, then a first-line member's), from scratch.
    for (const Id member : {Id(0), perf->tree().idAt(perf->tree().children(root).value(0, root))}) {
        t.restart();
        auto dashboard = DownlinePerformance::dashboard(*db.value(), member, Period{2026, 10});
        if (!dashboard)
            return 1;
        std::printf("dashboard of %s, 12 months: %.2f s (downline %lld, %lld legs), peak resident memory %.0f MB\n",
                    member == 0 ? "the company" : qPrintable(dashboard->memberCode), t.elapsed() / 1000.0,
                    qlonglong(dashboard->months.last().downlineSize), qlonglong(dashboard->topLegs.size()),
                    bench::peakRssMb());
    }
    std::printf("peak resident memory: %.0f MB (index size %lld)\n", bench::peakRssMb(), qlonglong(rebuilt.size()));
    return 0;
}
