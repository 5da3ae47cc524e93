#pragma once

#include "domain/Result.h"

#include <functional>

#include <QCoreApplication>
#include <QIODevice>

namespace mlm {

class Database;

/// Writes the whole database as a dataset file (SPEC 8) that imports back to the same data: besides the fields
/// of the SPEC it keeps what an import would otherwise derive anew (order tiers, price and volume snapshots,
/// credited members, customer owners, inactive links and products). Streams record by record.
class DatasetExporter
{
    Q_DECLARE_TR_FUNCTIONS(DatasetExporter)
public:
    /// Called at each section and every 5,000 orders with the orders written so far; false cancels the export
    /// (exportFile then leaves no file behind, and an existing one untouched).
    using Progress = std::function<bool(const QString &stage, qint64 done, qint64 total)>;

    explicit DatasetExporter(Database &db) : m_db(db) {}
    void setProgress(Progress progress) { m_progress = std::move(progress); }

    Status exportTo(QIODevice &out);
    Status exportFile(const QString &path);

private:
    Status report(const char *stage, qint64 done);
    Database &m_db;
    Progress m_progress;
};

} // namespace mlm
