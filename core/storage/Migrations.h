#pragma once

#include "domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>

namespace mlm {

class Database;

/// Numbered schema steps, shipped as resources/sql/NNN_name.sql. The table schema_migrations records the
/// steps applied; each step runs in its own transaction, so a database is always at a whole version and
/// applying twice is harmless.
class Migrations
{
    Q_DECLARE_TR_FUNCTIONS(Migrations)
public:
    struct Step
    {
        int version = 0;
        QString name;
        QString resourcePath;
    };

    static QList<Step> steps();
    static int latestVersion();
    static Result<int> currentVersion(Database &db);
    /// Told before each step: its name, how many were applied before it, how many there are; false stops before it.
    using Progress = std::function<bool(const QString &step, int done, int total)>;

    /// Brings the schema up to `targetVersion` (default: the latest). Stopped by `progress`, the database stays at
    /// the last whole step and the error says so.
    static Status apply(Database &db, int targetVersion = -1, const Progress &progress = {});
    /// The statements of one step, in the dialect of `db`.
    static Result<QStringList> statements(const Database &db, const Step &step);
};

} // namespace mlm
