// The desktop program over a real mlm-server (TLS with the test's own CA, SQLite or PostgreSQL behind it), per
// role: a distributor sees only its downline and is refused elsewhere; support changes a status with a reason; an
// admin previews and closes a month, edits a price, creates a store key. Then what a network brings: a certificate
// nobody vouches for (the prompt, the trust, a changed certificate refused), the server stopped and started again
// (the banner, Try again), a session ended on the server (the password again, then the same page).
#include "TestData.h"
#include "TestDatabase.h"
#include "ServerProcess.h"
#include "TestTls.h"
#include "UiSupport.h"

#include "Ask.h"
#include "AsyncOffice.h"
#include "KnownServers.h"
#include "InlineProgress.h"
#include "Labels.h"
#include "MainWindow.h"
#include "auth/ApiKeys.h"
#include "auth/Users.h"
#include "catalog/Catalog.h"
#include "compensation/CommissionRuns.h"
#include "compensation/Plans.h"
#include "dialogs/OpenDatabaseDialog.h"
#include "dialogs/ServerSignInDialog.h"
#include "dialogs/StatusChangeDialog.h"
#include "genealogy/Members.h"
#include "models/CatalogModel.h"
#include "models/CommissionsModel.h"
#include "models/MembersModel.h"
#include "models/NetworkModel.h"
#include "office/RemoteOffice.h"
#include "storage/AuditLog.h"
#include "views/CatalogView.h"
#include "views/CommissionsView.h"
#include "views/LinksView.h"
#include "views/MembersView.h"
#include "views/NetworkView.h"
#include "views/OrdersView.h"
#include "views/StoresView.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QSslCertificate>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>

using namespace mlm;
using namespace mlm::test;

namespace {
const QString kPassword = QStringLiteral("password1");
} // namespace

class TestUiServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void distributorSeesOnlyItsDownline();
    void supportChangesAStatusWithAReason();
    void adminClosesAMonthEditsAPriceMakesAKey();
    void datasetsStayAtTheDatabase();
    void unknownCertificateIsAskedAbout();
    void connectionLostAndBack();
    void endedSessionAsksForThePassword();

private:
    ServerAddress address() const
    {
        return ServerAddress::parse(QStringLiteral("https://127.0.0.1:%1").arg(m_server->port()), m_tls.caFile())
            .value();
    }
    /// The window's office for `name`, signed in to the server.
    std::unique_ptr<AsyncOffice> signIn(const QString &name)
    {
        auto remote = RemoteOffice::signIn(address(), name, kPassword);
        if (!remote)
            qFatal("%s", qPrintable(remote.error().message));
        m_signedIn.push_back(std::shared_ptr<RemoteOffice>(std::move(remote.value())));
        return AsyncOffice::remote(m_signedIn.back());
    }
    static void screenshot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("MLM_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }

    TestTls m_tls;
    std::unique_ptr<TestDatabase> m_t;
    std::unique_ptr<ServerProcess> m_server;
    std::vector<std::shared_ptr<RemoteOffice>> m_signedIn;
};

void TestUiServer::initTestCase()
{
    QString error;
    QVERIFY2(m_tls.make(&error), qPrintable(error));
    ownSettings();
}

void TestUiServer::init()
{
    QSettings().clear();
    ask::reset();
    m_t = TestDatabase::create();
    QVERIFY(m_t);
    QVERIFY(loadSmallCompany(m_t->db()));
    Users users(m_t->db());
    QVERIFY(users.add({QStringLiteral("boss"), kPassword, Role::Admin, {}}, testActor()));
    QVERIFY(users.add({QStringLiteral("sam"), kPassword, Role::Support, {}}, testActor()));
    QVERIFY(users.add({QStringLiteral("anna"), kPassword, Role::Distributor, QStringLiteral("ANNA")}, testActor()));
    QString error;
    m_server = ServerProcess::start(m_t->url(), m_tls.serverArguments(), &error);
    QVERIFY2(m_server, qPrintable(error));
}

void TestUiServer::cleanup()
{
    m_signedIn.clear();
    m_server.reset();
    m_t.reset();
    ask::reset();
}

void TestUiServer::distributorSeesOnlyItsDownline()
{
    auto office = signIn(QStringLiteral("anna"));
    QVERIFY(office->isRemote());
    auto held = std::make_unique<HeldLane>(*office, AsyncOffice::Lane::Pages); // the answers wait: a page loading
    MainWindow window(*office, address().url.toString());
    window.resize(1100, 680);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.networkView()->model()->rowCount(), 0);
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("busy"))->isVisible());
    screenshot(&window, QStringLiteral("server-loading"));
    held.reset();
    settle(*office);
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("busy"))->isVisible());
    QCOMPARE(window.pageTitles(),
             QStringList({QStringLiteral("Network"), QStringLiteral("Orders"), QStringLiteral("Referral links"),
                          QStringLiteral("Performance"), QStringLiteral("Commissions")}));
    QVERIFY(window.signedInText().contains(QStringLiteral("https://127.0.0.1")));
    NetworkView *network = window.networkView();
    QCOMPARE(network->model()->rowCount(), 1);
    QCOMPARE(network->model()->index(0, 0).data(NetworkModel::MemberCodeRole).toString(), QStringLiteral("ANNA"));
    QVERIFY(found(*network, QStringLiteral("Dora")));
    QCOMPARE(network->tree()->currentIndex().parent().data(NetworkModel::MemberCodeRole).toString(),
             QStringLiteral("CARL"));
    screenshot(&window, QStringLiteral("server-distributor"));
    QVERIFY(!found(*network, QStringLiteral("fred@example.com"))); // not in her downline, whatever she types

    // Whatever she clicks, the server says no outside her downline.
    LinksView *links = window.linksView();
    QVERIFY(links);
    const Status carls = await<Status>([&](auto done) { links->showMember(QStringLiteral("CARL"), done); });
    QCOMPARE(carls.error().code, ErrorCode::PermissionDenied);
    auto *commissions = window.findChild<CommissionsView *>();
    QVERIFY(commissions && commissions->select(Period{2026, 10}));
    using Named = Result<std::pair<Statement, QString>>;
    QCOMPARE(await<Named>([&](auto done) { commissions->statement(QStringLiteral("CARL"), done); }).error().code,
             ErrorCode::PermissionDenied);
    QVERIFY(await<Named>([&](auto done) { commissions->statement(QStringLiteral("ANNA"), done); }));
    QVERIFY(commissions->startClose()); // no button for it; reached anyway, core on the server refuses it
    QVERIFY(commissions->progress()->waitUntilDone());
    QVERIFY(!commissions->errorText().isEmpty());
    QVERIFY(!CommissionRuns(m_t->db()).isClosed(Period{2026, 10}).value());
    OrdersView *orders = window.ordersView();
    const Id annaId = Members(m_t->db()).byCode(QStringLiteral("ANNA"))->id;
    QVERIFY(orders->model()->rowCount() > 0);
    for (int row = 0; row < orders->model()->rowCount(); ++row) {
        const Order *o = orderAt(*orders->model(), row, *office);
        QVERIFY(o->buyerMemberId == annaId || o->creditedMemberId == annaId);
    }
}

void TestUiServer::supportChangesAStatusWithAReason()
{
    auto office = signIn(QStringLiteral("sam"));
    MembersView view(*office);
    view.resize(1000, 500);
    settle(*office);
    QCOMPARE(view.model()->totalCount(), qint64(7));
    QVERIFY(view.select(QStringLiteral("BOB")));
    StatusChangeDialog dialog(*office, Members(m_t->db()).byCode(QStringLiteral("BOB")).value());
    QVERIFY(!dialog.offered().contains(MemberStatus::Terminated)); // an admin's
    dialog.choose(MemberStatus::Distributor, QString());
    dialog.accept();
    settle(*office);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.reasonError().contains(QStringLiteral("reason")));
    dialog.choose(MemberStatus::Distributor, QStringLiteral("reached the starter pack"));
    dialog.accept();
    settle(*office);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(Members(m_t->db()).byCode(QStringLiteral("BOB"))->status, MemberStatus::Distributor);
    view.refresh();
    settle(*office);
    QVERIFY2(view.detailsText().contains(QStringLiteral("reached the starter pack")), qPrintable(view.detailsText()));
    QVERIFY(view.detailsText().contains(QStringLiteral("user:sam")));
}

void TestUiServer::adminClosesAMonthEditsAPriceMakesAKey()
{
    CompensationPlan plan = Plans::current(m_t->db()).value();
    plan.qualificationPv = 0; // so that the small company's uplines earn levels
    QVERIFY(Plans::save(m_t->db(), plan, testActor()));
    auto office = signIn(QStringLiteral("boss"));

    // A preview, then the close through its button, confirmed (the question answered ahead of time).
    CommissionsView commissions(*office);
    commissions.resize(1100, 600);
    settle(*office);
    const Period oct{2026, 10};
    QVERIFY(commissions.select(oct));
    commissions.previewButton()->click();
    QVERIFY(commissions.progress()->waitUntilDone());
    auto expected = CommissionRuns(m_t->db()).preview(oct);
    QVERIFY(expected);
    QCOMPARE(commissions.model()->rowCount(), int(expected->members.size()));
    (void)commissions.model()->memberAt(0);
    settle(*office);
    for (int row = 0; row < commissions.model()->rowCount(); ++row)
        QCOMPARE(commissions.model()->memberAt(row).total, expected->members.at(row).total);
    ask::setNextAnswer(QMessageBox::Cancel);
    commissions.closeButton()->click();
    QVERIFY(!commissions.progress()->isRunning()); // not confirmed: nothing runs
    QVERIFY(!CommissionRuns(m_t->db()).isClosed(oct).value());
    ask::setNextAnswer(QMessageBox::Yes);
    commissions.closeButton()->click();
    QVERIFY(ask::said().last().contains(Labels::month(oct)));
    QVERIFY(commissions.progress()->waitUntilDone());
    settle(*office);
    QCOMPARE(commissions.errorText(), QString());
    QVERIFY(CommissionRuns(m_t->db()).isClosed(oct).value());
    QVERIFY(commissions.selectedIsClosed());

    // A price edited in the grid reaches the catalog.
    CatalogView catalog(*office);
    settle(*office);
    CatalogModel *model = catalog.model();
    const QModelIndex tea = model->index(model->rowOf(QStringLiteral("TEA")), model->columnOf(QStringLiteral("customer")));
    QVERIFY(model->setData(tea, QStringLiteral("9") + QLocale().decimalPoint() + QStringLiteral("10")));
    settle(*office);
    QCOMPARE(Catalog(m_t->db()).product(QStringLiteral("TEA"))->prices.value(QStringLiteral("customer")), 910);
    QCOMPARE(tea.data().toString(), Labels::money(910));

    // A store key, shown once, and it works at the store API.
    StoresView stores(*office);
    settle(*office);
    QVERIFY(stores.select(QStringLiteral("shop")));
    settle(*office);
    auto token = await<Result<QString>>([&](auto done) { stores.createKey(QStringLiteral("shop server"), done); });
    QVERIFY2(token, token ? "" : qPrintable(token.error().message));
    settle(*office);
    QCOMPARE(stores.keysTable()->rowCount(), 1);
    QVERIFY(ApiKeys(m_t->db()).authenticate(token.value()));
    AuditFilter byBoss;
    byBoss.actor = QStringLiteral("user:boss");
    auto entries = AuditLog::page(m_t->db(), byBoss, 0, 20);
    QVERIFY(entries);
    QStringList actions;
    for (const AuditEntry &e : entries.value())
        actions << e.action;
    QVERIFY2(actions.contains(QStringLiteral("commissions.close")), qPrintable(actions.join(u',')));
    QVERIFY(actions.contains(QStringLiteral("api_key.create")));
}

void TestUiServer::datasetsStayAtTheDatabase()
{
    auto office = signIn(QStringLiteral("boss"));
    MainWindow window(*office, address().url.toString());
    settle(*office);
    auto *import = window.findChild<QAction *>(QStringLiteral("importDataset"));
    auto *exportAction = window.findChild<QAction *>(QStringLiteral("exportDataset"));
    QVERIFY(import && exportAction);
    QVERIFY(!import->isEnabled() && !exportAction->isEnabled());
    QVERIFY(import->toolTip().contains(QStringLiteral("database itself")));
    QCOMPARE(window.importDataset(QStringLiteral(MLM_TEST_DATA_DIR "/good-addition.json")).error().code,
             ErrorCode::FailedPrecondition);
}

void TestUiServer::unknownCertificateIsAskedAbout()
{
    // No CA file: the system's CAs do not know the test's CA.
    const QString url = QStringLiteral("https://127.0.0.1:%1").arg(m_server->port());
    OpenDatabaseDialog open;
    open.chooseServer(url, QStringLiteral("anna"));
    open.accept();
    QCOMPARE(open.result(), int(QDialog::Accepted));
    QVERIFY(open.server());
    QVERIFY(open.url().isEmpty());
    screenshot(&open, QStringLiteral("open-server"));
    {
        ServerSignInDialog dialog(*open.server());
        dialog.setPassword(kPassword);
        screenshot(&dialog, QStringLiteral("server-sign-in"));
        ask::setNextAnswer(QMessageBox::Cancel); // not trusted
        QSignalSpy attempted(&dialog, &ServerSignInDialog::attempted);
        dialog.accept();
        QVERIFY(attempted.wait(30000));
        QCOMPARE(attempted.first().first().toBool(), false);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        const QString prompt = ask::said().last();
        QVERIFY2(prompt.contains(QStringLiteral("SHA-256 fingerprint")), qPrintable(prompt));
        {
            // The box the person sees, to look at.
            const qsizetype colon = prompt.indexOf(QStringLiteral(": "));
            QMessageBox box(QMessageBox::Question, prompt.left(colon), prompt.mid(colon + 2),
                            QMessageBox::Yes | QMessageBox::Cancel);
            screenshot(&box, QStringLiteral("certificate-prompt"));
        }
        QVERIFY(dialog.errorText().contains(QStringLiteral("not trusted")));
        QVERIFY(knownServers::of(QUrl(url)).pinnedFingerprint.isEmpty());
        // The fingerprint shown is the server's certificate's.
        QFile cert(m_tls.certFile());
        QVERIFY(cert.open(QIODevice::ReadOnly));
        const QString fingerprint = ServerConnection::fingerprintOf(QSslCertificate(cert.readAll()));
        QVERIFY2(prompt.contains(fingerprint), qPrintable(prompt));
        // Trusted: signed in, and kept for this server.
        ask::setNextAnswer(QMessageBox::Yes);
        dialog.setPassword(kPassword);
        dialog.accept();
        QVERIFY(attempted.wait(30000));
        QCOMPARE(attempted.last().first().toBool(), true);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.office()->user().username, QStringLiteral("anna"));
        QCOMPARE(knownServers::of(QUrl(url)).pinnedFingerprint, fingerprint);
        QCOMPARE(knownServers::recent(), QStringList{url});
    }
    // The next time nothing is asked: the pin is found with the address.
    {
        OpenDatabaseDialog again;
        QCOMPARE(again.findChild<QComboBox *>(QStringLiteral("serverAddress"))->currentText(), url);
        again.accept();
        QVERIFY(again.server());
        QCOMPARE(again.server()->user, QStringLiteral("anna"));
        ServerSignInDialog dialog(*again.server());
        dialog.setPassword(kPassword);
        QSignalSpy attempted(&dialog, &ServerSignInDialog::attempted);
        const int asked = int(ask::said().size());
        dialog.accept();
        QVERIFY(attempted.wait(30000));
        QVERIFY(attempted.first().first().toBool());
        QCOMPARE(int(ask::said().size()), asked);
    }
    // Another certificate on the same server: refused loudly, with no way to trust it from there.
    TestTls other;
    QString error;
    QVERIFY2(other.make(&error), qPrintable(error));
    const quint16 port = m_server->port();
    m_server.reset();
    m_server = ServerProcess::start(m_t->url(), other.serverArguments(), &error, port);
    QVERIFY2(m_server, qPrintable(error));
    OpenDatabaseDialog changed;
    changed.chooseServer(url, QStringLiteral("anna"));
    changed.accept();
    ServerSignInDialog dialog(*changed.server());
    dialog.setPassword(kPassword);
    QSignalSpy attempted(&dialog, &ServerSignInDialog::attempted);
    ask::setNextAnswer(QMessageBox::Ok); // the critical box
    dialog.accept();
    QVERIFY(attempted.wait(30000));
    QVERIFY(!attempted.first().first().toBool());
    QVERIFY2(ask::said().last().contains(QStringLiteral("another certificate")), qPrintable(ask::said().last()));
    QVERIFY(dialog.errorText().contains(QStringLiteral("changed")));
    // Nor does a RemoteOffice with the old pin get through, CA or no CA.
    ServerAddress pinned = knownServers::withPinned(ServerAddress::parse(url, other.caFile()).value());
    QVERIFY(!pinned.pinnedFingerprint.isEmpty());
    auto refused = RemoteOffice::signIn(pinned, QStringLiteral("anna"), kPassword);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("ANOTHER certificate")),
             qPrintable(refused.error().message));
}

void TestUiServer::connectionLostAndBack()
{
    auto office = signIn(QStringLiteral("boss"));
    MainWindow window(*office, address().url.toString());
    window.resize(1100, 680);
    window.show();
    settle(*office);
    QVERIFY(window.connectionBanner()->isHidden());
    const int rows = window.membersView()->model()->rowCount();
    QVERIFY(rows > 0);
    const QString before = TestDatabase::fingerprint(m_t->db());

    // The server goes away: a status change and a refresh fail, the banner says so, nothing is half-written.
    const quint16 port = m_server->port();
    m_server->stop();
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    navigation->setCurrentRow(int(window.pageTitles().indexOf(QStringLiteral("Members"))));
    QVERIFY(window.membersView()->select(QStringLiteral("BOB")));
    StatusChangeDialog dialog(*office, Members(m_t->db()).byCode(QStringLiteral("BOB")).value(), &window);
    dialog.choose(MemberStatus::Distributor, QStringLiteral("while the server is away"));
    dialog.accept();
    settle(*office);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY2(dialog.reasonError().contains(QStringLiteral("server")), qPrintable(dialog.reasonError()));
    window.findChild<QAction *>(QStringLiteral("refresh"))->trigger();
    settle(*office);
    QVERIFY(window.connectionBanner()->isVisible());
    QCOMPARE(window.membersView()->model()->rowCount(), rows); // what was shown stays, not half read again
    QCOMPARE(window.networkView()->model()->rowCount(), 1);
    screenshot(&window, QStringLiteral("server-connection-lost"));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);

    // Back: Try again reads the page; the banner goes.
    QString error;
    m_server = ServerProcess::start(m_t->url(), m_tls.serverArguments(), &error, port);
    QVERIFY2(m_server, qPrintable(error));
    auto *retry = window.connectionBanner()->findChild<QPushButton *>(QStringLiteral("retryConnection"));
    QVERIFY(retry);
    retry->click();
    settle(*office);
    QVERIFY(window.connectionBanner()->isHidden());
    QCOMPARE(window.membersView()->model()->rowCount(), rows);
    dialog.accept();
    settle(*office);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(Members(m_t->db()).byCode(QStringLiteral("BOB"))->status, MemberStatus::Distributor);
}

void TestUiServer::endedSessionAsksForThePassword()
{
    auto office = signIn(QStringLiteral("boss"));
    MainWindow window(*office, address().url.toString());
    settle(*office);
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    navigation->setCurrentRow(int(window.pageTitles().indexOf(QStringLiteral("Catalog"))));
    auto *catalog = window.findChild<CatalogView *>();
    QVERIFY(catalog);
    // The session ends on the server (signed out elsewhere, or 12 idle hours); meanwhile a price changes.
    QVERIFY(m_signedIn.back()->signOut());
    QVERIFY(Catalog(m_t->db()).setPrice(QStringLiteral("TEA"), QStringLiteral("retail"), 1234, testActor()));
    ask::setNextText(kPassword); // the password prompt, answered
    window.findChild<QAction *>(QStringLiteral("refresh"))->trigger();
    settle(*office);
    QVERIFY2(!ask::said().isEmpty() && ask::said().last().contains(QStringLiteral("ended your session")),
             qPrintable(ask::said().join(u'\n')));
    // Signed in again, and the page the person was on read again: the new price shows.
    const QModelIndex tea = catalog->model()->index(catalog->model()->rowOf(QStringLiteral("TEA")),
                                                    catalog->model()->columnOf(QStringLiteral("retail")));
    QCOMPARE(tea.data().toString(), Labels::money(1234));
    QVERIFY(window.connectionBanner()->isHidden());
    // A wrong password is asked again; a cancelled prompt leaves the window as it is.
    QVERIFY(m_signedIn.back()->signOut());
    ask::setNextText(QStringLiteral("wrong password"));
    ask::setNextText(QString()); // cancelled
    const int asked = int(ask::said().size());
    window.findChild<QAction *>(QStringLiteral("refresh"))->trigger();
    settle(*office);
    QCOMPARE(int(ask::said().size()), asked + 2); // asked, refused, asked again
    QVERIFY(ask::said().last().contains(QStringLiteral("ended your session")));
    QCOMPARE(tea.data().toString(), Labels::money(1234));
}

QTEST_MAIN(TestUiServer)
#include "tst_ui_server.moc"
