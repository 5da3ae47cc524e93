#include "TestDatabase.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

namespace mlm::test {

namespace {

const QStringList kTables{QStringLiteral("settings"),
                          QStringLiteral("members"),
                          QStringLiteral("member_status_history"),
                          QStringLiteral("price_tiers"),
                          QStringLiteral("products"),
                          QStringLiteral("product_prices"),
                          QStringLiteral("stores"),
                          QStringLiteral("referral_links"),
                          QStringLiteral("retail_customers"),
                          QStringLiteral("orders"),
                          QStringLiteral("order_lines"),
                          QStringLiteral("users"),
                          QStringLiteral("compensation_plan"),
                          QStringLiteral("commission_runs"),
                          QStringLiteral("commission_lines"),
                          QStringLiteral("audit_log")};

Status adminExec(const QString &sql)
{
    auto admin = Database::open(qEnvironmentVariable("MLM_TEST_PG_URL"));
    if (!admin)
        return admin.error();
    auto done = admin.value()->exec(sql);
    if (!done)
        return done.error();
    return {};
}

} // namespace

QString TestDatabase::backend()
{
    const QString b = qEnvironmentVariable("MLM_TEST_BACKEND");
    return b.isEmpty() ? QStringLiteral("sqlite") : b;
}

std::unique_ptr<TestDatabase> TestDatabase::create(bool migrate)
{
    std::unique_ptr<TestDatabase> t(new TestDatabase);
    if (isPostgres()) {
        const QString admin = qEnvironmentVariable("MLM_TEST_PG_URL");
        if (admin.isEmpty()) {
            QTest::qFail("MLM_TEST_BACKEND=postgresql needs MLM_TEST_PG_URL (run scripts/run-tests.sh)", __FILE__,
                         __LINE__);
            return nullptr;
        }
        t->m_pgName = QStringLiteral("mlm_test_%1").arg(QRandomGenerator::global()->generate64(), 0, 36);
        if (auto created = adminExec(QStringLiteral("CREATE DATABASE %1").arg(t->m_pgName)); !created) {
            QTest::qFail(qPrintable(created.error().message), __FILE__, __LINE__);
            return nullptr;
        }
        t->m_url = admin.left(admin.lastIndexOf(u'/') + 1) + t->m_pgName;
    } else {
        t->m_url = QStringLiteral("sqlite://") + t->m_dir.filePath(QStringLiteral("test.db"));
    }
    auto db = Database::open(t->m_url);
    if (!db) {
        QTest::qFail(qPrintable(db.error().message), __FILE__, __LINE__);
        return nullptr;
    }
    t->m_db = std::move(db.value());
    if (migrate) {
        if (auto migrated = t->m_db->migrate(); !migrated) {
            QTest::qFail(qPrintable(migrated.error().message), __FILE__, __LINE__);
            return nullptr;
        }
    }
    return t;
}

TestDatabase::~TestDatabase()
{
    m_db.reset();
    if (!m_pgName.isEmpty())
        (void)adminExec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgName));
}

std::unique_ptr<Database> TestDatabase::openAnother() const
{
    auto db = Database::open(m_url);
    return db ? std::move(db.value()) : nullptr;
}

QString TestDatabase::fingerprint(Database &db)
{
    QString result;
    for (const QString &table : kTables) {
        if (!db.connection().tables().contains(table))
            continue;
        auto q = db.exec(QStringLiteral("SELECT * FROM %1").arg(table));
        if (!q)
            return q.error().message;
        QStringList rows;
        while (q->next()) {
            QStringList values;
            const QSqlRecord record = q->record();
            for (int i = 0; i < record.count(); ++i)
                values << (q->value(i).isNull() ? QStringLiteral("NULL") : q->value(i).toString());
            rows << values.join(u'|');
        }
        rows.sort();
        result += table + u'\n' + rows.join(u'\n') + u'\n';
    }
    return result;
}

} // namespace mlm::test
