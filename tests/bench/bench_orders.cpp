// The Orders page on ten million orders (DESIGN.md: opens and jumps to the end <= 200 ms, memory bounded).
// Usage: bench_orders [--orders N] [--keep DIR] [--server]   (DIR keeps the database for later runs: 10M orders take
// a while; --server reads through mlm-server, TLS on loopback, as a desktop at home does)
// The orders are made in SQL from a 100,000-member synthetic company: the table reads headers only.
#include "BenchServer.h"
#include "BenchSupport.h"

#include "AsyncOffice.h"
#include "office/Session.h"
#include "models/OrdersModel.h"
#include "views/OrdersView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>

#include <algorithm>

using namespace mlm;

namespace {

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

/// Scrolls the table to `value` and paints it, then again when the rows asked for have come: the time to see
/// those rows.
double jump(OrdersView &view, AsyncOffice &office, int value)
{
    QElapsedTimer t;
    t.start();
    view.table()->verticalScrollBar()->setValue(value);
    (void)view.grab();
    office.waitForIdle();
    (void)view.grab();
    return msSince(t);
}

/// Opens the page on `filter`: painted at once, then the count; then to the end, the middle, and random places.
void measure(Session &session, RemoteOffice *server, const char *what, const std::optional<OrderStatus> &status)
{
    auto office = server ? AsyncOffice::remote(std::shared_ptr<RemoteOffice>(server->another()))
                         : AsyncOffice::local(session.database().url(), session.user());
    QElapsedTimer t;
    t.start();
    OrdersView view(*office);
    view.resize(1200, 800);
    view.show();
    OrderFilter filter;
    filter.status = status;
    if (status)
        view.model()->setFilter(filter);
    (void)view.grab();
    QSignalSpy arrived(view.model(), &OrdersModel::pageArrived);
    if (!arrived.wait(60000))
        return;
    (void)view.grab();
    const double openMs = msSince(t);
    // The rows the count adds, as the table takes them (a reset: Qt's row header keeps a record per row).
    QElapsedTimer inserting;
    double insertMs = 0;
    QObject::connect(view.model(), &OrdersModel::modelAboutToBeReset, [&] { inserting.start(); });
    QObject::connect(view.model(), &OrdersModel::modelReset, [&] { insertMs = msSince(inserting); });
    QSignalSpy counted(view.model(), &OrdersModel::counted);
    if (!view.model()->isCounted() && !counted.wait(600000)) {
        std::printf("%s: the count did not come\n", what);
        return;
    }
    const double countMs = msSince(t);
    double countOnlyMs = 0;
    {
        QElapsedTimer c;
        c.start();
        (void)session.ordersCount(filter);
        countOnlyMs = msSince(c);
    }
    QScrollBar *bar = view.table()->verticalScrollBar();
    const double endMs = jump(view, *office, bar->maximum());
    const double middleMs = jump(view, *office, bar->maximum() / 2);
    QList<double> randomMs;
    for (int i = 0; i < 50; ++i)
        randomMs << jump(view, *office, QRandomGenerator::global()->bounded(bar->maximum() + 1));
    const double nearMs = jump(view, *office, bar->value() + 40); // a scroll of a page or so, from a place already read
    std::sort(randomMs.begin(), randomMs.end());
    double sum = 0;
    for (double ms : randomMs)
        sum += ms;
    std::printf("%-14s %8d rows: open+first rows painted %6.2f ms, all rows there after %7.2f ms (count %6.2f ms, rows into the "
                "table %6.2f ms), jump to end %6.2f ms, to the middle %7.2f ms, random jumps mean %6.2f / worst %7.2f "
                "ms, scroll on %5.2f ms; %d pages in memory\n",
                what, view.model()->rowCount(), openMs, countMs, countOnlyMs, insertMs, endMs, middleMs,
                sum / double(randomMs.size()), randomMs.last(), nearMs, view.model()->pagesInMemory());
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = bench::start(app);
    const qint64 orders = bench::option(args, QStringLiteral("--orders"), QStringLiteral("10000000")).toLongLong();
    QTemporaryDir tmp;
    const QString url = bench::keptCompany(args, tmp.path(), 100000, 1000);
    if (url.isEmpty())
        return 1;
    auto db = Database::open(url);
    if (!db || !db.value()->migrate())
        return 1;
    Database &d = *db.value();
    const qint64 have = d.scalar(QStringLiteral("SELECT COUNT(*) FROM orders"))->toLongLong();
    if (have < orders) {
        QElapsedTimer t;
        t.start();
        // Back-office orders by the members in turn, one in 50 pending and one in 97 cancelled.
        auto made = d.exec(
            QStringLiteral(
                "WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                "INSERT INTO orders (external_id, buyer_member_id, credited_member_id, tier_id, total_price, total_pv, "
                "total_bv, status, created_at, paid_at) "
                "SELECT 'BENCH-' || i, m.id, m.id, (SELECT MIN(id) FROM price_tiers), 1000 + i % 9000, 100, 80, "
                "CASE WHEN i % 50 = 0 THEN 'pending' WHEN i % 97 = 0 THEN 'cancelled' ELSE 'paid' END, "
                "1700000000 + i, 1700000000 + i FROM n JOIN members m ON m.id = 1 + i % 100000"),
            {have + 1, orders});
        if (!made) {
            std::printf("%s\n", qPrintable(made.error().message));
            return 1;
        }
        std::printf("made %lld orders in %.1f s\n", static_cast<long long>(orders - have), msSince(t) / 1000);
    }
    const double startRss = bench::peakRssMb();
    User admin;
    admin.username = QStringLiteral("bench");
    admin.role = Role::Admin;
    Session session(d, admin);
    std::unique_ptr<bench::BenchServer> server;
    if (args.contains(QStringLiteral("--server"))) {
        if (!(server = bench::startServer(d, url)))
            return 1;
        std::printf("through mlm-server (TLS on loopback)\n");
    }
    RemoteOffice *remote = server ? server->office.get() : nullptr;
    measure(session, remote, "all orders", std::nullopt);
    measure(session, remote, "paid (97%)", OrderStatus::Paid);
    measure(session, remote, "pending (2%)", OrderStatus::Pending);
    std::printf("peak resident memory %.1f MB (%.1f MB before the Orders page)\n", bench::peakRssMb(), startRss);
    return 0;
}
