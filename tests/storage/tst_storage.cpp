// Storage on the backend named by MLM_TEST_BACKEND: migrations, transactions, connections per thread.
#include "TestDatabase.h"
#include "storage/Migrations.h"
#include "storage/TransactionGuard.h"

#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace mlm;
using namespace mlm::test;

class TestStorage : public QObject
{
    Q_OBJECT
private slots:
    void migrateCreatesSchema();
    void migrateTwiceIsHarmless();
    void migrationStepsAreNumbered();
    void newerSchemaIsRefused();
    void upgradeFromEveryOlderVersion_data();
    void upgradeFromEveryOlderVersion();
    void guardCommits();
    void guardRollsBackWhenNotCommitted();
    void nestedGuardFailureRollsBackAll();
    void uniqueViolationIsAlreadyExists();
    void builtinTiersAndPlanExist();
    void caseInsensitiveCodesAreUnique();
    void emptyEmailsAreNotCompared();
    void connectionPerThread();
    void badUrlIsAClearError();
};

void TestStorage::migrateCreatesSchema()
{
    auto t = TestDatabase::create(false);
    QVERIFY(t);
    QCOMPARE(t->db().schemaVersion().value(), 0);
    QVERIFY(t->db().migrate());
    QCOMPARE(t->db().schemaVersion().value(), Migrations::latestVersion());
    const QStringList tables = t->db().connection().tables();
    for (const char *table : {"members", "orders", "order_lines", "stores", "referral_links", "retail_customers",
                              "products", "product_prices", "price_tiers", "users", "audit_log", "commission_runs",
                              "commission_lines", "member_status_history", "compensation_plan"})
        QVERIFY2(tables.contains(QLatin1StringView(table)), table);
}

void TestStorage::migrateTwiceIsHarmless()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(t->db().exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('currency', 'EUR')")));
    const QString before = TestDatabase::fingerprint(t->db());
    auto again = t->db().migrate();
    QVERIFY2(again, again ? "" : qPrintable(again.error().message));
    QCOMPARE(TestDatabase::fingerprint(t->db()), before);
    auto other = t->openAnother();
    QVERIFY(other);
    QVERIFY(other->migrate());
    QCOMPARE(t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")).value().toInt(),
             Migrations::latestVersion());
}

void TestStorage::migrationStepsAreNumbered()
{
    const auto steps = Migrations::steps();
    QVERIFY(!steps.isEmpty());
    for (qsizetype i = 0; i < steps.size(); ++i)
        QCOMPARE(steps.at(i).version, int(i + 1)); // 1, 2, 3 ... with no gap
    // A step is applied whole or not at all: stopping at version 0 leaves no table behind.
    auto t = TestDatabase::create(false);
    QVERIFY(t);
    QVERIFY(Migrations::apply(t->db(), 0));
    QVERIFY(!t->db().connection().tables().contains(QStringLiteral("members")));
}

void TestStorage::newerSchemaIsRefused()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(t->db().exec(
        QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 0)"),
        {Migrations::latestVersion() + 1}));
    auto result = t->db().migrate();
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(QStringLiteral("newer")), qPrintable(result.error().message));
}

void TestStorage::upgradeFromEveryOlderVersion_data()
{
    QTest::addColumn<int>("from");
    for (int v = 1; v < Migrations::latestVersion(); ++v)
        QTest::addRow("from version %d", v) << v;
}

void TestStorage::upgradeFromEveryOlderVersion()
{
    QFETCH(int, from);
    // A database as an older program left it, with data in it, upgraded by init.
    auto t = TestDatabase::create(false);
    QVERIFY(t);
    QVERIFY(Migrations::apply(t->db(), from));
    QCOMPARE(t->db().schemaVersion().value(), from);
    QVERIFY(t->db().exec(QStringLiteral("INSERT INTO members (code, code_key, name, name_key, status, joined_at) "
                                        "VALUES ('OLD', 'old', 'Old', 'old', 'distributor', 0)")));
    auto upgraded = t->db().migrate();
    QVERIFY2(upgraded, upgraded ? "" : qPrintable(upgraded.error().message));
    QCOMPARE(t->db().schemaVersion().value(), Migrations::latestVersion());
    QCOMPARE(t->db().scalar(QStringLiteral("SELECT code FROM members")).value().toString(), QStringLiteral("OLD"));
    QVERIFY(t->db().connection().tables().contains(QStringLiteral("commission_results")));
}

void TestStorage::guardCommits()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    {
        TransactionGuard tx(t->db());
        QVERIFY(tx.began());
        QVERIFY(t->db().exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('a', '1')")));
        QVERIFY(tx.commit());
    }
    auto other = t->openAnother();
    QCOMPARE(other->scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'a'")).value().toString(),
             QStringLiteral("1"));
}

void TestStorage::guardRollsBackWhenNotCommitted()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    {
        TransactionGuard tx(t->db());
        QVERIFY(t->db().exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('a', '1')")));
    }
    QVERIFY(!t->db().inTransaction());
    QVERIFY(!t->db().scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'a'")).value().isValid());
}

void TestStorage::nestedGuardFailureRollsBackAll()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    {
        TransactionGuard outer(t->db());
        QVERIFY(t->db().exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('outer', '1')")));
        {
            TransactionGuard inner(t->db());
            QVERIFY(t->db().exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('inner', '1')")));
            // left without commit: an inner failure
        }
        auto committed = outer.commit();
        QVERIFY(!committed);
    }
    QCOMPARE(t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM settings")).value().toInt(), 0);

    {
        TransactionGuard outer(t->db());
        {
            TransactionGuard inner(t->db());
            QVERIFY(t->db().exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('inner', '1')")));
            QVERIFY(inner.commit()); // only the outermost commit makes it count
        }
        QVERIFY(t->db().inTransaction());
        QVERIFY(outer.commit());
    }
    QCOMPARE(t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM settings")).value().toInt(), 1);
}

void TestStorage::uniqueViolationIsAlreadyExists()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(t->db().exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('k', '1')")));
    auto again = t->db().exec(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"),
                              {QStringLiteral("k"), QStringLiteral("2")});
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
}

void TestStorage::builtinTiersAndPlanExist()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    auto q = t->db().exec(QStringLiteral("SELECT code FROM price_tiers WHERE builtin = 1 ORDER BY code"));
    QVERIFY(q);
    QStringList tiers;
    while (q->next())
        tiers << q->value(0).toString();
    QCOMPARE(tiers, (QStringList{QStringLiteral("customer"), QStringLiteral("distributor"), QStringLiteral("retail")}));
    QCOMPARE(t->db().scalar(QStringLiteral("SELECT levels_bp FROM compensation_plan")).value().toString(),
             QStringLiteral("[1000,500,300,200,100]"));
}

void TestStorage::caseInsensitiveCodesAreUnique()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    const QString insert = QStringLiteral("INSERT INTO members (code, code_key, name, name_key, status, joined_at) "
                                          "VALUES (?, ?, 'x', 'x', 'customer', 0)");
    QVERIFY(t->db().exec(insert, {QStringLiteral("Anna"), QStringLiteral("anna")}));
    auto dup = t->db().exec(insert, {QStringLiteral("ANNA"), QStringLiteral("anna")});
    QVERIFY(!dup);
    QCOMPARE(dup.error().code, ErrorCode::AlreadyExists);
}

void TestStorage::emptyEmailsAreNotCompared()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    const QString insert = QStringLiteral("INSERT INTO members (code, code_key, name, name_key, email, email_key, "
                                          "status, joined_at) VALUES (?, ?, 'x', 'x', '', ?, 'customer', 0)");
    const QVariant nullKey(QMetaType::fromType<QString>());
    QVERIFY(t->db().exec(insert, {QStringLiteral("A1"), QStringLiteral("a1"), nullKey}));
    QVERIFY(t->db().exec(insert, {QStringLiteral("A2"), QStringLiteral("a2"), nullKey}));
    // and an empty text stays '' (not NULL) when bound
    QCOMPARE(t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM members WHERE email = ''")).value().toInt(), 2);
}

void TestStorage::connectionPerThread()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(t->db().exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('main', '1')")));
    QString seen;
    QString error;
    const QString url = t->url();
    QThread *worker = QThread::create([&] {
        auto db = Database::open(url);
        if (!db) {
            error = db.error().message;
            return;
        }
        seen = db.value()->scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'main'")).value().toString();
        if (auto w = db.value()->exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('worker', '2')")); !w)
            error = w.error().message;
    });
    worker->start();
    QVERIFY(worker->wait(30000));
    delete worker;
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(seen, QStringLiteral("1"));
    QCOMPARE(t->db().scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'worker'")).value().toString(),
             QStringLiteral("2"));
}

void TestStorage::badUrlIsAClearError()
{
    auto missingFolder = Database::open(QStringLiteral("sqlite:///nonexistent-folder-xyz/db.sqlite"));
    QVERIFY(!missingFolder);
    QVERIFY(missingFolder.error().message.contains(QStringLiteral("nonexistent-folder-xyz")));
    auto refused = Database::open(QStringLiteral("postgresql://nobody@127.0.0.1:1/none"));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Storage);
    QVERIFY(refused.error().message.contains(QStringLiteral("127.0.0.1")));
}

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
