// mlmctl as a user runs it: a child process, its exit status and its one-line errors (SPEC 8).
#include "TestData.h"
#include "TestDatabase.h"
#include "dataset/SyntheticCompany.h"
#include "orders/Orders.h"
#include "storage/AuditLog.h"
#include "storage/Migrations.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "auth/Users.h"

#include <csignal>

using namespace mlm;
using namespace mlm::test;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run mlmctl(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(QStringLiteral(MLMCTL_PATH), args);
    p.write(input);
    p.closeWriteChannel();
    Run r;
    if (!p.waitForFinished(120000)) {
        r.err = QStringLiteral("did not finish");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestMlmctl : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup() { m_t.reset(); }

    void initTwice();
    void actingAsAUser();
    void users();
    void importExportRoundTrip();
    void demoOfADay();
    void badImportNamesTheRecord();
    void refund();
    void refundErrors_data();
    void refundErrors();
    void usageErrors_data();
    void usageErrors();
    void passwordOnTheCommandLineIsWarnedOf();
    void killedImportLeavesDatabaseUnchanged();
    void commissions();
    void commissionErrors_data();
    void commissionErrors();

private:
    QStringList db(const QStringList &rest) const { return QStringList{QStringLiteral("--db"), m_t->url()} + rest; }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<TestDatabase> m_t;
    QTemporaryDir m_dir;
};

void TestMlmctl::init()
{
    m_t = TestDatabase::create(false);
    QVERIFY(m_t);
}

void TestMlmctl::users()
{
    const QStringList db{QStringLiteral("--db"), m_t->url()};
    QCOMPARE(mlmctl(db + QStringList{QStringLiteral("init")}).exitCode, 0);
    Run r = mlmctl(db + QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("Boss"),
                                    QStringLiteral("--role"), QStringLiteral("admin")},
                   "a long secret\n");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = mlmctl(db + QStringList{QStringLiteral("user"), QStringLiteral("list")});
    QCOMPARE(r.out.trimmed(), QStringLiteral("boss\tadmin\t\tactive"));
    QVERIFY(!r.out.contains(QStringLiteral("secret")));
    r = mlmctl(db + QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("amy"),
                                QStringLiteral("--role"), QStringLiteral("support")},
               "short\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.startsWith(QStringLiteral("mlmctl: ")) && r.err.contains(QStringLiteral("8")));
    r = mlmctl(db + QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("amy"),
                                QStringLiteral("--role"), QStringLiteral("boss")},
               "long enough\n");
    QCOMPARE(r.exitCode, 2);
    QVERIFY(mlmctl(db + QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("amy"),
                                    QStringLiteral("--role"), QStringLiteral("support")},
                   "long enough\n")
                .exitCode == 0);
    QCOMPARE(mlmctl(db + QStringList{QStringLiteral("user"), QStringLiteral("passwd"), QStringLiteral("amy")},
                    "another passphrase\n")
                 .exitCode,
             0);
    QCOMPARE(
        mlmctl(db + QStringList{QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("amy")}).exitCode, 0);
    auto opened = Database::open(m_t->url());
    QVERIFY(opened);
    Users users(*opened.value());
    QVERIFY(!users.byName(QStringLiteral("amy"))->active);
    QVERIFY(users.signIn(QStringLiteral("boss"), QStringLiteral("a long secret")));
    QVERIFY(users.setActive(QStringLiteral("amy"), true, Actor{QStringLiteral("test")}));
    QVERIFY(users.signIn(QStringLiteral("amy"), QStringLiteral("another passphrase")));
    // The last admin cannot be disabled.
    r = mlmctl(db + QStringList{QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("boss")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(QStringLiteral("last active admin")));
}

void TestMlmctl::actingAsAUser()
{
    // --as: the user's role and scope are checked as at the desktop, and the audit log names mlmctl and the user.
    QVERIFY(m_t->db().migrate());
    QVERIFY(loadSmallCompany(m_t->db()));
    Users users(m_t->db());
    QVERIFY(users.add({QStringLiteral("sam"), QStringLiteral("password1"), Role::Support, {}}, testActor()));
    QVERIFY(users.add({QStringLiteral("anna"), QStringLiteral("password1"), Role::Distributor, QStringLiteral("ANNA")},
                      testActor()));
    QVERIFY(users.add({QStringLiteral("gone"), QStringLiteral("password1"), Role::Support, {}}, testActor()));
    QVERIFY(users.setActive(QStringLiteral("gone"), false, testActor()));
    const QStringList db{QStringLiteral("--db"), m_t->url()};
    const auto as = [&](const char *user, QStringList args) {
        return mlmctl(db + QStringList{QStringLiteral("--as"), QString::fromLatin1(user)} + args, "password2\n");
    };
    const QString period = QStringLiteral("--period=2026-10");
    for (const auto &[user, args] :
         {std::pair{"sam", QStringList{QStringLiteral("user"), QStringLiteral("list")}},
          std::pair{"sam", QStringList{QStringLiteral("store"), QStringLiteral("key"), QStringLiteral("create"),
                                       QStringLiteral("--store=shop")}},
          std::pair{"sam", QStringList{QStringLiteral("commissions"), QStringLiteral("run"), period}},
          std::pair{"anna", QStringList{QStringLiteral("commissions"), QStringLiteral("statement"), period,
                                        QStringLiteral("--member=CARL")}},
          std::pair{"anna", QStringList{QStringLiteral("export"), QStringLiteral("-")}},
          std::pair{"anna", QStringList{QStringLiteral("order"), QStringLiteral("refund"), QStringLiteral("--store=-"),
                                        QStringLiteral("--external-id=BO-1"), QStringLiteral("--at=2026-10-20T10:00:00Z")}}}) {
        const Run r = as(user, args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("may not")) || r.err.contains(QStringLiteral("own")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }
    // What the role may do, it does: a distributor's own statement, support's refund.
    Run r = as("anna", {QStringLiteral("commissions"), QStringLiteral("statement"), period, QStringLiteral("--member=ANNA")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("\"ANNA\"")), qPrintable(r.err));
    r = as("sam", {QStringLiteral("order"), QStringLiteral("refund"), QStringLiteral("--store=-"),
                   QStringLiteral("--external-id=BO-1"), QStringLiteral("--at=2026-10-20T10:00:00Z")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    auto audit = AuditLog::page(m_t->db(), AuditFilter{QStringLiteral("order.status")}, 0, 1);
    QVERIFY(audit && !audit->isEmpty());
    QVERIFY2(audit->first().actor.startsWith(QStringLiteral("cli:")) && audit->first().actor.endsWith(QStringLiteral(" as sam")),
             qPrintable(audit->first().actor));
    // Unknown and disabled users are refused before anything runs.
    r = as("nobody", {QStringLiteral("user"), QStringLiteral("list")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("--as")), qPrintable(r.err));
    r = as("gone", {QStringLiteral("user"), QStringLiteral("list")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("disabled")), qPrintable(r.err));
}

void TestMlmctl::initTwice()
{
    for (int i = 0; i < 2; ++i) {
        const Run r = mlmctl(db({QStringLiteral("init")}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("schema version %1").arg(Migrations::latestVersion())),
                 qPrintable(r.out + r.err));
        QVERIFY(r.err.isEmpty());
    }
}

void TestMlmctl::importExportRoundTrip()
{
    const Run imported =
        mlmctl(db({QStringLiteral("import"), QStringLiteral(MLM_TEST_DATA_DIR "/small-company.json")}));
    QCOMPARE(imported.exitCode, 0);
    QVERIFY2(imported.out.contains(QStringLiteral("7 members")), qPrintable(imported.out + imported.err));
    const Run info = mlmctl(db({QStringLiteral("info")}));
    QCOMPARE(info.exitCode, 0);
    QVERIFY2(info.out.contains(QStringLiteral("\nmembers: 7 (customer 1, distributor 4, suspended 1, terminated 1)\n")),
             qPrintable(info.out));
    QVERIFY(info.out.contains(QStringLiteral("orders: 6 (paid 4, pending 1, refunded 1)")));
    QCOMPARE(mlmctl(db({QStringLiteral("export"), path(QStringLiteral("a.json"))})).exitCode, 0);

    auto other = TestDatabase::create(false);
    QVERIFY(other);
    QCOMPARE(mlmctl({QStringLiteral("--db"), other->url(), QStringLiteral("import"), path(QStringLiteral("a.json"))})
                 .exitCode,
             0);
    QCOMPARE(mlmctl({QStringLiteral("--db"), other->url(), QStringLiteral("export"), path(QStringLiteral("b.json"))})
                 .exitCode,
             0);
    QFile a(path(QStringLiteral("a.json")));
    QFile b(path(QStringLiteral("b.json")));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    const QByteArray exported = a.readAll();
    QVERIFY(exported.contains("\"format\": \"mlm-dataset/1\""));
    QCOMPARE(b.readAll(), exported);
}

void TestMlmctl::demoOfADay()
{
    // The demo of a given day is always the same company; its year of orders ends when that day begins.
    const QString day = demoDay().toString(Qt::ISODate);
    const Run made = mlmctl(db({QStringLiteral("demo"), QStringLiteral("--today"), day}));
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    QVERIFY2(made.out.contains(QStringLiteral("320 members, 4800 orders")), qPrintable(made.out));
    QCOMPARE(mlmctl(db({QStringLiteral("export"), path(QStringLiteral("a.json"))})).exitCode, 0);
    auto other = TestDatabase::create(false);
    QVERIFY(other);
    const QStringList otherDb{QStringLiteral("--db"), other->url()};
    QCOMPARE(mlmctl(otherDb + QStringList{QStringLiteral("demo"), QStringLiteral("--today=") + day}).exitCode, 0);
    QCOMPARE(mlmctl(otherDb + QStringList{QStringLiteral("export"), path(QStringLiteral("b.json"))}).exitCode, 0);
    QFile a(path(QStringLiteral("a.json")));
    QFile b(path(QStringLiteral("b.json")));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    const QByteArray exported = a.readAll();
    QCOMPARE(b.readAll(), exported);
    const QString previousDay = demoDay().addDays(-1).toString(Qt::ISODate);
    QVERIFY(exported.contains("\"paid_at\":\"" + previousDay.toLatin1()));
    QVERIFY(!exported.contains("\"paid_at\":\"" + day.toLatin1()));
    // A second demo into the same database, and a day that is not one: refused, nothing changed.
    const QString before = TestDatabase::fingerprint(m_t->db());
    Run again = mlmctl(db({QStringLiteral("demo"), QStringLiteral("--today"), day}));
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QStringLiteral("empty")), qPrintable(again.err));
    Run bad = mlmctl(db({QStringLiteral("demo"), QStringLiteral("--today"), QStringLiteral("2026-02-30")}));
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(QStringLiteral("--today must be a date YYYY-MM-DD, not '2026-02-30'")),
             qPrintable(bad.err));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestMlmctl::badImportNamesTheRecord()
{
    QCOMPARE(mlmctl(db({QStringLiteral("import"), QStringLiteral(MLM_TEST_DATA_DIR "/small-company.json")})).exitCode,
             0);
    QVERIFY(m_t->db().migrate());
    const QString before = TestDatabase::fingerprint(m_t->db());
    const Run r =
        mlmctl(db({QStringLiteral("import"), QStringLiteral(MLM_TEST_DATA_DIR "/bad/unknown-sku/dataset.json")}));
    QVERIFY(r.exitCode != 0);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count(u'\n'), 1);
    QVERIFY2(r.err.contains(QStringLiteral("orders[0] (external_id 'X1').lines[0]: unknown sku 'NOPE'")),
             qPrintable(r.err));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
    const Run missing = mlmctl(db({QStringLiteral("import"), path(QStringLiteral("nope.json"))}));
    QVERIFY(missing.exitCode != 0);
    QVERIFY(missing.err.contains(QStringLiteral("nope.json")));
}

void TestMlmctl::refund()
{
    QCOMPARE(mlmctl(db({QStringLiteral("import"), QStringLiteral(MLM_TEST_DATA_DIR "/small-company.json")})).exitCode,
             0);
    const Run r = mlmctl(db({QStringLiteral("order"), QStringLiteral("refund"), QStringLiteral("--store"),
                             QStringLiteral("shop"), QStringLiteral("--external-id"), QStringLiteral("1001"),
                             QStringLiteral("--at"), QStringLiteral("2026-11-03T08:00:00Z")}));
    QCOMPARE(r.exitCode, 0);
    auto order = Orders(m_t->db()).find(QStringLiteral("shop"), QStringLiteral("1001"));
    QCOMPARE(order->status, OrderStatus::Refunded);
    QCOMPARE(order->refundedAt, parseIsoTimestamp(u"2026-11-03T08:00:00Z"));
    const Run backOffice = mlmctl(db({QStringLiteral("order"), QStringLiteral("refund"), QStringLiteral("--store"),
                                      QStringLiteral("-"), QStringLiteral("--external-id"), QStringLiteral("BO-1"),
                                      QStringLiteral("--at"), QStringLiteral("2026-11-03T08:00:00+02:00")}));
    QCOMPARE(backOffice.exitCode, 0);
    QCOMPARE(Orders(m_t->db()).find(QStringLiteral("-"), QStringLiteral("BO-1"))->refundedAt,
             parseIsoTimestamp(u"2026-11-03T06:00:00Z"));
}

void TestMlmctl::refundErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const auto refund = [](const QString &store, const QString &id, const QString &at) {
        return QStringList{QStringLiteral("order"),         QStringLiteral("refund"),
                           QStringLiteral("--store"),       store,
                           QStringLiteral("--external-id"), id,
                           QStringLiteral("--at"),          at};
    };
    QTest::newRow("twice") << refund(QStringLiteral("shop"), QStringLiteral("1003"),
                                     QStringLiteral("2026-11-01T00:00:00Z"))
                           << QStringLiteral("refunded and cannot become refunded");
    QTest::newRow("pending") << refund(QStringLiteral("shop"), QStringLiteral("1002"),
                                       QStringLiteral("2026-11-01T00:00:00Z"))
                             << QStringLiteral("pending and cannot become refunded");
    QTest::newRow("unknown order") << refund(QStringLiteral("shop"), QStringLiteral("999"),
                                             QStringLiteral("2026-11-01"))
                                   << QStringLiteral("no order '999'");
    QTest::newRow("unknown store") << refund(QStringLiteral("nostore"), QStringLiteral("1"),
                                             QStringLiteral("2026-11-01"))
                                   << QStringLiteral("nostore");
    QTest::newRow("bad date") << refund(QStringLiteral("shop"), QStringLiteral("1001"), QStringLiteral("tomorrow"))
                              << QStringLiteral("--at 'tomorrow'");
    QTest::newRow("before payment") << refund(QStringLiteral("shop"), QStringLiteral("1001"),
                                              QStringLiteral("2026-01-01"))
                                    << QStringLiteral("before it was paid");
    QTest::newRow("missing option") << QStringList{QStringLiteral("order"), QStringLiteral("refund"),
                                                   QStringLiteral("--store"), QStringLiteral("shop")}
                                    << QStringLiteral("usage");
}

void TestMlmctl::refundErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QCOMPARE(mlmctl(db({QStringLiteral("import"), QStringLiteral(MLM_TEST_DATA_DIR "/small-company.json")})).exitCode,
             0);
    const QString before = TestDatabase::fingerprint(m_t->db());
    const Run r = mlmctl(db(args));
    QVERIFY(r.exitCode != 0);
    QCOMPARE(r.err.count(u'\n'), 1);
    QVERIFY2(r.err.startsWith(QStringLiteral("mlmctl: ")) && r.err.contains(message), qPrintable(r.err));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestMlmctl::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("--db"), QStringLiteral("sqlite:x.db"),
                                                    QStringLiteral("frobnicate")}
                                     << QStringLiteral("unknown command");
    QTest::newRow("bad url") << QStringList{QStringLiteral("--db"), QStringLiteral("mysql://x/y"),
                                            QStringLiteral("init")}
                             << QStringLiteral("unsupported database URL");
    QTest::newRow("unreachable server") << QStringList{QStringLiteral("--db"),
                                                       QStringLiteral("postgresql://u:p@127.0.0.1:1/db"),
                                                       QStringLiteral("init")}
                                        << QStringLiteral("cannot open postgresql://u@127.0.0.1:1/db");
    QTest::newRow("option without value")
        << QStringList{QStringLiteral("init"), QStringLiteral("--db")} << QStringLiteral("--db needs a value");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("commissions"), QStringLiteral("run"),
                                                   QStringLiteral("--perod"), QStringLiteral("2026-10")}
                                    << QStringLiteral("unknown option --perod");
    QTest::newRow("unknown option with =") << QStringList{QStringLiteral("info"), QStringLiteral("--verbose=yes")}
                                           << QStringLiteral("unknown option --verbose");
    QTest::newRow("bad seed count") << QStringList{QStringLiteral("seed"), QStringLiteral("--members"),
                                                   QStringLiteral("lots")}
                                    << QStringLiteral("--members must be a whole number");
}

void TestMlmctl::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = mlmctl(args);
    QVERIFY(r.exitCode != 0);
    QStringList lines = r.err.split(u'\n', Qt::SkipEmptyParts);
    lines.removeIf([](const QString &line) { return line.startsWith(QStringLiteral("mlmctl: warning: ")); });
    QCOMPARE(lines.size(), 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!r.err.contains(QStringLiteral(":p@"))); // never a password
}

void TestMlmctl::passwordOnTheCommandLineIsWarnedOf()
{
    // Every user of the machine reads a command line; the environment and ~/.pgpass are the user's own.
    const QString url = QStringLiteral("postgresql://admin:s3cret@127.0.0.1:1/db");
    Run r = mlmctl({QStringLiteral("--db"), url, QStringLiteral("info")});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(QStringLiteral("mlmctl: warning: the password in --db can be read")), qPrintable(r.err));
    QVERIFY(!r.err.contains(QStringLiteral("s3cret")));
    QProcess p;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("MLM_DB"), url);
    p.setProcessEnvironment(environment);
    p.start(QStringLiteral(MLMCTL_PATH), {QStringLiteral("info")});
    QVERIFY(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("cannot open postgresql://admin@127.0.0.1:1/db")), qPrintable(err));
    QVERIFY(!err.contains(QStringLiteral("warning")));
    QVERIFY(!err.contains(QStringLiteral("s3cret")));
}

void TestMlmctl::killedImportLeavesDatabaseUnchanged()
{
    QCOMPARE(mlmctl(db({QStringLiteral("init")})).exitCode, 0);
    QVERIFY(m_t->db().exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('marker', 'before')")));
    const QString before = TestDatabase::fingerprint(m_t->db());
    // A big file, killed while its orders go in.
    QCOMPARE(mlmctl({QStringLiteral("seed"), QStringLiteral("--members"), QStringLiteral("40000"),
                     QStringLiteral("--orders"), QStringLiteral("200000"), QStringLiteral("--out"),
                     path(QStringLiteral("big.json"))})
                 .exitCode,
             0);
    QProcess p;
    p.start(QStringLiteral(MLMCTL_PATH),
            db({QStringLiteral("import"), path(QStringLiteral("big.json")), QStringLiteral("--progress")}));
    QVERIFY(p.waitForStarted());
    QByteArray progress;
    while (!progress.contains("progress orders") && p.state() == QProcess::Running) {
        p.waitForReadyRead(200);
        progress += p.readAllStandardError();
    }
    QVERIFY2(progress.contains("progress orders"), progress.constData());
    QVERIFY(p.state() == QProcess::Running); // mid-way, the transaction open
    ::kill(pid_t(p.processId()), SIGKILL);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);

    auto after = Database::open(m_t->url());
    QVERIFY(after);
    QCOMPARE(TestDatabase::fingerprint(*after.value()), before);
    // and the database still works: the same import now goes through
    QCOMPARE(mlmctl(db({QStringLiteral("import"), path(QStringLiteral("big.json"))})).exitCode, 0);
    QCOMPARE(after.value()->scalar(QStringLiteral("SELECT COUNT(*) FROM orders")).value().toLongLong(), 200000);
    // The bulk load put back every index and foreign key it set aside.
    auto indexes = after.value()->exec(after.value()->dialect().secondaryIndexesSql(), {QStringLiteral("orders")});
    QVERIFY(indexes);
    QStringList names;
    while (indexes->next())
        names << indexes->value(0).toString();
    QCOMPARE(names, (QStringList{QStringLiteral("orders_buyer_member"), QStringLiteral("orders_credited_paid"),
                                 QStringLiteral("orders_paid_at"), QStringLiteral("orders_status"),
                                 QStringLiteral("orders_store_external")}));
    auto orphan =
        after.value()->exec(QStringLiteral("INSERT INTO order_lines (order_id, line_no, product_id, qty, "
                                           "unit_price, distributor_price, pv, bv) VALUES (999999999, 1, 1, 1, "
                                           "1, 1, 1, 1)"));
    QVERIFY(!orphan); // the foreign key to orders is there again
}

void TestMlmctl::commissions()
{
    const QString chain = QStringLiteral(MLM_TEST_DATA_DIR "/commissions/chain-compression/");
    QCOMPARE(mlmctl(db({QStringLiteral("import"), chain + QStringLiteral("dataset.json")})).exitCode, 0);
    const QStringList run{QStringLiteral("commissions"), QStringLiteral("run"),      QStringLiteral("--period"),
                          QStringLiteral("2026-10"),     QStringLiteral("--format"), QStringLiteral("json")};
    const Run preview = mlmctl(db(run));
    QCOMPARE(preview.exitCode, 0);
    QFile expectedFile(chain + QStringLiteral("expected.json"));
    QVERIFY(expectedFile.open(QIODevice::ReadOnly));
    const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();
    QCOMPARE(QJsonDocument::fromJson(preview.out.toUtf8()).object(), expected);
    QCOMPARE(mlmctl(db(run)).out, preview.out); // byte for byte, every time

    const Run csv = mlmctl(db({QStringLiteral("commissions"), QStringLiteral("run"), QStringLiteral("--period"),
                               QStringLiteral("2026-10"), QStringLiteral("--format"), QStringLiteral("csv")}));
    QCOMPARE(csv.exitCode, 0);
    QCOMPARE(csv.out.count(u'\n'), 7); // header + six members
    QVERIFY(csv.out.contains(QStringLiteral("\nROOT,10000,1,0,1033,2800,390,0,4223\n")));

    const Run closed = mlmctl(db(run + QStringList{QStringLiteral("--close")}));
    QCOMPARE(closed.exitCode, 0);
    QJsonObject closedJson = QJsonDocument::fromJson(closed.out.toUtf8()).object();
    QCOMPARE(closedJson.value(QStringLiteral("closed")), QJsonValue(true));
    closedJson.insert(QStringLiteral("closed"), false);
    QCOMPARE(closedJson, expected);
    const Run show = mlmctl(db({QStringLiteral("commissions"), QStringLiteral("show"), QStringLiteral("--period"),
                                QStringLiteral("2026-10")}));
    QCOMPARE(show.exitCode, 0);
    QCOMPARE(show.out, closed.out);
    const Run again = mlmctl(db(run));
    QVERIFY(again.exitCode != 0);
    QVERIFY2(again.err.contains(QStringLiteral("2026-10 is closed")), qPrintable(again.err));

    const Run statement =
        mlmctl(db({QStringLiteral("commissions"), QStringLiteral("statement"), QStringLiteral("--period"),
                   QStringLiteral("2026-10"), QStringLiteral("--member"), QStringLiteral("CC")}));
    QCOMPARE(statement.exitCode, 0);
    const QJsonObject s = QJsonDocument::fromJson(statement.out.toUtf8()).object();
    QCOMPARE(s.value(QStringLiteral("total")).toInteger(), 7300);
    qint64 sum = 0;
    for (const QJsonValue &line : s.value(QStringLiteral("lines")).toArray())
        sum += line.toObject().value(QStringLiteral("amount")).toInteger();
    QCOMPARE(sum, 7300);
}

void TestMlmctl::commissionErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad period") << QStringList{QStringLiteral("commissions"), QStringLiteral("run"),
                                               QStringLiteral("--period"), QStringLiteral("2026-13")}
                                << QStringLiteral("--period '2026-13'");
    QTest::newRow("no period") << QStringList{QStringLiteral("commissions"), QStringLiteral("run")}
                               << QStringLiteral("--period");
    QTest::newRow("bad format") << QStringList{QStringLiteral("commissions"), QStringLiteral("run"),
                                               QStringLiteral("--period"),    QStringLiteral("2026-10"),
                                               QStringLiteral("--format"),    QStringLiteral("xml")}
                                << QStringLiteral("--format 'xml'");
    QTest::newRow("show an open period") << QStringList{QStringLiteral("commissions"), QStringLiteral("show"),
                                                        QStringLiteral("--period"), QStringLiteral("2026-10")}
                                         << QStringLiteral("2026-10 is not closed");
    QTest::newRow("statement without member") << QStringList{QStringLiteral("commissions"), QStringLiteral("statement"),
                                                             QStringLiteral("--period"), QStringLiteral("2026-10")}
                                              << QStringLiteral("usage");
    QTest::newRow("statement of nobody") << QStringList{QStringLiteral("commissions"), QStringLiteral("statement"),
                                                        QStringLiteral("--period"),    QStringLiteral("2026-10"),
                                                        QStringLiteral("--member"),    QStringLiteral("GHOST")}
                                         << QStringLiteral("GHOST");
}

void TestMlmctl::commissionErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = mlmctl(db(args));
    QVERIFY(r.exitCode != 0);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count(u'\n'), 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestMlmctl)
#include "tst_mlmctl.moc"
