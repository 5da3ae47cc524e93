// Users, roles, password hashing and the permission rules of SPEC 7, on the backend named by MLM_TEST_BACKEND.
#include "TestData.h"
#include "TestDatabase.h"
#include "catalog/Catalog.h"

#include "auth/Passwords.h"
#include "auth/Permissions.h"
#include "office/Session.h"
#include "auth/Users.h"
#include "genealogy/Members.h"

#include <QPasswordDigestor>
#include <QTest>

using namespace mlm;
using namespace mlm::test;

class TestAuth : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_t.reset(); }
    void passwordHashes();
    void addAndSignIn();
    void refusals_data();
    void refusals();
    void disabledUsersCannotSignIn();
    void lastAdminStays();
    void changeRoleAndPassword();
    void roleRules_data();
    void roleRules();
    void distributorSeesItsDownlineOnly();
    void sessionScopesEveryCall();
    void sessionRolesAct();
    void adminViewsAreAdminsOnly();

private:
    Result<User> add(const QString &name, Role role, const QString &member = {})
    {
        return Users(m_t->db()).add({name, QStringLiteral("correct horse"), role, member}, testActor());
    }
    std::unique_ptr<TestDatabase> m_t;
};

void TestAuth::init()
{
    m_t = TestDatabase::create();
    QVERIFY(m_t);
    QVERIFY(loadSmallCompany(m_t->db()));
}

void TestAuth::passwordHashes()
{
    const QString stored = passwords::hash(QStringLiteral("s3cret pass"), 1000);
    QVERIFY(stored.startsWith(QStringLiteral("pbkdf2-sha256$1000$")));
    QVERIFY(!stored.contains(QStringLiteral("s3cret")));
    QVERIFY(passwords::verify(QStringLiteral("s3cret pass"), stored));
    QVERIFY(!passwords::verify(QStringLiteral("s3cret pasS"), stored));
    QVERIFY(!passwords::verify(QString(), stored));
    // Salted: the same password hashes differently each time, and both verify.
    const QString again = passwords::hash(QStringLiteral("s3cret pass"), 1000);
    QVERIFY(again != stored);
    QVERIFY(passwords::verify(QStringLiteral("s3cret pass"), again));
    // Tampered or foreign strings never verify.
    QString tampered = stored;
    tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == u'A' ? u'B' : u'A';
    QVERIFY(!passwords::verify(QStringLiteral("s3cret pass"), tampered));
    QVERIFY(!passwords::verify(QStringLiteral("s3cret pass"), QStringLiteral("s3cret pass")));
    QVERIFY(!passwords::verify(QStringLiteral("x"), QStringLiteral("md5$1$abc$def")));
    QVERIFY(!passwords::verify(QStringLiteral("x"), QStringLiteral("pbkdf2-sha256$0$abc$def")));
    // Standard PBKDF2-HMAC-SHA256, so hashes stored by earlier versions (and other tools) still verify: the test
    // vectors of RFC 7914, section 11 (their first 32 bytes), and one made with Qt's QPasswordDigestor.
    const auto stored64 = [](const char *salt, int iterations, const char *hex) {
        return QStringLiteral("pbkdf2-sha256$%1$%2$%3")
            .arg(iterations)
            .arg(QString::fromLatin1(QByteArray(salt).toBase64()),
                 QString::fromLatin1(QByteArray::fromHex(hex).toBase64()));
    };
    QVERIFY(passwords::verify(QStringLiteral("passwd"),
                              stored64("salt", 1, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")));
    QVERIFY(passwords::verify(QStringLiteral("Password"),
                              stored64("NaCl", 80000, "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56")));
    QVERIFY(!passwords::verify(QStringLiteral("Password"),
                               stored64("NaCl", 79999, "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56")));
    const QByteArray qtSalt = "0123456789abcdef";
    const QString byQt = QStringLiteral("pbkdf2-sha256$1000$%1$%2")
                             .arg(QString::fromLatin1(qtSalt.toBase64()),
                                  QString::fromLatin1(QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256,
                                                                                         "s3cret pass", qtSalt, 1000, 32)
                                                          .toBase64()));
    QVERIFY(passwords::verify(QStringLiteral("s3cret pass"), byQt));
    // The production cost is real: a high iteration count is what makes stolen hashes expensive to guess.
    QVERIFY(passwords::kIterations >= 100'000);
    QVERIFY(passwords::hash(QStringLiteral("p"))
                .startsWith(QStringLiteral("pbkdf2-sha256$%1$").arg(passwords::kIterations)));
}

void TestAuth::addAndSignIn()
{
    Users users(m_t->db());
    QCOMPARE(users.count().value(), qint64(0));
    auto admin = add(QStringLiteral("Boss"), Role::Admin);
    QVERIFY2(admin, admin ? "" : qPrintable(admin.error().message));
    QCOMPARE(admin->username, QStringLiteral("boss"));
    auto anna = add(QStringLiteral("anna"), Role::Distributor, QStringLiteral("anna"));
    QVERIFY(anna);
    QCOMPARE(anna->memberCode, QStringLiteral("ANNA"));
    QCOMPARE(users.count().value(), qint64(2));

    auto signedIn = users.signIn(QStringLiteral("BOSS"), QStringLiteral("correct horse"));
    QVERIFY(signedIn);
    QCOMPARE(signedIn->role, Role::Admin);
    auto wrong = users.signIn(QStringLiteral("boss"), QStringLiteral("correct horsE"));
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, ErrorCode::Unauthenticated);
    auto unknown = users.signIn(QStringLiteral("nobody"), QStringLiteral("correct horse"));
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().message, wrong.error().message); // nothing tells which names exist

    // The clear password is nowhere in the database, audit log included.
    QVERIFY(!TestDatabase::fingerprint(m_t->db()).contains(QStringLiteral("correct horse")));
    QCOMPARE(m_t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'user.add'"))->toInt(), 2);
}

void TestAuth::refusals_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("member");
    QTest::addColumn<int>("code");
    const int invalid = int(ErrorCode::InvalidArgument);
    auto row = [](const char *test, const char *name, const char *password, const char *role, const char *member,
                  int code) {
        QTest::newRow(test) << QString::fromLatin1(name) << QString::fromLatin1(password) << QString::fromLatin1(role)
                            << QString::fromLatin1(member) << code;
    };
    row("short password", "amy", "1234567", "support", "", invalid);
    row("blank password", "amy", "          ", "support", "", invalid);
    row("bad name", "a b", "long enough", "support", "", invalid);
    row("one letter", "a", "long enough", "support", "", invalid);
    row("distributor without member", "amy", "long enough", "distributor", "", invalid);
    row("support with member", "amy", "long enough", "support", "ANNA", invalid);
    row("unknown member", "amy", "long enough", "distributor", "NOBODY", int(ErrorCode::NotFound));
    row("terminated member", "amy", "long enough", "distributor", "EVE", int(ErrorCode::FailedPrecondition));
    row("taken name", "TAKEN", "long enough", "support", "", int(ErrorCode::AlreadyExists));
}

void TestAuth::refusals()
{
    QFETCH(QString, name);
    QFETCH(QString, password);
    QFETCH(QString, role);
    QFETCH(QString, member);
    QFETCH(int, code);
    QVERIFY(add(QStringLiteral("taken"), Role::Support));
    const QString before = TestDatabase::fingerprint(m_t->db());
    auto added = Users(m_t->db()).add({name, password, roleFromString(role).value(), member}, testActor());
    QVERIFY(!added);
    QCOMPARE(int(added.error().code), code);
    QVERIFY(!added.error().message.isEmpty());
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestAuth::disabledUsersCannotSignIn()
{
    QVERIFY(add(QStringLiteral("boss"), Role::Admin));
    QVERIFY(add(QStringLiteral("sam"), Role::Support));
    Users users(m_t->db());
    QVERIFY(users.setActive(QStringLiteral("sam"), false, testActor()));
    QCOMPARE(users.signIn(QStringLiteral("sam"), QStringLiteral("correct horse")).error().code,
             ErrorCode::Unauthenticated);
    QVERIFY(!users.byName(QStringLiteral("sam"))->active);
    QCOMPARE(Permissions::check(users.byName(QStringLiteral("sam")).value(), Action::ViewMember).error().code,
             ErrorCode::PermissionDenied);
    QVERIFY(users.setActive(QStringLiteral("sam"), true, testActor()));
    QVERIFY(users.signIn(QStringLiteral("sam"), QStringLiteral("correct horse")));
}

void TestAuth::lastAdminStays()
{
    QVERIFY(add(QStringLiteral("boss"), Role::Admin));
    Users users(m_t->db());
    QCOMPARE(users.setActive(QStringLiteral("boss"), false, testActor()).error().code, ErrorCode::FailedPrecondition);
    QCOMPARE(users.setRole(QStringLiteral("boss"), Role::Support, {}, testActor()).error().code,
             ErrorCode::FailedPrecondition);
    QVERIFY(add(QStringLiteral("second"), Role::Admin));
    QVERIFY(users.setActive(QStringLiteral("boss"), false, testActor()));
    QCOMPARE(users.setActive(QStringLiteral("second"), false, testActor()).error().code, ErrorCode::FailedPrecondition);
}

void TestAuth::changeRoleAndPassword()
{
    QVERIFY(add(QStringLiteral("boss"), Role::Admin));
    QVERIFY(add(QStringLiteral("sam"), Role::Support));
    Users users(m_t->db());
    QVERIFY(users.setRole(QStringLiteral("sam"), Role::Distributor, QStringLiteral("CARL"), testActor()));
    QCOMPARE(users.byName(QStringLiteral("sam"))->memberCode, QStringLiteral("CARL"));
    QCOMPARE(users.setRole(QStringLiteral("sam"), Role::Admin, QStringLiteral("CARL"), testActor()).error().code,
             ErrorCode::InvalidArgument);
    QCOMPARE(users.setPassword(QStringLiteral("sam"), QStringLiteral("short"), testActor()).error().code,
             ErrorCode::InvalidArgument);
    QVERIFY(users.setPassword(QStringLiteral("sam"), QStringLiteral("a new passphrase"), testActor()));
    QVERIFY(!users.signIn(QStringLiteral("sam"), QStringLiteral("correct horse")));
    QVERIFY(users.signIn(QStringLiteral("sam"), QStringLiteral("a new passphrase")));
    QCOMPARE(users.setPassword(QStringLiteral("ghost"), QStringLiteral("a new passphrase"), testActor()).error().code,
             ErrorCode::NotFound);
}

void TestAuth::roleRules_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<bool>("admin");
    QTest::addColumn<bool>("support");
    QTest::addColumn<bool>("distributor");
    auto row = [](const char *name, Action a, bool admin, bool support, bool distributor) {
        QTest::newRow(name) << int(a) << admin << support << distributor;
    };
    row("view member", Action::ViewMember, true, true, true);
    row("view all members", Action::ViewAllMembers, true, true, false);
    row("edit contact", Action::EditContact, true, true, false);
    row("change status", Action::ChangeStatus, true, true, false);
    row("terminate", Action::Terminate, true, false, false);
    row("move", Action::MoveMember, true, false, false);
    row("customers", Action::ViewCustomers, true, true, false);
    row("orders", Action::ViewOrders, true, true, true);
    row("enter order", Action::EnterOrder, true, true, false);
    row("refund", Action::ChangeOrderStatus, true, true, false);
    row("links", Action::ManageLinks, true, true, true);
    row("statements", Action::ViewCommissions, true, true, true);
    row("run commissions", Action::RunCommissions, true, false, false);
    row("catalog", Action::EditCatalog, true, false, false);
    row("stores", Action::EditStores, true, false, false);
    row("plan", Action::EditPlan, true, false, false);
    row("users", Action::ManageUsers, true, false, false);
    row("audit", Action::ViewAudit, true, false, false);
    row("import", Action::ImportExport, true, false, false);
}

void TestAuth::roleRules()
{
    QFETCH(int, action);
    QFETCH(bool, admin);
    QFETCH(bool, support);
    QFETCH(bool, distributor);
    QCOMPARE(Permissions::allows(Role::Admin, Action(action)), admin);
    QCOMPARE(Permissions::allows(Role::Support, Action(action)), support);
    QCOMPARE(Permissions::allows(Role::Distributor, Action(action)), distributor);
    const User user{1, QStringLiteral("sam"), Role::Support, 0, {}, true, 0};
    QCOMPARE(Permissions::check(user, Action(action)).ok(), support);
}

void TestAuth::distributorSeesItsDownlineOnly()
{
    auto anna = add(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA"));
    QVERIFY(anna);
    Members members(m_t->db());
    // ROOT > ANNA > {BOB, CARL > DORA}; ROOT > EVE > FRED.
    for (const char *code : {"ANNA", "BOB", "CARL", "DORA"}) {
        const Id id = members.byCode(QString::fromLatin1(code))->id;
        QVERIFY2(Permissions::checkMember(m_t->db(), anna.value(), Action::ViewMember, id), code);
    }
    for (const char *code : {"ROOT", "EVE", "FRED"}) {
        const Id id = members.byCode(QString::fromLatin1(code))->id;
        auto refused = Permissions::checkMember(m_t->db(), anna.value(), Action::ViewMember, id);
        QVERIFY2(!refused, code);
        QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
    }
    // Even in its own downline a distributor may not change a status.
    QCOMPARE(Permissions::checkMember(m_t->db(), anna.value(), Action::ChangeStatus,
                                      members.byCode(QStringLiteral("BOB"))->id)
                 .error()
                 .code,
             ErrorCode::PermissionDenied);
    // Admin and support see everyone.
    auto boss = add(QStringLiteral("boss"), Role::Admin);
    QVERIFY(Permissions::checkMember(m_t->db(), boss.value(), Action::ViewMember,
                                     members.byCode(QStringLiteral("FRED"))->id));
}

void TestAuth::sessionScopesEveryCall()
{
    auto anna = add(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA"));
    QVERIFY(anna);
    Session session(m_t->db(), anna.value());
    auto roots = session.treeRoots();
    QVERIFY(roots);
    QCOMPARE(roots->size(), 1);
    QCOMPARE(roots->first().member.code, QStringLiteral("ANNA"));
    QCOMPARE(roots->first().frontline, qint64(2));
    QCOMPARE(session.children(QStringLiteral("ROOT")).error().code, ErrorCode::PermissionDenied);
    auto kids = session.children(roots->first().member.code);
    QVERIFY(kids);
    QCOMPARE(kids->size(), 2); // BOB, CARL
    QCOMPARE(session.member(QStringLiteral("FRED")).error().code, ErrorCode::PermissionDenied);
    QVERIFY(session.member(QStringLiteral("dora")));
    auto path = session.pathTo(QStringLiteral("DORA"));
    QVERIFY(path);
    QStringList codes;
    for (const Member &m : path.value())
        codes << m.code;
    QCOMPARE(codes, QStringList({QStringLiteral("ANNA"), QStringLiteral("CARL"), QStringLiteral("DORA")}));
    QCOMPARE(session.pathTo(QStringLiteral("FRED")).error().code,
             ErrorCode::PermissionDenied);
    // Search finds only the downline: "fred@example.com" exists but is not ANNA's.
    QVERIFY(session.search(QStringLiteral("fred@example.com"))->isEmpty());
    QCOMPARE(session.search(QStringLiteral("dora@example.com"))->size(), 1);
    QCOMPARE(session.changeStatus(QStringLiteral("BOB"), MemberStatus::Distributor, QStringLiteral("promotion"))
                 .error()
                 .code,
             ErrorCode::PermissionDenied);
    QCOMPARE(Members(m_t->db()).byCode(QStringLiteral("BOB"))->status, MemberStatus::Customer);
}

void TestAuth::sessionRolesAct()
{
    auto sam = add(QStringLiteral("sam"), Role::Support);
    auto boss = add(QStringLiteral("boss"), Role::Admin);
    Session support(m_t->db(), sam.value());
    Session admin(m_t->db(), boss.value());
    QCOMPARE(support.treeRoots()->first().member.code, QStringLiteral("ROOT"));
    QVERIFY(support.changeStatus(QStringLiteral("BOB"), MemberStatus::Distributor, QStringLiteral("promotion")));
    QCOMPARE(Members(m_t->db()).statusHistory(Members(m_t->db()).byCode(QStringLiteral("BOB"))->id)->last().changedBy,
             QStringLiteral("user:sam"));
    QCOMPARE(
        support.changeStatus(QStringLiteral("BOB"), MemberStatus::Terminated, QStringLiteral("fraud")).error().code,
        ErrorCode::PermissionDenied);
    QCOMPARE(support.move(QStringLiteral("BOB"), QStringLiteral("CARL")).error().code, ErrorCode::PermissionDenied);
    QVERIFY(support.updateContact(QStringLiteral("BOB"), QStringLiteral("Bob J."), QStringLiteral("bob@example.com"),
                                  {}, {}));
    QCOMPARE(admin.move(QStringLiteral("ANNA"), QStringLiteral("DORA")).error().code, ErrorCode::FailedPrecondition);
    QVERIFY(admin.move(QStringLiteral("BOB"), QStringLiteral("CARL")));
    QCOMPARE(Members(m_t->db()).byCode(QStringLiteral("BOB"))->sponsorCode, QStringLiteral("CARL"));
}

void TestAuth::adminViewsAreAdminsOnly()
{
    auto sam = add(QStringLiteral("sam"), Role::Support);
    auto boss = add(QStringLiteral("boss"), Role::Admin);
    auto anna = add(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA"));
    QVERIFY(sam && boss && anna);
    Session support(m_t->db(), sam.value());
    Session admin(m_t->db(), boss.value());
    Session distributor(m_t->db(), anna.value());
    const Period oct{2026, 10};
    const PriceEdit edit{QStringLiteral("TEA"), QStringLiteral("customer"), 900};
    Store outlet = admin.stores()->first();
    for (Session *s : {&support, &distributor}) {
        QCOMPARE(s->catalog().error().code, ErrorCode::PermissionDenied);
        QCOMPARE(s->setPrices({edit}).error().code, ErrorCode::PermissionDenied);
        QCOMPARE(s->importPriceList("sku,retail\nTEA,1\n").error().code, ErrorCode::PermissionDenied);
        QCOMPARE(s->addTier(QStringLiteral("gold"), QStringLiteral("Gold")).error().code, ErrorCode::PermissionDenied);
        QCOMPARE(s->updateStore(outlet).error().code, ErrorCode::PermissionDenied);
        QCOMPARE(s->createApiKey(outlet.code, QStringLiteral("x")).error().code, ErrorCode::PermissionDenied);
        QCOMPARE(s->plan().error().code, ErrorCode::PermissionDenied);
        QCOMPARE(s->savePlan(CompensationPlan{}).error().code, ErrorCode::PermissionDenied);
        QCOMPARE(s->previewRun(oct).error().code, ErrorCode::PermissionDenied);
        QCOMPARE(s->closeRun(oct).error().code, ErrorCode::PermissionDenied);
        QCOMPARE(s->dashboard({}, oct).error().code, ErrorCode::PermissionDenied);
    }
    QVERIFY(!Catalog(m_t->db()).product(QStringLiteral("TEA"))->prices.contains(QStringLiteral("customer")));
    QVERIFY(admin.setPrices({edit}));
    QCOMPARE(admin.importPriceList("sku,customer\nTEA,9.10\n").value(), 1);
    QCOMPARE(Catalog(m_t->db()).product(QStringLiteral("TEA"))->prices.value(QStringLiteral("customer")), 910);
    QVERIFY(admin.dashboard({}, oct));
    QVERIFY(admin.dashboard(QStringLiteral("CARL"), oct));
    QVERIFY(support.dashboard(QStringLiteral("CARL"), oct));
    // A distributor: its own dashboard and statements only, not a downline member's nor anyone else's.
    auto own = distributor.dashboard(QStringLiteral("ANNA"), oct);
    QVERIFY(own);
    QCOMPARE(own->memberCode, QStringLiteral("ANNA"));
    QCOMPARE(distributor.dashboard(QStringLiteral("CARL"), oct).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(distributor.dashboard(QStringLiteral("ROOT"), oct).error().code, ErrorCode::PermissionDenied);
    QVERIFY(distributor.statement(oct, QStringLiteral("ANNA")));
    QCOMPARE(distributor.statement(oct, QStringLiteral("CARL")).error().code, ErrorCode::PermissionDenied);
    QVERIFY(support.statement(oct, QStringLiteral("CARL")));
}

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
