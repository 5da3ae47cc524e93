// bench_peer: our commission run beside the usual open-source way of paying commissions (issue 18). The WordPress
// MLM plugins pay an order when it completes by walking its uplines with SQL, level by level: read the parent, read
// the level's rate, insert the commission row, add it to the member's balance, each write committed on its own.
// That walk is done here faithfully, as statements in a loop against the same database and the same month's paid
// orders (prepared once and reused, which is kinder than the plugins are), and timed beside CommissionRuns::preview.
// The peer pays the plan's level rates on each order's business volume without qualification or compression, so its
// total differs from ours; both are printed.
//   bench_peer [--members N] [--orders M] [--keep DIR] [--pg ADMIN_URL]
#include "BenchSupport.h"

#include "compensation/CommissionRuns.h"
#include "compensation/Plans.h"
#include "dataset/DatasetImporter.h"
#include "storage/Database.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace mlm;

namespace {

const Period kMonth{2026, 10};

struct Peer
{
    double seconds = 0;
    qint64 orders = 0;
    qint64 rows = 0; ///< commission rows inserted
    Money total = 0;
    QString error;
};

/// The plugins' tables: a rate per level, a commission row per payment, a balance per member (made untimed).
bool makePeerTables(Database &db, const CompensationPlan &plan)
{
    for (const char *table : {"peer_rates", "peer_commissions", "peer_balances"})
        (void)db.exec(QStringLiteral("DROP TABLE IF EXISTS %1").arg(QLatin1StringView(table)));
    if (!db.exec(QStringLiteral("CREATE TABLE peer_rates (level INTEGER PRIMARY KEY, rate_bp INTEGER NOT NULL)")) ||
        !db.exec(db.dialect().expandSchema(
            QStringLiteral("CREATE TABLE peer_commissions (id {{ID}}, member_id BIGINT NOT NULL, order_id BIGINT NOT "
                           "NULL, level INTEGER NOT NULL, amount BIGINT NOT NULL)"))) ||
        !db.exec(
            QStringLiteral("CREATE TABLE peer_balances (member_id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)")) ||
        !db.exec(QStringLiteral("INSERT INTO peer_balances (member_id, balance) SELECT id, 0 FROM members")))
        return false;
    for (int level = 1; level <= plan.levelsBp.size(); ++level) {
        if (!db.exec(QStringLiteral("INSERT INTO peer_rates (level, rate_bp) VALUES (?, ?)"),
                     {level, plan.levelsBp.at(level - 1)}))
            return false;
    }
    return true;
}

Peer walk(Database &db, int levels)
{
    Peer p;
    // The orders as the plugin's hook receives them, one by one.
    QList<std::pair<Id, std::pair<Id, Money>>> orders;
    auto q = db.exec(QStringLiteral("SELECT id, credited_member_id, total_bv FROM orders WHERE status = 'paid' AND "
                                    "paid_at >= ? AND paid_at < ? AND credited_member_id IS NOT NULL ORDER BY id"),
                     {kMonth.start(), kMonth.end()});
    if (!q) {
        p.error = q.error().message;
        return p;
    }
    while (q->next())
        orders.append({q->value(0).toLongLong(), {q->value(1).toLongLong(), q->value(2).toLongLong()}});
    QElapsedTimer t;
    t.start();
    for (const auto &[orderId, credited] : std::as_const(orders)) {
        Id member = credited.first;
        const Money base = credited.second;
        for (int level = 1; level <= levels; ++level) {
            auto parent = db.execReused(QStringLiteral("SELECT sponsor_id FROM members WHERE id = ?"), {member});
            if (!parent || !parent.value()->next() || parent.value()->isNull(0))
                break;
            const Id upline = parent.value()->value(0).toLongLong();
            auto rate = db.execReused(QStringLiteral("SELECT rate_bp FROM peer_rates WHERE level = ?"), {level});
            if (!rate || !rate.value()->next())
                break;
            const Money amount = base * rate.value()->value(0).toLongLong() / 10000;
            if (!db.execReused(QStringLiteral("INSERT INTO peer_commissions (member_id, order_id, level, amount) "
                                              "VALUES (?, ?, ?, ?)"),
                               {upline, orderId, level, amount}) ||
                !db.execReused(QStringLiteral("UPDATE peer_balances SET balance = balance + ? WHERE member_id = ?"),
                               {amount, upline})) {
                p.error = QStringLiteral("a write failed");
                return p;
            }
            ++p.rows;
            p.total += amount;
            member = upline;
        }
        ++p.orders;
    }
    p.seconds = double(t.elapsed()) / 1000.0;
    return p;
}

void measure(const QString &label, Database &db)
{
    auto plan = Plans::current(db);
    if (!plan || !makePeerTables(db, plan.value())) {
        std::printf("%s: cannot make the peer's tables\n", qPrintable(label));
        return;
    }
    QElapsedTimer t;
    t.start();
    auto run = CommissionRuns(db).preview(kMonth);
    const double ours = double(t.elapsed()) / 1000.0;
    if (!run) {
        std::printf("%s: %s\n", qPrintable(label), qPrintable(run.error().message));
        return;
    }
    Money ourTotal = 0;
    for (const MemberCommission &m : run->members)
        ourTotal += m.total;
    const Peer peer = walk(db, int(plan->levelsBp.size()));
    if (!peer.error.isEmpty()) {
        std::printf("%s: the peer's walk: %s\n", qPrintable(label), qPrintable(peer.error));
        return;
    }
    std::printf("%-10s our run: %.2f s (%lld members paid, total %lld) | the per-level SQL walk: %.1f s for %lld "
                "orders, %lld commission rows (total %lld, no compression) = %.0fx ours\n",
                qPrintable(label), ours, qlonglong(run->members.size()), qlonglong(ourTotal), peer.seconds,
                qlonglong(peer.orders), qlonglong(peer.rows), qlonglong(peer.total), peer.seconds / ours);
    for (const char *table : {"peer_rates", "peer_commissions", "peer_balances"})
        (void)db.exec(QStringLiteral("DROP TABLE %1").arg(QLatin1StringView(table)));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = bench::start(app);
    const qint64 members = bench::option(args, QStringLiteral("--members"), QStringLiteral("100000")).toLongLong();
    const qint64 orders = bench::option(args, QStringLiteral("--orders"), QStringLiteral("108700")).toLongLong();
    const QString pg = bench::option(args, QStringLiteral("--pg"), qEnvironmentVariable("MLM_BENCH_PG_URL"));
    QTemporaryDir scratch;
    const QString url = bench::keptCompany(args, scratch.path(), members, orders);
    if (url.isEmpty())
        return 1;
    {
        auto db = Database::open(url);
        if (!db)
            return 1;
        measure(QStringLiteral("SQLite"), *db.value());
    }
    if (!pg.isEmpty()) {
        const QString name = QStringLiteral("mlm_bench_peer");
        const QString pgUrl = bench::createPostgresDatabase(pg, name);
        auto db = Database::open(pgUrl);
        const QString file = QDir(scratch.path()).filePath(QStringLiteral("company.json"));
        if (pgUrl.isEmpty() || !db || !db.value()->migrate() || !bench::writeCompany(file, members, orders) ||
            !DatasetImporter(*db.value()).importFile(file, Actor{QStringLiteral("bench")}))
            return 1;
        measure(QStringLiteral("PostgreSQL"), *db.value());
        db.value().reset();
        bench::dropPostgresDatabase(pg, name);
    }
    return 0;
}
