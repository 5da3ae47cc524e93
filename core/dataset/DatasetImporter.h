#pragma once

#include "domain/Actor.h"
#include "domain/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>

#include <functional>

namespace mlm {

class Database;

/// How much an import wrote.
struct ImportSummary
{
    qint64 tiers = 0;
    qint64 products = 0;
    qint64 stores = 0;
    qint64 members = 0;
    qint64 links = 0;
    qint64 customers = 0;
    qint64 orders = 0;
    qint64 orderLines = 0;
};

/// Loads a dataset file (SPEC 8) all-or-nothing: everything is validated in memory first, with every reference
/// resolved against the file and the database, then written in one transaction with bulk inserts. An error names
/// the offending record ("members[12] (code 'ANNA')") and leaves the database unchanged.
class DatasetImporter
{
    Q_DECLARE_TR_FUNCTIONS(DatasetImporter)
public:
    /// Called as the import goes: a stage name ("scan", "read", "members", "member indexes", "orders",
    /// "order indexes", "volumes", "commit"), when it starts and every 20,000 rows within, with the rows written so
    /// far. Returning false cancels the import.
    using Progress = std::function<bool(const QString &stage, qint64 done, qint64 total)>;

    explicit DatasetImporter(Database &db) : m_db(db) {}
    void setProgress(Progress progress) { m_progress = std::move(progress); }

    Result<ImportSummary> importJson(const QByteArray &json, const Actor &actor);
    Result<ImportSummary> importFile(const QString &path, const Actor &actor);
    Result<ImportSummary> importBytes(QByteArrayView json, const Actor &actor);

private:
    Database &m_db;
    Progress m_progress;
};

} // namespace mlm
