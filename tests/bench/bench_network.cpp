// The network view's model on a 1M-member company (DESIGN.md: first paint <= 300 ms, expanding a node with 10k
// children <= 50 ms, finding a member <= 20 ms, <= 400 MB resident with the database open).
// Usage: bench_network [--members N] [--keep DIR]   (DIR may hold bench_commissions' company.db)
#include "BenchSupport.h"

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

using namespace mlm;

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
    Session session(d, User{1, QStringLiteral("bench"), Role::Admin, 0, {}, true, 0});

    QElapsedTimer t;
    t.start();
    NetworkModel model(session);
    const QModelIndex root = model.index(0, 0);
    const double firstRowsMs = double(t.nsecsElapsed()) / 1e6;
    t.restart();
    model.fetchMore(root);
    const double rootExpandMs = double(t.nsecsElapsed()) / 1e6;
    const int rootChildren = model.rowCount(root);

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
    const QModelIndex bigIndex = model.reveal(path.value());
    t.restart();
    model.fetchMore(bigIndex);
    const double bigExpandMs = double(t.nsecsElapsed()) / 1e6;

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
        auto found = session.search(text, 50);
        const double ms = double(s.nsecsElapsed()) / 1e6;
        return std::pair{ms, found ? found->size() : -1};
    };
    const auto byCode = timeSearch(code);
    const auto byEmail = timeSearch(email.isEmpty() ? code : email);
    const auto byName = timeSearch(namePrefix);
    t.restart();
    auto deepPath = session.pathTo(code);
    const QModelIndex deepIndex = deepPath ? model.reveal(deepPath.value()) : QModelIndex();
    const double revealMs = double(t.nsecsElapsed()) / 1e6;

    // The Members page: the first page of the whole list in each order, and a filtered one.
    auto timeMembers = [&](MemberFilter filter) {
        QElapsedTimer m;
        m.start();
        MembersModel members(session);
        members.setFilter(filter);
        return std::pair{double(m.nsecsElapsed()) / 1e6, members.totalCount()};
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

    std::printf("bench_network: %s\n", qPrintable(url));

    std::printf("first rows (roots)                 %8.2f ms\n", firstRowsMs);
    std::printf("expand the root (%d children)      %8.2f ms\n", rootChildren, rootExpandMs);
    std::printf("expand the largest first line (%lld) %8.2f ms\n", static_cast<long long>(bigCount), bigExpandMs);
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
    // Last, the whole window on this database: constructed, laid out and painted once; then the tree index the
    // Network page builds in the background, and the memory with all of it open.
    const double modelRss = bench::peakRssMb();
    QElapsedTimer w;
    w.start();
    double firstPaintMs = 0;
    double indexMs = 0;
    {
        MainWindow window(session);
        window.resize(1200, 800);
        window.show();
        (void)window.grab(); // renders every visible widget, as the first paint does
        firstPaintMs = double(w.nsecsElapsed()) / 1e6;
        QEventLoop wait;
        QObject::connect(window.networkView(), &NetworkView::treeIndexLoaded, &wait, &QEventLoop::quit);
        wait.exec();
        indexMs = double(w.nsecsElapsed()) / 1e6;
    }
    std::printf("main window: built and first painted %8.2f ms; downline sizes ready after %.0f ms\n", firstPaintMs,
                indexMs);
    std::printf("peak resident memory               %8.1f MB with the main window open (%.1f MB after the models, "
                "%.1f MB before)\n",
                bench::peakRssMb(), modelRss, startRss);
    return 0;
}
