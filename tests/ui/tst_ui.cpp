// The desktop program's first pieces, offscreen: sign-in and the first admin, the network tree per role, finding
// and revealing a member, moving one (cycles refused), what each role sees. Item models run under
// QAbstractItemModelTester. With MLM_SCREENSHOT_DIR set, the windows are also saved as PNG to look at.
#include "TestData.h"
#include "TestDatabase.h"
#include "UiSupport.h"

#include "AsyncOffice.h"
#include "BackgroundWork.h"
#include "InlineProgress.h"
#include "Labels.h"
#include "MainWindow.h"
#include "auth/ApiKeys.h"
#include "office/Session.h"
#include "catalog/Catalog.h"
#include "charts/DownlineCharts.h"
#include "compensation/CommissionReport.h"
#include "compensation/Plans.h"
#include "dataset/DemoCompany.h"
#include "dialogs/ContactDialog.h"
#include "dialogs/FirstAdminDialog.h"
#include "dialogs/OpenDatabaseDialog.h"
#include "dialogs/OrderEntryDialog.h"
#include "dialogs/ProductDialog.h"
#include "dialogs/SignInDialog.h"
#include "dialogs/StatementDialog.h"
#include "dialogs/StatusChangeDialog.h"
#include "dialogs/UserDialog.h"
#include "domain/Csv.h"
#include "genealogy/Members.h"
#include "models/CatalogModel.h"
#include "models/CommissionsModel.h"
#include "models/MembersModel.h"
#include "models/NetworkModel.h"
#include "models/OrdersModel.h"
#include "reports/CompanySummary.h"
#include "storage/Migrations.h"
#include "stores/Stores.h"
#include "views/AuditView.h"
#include "views/CatalogView.h"
#include "views/CommissionsView.h"
#include "views/CustomersView.h"
#include "views/DashboardView.h"
#include "views/LinksView.h"
#include "views/MembersView.h"
#include "views/NetworkView.h"
#include "views/OrdersView.h"
#include "views/PlanView.h"
#include "views/StoresView.h"
#include "views/UsersView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLineEdit>
#include <QMenu>
#include <QLineSeries>
#include <QListWidget>
#include <QPieSeries>
#include <QPieSlice>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QTreeView>
#include <QValueAxis>

using namespace mlm;
using namespace mlm::test;

namespace {

/// A user at the test's database: the AsyncOffice the window calls through (its own connections, on threads of its
/// own), and a Session of its own for the checks beside the window.
class Desk
{
public:
    Desk(Database &db, const User &user)
        : m_url(db.url()), m_session(db, user), m_office(AsyncOffice::local(db.url(), user))
    {
    }
    operator AsyncOffice &() { return *m_office; }
    Session *operator->() { return &m_session; }
    AsyncOffice &office() { return *m_office; }
    const DatabaseUrl &url() const { return m_url; }
    QString where() const { return m_url.displayString(); }
    /// Waits until every answer asked for so far was delivered.
    void settle() { test::settle(*m_office); }

private:
    DatabaseUrl m_url;
    Session m_session;
    std::unique_ptr<AsyncOffice> m_office;
};

} // namespace

class TestUi : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_t.reset(); }
    void signIn();
    void firstAdmin();
    void networkPerRole();
    void findRevealsMember();
    void moveRefusesCycles();
    void rolesSeeTheirActions();
    void demoCompany();
    void membersPagesSortsAndFilters();
    void statusChangeNeedsAReason();
    void referralLinksAndQrCodes();
    void customersPerStore();
    void enterAndRefundAnOrder();
    void distributorSeesItsOwnOrders();
    void ordersTableJumpsAnywhere();
    void importAndExportInTheBackground();
    void openDatabaseRemembersWithoutPasswords();
    void openingUpgradesInTheBackground();
    void columnLayoutsAreRemembered();
    void editContactData();
    void usersPage();
    void auditLogPage();
    void catalogPriceEditReachesNewOrders();
    void catalogPasteAndPriceListFiles();
    void storeScenarioChangesAttribution();
    void planPreviewThenSave();
    void commissionPreviewCloseAndStatement();
    void commissionRowsOfARunNoLongerKept();
    void distributorStatementsOnly();
    void dashboardChartsShowCoreNumbers();
    void distributorSeesOnlyItsOwnDashboard();
    void demoDashboards();
    void deepCodesAreShownWhole();
    void refreshReadsTheShownPageAgain();

private:
    User user(const QString &name, Role role, const QString &member = {})
    {
        auto added = Users(m_t->db()).add({name, QStringLiteral("password1"), role, member}, testActor());
        if (!added)
            qFatal("%s", qPrintable(added.error().message));
        return added.value();
    }
    /// The window shows "this month" by the clock: its demo is made today, as run-demo.sh makes it.
    static QDate today() { return QDateTime::currentDateTimeUtc().date(); }
    static void screenshot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("MLM_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }
    static QStringList codesUnder(NetworkModel &model, const QModelIndex &parent, Desk &desk)
    {
        desk.settle();
        if (model.canFetchMore(parent))
            model.fetchMore(parent);
        desk.settle();
        QStringList codes;
        for (int row = 0; row < model.rowCount(parent); ++row)
            codes << model.index(row, NetworkModel::CodeColumn, parent).data().toString();
        return codes;
    }
    std::unique_ptr<TestDatabase> m_t;
};

void TestUi::init()
{
    m_t = TestDatabase::create();
    QVERIFY(m_t);
    QVERIFY(loadSmallCompany(m_t->db()));
}

void TestUi::signIn()
{
    user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA"));
    SignInDialog dialog(m_t->db(), m_t->db().url().displayString());
    screenshot(&dialog, QStringLiteral("sign-in"));
    dialog.setUserName(QStringLiteral("anna"));
    dialog.setPassword(QStringLiteral("wrong password"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!dialog.errorText().isEmpty());
    dialog.setPassword(QStringLiteral("password1"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.user().role, Role::Distributor);
    QCOMPARE(dialog.user().memberCode, QStringLiteral("ANNA"));
}

void TestUi::firstAdmin()
{
    FirstAdminDialog dialog(m_t->db());
    screenshot(&dialog, QStringLiteral("first-admin"));
    dialog.fill(QStringLiteral("chief"), QStringLiteral("password1"), QStringLiteral("password2"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!dialog.errorText().isEmpty());
    dialog.fill(QStringLiteral("chief"), QStringLiteral("short"), QStringLiteral("short"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(Users(m_t->db()).count().value(), qint64(0));
    dialog.fill(QStringLiteral("chief"), QStringLiteral("password1"), QStringLiteral("password1"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.user().role, Role::Admin);
    QVERIFY(Users(m_t->db()).signIn(QStringLiteral("chief"), QStringLiteral("password1")));
}

void TestUi::networkPerRole()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    NetworkModel adminModel(admin);
    QAbstractItemModelTester adminTester(&adminModel, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(adminModel.rowCount(), 0); // until the roots come
    QVERIFY(adminModel.isLoading());
    QCOMPARE(codesUnder(adminModel, {}, admin), QStringList{QStringLiteral("ROOT")});
    const QModelIndex root = adminModel.index(0, 0);
    QCOMPARE(adminModel.index(0, NetworkModel::FrontlineColumn).data().toString(), QStringLiteral("2"));
    QCOMPARE(codesUnder(adminModel, root, admin), QStringList({QStringLiteral("ANNA"), QStringLiteral("EVE")}));
    QCOMPARE(adminModel.index(0, NetworkModel::LevelColumn, root).data().toInt(), 1);
    QCOMPARE(adminModel.index(0, NetworkModel::DownlineColumn).data().toString(), QStringLiteral("6"));
    QCOMPARE(adminModel.index(0, NetworkModel::DownlineColumn, root).data().toString(), QStringLiteral("3")); // ANNA

    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    NetworkModel annaModel(anna);
    QAbstractItemModelTester annaTester(&annaModel, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(codesUnder(annaModel, {}, anna), QStringList{QStringLiteral("ANNA")});
    const QModelIndex top = annaModel.index(0, 0);
    QCOMPARE(codesUnder(annaModel, top, anna), QStringList({QStringLiteral("BOB"), QStringLiteral("CARL")}));
    const QModelIndex carl = annaModel.index(1, 0, top);
    QCOMPARE(codesUnder(annaModel, carl, anna), QStringList{QStringLiteral("DORA")});
    QVERIFY(!annaModel.hasChildren(annaModel.index(0, 0, top))); // BOB recruited nobody
}

void TestUi::findRevealsMember()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    // A paid order this month shows as BOB's personal volume.
    QVERIFY(admin->enterOrder(QStringLiteral("BOB"), {{QStringLiteral("VITA-1"), 2, std::nullopt}}, OrderStatus::Paid));
    NetworkView view(admin);
    QSignalSpy sized(view.model(), &NetworkModel::sizesArrived);
    QVERIFY(sized.wait(20000)); // the downline sizes follow the rows
    QCOMPARE(view.model()->index(0, NetworkModel::DownlineColumn).data().toString(), QStringLiteral("6"));
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.resize(900, 500);
    QVERIFY(found(view, QStringLiteral("dora@example.com")));
    const QModelIndex current = view.tree()->currentIndex();
    QCOMPARE(current.data(NetworkModel::MemberCodeRole).toString(), QStringLiteral("DORA"));
    QCOMPARE(current.parent().data(NetworkModel::MemberCodeRole).toString(), QStringLiteral("CARL"));
    QVERIFY(view.tree()->isExpanded(current.parent()));
    screenshot(&view, QStringLiteral("network-admin"));
    QVERIFY(!found(view, QStringLiteral("nobody-here")));
    QVERIFY(found(view, QStringLiteral("BOB")));
    QCOMPARE(view.tree()->currentIndex().siblingAtColumn(NetworkModel::PvColumn).data().toString(),
             Labels::volume(2 * 2500));

    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    NetworkView annaView(anna);
    QVERIFY(!found(annaView, QStringLiteral("fred@example.com"))); // not in ANNA's downline
    QVERIFY(found(annaView, QStringLiteral("Dora")));
}

void TestUi::moveRefusesCycles()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    NetworkView view(admin);
    QVERIFY(found(view, QStringLiteral("ANNA")));
    const QString before = TestDatabase::fingerprint(m_t->db());
    const Status cycle = await<Status>([&](auto done) { view.moveSelectedTo(QStringLiteral("DORA"), done); });
    QVERIFY(!cycle);
    QVERIFY2(cycle.error().message.contains(QStringLiteral("cycle")), qPrintable(cycle.error().message));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
    QVERIFY(found(view, QStringLiteral("BOB")));
    QVERIFY(await<Status>([&](auto done) { view.moveSelectedTo(QStringLiteral("CARL"), done); }));
    QCOMPARE(Members(m_t->db()).byCode(QStringLiteral("BOB"))->sponsorCode, QStringLiteral("CARL"));
    QSignalSpy revealed(&view, &NetworkView::findFinished); // the moved member is shown where it is now
    QVERIFY(revealed.wait(20000));
    QCOMPARE(view.tree()->currentIndex().parent().data(NetworkModel::MemberCodeRole).toString(),
             QStringLiteral("CARL"));
}

void TestUi::rolesSeeTheirActions()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    MainWindow adminWindow(admin, admin.where(), admin.url());
    QVERIFY(adminWindow.networkView()->moveAction()->isVisible());
    QVERIFY(adminWindow.signedInText().contains(QStringLiteral("boss")));
    QVERIFY(found(*adminWindow.networkView(), QStringLiteral("DORA")));
    // Every action of the window has a name that tests and scripts find it by (not Qt's own: a menu's, a
    // clear button's).
    QStringList unnamed;
    for (QAction *action : adminWindow.findChildren<QAction *>()) {
        if (action->objectName().isEmpty() && !action->menu() && !action->isSeparator())
            unnamed << action->text();
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u',')));
    screenshot(&adminWindow, QStringLiteral("main-window-admin"));
    MainWindow supportWindow(support, support.where(), support.url());
    QVERIFY(!supportWindow.networkView()->moveAction()->isVisible());
    // Even with the action reached some other way, core refuses a support user's move.
    QVERIFY(found(*supportWindow.networkView(), QStringLiteral("BOB")));
    const Status refused =
        await<Status>([&](auto done) { supportWindow.networkView()->moveSelectedTo(QStringLiteral("CARL"), done); });
    QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
    MainWindow annaWindow(anna, anna.where(), anna.url());
    QVERIFY(!annaWindow.networkView()->moveAction()->isVisible());
    QVERIFY(annaWindow.signedInText().contains(QStringLiteral("ANNA")));
    annaWindow.resize(1000, 600);
    anna.settle();
    screenshot(&annaWindow, QStringLiteral("main-window-distributor"));
}

void TestUi::demoCompany()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(DemoCompany::create(t->db(), testActor(), today()));
    Users users(t->db());
    Desk admin(t->db(), users.signIn(QStringLiteral("admin"), QStringLiteral("admin-demo")).value());
    MainWindow adminWindow(admin, admin.where(), admin.url());
    adminWindow.resize(1100, 680);
    QVERIFY(found(*adminWindow.networkView(), QStringLiteral("M0000042")));
    admin.settle();
    QCOMPARE(adminWindow.networkView()->tree()->currentIndex().data(NetworkModel::MemberCodeRole).toString(),
             QStringLiteral("M0000042"));
    screenshot(&adminWindow, QStringLiteral("network-demo-admin"));

    Desk distributor(t->db(),
                        users.signIn(QStringLiteral("distributor"), QStringLiteral("distributor-demo")).value());
    MainWindow distributorWindow(distributor, distributor.where(), distributor.url());
    distributorWindow.resize(1100, 680);
    NetworkModel *model = distributorWindow.networkView()->model();
    distributor.settle();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 0).data(NetworkModel::MemberCodeRole).toString(),
             QString::fromLatin1(DemoCompany::kDistributorMember));
    distributorWindow.networkView()->tree()->expandToDepth(1);
    distributor.settle();
    screenshot(&distributorWindow, QStringLiteral("network-demo-distributor"));
}

void TestUi::membersPagesSortsAndFilters()
{
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    {
        // The structure under the model tester (one page holds all seven: the tester itself fetches more inside a
        // reset, which it then reports against the model).
        MembersModel tested(support);
        QAbstractItemModelTester tester(&tested, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(tested.rowCount(), 0); // until the first page comes
        support.settle();
        QCOMPARE(tested.rowCount(), 7);
        tested.sort(MembersModel::JoinedColumn, Qt::DescendingOrder);
        support.settle();
        QCOMPARE(tested.memberAt(0)->code, QStringLiteral("FRED"));
    }
    // Paging: three rows a page.
    MembersModel model(support);
    model.setPageSize(3);
    model.setFilter({});
    support.settle();
    QCOMPARE(model.totalCount(), qint64(7));
    QCOMPARE(model.rowCount(), 3);
    QStringList codes;
    while (model.canFetchMore({})) {
        model.fetchMore({});
        model.fetchMore({}); // asked again while the page is on its way: once is enough
        support.settle();
    }
    for (int row = 0; row < model.rowCount(); ++row)
        codes << model.memberAt(row)->code;
    QCOMPARE(codes,
             QStringList({QStringLiteral("ANNA"), QStringLiteral("BOB"), QStringLiteral("CARL"), QStringLiteral("DORA"),
                          QStringLiteral("EVE"), QStringLiteral("FRED"), QStringLiteral("ROOT")}));
    // Sorted in SQL, paged by key across ties and pages: names descending.
    model.sort(MembersModel::NameColumn, Qt::DescendingOrder);
    support.settle();
    while (model.canFetchMore({})) {
        model.fetchMore({});
        support.settle();
    }
    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(model.index(0, MembersModel::NameColumn).data().toString(), QStringLiteral("Fred Hill"));
    QCOMPARE(model.index(6, MembersModel::NameColumn).data().toString(), QStringLiteral("Anna Smith"));
    MemberFilter suspended;
    suspended.status = MemberStatus::Suspended;
    model.setFilter(suspended);
    support.settle();
    QCOMPARE(model.totalCount(), qint64(1));
    QCOMPARE(model.memberAt(0)->code, QStringLiteral("DORA"));
    MemberFilter text;
    text.text = QStringLiteral("car");
    model.setFilter(suspended); // answered after another filter came: dropped
    model.setFilter(text);
    support.settle();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.totalCount(), qint64(1));
    QCOMPARE(model.memberAt(0)->code, QStringLiteral("CARL"));
    // A distributor has no Members page, and core refuses the list anyway.
    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    MainWindow annaWindow(anna, anna.where(), anna.url());
    QVERIFY(!annaWindow.pageTitles().contains(QStringLiteral("Members")));
    QVERIFY(annaWindow.membersView() == nullptr);
    QCOMPARE(anna->membersPage({}, std::nullopt, 10).error().code, ErrorCode::PermissionDenied);
    MainWindow supportWindow(support, support.where(), support.url());
    QCOMPARE(supportWindow.pageTitles(),
             QStringList({QStringLiteral("Network"), QStringLiteral("Members"), QStringLiteral("Customers"),
                          QStringLiteral("Orders"), QStringLiteral("Referral links"), QStringLiteral("Performance"),
                          QStringLiteral("Commissions")}));
    QCOMPARE(annaWindow.pageTitles(),
             QStringList({QStringLiteral("Network"), QStringLiteral("Orders"), QStringLiteral("Referral links"),
                          QStringLiteral("Performance"), QStringLiteral("Commissions")}));
    Desk boss(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    MainWindow adminWindow(boss, boss.where(), boss.url());
    QCOMPARE(adminWindow.pageTitles().mid(5),
             QStringList({QStringLiteral("Performance"), QStringLiteral("Commissions"), QStringLiteral("Catalog"),
                          QStringLiteral("Stores"), QStringLiteral("Compensation plan"), QStringLiteral("Users"),
                          QStringLiteral("Audit log")}));
}

void TestUi::statusChangeNeedsAReason()
{
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    MembersView view(support);
    view.resize(1000, 500);
    support.settle();
    QVERIFY(view.select(QStringLiteral("BOB")));
    QVERIFY(view.changeStatusButton()->isEnabled());
    const Member bob = Members(m_t->db()).byCode(QStringLiteral("BOB")).value();
    StatusChangeDialog dialog(support, bob);
    // From customer: distributor or suspended; terminating is for admins.
    QCOMPARE(dialog.offered(), QList<MemberStatus>({MemberStatus::Distributor, MemberStatus::Suspended}));
    dialog.choose(MemberStatus::Distributor, QString());
    dialog.accept();
    QVERIFY(dialog.isSaving()); // the dialog waits for the answer, open
    support.settle();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.reasonError().contains(QStringLiteral("reason")));
    QCOMPARE(Members(m_t->db()).byCode(QStringLiteral("BOB"))->status, MemberStatus::Customer);
    screenshot(&dialog, QStringLiteral("status-change"));
    dialog.choose(MemberStatus::Distributor, QStringLiteral("reached the starter pack"));
    dialog.accept();
    support.settle();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(Members(m_t->db()).byCode(QStringLiteral("BOB"))->status, MemberStatus::Distributor);
    view.refresh();
    support.settle(); // BOB is selected again, and his history read
    QCOMPARE(view.model()->memberAt(view.table()->currentIndex().row())->code, QStringLiteral("BOB"));
    QVERIFY2(view.detailsText().contains(QStringLiteral("reached the starter pack")), qPrintable(view.detailsText()));
    QVERIFY(view.detailsText().contains(QStringLiteral("user:sam")));
    screenshot(&view, QStringLiteral("members"));
    // An admin may also terminate.
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    StatusChangeDialog adminDialog(admin, Members(m_t->db()).byCode(QStringLiteral("BOB")).value());
    QVERIFY(adminDialog.offered().contains(MemberStatus::Terminated));
}

void TestUi::referralLinksAndQrCodes()
{
    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    LinksView view(anna);
    view.resize(1000, 560);
    anna.settle();
    QCOMPARE(view.linkCount(), 2); // ANNA-SHOP, ANNA-MY
    const Status carls = await<Status>([&](auto done) { view.showMember(QStringLiteral("CARL"), done); });
    QCOMPARE(carls.error().code, ErrorCode::PermissionDenied); // its own links only
    QVERIFY(await<Status>([&](auto done) { view.createLink(QStringLiteral("shop"), QString(), done); }));
    QCOMPARE(view.linkCount(), 3);
    const QString url = view.selectedUrl();
    QVERIFY2(url.startsWith(QStringLiteral("https://shop.example.com/?ref=")), qPrintable(url));
    const QString generated = url.mid(url.indexOf(u'=') + 1);
    QCOMPARE(generated.size(), 8);
    QVERIFY(!await<Status>(
        [&](auto done) { view.createLink(QStringLiteral("shop"), QStringLiteral("anna-shop"), done); })); // taken
    QVERIFY(await<Status>([&](auto done) { view.createLink(QStringLiteral("my"), QStringLiteral("anna-vip"), done); }));
    QCOMPARE(view.selectedUrl(), QStringLiteral("https://anna-vip.my.example.com/"));
    screenshot(&view, QStringLiteral("referral-links"));

    // The QR code reads back as the URL (zbarimg, from Debian's zbar-tools, installed by the test command).
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("qr.png"));
    QVERIFY(!view.qrImage().isNull());
    QVERIFY(view.qrImage().save(png));
    QProcess zbar;
    zbar.start(QStringLiteral("zbarimg"), {QStringLiteral("--quiet"), QStringLiteral("--raw"), png});
    QVERIFY2(zbar.waitForFinished(30000), "zbarimg (Debian package zbar-tools) is needed to read QR codes");
    QCOMPARE(QString::fromUtf8(zbar.readAllStandardOutput()).trimmed(),
             QStringLiteral("https://anna-vip.my.example.com/"));

    view.copyUrl();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("https://anna-vip.my.example.com/"));

    QVERIFY(await<Status>([&](auto done) { view.deactivateSelected(done); }));
    Stores stores(m_t->db());
    QVERIFY(!stores.link(QStringLiteral("anna-vip"))->active);
    QVERIFY(!stores.resolveLink(QStringLiteral("anna-vip")).value());

    // Support manages anyone's links.
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    LinksView supportView(support);
    support.settle();
    QVERIFY(await<Status>([&](auto done) { supportView.showMember(QStringLiteral("CARL"), done); }));
    QVERIFY(await<Status>(
        [&](auto done) { supportView.createLink(QStringLiteral("my"), QStringLiteral("carl-shop"), done); }));
    QCOMPARE(stores.link(QStringLiteral("carl-shop"))->memberCode, QStringLiteral("CARL"));
}

void TestUi::customersPerStore()
{
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    CustomersView view(support);
    view.resize(900, 400);
    QSignalSpy messages(&view, &CustomersView::message);
    support.settle();
    view.show(QStringLiteral("my"), QString());
    support.settle();
    QCOMPARE(view.table()->rowCount(), 3); // old, yan, zoe
    view.show(QStringLiteral("outlet"), QString()); // answered after the next one was asked for: dropped
    view.show(QStringLiteral("my"), QStringLiteral("ZO"));
    support.settle();
    QCOMPARE(view.table()->rowCount(), 1);
    QCOMPARE(view.table()->item(0, 0)->text(), QStringLiteral("zoe@example.net"));
    QCOMPARE(view.table()->item(0, 2)->text(), QStringLiteral("ANNA")); // first-touch owner
    view.show(QStringLiteral("outlet"), QString());
    support.settle();
    QCOMPARE(view.table()->item(0, 2)->text(), QStringLiteral("nobody"));
    screenshot(&view, QStringLiteral("customers"));
    QVERIFY(messages.isEmpty());
    view.show(QStringLiteral("nope"), QString());
    support.settle();
    QCOMPARE(messages.size(), 1); // the unknown store, said in the status bar
    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    QCOMPARE(anna->customers(QStringLiteral("my"), {}, 10).error().code, ErrorCode::PermissionDenied);
}

void TestUi::enterAndRefundAnOrder()
{
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    OrderEntryDialog dialog(support);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // no member yet
    QVERIFY(!dialog.errorText().isEmpty());
    QVERIFY(!await<bool>([&](auto done) {
        QObject::connect(&dialog, &OrderEntryDialog::memberShown, &dialog, done, Qt::SingleShotConnection);
        dialog.setMember(QStringLiteral("EVE"));
    })); // terminated: may not buy
    QVERIFY(!dialog.errorText().isEmpty());
    QVERIFY(await<bool>([&](auto done) {
        QObject::connect(&dialog, &OrderEntryDialog::memberShown, &dialog, done, Qt::SingleShotConnection);
        dialog.setMember(QStringLiteral("bob"));
    }));
    dialog.setQuantity(QStringLiteral("VITA-1"), 2);
    dialog.setQuantity(QStringLiteral("TEA"), 1);
    QVERIFY2(dialog.totalText().contains(Labels::money(2 * 2700 + 1000)), qPrintable(dialog.totalText()));
    dialog.setPaid(true);
    screenshot(&dialog, QStringLiteral("order-entry"));
    dialog.accept();
    support.settle();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const QString id = dialog.order().externalId;
    auto stored = Orders(m_t->db()).find(QStringLiteral("-"), id);
    QVERIFY(stored);
    QCOMPARE(stored->creditedMemberCode, QStringLiteral("BOB"));
    QCOMPARE(stored->tier, QStringLiteral("customer"));
    QCOMPARE(stored->totalPrice, Money(2 * 2700 + 1000));
    QCOMPARE(stored->status, OrderStatus::Paid);
    QCOMPARE(stored->createdBy, QStringLiteral("user:sam"));

    OrdersView view(support);
    view.resize(1100, 500);
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    support.settle();
    QCOMPARE(view.model()->rowCount(), m_t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM orders"))->toInt());
    QCOMPARE(orderAt(*view.model(), 0, support)->externalId, id); // newest first
    QVERIFY(await<bool>([&](auto done) { view.select(stored->id, done); }));
    support.settle(); // its lines
    QVERIFY(view.refundButton()->isEnabled());
    QVERIFY(await<Status>([&](auto done) { view.setSelectedStatus(OrderStatus::Refunded, done); }));
    QCOMPARE(Orders(m_t->db()).find(QStringLiteral("-"), id)->status, OrderStatus::Refunded);
    support.settle();
    QVERIFY(view.detailsText().contains(Labels::orderStatus(OrderStatus::Refunded)));
    QVERIFY(!view.refundButton()->isEnabled());
    QVERIFY(!await<Status>([&](auto done) { view.setSelectedStatus(OrderStatus::Paid, done); })); // refunded is final
    // Every Created time whole in its column (a two-digit day was cut to "30 Aug 2026 ..."), in any month.
    const QFontMetrics metrics = view.table()->fontMetrics();
    QStringList times = Labels::dateTimeSamples();
    times << view.model()->index(0, OrdersModel::CreatedColumn).data().toString();
    for (const QString &text : std::as_const(times))
        QVERIFY2(metrics.horizontalAdvance(text) + 16 <= view.table()->columnWidth(OrdersModel::CreatedColumn),
                 qPrintable(text));
    screenshot(&view, QStringLiteral("orders"));
}

void TestUi::distributorSeesItsOwnOrders()
{
    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    OrdersView view(anna);
    anna.settle();
    const Id annaId = Members(m_t->db()).byCode(QStringLiteral("ANNA"))->id;
    const int own = m_t->db()
                        .scalar(QStringLiteral("SELECT COUNT(*) FROM orders WHERE buyer_member_id = ? OR "
                                               "credited_member_id = ?"),
                                {annaId, annaId})
                        ->toInt();
    QVERIFY(own > 0);
    QCOMPARE(view.model()->rowCount(), own);
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        const Order *o = orderAt(*view.model(), row, anna);
        QVERIFY(o->buyerMemberId == annaId || o->creditedMemberId == annaId);
    }
    QVERIFY(!view.newOrderButton()->isVisible() && view.newOrderButton()->isHidden());
    QVERIFY(view.refundButton()->isHidden());
    const Id otherOrder =
        m_t->db()
            .scalar(QStringLiteral("SELECT MIN(id) FROM orders WHERE COALESCE(buyer_member_id, 0) <> ? AND "
                                   "COALESCE(credited_member_id, 0) <> ?"),
                    {annaId, annaId})
            ->toLongLong();
    QCOMPARE(anna->order(otherOrder).error().code, ErrorCode::PermissionDenied);
    OrderFilter someoneElse;
    someoneElse.memberId = Members(m_t->db()).byCode(QStringLiteral("BOB"))->id;
    QCOMPARE(anna->ordersCount(someoneElse).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(anna->orderIdAt(someoneElse, 0, true, 0).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(anna->ordersCount({}).value(), qint64(own));
    QCOMPARE(anna->changeOrderStatus(orderAt(*view.model(), 0, anna)->id, OrderStatus::Refunded, nowUtc()).error().code,
             ErrorCode::PermissionDenied);
}

/// The ids of the orders `where` keeps, newest first: the rows the orders table must show.
static QList<Id> orderIdsNewestFirst(Database &db, const QString &where)
{
    QList<Id> ids;
    auto q = db.exec(QStringLiteral("SELECT id FROM orders WHERE %1 ORDER BY id DESC").arg(where));
    while (q && q->next())
        ids << q->value(0).toLongLong();
    return ids;
}

void TestUi::ordersTableJumpsAnywhere()
{
    // 7,000 more orders: 70 pages and more, more than the table keeps in memory.
    const Id bob = Members(m_t->db()).byCode(QStringLiteral("BOB"))->id;
    const Id tier =
        m_t->db().scalar(QStringLiteral("SELECT id FROM price_tiers WHERE code = 'customer'"))->toLongLong();
    QVERIFY(m_t->db().exec(
        QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 7000) "
                       "INSERT INTO orders (external_id, buyer_member_id, credited_member_id, tier_id, total_price, "
                       "total_pv, total_bv, status, created_at) SELECT 'BULK-' || i, ?, ?, ?, i, 0, 0, "
                       "CASE WHEN i % 3 = 0 THEN 'paid' ELSE 'pending' END, 1700000000 + i FROM n"),
        {bob, bob, tier}));
    const QList<Id> all = orderIdsNewestFirst(m_t->db(), QStringLiteral("1 = 1"));
    QVERIFY(all.size() > 7000);

    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    auto counting = std::make_unique<HeldLane>(support.office(), AsyncOffice::Lane::Scans);
    OrdersModel model(support);
    // The first page comes while the count is still on its way (held here, to see the table before it).
    QSignalSpy arrived(&model, &OrdersModel::pageArrived);
    QVERIFY(arrived.wait(20000));
    QCOMPARE(model.rowCount(), OrdersModel::kPageSize);
    QVERIFY(!model.isCounted());
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({}); // scrolling down before the count is there: the next page by key
    QVERIFY(!model.canFetchMore({})); // one page at a time
    QVERIFY(arrived.wait(20000));
    QCOMPARE(model.rowCount(), 2 * OrdersModel::kPageSize);
    QCOMPARE(model.orderAt(150)->id, all.at(150));
    QCOMPARE(model.index(250, 0).data().toString(), QString()); // no such row yet
    // (A tester runs fetchMore from its own modelReset handler and then takes the rows inserted for a reset still
    // going on: it watches one filter at a time.)
    auto tester =
        std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counted(&model, &OrdersModel::counted);
    counting.reset();
    QVERIFY(counted.wait(20000));
    QCOMPARE(model.rowCount(), all.size());
    QVERIFY(!model.canFetchMore({}));
    // A row whose page has not come says so, until it comes.
    QCOMPARE(model.index(all.size() - 1, OrdersModel::IdColumn).data().toString(), QStringLiteral("Loading..."));
    support.settle();

    // Jump to the end, the middle, back near the top, anywhere: every row holds the order of its place.
    const int last = int(all.size()) - 1;
    for (int row : {last, last / 2, 250, last - 100, last - 99, 4321, 99, 100, 0, last / 2 + 1, 6999})
        QCOMPARE(orderAt(model, row, support)->id, all.at(row));
    QCOMPARE(model.index(last, OrdersModel::IdColumn).data().toString(),
             Orders(m_t->db()).byId(all.at(last))->externalId);
    // A walk through the whole table from the end up keeps a bounded number of pages.
    for (int row = last; row >= 0; row -= 37)
        QCOMPARE(orderAt(model, row, support)->id, all.at(row));
    QVERIFY(model.pagesInMemory() > 0);
    QVERIFY(model.pagesInMemory() <= OrdersModel::kMaxPagesInMemory);
    QVERIFY(!model.orderAt(int(all.size())));

    // Filtered the same way.
    OrderFilter paid;
    paid.status = OrderStatus::Paid;
    const QList<Id> paidIds = orderIdsNewestFirst(m_t->db(), QStringLiteral("status = 'paid'"));
    tester.reset();
    model.setFilter({}); // the pages and count of this filter still running are dropped when another filter comes
    model.setFilter(paid);
    tester = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    support.settle();
    QCOMPARE(model.rowCount(), paidIds.size());
    for (int row : {int(paidIds.size()) - 1, 1000, 1, int(paidIds.size()) / 2})
        QCOMPARE(orderAt(model, row, support)->id, paidIds.at(row));
    QCOMPARE(await<int>([&](auto done) { model.locate(paidIds.at(1234), done); }), 1234);
    const Id pending = orderIdsNewestFirst(m_t->db(), QStringLiteral("status = 'pending'")).at(10);
    QCOMPARE(await<int>([&](auto done) { model.locate(pending, done); }), -1);

    // A status change shows in its row.
    auto changed = support->changeOrderStatus(paidIds.at(2), OrderStatus::Refunded, nowUtc());
    QVERIFY(changed);
    model.update(changed.value());
    QCOMPARE(model.index(2, OrdersModel::StatusColumn).data().toString(), Labels::orderStatus(OrderStatus::Refunded));

    // The Orders page keeps the selected order and its scroll while the count comes.
    counting = std::make_unique<HeldLane>(support.office(), AsyncOffice::Lane::Scans);
    OrdersView view(support);
    view.resize(1100, 500);
    // Scrolled down to two pages (the table may ask for the next one itself, as it fills the viewport).
    QTRY_VERIFY_WITH_TIMEOUT((view.model()->fetchMore({}), view.model()->rowCount() >= 2 * OrdersModel::kPageSize),
                             20000);
    view.table()->setCurrentIndex(view.model()->index(150, 0));
    view.table()->scrollTo(view.model()->index(150, 0), QAbstractItemView::PositionAtTop);
    const int scrolled = view.table()->verticalScrollBar()->value();
    QVERIFY(scrolled > 0);
    QVERIFY(!view.model()->isCounted());
    counting.reset();
    support.settle();
    QCOMPARE(view.model()->rowCount(), all.size());
    QCOMPARE(view.table()->currentIndex().row(), 150);
    QCOMPARE(view.table()->verticalScrollBar()->value(), scrolled);
    QVERIFY(view.detailsText().contains(Orders(m_t->db()).byId(all.at(150))->externalId));
}

void TestUi::importAndExportInTheBackground()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    MainWindow window(admin, admin.where(), admin.url());
    const QString file = QStringLiteral(MLM_TEST_DATA_DIR "/good-addition.json");
    // Cancelled at the first progress report: nothing is written.
    const QString before = TestDatabase::fingerprint(m_t->db());
    BackgroundWork::cancelAtFirstProgress(true);
    auto cancelled = window.importDataset(file);
    BackgroundWork::cancelAtFirstProgress(false);
    QVERIFY(!cancelled);
    QVERIFY2(cancelled.error().message.contains(QStringLiteral("cancelled; nothing was changed")),
             qPrintable(cancelled.error().message));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
    // Done: the new members are there, and the network shows the new root.
    auto imported = window.importDataset(file);
    QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
    QVERIFY(Members(m_t->db()).byCode(QStringLiteral("NEWKID")).ok());
    admin.settle();
    QCOMPARE(window.networkView()->model()->rowCount(), 2);
    // Export, and the file holds what was imported; a cancelled export leaves no file.
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.json"));
    BackgroundWork::cancelAtFirstProgress(true);
    QVERIFY(!window.exportDataset(out));
    BackgroundWork::cancelAtFirstProgress(false);
    QVERIFY(!QFile::exists(out));
    QVERIFY(window.exportDataset(out));
    QFile exported(out);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QVERIFY(exported.readAll().contains("\"NEWKID\""));
    // Only admins import: core refuses anyone else.
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    QCOMPARE(support->importDataset(file, {}).error().code, ErrorCode::PermissionDenied);
}

void TestUi::openingUpgradesInTheBackground()
{
    // A database an older program left at schema version 5, with a member in it.
    auto old = TestDatabase::create(false);
    QVERIFY(old);
    QVERIFY(Migrations::apply(old->db(), 5));
    QVERIFY(old->db().exec(QStringLiteral("INSERT INTO members (code, code_key, name, name_key, status, joined_at) "
                                          "VALUES ('OLD', 'old', 'Old', 'old', 'distributor', 0)")));
    // Cancelled at once: refused with the reason, and left whole at version 5.
    BackgroundWork::cancelAtFirstProgress(true);
    auto cancelled = OpenDatabaseDialog::open(old->url());
    BackgroundWork::cancelAtFirstProgress(false);
    QVERIFY(!cancelled);
    QVERIFY2(cancelled.error().message.contains(QStringLiteral("cancelled after 0 of")),
             qPrintable(cancelled.error().message));
    QCOMPARE(old->db().schemaVersion().value(), 5);
    // Opened: upgraded on the worker's connection, and this one sees the new schema and the old data.
    auto opened = OpenDatabaseDialog::open(old->url());
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
    QCOMPARE(opened.value()->schemaVersion().value(), Migrations::latestVersion());
    QCOMPARE(opened.value()->pendingMigrations().value(), 0);
    QVERIFY(Members(*opened.value()).byCode(QStringLiteral("OLD")).ok());
    // A new file gets its tables at once.
    QTemporaryDir dir;
    auto fresh = OpenDatabaseDialog::open(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("new.db")));
    QVERIFY(fresh);
    QCOMPARE(fresh.value()->schemaVersion().value(), Migrations::latestVersion());
    QVERIFY(!OpenDatabaseDialog::open(QStringLiteral("mysql://nowhere/db")));
}

void TestUi::openDatabaseRemembersWithoutPasswords()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings of this test, not the user's
    QSettings().clear();
    {
        OpenDatabaseDialog dialog;
        QVERIFY(dialog.recentFiles().isEmpty());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // nothing chosen
        QVERIFY(!dialog.errorText().isEmpty());
        QTemporaryDir dir;
        dialog.chooseFile(dir.filePath(QStringLiteral("new.db")));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.url(), QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("new.db")));
        OpenDatabaseDialog::remember(dialog.url());
        OpenDatabaseDialog::remember(QStringLiteral("sqlite:///tmp/other.db"));
        OpenDatabaseDialog::remember(dialog.url());
        QCOMPARE(OpenDatabaseDialog().recentFiles(),
                 QStringList({dir.filePath(QStringLiteral("new.db")), QStringLiteral("/tmp/other.db")}));
    }
    OpenDatabaseDialog server;
    server.choosePostgres(QStringLiteral("db.example.com"), 5433, QStringLiteral("office"), QStringLiteral("anna"),
                          QStringLiteral("s3cret!"));
    server.accept();
    QCOMPARE(server.result(), int(QDialog::Accepted));
    auto parsed = DatabaseUrl::parse(server.url());
    QVERIFY(parsed);
    QCOMPARE(parsed->host, QStringLiteral("db.example.com"));
    QCOMPARE(parsed->port, 5433);
    QCOMPARE(parsed->password, QStringLiteral("s3cret!"));
    OpenDatabaseDialog::remember(server.url());
    QVERIFY(OpenDatabaseDialog::lastUrl().startsWith(QStringLiteral("postgresql://anna@db.example.com:5433/office")));
    QSettings settings;
    for (const QString &key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains(QStringLiteral("s3cret")), qPrintable(key));
    screenshot(&server, QStringLiteral("open-database"));
    settings.clear();
}

void TestUi::columnLayoutsAreRemembered()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    {
        MainWindow window(admin, admin.where(), admin.url());
        admin.settle();
        auto *table = window.findChild<QTableView *>(QStringLiteral("membersTable"));
        QVERIFY(table);
        table->setColumnWidth(MembersModel::CodeColumn, 321);
        window.networkView()->tree()->setColumnWidth(NetworkModel::CodeColumn, 333);
        window.close();
    }
    MainWindow again(admin, admin.where(), admin.url());
    admin.settle();
    QCOMPARE(again.findChild<QTableView *>(QStringLiteral("membersTable"))->columnWidth(MembersModel::CodeColumn), 321);
    QCOMPARE(again.networkView()->tree()->columnWidth(NetworkModel::CodeColumn), 333);
    QSettings().clear();
}

void TestUi::editContactData()
{
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    MembersView view(support);
    support.settle();
    QVERIFY(view.select(QStringLiteral("BOB")));
    QVERIFY(!view.editContactButton()->isHidden()); // support edits contact data (SPEC 7)
    QVERIFY(view.editContactButton()->isEnabled());
    const Member bob = Members(m_t->db()).byCode(QStringLiteral("BOB")).value();
    const QString before = TestDatabase::fingerprint(m_t->db());
    ContactDialog dialog(support, bob);
    dialog.fill(QStringLiteral("Bob Jones"), QStringLiteral("not an email"), {}, {});
    dialog.accept();
    support.settle();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.errorText().contains(QStringLiteral("not an email")));
    dialog.fill(QStringLiteral("Bob Jones"), QStringLiteral("anna@example.com"), {}, {}); // ANNA's: taken
    dialog.accept();
    support.settle();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!dialog.errorText().isEmpty());
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
    dialog.fill(QStringLiteral("Robert Jones"), QStringLiteral("robert@example.com"), QStringLiteral("+1 555 0199"),
                QStringLiteral("US"));
    dialog.accept();
    support.settle();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const Member saved = Members(m_t->db()).byCode(QStringLiteral("BOB")).value();
    QCOMPARE(saved.name, QStringLiteral("Robert Jones"));
    QCOMPARE(saved.email, QStringLiteral("robert@example.com"));
    QCOMPARE(saved.phone, QStringLiteral("+1 555 0199"));
    // A distributor has no Members page; core refuses its contact edits anyway.
    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    QCOMPARE(anna->updateContact(QStringLiteral("BOB"), QStringLiteral("X"), {}, {}, {}).error().code,
             ErrorCode::PermissionDenied);
}

void TestUi::catalogPriceEditReachesNewOrders()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    CatalogView view(admin);
    view.resize(1100, 420);
    CatalogModel *model = view.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    admin.settle();
    QCOMPARE(model->rowCount(), 3);
    const int tea = model->rowOf(QStringLiteral("TEA"));
    const int customer = model->columnOf(QStringLiteral("customer"));
    const int distributor = model->columnOf(QStringLiteral("distributor"));
    QCOMPARE(distributor, customer + 1); // the two prices side by side
    // TEA has a retail price only: the customer and distributor cells show it, marked as the fallback.
    const QModelIndex cell = model->index(tea, customer);
    QCOMPARE(cell.data().toString(), Labels::money(1000));
    QVERIFY(!cell.data(CatalogModel::OwnPriceRole).toBool());
    QVERIFY(cell.data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("retail")));
    screenshot(&view, QStringLiteral("catalog"));

    // A bad amount is refused in place and named; then 9.10 is kept.
    QVERIFY(!model->setData(cell, QStringLiteral("nine")));
    QVERIFY(view.errorText().contains(QStringLiteral("'nine'")));
    QVERIFY(model->setData(model->index(tea, model->columnOf(QStringLiteral("retail"))), QString())); // sent ...
    admin.settle();
    QVERIFY(view.errorText().contains(QStringLiteral("retail"))); // ... and refused
    QCOMPARE(model->index(tea, model->columnOf(QStringLiteral("retail"))).data().toString(), Labels::money(1000));
    QVERIFY(model->setData(cell, QStringLiteral("9") + QLocale().decimalPoint() + QStringLiteral("10")));
    admin.settle();
    QCOMPARE(cell.data().toString(), Labels::money(910));
    QVERIFY(cell.data(CatalogModel::OwnPriceRole).toBool());
    QVERIFY(view.errorText().isEmpty());

    // The next order of a customer-status member pays it.
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    OrderEntryDialog order(support);
    order.setMember(QStringLiteral("BOB"));
    support.settle();
    order.setQuantity(QStringLiteral("TEA"), 2);
    QVERIFY2(order.totalText().contains(Labels::money(1820)), qPrintable(order.totalText()));
    order.setPaid(true);
    order.accept();
    support.settle();
    QCOMPARE(order.result(), int(QDialog::Accepted));
    auto stored = Orders(m_t->db()).find(QStringLiteral("-"), order.order().externalId);
    QVERIFY(stored);
    QCOMPARE(stored->totalPrice, Money(1820));
    QCOMPARE(stored->lines.first().unitPrice, Money(910));

    // Emptied again: back to retail for the orders after.
    QVERIFY(model->setData(cell, QString()));
    admin.settle();
    QCOMPARE(cell.data().toString(), Labels::money(1000));
    QVERIFY(!cell.data(CatalogModel::OwnPriceRole).toBool());
    AuditFilter prices;
    prices.actionPrefix = QStringLiteral("price.");
    QCOMPARE(admin->auditPage(prices, 0, 10)->size(), 2);

    // A product, then a tier; both show in the grid.
    ProductDialog add(admin, {}, QStringLiteral("USD"), &view);
    add.fill(QStringLiteral("SOAP"), QStringLiteral("Soap"), true, QStringLiteral("5"), QStringLiteral("4"),
             QStringLiteral("oops"));
    add.accept();
    admin.settle();
    QCOMPARE(add.result(), int(QDialog::Rejected));
    QVERIFY(add.errorText().contains(QStringLiteral("retail price")));
    add.fill(QStringLiteral("SOAP"), QStringLiteral("Soap"), true, QStringLiteral("5"), QStringLiteral("4"),
             QStringLiteral("6"));
    screenshot(&add, QStringLiteral("product-new"));
    add.accept();
    admin.settle();
    QCOMPARE(add.result(), int(QDialog::Accepted));
    TierDialog tier(admin, &view);
    tier.fill(QStringLiteral("Gold!"), QStringLiteral("Gold"));
    tier.accept();
    admin.settle();
    QVERIFY(!tier.errorText().isEmpty());
    tier.fill(QStringLiteral("gold"), QStringLiteral("Gold"));
    tier.accept();
    admin.settle();
    QCOMPARE(tier.result(), int(QDialog::Accepted));
    QVERIFY(await<Status>([&](auto done) { model->reload(done); }));
    QCOMPARE(model->rowCount(), 4);
    QVERIFY(model->columnOf(QStringLiteral("gold")) > 0);
    const QModelIndex soapGold =
        model->index(model->rowOf(QStringLiteral("SOAP")), model->columnOf(QStringLiteral("gold")));
    QCOMPARE(soapGold.data().toString(), Labels::money(600));
    QCOMPARE(Catalog(m_t->db()).product(QStringLiteral("SOAP"))->pv, 500);
}

void TestUi::catalogPasteAndPriceListFiles()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    CatalogView view(admin);
    CatalogModel *model = view.model();
    admin.settle();
    const int customer = model->columnOf(QStringLiteral("customer"));
    const QString point = QLocale().decimalPoint();
    // Products are in sku order: OLD, TEA, VITA-1. A block from TEA's customer price on.
    view.table()->setCurrentIndex(model->index(model->rowOf(QStringLiteral("TEA")), CatalogModel::Name));
    using Done = Result<QString>;
    QVERIFY(!await<Done>([&](auto done) { view.pasteText(QStringLiteral("1\n"), done); }).ok()); // not a price cell
    view.table()->setCurrentIndex(model->index(model->rowOf(QStringLiteral("TEA")), customer));
    auto bad =
        await<Done>([&](auto done) { view.pasteText(QStringLiteral("9") + point + QStringLiteral("50\t8\nx\t20\n"), done); });
    QVERIFY(!bad);
    QVERIFY2(view.errorText().contains(QStringLiteral("line 2")), qPrintable(view.errorText()));
    QVERIFY(!Catalog(m_t->db()).product(QStringLiteral("TEA"))->prices.contains(QStringLiteral("customer")));
    auto pasted =
        await<Done>([&](auto done) { view.pasteText(QStringLiteral("9") + point + QStringLiteral("50\t8\n\t20\n"), done); });
    QVERIFY2(pasted, why(pasted).constData());
    const Product tea = Catalog(m_t->db()).product(QStringLiteral("TEA")).value();
    QCOMPARE(tea.prices.value(QStringLiteral("customer")), 950);
    QCOMPARE(tea.prices.value(QStringLiteral("distributor")), 800);
    const Product vita = Catalog(m_t->db()).product(QStringLiteral("VITA-1")).value();
    QVERIFY(!vita.prices.contains(QStringLiteral("customer")));
    QCOMPARE(vita.prices.value(QStringLiteral("distributor")), 2000);
    QCOMPARE(model->index(model->rowOf(QStringLiteral("VITA-1")), customer).data().toString(), Labels::money(3000));

    // Out to CSV, edited by hand, back in; a bad file changes nothing and names its lines.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("prices.csv"));
    QVERIFY(await<Done>([&](auto done) { view.exportPriceList(path, done); }));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray csv = file.readAll();
    file.close();
    QVERIFY(csv.contains("TEA,Herbal tea,10.00,9.50,8.00,\n"));
    QFile bad1(dir.filePath(QStringLiteral("bad.csv")));
    QVERIFY(bad1.open(QIODevice::WriteOnly));
    bad1.write("sku,retail,customer\nTEA,11.00,1.2.3\nNOPE,1,1\n");
    bad1.close();
    QVERIFY(!await<Done>([&](auto done) { view.importPriceList(bad1.fileName(), done); }));
    QVERIFY(view.errorText().contains(QStringLiteral("line 2")));
    QVERIFY(view.errorText().contains(QStringLiteral("line 3")));
    QCOMPARE(Catalog(m_t->db()).product(QStringLiteral("TEA"))->prices.value(QStringLiteral("retail")), 1000);
    csv.replace("TEA,Herbal tea,10.00,9.50,8.00,", "TEA,Herbal tea,11.00,9.50,8.00,7.25");
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv);
    file.close();
    auto imported = await<Done>([&](auto done) { view.importPriceList(path, done); });
    QVERIFY2(imported, why(imported).constData());
    admin.settle(); // the grid read again
    QCOMPARE(Catalog(m_t->db()).product(QStringLiteral("TEA"))->prices.value(QStringLiteral("retail")), 1100);
    QCOMPARE(Catalog(m_t->db()).product(QStringLiteral("TEA"))->prices.value(QStringLiteral("vip")), 725);
    QCOMPARE(
        model->index(model->rowOf(QStringLiteral("TEA")), model->columnOf(QStringLiteral("vip"))).data().toString(),
        Labels::money(725));
    QVERIFY(!await<Done>([&](auto done) { view.importPriceList(dir.filePath(QStringLiteral("missing.csv")), done); }));
}

void TestUi::storeScenarioChangesAttribution()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    StoresView view(admin);
    view.resize(1100, 640);
    admin.settle();
    QCOMPARE(view.storesTable()->rowCount(), 3);
    QVERIFY(view.select(QStringLiteral("my")));
    admin.settle();
    QVERIFY(view.explanationText().contains(QStringLiteral("owned by the link's owner")));
    QCOMPARE(view.previewText(), QStringLiteral("https://K7M2Q9XD.my.example.com/"));
    screenshot(&view, QStringLiteral("stores"));

    // Zoe, Anna's storefront customer, buys: credited to Anna.
    Orders orders(m_t->db());
    auto order = [&](const QString &id) {
        return orders.submit({QStringLiteral("my"),
                              id,
                              {},
                              QStringLiteral("zoe@example.net"),
                              {{QStringLiteral("VITA-1"), 1, std::nullopt}},
                              OrderStatus::Paid,
                              {},
                              {}},
                             testActor());
    };
    auto before = order(QStringLiteral("Z-1"));
    QVERIFY2(before, why(before).constData());
    QCOMPARE(before->order.creditedMemberCode, QStringLiteral("ANNA"));

    // Bad input is named and nothing changes; then the store becomes a separate channel.
    view.fill(QStringLiteral("Storefronts"), QStringLiteral("not a url"), StoreScenario::SeparateChannel,
              QStringLiteral("https://{code}.my.example.com/"), {}, {});
    QVERIFY(view.explanationText().contains(QStringLiteral("belong to no one")));
    QVERIFY(!await<Status>([&](auto done) { view.save(done); }));
    QVERIFY(view.errorText().contains(QStringLiteral("base URL")));
    QCOMPARE(Stores(m_t->db()).store(QStringLiteral("my"))->scenario, StoreScenario::PersonalStorefront);
    view.fill(QStringLiteral("Storefronts"), QStringLiteral("https://my.example.com"), StoreScenario::SeparateChannel,
              QStringLiteral("https://my.example.com/?ref="), {}, {});
    QVERIFY(view.previewText().contains(QStringLiteral("{code}")));
    QVERIFY(!await<Status>([&](auto done) { view.save(done); }));
    view.fill(QStringLiteral("Storefronts"), QStringLiteral("https://my.example.com"), StoreScenario::SeparateChannel,
              QStringLiteral("https://my.example.com/?ref={code}"), {}, QStringLiteral("vip"));
    QCOMPARE(view.previewText(), QStringLiteral("https://my.example.com/?ref=K7M2Q9XD"));
    QVERIFY(await<Status>([&](auto done) { view.save(done); }));
    const Store changed = Stores(m_t->db()).store(QStringLiteral("my")).value();
    QCOMPARE(changed.scenario, StoreScenario::SeparateChannel);
    QCOMPARE(changed.pinnedTier, QStringLiteral("vip"));
    QCOMPARE(view.storesTable()->item(view.storesTable()->currentRow(), 2)->text(),
             Labels::storeScenario(StoreScenario::SeparateChannel));

    // The next order of the same buyer is credited to nobody; the one before keeps Anna.
    auto after = order(QStringLiteral("Z-2"));
    QVERIFY2(after, why(after).constData());
    QVERIFY(after->order.creditedMemberCode.isEmpty());
    QCOMPARE(orders.find(QStringLiteral("my"), QStringLiteral("Z-1"))->creditedMemberCode, QStringLiteral("ANNA"));
    AuditFilter edits;
    edits.actionPrefix = QStringLiteral("store.edit");
    QCOMPARE(admin->auditPage(edits, 0, 10)->size(), 1);

    // A key shown once, working until revoked.
    auto token = await<Result<QString>>([&](auto done) { view.createKey(QStringLiteral("shop server"), done); });
    QVERIFY2(token, why(token).constData());
    admin.settle();
    QCOMPARE(view.keysTable()->rowCount(), 1);
    QVERIFY(!view.keysTable()->item(0, 0)->text().contains(token->mid(13)));
    QVERIFY(ApiKeys(m_t->db()).authenticate(token.value()));
    view.keysTable()->setCurrentCell(0, 0);
    QVERIFY(await<Status>([&](auto done) { view.revokeSelectedKey(done); }));
    QCOMPARE(ApiKeys(m_t->db()).authenticate(token.value()).error().code, ErrorCode::Unauthenticated);
    QVERIFY(view.keysTable()->item(0, 3)->text().contains(QStringLiteral("revoked")));
    view.keysTable()->setCurrentCell(0, 0);
    QVERIFY(!await<Status>([&](auto done) { view.revokeSelectedKey(done); }));

    // A new store, with a default sponsor that must exist.
    view.startNewStore();
    view.setCode(QStringLiteral("eu"));
    view.fill(QStringLiteral("EU shop"), QStringLiteral("https://eu.example.com"), StoreScenario::DistributorChannel,
              QStringLiteral("https://eu.example.com/?ref={code}"), QStringLiteral("NOBODY"), {});
    QVERIFY(!await<Status>([&](auto done) { view.save(done); }));
    view.fill(QStringLiteral("EU shop"), QStringLiteral("https://eu.example.com"), StoreScenario::DistributorChannel,
              QStringLiteral("https://eu.example.com/?ref={code}"), QStringLiteral("ANNA"), {});
    QVERIFY(await<Status>([&](auto done) { view.save(done); }));
    QCOMPARE(view.storesTable()->rowCount(), 4);
    QCOMPARE(Stores(m_t->db()).store(QStringLiteral("eu"))->defaultSponsorCode, QStringLiteral("ANNA"));
}

void TestUi::planPreviewThenSave()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    PlanView view(admin);
    view.resize(1000, 640);
    admin.settle();
    const CompensationPlan stored = Plans::current(m_t->db()).value();
    QCOMPARE(view.formPlan().value(), stored);
    const QString point = QLocale().decimalPoint();
    view.levelsTable()->item(0, 0)->setText(QStringLiteral("150"));
    QVERIFY(!view.preview(Period{2026, 10}));
    QVERIFY2(view.errorText().contains(QStringLiteral("level 1")), qPrintable(view.errorText()));

    // Level 1 at 20 %, qualification at 0 PV: everybody qualifies, so levels pay.
    view.levelsTable()->item(0, 0)->setText(QStringLiteral("20") + point + QStringLiteral("00"));
    CompensationPlan edited = stored;
    edited.levelsBp[0] = 2000;
    edited.qualificationPv = 0;
    CompensationPlan form = view.formPlan().value();
    form.qualificationPv = 0;
    view.setFormPlan(form);
    QCOMPARE(view.formPlan().value(), edited);
    QVERIFY(view.preview(Period{2026, 10}));
    QVERIFY(view.progress()->isRunning());
    QVERIFY(!view.preview(Period{2026, 10})); // one at a time
    QVERIFY(view.progress()->waitUntilDone());
    QVERIFY(view.lastPreview().has_value());
    auto expected = CommissionRuns(m_t->db()).preview(Period{2026, 10}, {}, edited);
    QVERIFY(expected);
    QCOMPARE(view.lastPreview()->totals, RunTotals::of(expected.value()));
    QVERIFY(view.lastPreview()->id.isEmpty()); // a plan's preview keeps no members
    Money total = 0;
    for (const MemberCommission &m : expected->members)
        total += m.total;
    QVERIFY(total > 0);
    const QTableWidget *table = view.previewTable();
    QCOMPARE(table->item(table->rowCount() - 1, 2)->text(), Labels::money(total));
    QCOMPARE(Plans::current(m_t->db()).value(), stored); // a preview saves nothing
    screenshot(&view, QStringLiteral("plan"));

    AuditFilter saved;
    saved.actor = QStringLiteral("user:boss");
    QVERIFY(admin->auditPage(saved, 0, 10)->isEmpty());
    QVERIFY(await<Status>([&](auto done) { view.save(done); }));
    QCOMPARE(Plans::current(m_t->db()).value(), edited);
    auto entries = admin->auditPage(saved, 0, 10);
    QCOMPARE(entries->size(), 1);
    QCOMPARE(entries->first().action, QStringLiteral("plan.save"));
}

void TestUi::commissionRowsOfARunNoLongerKept()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    auto preview = admin->previewRun(Period{2026, 10});
    QVERIFY(preview);
    QVERIFY(preview->totals.members > 0);
    CommissionsModel model(admin);
    QSignalSpy refused(&model, &CommissionsModel::membersRefused);
    model.setRun(preview.value());
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("Loading..."));
    admin.settle();
    QCOMPARE(model.data(model.index(0, 0)).toString(), model.memberAt(0).code);
    QVERIFY(!model.memberAt(0).code.isEmpty());
    // The user's newer runs push it out of the store: a table opened on it now says so, once, and stays empty.
    for (int i = 0; i < RunStore::kPerUser; ++i)
        QVERIFY(admin->previewRun(Period{2026, 10}));
    model.setRun(preview.value());
    QCOMPARE(model.rowCount(), int(preview->totals.members));
    (void)model.data(model.index(0, 0)); // asks for the first block
    admin.settle();
    QVERIFY(model.data(model.index(0, 0)).isNull());
    QVERIFY(model.data(model.index(0, 1)).isNull());
    admin.settle();
    QCOMPARE(refused.size(), 1);
    QVERIFY2(refused.first().first().toString().contains(QStringLiteral("run it again")),
             qPrintable(refused.first().first().toString()));
}

void TestUi::commissionPreviewCloseAndStatement()
{
    CompensationPlan plan = Plans::current(m_t->db()).value();
    plan.qualificationPv = 0; // so that the small company's uplines earn levels
    QVERIFY(Plans::save(m_t->db(), plan, testActor()));
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    CommissionsView view(admin);
    view.resize(1100, 600);
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    admin.settle();
    const Period oct{2026, 10};
    QVERIFY(view.select(oct));
    QVERIFY(!view.selectedIsClosed());
    QVERIFY(view.previewButton()->isEnabled());
    QVERIFY(view.startPreview());
    QVERIFY(!view.previewButton()->isEnabled()); // while it runs; the rest of the window works
    QVERIFY(view.progress()->waitUntilDone());
    auto expected = CommissionRuns(m_t->db()).preview(oct);
    QVERIFY(expected);
    QCOMPARE(view.model()->rowCount(), int(expected->members.size()));
    (void)view.model()->memberAt(0);
    admin.settle();
    Money total = 0;
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        QCOMPARE(view.model()->memberAt(row).code, expected->members.at(row).code);
        QCOMPARE(view.model()->memberAt(row).total, expected->members.at(row).total);
        total += expected->members.at(row).total;
    }
    QVERIFY(total > 0);
    const QTableWidget *levels = view.levelsTable();
    QCOMPARE(levels->item(levels->rowCount() - 1, 3)->text(), Labels::money(total));
    QVERIFY(view.summaryText().contains(QStringLiteral("nothing is stored")));
    QVERIFY(!CommissionRuns(m_t->db()).isClosed(oct).value());
    screenshot(&view, QStringLiteral("commissions-preview"));

    // A payout file only for a closed period; then the close, after which the period is read-only.
    QTemporaryDir dir;
    QVERIFY(!view.startPayout(dir.filePath(QStringLiteral("early.csv"))));
    QVERIFY(view.errorText().contains(QStringLiteral("closed period only")));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("early.csv"))));
    QVERIFY(view.startClose());
    QVERIFY(!view.closeButton()->isEnabled()); // while it runs
    QVERIFY(view.progress()->waitUntilDone());
    admin.settle(); // the periods read again, the closed run with them
    QCOMPARE(view.errorText(), QString());
    QVERIFY(CommissionRuns(m_t->db()).isClosed(oct).value());
    QVERIFY(!view.startClose());
    QVERIFY(view.selectedIsClosed());
    QVERIFY(!view.closeButton()->isEnabled());
    QVERIFY(!view.previewButton()->isEnabled());
    QVERIFY(!view.startPreview());
    QCOMPARE(view.model()->rowCount(), int(expected->members.size()));
    QVERIFY(view.model()->run().closed);
    // Selected again later, the closed run is read in the background.
    QVERIFY(view.select(Period{2026, 9}));
    QCOMPARE(view.model()->rowCount(), 0);
    QVERIFY(view.select(oct));
    QVERIFY(view.progress()->isRunning() || view.model()->rowCount() > 0);
    QVERIFY(view.progress()->waitUntilDone());
    QVERIFY(view.model()->run().closed);
    QCOMPARE(view.model()->rowCount(), int(expected->members.size()));
    (void)view.model()->memberAt(0);
    admin.settle();
    QCOMPARE(view.model()->memberAt(0).code, expected->members.first().code);
    QVERIFY(view.periodsTable()->item(view.periodsTable()->currentRow(), 1)->text().contains(QStringLiteral("closed")));
    const QString payout = dir.filePath(QStringLiteral("payout.csv"));
    QVERIFY(view.startPayout(payout));
    QVERIFY(view.progress()->waitUntilDone());
    QCOMPARE(view.errorText(), QString());
    // Where it cannot be written: said in the page.
    QVERIFY(view.startPayout(dir.filePath(QStringLiteral("no/such/dir/payout.csv"))));
    QVERIFY(view.progress()->waitUntilDone());
    QVERIFY(!view.errorText().isEmpty());
    QFile payoutFile(payout);
    QVERIFY(payoutFile.open(QIODevice::ReadOnly));
    QCOMPARE(payoutFile.readAll(), CommissionReport::payoutCsv(CommissionRuns(m_t->db()).closedRun(oct).value()));

    // ANNA's statement: every line, and the lines add up to her total in the run.
    using Named = Result<std::pair<Statement, QString>>;
    auto named = await<Named>([&](auto done) { view.statement(QStringLiteral("ANNA"), done); });
    QVERIFY2(named, why(named).constData());
    QCOMPARE(named->second, QStringLiteral("Anna Smith"));
    const std::optional<Statement> statement = named->first;
    QVERIFY(statement->closed);
    Money annaTotal = 0;
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        if (view.model()->memberAt(row).code == QLatin1String("ANNA"))
            annaTotal = view.model()->memberAt(row).total;
    }
    QVERIFY(annaTotal > 0);
    QVERIFY(statement->lines.size() >= 2);
    Money sum = 0;
    for (const StatementLine &l : statement->lines)
        sum += l.amount;
    QCOMPARE(sum, annaTotal);
    QCOMPARE(statement->totals.total, annaTotal);
    StatementDialog dialog(statement.value(), QStringLiteral("Anna Smith"), &view);
    QCOMPARE(dialog.linesTable()->rowCount(), int(statement->lines.size()));
    Money shown = 0;
    for (int row = 0; row < dialog.linesTable()->rowCount(); ++row) {
        const StatementLine &l = statement->lines.at(row);
        QCOMPARE(dialog.linesTable()->item(row, 6)->text(), Labels::money(l.amount));
        shown += l.amount;
    }
    QCOMPARE(shown, annaTotal);
    screenshot(&dialog, QStringLiteral("statement"));
    const QString csvPath = dir.filePath(QStringLiteral("anna.csv"));
    QVERIFY(dialog.saveCsv(csvPath));
    QFile csvFile(csvPath);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QList<QStringList> records = csv::parse(QString::fromUtf8(csvFile.readAll()));
    QCOMPARE(records.last().last().toLongLong(), annaTotal);
    const QString pdfPath = dir.filePath(QStringLiteral("anna.pdf"));
    QVERIFY(dialog.savePdf(pdfPath));
    QProcess pdftotext;
    pdftotext.start(QStringLiteral("pdftotext"), {pdfPath, QStringLiteral("-")});
    QVERIFY2(pdftotext.waitForFinished(30000), "pdftotext (Debian package poppler-utils) reads the PDF back");
    const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput());
    QVERIFY2(text.contains(QStringLiteral("Commission statement")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Anna Smith")));
    QVERIFY(text.contains(Labels::money(annaTotal)));
    QVERIFY(!await<Named>([&](auto done) { view.statement(QStringLiteral("NOBODY"), done); }));
}

void TestUi::distributorStatementsOnly()
{
    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    CommissionsView view(anna);
    anna.settle();
    QVERIFY(view.previewButton()->isHidden());
    QVERIFY(!view.startPreview() || view.progress()->waitUntilDone());
    QVERIFY(view.select(Period{2026, 10}));
    using Named = Result<std::pair<Statement, QString>>;
    auto own = await<Named>([&](auto done) { view.statement(QStringLiteral("ANNA"), done); });
    QVERIFY2(own, why(own).constData());
    QCOMPARE(own->first.totals.code, QStringLiteral("ANNA"));
    QCOMPARE(await<Named>([&](auto done) { view.statement(QStringLiteral("CARL"), done); }).error().code,
             ErrorCode::PermissionDenied);
    QVERIFY(view.startClose());
    QVERIFY(view.progress()->waitUntilDone());
    QVERIFY2(!view.errorText().isEmpty(), "a distributor's close is refused in core");
    QVERIFY(!CommissionRuns(m_t->db()).isClosed(Period{2026, 10}).value());
}

namespace {

QList<double> valuesOf(const QBarSet *set)
{
    QList<double> values;
    for (int i = 0; i < set->count(); ++i)
        values << set->at(i);
    return values;
}

QString pdfText(const QString &path)
{
    QProcess pdftotext;
    pdftotext.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    if (!pdftotext.waitForFinished(30000))
        return {};
    return QString::fromUtf8(pdftotext.readAllStandardOutput());
}

} // namespace

void TestUi::dashboardChartsShowCoreNumbers()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    DashboardView view(admin);
    view.resize(1100, 1100);
    const Period oct{2026, 10};
    QVERIFY(view.showDashboard({}, oct));
    QVERIFY(view.progress()->waitUntilDone());
    QTRY_VERIFY(!view.isDrawing()); // the charts come one by one
    QVERIFY2(view.errorText().isEmpty(), qPrintable(view.errorText()));
    auto expected = DownlinePerformance::dashboard(m_t->db(), 0, oct);
    QVERIFY(expected);
    const QList<QChartView *> views = view.chartViews();
    QCOMPARE(views.size(), 5);
    for (QChartView *v : views) {
        QVERIFY(!v->chart()->title().isEmpty());
        QVERIFY(v->chart()->legend()->isVisible());
        for (QAbstractAxis *axis : v->chart()->axes())
            QVERIFY2(!axis->titleText().isEmpty(), qPrintable(v->chart()->title()));
    }

    // Volume: the company's volume per month, in points, month by month.
    QChart *volume = views.at(0)->chart();
    QCOMPARE(volume->series().size(), 1); // the company has no personal volume
    auto *line = qobject_cast<QLineSeries *>(volume->series().first());
    QVERIFY(line);
    QCOMPARE(line->count(), 12);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(line->at(i).y(), charts::points(expected->months.at(i).groupVolume));
    QCOMPARE(line->at(11).y(), 124.0);
    auto *months = qobject_cast<QBarCategoryAxis *>(volume->axes(Qt::Horizontal).first());
    QCOMPARE(months->categories().last(), charts::axisMonthLabel(oct));
    QVERIFY(months->titleText().contains(charts::monthLabel(oct)));
    QVERIFY(volume->legend()->isVisible());

    // New and active members per month.
    auto *bars = qobject_cast<QBarSeries *>(views.at(1)->chart()->series().first());
    QVERIFY(bars);
    QCOMPARE(bars->count(), 2);
    QList<double> recruits, active;
    for (const DownlineSummary &m : expected->months) {
        recruits << double(m.newRecruits);
        active << double(m.activeMembers);
    }
    QCOMPARE(valuesOf(bars->barSets().at(0)), recruits);
    QCOMPARE(valuesOf(bars->barSets().at(1)), active);
    // A bar says its value on hover.
    emit bars->barSets().at(0)->hovered(true, 2);
    QVERIFY2(QToolTip::text().contains(charts::monthLabel(expected->months.at(2).period)),
             qPrintable(QToolTip::text()));
    QVERIFY(QToolTip::text().endsWith(QLocale().toString(qint64(recruits.at(2)))));

    // Members per level, the top lines, the status mix.
    auto *levels = qobject_cast<QBarSeries *>(views.at(2)->chart()->series().first());
    QList<double> perLevel;
    for (qint64 n : expected->membersPerLevel)
        perLevel << double(n);
    QCOMPARE(valuesOf(levels->barSets().first()), perLevel);
    QCOMPARE(perLevel.mid(0, 4), (QList<double>{1, 2, 3, 1}));
    auto *legs = qobject_cast<QHorizontalBarSeries *>(views.at(3)->chart()->series().first());
    QVERIFY(legs);
    QCOMPARE(legs->barSets().first()->count(), int(expected->topLegs.size()));
    QCOMPARE(legs->barSets().first()->at(0), charts::points(expected->topLegs.last().groupVolume));
    auto *pie = qobject_cast<QPieSeries *>(views.at(4)->chart()->series().first());
    QVERIFY(pie);
    QCOMPARE(pie->count(), int(expected->statusMix.size()));
    for (int i = 0; i < pie->count(); ++i)
        QCOMPARE(pie->slices().at(i)->value(), double(expected->statusMix.at(i).second));
    screenshot(&view, QStringLiteral("dashboard-small-company"));
    emit pie->slices().at(1)->hovered(true);
    QVERIFY2(QToolTip::text().contains(QStringLiteral("4 of 7")), qPrintable(QToolTip::text()));
    QVERIFY(pie->slices().at(1)->isExploded());

    // A member picked by the admin: its personal volume is drawn too.
    QVERIFY(view.showDashboard(QStringLiteral("ANNA"), oct));
    QVERIFY(view.progress()->waitUntilDone());
    QTRY_VERIFY(!view.isDrawing()); // the charts come one by one
    QCOMPARE(view.dashboard()->memberCode, QStringLiteral("ANNA"));
    QChart *anna = view.chartViews().at(0)->chart();
    QCOMPARE(anna->series().size(), 2);
    QCOMPARE(qobject_cast<QLineSeries *>(anna->series().at(1))->at(11).y(), 25.0);
    auto *annaLegs = qobject_cast<QHorizontalBarSeries *>(view.chartViews().at(3)->chart()->series().first());
    QCOMPARE(
        qobject_cast<QBarCategoryAxis *>(view.chartViews().at(3)->chart()->axes(Qt::Vertical).first())->categories(),
        (QStringList{QStringLiteral("BOB Bob Jones"), QStringLiteral("CARL Carl Brown")}));
    QCOMPARE(valuesOf(annaLegs->barSets().first()), (QList<double>{49.0, 50.0}));
    // Her key numbers: October beside September (124.00 PV of group volume, up from nothing).
    QVERIFY2(view.figuresText().contains(Labels::volume(12400)), qPrintable(view.figuresText()));
    QVERIFY(view.figuresText().contains(QStringLiteral("+") + Labels::volume(12400)));

    // Exports: a chart as PNG, the dashboard as a PDF page.
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("volume.png"));
    QVERIFY(view.saveChartPng(0, png));
    QImage image(png);
    QCOMPARE(image.size(), view.chartViews().at(0)->size());
    const QString pdf = qEnvironmentVariableIsSet("MLM_SCREENSHOT_DIR")
                            ? QDir(qEnvironmentVariable("MLM_SCREENSHOT_DIR")).filePath(QStringLiteral("dashboard.pdf"))
                            : dir.filePath(QStringLiteral("dashboard.pdf"));
    QVERIFY(view.savePdf(pdf));
    QVERIFY(pdfText(pdf).contains(QStringLiteral("Anna Smith")));
    QVERIFY(!view.saveChartPng(7, png));
}

void TestUi::distributorSeesOnlyItsOwnDashboard()
{
    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    DashboardView view(anna);
    const Period oct{2026, 10};
    QVERIFY(view.showDashboard(QStringLiteral("CARL"), oct));
    QVERIFY(view.progress()->waitUntilDone());
    QTRY_VERIFY(!view.isDrawing()); // the charts come one by one
    QVERIFY2(view.errorText().contains(QStringLiteral("own downline")), qPrintable(view.errorText()));
    QVERIFY(!view.dashboard());
    QVERIFY(view.showDashboard({}, oct)); // the company's
    QVERIFY(view.progress()->waitUntilDone());
    QTRY_VERIFY(!view.isDrawing()); // the charts come one by one
    QVERIFY(!view.errorText().isEmpty());
    QVERIFY(!view.dashboard());
    QVERIFY(view.showDashboard(QStringLiteral("ANNA"), oct));
    QVERIFY(view.progress()->waitUntilDone());
    QTRY_VERIFY(!view.isDrawing()); // the charts come one by one
    QVERIFY(view.errorText().isEmpty());
    QCOMPARE(view.dashboard()->memberCode, QStringLiteral("ANNA"));
    // The page in her window starts on her own code, which she cannot change.
    MainWindow window(anna, anna.where(), anna.url());
    anna.settle();
    QVERIFY(window.pageTitles().contains(QStringLiteral("Performance")));
    auto *own = window.findChild<DashboardView *>();
    QVERIFY(own);
    const QList<QLineEdit *> fields = own->findChildren<QLineEdit *>();
    QVERIFY(std::any_of(fields.cbegin(), fields.cend(),
                        [](const QLineEdit *e) { return e->isReadOnly() && e->text() == QLatin1String("ANNA"); }));
}

void TestUi::demoDashboards()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(DemoCompany::create(t->db(), testActor(), today()));
    auto summary = CompanySummary::read(t->db());
    QVERIFY(summary && summary->lastPaid);
    const Period last = Period::containing(*summary->lastPaid);
    Users users(t->db());
    Desk admin(t->db(), users.signIn(QStringLiteral("admin"), QStringLiteral("admin-demo")).value());
    DashboardView company(admin);
    company.resize(1100, 1080);
    QVERIFY(company.showDashboard({}, last));
    QVERIFY(company.progress()->waitUntilDone());
    QTRY_VERIFY(!company.isDrawing()); // the charts come one by one
    QVERIFY2(company.errorText().isEmpty(), qPrintable(company.errorText()));
    QCOMPARE(company.dashboard()->months.last().downlineSize, summary->members);
    screenshot(&company, QStringLiteral("dashboard-company"));
    // Each leg is named whole beside its bar (Qt Charts had cut every code to "..." at this size).
    const auto legAxes = company.chartViews().at(3)->chart()->axes(Qt::Vertical);
    QCOMPARE(legAxes.size(), 1);
    QStringList expected;
    for (const DownlineLeg &leg : company.dashboard()->topLegs)
        expected.prepend(leg.code + u' ' + leg.name); // the biggest at the top, drawn last
    QVERIFY(!expected.isEmpty());
    QCOMPARE(qobject_cast<QBarCategoryAxis *>(legAxes.first())->categories(), expected);
    QVERIFY(!legAxes.first()->labelsTruncated());
    // A bar's or slice's value is its own tooltip: no tooltip of the whole chart covers it.
    for (QChartView *chart : company.chartViews())
        QVERIFY(chart->toolTip().isEmpty() && !chart->statusTip().isEmpty());
    {
        QChartView *legs = company.chartViews().at(3);
        company.show();
        QVERIFY(QTest::qWaitForWindowExposed(&company));
        auto *series = qobject_cast<QHorizontalBarSeries *>(legs->chart()->series().first());
        const qsizetype top = series->barSets().first()->count() - 1; // the biggest leg, drawn at the top
        const QPointF onBar = legs->chart()->mapToPosition(QPointF(series->barSets().first()->at(top) / 2, top), series);
        const QPoint at = legs->mapFromScene(legs->chart()->mapToScene(onBar));
        QTest::mouseMove(legs->viewport(), at);
        QTRY_VERIFY2(QToolTip::text().contains(company.dashboard()->topLegs.first().code), qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains(QStringLiteral("PV")));
        company.hide();
    }
    Desk distributor(t->db(),
                        users.signIn(QStringLiteral("distributor"), QStringLiteral("distributor-demo")).value());
    DashboardView own(distributor);
    own.resize(1100, 1080);
    QVERIFY(own.showDashboard(QString::fromLatin1(DemoCompany::kDistributorMember), last));
    QVERIFY(own.progress()->waitUntilDone());
    QTRY_VERIFY(!own.isDrawing()); // the charts come one by one
    QVERIFY2(own.errorText().isEmpty(), qPrintable(own.errorText()));
    screenshot(&own, QStringLiteral("dashboard-distributor"));
    CommissionsView runs(admin);
    runs.resize(1100, 600);
    admin.settle();
    QVERIFY(runs.select(last));
    QVERIFY(runs.startPreview());
    QVERIFY(runs.progress()->waitUntilDone());
    QVERIFY(runs.model()->rowCount() > 10);
    (void)runs.model()->memberAt(0);
    admin.settle();
    QVERIFY(!runs.model()->memberAt(0).code.isEmpty());
    screenshot(&runs, QStringLiteral("commissions-demo"));
    CatalogView catalog(admin);
    catalog.resize(1100, 500);
    StoresView stores(admin);
    stores.resize(1100, 640);
    PlanView plan(admin);
    plan.resize(1000, 640);
    admin.settle();
    screenshot(&catalog, QStringLiteral("catalog-demo"));
    screenshot(&stores, QStringLiteral("stores-demo"));
    screenshot(&plan, QStringLiteral("plan-demo"));
}

void TestUi::deepCodesAreShownWhole()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(DemoCompany::create(t->db(), testActor(), today()));
    // The deepest member of the demo's tree (ten levels).
    auto deepest = t->db().exec(QStringLiteral(
        "WITH RECURSIVE tree (id, code, depth) AS (SELECT id, code, 0 FROM members WHERE sponsor_id IS NULL "
        "UNION ALL SELECT m.id, m.code, tree.depth + 1 FROM members m JOIN tree ON m.sponsor_id = tree.id) "
        "SELECT code, depth FROM tree ORDER BY depth DESC, code LIMIT 1"));
    QVERIFY(deepest && deepest->next());
    const QString code = deepest->value(0).toString();
    QVERIFY2(deepest->value(1).toInt() >= 8, qPrintable(deepest->value(1).toString()));
    Desk admin(t->db(), Users(t->db()).signIn(QStringLiteral("admin"), QStringLiteral("admin-demo")).value());
    NetworkView view(admin);
    view.resize(1280, 700);
    admin.settle();
    const int before = view.tree()->header()->sectionSize(NetworkModel::CodeColumn);
    QVERIFY(found(view, code));
    const QModelIndex current = view.tree()->currentIndex();
    QCOMPARE(current.data(NetworkModel::MemberCodeRole).toString(), code);
    // Its cell holds the whole code beside the indentation of its level (the column was 170 px, and cut it).
    const int text = QFontMetrics(view.tree()->font()).horizontalAdvance(code);
    QVERIFY2(view.tree()->visualRect(current).width() >= text + 16,
             qPrintable(QStringLiteral("%1 px for %2 px").arg(view.tree()->visualRect(current).width()).arg(text)));
    QVERIFY(view.tree()->header()->sectionSize(NetworkModel::CodeColumn) > before);
    screenshot(&view, QStringLiteral("network-deep"));
}

void TestUi::refreshReadsTheShownPageAgain()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    MainWindow window(admin, admin.where(), admin.url());
    admin.settle();
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    navigation->setCurrentRow(int(window.pageTitles().indexOf(QStringLiteral("Catalog"))));
    auto *catalog = window.findChild<CatalogView *>();
    QVERIFY(catalog && catalog->isVisibleTo(&window));
    const QModelIndex tea = catalog->model()->index(catalog->model()->rowOf(QStringLiteral("TEA")),
                                                    catalog->model()->columnOf(QStringLiteral("retail")));
    QCOMPARE(tea.data().toString(), Labels::money(1000));
    // Someone else (the command line, another desktop) changes a price; Refresh shows it.
    QVERIFY(Catalog(m_t->db()).setPrice(QStringLiteral("TEA"), QStringLiteral("retail"), 1234, testActor()));
    auto *refresh = window.findChild<QAction *>(QStringLiteral("refresh"));
    QVERIFY(refresh);
    QCOMPARE(refresh->shortcut(), QKeySequence(QKeySequence::Refresh));
    refresh->trigger();
    admin.settle();
    QCOMPARE(catalog->model()
                 ->index(catalog->model()->rowOf(QStringLiteral("TEA")),
                         catalog->model()->columnOf(QStringLiteral("retail")))
                 .data()
                 .toString(),
             Labels::money(1234));
}

QTEST_MAIN(TestUi)
void TestUi::usersPage()
{
    const User boss = user(QStringLiteral("boss"), Role::Admin);
    Desk admin(m_t->db(), boss);
    UsersView view(admin);
    view.resize(900, 400);
    admin.settle();
    QCOMPARE(view.table()->rowCount(), 1);

    // A new distributor user: the dialog refuses what core refuses, under the form, and stays open.
    UserDialog add(admin, UserDialog::Change::NewUser);
    add.fill(QStringLiteral("anna"), QStringLiteral("short"), Role::Distributor, QStringLiteral("ANNA"));
    add.accept();
    admin.settle();
    QCOMPARE(add.result(), int(QDialog::Rejected));
    QVERIFY2(add.errorText().contains(QString::number(Users::kMinPassword)), qPrintable(add.errorText()));
    add.fill(QStringLiteral("anna"), QStringLiteral("password1"), Role::Distributor, QStringLiteral("NOBODY"));
    add.accept();
    admin.settle();
    QVERIFY(!add.errorText().isEmpty()); // no such member
    add.fill(QStringLiteral("anna"), QStringLiteral("password1"), Role::Distributor, QStringLiteral("ANNA"));
    screenshot(&add, QStringLiteral("user-new"));
    add.accept();
    admin.settle();
    QCOMPARE(add.result(), int(QDialog::Accepted));
    view.refresh();
    admin.settle();
    QCOMPARE(view.table()->rowCount(), 2);
    QVERIFY(Users(m_t->db()).signIn(QStringLiteral("anna"), QStringLiteral("password1")).ok());

    // Another password, then another role.
    auto anna = Users(m_t->db()).byName(QStringLiteral("anna"));
    UserDialog password(admin, UserDialog::Change::Password, anna.value());
    password.fill({}, QStringLiteral("new password 2"), Role::Distributor, {});
    password.accept();
    admin.settle();
    QCOMPARE(password.result(), int(QDialog::Accepted));
    QVERIFY(!Users(m_t->db()).signIn(QStringLiteral("anna"), QStringLiteral("password1")).ok());
    QVERIFY(Users(m_t->db()).signIn(QStringLiteral("anna"), QStringLiteral("new password 2")).ok());
    UserDialog role(admin, UserDialog::Change::Role, anna.value());
    role.fill({}, {}, Role::Support, {});
    role.accept();
    admin.settle();
    QCOMPARE(role.result(), int(QDialog::Accepted));
    QCOMPARE(Users(m_t->db()).byName(QStringLiteral("anna"))->role, Role::Support);

    // Disabled: no sign-in until enabled again. The admin cannot disable itself.
    view.refresh();
    admin.settle();
    QVERIFY(view.select(QStringLiteral("anna")));
    QVERIFY(await<Status>([&](auto done) { view.setSelectedActive(false, done); }));
    admin.settle();
    QVERIFY(!Users(m_t->db()).signIn(QStringLiteral("anna"), QStringLiteral("new password 2")).ok());
    QVERIFY(view.table()->item(view.table()->currentRow(), 3)->text() !=
            view.table()->item(1 - view.table()->currentRow(), 3)->text());
    screenshot(&view, QStringLiteral("users"));
    QVERIFY(await<Status>([&](auto done) { view.setSelectedActive(true, done); }));
    admin.settle();
    QVERIFY(Users(m_t->db()).signIn(QStringLiteral("anna"), QStringLiteral("new password 2")).ok());
    QVERIFY(view.select(QStringLiteral("boss")));
    QVERIFY(!await<Status>([&](auto done) { view.setSelectedActive(false, done); }));
    QVERIFY(Users(m_t->db()).byName(QStringLiteral("boss"))->active);

    // Core refuses users management to anyone but an admin.
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    QCOMPARE(support->users().error().code, ErrorCode::PermissionDenied);
    QCOMPARE(support->resetPassword(QStringLiteral("boss"), QStringLiteral("taken over")).error().code,
             ErrorCode::PermissionDenied);
    MainWindow supportWindow(support, support.where(), support.url());
    QVERIFY(!supportWindow.findChild<UsersView *>());
    QVERIFY(!supportWindow.findChild<AuditView *>());
}

void TestUi::auditLogPage()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    QVERIFY(admin->changeStatus(QStringLiteral("BOB"), MemberStatus::Suspended, QStringLiteral("chargeback")));
    QVERIFY(admin->changeStatus(QStringLiteral("BOB"), MemberStatus::Distributor, QStringLiteral("resolved")));
    AuditView view(admin);
    view.resize(1000, 400);
    admin.settle();
    const int all = m_t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log"))->toInt();
    QCOMPARE(view.table()->rowCount(), std::min(all, AuditView::kPage));
    QCOMPARE(view.table()->item(0, 2)->text(), QStringLiteral("member.status")); // newest first
    QCOMPARE(view.table()->item(0, 1)->text(), QStringLiteral("user:boss"));
    QVERIFY(view.table()->item(0, 4)->text().contains(QStringLiteral("resolved")));
    screenshot(&view, QStringLiteral("audit-log"));

    AuditFilter members;
    members.actionPrefix = QStringLiteral("member.status");
    view.show(members);
    admin.settle();
    const int statusChanges =
        m_t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'member.status'"))->toInt();
    QCOMPARE(view.table()->rowCount(), statusChanges);
    AuditFilter byBoss;
    byBoss.actor = QStringLiteral("USER:BOSS");
    view.show(byBoss);
    admin.settle();
    QCOMPARE(view.table()->rowCount(), 2); // the two status changes: the users were made by the test's actor
    AuditFilter later;
    later.from = nowUtc() + 86400;
    view.show(later);
    admin.settle();
    QCOMPARE(view.table()->rowCount(), 0);

    // 250 entries by one program: 200, then the rest on "Show more".
    for (int i = 0; i < 250; ++i)
        QVERIFY(AuditLog::record(m_t->db(), Actor{QStringLiteral("cli:bulk")}, QStringLiteral("price.set"),
                                 QStringLiteral("product"), i + 1));
    AuditFilter bulk;
    bulk.actor = QStringLiteral("cli:bulk");
    view.show(bulk);
    admin.settle();
    QCOMPARE(view.table()->rowCount(), AuditView::kPage);
    QCOMPARE(view.table()->item(0, 3)->text(), QStringLiteral("product #250"));
    view.showMore();
    admin.settle();
    QCOMPARE(view.table()->rowCount(), 250);
    QCOMPARE(view.table()->item(249, 3)->text(), QStringLiteral("product #1"));

    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    QCOMPARE(support->auditPage({}, 0, 10).error().code, ErrorCode::PermissionDenied);
}

#include "tst_ui.moc"
