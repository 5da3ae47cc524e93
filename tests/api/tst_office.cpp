// People over mlm-server (SPEC 9): sign-in, sessions and their end, the throttle, and the office API's checks per
// role, through a real server process on loopback and a real database (SQLite, and PostgreSQL in CI).
#include "HttpClient.h"
#include "ServerProcess.h"
#include "TestData.h"
#include "TestDatabase.h"

#include "api/OfficeJson.h"
#include "auth/ApiKeys.h"
#include "auth/UserSessions.h"
#include "compensation/CommissionRuns.h"
#include "office/RunStore.h"
#include "storage/AuditLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

using namespace mlm;
using namespace mlm::test;

class TestOffice : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void signInAndOut();
    void rolesAreCheckedOnTheServer_data();
    void rolesAreCheckedOnTheServer();
    void fieldsAreReadExactlyWhateverTheirSpelling();
    void malformedBodiesAreRefusedWhole_data();
    void malformedBodiesAreRefusedWhole();
    void moreOperationsPerRole_data();
    void moreOperationsPerRole();
    void ordersOutsideADistributorsReach();
    void keysAndTokensAreNotInterchangeable();
    void sessionsEndWithTheUsersAccount();
    void sessionsExpireAfterTwelveIdleHours();
    void failedSignInsAreThrottledPerUser();
    void failedSignInsAreThrottledPerAddress();
    void twoPeopleChangeOneMemberAtOnce();
    void jobsAreTheirStartersOwn();
    void runsArePagedAndTheirUsersOwn();
    void runStoreKeepsTheNewest();

private:
    /// A token of a user of the small company (made in initTestCase): ada admin, sam support, anna distributor
    /// (member ANNA), carl distributor (CARL).
    QByteArray signIn(const QString &username, const QString &password = QStringLiteral("password1"));
    HttpReply as(const QString &username, const QByteArray &method, const QByteArray &path,
                 const QByteArray &body = {});

    std::unique_ptr<TestDatabase> m_t;
    std::unique_ptr<ServerProcess> m_server;
    QHash<QString, QByteArray> m_tokens;
};

void TestOffice::initTestCase()
{
    m_t = TestDatabase::create();
    QVERIFY(m_t);
    QVERIFY(loadSmallCompany(m_t->db()));
    Users users(m_t->db());
    for (const auto &[name, role, member] :
         {std::tuple{"ada", Role::Admin, ""}, std::tuple{"sam", Role::Support, ""},
          std::tuple{"anna", Role::Distributor, "ANNA"}, std::tuple{"carl", Role::Distributor, "CARL"},
          std::tuple{"lock", Role::Support, ""}, std::tuple{"gone", Role::Support, ""},
          std::tuple{"newpw", Role::Support, ""}, std::tuple{"bea", Role::Admin, ""}}) {
        QVERIFY(users.add({QString::fromLatin1(name), QStringLiteral("password1"), role, QString::fromLatin1(member)},
                          testActor()));
    }
    QString error;
    m_server = ServerProcess::start(m_t->url(), {}, &error);
    QVERIFY2(m_server, qPrintable(error));
}

void TestOffice::cleanupTestCase()
{
    if (m_server)
        QCOMPARE(m_server->stop(), 0);
}

QByteArray TestOffice::signIn(const QString &username, const QString &password)
{
    HttpClient client(m_server->port());
    const HttpReply reply = client.post(
        "/api/v1/session", QJsonObject{{QStringLiteral("username"), username}, {QStringLiteral("password"), password}});
    if (reply.status != 201)
        qWarning("sign-in of %s: %d %s", qPrintable(username), reply.status, reply.body.constData());
    return reply.json().value(QStringLiteral("token")).toString().toLatin1();
}

HttpReply TestOffice::as(const QString &username, const QByteArray &method, const QByteArray &path,
                         const QByteArray &body)
{
    if (!m_tokens.contains(username))
        m_tokens.insert(username, signIn(username));
    return HttpClient(m_server->port(), m_tokens.value(username)).request(method, path, body);
}

void TestOffice::signInAndOut()
{
    HttpClient client(m_server->port());
    HttpReply reply =
        client.post("/api/v1/session", QJsonObject{{QStringLiteral("username"), QStringLiteral("ANNA")},
                                                   {QStringLiteral("password"), QStringLiteral("password1")}});
    QCOMPARE(reply.status, 201);
    const QJsonObject answer = reply.json();
    const QString token = answer.value(QStringLiteral("token")).toString();
    QVERIFY(token.startsWith(QStringLiteral("mlmu_")) && token.size() >= 5 + 22); // >= 128 random bits
    const auto expires = parseIsoTimestamp(answer.value(QStringLiteral("expires_at")).toString());
    QVERIFY(expires && std::abs(*expires - nowUtc() - 12 * 3600) < 120);
    const QJsonObject user = answer.value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("username")).toString(), QStringLiteral("anna"));
    QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("distributor"));
    QCOMPARE(user.value(QStringLiteral("member")).toString(), QStringLiteral("ANNA"));
    // Only the token's hash is stored.
    QCOMPARE(m_t->db()
                 .scalar(QStringLiteral("SELECT COUNT(*) FROM user_sessions WHERE token_hash = ?"), {token})
                 .value()
                 .toInt(),
             0);
    HttpClient anna(m_server->port(), token.toLatin1());
    QCOMPARE(anna.get("/api/v1/office/me").json().value(QStringLiteral("member")).toString(), QStringLiteral("ANNA"));
    QCOMPARE(anna.request("DELETE", "/api/v1/session", {}).status, 200);
    reply = anna.get("/api/v1/office/me");
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.headers.value("www-authenticate"), QByteArray("Bearer"));

    // An unknown name and a wrong password: the same answer.
    const HttpReply unknown =
        client.post("/api/v1/session", QJsonObject{{QStringLiteral("username"), QStringLiteral("nobody")},
                                                   {QStringLiteral("password"), QStringLiteral("password1")}});
    const HttpReply wrong =
        client.post("/api/v1/session", QJsonObject{{QStringLiteral("username"), QStringLiteral("carl")},
                                                   {QStringLiteral("password"), QStringLiteral("password2")}});
    QCOMPARE(unknown.status, 401);
    QCOMPARE(wrong.status, 401);
    QCOMPARE(unknown.body, wrong.body);
    QCOMPARE(client.post("/api/v1/session", QByteArray("{\"username\": \"carl\"}")).status, 400);
}

void TestOffice::rolesAreCheckedOnTheServer_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    const QByteArray get = "GET";
    const QByteArray post = "POST";
    auto status = [](const char *to) {
        return QByteArray("{\"status\": \"") + to + "\", \"reason\": \"test of the roles\"}";
    };
    // A distributor: itself and its downline, nothing else; no status changes.
    QTest::newRow("distributor: itself") << "anna" << get << QByteArray("/api/v1/office/members/ANNA") << QByteArray()
                                         << 200;
    QTest::newRow("distributor: its downline")
        << "anna" << get << QByteArray("/api/v1/office/members/DORA") << QByteArray() << 200;
    QTest::newRow("distributor: its sponsor")
        << "anna" << get << QByteArray("/api/v1/office/members/ROOT") << QByteArray() << 403;
    QTest::newRow("distributor: another line")
        << "anna" << get << QByteArray("/api/v1/office/members/FRED") << QByteArray() << 403;
    QTest::newRow("distributor: its children")
        << "anna" << get << QByteArray("/api/v1/office/members/ANNA/children") << QByteArray() << 200;
    QTest::newRow("distributor: another's children")
        << "carl" << get << QByteArray("/api/v1/office/members/ANNA/children") << QByteArray() << 403;
    QTest::newRow("distributor: a status change")
        << "anna" << post << QByteArray("/api/v1/office/members/BOB/status") << status("distributor") << 403;
    QTest::newRow("distributor: its statement")
        << "carl" << get << QByteArray("/api/v1/office/commissions/2026-10/statements/CARL") << QByteArray() << 200;
    QTest::newRow("distributor: its upline's statement")
        << "carl" << get << QByteArray("/api/v1/office/commissions/2026-10/statements/ANNA") << QByteArray() << 403;
    QTest::newRow("distributor: its downline's statement")
        << "anna" << get << QByteArray("/api/v1/office/commissions/2026-10/statements/CARL") << QByteArray() << 403;
    // Support: everyone, statuses but not the final one.
    QTest::newRow("support: anyone") << "sam" << get << QByteArray("/api/v1/office/members/FRED") << QByteArray()
                                     << 200;
    QTest::newRow("support: a status change")
        << "sam" << post << QByteArray("/api/v1/office/members/BOB/status") << status("distributor") << 200;
    QTest::newRow("support: terminating")
        << "sam" << post << QByteArray("/api/v1/office/members/FRED/status") << status("terminated") << 403;
    QTest::newRow("support: a statement")
        << "sam" << get << QByteArray("/api/v1/office/commissions/2026-10/statements/ANNA") << QByteArray() << 200;
    // Admin: everything.
    QTest::newRow("admin: terminating") << "ada" << post << QByteArray("/api/v1/office/members/FRED/status")
                                        << status("terminated") << 200;
    QTest::newRow("admin: an illegal change")
        << "ada" << post << QByteArray("/api/v1/office/members/FRED/status") << status("distributor") << 409;
    // What does not exist, and what is malformed.
    QTest::newRow("no such member") << "ada" << get << QByteArray("/api/v1/office/members/NOPE") << QByteArray() << 404;
    QTest::newRow("no such endpoint") << "ada" << get << QByteArray("/api/v1/office/nothing") << QByteArray() << 404;
    QTest::newRow("a statement's page") << "ada" << get
                                        << QByteArray(
                                               "/api/v1/office/commissions/2026-10/statements/ANNA?offset=1&limit=1")
                                        << QByteArray() << 200;
    QTest::newRow("a statement from line -1")
        << "ada" << get << QByteArray("/api/v1/office/commissions/2026-10/statements/ANNA?offset=-1&limit=1")
        << QByteArray() << 400;
    QTest::newRow("a statement's page of a word")
        << "ada" << get << QByteArray("/api/v1/office/commissions/2026-10/statements/ANNA?limit=many") << QByteArray()
        << 400;
    QTest::newRow("not a period") << "ada" << get << QByteArray("/api/v1/office/commissions/2026-13/statements/ANNA")
                                  << QByteArray() << 400;
    QTest::newRow("no reason") << "ada" << post << QByteArray("/api/v1/office/members/BOB/status")
                               << QByteArray("{\"status\": \"customer\"}") << 400;
    QTest::newRow("a wrong method") << "ada" << QByteArray("DELETE") << QByteArray("/api/v1/office/members/BOB")
                                    << QByteArray() << 405;
}

void TestOffice::rolesAreCheckedOnTheServer()
{
    QFETCH(QString, user);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const QString before = TestDatabase::fingerprint(m_t->db());
    const HttpReply reply = as(user, method, path, body);
    QVERIFY2(reply.status == status, reply.body.constData());
    if (status >= 400) {
        QVERIFY(!reply.errorCode().isEmpty());
        if (method == "POST") // a refused change changes nothing
            QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
    } else if (path.contains("/statements/")) {
        QCOMPARE(reply.json().value(QStringLiteral("member")).toString(),
                 QString::fromLatin1(path.split('/').last().split('?').first()));
        const QJsonArray lines = reply.json().value(QStringLiteral("lines")).toArray();
        const qint64 count = reply.json().value(QStringLiteral("line_count")).toInteger();
        const qint64 first = reply.json().value(QStringLiteral("first_line")).toInteger();
        if (path.contains("limit=1")) {
            QCOMPARE(first, 1); // from the second line on, one line
            QCOMPARE(lines.size(), std::clamp<qint64>(count - 1, 0, 1));
        } else {
            QCOMPARE(first, 0);
            QCOMPARE(lines.size(), count);
        }
    } else if (path.endsWith("/children")) {
        QVERIFY(!reply.json().value(QStringLiteral("members")).toArray().isEmpty());
    } else {
        const QJsonObject member = reply.json();
        for (const char *field : {"code", "name", "email", "phone", "country", "sponsor", "status", "joined_at"})
            QVERIFY2(member.contains(QLatin1StringView(field)), field);
        if (method == "POST") // the member after the change
            QCOMPARE(member.value(QStringLiteral("status")).toString(),
                     QJsonDocument::fromJson(body).object().value(QStringLiteral("status")).toString());
    }
}

void TestOffice::fieldsAreReadExactlyWhateverTheirSpelling()
{
    using officejson::JsonIn;
    // Whole numbers as written or as a double writes them; times and choices plain or with escapes, alike.
    auto in = JsonIn::parse(R"({"a": 5, "b": 5.0, "c": 1e3, "big": 9007199254740993, "t": "2026-10-05T12:00:00Z",
                                "te": "2026-10-05\u005412:00:00Z", "s": "suspended", "se": "suspende\u0064",
                                "n": null, "e": ""})");
    QVERIFY(in);
    QCOMPARE(in->number("a"), 5);
    QCOMPARE(in->number("b"), 5);
    QCOMPARE(in->number("c"), 1000);
    QCOMPARE(in->number("big"), Q_INT64_C(9007199254740993)); // exact beyond a double's 2^53
    QCOMPARE(in->time("t"), parseIsoTimestamp(u"2026-10-05T12:00:00Z").value());
    QCOMPARE(in->time("te"), in->time("t"));
    QCOMPARE(in->choice("s", memberStatusFromString, MemberStatus::Customer), MemberStatus::Suspended);
    QCOMPARE(in->choice("se", memberStatusFromString, MemberStatus::Customer), MemberStatus::Suspended);
    QCOMPARE(in->optionalTime("n"), std::nullopt);
    QCOMPARE(in->optionalTime("e"), std::nullopt);
    QVERIFY(in->ok());
    // The first problem is kept, with its field's name.
    for (const auto &[json, problem] :
         {std::pair{R"({"x": 5.5})", "x: must be a whole number"}, {R"({"x": "5"})", "x: must be a whole number"},
          {R"({"x": "2026-10-05T12:00"})", "x: '2026-10-05T12:00' is not an ISO 8601"},
          {R"({"x": "2026-10-05T12:00:00\u005a!"})", "x: '2026-10-05T12:00:00Z!' is not an ISO 8601"},
          {R"({"x": "retired"})", "x: 'retired' is not one of the allowed values"}}) {
        auto bad = JsonIn::parse(QByteArray(json));
        QVERIFY(bad);
        const QByteArray text(json);
        if (text.contains("T12") || text.contains("-10-"))
            (void)bad->time("x");
        else if (text.contains("retired"))
            (void)bad->choice("x", memberStatusFromString, MemberStatus::Customer);
        else
            (void)bad->number("x");
        QVERIFY2(!bad->ok(), json);
        QVERIFY2(bad->error()->message.startsWith(QLatin1StringView(problem)), qPrintable(bad->error()->message));
    }
}

void TestOffice::malformedBodiesAreRefusedWhole_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problem");
    QTest::newRow("none") << QByteArray() << QStringLiteral("not a JSON object");
    QTest::newRow("not JSON") << QByteArray("status=suspended") << QStringLiteral("offset 0");
    QTest::newRow("an array") << QByteArray("[\"suspended\"]") << QStringLiteral("is not an object");
    QTest::newRow("more after it") << QByteArray("{\"status\": \"suspended\", \"reason\": \"r\"} {}")
                                   << QStringLiteral("more after");
    QTest::newRow("cut short") << QByteArray("{\"status\": \"suspended\", \"reason\": \"r")
                               << QStringLiteral("not a JSON object");
    QTest::newRow("bytes that are not UTF-8")
        << QByteArray("{\"status\": \"suspended\", \"reason\": \"\xff\xfe\"}") << QStringLiteral("UTF-8");
    QTest::newRow("a lone surrogate") << QByteArray("{\"status\": \"suspended\", \"reason\": \"\\ud800\"}")
                                      << QStringLiteral("lone surrogate");
    QTest::newRow("NUL in a string") << QByteArray("{\"status\": \"suspended\", \"reason\": \"a\\u0000b\"}")
                                     << QStringLiteral("NUL");
    QTest::newRow("nested too deep") << QByteArray("{\"status\": \"suspended\", \"reason\": \"r\", \"x\": ") +
                                            QByteArray(200, '[') + QByteArray(200, ']') + "}"
                                     << QStringLiteral("not a JSON object");
    QTest::newRow("a number for a text") << QByteArray("{\"status\": 5, \"reason\": \"r\"}")
                                         << QStringLiteral("status: must be a string");
}

void TestOffice::malformedBodiesAreRefusedWhole()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, problem);
    QCOMPARE(as(QStringLiteral("ada"), "GET", "/api/v1/office/me").status, 200); // signed in before the fingerprint
    const QString before = TestDatabase::fingerprint(m_t->db());
    const HttpReply reply = as(QStringLiteral("ada"), "POST", "/api/v1/office/members/BOB/status", body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("invalid_request"));
    const QString message =
        reply.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(problem), qPrintable(message));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestOffice::moreOperationsPerRole_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expect"); ///< text the answer must hold (200s), or must not (403s)
    const QByteArray get = "GET";
    const QByteArray post = "POST";
    const QByteArray none;
    auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };
    row("network: a distributor's own root")
        << "anna" << get << QByteArray("/api/v1/office/network") << none << 200 << "\"ANNA\"";
    row("network: the company's roots") << "sam" << get << QByteArray("/api/v1/office/network") << none << 200
                                        << "\"ROOT\"";
    row("search: inside the downline") << "anna" << get << QByteArray("/api/v1/office/search?q=dora") << none << 200
                                       << "\"DORA\"";
    row("search: outside, nothing") << "anna" << get << QByteArray("/api/v1/office/search?q=fred") << none << 200
                                    << "\"members\":[]";
    row("search: support finds anyone") << "sam" << get << QByteArray("/api/v1/office/search?q=fred") << none << 200
                                        << "\"FRED\"";
    row("path: to a downline member") << "anna" << get << QByteArray("/api/v1/office/members/DORA/path") << none << 200
                                      << "\"CARL\"";
    row("path: outside") << "anna" << get << QByteArray("/api/v1/office/members/FRED/path") << none << 403
                         << "\"sponsor\"";
    row("history: its own") << "anna" << get << QByteArray("/api/v1/office/members/ANNA/history") << none << 200
                            << "\"changes\"";
    row("history: outside") << "anna" << get << QByteArray("/api/v1/office/members/EVE/history") << none << 403 << "";
    row("contact: support") << "sam" << post << QByteArray("/api/v1/office/members/BOB/contact")
                            << QByteArray("{\"phone\": \"+1 555 0199\"}") << 200 << "+1 555 0199";
    row("contact: a distributor") << "anna" << post << QByteArray("/api/v1/office/members/BOB/contact")
                                  << QByteArray("{\"phone\": \"+1 555 0198\"}") << 403 << "";
    row("contact: a bad email") << "sam" << post << QByteArray("/api/v1/office/members/BOB/contact")
                                << QByteArray("{\"email\": \"not an email\"}") << 400 << "";
    row("move: support") << "sam" << post << QByteArray("/api/v1/office/members/DORA/move")
                         << QByteArray("{\"sponsor\": \"ANNA\"}") << 403 << "";
    row("move: an admin") << "ada" << post << QByteArray("/api/v1/office/members/DORA/move")
                          << QByteArray("{\"sponsor\": \"ANNA\"}") << 200 << "\"sponsor\":\"ANNA\"";
    row("move: into its own downline") << "ada" << post << QByteArray("/api/v1/office/members/ANNA/move")
                                       << QByteArray("{\"sponsor\": \"DORA\"}") << 409 << "";
    row("orders: a distributor's own") << "carl" << get << QByteArray("/api/v1/office/orders") << none << 200
                                       << "\"BO-1\"";
    row("orders: another member's") << "anna" << get << QByteArray("/api/v1/office/orders?member=FRED") << none << 403
                                    << "";
    row("orders: support, a page") << "sam" << get << QByteArray("/api/v1/office/orders?limit=2") << none << 200
                                   << "\"orders\"";
    row("orders: a bad limit") << "sam" << get << QByteArray("/api/v1/office/orders?limit=0") << none << 400 << "";
    row("links: its own") << "anna" << get << QByteArray("/api/v1/office/links?member=ANNA") << none << 200
                          << "ANNA-SHOP";
    row("links: another's") << "carl" << get << QByteArray("/api/v1/office/links?member=ANNA") << none << 403 << "";
    row("links: a new one of its own") << "anna" << post << QByteArray("/api/v1/office/links")
                                       << QByteArray("{\"member\": \"ANNA\", \"store\": \"shop\", \"code\": "
                                                     "\"ANNA-NEW\"}")
                                       << 201 << "https://shop.example.com/?ref=ANNA-NEW";
    row("links: one for another") << "anna" << post << QByteArray("/api/v1/office/links")
                                  << QByteArray("{\"member\": \"CARL\", \"store\": \"shop\"}") << 403 << "";
    row("links: another's deactivated") << "carl" << post << QByteArray("/api/v1/office/links/ANNA-NEW/deactivate")
                                        << QByteArray("{}") << 403 << "";
    row("links: its own deactivated") << "anna" << post << QByteArray("/api/v1/office/links/ANNA-NEW/deactivate")
                                      << QByteArray("{}") << 200 << "\"done\":true";
    row("users: support") << "sam" << get << QByteArray("/api/v1/office/users") << none << 403 << "password";
    row("users: an admin") << "ada" << get << QByteArray("/api/v1/office/users") << none << 200 << "\"anna\"";
    row("audit: a distributor") << "anna" << get << QByteArray("/api/v1/office/audit") << none << 403 << "";
    row("audit: an admin") << "ada" << get << QByteArray("/api/v1/office/audit?action=member.&limit=5") << none << 200
                           << "member.";
}

void TestOffice::moreOperationsPerRole()
{
    QFETCH(QString, user);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, expect);
    const QString before = TestDatabase::fingerprint(m_t->db());
    const HttpReply reply = as(user, method, path, body);
    QVERIFY2(reply.status == status, reply.body.constData());
    if (status < 300) {
        QVERIFY2(reply.body.contains(expect.toUtf8()), reply.body.constData());
    } else {
        QVERIFY(!reply.errorCode().isEmpty());
        if (!expect.isEmpty()) // nothing of what was refused comes along
            QVERIFY2(!reply.body.contains(expect.toUtf8()), reply.body.constData());
        if (method == "POST")
            QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
    }
}

void TestOffice::ordersOutsideADistributorsReach()
{
    // An order of another line, by its id: refused to a distributor, shown to support.
    auto fred = m_t->db().scalar(QStringLiteral("SELECT o.id FROM orders o JOIN members m ON m.id = o.buyer_member_id "
                                                "WHERE m.code = 'BOB' ORDER BY o.id LIMIT 1"));
    QVERIFY(fred && fred->isValid());
    const QByteArray path = "/api/v1/office/orders/" + QByteArray::number(fred->toLongLong());
    QCOMPARE(as(QStringLiteral("carl"), "GET", path).status, 403);
    const HttpReply shown = as(QStringLiteral("sam"), "GET", path);
    QCOMPARE(shown.status, 200);
    QCOMPARE(shown.json().value(QStringLiteral("buyer_member")).toString(),
             QStringLiteral("BOB"));
    QCOMPARE(as(QStringLiteral("sam"), "GET", "/api/v1/office/orders/999999").status, 404);
    QCOMPARE(as(QStringLiteral("sam"), "GET", "/api/v1/office/orders/x").status, 404);
}

void TestOffice::keysAndTokensAreNotInterchangeable()
{
    auto key = ApiKeys(m_t->db()).create(QStringLiteral("shop"), QStringLiteral("office test"), testActor());
    QVERIFY(key);
    const QByteArray storeKey = key->token.toLatin1();
    QCOMPARE(HttpClient(m_server->port(), storeKey).get("/api/v1/catalog?member=ANNA").status, 200);
    // A store's key on the office API, a user's token on the store API, garbage, nothing: 401.
    QCOMPARE(HttpClient(m_server->port(), storeKey).get("/api/v1/office/members/ANNA").status, 401);
    QCOMPARE(HttpClient(m_server->port(), signIn(QStringLiteral("ada"))).get("/api/v1/catalog?member=ANNA").status,
             401);
    QCOMPARE(HttpClient(m_server->port(), "mlmu_forged").get("/api/v1/office/me").status, 401);
    QCOMPARE(HttpClient(m_server->port(), "x").get("/api/v1/office/me").status, 401);
    QCOMPARE(HttpClient(m_server->port()).get("/api/v1/office/me").status, 401);
}

void TestOffice::sessionsEndWithTheUsersAccount()
{
    Users users(m_t->db());
    // Disabled (from the desktop or mlmctl): its sessions end, and it cannot sign in.
    const QByteArray gone = signIn(QStringLiteral("gone"));
    QCOMPARE(HttpClient(m_server->port(), gone).get("/api/v1/office/me").status, 200);
    QVERIFY(users.setActive(QStringLiteral("gone"), false, testActor()));
    QCOMPARE(HttpClient(m_server->port(), gone).get("/api/v1/office/me").status, 401);
    QVERIFY(signIn(QStringLiteral("gone")).isEmpty());
    // A password set by an admin ends its sessions.
    const QByteArray before = signIn(QStringLiteral("newpw"));
    QVERIFY(users.setPassword(QStringLiteral("newpw"), QStringLiteral("password2"), testActor()));
    QCOMPARE(HttpClient(m_server->port(), before).get("/api/v1/office/me").status, 401);
    // One's own password: the old one proves it; the old sessions end, a new one begins.
    const QByteArray mine = signIn(QStringLiteral("newpw"), QStringLiteral("password2"));
    HttpClient client(m_server->port(), mine);
    HttpReply reply = client.post("/api/v1/session/password",
                                  QJsonObject{{QStringLiteral("old_password"), QStringLiteral("not it")},
                                              {QStringLiteral("new_password"), QStringLiteral("password3")}});
    QCOMPARE(reply.status, 403);
    reply = client.post("/api/v1/session/password",
                        QJsonObject{{QStringLiteral("old_password"), QStringLiteral("password2")},
                                    {QStringLiteral("new_password"), QStringLiteral("short")}});
    QCOMPARE(reply.status, 400);
    reply = client.post("/api/v1/session/password",
                        QJsonObject{{QStringLiteral("old_password"), QStringLiteral("password2")},
                                    {QStringLiteral("new_password"), QStringLiteral("password3")}});
    QCOMPARE(reply.status, 200);
    const QByteArray fresh = reply.json().value(QStringLiteral("token")).toString().toLatin1();
    QCOMPARE(HttpClient(m_server->port(), mine).get("/api/v1/office/me").status, 401);
    QCOMPARE(HttpClient(m_server->port(), fresh).get("/api/v1/office/me").status, 200);
    QVERIFY(!signIn(QStringLiteral("newpw"), QStringLiteral("password3")).isEmpty());
    QVERIFY(signIn(QStringLiteral("newpw"), QStringLiteral("password2")).isEmpty());
}

void TestOffice::sessionsExpireAfterTwelveIdleHours()
{
    UserSessions sessions(m_t->db());
    const Timestamp start = nowUtc();
    auto opened = sessions.signIn(QStringLiteral("carl"), QStringLiteral("password1"), QStringLiteral("clock"), start);
    QVERIFY(opened);
    // Used within 12 hours, it lives on from the last use...
    QVERIFY(sessions.authenticate(opened->token, start + 11 * 3600));
    QVERIFY(sessions.authenticate(opened->token, start + 22 * 3600));
    // ...and 12 hours without use end it.
    auto expired = sessions.authenticate(opened->token, start + 34 * 3600 + 1);
    QVERIFY(!expired);
    QCOMPARE(expired.error().code, ErrorCode::Unauthenticated);
    QVERIFY(!sessions.authenticate(opened->token, start + 22 * 3600));
}

void TestOffice::failedSignInsAreThrottledPerUser()
{
    HttpClient client(m_server->port());
    auto attempt = [&](const char *password) {
        return client.post("/api/v1/session", QJsonObject{{QStringLiteral("username"), QStringLiteral("lock")},
                                                          {QStringLiteral("password"), QLatin1StringView(password)}});
    };
    for (int i = 0; i < 5; ++i)
        QCOMPARE(attempt("wrong-password-xyz").status, 401);
    // The sixth within 15 minutes is refused, the right password too, saying when to come back.
    const HttpReply locked = attempt("password1");
    QCOMPARE(locked.status, 429);
    QCOMPARE(locked.errorCode(), QStringLiteral("too_many_requests"));
    const int retryAfter = locked.headers.value("retry-after").toInt();
    QVERIFY2(retryAfter > 850 && retryAfter <= 900, locked.headers.value("retry-after").constData());
    // Others sign in as before.
    QVERIFY(!signIn(QStringLiteral("sam")).isEmpty());
    // Audited, never with the password.
    auto audit = AuditLog::page(m_t->db(), {}, 0, 500);
    QVERIFY(audit);
    int failed = 0;
    int lockouts = 0;
    for (const AuditEntry &e : audit.value()) {
        QVERIFY(!e.details.contains(QStringLiteral("wrong-password-xyz")) &&
                !e.details.contains(QStringLiteral("password1")));
        if (e.details.contains(QStringLiteral("\"lock\""))) {
            failed += e.action == u"session.sign_in_failed";
            lockouts += e.action == u"session.locked_out" || e.action == u"session.refused_locked";
        }
    }
    QCOMPARE(failed, 5);
    QVERIFY(lockouts >= 2); // the lock-out, and the refused attempt
    QVERIFY(!m_server->log().contains("wrong-password-xyz"));
}

void TestOffice::failedSignInsAreThrottledPerAddress()
{
    // One address trying many names: 20 failures, then every attempt from it waits, whatever the name.
    UserSessions sessions(m_t->db());
    const QString client = QStringLiteral("192.0.2.7");
    const Timestamp now = nowUtc();
    for (int i = 0; i < 20; ++i) {
        auto failed = sessions.signIn(QStringLiteral("guess%1").arg(i), QStringLiteral("password1"), client, now + i);
        QCOMPARE(failed.error().code, ErrorCode::Unauthenticated);
    }
    auto locked = sessions.signIn(QStringLiteral("ada"), QStringLiteral("password1"), client, now + 30);
    QVERIFY(!locked);
    QCOMPARE(locked.error().code, ErrorCode::Throttled);
    QCOMPARE(locked.error().retryAfterSeconds, 19 + 900 - 30);
    // Another address is not concerned; 15 minutes after the last failure the address may try again.
    QVERIFY(sessions.signIn(QStringLiteral("ada"), QStringLiteral("password1"), QStringLiteral("192.0.2.8"), now + 30));
    QVERIFY(sessions.signIn(QStringLiteral("ada"), QStringLiteral("password1"), client, now + 19 + 901));
}

void TestOffice::jobsAreTheirStartersOwn()
{
    // A long operation as a job: the role's check inside it, and only its starter sees or cancels it.
    const QByteArray preview = R"({"kind": "preview", "period": "2026-10"})";
    // The job's answer once it is no longer running (or after 4 s).
    const auto ended = [this](const char *user, const QByteArray &path) {
        HttpReply polled;
        for (int i = 0; i < 200; ++i) {
            polled = as(QString::fromLatin1(user), "GET", path);
            if (polled.json().value(QStringLiteral("state")).toString() != u"running")
                break;
            QThread::msleep(20);
        }
        return polled;
    };
    HttpReply started = as(QStringLiteral("ada"), "POST", "/api/v1/office/jobs", preview);
    QCOMPARE(started.status, 202);
    const QByteArray path = "/api/v1/office/jobs/" + started.json().value(QStringLiteral("id")).toString().toLatin1();
    QVERIFY(path.size() > 30);
    HttpReply polled = ended("ada", path);
    QCOMPARE(polled.status, 200);
    QCOMPARE(polled.json().value(QStringLiteral("state")).toString(), QStringLiteral("done"));
    QCOMPARE(polled.json().value(QStringLiteral("result")).toObject().value(QStringLiteral("period")).toString(),
             QStringLiteral("2026-10"));
    for (const char *other : {"sam", "anna"}) {
        QCOMPARE(as(QString::fromLatin1(other), "GET", path).status, 404);
        QCOMPARE(as(QString::fromLatin1(other), "DELETE", path).status, 404);
    }
    QCOMPARE(as(QStringLiteral("ada"), "GET", "/api/v1/office/jobs/job_NOPE").status, 404);
    // Support may not run a preview: the job starts, and fails with the refusal.
    started = as(QStringLiteral("sam"), "POST", "/api/v1/office/jobs", preview);
    QCOMPARE(started.status, 202);
    const QByteArray samPath = "/api/v1/office/jobs/" + started.json().value(QStringLiteral("id")).toString().toLatin1();
    polled = ended("sam", samPath);
    QCOMPARE(polled.json().value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QCOMPARE(polled.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("permission_denied"));
    // Bad requests are refused before a job begins.
    for (const QByteArray &bad : {QByteArray(R"({"kind": "format the disk", "period": "2026-10"})"),
                                  QByteArray(R"({"kind": "preview", "period": "2026-13"})"), QByteArray(R"({"period": "2026-10"})")}) {
        const HttpReply refused = as(QStringLiteral("ada"), "POST", "/api/v1/office/jobs", bad);
        QCOMPARE(refused.status, 400);
    }
}

void TestOffice::twoPeopleChangeOneMemberAtOnce()
{
    // Two desktops of different users change CARL at the same moment: both are answered, both are in the audit
    // log, and the member's status is one of theirs, with its history.
    const QByteArray ada = signIn(QStringLiteral("ada"));
    const QByteArray sam = signIn(QStringLiteral("sam"));
    const quint16 port = m_server->port();
    int statuses[2] = {0, 0};
    QThread *first = QThread::create([&] {
        statuses[0] = HttpClient(port, ada)
                          .post("/api/v1/office/members/CARL/status",
                                QByteArray("{\"status\": \"suspended\", \"reason\": \"desk one\"}"))
                          .status;
    });
    QThread *second = QThread::create([&] {
        statuses[1] = HttpClient(port, sam)
                          .post("/api/v1/office/members/CARL/status",
                                QByteArray("{\"status\": \"customer\", \"reason\": \"desk two\"}"))
                          .status;
    });
    first->start();
    second->start();
    QVERIFY(first->wait(30000) && second->wait(30000));
    delete first;
    delete second;
    for (int s : statuses)
        QVERIFY2(s == 200 || s == 409, qPrintable(QString::number(s)));
    const int succeeded = (statuses[0] == 200) + (statuses[1] == 200);
    QVERIFY(succeeded >= 1);
    auto audited = m_t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'member.status' AND "
                                                   "details LIKE '%desk %'"));
    QCOMPARE(audited.value().toInt(), succeeded);
    auto history =
        m_t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM member_status_history h JOIN members m ON "
                                        "m.id = h.member_id WHERE m.code = 'CARL' AND h.reason LIKE 'desk %'"));
    QCOMPARE(history.value().toInt(), succeeded);
}

void TestOffice::runsArePagedAndTheirUsersOwn()
{
    HttpReply preview = as(QStringLiteral("ada"), "POST", "/api/v1/office/commissions/2026-10/preview");
    QCOMPARE(preview.status, 200);
    const QJsonObject run = preview.json();
    QVERIFY(!run.contains(QStringLiteral("members"))); // an overview: its members stay on the server
    const QJsonObject totals = run.value(QStringLiteral("totals")).toObject();
    const auto expected = CommissionRuns(m_t->db()).preview(Period{2026, 10});
    QVERIFY(expected);
    QCOMPARE(totals.value(QStringLiteral("members")).toInteger(), expected->members.size());
    QCOMPARE(totals.value(QStringLiteral("total")).toInteger(), RunTotals::of(expected.value()).total);
    const QByteArray pages = "/api/v1/office/runs/" + run.value(QStringLiteral("id")).toString().toLatin1() + "/members";

    // Page by page, the run's members in its order.
    QStringList codes;
    for (int offset = 0; offset < expected->members.size(); offset += 2) {
        HttpReply page = as(QStringLiteral("ada"), "GET", pages + "?limit=2&offset=" + QByteArray::number(offset));
        QCOMPARE(page.status, 200);
        for (const QJsonValue &m : page.json().value(QStringLiteral("members")).toArray())
            codes << m.toObject().value(QStringLiteral("code")).toString();
    }
    QStringList wanted;
    for (const MemberCommission &m : expected->members)
        wanted << m.code;
    QCOMPARE(codes, wanted);
    QCOMPARE(as(QStringLiteral("ada"), "GET", pages + "?offset=100000").json().value(QStringLiteral("members")).toArray().size(), 0);

    // Another admin does not find it; who may not run commissions is refused; bad pages are named.
    HttpReply other = as(QStringLiteral("bea"), "GET", pages);
    QCOMPARE(other.status, 404);
    QCOMPARE(other.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("not_found"));
    QCOMPARE(as(QStringLiteral("sam"), "GET", pages).status, 403);
    QCOMPARE(as(QStringLiteral("anna"), "GET", pages).status, 403);
    for (const QByteArray &bad : {QByteArray("?limit=0"), QByteArray("?limit=5001"), QByteArray("?offset=-1"),
                                  QByteArray("?limit=ten"), QByteArray("?offset=1e3")}) {
        HttpReply refused = as(QStringLiteral("ada"), "GET", pages + bad);
        QVERIFY2(refused.status == 400, bad.constData());
        QVERIFY2(!refused.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty(),
                 bad.constData());
    }

    // The payout file: only for a closed period, only for those who run commissions.
    QCOMPARE(as(QStringLiteral("ada"), "GET", "/api/v1/office/commissions/2026-10/payout").status, 404);
    QCOMPARE(as(QStringLiteral("sam"), "GET", "/api/v1/office/commissions/2026-10/payout").status, 403);
}

void TestOffice::runStoreKeepsTheNewest()
{
    RunStore &store = RunStore::instance();
    CommissionRun run;
    run.period = Period{2026, 1};
    run.members = {MemberCommission{1, QStringLiteral("A"), 100, true, 0, {50}, 0, 50},
                   MemberCommission{2, QStringLiteral("B"), 0, false, 0, {0}, 0, 0}};
    run.plan.levelsBp = {1000};
    QList<RunOverview> kept;
    for (int i = 0; i < RunStore::kPerUser + 1; ++i)
        kept << store.keep(QStringLiteral("keeper"), run);
    QCOMPARE(kept.first().totals.members, 2);
    QCOMPARE(kept.first().totals.paid, 1);
    QCOMPARE(kept.first().totals.levels, QList<Money>{50});
    QCOMPARE(kept.first().totals.paidPerLevel, QList<qsizetype>{1});
    // The oldest of the user's went when it kept one more than kPerUser; the others are there, its own only.
    QCOMPARE(store.members(kept.first().id, QStringLiteral("keeper"), 0, 10).error().code, ErrorCode::NotFound);
    for (qsizetype i = 1; i < kept.size(); ++i) {
        QCOMPARE(store.members(kept.at(i).id, QStringLiteral("keeper"), 0, 10)->size(), 2);
        QCOMPARE(store.members(kept.at(i).id, QStringLiteral("another"), 0, 10).error().code, ErrorCode::NotFound);
    }
    QCOMPARE(store.members(kept.last().id, QStringLiteral("keeper"), 1, 10)->first().code, QStringLiteral("B"));
    // And the process keeps kMaxRuns in all, the oldest going first.
    for (int i = 0; i < RunStore::kMaxRuns; ++i)
        store.keep(QStringLiteral("user%1").arg(i), run);
    QCOMPARE(store.members(kept.last().id, QStringLiteral("keeper"), 0, 10).error().code, ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestOffice)
#include "tst_office.moc"
