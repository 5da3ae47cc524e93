#pragma once

// Shared by the benchmarks: a synthetic company as a file, peak memory, a fresh PostgreSQL database.
#include "dataset/DatasetImporter.h"
#include "dataset/SyntheticCompany.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QString>
#include <QStringList>

#include <sys/resource.h>

#include <cstdio>

namespace mlm::bench {

/// Quiet logging for a benchmark's output; returns the command line.
inline QStringList start(const QCoreApplication &app)
{
    QLoggingCategory::setFilterRules(QStringLiteral("mlm.*.debug=false\nmlm.*.info=false"));
    return app.arguments();
}

/// The value after `name` on the command line, or `fallback`.
inline QString option(const QStringList &args, const QString &name, const QString &fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

inline double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

inline bool writeCompany(const QString &path, qint64 members, qint64 orders, int months = 1)
{
    SyntheticCompany::Parameters p;
    p.members = members;
    p.orders = orders;
    p.months = months;
    p.seed = 7;
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && SyntheticCompany::write(p, file).ok();
}

/// `DIR/company.db` (DIR from --keep, else `scratch`): a synthetic company imported once and kept for later runs.
/// Returns its SQLite URL, or an empty string on failure.
inline QString keptCompany(const QStringList &args, const QString &scratch, qint64 members, qint64 orders)
{
    const QString dir = option(args, QStringLiteral("--keep"), scratch);
    QDir().mkpath(dir);
    const QString sqlite = QDir(dir).filePath(QStringLiteral("company.db"));
    const QString url = QStringLiteral("sqlite://") + sqlite;
    if (QFile::exists(sqlite)) { // kept from an earlier run: brought to this build's schema
        auto kept = Database::open(url);
        return kept && kept.value()->migrate() ? url : QString();
    }
    const QString file = QDir(dir).filePath(QStringLiteral("company.json"));
    if (!writeCompany(file, members, orders))
        return {};
    auto db = Database::open(url);
    if (!db || !db.value()->migrate() || !DatasetImporter(*db.value()).importFile(file, Actor{QStringLiteral("bench")}))
        return {};
    return url;
}

/// Creates database `name` on the server of `adminUrl` and returns its URL (empty on failure).
inline QString createPostgresDatabase(const QString &adminUrl, const QString &name)
{
    auto admin = Database::open(adminUrl);
    if (!admin)
        return {};
    (void)admin.value()->exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name));
    if (!admin.value()->exec(QStringLiteral("CREATE DATABASE %1").arg(name)))
        return {};
    return adminUrl.left(adminUrl.lastIndexOf(u'/') + 1) + name;
}

inline void dropPostgresDatabase(const QString &adminUrl, const QString &name)
{
    if (auto admin = Database::open(adminUrl))
        (void)admin.value()->exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
}

} // namespace mlm::bench
