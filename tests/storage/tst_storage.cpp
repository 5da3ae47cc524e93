// Storage on the backend named by MLM_TEST_BACKEND: migrations, transactions, connections per thread.
#include "TestDatabase.h"
#include "catalog/Catalog.h"
#include "catalog/ReferenceCache.h"
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
    void upgradeReportsAndStopsBetweenSteps();
    void guardCommits();
    void guardRollsBackWhenNotCommitted();
    void nestedGuardFailureRollsBackAll();
    void uniqueViolationIsAlreadyExists();
    void textThatIsNotUnicodeNeverReachesTheDriver();
    void builtinTiersAndPlanExist();
    void caseInsensitiveCodesAreUnique();
    void emptyEmailsAreNotCompared();
    void connectionPerThread();
    void badUrlIsAClearError();
    void reusedStatementsAreResetAndNestable();
    void rowsReadDirectlyEqualTheDriversRows();
    void configVersionCountsReferenceChanges();
    void referenceCacheFollowsOtherConnections();
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

void TestStorage::upgradeReportsAndStopsBetweenSteps()
{
    auto t = TestDatabase::create(false);
    QVERIFY(t);
    QVERIFY(Migrations::apply(t->db(), 3));
    QCOMPARE(t->db().pendingMigrations().value(), Migrations::latestVersion() - 3);
    // Stopped before the third of the pending steps: two are applied, whole.
    QStringList told;
    auto stopped = t->db().migrate([&told](const QString &step, int done, int total) {
        told << QStringLiteral("%1 %2/%3").arg(step).arg(done).arg(total);
        return done < 2;
    });
    QVERIFY(!stopped);
    QVERIFY2(
        stopped.error().message.contains(QStringLiteral("after 2 of %1 steps").arg(Migrations::latestVersion() - 3)),
        qPrintable(stopped.error().message));
    QCOMPARE(told.size(), 3);
    QCOMPARE(told.first(),
             QStringLiteral("%1 0/%2").arg(Migrations::steps().at(3).name).arg(Migrations::latestVersion() - 3));
    QCOMPARE(t->db().schemaVersion().value(), 5);
    QCOMPARE(t->db().pendingMigrations().value(), Migrations::latestVersion() - 5);
    QVERIFY(t->db().migrate([](const QString &, int, int) { return true; }));
    QCOMPARE(t->db().pendingMigrations().value(), 0);
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

void TestStorage::textThatIsNotUnicodeNeverReachesTheDriver()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    const QString before = TestDatabase::fingerprint(t->db());
    const QChar lone[] = {u'v', QChar(0xd800), u'x'};
    for (const QString &bad :
         {QStringLiteral("victim@example.com") + QChar(0), QString(lone, 3), QString(QChar(0xdc00)) + QChar(0xd83d)}) {
        auto inserted =
            t->db().exec(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"), {QStringLiteral("k"), bad});
        QVERIFY(!inserted);
        QCOMPARE(inserted.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(!inserted.error().message.contains(QStringLiteral("victim")), qPrintable(inserted.error().message));
        auto looked = t->db().execReused(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {bad});
        QVERIFY(!looked);
        QCOMPARE(looked.error().code, ErrorCode::InvalidArgument);
    }
    QCOMPARE(TestDatabase::fingerprint(t->db()), before);
    // A pair is a character like any other, and comes back as it went in.
    const QString smile = QString::fromUtf8("\xF0\x9F\x98\x80 ok");
    QVERIFY(
        t->db().exec(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"), {QStringLiteral("k"), smile}));
    QCOMPARE(t->db()
                 .scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {QStringLiteral("k")})
                 .value()
                 .toString(),
             smile);
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

void TestStorage::rowsReadDirectlyEqualTheDriversRows()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    Database &db = t->db();
    for (const auto &[key, value] : {std::pair{"a", "plain"}, {"b", "Zoë Þórsdóttir — 東京"}, {"c", ""}})
        QVERIFY(db.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"),
                        {QString::fromLatin1(key), QString::fromUtf8(value)}));
    // Bound text, a whole number and a NULL; columns of text, numbers and NULL.
    const QString sql =
        QStringLiteral("SELECT key, value, LENGTH(value), CASE WHEN key = ? THEN NULL ELSE key END FROM settings s "
                       "WHERE s.key >= ? AND LENGTH(s.key) = ? AND s.key <> COALESCE(CAST(? AS TEXT), '') "
                       "ORDER BY s.key");
    const QVariantList values{QStringLiteral("b"), QStringLiteral("a"), 1, QVariant()};
    QStringList direct;
    const Status read = db.forEachRow(sql, values, [&](const Row &r) {
        direct << QStringLiteral("%1|%2|%3|%4|%5")
                      .arg(r.text(0), r.text(1))
                      .arg(r.integer(2))
                      .arg(r.isNull(3) ? QStringLiteral("NULL") : r.text(3))
                      .arg(r.isNull(0));
    });
    QVERIFY2(read, read ? "" : qPrintable(read.error().message));
    QStringList driver;
    auto q = db.exec(sql, values);
    QVERIFY(q);
    while (q->next())
        driver << QStringLiteral("%1|%2|%3|%4|%5")
                      .arg(q->value(0).toString(), q->value(1).toString())
                      .arg(q->value(2).toLongLong())
                      .arg(q->isNull(3) ? QStringLiteral("NULL") : q->value(3).toString())
                      .arg(q->isNull(0));
    QCOMPARE(direct.size(), 3);
    QCOMPARE(direct, driver);
    QVERIFY(direct.at(1).contains(QString::fromUtf8("Zoë Þórsdóttir — 東京")));
    QVERIFY(direct.at(1).contains(QStringLiteral("|NULL|")));
    // Refusals as exec() refuses: text that is not Unicode never reaches the driver; a bad statement names itself.
    int rows = 0;
    const Status lone = db.forEachRow(QStringLiteral("SELECT key FROM settings WHERE key = ?"),
                                      {QString(QChar(0xd800))}, [&](const Row &) { ++rows; });
    QVERIFY(!lone);
    QCOMPARE(lone.error().code, ErrorCode::InvalidArgument);
    const Status bad = db.forEachRow(QStringLiteral("SELECT nothing FROM settings"), {}, [&](const Row &) { ++rows; });
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::Storage);
    QVERIFY2(bad.error().message.contains(QStringLiteral("nothing")), qPrintable(bad.error().message));
    QCOMPARE(rows, 0);
}

void TestStorage::reusedStatementsAreResetAndNestable()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    Database &db = t->db();
    const QString sql = QStringLiteral("SELECT code FROM price_tiers WHERE id >= ? ORDER BY id");
    {
        auto outer = db.execReused(sql, {0});
        QVERIFY(outer);
        QSqlQuery &outerRows = *outer.value();
        QVERIFY(outerRows.next());
        const QString first = outerRows.value(0).toString();
        // The same statement while the first result is still read: a statement of its own, the outer keeps its row.
        auto inner = db.execReused(sql, {0});
        QVERIFY(inner);
        QSqlQuery &innerRows = *inner.value();
        QVERIFY(innerRows.next());
        QCOMPARE(innerRows.value(0).toString(), first);
        QVERIFY(innerRows.next());
        QVERIFY(outerRows.next());
        QCOMPARE(outerRows.value(0).toString(), innerRows.value(0).toString());
    }
    // Handles gone, nothing is left in progress: a write through a reused statement commits.
    for (const char *code : {"gold", "silver"}) {
        TransactionGuard tx(db);
        QVERIFY(tx.began());
        {
            auto inserted = db.execReused(
                QStringLiteral("INSERT INTO price_tiers (code, name, builtin) VALUES (?, ?, 0) RETURNING id"),
                {QString::fromLatin1(code), QStringLiteral("Tier")});
            QVERIFY(inserted);
            QVERIFY(inserted.value()->next());
        }
        QVERIFY(tx.commit());
    }
    QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM price_tiers WHERE code IN ('gold', 'silver')"))->toInt(),
             2);
    auto bad = db.execReused(QStringLiteral("SELECT nope FROM price_tiers WHERE id = ?"), {1});
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::Storage);
}

void TestStorage::configVersionCountsReferenceChanges()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    Database &db = t->db();
    auto version = [&] { return db.scalar(QStringLiteral("SELECT version FROM config_version"))->toLongLong(); };
    const qint64 start = version();
    // Every table of reference data counts, whoever writes it.
    const QStringList changes{
        QStringLiteral("INSERT INTO price_tiers (code, name, builtin) VALUES ('gold', 'Gold', 0)"),
        QStringLiteral("INSERT INTO products (sku, name, active, pv, bv) VALUES ('X', 'X', 1, 1, 1)"),
        QStringLiteral("INSERT INTO product_prices (product_id, tier_id, price) SELECT p.id, t.id, 5 FROM products p, "
                       "price_tiers t WHERE p.sku = 'X' AND t.code = 'retail'"),
        QStringLiteral("UPDATE product_prices SET price = 6"),
        QStringLiteral(
            "INSERT INTO stores (code, name, scenario, created_at) VALUES ('s', 'S', 'separate_channel', 0)"),
        QStringLiteral("INSERT INTO api_keys (store_id, prefix, salt, secret_hash, created_at) SELECT id, 'p', 's', "
                       "'h', 0 FROM stores"),
        QStringLiteral("DELETE FROM api_keys"),
        QStringLiteral("INSERT INTO settings (key, value) VALUES ('currency', 'EUR')")};
    qint64 last = start;
    for (const QString &change : changes) {
        QVERIFY2(db.exec(change), qPrintable(change));
        QVERIFY2(version() > last, qPrintable(change));
        last = version();
    }
    // Members and orders are not reference data.
    QVERIFY(db.exec(QStringLiteral("INSERT INTO members (code, code_key, name, name_key, status, joined_at) VALUES "
                                   "('A', 'a', 'A', 'a', 'distributor', 0)")));
    QCOMPARE(version(), last);
    // A change rolled back counts nothing.
    {
        TransactionGuard tx(db);
        QVERIFY(tx.began());
        QVERIFY(db.exec(QStringLiteral("UPDATE products SET pv = 2")));
    }
    QCOMPARE(version(), last);
}

void TestStorage::referenceCacheFollowsOtherConnections()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    auto server = t->openAnother(); // a server's connection with its cache; t->db() plays another process
    ReferenceCache cache;
    QVERIFY(cache.refresh(*server));
    QVERIFY(!Catalog(*server, &cache).product(QStringLiteral("NEW")));
    Product p{0, QStringLiteral("NEW"), QStringLiteral("New"), true, 100, 100, {{QStringLiteral("retail"), 999}}};
    QVERIFY(Catalog(t->db()).addProduct(p, Actor{QStringLiteral("test")}));
    QVERIFY(!Catalog(*server, &cache).product(QStringLiteral("NEW"))); // not until the next refresh
    const qint64 before = cache.version();
    QVERIFY(cache.refresh(*server));
    QVERIFY(cache.version() > before);
    QCOMPARE(Catalog(*server, &cache).product(QStringLiteral("NEW"))->prices.value(QStringLiteral("retail")), Money(999));
    QVERIFY(Catalog(t->db()).setPrice(QStringLiteral("NEW"), QStringLiteral("retail"), 1234,
                                      Actor{QStringLiteral("test")}));
    QVERIFY(cache.refresh(*server));
    QCOMPARE(Catalog(*server, &cache).product(QStringLiteral("NEW"))->prices.value(QStringLiteral("retail")), Money(1234));
    // Nothing changed: a refresh keeps the version.
    const qint64 same = cache.version();
    QVERIFY(cache.refresh(*server));
    QCOMPARE(cache.version(), same);
}

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
