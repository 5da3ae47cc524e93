#pragma once

#include "storage/Database.h"

#include <QTemporaryDir>

#include <memory>

namespace mlm::test {

/// A fresh, migrated database for one test, on the backend named by MLM_TEST_BACKEND (sqlite, the default, or
/// postgresql). PostgreSQL needs MLM_TEST_PG_URL, an admin URL of a running server; each test database is created
/// there and dropped afterwards. A PostgreSQL run without a server fails: it never skips silently.
class TestDatabase
{
public:
    static QString backend();
    static bool isPostgres() { return backend() == QStringLiteral("postgresql"); }

    /// Creates an empty database (not migrated when `migrate` is false). Fails the current test on error.
    static std::unique_ptr<TestDatabase> create(bool migrate = true);
    ~TestDatabase();

    const QString &url() const { return m_url; }
    Database &db() { return *m_db; }
    /// A second connection to the same database (for another thread, or to look from outside).
    std::unique_ptr<Database> openAnother() const;

    /// Every row of every table, in a stable order: equal fingerprints mean equal data.
    static QString fingerprint(Database &db);

private:
    TestDatabase() = default;

    QString m_url;
    QString m_pgName;
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

} // namespace mlm::test
