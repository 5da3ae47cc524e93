// The network view's model on a 1M-member company (DESIGN.md: first paint <= 300 ms, expanding a node with 10k
// children <= 50 ms, finding a member <= 20 ms, <= 400 MB resident with the database open).
// Usage: bench_network [--members N] [--keep DIR] [--server]   (DIR may hold bench_commissions' company.db)
// With --server the window reads through mlm-server (TLS on loopback, SQLite behind it), as a desktop at home does.
#include "BenchServer.h"
#include "BenchSupport.h"

#include "AsyncOffice.h"
#include "MainWindow.h"
#include "office/Session.h"
#include "dataset/DatasetImporter.h"
#include "genealogy/Members.h"
#include "models/MembersModel.h"
#include "models/NetworkModel.h"
#include "storage/TransactionGuard.h"
#include "views/NetworkView.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

using namespace mlm;

namespace {

/// Answers events until `signal` of `sender` comes (or a minute has passed).
template <typename Sender, typename Signal> void waitFor(Sender *sender, Signal signal)
{
    QEventLoop loop;
    QObject::connect(sender, signal, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
}

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // the main window is measured too, without a display
    QApplication app(argc, argv);
    const QStringList args = bench::start(app);
    auto option = [&](const QString &name, const QString &fallback) { return bench::option(args, name, fallback); };
    QTemporaryDir tmp;
    const QString url = bench::keptCompany(
        args, tmp.path(), option(QStringLiteral("--members"), QStringLiteral("1000000")).toLongLong(), 1000);
    if (url.isEmpty())
        return 1;
    auto db = Database::open(url);
    if (!db || !db.value()->migrate())
        return 1;
    Database &d = *db.value();
    // The benchmark's own connection (its set-up and look-ups) scans the members once: its page cache kept small,
    // so that the memory measured is the window's.
    for (const QString &statement : d.dialect().scanSessionSetup())
        if (!d.exec(statement))
            return 1;
    // DESIGN.md's case: a member with 10,000 in its first line (added once to the kept database).
    if (!Members(d).byCode(QStringLiteral("BIGLEG")).ok()) {
        const Actor actor{QStringLiteral("bench")};
        TransactionGuard tx(d);
        if (!Members(d).registerMember({QStringLiteral("BIGLEG"),
                                        QStringLiteral("Big Leg"),
                                        {},
                                        {},
                                        {},
                                        QStringLiteral("ROOT"),
                                        MemberStatus::Distributor,
                                        std::nullopt},
                                       actor))
            return 1;
        for (int i = 0; i < 10000; ++i) {
            const QString code = QStringLiteral("BIG%1").arg(i, 5, 10, QLatin1Char('0'));
            if (!Members(d).registerMember({code,
                                            QStringLiteral("Leg member %1").arg(i),
                                            {},
                                            {},
                                            {},
                                            QStringLiteral("BIGLEG"),
                                            MemberStatus::Customer,
                                            std::nullopt},
                                           actor))
                return 1;
        }
        if (!tx.commit())
            return 1;
    }
    const double startRss = bench::peakRssMb();
    // An admin sees the whole network.
    const User admin{1, QStringLiteral("bench"), Role::Admin, 0, {}, true, 0};
    Session session(d, admin);
    // The window's way in: every read on a worker thread, answered on this one (the times below are from asking
    // to the rows being in the model).
    const bool overServer = args.contains(QStringLiteral("--server"));
    std::unique_ptr<bench::BenchServer> server;
    if (overServer && !(server = bench::startServer(d, url)))
        return 1;
    const auto makeOffice = [&] {
        return overServer ? AsyncOffice::remote(std::shared_ptr<RemoteOffice>(server->office->another()))
                          : AsyncOffice::local(d.url(), admin);
    };
    auto office = makeOffice();

    QElapsedTimer t;
    t.start();
    NetworkModel model(*office);
    waitFor(&model, &NetworkModel::rowsArrived);
    const QModelIndex root = model.index(0, 0);
    const double firstRowsMs = msSince(t);
    t.restart();
    model.fetchMore(root);
    waitFor(&model, &NetworkModel::rowsArrived);
    const double rootExpandMs = msSince(t);
    const int rootChildren = model.rowCount(root);
    office->waitForIdle();

    // The member with the largest first line.
    auto biggest = d.exec(QStringLiteral("SELECT s.code, COUNT(*) AS n FROM members m JOIN members s ON s.id = "
                                         "m.sponsor_id GROUP BY s.code ORDER BY n DESC LIMIT 1"));
    if (!biggest || !biggest->next())
        return 1;
    const QString bigCode = biggest->value(0).toString();
    const qint64 bigCount = biggest->value(1).toLongLong();
    auto path = session.pathTo(bigCode);
    if (!path)
        return 1;
    // Five times, each in a tree of its own (a line once read is not asked for again): the median and the worst.
    QList<double> bigExpands, bigSizes;
    for (int i = 0; i < 5; ++i) {
        NetworkModel tree(*office);
        waitFor(&tree, &NetworkModel::rowsArrived);
        QModelIndex bigIndex;
        tree.reveal(path.value(), [&](const QModelIndex &index) { bigIndex = index; });
        office->waitForIdle();
        t.restart();
        tree.fetchMore(bigIndex);
        waitFor(&tree, &NetworkModel::rowsArrived);
        bigExpands << msSince(t);
        waitFor(&tree, &NetworkModel::sizesArrived);
        bigSizes << msSince(t);
        office->waitForIdle();
    }
    std::sort(bigExpands.begin(), bigExpands.end());
    std::sort(bigSizes.begin(), bigSizes.end());
    const double bigExpandMs = bigExpands.at(2);
    const double bigExpandWorstMs = bigExpands.last();
    const double bigSizesMs = bigSizes.at(2);

    // Finding members: by code, by email, by name prefix; and revealing a deep one.
    auto deepest = d.exec(
        QStringLiteral("SELECT id, code, email, name FROM members WHERE code LIKE 'M%' ORDER BY id DESC LIMIT 1"));
    if (!deepest || !deepest->next())
        return 1;
    const QString code = deepest->value(1).toString();
    const QString email = deepest->value(2).toString();
    const QString namePrefix = deepest->value(3).toString().left(4);
    auto timeSearch = [&](const QString &text) {
        QElapsedTimer s;
        s.start();
        qsizetype count = -1;
        office->call<QList<Member>>(
            &model, [text](Office &o) { return o.search(text, 50); },
            [&](Result<QList<Member>> found) { count = found ? found->size() : -1; });
        office->waitForIdle();
        return std::pair{msSince(s), count};
    };
    const auto byCode = timeSearch(code);
    const auto byEmail = timeSearch(email.isEmpty() ? code : email);
    const auto byName = timeSearch(namePrefix);
    t.restart();
    auto deepPath = session.pathTo(code);
    QModelIndex deepIndex;
    if (deepPath) {
        bool revealed = false;
        model.reveal(deepPath.value(), [&](const QModelIndex &index) {
            deepIndex = index;
            revealed = true;
        });
        while (!revealed)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    const double revealMs = msSince(t);
    office->waitForIdle();

    // The Members page: the first page of the whole list in each order, and a filtered one.
    auto timeMembers = [&](MemberFilter filter) {
        MembersModel members(*office);
        office->waitForIdle();
        QElapsedTimer m;
        m.start();
        members.setFilter(filter);
        waitFor(&members, &MembersModel::pageArrived);
        const double firstPage = msSince(m);
        office->waitForIdle(); // and its count
        return std::pair{firstPage, members.totalCount()};
    };
    MemberFilter nameOrder;
    nameOrder.sortBy = MemberFilter::SortBy::ByName;
    MemberFilter byJoinedDesc;
    byJoinedDesc.sortBy = MemberFilter::SortBy::ByJoined;
    byJoinedDesc.descending = true;
    MemberFilter suspended;
    suspended.status = MemberStatus::Suspended;
    MemberFilter text;
    text.text = namePrefix;
    const auto membersByCode = timeMembers({});
    const auto membersByName = timeMembers(nameOrder);
    const auto membersByJoined = timeMembers(byJoinedDesc);
    const auto membersSuspended = timeMembers(suspended);
    const auto membersText = timeMembers(text);

    std::printf("bench_network: %s%s\n", qPrintable(url), overServer ? " through mlm-server (TLS on loopback)" : "");

    std::printf("first rows (roots)                 %8.2f ms\n", firstRowsMs);
    std::printf("expand the root (%d children)      %8.2f ms\n", rootChildren, rootExpandMs);
    std::printf("expand the largest first line (%lld) %8.2f ms (median of 5, worst %.2f ms; their downline sizes "
                "after %.2f ms)\n",
                static_cast<long long>(bigCount), bigExpandMs, bigExpandWorstMs, bigSizesMs);
    std::printf("find by code                       %8.2f ms (%lld found)\n", byCode.first,
                static_cast<long long>(byCode.second));
    std::printf("find by email                      %8.2f ms (%lld found)\n", byEmail.first,
                static_cast<long long>(byEmail.second));
    std::printf("find by name prefix '%s'         %8.2f ms (%lld found)\n", qPrintable(namePrefix), byName.first,
                static_cast<long long>(byName.second));
    std::printf("reveal a member %d levels down      %8.2f ms (%s)\n", int(deepPath ? deepPath->size() : 0), revealMs,
                deepIndex.isValid() ? "shown" : "NOT shown");
    auto members = [](const char *what, const std::pair<double, qint64> &r) {
        std::printf("members page: %-22s %8.2f ms (of %lld)\n", what, r.first, static_cast<long long>(r.second));
    };
    members("by code", membersByCode);
    members("by name", membersByName);
    members("newest first", membersByJoined);
    members("suspended only", membersSuspended);
    members("code/name/email prefix", membersText);
    // Last, the whole window on this database: constructed, laid out and painted once; then its first rows and the
    // downline sizes the Network page asks for in the background, and the memory with all of it open.
    const double modelRss = bench::peakRssMb();
    QElapsedTimer w;
    w.start();
    double firstPaintMs = 0;
    double rowsPaintedMs = 0;
    double indexMs = 0;
    {
        auto windowOffice = makeOffice(); // new connections: nothing read yet
        MainWindow window(*windowOffice, d.url().displayString(),
                          overServer ? std::nullopt : std::optional<DatabaseUrl>(d.url()));
        window.resize(1200, 800);
        window.show();
        (void)window.grab(); // renders every visible widget, as the first paint does
        firstPaintMs = msSince(w);
        waitFor(window.networkView()->model(), &NetworkModel::rowsArrived); // the roots
        waitFor(window.networkView()->model(), &NetworkModel::rowsArrived); // the root opened: its first line
        (void)window.grab();
        rowsPaintedMs = msSince(w);
        windowOffice->waitForIdle();
        (void)window.grab();
        indexMs = msSince(w);
    }
    std::printf("main window: built and first painted %8.2f ms; the network's first line painted after %.1f ms; every "
                "page's first answer and the downline sizes in after %.0f ms\n",
                firstPaintMs, rowsPaintedMs, indexMs);
    std::printf("peak resident memory               %8.1f MB with the main window open (%.1f MB after the models, "
                "%.1f MB before)\n",
                bench::peakRssMb(), modelRss, startRss);
    return 0;
}
