// Downline aggregates on a 1M-member tree (DESIGN.md: <= 5 ms per member after an index build of <= 1 s).
// Usage: bench_downline [--members N] [--orders M] [--keep DIR] [--year]   (DIR may hold bench_commissions'
// company.db; --year adds eleven months of orders to it, see addYearOfOrders)
#include "BenchSupport.h"
#include "dataset/DatasetImporter.h"
#include "orders/OrderVolumes.h"
#include "reports/DownlinePerformance.h"
#include "storage/TransactionGuard.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTemporaryDir>

using namespace mlm;

namespace {

/// --year: the synthetic company's orders (all in October 2026) copied into each of the eleven months before, so
/// that the dashboard's twelve months each have a million orders (12M in all; lines are not copied: no report here
/// reads them). Done once per kept database; the volumes table is rebuilt after it (timed).
bool addYearOfOrders(Database &db)
{
    const Period october{2026, 10};
    auto have = db.scalar(QStringLiteral("SELECT COUNT(*) FROM orders WHERE paid_at < ?"), {october.start()});
    if (!have)
        return false;
    if (have->toLongLong() > 0)
        return true;
    QElapsedTimer t;
    t.start();
    Period month = october;
    for (int i = 1; i < 12; ++i) {
        month = month.previous();
        const qint64 shift = october.start() - month.start();
        TransactionGuard tx(db);
        if (!tx.began() ||
            !db.exec(QStringLiteral("INSERT INTO orders (store_id, external_id, buyer_member_id, buyer_customer_id, "
                                    "credited_member_id, tier_id, total_price, total_pv, total_bv, status, created_at, "
                                    "paid_at, cancelled_at, refunded_at, created_by) SELECT store_id, external_id || "
                                    "'-%1', buyer_member_id, buyer_customer_id, credited_member_id, tier_id, "
                                    "total_price, total_pv, total_bv, status, created_at - ?, paid_at - ?, "
                                    "cancelled_at - ?, refunded_at - ?, created_by FROM orders WHERE created_at >= ? "
                                    "AND created_at < ?")
                         .arg(month.toString()),
                     {shift, shift, shift, shift, october.start(), october.end()}) ||
            !tx.commit())
            return false;
        std::printf("orders of %s added (%.0f s so far)\n", qPrintable(month.toString()), t.elapsed() / 1000.0);
    }
    t.restart();
    TransactionGuard tx(db);
    if (!tx.began() || !OrderVolumes::rebuild(db) || !tx.commit())
        return false;
    auto rows = db.scalar(QStringLiteral("SELECT COUNT(*) FROM member_month_volumes"));
    std::printf("member_month_volumes rebuilt from the year's orders in %.2f s (%lld rows)\n", t.elapsed() / 1000.0,
                rows ? qlonglong(rows->toLongLong()) : -1LL);
    return true;
}

} // namespace

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
    if (args.contains(QStringLiteral("--year")) && !addYearOfOrders(*db.value()))
        return 1;
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
    // The Performance page: twelve months of a downline (the company's, a first-line member's, a random member's),
    // from scratch.
    const qint32 firstLeg = perf->tree().children(root).value(0, root);
    const Id deep = perf->tree().idAt(qint32(QRandomGenerator(7).bounded(qint32(perf->tree().size()))));
    // And a leader just under the member-by-member limit (the downline nearest 20,000).
    qint32 leader = root;
    for (qint32 i = 0; i < perf->tree().size(); ++i) {
        if (std::abs(perf->tree().downlineSize(i) - 20000) < std::abs(perf->tree().downlineSize(leader) - 20000))
            leader = i;
    }
    for (const Id member : {Id(0), perf->tree().idAt(firstLeg), perf->tree().idAt(leader), deep}) {
        t.restart();
        auto dashboard = DownlinePerformance::dashboard(*db.value(), member, Period{2026, 10});
        if (!dashboard)
            return 1;
        const double seconds = t.elapsed() / 1000.0;
        if (member == 0) {
            // What the orders say, month by month (the read the dashboard did before the volumes table): equal?
            QElapsedTimer scan;
            scan.start();
            bool equal = true;
            for (const DownlineSummary &month : std::as_const(dashboard->months)) {
                auto sum = db.value()->scalar(
                    QStringLiteral("SELECT COALESCE(SUM(total_pv), 0) FROM orders WHERE status = 'paid' AND paid_at "
                                   ">= ? AND paid_at < ? AND credited_member_id IS NOT NULL"),
                    {month.period.start(), month.period.end()});
                equal = equal && sum && sum->toLongLong() == month.groupVolume;
            }
            std::printf("the company's 12 group volumes against the orders' sums: %s (the 12 sums of the orders "
                        "took %.2f s)\n",
                        equal ? "equal" : "DIFFERENT", scan.elapsed() / 1000.0);
        }
        std::printf("dashboard of %s, 12 months: %.2f s (downline %lld, %lld legs), peak resident memory %.0f MB\n",
                    member == 0 ? "the company" : qPrintable(dashboard->memberCode), seconds,
                    qlonglong(dashboard->months.last().downlineSize), qlonglong(dashboard->topLegs.size()),
                    bench::peakRssMb());
    }
    std::printf("peak resident memory: %.0f MB (index size %lld)\n", bench::peakRssMb(), qlonglong(rebuilt.size()));
    return 0;
}
