// The window as a whole, offscreen: sign-in and the first admin, the network tree per role, finding and revealing a
// member, moving one (cycles refused), what each role sees, opening and upgrading a database, importing and
// exporting in the background, remembered column layouts, View > Refresh.
// Item models run under QAbstractItemModelTester. With MLM_SCREENSHOT_DIR set, the windows are also saved as PNG.
#include "UiTest.h"

using namespace mlm;
using namespace mlm::test;

class TestUiWindow : public QObject, public UiFixture
{
    Q_OBJECT

private slots:
    void init() { start(); }
    void cleanup() { stop(); }
    void signIn();
    void firstAdmin();
    void networkPerRole();
    void findRevealsMember();
    void moveRefusesCycles();
    void rolesSeeTheirActions();
    void demoCompany();
    void importAndExportInTheBackground();
    void openDatabaseRemembersWithoutPasswords();
    void openingUpgradesInTheBackground();
    void columnLayoutsAreRemembered();
    void deepCodesAreShownWhole();
    void refreshReadsTheShownPageAgain();
    void confirmationsNameTheActionAndDefaultToCancel();
    void dashboardKeepsTheWindowsSize();
};

void TestUiWindow::signIn()
{
    user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA"));
    SignInDialog dialog(m_t->db().url());
    screenshot(&dialog, QStringLiteral("sign-in"));
    QSignalSpy attempted(&dialog, &SignInDialog::attempted);
    dialog.setUserName(QStringLiteral("anna"));
    dialog.setPassword(QStringLiteral("wrong password"));
    dialog.accept();
    // The password's hash is worked out on a thread: the dialog waits with its buttons off, and says why it refused.
    QVERIFY(dialog.isWaiting());
    QVERIFY(!dialog.findChild<QDialogButtonBox *>()->isEnabled());
    QVERIFY(attempted.wait(30000));
    QCOMPARE(attempted.last().first().toBool(), false);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.findChild<QDialogButtonBox *>()->isEnabled());
    QVERIFY2(dialog.errorText().contains(QStringLiteral("password")), qPrintable(dialog.errorText()));
    dialog.setPassword(QStringLiteral("password1"));
    dialog.accept();
    QVERIFY(attempted.wait(30000));
    QCOMPARE(attempted.last().first().toBool(), true);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.user().role, Role::Distributor);
    QCOMPARE(dialog.user().memberCode, QStringLiteral("ANNA"));
}

void TestUiWindow::firstAdmin()
{
    FirstAdminDialog dialog(m_t->db().url());
    screenshot(&dialog, QStringLiteral("first-admin"));
    QSignalSpy attempted(&dialog, &FirstAdminDialog::attempted);
    dialog.fill(QStringLiteral("chief"), QStringLiteral("password1"), QStringLiteral("password2"));
    dialog.accept();
    QCOMPARE(attempted.count(), 1); // told at once: nothing to ask the database
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.errorText().contains(QStringLiteral("differ")));
    dialog.fill(QStringLiteral("chief"), QStringLiteral("short"), QStringLiteral("short"));
    dialog.accept();
    QVERIFY(attempted.wait(30000));
    QCOMPARE(attempted.last().first().toBool(), false);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!dialog.errorText().isEmpty());
    QCOMPARE(Users(m_t->db()).count().value(), qint64(0));
    dialog.fill(QStringLiteral("chief"), QStringLiteral("password1"), QStringLiteral("password1"));
    dialog.accept();
    QVERIFY(attempted.wait(30000));
    QCOMPARE(attempted.last().first().toBool(), true);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.user().role, Role::Admin);
    QVERIFY(Users(m_t->db()).signIn(QStringLiteral("chief"), QStringLiteral("password1")));
}

void TestUiWindow::networkPerRole()
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

void TestUiWindow::findRevealsMember()
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

void TestUiWindow::moveRefusesCycles()
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
    QSignalSpy revealed(&view, &NetworkView::findFinished); // the moved member is shown where it is now
    QVERIFY(await<Status>([&](auto done) { view.moveSelectedTo(QStringLiteral("CARL"), done); }));
    QCOMPARE(Members(m_t->db()).byCode(QStringLiteral("BOB"))->sponsorCode, QStringLiteral("CARL"));
    QVERIFY(!revealed.isEmpty() || revealed.wait(20000));
    QCOMPARE(view.tree()->currentIndex().parent().data(NetworkModel::MemberCodeRole).toString(),
             QStringLiteral("CARL"));
}

void TestUiWindow::rolesSeeTheirActions()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    MainWindow adminWindow(admin, admin.where(), admin.url());
    QVERIFY(adminWindow.networkView()->moveAction()->isVisible());
    QVERIFY(adminWindow.signedInText().contains(QStringLiteral("boss")));
    // Each page brings its own actions to the tool bar, and only while it is shown.
    const auto toolBarNames = [&adminWindow] {
        QStringList names;
        for (QAction *action : adminWindow.toolBarActions())
            names << action->objectName();
        return names;
    };
    QCOMPARE(toolBarNames(),
             (QStringList{QStringLiteral("findMember"), QStringLiteral("refresh"), QStringLiteral("moveMember")}));
    auto *navigation = adminWindow.findChild<QListWidget *>();
    QVERIFY(navigation);
    navigation->setCurrentRow(adminWindow.pageTitles().indexOf(QStringLiteral("Audit log")));
    QCOMPARE(toolBarNames(), (QStringList{QStringLiteral("findMember"), QStringLiteral("refresh")}));
    navigation->setCurrentRow(0);
    QCOMPARE(toolBarNames().last(), QStringLiteral("moveMember"));
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

void TestUiWindow::demoCompany()
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

void TestUiWindow::importAndExportInTheBackground()
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

void TestUiWindow::openDatabaseRemembersWithoutPasswords()
{
    ownSettings();
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

void TestUiWindow::openingUpgradesInTheBackground()
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
    // Opened: upgraded on a worker's connection; the schema is new and the old data there. No connection is kept.
    auto opened = OpenDatabaseDialog::open(old->url());
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
    QCOMPARE(opened->users, qint64(0));
    QCOMPARE(old->db().schemaVersion().value(), Migrations::latestVersion());
    QCOMPARE(old->db().pendingMigrations().value(), 0);
    QVERIFY(Members(old->db()).byCode(QStringLiteral("OLD")).ok());
    // A new file gets its tables at once; the users are counted.
    QTemporaryDir dir;
    const QString freshUrl = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("new.db"));
    auto fresh = OpenDatabaseDialog::open(freshUrl);
    QVERIFY(fresh);
    auto freshDb = Database::open(freshUrl);
    QVERIFY(freshDb);
    QCOMPARE(freshDb.value()->schemaVersion().value(), Migrations::latestVersion());
    QVERIFY(Users(*freshDb.value())
                .add({QStringLiteral("first"), QStringLiteral("password1"), Role::Admin, {}},
                     Actor{QStringLiteral("test")}));
    QCOMPARE(OpenDatabaseDialog::open(freshUrl)->users, qint64(1));
    const auto refused = OpenDatabaseDialog::open(QStringLiteral("mysql://nowhere/db"));
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("mysql")), qPrintable(refused.error().message));
}

void TestUiWindow::columnLayoutsAreRemembered()
{
    ownSettings();
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

void TestUiWindow::deepCodesAreShownWhole()
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

void TestUiWindow::refreshReadsTheShownPageAgain()
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

QTEST_MAIN(TestUiWindow)
void TestUiWindow::confirmationsNameTheActionAndDefaultToCancel()
{
    auto box = ask::confirmBox(nullptr, QStringLiteral("Refund order"), QStringLiteral("Refund order A-1 (10.00)?"),
                               QStringLiteral("Refund order"), QMessageBox::Warning);
    QAbstractButton *cancel = box->button(QMessageBox::Cancel);
    QVERIFY(cancel);
    QVERIFY(!box->button(QMessageBox::Yes));
    QCOMPARE(box->findChild<QPushButton *>(QStringLiteral("confirmAction"))->text(), QStringLiteral("Refund order"));
    QCOMPARE(box->defaultButton(), cancel);
    QCOMPARE(box->escapeButton(), cancel);
    screenshot(box.get(), QStringLiteral("confirm-refund"));
    // Enter, pressed without looking, keeps the order as it is.
    box->show();
    QVERIFY(QTest::qWaitForWindowExposed(box.get()));
    QTest::keyClick(box.get(), Qt::Key_Return);
    QCOMPARE(box->clickedButton(), cancel);
    // Answered ahead of time: Yes chooses the action, anything else does not.
    ask::setNextAnswer(QMessageBox::Yes);
    QVERIFY(ask::confirm(nullptr, QStringLiteral("Close period"), QStringLiteral("Close 2026-10?"),
                         QStringLiteral("Close period")));
    ask::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!ask::confirm(nullptr, QStringLiteral("Close period"), QStringLiteral("Close 2026-10?"),
                          QStringLiteral("Close period")));
}

void TestUiWindow::dashboardKeepsTheWindowsSize()
{
    // The demo company at 1280 x 800: the progress strip's text once widened the window (to 1285-1312 px) while
    // the dashboard was computed, and it stayed so.
    auto demo = UiFixture::demo();
    QVERIFY(demo);
    Desk &admin = *demo->admin;
    MainWindow window(admin, admin.where(), admin.url());
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    admin.settle();
    const QSize size = window.size();
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    navigation->setCurrentRow(int(window.pageTitles().indexOf(QStringLiteral("Performance"))));
    auto *dashboard = window.findChild<DashboardView *>();
    QVERIFY(dashboard && dashboard->isVisibleTo(&window));
    QVERIFY(dashboard->progress()->waitUntilDone());
    QTRY_VERIFY(!dashboard->isDrawing());
    QVERIFY2(dashboard->errorText().isEmpty(), qPrintable(dashboard->errorText()));
    QVERIFY(dashboard->dashboard().has_value());
    QTest::qWait(50); // laid out and painted
    screenshot(&window, QStringLiteral("dashboard-window-1280"));
    QCOMPARE(window.size(), size);
}

#include "tst_ui_window.moc"
