#pragma once

#include "domain/Result.h"

#include <QStringList>
#include <QVariantList>

#include <memory>

namespace mlm {

class Database;

/// Writes rows to one table by the fastest path the backend has: SQLite's own prepared statement, PostgreSQL's
/// COPY. Qt SQL spends microseconds per bound value, which at a million rows is most of an import.
/// Values are null, whole numbers or text. Runs inside the caller's transaction.
class BulkWriter
{
public:
    virtual ~BulkWriter() = default;
    /// Writes `rows` rows whose values follow one another in `values`, row by row.
    virtual Status write(const QVariantList &values, int rows) = 0;

    static Result<std::unique_ptr<BulkWriter>> create(Database &db, const QString &table, const QStringList &columns);
};

} // namespace mlm
