// Members and the sponsor tree: registration, status changes, moves, look-ups (SPEC 1).
#include "TestData.h"
#include "TestDatabase.h"
#include "genealogy/Members.h"

#include <QTest>

using namespace mlm;
using namespace mlm::test;

class TestMembers : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup() { m_t.reset(); }

    void registerPlacesInFirstLine();
    void registerRefusals_data();
    void registerRefusals();
    void statusChangeIsAudited();
    void statusChangeRefusals_data();
    void statusChangeRefusals();
    void moveIsAudited();
    void moveRefusesCycles_data();
    void moveRefusesCycles();
    void lookups();
    void downlineWithLevels();
    void contactUpdate();

private:
    Members members() { return Members(m_t->db()); }
    std::unique_ptr<TestDatabase> m_t;
};

void TestMembers::init()
{
    m_t = TestDatabase::create();
    QVERIFY(m_t);
    QVERIFY(loadSmallCompany(m_t->db()));
}

void TestMembers::registerPlacesInFirstLine()
{
    NewMember n{QStringLiteral("GINA"),
                QStringLiteral("Gina Green"),
                QStringLiteral("Gina@Example.com"),
                {},
                {},
                QStringLiteral("carl"),
                MemberStatus::Customer,
                {}};
    auto gina = members().registerMember(n, testActor());
    QVERIFY2(gina, gina ? "" : qPrintable(gina.error().message));
    QCOMPARE(gina->sponsorCode, QStringLiteral("CARL"));
    QCOMPARE(gina->status, MemberStatus::Customer);
    auto kids = members().children(members().byCode(QStringLiteral("CARL"))->id);
    QVERIFY(kids);
    QCOMPARE(kids->size(), 2);
    QCOMPARE(kids->last().code, QStringLiteral("GINA"));
    QCOMPARE(m_t->db()
                 .scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'member.register'"))
                 .value()
                 .toInt(),
             1);
}

void TestMembers::registerRefusals_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("sponsor");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("errorCode");
    QTest::addColumn<QString>("message");
    const int customer = int(MemberStatus::Customer);
    QTest::newRow("duplicate code, other case") << QStringLiteral("anna") << QString() << QStringLiteral("ROOT")
                                                << customer << int(ErrorCode::AlreadyExists) << QStringLiteral("taken");
    QTest::newRow("duplicate email, other case")
        << QStringLiteral("NEW1") << QStringLiteral("ANNA@example.com") << QStringLiteral("ROOT") << customer
        << int(ErrorCode::AlreadyExists) << QStringLiteral("ANNA");
    QTest::newRow("terminated sponsor") << QStringLiteral("NEW1") << QString() << QStringLiteral("EVE") << customer
                                        << int(ErrorCode::FailedPrecondition) << QStringLiteral("terminated");
    QTest::newRow("unknown sponsor") << QStringLiteral("NEW1") << QString() << QStringLiteral("NOBODY") << customer
                                     << int(ErrorCode::NotFound) << QStringLiteral("NOBODY");
    QTest::newRow("bad code") << QStringLiteral("no spaces") << QString() << QStringLiteral("ROOT") << customer
                              << int(ErrorCode::InvalidArgument) << QStringLiteral("not valid");
    QTest::newRow("bad email") << QStringLiteral("NEW1") << QStringLiteral("not-an-email") << QStringLiteral("ROOT")
                               << customer << int(ErrorCode::InvalidArgument) << QStringLiteral("email");
    QTest::newRow("starts suspended") << QStringLiteral("NEW1") << QString() << QStringLiteral("ROOT")
                                      << int(MemberStatus::Suspended) << int(ErrorCode::InvalidArgument)
                                      << QStringLiteral("suspended");
}

void TestMembers::registerRefusals()
{
    QFETCH(QString, code);
    QFETCH(QString, email);
    QFETCH(QString, sponsor);
    QFETCH(int, status);
    QFETCH(int, errorCode);
    QFETCH(QString, message);
    const QString before = TestDatabase::fingerprint(m_t->db());
    auto result = members().registerMember(
        {code, QStringLiteral("Someone"), email, {}, {}, sponsor, MemberStatus(status), {}}, testActor());
    QVERIFY(!result);
    QCOMPARE(int(result.error().code), errorCode);
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestMembers::statusChangeIsAudited()
{
    QVERIFY(members().changeStatus(QStringLiteral("bob"), MemberStatus::Distributor, QStringLiteral("signed contract"),
                                   Actor{QStringLiteral("user:support1")}));
    auto bob = members().byCode(QStringLiteral("BOB"));
    QCOMPARE(bob->status, MemberStatus::Distributor);
    auto history = members().statusHistory(bob->id);
    QVERIFY(history);
    QCOMPARE(history->size(), 1);
    QCOMPARE(history->first().from, MemberStatus::Customer);
    QCOMPARE(history->first().to, MemberStatus::Distributor);
    QCOMPARE(history->first().reason, QStringLiteral("signed contract"));
    QCOMPARE(history->first().changedBy, QStringLiteral("user:support1"));
    QVERIFY(history->first().changedAt > 0);
    auto audit = m_t->db().scalar(QStringLiteral("SELECT actor FROM audit_log WHERE action = 'member.status'"));
    QCOMPARE(audit.value().toString(), QStringLiteral("user:support1"));
}

void TestMembers::statusChangeRefusals_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("to");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");
    QTest::newRow("terminated is final") << QStringLiteral("EVE") << int(MemberStatus::Distributor)
                                         << QStringLiteral("comeback") << QStringLiteral("terminated");
    QTest::newRow("same status") << QStringLiteral("ANNA") << int(MemberStatus::Distributor) << QStringLiteral("x")
                                 << QStringLiteral("cannot change");
    QTest::newRow("no reason") << QStringLiteral("BOB") << int(MemberStatus::Distributor) << QStringLiteral("  ")
                               << QStringLiteral("reason");
    QTest::newRow("unknown member") << QStringLiteral("NOBODY") << int(MemberStatus::Customer) << QStringLiteral("x")
                                    << QStringLiteral("NOBODY");
}

void TestMembers::statusChangeRefusals()
{
    QFETCH(QString, code);
    QFETCH(int, to);
    QFETCH(QString, reason);
    QFETCH(QString, message);
    const QString before = TestDatabase::fingerprint(m_t->db());
    auto result = members().changeStatus(code, MemberStatus(to), reason, testActor());
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestMembers::moveIsAudited()
{
    QVERIFY(members().move(QStringLiteral("DORA"), QStringLiteral("ROOT"), testActor()));
    QCOMPARE(members().byCode(QStringLiteral("DORA"))->sponsorCode, QStringLiteral("ROOT"));
    auto details = m_t->db().scalar(QStringLiteral("SELECT details FROM audit_log WHERE action = 'member.move'"));
    QVERIFY(details.value().toString().contains(QStringLiteral("\"from\":\"CARL\"")));
}

void TestMembers::moveRefusesCycles_data()
{
    QTest::addColumn<QString>("member");
    QTest::addColumn<QString>("sponsor");
    QTest::addColumn<QString>("message");
    QTest::newRow("under itself") << QStringLiteral("ANNA") << QStringLiteral("ANNA") << QStringLiteral("own sponsor");
    QTest::newRow("under its child") << QStringLiteral("ANNA") << QStringLiteral("CARL") << QStringLiteral("cycle");
    QTest::newRow("under its grandchild")
        << QStringLiteral("ANNA") << QStringLiteral("DORA") << QStringLiteral("cycle");
    QTest::newRow("root under anyone below")
        << QStringLiteral("ROOT") << QStringLiteral("FRED") << QStringLiteral("cycle");
    QTest::newRow("under a terminated member")
        << QStringLiteral("BOB") << QStringLiteral("EVE") << QStringLiteral("terminated");
}

void TestMembers::moveRefusesCycles()
{
    QFETCH(QString, member);
    QFETCH(QString, sponsor);
    QFETCH(QString, message);
    const QString before = TestDatabase::fingerprint(m_t->db());
    auto result = members().move(member, sponsor, testActor());
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestMembers::lookups()
{
    QCOMPARE(members().byCode(QStringLiteral("anna"))->name, QStringLiteral("Anna Smith"));
    QCOMPARE(members().byCode(QStringLiteral("nobody")).error().code, ErrorCode::NotFound);
    auto byEmail = members().byEmail(QStringLiteral("DORA@example.com"));
    QVERIFY(byEmail && byEmail.value());
    QCOMPARE(byEmail.value()->code, QStringLiteral("DORA"));
    QVERIFY(!members().byEmail(QString()).value().has_value());

    auto prefix = members().search(QStringLiteral("an"));
    QVERIFY(prefix);
    QCOMPARE(prefix->size(), 1);
    QCOMPARE(prefix->first().code, QStringLiteral("ANNA"));
    auto byCode = members().search(QStringLiteral("carl"));
    QCOMPARE(byCode->size(), 1);
    auto byMail = members().search(QStringLiteral("eve@example.com"));
    QCOMPARE(byMail->size(), 1);
    QCOMPARE(byMail->first().code, QStringLiteral("EVE"));
    QCOMPARE(members().search(QStringLiteral("'; DROP TABLE members; --"))->size(), 0);
    QCOMPARE(members().search(QStringLiteral("%"))->size(), 0); // no LIKE wildcards
}

void TestMembers::downlineWithLevels()
{
    auto root = members().byCode(QStringLiteral("ROOT"));
    auto downline = members().downline(root->id);
    QVERIFY(downline);
    QHash<QString, int> levels;
    for (const DownlineEntry &e : downline.value())
        levels.insert(e.member.code, e.level);
    const QHash<QString, int> expected{{QStringLiteral("ANNA"), 1}, {QStringLiteral("EVE"), 1},
                                       {QStringLiteral("BOB"), 2},  {QStringLiteral("CARL"), 2},
                                       {QStringLiteral("FRED"), 2}, {QStringLiteral("DORA"), 3}};
    QCOMPARE(levels, expected);
    auto anna = members().byCode(QStringLiteral("ANNA"));
    QCOMPARE(members().downline(anna->id)->size(), 3);
    QVERIFY(members().isInDownlineOrSelf(anna->id, members().byCode(QStringLiteral("DORA"))->id).value());
    QVERIFY(!members().isInDownlineOrSelf(anna->id, members().byCode(QStringLiteral("FRED"))->id).value());
}

void TestMembers::contactUpdate()
{
    QVERIFY(members().updateContact(QStringLiteral("BOB"), QStringLiteral("Robert Jones"),
                                    QStringLiteral("rj@example.com"), QStringLiteral("+1"), QStringLiteral("CA"),
                                    testActor()));
    QCOMPARE(members().byCode(QStringLiteral("BOB"))->name, QStringLiteral("Robert Jones"));
    QCOMPARE(members().search(QStringLiteral("rob"))->size(), 1);
    const QString before = TestDatabase::fingerprint(m_t->db());
    auto taken = members().updateContact(QStringLiteral("BOB"), QStringLiteral("Bob"),
                                         QStringLiteral("anna@example.com"), {}, {}, testActor());
    QVERIFY(!taken);
    QCOMPARE(taken.error().code, ErrorCode::AlreadyExists);
    QVERIFY(!members().updateContact(QStringLiteral("BOB"), QStringLiteral(" "), {}, {}, {}, testActor()));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

QTEST_GUILESS_MAIN(TestMembers)
#include "tst_members.moc"
