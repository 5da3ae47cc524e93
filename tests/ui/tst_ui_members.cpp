// The pages about people: members (paged, sorted, filtered), a status change with its reason, contact data,
// referral links and their QR codes, a store's customers, users, the audit log.
// Item models run under QAbstractItemModelTester. With MLM_SCREENSHOT_DIR set, the windows are also saved as PNG.
#include "UiTest.h"

using namespace mlm;
using namespace mlm::test;

class TestUiMembers : public QObject, public UiFixture
{
    Q_OBJECT

private slots:
    void init() { start(); }
    void cleanup() { stop(); }
    void membersPagesSortsAndFilters();
    void statusChangeNeedsAReason();
    void editContactData();
    void referralLinksAndQrCodes();
    void customersPerStore();
    void usersPage();
    void auditLogPage();
};

void TestUiMembers::membersPagesSortsAndFilters()
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

void TestUiMembers::statusChangeNeedsAReason()
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
    // The sponsor by name and code; the date joined as in the list.
    const Member anna = Members(m_t->db()).byCode(QStringLiteral("ANNA")).value();
    QTRY_VERIFY2(view.detailsText().contains(QStringLiteral("%1 (ANNA)").arg(anna.name)),
                 qPrintable(view.detailsText()));
    QVERIFY2(view.detailsText().contains(Labels::date(bob.joinedAt)), qPrintable(view.detailsText()));
    screenshot(&view, QStringLiteral("members"));
    // An admin may also terminate.
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    StatusChangeDialog adminDialog(admin, Members(m_t->db()).byCode(QStringLiteral("BOB")).value());
    QVERIFY(adminDialog.offered().contains(MemberStatus::Terminated));
}

void TestUiMembers::editContactData()
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

void TestUiMembers::referralLinksAndQrCodes()
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
    // No member chosen yet: the page says what to do, and there is nothing to create a link for.
    QVERIFY2(supportView.emptyText().contains(QStringLiteral("Type a member's code")),
             qPrintable(supportView.emptyText()));
    QVERIFY(!supportView.createButton()->isEnabled());
    QCOMPARE(
        await<Status>([&](auto done) { supportView.createLink(QStringLiteral("my"), QString(), done); }).error().code,
        ErrorCode::InvalidArgument);
    QVERIFY(await<Status>([&](auto done) { supportView.showMember(QStringLiteral("DORA"), done); }));
    QCOMPARE(supportView.linkCount(), 0);
    QVERIFY2(supportView.emptyText().contains(QStringLiteral("DORA has no referral links yet")),
             qPrintable(supportView.emptyText()));
    QVERIFY(supportView.createButton()->isEnabled());
    supportView.resize(1000, 560);
    screenshot(&supportView, QStringLiteral("referral-links-empty"));
    QVERIFY(await<Status>([&](auto done) { supportView.showMember(QStringLiteral("CARL"), done); }));
    QVERIFY(supportView.emptyText().isEmpty());
    QVERIFY(await<Status>(
        [&](auto done) { supportView.createLink(QStringLiteral("my"), QStringLiteral("carl-shop"), done); }));
    QCOMPARE(stores.link(QStringLiteral("carl-shop"))->memberCode, QStringLiteral("CARL"));
}

void TestUiMembers::customersPerStore()
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
    // The search follows what is typed (as on the Members page), without Enter; clearing it lists all again.
    view.show(QStringLiteral("my"), QString());
    support.settle();
    auto *search = view.findChild<QLineEdit *>(QStringLiteral("customersSearch"));
    QVERIFY(search);
    QTest::keyClicks(search, QStringLiteral("ya"));
    QTRY_COMPARE(view.table()->rowCount(), 1);
    QCOMPARE(view.table()->item(0, 0)->text().left(3), QStringLiteral("yan"));
    search->clear();
    QTRY_COMPARE(view.table()->rowCount(), 3);
    view.show(QStringLiteral("outlet"), QString());
    support.settle();
    QCOMPARE(view.table()->item(0, 2)->text(), QStringLiteral("nobody"));
    screenshot(&view, QStringLiteral("customers"));
    // Nothing found says why: no email begins so, or the store has no customers at all.
    view.show(QStringLiteral("outlet"), QStringLiteral("nobody@"));
    support.settle();
    QCOMPARE(view.table()->rowCount(), 0);
    QVERIFY2(view.noteText().contains(QStringLiteral("has an email that begins with \"nobody@\"")),
             qPrintable(view.noteText()));
    view.show(QStringLiteral("shop"), QString());
    support.settle();
    QCOMPARE(view.table()->rowCount(), 0);
    QVERIFY2(view.noteText().contains(QStringLiteral("has no retail customers yet")), qPrintable(view.noteText()));
    QVERIFY(messages.isEmpty());
    view.show(QStringLiteral("nope"), QString());
    support.settle();
    QCOMPARE(messages.size(), 1); // the unknown store, said in the status bar
    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    QCOMPARE(anna->customers(QStringLiteral("my"), {}, 10).error().code, ErrorCode::PermissionDenied);
}

void TestUiMembers::usersPage()
{
    const User boss = user(QStringLiteral("boss"), Role::Admin);
    Desk admin(m_t->db(), boss);
    UsersView view(admin);
    view.resize(1280, 400);
    view.show();
    admin.settle();
    QCOMPARE(view.table()->rowCount(), 1);
    // The user name does not take the page's width (it took 700 px at 1280).
    QVERIFY2(view.table()->columnWidth(0) <= 260, qPrintable(QString::number(view.table()->columnWidth(0))));
    view.resize(900, 400);

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
    auto *disable = view.findChild<QPushButton *>(QStringLiteral("userActive"));
    QVERIFY(disable);
    QVERIFY(!disable->isEnabled()); // not offered to be refused afterwards
    QVERIFY(!disable->toolTip().isEmpty());
    QVERIFY(!await<Status>([&](auto done) { view.setSelectedActive(false, done); })); // and core refuses it anyway
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

void TestUiMembers::auditLogPage()
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
    QCOMPARE(view.table()->item(0, 3)->text(), QStringLiteral("member BOB")); // its code, not its database id

    // Shown again, the page lists what was changed meanwhile: a contact edit says what changed, from and to, and
    // an order entered in the back office is recorded.
    view.setVisible(true);
    admin.settle();
    view.setVisible(false);
    const Member bob = Members(m_t->db()).byCode(QStringLiteral("BOB")).value();
    QVERIFY(
        admin->updateContact(QStringLiteral("BOB"), QStringLiteral("Bob Jonas"), bob.email, bob.phone, bob.country));
    auto entered =
        admin->enterOrder(QStringLiteral("BOB"), {{QStringLiteral("TEA"), 1, std::nullopt}}, OrderStatus::Pending);
    QVERIFY(entered);
    view.setVisible(true);
    const auto cell = [&view](int row, int column) {
        const QTableWidgetItem *item = view.table()->item(row, column);
        return item ? item->text() : QString();
    };
    QTRY_COMPARE(cell(0, 2), QStringLiteral("order.enter"));
    QCOMPARE(view.table()->item(0, 3)->text(), QStringLiteral("order ") + entered->order.externalId);
    QVERIFY2(view.table()->item(0, 4)->text().contains(QStringLiteral("member: BOB")),
             qPrintable(view.table()->item(0, 4)->text()));
    QCOMPARE(view.table()->item(1, 2)->text(), QStringLiteral("member.contact"));
    QCOMPARE(view.table()->item(1, 4)->text(), QStringLiteral("code: BOB; name: %1 -> Bob Jonas").arg(bob.name));
    QCOMPARE(AuditView::detailsText(QStringLiteral(R"({"phone":{"from":"","to":"+1 555"}})")),
             QStringLiteral("phone: (empty) -> +1 555"));
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
    // Two status changes, a contact edit, an order: the users were made by the test's actor.
    QCOMPARE(view.table()->rowCount(), 4);
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
    // Product 1 exists: named by its sku; no product 250: by its id.
    const QString sku1 = m_t->db().scalar(QStringLiteral("SELECT sku FROM products WHERE id = 1"))->toString();
    QCOMPARE(view.table()->item(249, 3)->text(), QStringLiteral("product ") + sku1);

    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    QCOMPARE(support->auditPage({}, 0, 10).error().code, ErrorCode::PermissionDenied);
}

QTEST_MAIN(TestUiMembers)
#include "tst_ui_members.moc"
