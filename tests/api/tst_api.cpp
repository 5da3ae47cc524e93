// The store API end to end: a real mlm-server process on a loopback port, a real database (SQLite, and
// PostgreSQL in CI), HTTP on the wire. Checks what the server answers and what it wrote.
#include "HttpClient.h"
#include "ServerProcess.h"
#include "TestTls.h"
#include "TestData.h"
#include "TestDatabase.h"

#include "api/StoreApi.h"
#include "auth/ApiKeys.h"
#include "catalog/Catalog.h"
#include "compensation/CommissionRuns.h"
#include "genealogy/Members.h"
#include "orders/Orders.h"
#include "storage/Migrations.h"
#include "stores/Stores.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace mlm;
using namespace mlm::test;

namespace {

/// A raw TCP connection to the server from a loopback address of the test's choice (127.0.0.0/8 is all loopback),
/// as several clients on one machine; -1 if it cannot connect.
int connectFrom(const char *source, quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &from.sin_addr);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&from), sizeof from) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr *>(&to), sizeof to) != 0) {
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    return fd;
}

/// What the server sends on `fd` until it closes the connection or `ms` pass; `closed` tells which.
QByteArray readUntilClosed(int fd, int ms, bool *closed)
{
    QByteArray got;
    *closed = false;
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, int(std::max<qint64>(1, deadline.remainingTime()))) <= 0)
            continue;
        char buffer[4096];
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) {
            *closed = true;
            break;
        }
        got.append(buffer, n);
    }
    return got;
}

const QByteArray kHealthRequest = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";

/// One HTTPS request on a new connection that trusts `ca` only (none: the system's CAs): the status, or 0 with
/// `error` set when the connection is refused (the certificate not trusted).
int httpsGet(quint16 port, const QList<QSslCertificate> &ca, const QByteArray &path, const QByteArray &key,
             QString *error)
{
    QSslSocket socket;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (!ca.isEmpty())
        configuration.setCaCertificates(ca);
    socket.setSslConfiguration(configuration);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port, QStringLiteral("localhost"));
    if (!socket.waitForEncrypted(10000)) {
        QStringList errors;
        for (const QSslError &e : socket.sslHandshakeErrors())
            errors << e.errorString();
        *error = socket.errorString() + u' ' + errors.join(u"; ");
        return 0;
    }
    socket.write("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key + "\r\n\r\n");
    QByteArray answer;
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        const qsizetype end = answer.indexOf("\r\n\r\n");
        if (end > 0) {
            const qsizetype at = answer.toLower().indexOf("content-length: ");
            const qsizetype length = at > 0 ? answer.mid(at + 16, answer.indexOf('\r', at) - at - 16).toLongLong() : 0;
            if (answer.size() >= end + 4 + length)
                return answer.mid(9, 3).toInt();
        }
        if (!socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            break;
        answer += socket.readAll();
    }
    *error = QStringLiteral("no whole answer: ") + QString::fromLatin1(answer.left(200));
    return 0;
}

} // namespace

class TestApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void health();
    void authentication();
    void keysOnTheCommandLine();
    void otherStoresData();
    void ownStore();
    void distributorChannel();
    void personalStorefront();
    void separateChannel();
    void orderLifecycle();
    void aStoreLearnsNothingOfMembersByEmail();
    void ordersAreNotDatedIntoClosedMonthsOrFarAway();
    void catalogEditsCountAtTheNextRequest();
    void badInput_data();
    void badInput();
    void oversizedBodyIsRefusedBeforeItIsRead();
    void concurrentSubmissionsMakeOneOrder();
    void twoServersShareOneDatabase();
    void secondServerOnTheSamePortIsRefused();
    void connectionsAreCapped();
    void slowAndIdleConnectionsAreClosed();
    void anotherWriterDoesNotStallTheServer();
    void httpsWithTheServersOwnCertificate();
    void accessLogKeepsSecretsOut();
    void refusesBadStart();

private:
    QByteArray issueKey(const QString &store);
    /// The catalog answer's product at `index` (products come sorted by sku: TEA, VITA-1).
    static QJsonObject product(const HttpReply &reply, int index)
    {
        return reply.json().value(QStringLiteral("products")).toArray().at(index).toObject();
    }
    QByteArray ordersPath(const QString &externalId) const
    {
        return "/api/v1/orders/" + QUrl::toPercentEncoding(externalId);
    }

    std::unique_ptr<TestDatabase> m_t;
    std::unique_ptr<ServerProcess> m_server;
    QByteArray m_shopKey;   // distributor_channel
    QByteArray m_myKey;     // personal_storefront
    QByteArray m_outletKey; // separate_channel
};

QByteArray TestApi::issueKey(const QString &store)
{
    auto issued = ApiKeys(m_t->db()).create(store, QStringLiteral("tests"), testActor());
    if (!issued)
        qFatal("%s", qPrintable(issued.error().message));
    return issued->token.toLatin1();
}

void TestApi::initTestCase()
{
    m_t = TestDatabase::create();
    QVERIFY(m_t);
    QVERIFY(loadSmallCompany(m_t->db()));
    m_shopKey = issueKey(QStringLiteral("shop"));
    m_myKey = issueKey(QStringLiteral("my"));
    m_outletKey = issueKey(QStringLiteral("outlet"));
    QString error;
    m_server = ServerProcess::start(m_t->url(), {}, &error);
    QVERIFY2(m_server, qPrintable(error));
}

void TestApi::cleanupTestCase()
{
    if (m_server)
        QCOMPARE(m_server->stop(), 0); // SIGTERM ends it cleanly
}

void TestApi::health()
{
    HttpClient client(m_server->port());
    const HttpReply reply = client.get("/api/v1/health");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(reply.json().value(QStringLiteral("schema_version")).toInt(), Migrations::latestVersion());
    // The connection is kept alive: a second request on it is answered too.
    QCOMPARE(client.get("/api/v1/health").status, 200);
}

void TestApi::authentication()
{
    HttpClient anonymous(m_server->port());
    HttpReply reply = anonymous.get("/api/v1/catalog");
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("unauthenticated"));
    QVERIFY(reply.headers.value("www-authenticate").startsWith("Bearer"));

    HttpClient forged(m_server->port(), m_shopKey.left(m_shopKey.size() - 1) + (m_shopKey.endsWith('a') ? "b" : "a"));
    QCOMPARE(forged.get("/api/v1/catalog").status, 401);
    HttpClient garbage(m_server->port(), "' OR 1=1 --");
    QCOMPARE(garbage.get("/api/v1/catalog").status, 401);

    const QByteArray key = issueKey(QStringLiteral("shop"));
    HttpClient client(m_server->port(), key);
    QCOMPARE(client.get("/api/v1/catalog").status, 200);
    const QString prefix = QString::fromLatin1(key.split('_').value(1));
    QVERIFY(ApiKeys(m_t->db()).revoke(prefix, testActor()));
    reply = client.get("/api/v1/catalog");
    QCOMPARE(reply.status, 401); // revoked keys stop at once: nothing is cached in the server
    QCOMPARE(reply.errorCode(), QStringLiteral("unauthenticated"));

    // Only a salted hash is stored: the secret part of the key appears nowhere in the database.
    const QString secret = QString::fromLatin1(key.split('_').value(2));
    QVERIFY(!TestDatabase::fingerprint(m_t->db()).contains(secret));
}

void TestApi::keysOnTheCommandLine()
{
    auto mlmctl = [&](const QStringList &args, QByteArray *out) {
        QProcess p;
        p.start(QStringLiteral(MLMCTL_PATH), QStringList{QStringLiteral("--db"), m_t->url()} + args);
        p.waitForFinished(30000);
        *out = p.readAllStandardOutput();
        return p.exitCode();
    };
    QByteArray out;
    QCOMPARE(
        mlmctl({QStringLiteral("store"), QStringLiteral("key"), QStringLiteral("create"), QStringLiteral("--store"),
                QStringLiteral("outlet"), QStringLiteral("--label"), QStringLiteral("plugin")},
               &out),
        0);
    const QByteArray key = out.trimmed();
    QVERIFY(key.startsWith("mlm_"));
    HttpClient client(m_server->port(), key);
    QCOMPARE(client.get("/api/v1/catalog").json().value(QStringLiteral("store")).toString(), QStringLiteral("outlet"));

    const QByteArray prefix = key.split('_').value(1);
    QCOMPARE(mlmctl({QStringLiteral("store"), QStringLiteral("key"), QStringLiteral("list"), QStringLiteral("--store"),
                     QStringLiteral("outlet")},
                    &out),
             0);
    QVERIFY(out.contains(prefix + "\toutlet"));
    QVERIFY(!out.contains(key.split('_').value(2))); // lists never show the secret
    QCOMPARE(
        mlmctl({QStringLiteral("store"), QStringLiteral("key"), QStringLiteral("revoke"), QString::fromLatin1(prefix)},
               &out),
        0);
    QCOMPARE(client.get("/api/v1/catalog").status, 401);
    QCOMPARE(
        mlmctl({QStringLiteral("store"), QStringLiteral("key"), QStringLiteral("revoke"), QString::fromLatin1(prefix)},
               &out),
        1); // twice is refused
    QCOMPARE(mlmctl({QStringLiteral("store"), QStringLiteral("key"), QStringLiteral("create"),
                     QStringLiteral("--store"), QStringLiteral("nope")},
                    &out),
             1);
}

void TestApi::otherStoresData()
{
    HttpClient shop(m_server->port(), m_shopKey);
    // ANNA-MY is a link of the storefront store, not of the shop.
    HttpReply reply = shop.get("/api/v1/links/ANNA-MY");
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.errorCode(), QStringLiteral("permission_denied"));
    // Naming another store in a body or query is refused, and nothing is written.
    const QString before = TestDatabase::fingerprint(m_t->db());
    reply = shop.post(
        "/api/v1/orders",
        QJsonObject{{QStringLiteral("store"), QStringLiteral("my")},
                    {QStringLiteral("external_id"), QStringLiteral("X-403")},
                    {QStringLiteral("buyer"), QJsonObject{{QStringLiteral("member"), QStringLiteral("BOB")}}},
                    {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("TEA")},
                                                                     {QStringLiteral("qty"), 1}}}}});
    QCOMPARE(reply.status, 403);
    QCOMPARE(shop.get("/api/v1/catalog?store=my").status, 403);
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
    // Another store's order or customer is simply not there for this key.
    QCOMPARE(shop.get("/api/v1/orders/S-1").status, 404);
    QCOMPARE(shop.get("/api/v1/catalog?customer=zoe%40example.net").status, 404);
    HttpClient my(m_server->port(), m_myKey);
    QCOMPARE(my.get("/api/v1/orders/S-1").status, 200);
}

void TestApi::ownStore()
{
    // A plugin reads its store's scenario, pinned tier and currency instead of being told them a second time.
    struct Expected
    {
        QByteArray key;
        QString code, scenario;
        QJsonValue pinned;
        bool defaultSponsor;
    };
    const QList<Expected> stores{
        {m_shopKey, QStringLiteral("shop"), QStringLiteral("distributor_channel"), QJsonValue::Null, true},
        {m_myKey, QStringLiteral("my"), QStringLiteral("personal_storefront"), QJsonValue::Null, false},
        {m_outletKey, QStringLiteral("outlet"), QStringLiteral("separate_channel"), QStringLiteral("retail"), false}};
    for (const Expected &e : stores) {
        HttpReply reply = HttpClient(m_server->port(), e.key).get("/api/v1/store");
        QCOMPARE(reply.status, 200);
        const QJsonObject store = reply.json();
        QCOMPARE(store.value(QStringLiteral("code")).toString(), e.code);
        QCOMPARE(store.value(QStringLiteral("scenario")).toString(), e.scenario);
        QCOMPARE(store.value(QStringLiteral("pinned_tier")), e.pinned);
        QCOMPARE(store.value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
        QCOMPARE(store.value(QStringLiteral("has_default_sponsor")).toBool(), e.defaultSponsor);
        QVERIFY(store.value(QStringLiteral("link_template")).toString().contains(QStringLiteral("{code}")));
    }
    QCOMPARE(HttpClient(m_server->port(), QByteArray()).get("/api/v1/store").status, 401);
    QCOMPARE(HttpClient(m_server->port(), m_shopKey).post("/api/v1/store", QJsonObject{}).status, 405);
}

void TestApi::distributorChannel()
{
    HttpClient shop(m_server->port(), m_shopKey);
    HttpReply reply = shop.get("/api/v1/links/anna-shop"); // codes are case-insensitive
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("owner")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("ANNA"));
    QCOMPARE(reply.json().value(QStringLiteral("url")).toString(),
             QStringLiteral("https://shop.example.com/?ref=ANNA-SHOP"));
    QCOMPARE(shop.get("/api/v1/links/NO-SUCH").status, 404);

    // Registration through ANNA's link: a member in status customer in ANNA's first line.
    reply = shop.post("/api/v1/registrations", QJsonObject{{QStringLiteral("email"), QStringLiteral("Kim@Example.com")},
                                                           {QStringLiteral("name"), QStringLiteral("Kim Lee")},
                                                           {QStringLiteral("ref"), QStringLiteral("ANNA-SHOP")}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json().value(QStringLiteral("type")).toString(), QStringLiteral("member"));
    const QJsonObject kim = reply.json().value(QStringLiteral("member")).toObject();
    QCOMPARE(kim.value(QStringLiteral("status")).toString(), QStringLiteral("customer"));
    QCOMPARE(kim.value(QStringLiteral("sponsor")).toString(), QStringLiteral("ANNA"));
    const QString kimCode = kim.value(QStringLiteral("code")).toString();
    auto stored = Members(m_t->db()).byCode(kimCode);
    QVERIFY(stored);
    QCOMPARE(stored->sponsorCode, QStringLiteral("ANNA"));
    QCOMPARE(stored->status, MemberStatus::Customer);

    // The same email again (any case, another link): the existing member, its sponsor kept.
    reply = shop.post("/api/v1/registrations", QJsonObject{{QStringLiteral("email"), QStringLiteral("kim@example.com")},
                                                           {QStringLiteral("name"), QStringLiteral("Kim Again")}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("created")).toBool(), false);
    QCOMPARE(reply.json().value(QStringLiteral("member")).toObject().value(QStringLiteral("code")).toString(), kimCode);
    QCOMPARE(Members(m_t->db()).byCode(kimCode)->sponsorCode, QStringLiteral("ANNA"));

    // Without a referral code (or with one that does not resolve): under the store's default sponsor.
    reply = shop.post("/api/v1/registrations", QJsonObject{{QStringLiteral("email"), QStringLiteral("lou@example.com")},
                                                           {QStringLiteral("name"), QStringLiteral("Lou")},
                                                           {QStringLiteral("ref"), QStringLiteral("OLD-LINK")}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json().value(QStringLiteral("member")).toObject().value(QStringLiteral("sponsor")).toString(),
             QStringLiteral("ROOT"));
    // "Join as a distributor".
    reply =
        shop.post("/api/v1/registrations", QJsonObject{{QStringLiteral("email"), QStringLiteral("max@example.com")},
                                                       {QStringLiteral("name"), QStringLiteral("Max")},
                                                       {QStringLiteral("member_status"), QStringLiteral("distributor")},
                                                       {QStringLiteral("member_code"), QStringLiteral("MAX-1")}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(Members(m_t->db()).byCode(QStringLiteral("MAX-1"))->status, MemberStatus::Distributor);

    // Prices by the buyer's status: customer tier for Kim, distributor tier for ANNA, retail for suspended DORA.
    reply = shop.get("/api/v1/catalog?member=" + kimCode.toLatin1());
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("tier")).toString(), QStringLiteral("customer"));
    QJsonArray products = reply.json().value(QStringLiteral("products")).toArray();
    QCOMPARE(products.size(), 2); // the inactive product is not offered
    QJsonObject vita = products.at(1).toObject();
    QCOMPARE(vita.value(QStringLiteral("sku")).toString(), QStringLiteral("VITA-1"));
    QCOMPARE(vita.value(QStringLiteral("unit_price")).toInteger(), 2700);
    QCOMPARE(vita.value(QStringLiteral("retail_price")).toInteger(), 3000);
    QCOMPARE(vita.value(QStringLiteral("pv")).toInteger(), 2500);
    QCOMPARE(products.at(0).toObject().value(QStringLiteral("unit_price")).toInteger(), 1000); // TEA: retail fallback
    reply = shop.get("/api/v1/catalog?member=ANNA");
    QCOMPARE(reply.json().value(QStringLiteral("tier")).toString(), QStringLiteral("distributor"));
    QCOMPARE(product(reply, 1).value(QStringLiteral("unit_price")).toInteger(), 2100);
    QCOMPARE(shop.get("/api/v1/catalog?member=DORA").json().value(QStringLiteral("tier")).toString(),
             QStringLiteral("retail"));
    QCOMPARE(shop.get("/api/v1/catalog?member=EVE").status, 409); // terminated: may not buy
    QCOMPARE(shop.get("/api/v1/catalog?member=NOBODY").status, 404);
    reply = shop.get("/api/v1/catalog");
    QCOMPARE(reply.json().value(QStringLiteral("tier")).toString(), QStringLiteral("retail"));
    QVERIFY(!product(reply, 1).contains(QStringLiteral("pv")));

    // Kim orders: credited to Kim, at the customer tier; ANNA's upline earns from it.
    const QJsonObject order{
        {QStringLiteral("external_id"), QStringLiteral("K-1")},
        {QStringLiteral("buyer"), QJsonObject{{QStringLiteral("member"), kimCode}}},
        {QStringLiteral("status"), QStringLiteral("paid")},
        {QStringLiteral("paid_at"), QStringLiteral("2026-11-02T10:00:00Z")},
        {QStringLiteral("lines"),
         QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("VITA-1")}, {QStringLiteral("qty"), 2}},
                    QJsonObject{{QStringLiteral("sku"), QStringLiteral("TEA")}, {QStringLiteral("qty"), 1}}}}};
    reply = shop.post("/api/v1/orders", order);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json().value(QStringLiteral("tier")).toString(), QStringLiteral("customer"));
    QCOMPARE(reply.json().value(QStringLiteral("total")).toInteger(), 2 * 2700 + 1000);
    QCOMPARE(reply.json().value(QStringLiteral("pv")).toInteger(), 2 * 2500 + 800);
    QCOMPARE(reply.json().value(QStringLiteral("credited_member")).toString(), kimCode);
    QCOMPARE(reply.headers.value("location"), QByteArray("/api/v1/orders/K-1"));
    auto found = Orders(m_t->db()).find(QStringLiteral("shop"), QStringLiteral("K-1"));
    QVERIFY(found);
    QCOMPARE(found->creditedMemberCode, kimCode);
    QCOMPARE(found->createdBy, QStringLiteral("api:store:shop"));
    QCOMPARE(found->totalPrice, Money(2 * 2700 + 1000));
    QCOMPARE(found->status, OrderStatus::Paid);
    QCOMPARE(*found->paidAt, parseIsoTimestamp(u"2026-11-02T10:00:00Z").value());

    // Idempotent: the same content again is the same order; other content under the same id is a conflict.
    const QString before = TestDatabase::fingerprint(m_t->db());
    reply = shop.post("/api/v1/orders", order);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("total")).toInteger(), 2 * 2700 + 1000);
    QJsonObject changed = order;
    changed.insert(QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("VITA-1")},
                                                                   {QStringLiteral("qty"), 3}}});
    reply = shop.post("/api/v1/orders", changed);
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.errorCode(), QStringLiteral("conflict"));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestApi::personalStorefront()
{
    HttpClient my(m_server->port(), m_myKey);
    QCOMPARE(my.get("/api/v1/links/ANNA-MY").json().value(QStringLiteral("url")).toString(),
             QStringLiteral("https://ANNA-MY.my.example.com/"));
    HttpReply reply =
        my.post("/api/v1/registrations", QJsonObject{{QStringLiteral("email"), QStringLiteral("nia@example.net")},
                                                     {QStringLiteral("name"), QStringLiteral("Nia")},
                                                     {QStringLiteral("ref"), QStringLiteral("ANNA-MY")}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json().value(QStringLiteral("type")).toString(), QStringLiteral("customer"));
    QCOMPARE(reply.json().value(QStringLiteral("customer")).toObject().value(QStringLiteral("owner")).toString(),
             QStringLiteral("ANNA"));
    QVERIFY(!Members(m_t->db()).byEmail(QStringLiteral("nia@example.net")).value()); // never placed in the network
    // Customer protection: a later visit through EVE's link keeps ANNA as the owner.
    reply = my.post("/api/v1/registrations", QJsonObject{{QStringLiteral("email"), QStringLiteral("NIA@example.net")},
                                                         {QStringLiteral("name"), QStringLiteral("Nia")},
                                                         {QStringLiteral("ref"), QStringLiteral("EVE-MY")}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("customer")).toObject().value(QStringLiteral("owner")).toString(),
             QStringLiteral("ANNA"));

    reply = my.get("/api/v1/catalog?customer=nia%40example.net");
    QCOMPARE(reply.json().value(QStringLiteral("tier")).toString(), QStringLiteral("retail"));
    QCOMPARE(product(reply, 1).value(QStringLiteral("unit_price")).toInteger(), 3000);
    QVERIFY(!product(reply, 1).contains(QStringLiteral("pv")));

    reply = my.post(
        "/api/v1/orders",
        QJsonObject{
            {QStringLiteral("external_id"), QStringLiteral("N-1")},
            {QStringLiteral("buyer"), QJsonObject{{QStringLiteral("customer"), QStringLiteral("nia@example.net")}}},
            {QStringLiteral("status"), QStringLiteral("paid")},
            {QStringLiteral("lines"),
             QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("VITA-1")}, {QStringLiteral("qty"), 1}}}}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json().value(QStringLiteral("tier")).toString(), QStringLiteral("retail"));
    QCOMPARE(reply.json().value(QStringLiteral("credited_member")).toString(), QStringLiteral("ANNA"));
    auto found = Orders(m_t->db()).find(QStringLiteral("my"), QStringLiteral("N-1"));
    QVERIFY(found);
    QCOMPARE(found->creditedMemberCode, QStringLiteral("ANNA"));
    QCOMPARE(found->totalPrice, Money(3000));
    QCOMPARE(found->totalPv, Volume(2500));
    QCOMPARE(my.post("/api/v1/orders",
                     QJsonObject{{QStringLiteral("external_id"), QStringLiteral("N-2")},
                                 {QStringLiteral("buyer"),
                                  QJsonObject{{QStringLiteral("customer"), QStringLiteral("stranger@example.net")}}},
                                 {QStringLiteral("lines"),
                                  QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("TEA")},
                                                         {QStringLiteral("qty"), 1}}}}})
                 .status,
             400); // an unregistered buyer
}

void TestApi::separateChannel()
{
    HttpClient outlet(m_server->port(), m_outletKey);
    HttpReply reply =
        outlet.post("/api/v1/registrations", QJsonObject{{QStringLiteral("email"), QStringLiteral("ola@example.net")},
                                                         {QStringLiteral("name"), QStringLiteral("Ola")},
                                                         {QStringLiteral("ref"), QStringLiteral("ANNA-SHOP")}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json().value(QStringLiteral("type")).toString(), QStringLiteral("customer"));
    QVERIFY(
        reply.json().value(QStringLiteral("customer")).toObject().value(QStringLiteral("owner")).isNull()); // nobody's
    // The "join us" page: a distributor's link makes a member under that distributor.
    reply = outlet.post("/api/v1/registrations",
                        QJsonObject{{QStringLiteral("email"), QStringLiteral("pat@example.net")},
                                    {QStringLiteral("name"), QStringLiteral("Pat")},
                                    {QStringLiteral("ref"), QStringLiteral("ANNA-SHOP")},
                                    {QStringLiteral("member_status"), QStringLiteral("distributor")}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json().value(QStringLiteral("member")).toObject().value(QStringLiteral("sponsor")).toString(),
             QStringLiteral("ANNA"));
    // Without a link and without a default sponsor there is nobody to place a new member under.
    reply = outlet.post("/api/v1/registrations",
                        QJsonObject{{QStringLiteral("email"), QStringLiteral("quin@example.net")},
                                    {QStringLiteral("name"), QStringLiteral("Quin")},
                                    {QStringLiteral("member_status"), QStringLiteral("distributor")}});
    QCOMPARE(reply.status, 409);
    QVERIFY(!Members(m_t->db()).byEmail(QStringLiteral("quin@example.net")).value());

    // A member buying in the outlet pays retail (the store pins it), and nobody is credited.
    QCOMPARE(outlet.get("/api/v1/catalog?member=ANNA").json().value(QStringLiteral("tier")).toString(),
             QStringLiteral("retail"));
    reply = outlet.post(
        "/api/v1/orders",
        QJsonObject{
            {QStringLiteral("external_id"), QStringLiteral("O-7")},
            {QStringLiteral("buyer"), QJsonObject{{QStringLiteral("customer"), QStringLiteral("ola@example.net")}}},
            {QStringLiteral("status"), QStringLiteral("paid")},
            {QStringLiteral("lines"),
             QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("VITA-1")}, {QStringLiteral("qty"), 1}}}}});
    QCOMPARE(reply.status, 201);
    QVERIFY(reply.json().value(QStringLiteral("credited_member")).isNull());
    auto found = Orders(m_t->db()).find(QStringLiteral("outlet"), QStringLiteral("O-7"));
    QVERIFY(found);
    QCOMPARE(found->creditedMemberId, Id(0));
    QCOMPARE(found->tier, QStringLiteral("retail"));
}

void TestApi::orderLifecycle()
{
    HttpClient shop(m_server->port(), m_shopKey);
    const QJsonObject order{
        {QStringLiteral("external_id"), QStringLiteral("L/1 ü")}, // an id that needs encoding
        {QStringLiteral("buyer"), QJsonObject{{QStringLiteral("member"), QStringLiteral("BOB")}}},
        {QStringLiteral("lines"),
         QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("VITA-1")}, {QStringLiteral("qty"), 1}}}}};
    HttpReply reply = shop.post("/api/v1/orders", order);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    const QByteArray path = ordersPath(QStringLiteral("L/1 ü"));
    QCOMPARE(shop.get(path).json().value(QStringLiteral("external_id")).toString(), QStringLiteral("L/1 ü"));

    auto setStatus = [&](const QString &status, const QString &at) {
        return shop.post(path + "/status", QJsonObject{{QStringLiteral("status"), status}, {QStringLiteral("at"), at}});
    };
    reply = setStatus(QStringLiteral("refunded"), QStringLiteral("2026-11-03T00:00:00Z"));
    QCOMPARE(reply.status, 409); // pending cannot be refunded
    reply = setStatus(QStringLiteral("paid"), QStringLiteral("2026-11-03T09:00:00Z"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("paid_at")).toString(), QStringLiteral("2026-11-03T09:00:00Z"));
    QCOMPARE(setStatus(QStringLiteral("cancelled"), QStringLiteral("2026-11-04T00:00:00Z")).status, 409);
    QCOMPARE(setStatus(QStringLiteral("refunded"), QStringLiteral("2026-11-01T00:00:00Z")).status, 400); // before paid
    reply = setStatus(QStringLiteral("refunded"), QStringLiteral("2026-11-20T00:00:00Z"));
    QCOMPARE(reply.status, 200);
    auto found = Orders(m_t->db()).find(QStringLiteral("shop"), QStringLiteral("L/1 ü"));
    QCOMPARE(found->status, OrderStatus::Refunded);
    QCOMPARE(*found->refundedAt, parseIsoTimestamp(u"2026-11-20T00:00:00Z").value());
    QCOMPARE(setStatus(QStringLiteral("paid"), QStringLiteral("2026-11-21T00:00:00Z")).status, 409);
    QCOMPARE(setStatus(QStringLiteral("pending"), QStringLiteral("2026-11-21T00:00:00Z")).status, 400);
    QCOMPARE(shop.post(ordersPath(QStringLiteral("NOPE")) + "/status",
                       QJsonObject{{QStringLiteral("status"), QStringLiteral("paid")}})
                 .status,
             404);
    // Cancel a pending one.
    QJsonObject second = order;
    second.insert(QStringLiteral("external_id"), QStringLiteral("L-2"));
    QCOMPARE(shop.post("/api/v1/orders", second).status, 201);
    reply = shop.post(ordersPath(QStringLiteral("L-2")) + "/status",
                      QJsonObject{{QStringLiteral("status"), QStringLiteral("cancelled")}});
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.json().contains(QStringLiteral("cancelled_at")));
}

void TestApi::catalogEditsCountAtTheNextRequest()
{
    // The server keeps reference data in memory; an edit made elsewhere (here: this test's own connection, as the
    // desktop would) is seen by the very next request.
    HttpClient shop(m_server->port(), m_shopKey);
    auto teaPrice = [&] {
        const QJsonArray products =
            shop.get("/api/v1/catalog?member=ANNA").json().value(QStringLiteral("products")).toArray();
        for (const QJsonValue &p : products) {
            if (p.toObject().value(QStringLiteral("sku")).toString() == u"TEA")
                return p.toObject().value(QStringLiteral("unit_price")).toInteger();
        }
        return qint64(-1);
    };
    QCOMPARE(teaPrice(), qint64(1000)); // no distributor price: the retail fallback
    QVERIFY(Catalog(m_t->db()).setPrice(QStringLiteral("TEA"), QStringLiteral("distributor"), 777, testActor()));
    QCOMPARE(teaPrice(), qint64(777));
    const QJsonObject order{
        {QStringLiteral("external_id"), QStringLiteral("TEA-777")},
        {QStringLiteral("buyer"), QJsonObject{{QStringLiteral("member"), QStringLiteral("ANNA")}}},
        {QStringLiteral("lines"),
         QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("TEA")}, {QStringLiteral("qty"), 2}}}}};
    QCOMPARE(shop.post("/api/v1/orders", order).json().value(QStringLiteral("total")).toInteger(), 2 * 777);
    QVERIFY(Catalog(m_t->db()).setActive(QStringLiteral("TEA"), false, testActor()));
    QCOMPARE(teaPrice(), qint64(-1));
    QJsonObject another = order;
    another.insert(QStringLiteral("external_id"), QStringLiteral("TEA-OFF"));
    QCOMPARE(shop.post("/api/v1/orders", another).status, 409); // no longer for sale
    QVERIFY(Catalog(m_t->db()).setActive(QStringLiteral("TEA"), true, testActor()));
    QVERIFY(Catalog(m_t->db()).setPrice(QStringLiteral("TEA"), QStringLiteral("distributor"), 1000, testActor()));
}

void TestApi::badInput_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const QByteArray orders = "/api/v1/orders";
    const QByteArray json = "application/json";
    auto order = [](const QByteArray &lines, const QByteArray &rest = {}) {
        return "{\"external_id\": \"BAD-1\", \"buyer\": {\"member\": \"BOB\"}, \"lines\": " + lines + rest + "}";
    };
    const QString invalid = QStringLiteral("invalid_request");
    QTest::newRow("truncated JSON") << QByteArray("POST") << orders << json
                                    << QByteArray("{\"external_id\": \"A\", \"buyer\": {") << 400 << invalid;
    QTest::newRow("deeply nested") << QByteArray("POST") << orders << json << QByteArray(100000, '[') << 400 << invalid;
    QTest::newRow("not an object") << QByteArray("POST") << orders << json << QByteArray("[1, 2]") << 400 << invalid;
    QTest::newRow("empty body") << QByteArray("POST") << orders << json << QByteArray() << 400 << invalid;
    QTest::newRow("qty as text") << QByteArray("POST") << orders << json
                                 << order("[{\"sku\": \"TEA\", \"qty\": \"2\"}]") << 400 << invalid;
    QTest::newRow("qty negative") << QByteArray("POST") << orders << json << order("[{\"sku\": \"TEA\", \"qty\": -1}]")
                                  << 400 << invalid;
    QTest::newRow("qty zero") << QByteArray("POST") << orders << json << order("[{\"sku\": \"TEA\", \"qty\": 0}]")
                              << 400 << invalid;
    QTest::newRow("qty fraction") << QByteArray("POST") << orders << json << order("[{\"sku\": \"TEA\", \"qty\": 2.5}]")
                                  << 400 << invalid;
    QTest::newRow("qty huge") << QByteArray("POST") << orders << json << order("[{\"sku\": \"TEA\", \"qty\": 1e300}]")
                              << 400 << invalid;
    QTest::newRow("qty over int64") << QByteArray("POST") << orders << json
                                    << order("[{\"sku\": \"TEA\", \"qty\": 99999999999999999999}]") << 400 << invalid;
    QTest::newRow("lines not an array") << QByteArray("POST") << orders << json << order("{\"sku\": \"TEA\"}") << 400
                                        << invalid;
    QTest::newRow("no lines") << QByteArray("POST") << orders << json << order("[]") << 400 << invalid;
    QTest::newRow("line not an object") << QByteArray("POST") << orders << json << order("[\"TEA\"]") << 400 << invalid;
    QTest::newRow("unknown sku") << QByteArray("POST") << orders << json << order("[{\"sku\": \"NOPE\", \"qty\": 1}]")
                                 << 400 << QStringLiteral("unknown_reference");
    QTest::newRow("sql in sku") << QByteArray("POST") << orders << json
                                << order("[{\"sku\": \"x' OR '1'='1\", \"qty\": 1}]") << 400
                                << QStringLiteral("unknown_reference");
    QTest::newRow("sql in buyer") << QByteArray("POST") << orders << json
                                  << QByteArray("{\"external_id\": \"B\", \"buyer\": {\"member\": \"'; DROP TABLE "
                                                "members; --\"}, \"lines\": [{\"sku\": \"TEA\", \"qty\": 1}]}")
                                  << 400 << QStringLiteral("unknown_reference");
    QTest::newRow("unit price given") << QByteArray("POST") << orders << json
                                      << order("[{\"sku\": \"TEA\", \"qty\": 1, \"unit_price\": 1}]") << 400 << invalid;
    QTest::newRow("two buyers") << QByteArray("POST") << orders << json
                                << QByteArray("{\"external_id\": \"B\", \"buyer\": {\"member\": \"BOB\", \"customer\": "
                                              "\"a@b.c\"}, \"lines\": [{\"sku\": \"TEA\", \"qty\": 1}]}")
                                << 400 << invalid;
    QTest::newRow("buyer as text")
        << QByteArray("POST") << orders << json
        << QByteArray("{\"external_id\": \"B\", \"buyer\": \"BOB\", \"lines\": [{\"sku\": \"TEA\", \"qty\": 1}]}")
        << 400 << invalid;
    QTest::newRow("external id as number")
        << QByteArray("POST") << orders << json
        << QByteArray(
               "{\"external_id\": 7, \"buyer\": {\"member\": \"BOB\"}, \"lines\": [{\"sku\": \"TEA\", \"qty\": 1}]}")
        << 400 << invalid;
    QTest::newRow("external id overlong")
        << QByteArray("POST") << orders << json
        << "{\"external_id\": \"" + QByteArray(129, 'x') +
               "\", \"buyer\": {\"member\": \"BOB\"}, \"lines\": [{\"sku\": \"TEA\", \"qty\": 1}]}"
        << 400 << invalid;
    QTest::newRow("status refunded") << QByteArray("POST") << orders << json
                                     << order("[{\"sku\": \"TEA\", \"qty\": 1}]", ", \"status\": \"refunded\"") << 400
                                     << invalid;
    QTest::newRow("paid_at not a date") << QByteArray("POST") << orders << json
                                        << order("[{\"sku\": \"TEA\", \"qty\": 1}]",
                                                 ", \"status\": \"paid\", \"paid_at\": \"yesterday\"")
                                        << 400 << invalid;
    QTest::newRow("terminated buyer") << QByteArray("POST") << orders << json
                                      << QByteArray("{\"external_id\": \"B\", \"buyer\": {\"member\": \"EVE\"}, "
                                                    "\"lines\": [{\"sku\": \"TEA\", \"qty\": 1}]}")
                                      << 409 << QStringLiteral("failed_precondition");
    QTest::newRow("not UTF-8") << QByteArray("POST") << QByteArray("/api/v1/registrations") << json
                               << QByteArray("{\"email\": \"u@example.com\", \"name\": \"\xff\xfe\xc3\"}") << 400
                               << invalid;
    QTest::newRow("name overlong") << QByteArray("POST") << QByteArray("/api/v1/registrations") << json
                                   << "{\"email\": \"u@example.com\", \"name\": \"" + QByteArray(5000, 'n') + "\"}"
                                   << 400 << invalid;
    QTest::newRow("phone overlong") << QByteArray("POST") << QByteArray("/api/v1/registrations") << json
                                    << "{\"email\": \"u@example.com\", \"name\": \"U\", \"phone\": \"" +
                                           QByteArray(500, '1') + "\"}"
                                    << 400 << invalid;
    QTest::newRow("control characters") << QByteArray("POST") << QByteArray("/api/v1/registrations") << json
                                        << QByteArray("{\"email\": \"u@example.com\", \"name\": \"U\\u0000V\"}") << 400
                                        << invalid;
    // Text is Unicode without NUL: a lone or reversed surrogate would be stored altered (SQLite: invalid UTF-8,
    // PostgreSQL: '?'), so that two ids read back the same.
    for (const char *id : {"S\\ud800", "S\\udbff", "S\\udc00", "S\\udc00\\ud800", "S\\ud800x", "S\\u0000"}) {
        QTest::newRow(qPrintable(QStringLiteral("external id %1").arg(QLatin1StringView(id))))
            << QByteArray("POST") << orders << json
            << "{\"external_id\": \"" + QByteArray(id) +
                   "\", \"buyer\": {\"member\": \"BOB\"}, \"lines\": [{\"sku\": \"TEA\", \"qty\": 1}]}"
            << 400 << invalid;
    }
    QTest::newRow("lone surrogate in a name")
        << QByteArray("POST") << QByteArray("/api/v1/registrations") << json
        << QByteArray("{\"email\": \"u@example.com\", \"name\": \"U\\udfff\"}") << 400 << invalid;
    // NUL from the URL: PostgreSQL's driver used to fail (500) and log the statement with the value.
    QTest::newRow("NUL in a customer query")
        << QByteArray("GET") << QByteArray("/api/v1/catalog?customer=victim%40example.com%00") << json << QByteArray()
        << 400 << invalid;
    QTest::newRow("NUL in a member query")
        << QByteArray("GET") << QByteArray("/api/v1/catalog?member=CODE%00") << json << QByteArray() << 400 << invalid;
    QTest::newRow("NUL in a link") << QByteArray("GET") << QByteArray("/api/v1/links/CODE%00") << json << QByteArray()
                                   << 400 << invalid;
    QTest::newRow("NUL in an order id") << QByteArray("GET") << QByteArray("/api/v1/orders/ID%00") << json
                                        << QByteArray() << 400 << invalid;
    QTest::newRow("NUL in an order's status path") << QByteArray("POST") << QByteArray("/api/v1/orders/ID%00/status")
                                                   << json << QByteArray("{\"status\": \"paid\"}") << 400 << invalid;
    QTest::newRow("surrogate in a link") << QByteArray("GET") << QByteArray("/api/v1/links/CODE%ED%A0%80") << json
                                         << QByteArray() << 404 << QStringLiteral("not_found");
    QTest::newRow("bad email") << QByteArray("POST") << QByteArray("/api/v1/registrations") << json
                               << QByteArray("{\"email\": \"not-an-email\", \"name\": \"U\"}") << 400 << invalid;
    QTest::newRow("bad member status")
        << QByteArray("POST") << QByteArray("/api/v1/registrations") << json
        << QByteArray("{\"email\": \"u@example.com\", \"name\": \"U\", \"member_status\": \"terminated\"}") << 400
        << invalid;
    QTest::newRow("bad member code") << QByteArray("POST") << QByteArray("/api/v1/registrations") << json
                                     << QByteArray(
                                            "{\"email\": \"u@example.com\", \"name\": \"U\", \"member_code\": \"a b\"}")
                                     << 400 << invalid;
    QTest::newRow("taken member code")
        << QByteArray("POST") << QByteArray("/api/v1/registrations") << json
        << QByteArray("{\"email\": \"u@example.com\", \"name\": \"U\", \"member_code\": \"ANNA\"}") << 409
        << QStringLiteral("conflict");
    QTest::newRow("text/plain") << QByteArray("POST") << orders << QByteArray("text/plain")
                                << order("[{\"sku\": \"TEA\", \"qty\": 1}]") << 415
                                << QStringLiteral("unsupported_media_type");
    QTest::newRow("no content type") << QByteArray("POST") << orders << QByteArray()
                                     << order("[{\"sku\": \"TEA\", \"qty\": 1}]") << 415
                                     << QStringLiteral("unsupported_media_type");
    QTest::newRow("DELETE orders") << QByteArray("DELETE") << orders << json << QByteArray() << 405
                                   << QStringLiteral("method_not_allowed");
    QTest::newRow("GET registrations") << QByteArray("GET") << QByteArray("/api/v1/registrations") << json
                                       << QByteArray() << 405 << QStringLiteral("method_not_allowed");
    QTest::newRow("unknown endpoint") << QByteArray("GET") << QByteArray("/api/v1/nothing") << json << QByteArray()
                                      << 404 << QStringLiteral("not_found");
    QTest::newRow("outside the API") << QByteArray("GET") << QByteArray("/index.html") << json << QByteArray() << 404
                                     << QStringLiteral("not_found");
    QTest::newRow("bad UTF-8 in the path") << QByteArray("GET") << QByteArray("/api/v1/orders/%FF%FE") << json
                                           << QByteArray() << 404 << QStringLiteral("not_found");
    QTest::newRow("both buyers in catalog")
        << QByteArray("GET") << QByteArray("/api/v1/catalog?member=BOB&customer=a%40b.c") << json << QByteArray() << 400
        << invalid;
    QTest::newRow("two MiB body") << QByteArray("POST") << orders << json
                                  << order("[{\"sku\": \"TEA\", \"qty\": 1}]",
                                           ", \"pad\": \"" + QByteArray(2 << 20, 'p') + "\"")
                                  << 413 << QStringLiteral("payload_too_large");
}

void TestApi::badInput()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QString before = TestDatabase::fingerprint(m_t->db());
    HttpClient client(m_server->port(), m_shopKey);
    const HttpReply reply = client.request(method, path, body, contentType);
    QVERIFY2(reply.status != 0, qPrintable(reply.error));
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    const QString message =
        reply.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(!message.isEmpty(), reply.body.constData());
    if (status == 405)
        QVERIFY(!reply.headers.value("allow").isEmpty());
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before); // nothing written, not even half
    QVERIFY(m_server->isRunning());
    QCOMPARE(HttpClient(m_server->port()).get("/api/v1/health").status, 200);
}

void TestApi::oversizedBodyIsRefusedBeforeItIsRead()
{
    HttpClient client(m_server->port(), m_shopKey);
    // Only the headers are sent: the 413 comes without waiting for the 50 MB the client announced.
    const HttpReply reply =
        client.sendRaw("POST /api/v1/orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_shopKey +
                       "\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{\"a\":");
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.errorCode(), QStringLiteral("payload_too_large"));
    QCOMPARE(reply.headers.value("connection"), QByteArray("close"));
    QCOMPARE(HttpClient(m_server->port()).get("/api/v1/health").status, 200);

    // Bytes that are not HTTP at all (a TLS hello, binary noise): the connection ends, the server lives on.
    for (const QByteArray &noise : {QByteArray::fromHex("160301020001000001fc03030d0a0d0a"),
                                    QByteArray::fromHex("00ff00ff474554200d0a0d0a0d0a0d0a")}) {
        HttpClient raw(m_server->port());
        const HttpReply answer = raw.sendRaw(noise);
        QVERIFY2(answer.status == 0 || answer.status >= 400, qPrintable(QString::number(answer.status)));
    }
    QVERIFY(m_server->isRunning());
    QCOMPARE(HttpClient(m_server->port()).get("/api/v1/health").status, 200);
}

void TestApi::concurrentSubmissionsMakeOneOrder()
{
    const QByteArray body =
        QJsonDocument(
            QJsonObject{
                {QStringLiteral("external_id"), QStringLiteral("FLOOD-1")},
                {QStringLiteral("buyer"), QJsonObject{{QStringLiteral("member"), QStringLiteral("ANNA")}}},
                {QStringLiteral("status"), QStringLiteral("paid")},
                {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("VITA-1")},
                                                                 {QStringLiteral("qty"), 4}}}}})
            .toJson(QJsonDocument::Compact);
    constexpr int kClients = 12;
    constexpr int kRepeats = 5;
    QList<int> statuses[kClients];
    QList<qint64> totals[kClients];
    QList<QThread *> threads;
    const quint16 port = m_server->port();
    const QByteArray key = m_shopKey;
    for (int i = 0; i < kClients; ++i) {
        threads << QThread::create([&, i] {
            HttpClient client(port, key);
            for (int r = 0; r < kRepeats; ++r) {
                const HttpReply reply = client.post("/api/v1/orders", body);
                statuses[i] << reply.status;
                totals[i] << reply.json().value(QStringLiteral("total")).toInteger();
            }
        });
    }
    for (QThread *t : threads)
        t->start();
    for (QThread *t : threads) {
        QVERIFY(t->wait(60000));
        delete t;
    }
    int created = 0;
    for (int i = 0; i < kClients; ++i) {
        for (int r = 0; r < kRepeats; ++r) {
            QVERIFY2(statuses[i][r] == 201 || statuses[i][r] == 200, qPrintable(QString::number(statuses[i][r])));
            created += statuses[i][r] == 201;
            QCOMPARE(totals[i][r], qint64(4 * 2100));
        }
    }
    QCOMPARE(created, 1);
    auto count = m_t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM orders WHERE external_id = 'FLOOD-1'"));
    QCOMPARE(count->toInt(), 1);
    auto lines =
        m_t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id "
                                        "WHERE o.external_id = 'FLOOD-1'"));
    QCOMPARE(lines->toInt(), 1);
}

void TestApi::twoServersShareOneDatabase()
{
    QString error;
    auto second = ServerProcess::start(m_t->url(), {QStringLiteral("--threads"), QStringLiteral("1")}, &error);
    QVERIFY2(second, qPrintable(error));
    HttpClient one(m_server->port(), m_shopKey);
    HttpClient two(second->port(), m_shopKey);
    // A registration through one server is known to the other at once, and an order submitted to both is one order.
    HttpReply reply =
        one.post("/api/v1/registrations", QJsonObject{{QStringLiteral("email"), QStringLiteral("two@example.com")},
                                                      {QStringLiteral("name"), QStringLiteral("Two")},
                                                      {QStringLiteral("ref"), QStringLiteral("ANNA-SHOP")}});
    QCOMPARE(reply.status, 201);
    const QString code =
        reply.json().value(QStringLiteral("member")).toObject().value(QStringLiteral("code")).toString();
    QCOMPARE(two.get("/api/v1/catalog?member=" + code.toLatin1()).json().value(QStringLiteral("tier")).toString(),
             QStringLiteral("customer"));
    const QJsonObject order{
        {QStringLiteral("external_id"), QStringLiteral("TWO-1")},
        {QStringLiteral("buyer"), QJsonObject{{QStringLiteral("member"), code}}},
        {QStringLiteral("lines"),
         QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("TEA")}, {QStringLiteral("qty"), 1}}}}};
    QCOMPARE(two.post("/api/v1/orders", order).status, 201);
    QCOMPARE(one.post("/api/v1/orders", order).status, 200);
    QCOMPARE(one.post(ordersPath(QStringLiteral("TWO-1")) + "/status",
                      QJsonObject{{QStringLiteral("status"), QStringLiteral("paid")}})
                 .status,
             200);
    QCOMPARE(two.get(ordersPath(QStringLiteral("TWO-1"))).json().value(QStringLiteral("status")).toString(),
             QStringLiteral("paid"));
    QCOMPARE(two.post(ordersPath(QStringLiteral("TWO-1")) + "/status",
                      QJsonObject{{QStringLiteral("status"), QStringLiteral("cancelled")}})
                 .status,
             409);
    QCOMPARE(second->stop(), 0);
}

void TestApi::aStoreLearnsNothingOfMembersByEmail()
{
    const QString before = TestDatabase::fingerprint(m_t->db());
    const QJsonObject anna{{QStringLiteral("email"), QStringLiteral("ANNA@example.com")},
                           {QStringLiteral("name"), QStringLiteral("Whoever")},
                           {QStringLiteral("member_status"), QStringLiteral("distributor")}};
    // The outlet (separate channel) and the storefronts: only that the email is taken, nothing of the member.
    for (const QByteArray &key : {m_outletKey, m_myKey}) {
        const HttpReply reply = HttpClient(m_server->port(), key).post("/api/v1/registrations", anna);
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.errorCode(), QStringLiteral("already_registered"));
        for (const char *secret : {"ANNA\"", "Anna", "Smith", "ROOT", "2026-01-02", "distributor\""})
            QVERIFY2(!reply.body.contains(secret), reply.body.constData());
    }
    // The distributor channel, where every member may shop: the code and status to price and order with, no more.
    HttpReply reply = HttpClient(m_server->port(), m_shopKey).post("/api/v1/registrations", anna);
    QCOMPARE(reply.status, 200);
    const QJsonObject member = reply.json().value(QStringLiteral("member")).toObject();
    QCOMPARE(member.value(QStringLiteral("code")).toString(), QStringLiteral("ANNA"));
    QCOMPARE(member.value(QStringLiteral("status")).toString(), QStringLiteral("distributor"));
    QCOMPARE(member.keys(), (QStringList{QStringLiteral("code"), QStringLiteral("status")}));
    // A member's status in the catalog: for the distributor channel only.
    QCOMPARE(HttpClient(m_server->port(), m_shopKey)
                 .get("/api/v1/catalog?member=DORA")
                 .json()
                 .value(QStringLiteral("buyer"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("suspended"));
    for (const QByteArray &key : {m_outletKey, m_myKey}) {
        reply = HttpClient(m_server->port(), key).get("/api/v1/catalog?member=DORA");
        QCOMPARE(reply.status, 200);
        QVERIFY2(!reply.json().value(QStringLiteral("buyer")).toObject().contains(QStringLiteral("status")),
                 reply.body.constData());
    }
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestApi::ordersAreNotDatedIntoClosedMonthsOrFarAway()
{
    HttpClient shop(m_server->port(), m_shopKey);
    auto order = [](const char *id, const char *paidAt) {
        return QByteArray("{\"external_id\": \"") + id +
               "\", \"buyer\": {\"member\": \"ANNA\"}, \"status\": \"paid\", \"paid_at\": \"" + paidAt +
               "\", \"lines\": [{\"sku\": \"TEA\", \"qty\": 1}]}";
    };
    // An order of March, made before March is closed, and a pending one.
    QCOMPARE(shop.post("/api/v1/orders", order("MARCH-1", "2026-03-10T10:00:00Z")).status, 201);
    QCOMPARE(shop.post("/api/v1/orders", QByteArray("{\"external_id\": \"MARCH-2\", \"buyer\": {\"member\": "
                                                    "\"ANNA\"}, \"lines\": [{\"sku\": \"TEA\", \"qty\": 1}]}"))
                 .status,
             201);
    QVERIFY(CommissionRuns(m_t->db()).close(Period{2026, 3}, testActor()));
    const QString before = TestDatabase::fingerprint(m_t->db());
    // Paid in the closed month: it could never count, so it is refused, saying why.
    HttpReply reply = shop.post("/api/v1/orders", order("MARCH-3", "2026-03-20T10:00:00Z"));
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.errorCode(), QStringLiteral("failed_precondition"));
    QVERIFY2(reply.body.contains("2026-03"), reply.body.constData());
    reply = shop.post(ordersPath(QStringLiteral("MARCH-2")) + "/status",
                      QByteArray("{\"status\": \"paid\", \"at\": \"2026-03-25T10:00:00Z\"}"));
    QCOMPARE(reply.status, 409);
    // Far away in time.
    for (const char *when : {"2099-01-01T00:00:00Z", "1999-12-31T23:59:59Z"}) {
        reply = shop.post("/api/v1/orders", order("FAR-1", when));
        QCOMPARE(reply.status, 400);
        QVERIFY2(reply.body.contains("paid_at"), reply.body.constData());
    }
    reply = shop.post(ordersPath(QStringLiteral("MARCH-2")) + "/status",
                      QByteArray("{\"status\": \"cancelled\", \"at\": \"2099-01-01T00:00:00Z\"}"));
    QCOMPARE(reply.status, 400);
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
    // What was stored before the close is answered as it was; a payment now is fine.
    QCOMPARE(shop.post("/api/v1/orders", order("MARCH-1", "2026-03-10T10:00:00Z")).status, 200);
    QCOMPARE(shop.post(ordersPath(QStringLiteral("MARCH-2")) + "/status", QByteArray("{\"status\": \"paid\"}")).status,
             200);
}

void TestApi::secondServerOnTheSamePortIsRefused()
{
    // A test copy started on the production port must not take production orders: it does not start.
    QString error;
    auto second = ServerProcess::start(
        m_t->url(), {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(m_server->port())}, &error);
    QVERIFY(!second);
    QVERIFY2(error.contains(QStringLiteral("cannot listen on 127.0.0.1 port %1").arg(m_server->port())) &&
                 error.contains(QStringLiteral("in use")),
             qPrintable(error));
    // Every connection still reaches the one server.
    for (int i = 0; i < 20; ++i)
        QCOMPARE(HttpClient(m_server->port()).get("/api/v1/health").status, 200);
}

void TestApi::connectionsAreCapped()
{
    QString error;
    auto server = ServerProcess::start(m_t->url(),
                                       {QStringLiteral("--max-connections"), QStringLiteral("8"),
                                        QStringLiteral("--max-connections-per-client"), QStringLiteral("5")},
                                       &error);
    QVERIFY2(server, qPrintable(error));
    QList<int> held;
    auto holdFrom = [&](const char *source) {
        const int fd = connectFrom(source, server->port());
        if (fd >= 0)
            held << fd;
        return fd >= 0;
    };
    auto answerFrom = [&](const char *source) {
        const int fd = connectFrom(source, server->port());
        const QByteArray request = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        (void)::write(fd, request.constData(), size_t(request.size()));
        bool closed = false;
        const QByteArray answer = readUntilClosed(fd, 3000, &closed);
        ::close(fd);
        QTest::qWait(200); // the server has seen it closed
        return answer;
    };
    // One client holding idle connections reaches its cap; the next connection is refused at once, clearly.
    for (int i = 0; i < 5; ++i)
        QVERIFY(holdFrom("127.0.0.1"));
    QTest::qWait(300); // accepted by the server
    QByteArray refused = answerFrom("127.0.0.1");
    QVERIFY2(refused.startsWith("HTTP/1.1 503"), refused.constData());
    QVERIFY(refused.contains("Retry-After: 5"));
    QVERIFY(refused.contains("too_many_connections"));
    // Another client is still served...
    QVERIFY2(answerFrom("127.0.0.2").startsWith("HTTP/1.1 200"), "another client shut out");
    // ...until the server as a whole is full.
    for (int i = 0; i < 3; ++i)
        QVERIFY(holdFrom("127.0.0.2"));
    QTest::qWait(300);
    refused = answerFrom("127.0.0.3");
    QVERIFY2(refused.startsWith("HTTP/1.1 503"), refused.constData());
    // Closed connections make room again.
    for (int fd : std::as_const(held))
        ::close(fd);
    QTest::qWait(300);
    QVERIFY(answerFrom("127.0.0.1").startsWith("HTTP/1.1 200"));
    QVERIFY(server->log().contains("503 (too many connections"));
}

void TestApi::slowAndIdleConnectionsAreClosed()
{
    QString error;
    auto server = ServerProcess::start(m_t->url(),
                                       {QStringLiteral("--request-timeout"), QStringLiteral("1"),
                                        QStringLiteral("--idle-timeout"), QStringLiteral("2")},
                                       &error);
    QVERIFY2(server, qPrintable(error));
    // Slowloris: a header line now and then, never the end of the headers. 408 after a second, then closed.
    const int slow = connectFrom("127.0.0.1", server->port());
    QVERIFY(slow >= 0);
    QElapsedTimer clock;
    clock.start();
    QByteArray answer;
    bool closed = false;
    const QByteArray start = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n";
    (void)::write(slow, start.constData(), size_t(start.size()));
    for (int i = 0; i < 20 && !closed; ++i) {
        (void)::write(slow, "X-a: b\r\n", 8);
        answer += readUntilClosed(slow, 250, &closed);
    }
    ::close(slow);
    QVERIFY2(closed, "a slow request was never closed");
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.constData());
    // An idle kept-alive connection is closed after its timeout, not before; a busy one stays.
    const int idle = connectFrom("127.0.0.1", server->port());
    QVERIFY(idle >= 0);
    (void)::write(idle, kHealthRequest.constData(), size_t(kHealthRequest.size()));
    clock.restart();
    answer = readUntilClosed(idle, 6000, &closed);
    ::close(idle);
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QVERIFY(closed);
    QVERIFY2(clock.elapsed() > 1800 && clock.elapsed() < 4500, qPrintable(QString::number(clock.elapsed())));
    HttpClient busy(server->port());
    for (int i = 0; i < 6; ++i) {
        QCOMPARE(busy.get("/api/v1/health").status, 200);
        QTest::qWait(500); // 3 s in all on one connection, each wait shorter than the idle timeout
    }
    QVERIFY(server->isRunning());
}

void TestApi::anotherWriterDoesNotStallTheServer()
{
    QString error;
    auto server = ServerProcess::start(m_t->url(), {QStringLiteral("--write-wait"), QStringLiteral("500")}, &error);
    QVERIFY2(server, qPrintable(error));
    HttpClient client(server->port(), m_shopKey);
    const QByteArray order = "{\"external_id\": \"LOCKED-1\", \"buyer\": {\"member\": \"BOB\"}, \"status\": \"paid\", "
                             "\"lines\": [{\"sku\": \"TEA\", \"qty\": 1}]}";
    QCOMPARE(client.get("/api/v1/catalog?member=BOB").status, 200); // warm: the reference data is read
    // Another program (an import from the desktop) holds the write lock.
    auto other = m_t->openAnother();
    QVERIFY(other);
    if (TestDatabase::isPostgres()) {
        QVERIFY(other->exec(QStringLiteral("BEGIN")));
        QVERIFY(other->exec(QStringLiteral("LOCK TABLE orders IN EXCLUSIVE MODE")));
    } else {
        QVERIFY(other->exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(other->exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('lock', 'held')")));
    }
    QElapsedTimer clock;
    clock.start();
    // Reads go on at once...
    QCOMPARE(HttpClient(server->port()).get("/api/v1/health").status, 200);
    QCOMPARE(client.get("/api/v1/catalog?member=BOB").status, 200);
    QCOMPARE(client.get("/api/v1/links/ANNA-SHOP").status, 200);
    QVERIFY2(clock.elapsed() < 400, qPrintable(QString::number(clock.elapsed())));
    // ...and a write waits its bounded time, then is told to come back.
    clock.restart();
    HttpReply busy = client.post("/api/v1/orders", order);
    QCOMPARE(busy.status, 503);
    QCOMPARE(busy.errorCode(), QStringLiteral("unavailable"));
    QCOMPARE(busy.headers.value("retry-after"), QByteArray::number(StoreApi::kRetryAfterSeconds));
    QVERIFY2(clock.elapsed() >= 400 && clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(HttpClient(server->port()).get("/api/v1/health").status, 200);
    QVERIFY(other->exec(QStringLiteral("ROLLBACK")));
    // Nothing of the refused order was kept; sent again, it is made once.
    QCOMPARE(client.get(ordersPath(QStringLiteral("LOCKED-1"))).status, 404);
    QCOMPARE(client.post("/api/v1/orders", order).status, 201);
    QCOMPARE(client.post("/api/v1/orders", order).status, 200);
}

void TestApi::httpsWithTheServersOwnCertificate()
{
    // The test's own CA and a server certificate it signed for localhost and 127.0.0.1 (Debian's openssl).
    TestTls tls;
    QString error;
    QVERIFY2(tls.make(&error), qPrintable(error));
    const QString cert = tls.certFile();
    const QString key = tls.keyFile();
    auto server = ServerProcess::start(m_t->url(),
                                       {QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key}, &error);
    QVERIFY2(server, qPrintable(error));
    const QList<QSslCertificate> ca = QSslCertificate::fromPath(tls.caFile());
    QCOMPARE(ca.size(), 1);
    // Trusting the CA: the store API over HTTPS.
    QCOMPARE(httpsGet(server->port(), ca, "/api/v1/health", {}, &error), 200);
    QCOMPARE(httpsGet(server->port(), ca, "/api/v1/catalog?member=ANNA", m_shopKey, &error), 200);
    QCOMPARE(httpsGet(server->port(), ca, "/api/v1/catalog?member=ANNA", "mlm_forged_key", &error), 401);
    // A client that does not trust it refuses the connection; plain HTTP on the HTTPS port gets no answer.
    QCOMPARE(httpsGet(server->port(), {}, "/api/v1/health", {}, &error), 0);
    QVERIFY2(error.contains(QStringLiteral("issuer")) || error.contains(QStringLiteral("self signed")) ||
                 error.contains(QStringLiteral("not be verified")),
             qPrintable(error));
    QCOMPARE(HttpClient(server->port()).get("/api/v1/health").status, 0);
    QCOMPARE(httpsGet(server->port(), ca, "/api/v1/health", {}, &error), 200); // still serving
    QVERIFY(server->isRunning());
    QVERIFY(server->log().contains("GET /api/v1/catalog 200"));

    // Bad TLS settings: a one-line error at start, a non-zero exit.
    const struct
    {
        QStringList args;
        QString message;
    } refusals[] = {
        {{QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), tls.path(QStringLiteral("none.key"))},
         QStringLiteral("cannot read the TLS key")},
        {{QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), cert},
         QStringLiteral("is not an unencrypted PEM private key")},
        {{QStringLiteral("--tls-cert"), key, QStringLiteral("--tls-key"), key},
         QStringLiteral("holds no PEM certificate")},
        {{QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), tls.path(QStringLiteral("ca.key"))},
         QStringLiteral("is not the key of the certificate")},
        {{QStringLiteral("--tls-cert"), cert}, QStringLiteral("go together")},
        {{QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")}, QStringLiteral("is not a loopback address")},
    };
    for (const auto &refusal : refusals) {
        QProcess p;
        p.start(QStringLiteral(MLM_SERVER_PATH), QStringList{QStringLiteral("--db"), m_t->url()} + refusal.args);
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 2);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(refusal.message) && err.count(u'\n') == 1, qPrintable(err));
    }
    // Plain HTTP beyond loopback only when said, and then the start line says so.
    QProcess plain;
    plain.start(QStringLiteral(MLM_SERVER_PATH), {QStringLiteral("--db"), m_t->url(), QStringLiteral("--listen"),
                                                  QStringLiteral("0.0.0.0:0"), QStringLiteral("--allow-plain-http")});
    QVERIFY(plain.waitForReadyRead(20000));
    const QString started = QString::fromUtf8(plain.readLine());
    plain.terminate();
    QVERIFY(plain.waitForFinished(10000));
    QVERIFY2(started.contains(QStringLiteral("listening on http://0.0.0.0:")) &&
                 started.contains(QStringLiteral("allowed by --allow-plain-http")),
             qPrintable(started));
}

void TestApi::accessLogKeepsSecretsOut()
{
    HttpClient client(m_server->port(), m_myKey);
    QCOMPARE(client.get("/api/v1/catalog?customer=zoe%40example.net").status, 200);
    QTest::qWait(200);
    const QByteArray log = m_server->log();
    QVERIFY2(log.contains("GET /api/v1/catalog 200"), log.right(500).constData());
    QVERIFY(log.contains("POST /api/v1/orders 201"));
    QVERIFY(!log.contains("zoe"));
    QVERIFY2(!log.contains("victim"), log.mid(log.indexOf("victim") - 300, 600).constData()); // badInput's values
    QVERIFY(!log.contains("storage error"));
    QVERIFY(!log.contains(m_myKey.split('_').value(2)));
    QVERIFY(!log.contains(m_shopKey.split('_').value(2)));
}

void TestApi::refusesBadStart()
{
    QString error;
    QVERIFY(!ServerProcess::start(m_t->url(), {QStringLiteral("--threads"), QStringLiteral("zero")}, &error));
    QVERIFY2(error.contains(QStringLiteral("--threads")), qPrintable(error));
    QVERIFY(!ServerProcess::start(m_t->url(), {QStringLiteral("--bogus")}, &error));
    QVERIFY2(error.contains(QStringLiteral("--bogus")), qPrintable(error));
    auto empty = TestDatabase::create(false);
    QVERIFY(!ServerProcess::start(empty->url(), {}, &error));
    QVERIFY2(error.contains(QStringLiteral("mlmctl --db URL init")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestApi)
#include "tst_api.moc"
