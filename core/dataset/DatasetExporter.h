#pragma once

#include "domain/Result.h"

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
    explicit DatasetExporter(Database &db) : m_db(db) {}

    Status exportTo(QIODevice &out);
    Status exportFile(const QString &path);

private:
    Database &m_db;
};

} // namespace mlm
