// The contract of the two Office implementations (issue 15): the same operations through a Session on the database
// and through a RemoteOffice over a real mlm-server with real TLS, per role, give equal values and equal refusals.
// Values are compared as the office API writes them (officejson), which writes every field of each value; the
// writes run on twin fixtures (one per side), so both sides change in lock-step and must answer alike.
#include "ServerProcess.h"
#include "TestData.h"
#include "TestDatabase.h"
#include "TestTls.h"

#include "api/OfficeJson.h"
#include "office/RemoteOffice.h"
#include "dataset/SyntheticCompany.h"
#include "office/Session.h"

#include <QRegularExpression>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace mlm;
using namespace mlm::test;

namespace {

const QString kPassword = QStringLiteral("password1");
const Period kMonth{2026, 10};

QByteArray refusal(const Error &e)
{
    return "refused " + QByteArray(officejson::wireError(e.code).code) + ": " + e.message.toUtf8();
}

template <typename T> QByteArray canon(const T &value)
{
    return officejson::one(value);
}
template <typename T> QByteArray canon(const QList<T> &values)
{
    return officejson::list("values", values);
}
QByteArray canon(const QByteArray &bytes)
{
    return bytes;
}
template <typename T> QByteArray canon(const Result<T> &r)
{
    if constexpr (std::is_integral_v<T>)
        return r ? QByteArray::number(qint64(r.value())) : refusal(r.error());
    else
        return r ? canon(r.value()) : refusal(r.error());
}
QByteArray canon(const Status &s)
{
    return s ? QByteArray("ok") : refusal(s.error());
}

/// A run by its overview (less its id, which is its keeper's own) and all its members, read page by page.
QByteArray canonRun(Office &office, const Result<RunOverview> &run)
{
    if (!run)
        return refusal(run.error());
    RunOverview overview = run.value();
    auto whole = office.wholeRun(overview);
    overview.id.clear();
    return canon(overview) + '\n' + (whole ? canon(whole->members) : refusal(whole.error()));
}

/// The parts in the order written: the elements of a braced list are evaluated in order, a + b's operands not.
QByteArray join(std::initializer_list<QByteArray> parts)
{
    QByteArray all;
    for (const QByteArray &p : parts)
        all += p + '\n';
    return all;
}

/// One side's twin fixtures are named with its tag; ids, times and random codes differ by nature.
QByteArray masked(QByteArray text, const QString &tag)
{
    text.replace(tag.toUtf8(), "<tag>");
    text.replace(tag.toLower().toUtf8(), "<tag>");
    QString s = QString::fromUtf8(text);
    static const QRegularExpression ids(QStringLiteral(R"re("(\w*id)":\d+)re"));
    static const QRegularExpression times(QStringLiteral(R"re("(\w*at)":"[^"]*")re"));
    static const QRegularExpression secrets(QStringLiteral(R"re("(token|prefix)":"[^"]*")re"));
    static const QRegularExpression orderCodes(QStringLiteral(R"re(BO-[A-Za-z0-9]+)re"));
    s.replace(ids, QStringLiteral(R"("\1":0)"));
    s.replace(times, QStringLiteral(R"("\1":"<time>")"));
    s.replace(secrets, QStringLiteral(R"("\1":"<secret>")"));
    s.replace(orderCodes, QStringLiteral("BO-<code>"));
    return s.toUtf8();
}

using Operation = std::function<QByteArray(Office &office, const QString &tag)>;

} // namespace

Q_DECLARE_METATYPE(Operation)

class TestContract : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void readsAgree_data();
    void readsAgree();
    void writesAgree_data();
    void writesAgree();
    void closeOverTheServer();
    void theServerMustBeTrusted();
    void signInRefusalsAgree();
    void signOutAndPasswordChange();
    void longOperationsWithProgressAndCancel();

private:
    Office &local(const QString &user) { return *m_local.value(user); }
    Office &remote(const QString &user) { return *m_remote.value(user); }
    ServerAddress address() const;
    void table(const QList<std::pair<const char *, Operation>> &operations);

    std::unique_ptr<TestDatabase> m_t;
    TestTls m_tls;
    std::unique_ptr<ServerProcess> m_server;
    std::map<QString, std::unique_ptr<Session>> m_localOwned;
    std::map<QString, std::unique_ptr<RemoteOffice>> m_remoteOwned;
    QHash<QString, Office *> m_local;
    QHash<QString, Office *> m_remote;
    QHash<QString, Id> m_orderOf; ///< tag -> the id of its twin order
    QHash<QString, QString> m_keyOf; ///< tag -> the prefix of its twin store's key
};

static const QStringList kUsers = {QStringLiteral("ada"), QStringLiteral("sam"), QStringLiteral("anna"),
                                   QStringLiteral("carl")};
static const QString kLocalTag = QStringLiteral("Q7L");

/// The security table (SPEC 7): per operation, the users refused with permission_denied; everyone else must not be.
/// ada is an admin, sam support, anna a distributor (ANNA: BOB, CARL > DORA and the twins in her first line), carl
/// a distributor (CARL > DORA).
static const QStringList kDistributors = {QStringLiteral("anna"), QStringLiteral("carl")};
static const QStringList kAllButAdmin = {QStringLiteral("sam"), QStringLiteral("anna"), QStringLiteral("carl")};
static const QStringList kAnna = {QStringLiteral("anna")};
static const QStringList kCarl = {QStringLiteral("carl")};
static const QHash<QString, QStringList> kRefused = {
    {QStringLiteral("another branch's member"), kDistributors},
    {QStringLiteral("children"), kCarl},
    {QStringLiteral("the roots' children"), kDistributors},
    {QStringLiteral("path elsewhere"), kDistributors},
    {QStringLiteral("downline sizes elsewhere"), kDistributors},
    {QStringLiteral("members page"), kDistributors},
    {QStringLiteral("members page by name, descending, after a key"), kDistributors},
    {QStringLiteral("members page by join time after a key"), kDistributors},
    {QStringLiteral("members of a status"), kDistributors},
    {QStringLiteral("members count"), kDistributors},
    {QStringLiteral("own links"), kCarl},
    {QStringLiteral("links of CARL"), kAnna},
    {QStringLiteral("customers"), kDistributors},
    {QStringLiteral("customers of no store"), kDistributors},
    {QStringLiteral("orders of a member"), kAnna},
    {QStringLiteral("price list"), kDistributors},
    {QStringLiteral("users"), kAllButAdmin},
    {QStringLiteral("audit log"), kAllButAdmin},
    {QStringLiteral("catalog"), kAllButAdmin},
    {QStringLiteral("price list CSV"), kAllButAdmin},
    {QStringLiteral("API keys"), kAllButAdmin},
    {QStringLiteral("plan"), kAllButAdmin},
    {QStringLiteral("plan preview"), kAllButAdmin},
    {QStringLiteral("run preview"), kAllButAdmin},
    {QStringLiteral("a period not closed"), kAllButAdmin},
    {QStringLiteral("a run's pages"), kAllButAdmin},
    {QStringLiteral("a run never made"), kAllButAdmin},
    {QStringLiteral("payout of an open period"), kAllButAdmin},
    {QStringLiteral("own statement"), kCarl},
    {QStringLiteral("CARL's statement"), kAnna},
    {QStringLiteral("own statement's pages"), kCarl},
    {QStringLiteral("company dashboard"), kAllButAdmin},
    {QStringLiteral("ANNA's dashboard"), kCarl},
    {QStringLiteral("status change"), kDistributors},
    {QStringLiteral("termination"), kAllButAdmin},
    {QStringLiteral("contact edit"), kDistributors},
    {QStringLiteral("bad contact"), kDistributors},
    {QStringLiteral("move"), kAllButAdmin},
    {QStringLiteral("a cyclic move"), kAllButAdmin},
    {QStringLiteral("link"), kCarl},
    {QStringLiteral("link deactivated"), kCarl},
    {QStringLiteral("order entry"), kDistributors},
    {QStringLiteral("order entry of no product"), kDistributors},
    {QStringLiteral("order paid"), kDistributors},
    {QStringLiteral("user added"), kAllButAdmin},
    {QStringLiteral("user disabled"), kAllButAdmin},
    {QStringLiteral("user's password"), kAllButAdmin},
    {QStringLiteral("user's role"), kAllButAdmin},
    {QStringLiteral("tier"), kAllButAdmin},
    {QStringLiteral("product"), kAllButAdmin},
    {QStringLiteral("product edited"), kAllButAdmin},
    {QStringLiteral("prices"), kAllButAdmin},
    {QStringLiteral("price list CSV applied"), kAllButAdmin},
    {QStringLiteral("store"), kAllButAdmin},
    {QStringLiteral("store edited"), kAllButAdmin},
    {QStringLiteral("API key"), kAllButAdmin},
    {QStringLiteral("API key revoked"), kAllButAdmin},
    {QStringLiteral("plan saved"), kAllButAdmin},
    {QStringLiteral("a bad plan"), kAllButAdmin},
};
/// Operations whose refusal depends on data the table does not fix (whose order is the first one).
static const QStringList kUnfixed = {QStringLiteral("an order"), QStringLiteral("an order's position")};

/// Whether the answer agrees with the security table for this row.
static void checkSecurityTable(const QString &user, const QByteArray &answer)
{
    const QString tag = QString::fromLatin1(QTest::currentDataTag());
    const QString operation = tag.mid(tag.indexOf(QStringLiteral(": ")) + 2);
    if (kUnfixed.contains(operation))
        return;
    const bool refused = answer.startsWith("refused permission_denied");
    QVERIFY2(refused == kRefused.value(operation).contains(user), answer.left(300).constData());
}
static const QString kRemoteTag = QStringLiteral("Q7R");

ServerAddress TestContract::address() const
{
    return ServerAddress::parse(QStringLiteral("https://127.0.0.1:%1").arg(m_server->port()), m_tls.caFile()).value();
}

void TestContract::initTestCase()
{
    m_t = TestDatabase::create();
    QVERIFY(m_t);
    QVERIFY(loadSmallCompany(m_t->db()));
    Users users(m_t->db());
    for (const auto &[name, role, member] :
         {std::tuple{"ada", Role::Admin, ""}, std::tuple{"sam", Role::Support, ""},
          std::tuple{"anna", Role::Distributor, "ANNA"}, std::tuple{"carl", Role::Distributor, "CARL"},
          std::tuple{"pat", Role::Support, ""}}) {
        QVERIFY(users.add({QString::fromLatin1(name), kPassword, role, QString::fromLatin1(member)}, testActor()));
    }
    // The twins: members in ANNA's first line (one to change, one to terminate, one to move), an order each.
    Members members(m_t->db());
    for (const QString &tag : {kLocalTag, kRemoteTag}) {
        for (const char *prefix : {"M-", "T-", "V-"}) {
            NewMember m;
            m.code = QString::fromLatin1(prefix) + tag;
            m.name = QStringLiteral("Twin ") + m.code;
            m.email = m.code.toLower() + QStringLiteral("@example.com");
            m.sponsorCode = QStringLiteral("ANNA");
            m.joinedAt = parseIsoTimestamp(u"2026-10-01T08:00:00Z");
            QVERIFY2(members.registerMember(m, testActor()), qPrintable(m.code));
        }
        NewOrder order;
        order.storeCode = QStringLiteral("-");
        order.externalId = QStringLiteral("O-") + tag;
        order.buyerMemberCode = QStringLiteral("M-") + tag;
        order.lines = {{QStringLiteral("VITA-1"), 1, {}}};
        order.createdAt = parseIsoTimestamp(u"2026-10-02T08:00:00Z");
        auto made = Orders(m_t->db()).submit(order, testActor());
        QVERIFY2(made, why(made).constData());
        m_orderOf.insert(tag, made->order.id);
    }

    // A paid order in September for the close over the server.
    NewOrder september;
    september.storeCode = QStringLiteral("-");
    september.externalId = QStringLiteral("O-SEPTEMBER");
    september.buyerMemberCode = QStringLiteral("DORA");
    september.lines = {{QStringLiteral("VITA-1"), 3, {}}};
    september.createdAt = parseIsoTimestamp(u"2026-09-10T08:00:00Z");
    september.status = OrderStatus::Paid;
    september.paidAt = september.createdAt;
    auto paid = Orders(m_t->db()).submit(september, testActor());
    QVERIFY2(paid, why(paid).constData());

    QString error;
    QVERIFY2(m_tls.make(&error), qPrintable(error));
    m_server = ServerProcess::start(m_t->url(), m_tls.serverArguments(), &error);
    QVERIFY2(m_server, qPrintable(error));
    for (const QString &name : kUsers) {
        auto user = users.byName(name);
        QVERIFY(user);
        auto remote = RemoteOffice::signIn(address(), name, kPassword);
        QVERIFY2(remote, why(remote).constData());
        QCOMPARE(remote.value()->user().username, user->username);
        QCOMPARE(remote.value()->user().role, user->role);
        QCOMPARE(remote.value()->user().memberCode, user->memberCode);
        QCOMPARE(remote.value()->user().memberId, user->memberId);
        m_remote.insert(name, remote.value().get());
        m_remoteOwned[name] = std::move(remote.value());
        auto session = std::make_unique<Session>(m_t->db(), user.value());
        m_local.insert(name, session.get());
        m_localOwned[name] = std::move(session);
    }
}

void TestContract::cleanupTestCase()
{
    m_remoteOwned.clear();
    if (m_server)
        QCOMPARE(m_server->stop(), 0);
}

void TestContract::table(const QList<std::pair<const char *, Operation>> &operations)
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<Operation>("operation");
    for (const auto &[name, operation] : operations) {
        for (const QString &user : kUsers)
            QTest::newRow(qPrintable(user + QStringLiteral(": ") + QString::fromLatin1(name))) << user << operation;
    }
}

void TestContract::readsAgree_data()
{
    const auto idOf = [this](const QString &code) { return Members(m_t->db()).byCode(code)->id; };
    const auto firstOrder = [this]() { return Orders(m_t->db()).page({}, 0, 1)->first().id; };
    table({
        {"tree roots", [](Office &o, const QString &) { return canon(o.treeRoots()); }},
        {"a member", [](Office &o, const QString &) { return canon(o.member(QStringLiteral("DORA"))); }},
        {"another branch's member", [](Office &o, const QString &) { return canon(o.member(QStringLiteral("FRED"))); }},
        {"no such member", [](Office &o, const QString &) { return canon(o.member(QStringLiteral("NOPE"))); }},
        {"children", [](Office &o, const QString &) { return canon(o.children(QStringLiteral("ANNA"))); }},
        {"the roots' children", [](Office &o, const QString &) { return canon(o.children(QStringLiteral("ROOT"))); }},
        {"search by name", [](Office &o, const QString &) { return canon(o.search(QStringLiteral("d"), 20)); }},
        {"search by email",
         [](Office &o, const QString &) { return canon(o.search(QStringLiteral("fred@example.com"))); }},
        {"search with odd characters",
         [](Office &o, const QString &) { return canon(o.search(QStringLiteral("a&b=c+d%/é"), 5)); }},
        {"path", [](Office &o, const QString &) { return canon(o.pathTo(QStringLiteral("DORA"))); }},
        {"path elsewhere", [](Office &o, const QString &) { return canon(o.pathTo(QStringLiteral("FRED"))); }},
        {"status history", [](Office &o, const QString &) { return canon(o.statusHistory(QStringLiteral("DORA"))); }},
        {"downline sizes",
         [](Office &o, const QString &) {
             auto sizes = o.downlineSizes({QStringLiteral("CARL"), QStringLiteral("DORA")});
             return sizes ? QByteArray::number(sizes->value(0)) + ',' + QByteArray::number(sizes->value(1))
                          : refusal(sizes.error());
         }},
        {"too many downline sizes",
         [](Office &o, const QString &) {
             auto sizes = o.downlineSizes(QStringList(Office::kMaxSizesAsked + 1, QStringLiteral("ANNA")));
             return sizes ? QByteArray("answered") : refusal(sizes.error());
         }},
        {"downline sizes elsewhere",
         [](Office &o, const QString &) {
             auto sizes = o.downlineSizes({QStringLiteral("ANNA"), QStringLiteral("FRED")});
             return sizes ? QByteArray::number(sizes->value(0)) + ',' + QByteArray::number(sizes->value(1))
                          : refusal(sizes.error());
         }},
        {"members page",
         [](Office &o, const QString &) { return canon(o.membersPage(MemberFilter{}, std::nullopt, 4)); }},
        {"members page by name, descending, after a key",
         [](Office &o, const QString &) {
             MemberFilter f;
             f.sortBy = MemberFilter::SortBy::ByName;
             f.descending = true;
             auto first = o.membersPage(f, std::nullopt, 2);
             if (!first)
                 return canon(first);
             return canon(o.membersPage(f, Members::keyOf(first->last(), f.sortBy), 3));
         }},
        {"members page by join time after a key",
         [](Office &o, const QString &) {
             MemberFilter f;
             f.sortBy = MemberFilter::SortBy::ByJoined;
             auto first = o.membersPage(f, std::nullopt, 3);
             if (!first)
                 return canon(first);
             return canon(o.membersPage(f, Members::keyOf(first->last(), f.sortBy), 3));
         }},
        {"members of a status",
         [](Office &o, const QString &) {
             MemberFilter f;
             f.status = MemberStatus::Distributor;
             f.text = QStringLiteral("c");
             return join({canon(o.membersPage(f, std::nullopt, 10)), canon(o.membersCount(f))});
         }},
        {"members count", [](Office &o, const QString &) { return canon(o.membersCount(MemberFilter{})); }},
        {"own links", [](Office &o, const QString &) { return canon(o.links(QStringLiteral("ANNA"))); }},
        {"links of CARL", [](Office &o, const QString &) { return canon(o.links(QStringLiteral("CARL"))); }},
        {"stores", [](Office &o, const QString &) { return canon(o.stores()); }},
        {"customers",
         [](Office &o, const QString &) { return canon(o.customers(QStringLiteral("shop"), QString(), 10)); }},
        {"customers of no store",
         [](Office &o, const QString &) { return canon(o.customers(QStringLiteral("nope"), QString(), 10)); }},
        {"orders", [](Office &o, const QString &) { return canon(o.ordersPage({}, 0, 100)); }},
        {"paid orders, a page after the first",
         [](Office &o, const QString &) {
             OrderFilter f;
             f.status = OrderStatus::Paid;
             auto first = o.ordersPage(f, 0, 2);
             if (!first || first->isEmpty())
                 return canon(first);
             return canon(o.ordersPage(f, first->last().id, 2));
         }},
        {"orders of a member",
         [idOf](Office &o, const QString &) {
             OrderFilter f;
             f.memberId = idOf(QStringLiteral("CARL"));
             return join({canon(o.ordersPage(f, 0, 10)), canon(o.ordersCount(f))});
         }},
        {"orders of a store",
         [](Office &o, const QString &) {
             OrderFilter f;
             f.storeCode = QStringLiteral("shop");
             return canon(o.ordersPage(f, 0, 10));
         }},
        {"orders count", [](Office &o, const QString &) { return canon(o.ordersCount({})); }},
        {"an order's position",
         [firstOrder](Office &o, const QString &) { return canon(o.orderIdAt({}, firstOrder(), true, 2)); }},
        {"an order", [firstOrder](Office &o, const QString &) { return canon(o.order(firstOrder())); }},
        {"no such order", [](Office &o, const QString &) { return canon(o.order(999999)); }},
        {"price list", [](Office &o, const QString &) { return canon(o.priceList(QStringLiteral("BOB"))); }},
        {"users", [](Office &o, const QString &) { return canon(o.users()); }},
        {"audit log",
         [](Office &o, const QString &) {
             AuditFilter f;
             f.actionPrefix = QStringLiteral("member.");
             return canon(o.auditPage(f, 0, 50));
         }},
        {"catalog", [](Office &o, const QString &) { return canon(o.catalog()); }},
        {"price list CSV", [](Office &o, const QString &) { return canon(o.priceListCsv()); }},
        {"API keys", [](Office &o, const QString &) { return canon(o.apiKeys(QString())); }},
        {"plan", [](Office &o, const QString &) { return canon(o.plan()); }},
        {"plan preview",
         [](Office &o, const QString &) {
             CompensationPlan plan;
             plan.levelsBp = {1500, 500};
             return canon(o.previewPlan(plan, kMonth));
         }},
        {"periods", [](Office &o, const QString &) { return canon(o.runPeriods()); }},
        {"run preview", [](Office &o, const QString &) { return canonRun(o, o.previewRun(kMonth)); }},
        {"a run's pages",
         [](Office &o, const QString &) {
             auto run = o.previewRun(kMonth);
             if (!run)
                 return refusal(run.error());
             return join({canon(o.runMembers(run->id, 0, 2)), canon(o.runMembers(run->id, 2, 1000)),
                          canon(o.runMembers(run->id, 1000, 5)), canon(o.runMembers(run->id, -1, 5)),
                          canon(o.runMembers(run->id, 0, 0)), canon(o.runMembers(run->id, 0, RunStore::kMaxPage + 1))});
         }},
        {"a run never made",
         [](Office &o, const QString &) { return canon(o.runMembers(QStringLiteral("nope"), 0, 10)); }},
        {"a period not closed", [](Office &o, const QString &) { return canonRun(o, o.closedRun(kMonth)); }},
        {"payout of an open period", [](Office &o, const QString &) { return canon(o.payoutCsv(kMonth)); }},
        {"own statement",
         [](Office &o, const QString &) { return canon(o.statement(kMonth, QStringLiteral("ANNA"))); }},
        {"CARL's statement",
         [](Office &o, const QString &) { return canon(o.statement(kMonth, QStringLiteral("CARL"))); }},
        {"own statement's pages",
         [](Office &o, const QString &) {
             const QString anna = QStringLiteral("ANNA");
             return join({canon(o.statement(kMonth, anna, 0, 1)), canon(o.statement(kMonth, anna, 1, 2)),
                          canon(o.statement(kMonth, anna, 50, 5)), canon(o.statement(kMonth, anna, 0, 0)),
                          canon(o.statement(kMonth, anna, -1, 5))});
         }},
        {"company dashboard", [](Office &o, const QString &) { return canon(o.dashboard(QString(), kMonth)); }},

        {"ANNA's dashboard",
         [](Office &o, const QString &) { return canon(o.dashboard(QStringLiteral("ANNA"), kMonth)); }},
    });
}

void TestContract::readsAgree()
{
    QFETCH(QString, user);
    QFETCH(Operation, operation);
    if (QByteArray(QTest::currentDataTag()) == "ada: downline sizes") // CARL > DORA, which has none
        QCOMPARE(operation(local(user), {}), QByteArray("1,0"));
    if (QByteArray(QTest::currentDataTag()).endsWith(": too many downline sizes"))
        QVERIFY(operation(local(user), {}).startsWith("refused invalid_request: at most 1000"));
    const QByteArray here = operation(local(user), {});
    const QByteArray there = operation(remote(user), {});
    QCOMPARE(there, here);
    checkSecurityTable(user, here);
}

void TestContract::writesAgree_data()
{
    const auto fixed = parseIsoTimestamp(u"2026-10-03T09:00:00Z").value();
    table({
        {"status change",
         [](Office &o, const QString &t) {
             return join({canon(o.changeStatus(QStringLiteral("M-") + t, MemberStatus::Distributor, QStringLiteral("up ") + t)),
                          canon(o.member(QStringLiteral("M-") + t))});
         }},
        {"termination",
         [](Office &o, const QString &t) {
             return join({canon(o.changeStatus(QStringLiteral("T-") + t, MemberStatus::Terminated, QStringLiteral("left"))),
                          canon(o.statusHistory(QStringLiteral("T-") + t))});
         }},
        {"contact edit",
         [](Office &o, const QString &t) {
             return join({canon(o.updateContact(QStringLiteral("M-") + t, QStringLiteral("Renamed ") + t,
                                                QStringLiteral("m-%1@example.org").arg(t), QStringLiteral("+49 30 1234"),
                                                QStringLiteral("DE"))),
                          canon(o.member(QStringLiteral("M-") + t))});
         }},
        {"bad contact",
         [](Office &o, const QString &t) {
             return canon(o.updateContact(QStringLiteral("M-") + t, QString(), QStringLiteral("not an email"),
                                          QString(), QString()));
         }},
        {"move", [](Office &o, const QString &t) { return canon(o.move(QStringLiteral("V-") + t, QStringLiteral("CARL"))); }},
        {"a cyclic move",
         [](Office &o, const QString &) { return canon(o.move(QStringLiteral("ANNA"), QStringLiteral("DORA"))); }},
        {"link",
         [](Office &o, const QString &t) {
             return canon(o.createLink(QStringLiteral("ANNA"), QStringLiteral("shop"), QStringLiteral("LK-") + t));
         }},
        {"link deactivated", [](Office &o, const QString &t) { return canon(o.deactivateLink(QStringLiteral("LK-") + t)); }},
        {"order entry",
         [](Office &o, const QString &t) {
             return canon(o.enterOrder(QStringLiteral("M-") + t, {{QStringLiteral("VITA-1"), 2, {}}}, OrderStatus::Pending));
         }},
        {"order entry of no product",
         [](Office &o, const QString &t) {
             return canon(o.enterOrder(QStringLiteral("M-") + t, {{QStringLiteral("NOPE"), 1, {}}}, OrderStatus::Paid));
         }},
        {"order paid",
         [this, fixed](Office &o, const QString &t) {
             return canon(o.changeOrderStatus(m_orderOf.value(t), OrderStatus::Paid, fixed));
         }},
        {"user added",
         [](Office &o, const QString &t) {
             return canon(o.addUser({QStringLiteral("u-") + t, kPassword, Role::Support, {}}));
         }},
        {"user disabled", [](Office &o, const QString &t) { return canon(o.setUserActive(QStringLiteral("u-") + t, false)); }},
        {"user's password",
         [](Office &o, const QString &t) {
             return canon(o.resetPassword(QStringLiteral("u-") + t, QStringLiteral("another-password")));
         }},
        {"user's role",
         [](Office &o, const QString &t) {
             QByteArray after = canon(o.setUserRole(QStringLiteral("u-") + t, Role::Distributor, QStringLiteral("M-") + t));
             if (auto all = o.users()) {
                 for (const User &u : all.value()) {
                     if (u.username == QStringLiteral("u-") + t.toLower())
                         after += canon(u);
                 }
             }
             return after;
         }},
        {"tier", [](Office &o, const QString &t) { return canon(o.addTier(QStringLiteral("t") + t, QStringLiteral("Tier"))); }},
        {"product",
         [](Office &o, const QString &t) {
             Product p;
             p.sku = QStringLiteral("P-") + t;
             p.name = QStringLiteral("Twin product");
             p.pv = 500;
             p.bv = 400;
             p.prices = {{QStringLiteral("retail"), 2500}, {QStringLiteral("distributor"), 1800}};
             return canon(o.addProduct(p));
         }},
        {"product edited",
         [](Office &o, const QString &t) {
             Product p;
             p.sku = QStringLiteral("P-") + t;
             p.name = QStringLiteral("Renamed product");
             p.pv = 600;
             p.bv = 450;
             p.active = false;
             return canon(o.updateProduct(p));
         }},
        {"prices",
         [](Office &o, const QString &t) {
             return canon(o.setPrices({{QStringLiteral("P-") + t, QStringLiteral("customer"), 2100},
                                       {QStringLiteral("P-") + t, QStringLiteral("retail"), std::nullopt}}));
         }},
        {"price list CSV applied",
         [](Office &o, const QString &t) {
             return canon(o.importPriceList(QByteArray("sku,name,retail\nP-") + t.toUtf8() + ",x,2600\n"));
         }},
        {"store",
         [](Office &o, const QString &t) {
             Store s;
             s.code = QStringLiteral("s-") + t.toLower();
             s.name = QStringLiteral("Twin store");
             s.baseUrl = QStringLiteral("https://twin.example.com");
             s.scenario = StoreScenario::SeparateChannel;
             s.linkTemplate = QStringLiteral("https://twin.example.com/?ref={code}");
             return canon(o.createStore(s));
         }},
        {"store edited",
         [](Office &o, const QString &t) {
             Store s;
             s.code = QStringLiteral("s-") + t.toLower();
             s.name = QStringLiteral("Renamed store");
             s.baseUrl = QStringLiteral("https://twin.example.com");
             s.scenario = StoreScenario::PersonalStorefront;
             s.linkTemplate = QStringLiteral("https://twin.example.com/{code}");
             return canon(o.updateStore(s));
         }},
        {"API key",
         [this](Office &o, const QString &t) {
             auto key = o.createApiKey(QStringLiteral("s-") + t.toLower(), QStringLiteral("twin key"));
             if (key)
                 m_keyOf.insert(t, key->key.prefix);
             return canon(key);
         }},
        {"API key revoked",
         [this](Office &o, const QString &t) {
             return canon(o.revokeApiKey(m_keyOf.value(t, QStringLiteral("mlm_nokey"))));
         }},
        {"plan saved",
         [](Office &o, const QString &) {
             CompensationPlan plan;
             plan.levelsBp = {1200, 600, 300};
             plan.qualificationPv = 5000;
             return join({canon(o.savePlan(plan)), canon(o.plan())});
         }},
        {"a bad plan",
         [](Office &o, const QString &) {
             CompensationPlan plan;
             plan.levelsBp = {-5};
             return canon(o.savePlan(plan));
         }},
    });
}

void TestContract::writesAgree()
{
    QFETCH(QString, user);
    QFETCH(Operation, operation);
    const QByteArray here = masked(operation(local(user), kLocalTag), kLocalTag);
    const QByteArray there = masked(operation(remote(user), kRemoteTag), kRemoteTag);
    QCOMPARE(there, here);
    checkSecurityTable(user, here);
}

void TestContract::closeOverTheServer()
{
    const Period september{2026, 9};
    for (const QString &user : {QStringLiteral("sam"), QStringLiteral("anna")}) {
        QCOMPARE(canonRun(remote(user), remote(user).closeRun(september)),
                 canonRun(local(user), local(user).closeRun(september)));
        QCOMPARE(canon(remote(user).payoutCsv(september)), canon(local(user).payoutCsv(september)));
    }
    Office &there = remote(QStringLiteral("ada")), &here = local(QStringLiteral("ada"));
    // Everybody qualifies, so that DORA's September order pays its uplines.
    auto plan = here.plan();
    QVERIFY(plan);
    plan->qualificationPv = 0;
    QVERIFY(here.savePlan(plan.value()));
    auto closed = there.closeRun(september);
    QVERIFY2(closed, why(closed).constData());
    QVERIFY(closed->closed);
    QVERIFY(closed->totals.members > 0);
    const QByteArray closedRun = canonRun(there, closed);
    QCOMPARE(closedRun, canonRun(here, here.closedRun(september)));
    QCOMPARE(canonRun(there, there.closedRun(september)), closedRun);
    auto payout = there.payoutCsv(september);
    QVERIFY2(payout, why(payout).constData());
    QVERIFY(payout->count('\n') > 1);
    QCOMPARE(canon(payout), canon(here.payoutCsv(september)));
    // Closed once: both refuse a second close alike.
    QCOMPARE(canonRun(there, there.closeRun(september)), canonRun(here, here.closeRun(september)));
}

void TestContract::theServerMustBeTrusted()
{
    const QString url = QStringLiteral("https://127.0.0.1:%1").arg(m_server->port());
    // Trusting the system's CAs only: refused, naming the certificate's fingerprint.
    auto untrusted = RemoteOffice::signIn(ServerAddress::parse(url).value(), QStringLiteral("ada"), kPassword);
    QVERIFY(!untrusted);
    QCOMPARE(untrusted.error().code, ErrorCode::PermissionDenied);
    const QSslCertificate cert = QSslCertificate::fromPath(m_tls.certFile()).value(0);
    const QString fingerprint = QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    QVERIFY2(untrusted.error().message.contains(fingerprint), qPrintable(untrusted.error().message));
    // Trusting another CA: refused the same way.
    TestTls other;
    QString error;
    QVERIFY2(other.make(&error), qPrintable(error));
    auto wrongCa = RemoteOffice::signIn(ServerAddress::parse(url, other.caFile()).value(), QStringLiteral("ada"), kPassword);
    QVERIFY(!wrongCa);
    QCOMPARE(wrongCa.error().code, ErrorCode::PermissionDenied);
    // Plain HTTP to the TLS port: no answer, a clean error.
    auto plain = RemoteOffice::signIn(ServerAddress::parse(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port())).value(),
                                      QStringLiteral("ada"), kPassword);
    QVERIFY(!plain);
    QCOMPARE(plain.error().code, ErrorCode::Unavailable);
    // Addresses and CA files that cannot be used are named.
    QCOMPARE(ServerAddress::parse(QStringLiteral("ftp://host")).error().code, ErrorCode::InvalidArgument);
    QVERIFY(ServerAddress::parse(QStringLiteral("https://host/x")).error().message.contains(QStringLiteral("no path")));
    QVERIFY(ServerAddress::parse(QStringLiteral("https://ada:secret@host")).error().message.contains(QStringLiteral("sign in")));
    QCOMPARE(ServerAddress::parse(QStringLiteral("  ")).error().code, ErrorCode::InvalidArgument);
    QVERIFY(ServerAddress::parse(url, m_tls.keyFile()).error().message.contains(QStringLiteral("no PEM certificate")));
    QVERIFY(ServerAddress::parse(url, QStringLiteral("/nonexistent/ca.pem")).error().message.contains(QStringLiteral("cannot read")));
    QCOMPARE(ServerAddress::parse(QStringLiteral("office.example.com:8443"))->url.scheme(), QStringLiteral("https"));
    QVERIFY(m_server->isRunning());
}

void TestContract::signInRefusalsAgree()
{
    // A wrong password and an unknown user: the same Unauthenticated message as the server's own.
    auto wrong = RemoteOffice::signIn(address(), QStringLiteral("pat"), QStringLiteral("wrong-password"));
    auto unknown = RemoteOffice::signIn(address(), QStringLiteral("nobody"), QStringLiteral("wrong-password"));
    QVERIFY(!wrong && !unknown);
    QCOMPARE(wrong.error().code, ErrorCode::Unauthenticated);
    QCOMPARE(unknown.error().code, ErrorCode::Unauthenticated);
    QCOMPARE(wrong.error().message, unknown.error().message);
    // The throttle comes back as Throttled with the seconds to wait.
    for (int i = 0; i < 5; ++i)
        (void)RemoteOffice::signIn(address(), QStringLiteral("pat"), QStringLiteral("wrong-password"));
    auto locked = RemoteOffice::signIn(address(), QStringLiteral("pat"), kPassword);
    QVERIFY(!locked);
    QCOMPARE(locked.error().code, ErrorCode::Throttled);
    QVERIFY(locked.error().retryAfterSeconds > 0);
}

void TestContract::signOutAndPasswordChange()
{
    QVERIFY(Users(m_t->db()).add({QStringLiteral("olga"), kPassword, Role::Support, {}}, testActor()));
    auto olga = RemoteOffice::signIn(address(), QStringLiteral("olga"), kPassword);
    QVERIFY2(olga, why(olga).constData());
    auto second = olga.value()->another();
    QVERIFY(second->member(QStringLiteral("ANNA")));
    // A new password: this sign-in goes on with its new token, in every RemoteOffice of it.
    QVERIFY(olga.value()->changePassword(kPassword, QStringLiteral("a-new-password")));
    QVERIFY(olga.value()->member(QStringLiteral("ANNA")));
    QVERIFY(second->member(QStringLiteral("ANNA")));
    QCOMPARE(olga.value()->changePassword(kPassword, QStringLiteral("x-new-password")).error().code,
             ErrorCode::PermissionDenied); // the old password is not right any more
    // Signed out: every call is refused as unauthenticated, in both.
    QVERIFY(olga.value()->signOut());
    QCOMPARE(olga.value()->member(QStringLiteral("ANNA")).error().code, ErrorCode::Unauthenticated);
    QCOMPARE(second->member(QStringLiteral("ANNA")).error().code, ErrorCode::Unauthenticated);
    QVERIFY(RemoteOffice::signIn(address(), QStringLiteral("olga"), QStringLiteral("a-new-password")));
}

void TestContract::longOperationsWithProgressAndCancel()
{
    // A company big enough that its preview takes a while on the server: progress comes, and a cancel is in time.
    auto big = TestDatabase::create();
    QVERIFY(big);
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("company.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    SyntheticCompany::Parameters p;
    p.members = 60000;
    p.orders = 120000;
    p.months = 1;
    QVERIFY(SyntheticCompany::write(p, file));
    file.close();
    QVERIFY(DatasetImporter(big->db()).importFile(file.fileName(), testActor()));
    QVERIFY(Users(big->db()).add({QStringLiteral("boss"), kPassword, Role::Admin, {}}, testActor()));
    QString error;
    auto server = ServerProcess::start(big->url(), m_tls.serverArguments(), &error);
    QVERIFY2(server, qPrintable(error));
    auto remote = RemoteOffice::signIn(
        ServerAddress::parse(QStringLiteral("https://127.0.0.1:%1").arg(server->port()), m_tls.caFile()).value(),
        QStringLiteral("boss"), kPassword);
    QVERIFY2(remote, why(remote).constData());
    Session local(big->db(), Users(big->db()).byName(QStringLiteral("boss")).value());

    QStringList stages;
    auto there = remote.value()->previewRun(kMonth, [&](const QString &stage, qint64 done, qint64 total) {
        stages << stage;
        return done <= total || total == 0;
    });
    QVERIFY2(there, why(there).constData());
    QVERIFY2(!stages.isEmpty() && !stages.first().isEmpty(), qPrintable(stages.join(u',')));
    QCOMPARE(canonRun(*remote.value(), there), canonRun(local, local.previewRun(kMonth)));

    // Cancelled at its first report: the same refusal as a cancelled local preview, and a close leaves no run.
    const auto stop = [](const QString &, qint64, qint64) { return false; };
    QCOMPARE(canonRun(*remote.value(), remote.value()->previewRun(kMonth, stop)),
             canonRun(local, local.previewRun(kMonth, stop)));
    QCOMPARE(canonRun(*remote.value(), remote.value()->closeRun(kMonth, stop)),
             QByteArray("refused failed_precondition: the run was cancelled"));
    QCOMPARE(local.closedRun(kMonth).error().code, ErrorCode::NotFound);
    QCOMPARE(canon(remote.value()->dashboard(QString(), kMonth, stop)),
             canon(local.dashboard(QString(), kMonth, stop)));
    // And a close that runs to its end.
    auto closed = remote.value()->closeRun(kMonth);
    QVERIFY2(closed, why(closed).constData());
    QCOMPARE(canonRun(*remote.value(), closed), canonRun(local, local.closedRun(kMonth)));
    QCOMPARE(server->stop(), 0);
}

QTEST_GUILESS_MAIN(TestContract)
#include "tst_contract.moc"
