#include "Migrations.h"

#include "Database.h"
#include "TransactionGuard.h"
#include "domain/UtcTime.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace mlm {

QList<Migrations::Step> Migrations::steps()
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{3})_([a-z0-9_]+)\\.sql$"));
    QList<Step> result;
    const QStringList files = QDir(QStringLiteral(":/sql")).entryList(QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const auto match = pattern.match(file);
        if (match.hasMatch())
            result.append({match.captured(1).toInt(), match.captured(2), QStringLiteral(":/sql/") + file});
    }
    return result;
}

int Migrations::latestVersion()
{
    const auto all = steps();
    return all.isEmpty() ? 0 : all.constLast().version;
}

Result<int> Migrations::currentVersion(Database &db)
{
    if (!db.connection().tables().contains(QStringLiteral("schema_migrations")))
        return 0;
    auto version = db.scalar(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    if (!version)
        return version.error();
    return version->toInt();
}

Result<QStringList> Migrations::statements(const Database &db, const Step &step)
{
    QFile file(step.resourcePath);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Storage, tr("migration %1 is missing").arg(step.resourcePath));
    const QString sql = db.dialect().expandSchema(QString::fromUtf8(file.readAll()));
    QStringList result;
    QString current;
    const QStringList lines = sql.split(u'\n');
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QStringLiteral("--")) || trimmed.isEmpty())
            continue;
        current += line + u'\n';
        if (trimmed.endsWith(u';')) {
            current = current.trimmed();
            current.chop(1);
            result << current;
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        result << current.trimmed();
    return result;
}

Status Migrations::apply(Database &db, int targetVersion, const Progress &progress)
{
    const int latest = latestVersion();
    if (targetVersion < 0)
        targetVersion = latest;
    {
        TransactionGuard tx(db);
        MLM_TRY(tx.began());
        MLM_TRY(db.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                                       "name TEXT NOT NULL, applied_at BIGINT NOT NULL)")));
        MLM_TRY(tx.commit());
    }
    auto current = currentVersion(db);
    if (!current)
        return current.error();
    if (current.value() > latest)
        return makeError(ErrorCode::FailedPrecondition,
                         tr("the database has schema version %1, newer than this program's %2: upgrade the program")
                             .arg(current.value())
                             .arg(latest));
    QList<Step> pending;
    for (const Step &step : steps()) {
        if (step.version > current.value() && step.version <= targetVersion)
            pending << step;
    }
    for (qsizetype done = 0; done < pending.size(); ++done) {
        const Step &step = pending.at(done);
        if (progress && !progress(step.name, int(done), int(pending.size())))
            return makeError(ErrorCode::FailedPrecondition,
                             tr("the upgrade was cancelled after %1 of %2 steps: the database is whole, at schema "
                                "version %3")
                                 .arg(done)
                                 .arg(pending.size())
                                 .arg(done == 0 ? current.value() : pending.at(done - 1).version));
        auto sql = statements(db, step);
        if (!sql)
            return sql.error();
        TransactionGuard tx(db);
        MLM_TRY(tx.began());
        // Another process may have applied the step since we looked (PostgreSQL shared by several programs).
        auto applied =
            db.scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations WHERE version = ?"), {step.version});
        if (!applied)
            return applied.error();
        if (applied->toInt() > 0)
            continue;
        for (const QString &statement : sql.value()) {
            if (auto r = db.exec(statement); !r)
                return r.error().prefixed(tr("migration %1 (%2)").arg(step.version).arg(step.name));
        }
        MLM_TRY(db.exec(QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
                        {step.version, step.name, nowUtc()}));
        MLM_TRY(tx.commit());
        qCInfo(lcStorage) << "applied migration" << step.version << step.name;
    }
    return {};
}

} // namespace mlm
