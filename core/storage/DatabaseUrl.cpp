#include "DatabaseUrl.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace mlm {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseUrl)
};
} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString &url)
{
    DatabaseUrl result;
    if (url.startsWith(QStringLiteral("sqlite:"))) {
        QString path = url.mid(7);
        if (path.startsWith(QStringLiteral("//"))) {
            path = path.mid(2); // sqlite:///abs/path.db -> /abs/path.db
            if (!path.startsWith(u'/'))
                return makeError(
                    ErrorCode::InvalidArgument,
                    Tr::tr("SQLite URL '%1' must be sqlite:///absolute/path or sqlite:relative/path").arg(url));
        }
        if (path.isEmpty())
            return makeError(ErrorCode::InvalidArgument, Tr::tr("SQLite URL '%1' names no file").arg(url));
        result.backend = Backend::Sqlite;
        result.path = QFileInfo(path).absoluteFilePath();
        return result;
    }
    if (url.startsWith(QStringLiteral("postgresql://")) || url.startsWith(QStringLiteral("postgres://"))) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty())
            return makeError(ErrorCode::InvalidArgument, Tr::tr("PostgreSQL URL '%1' is not valid").arg(url));
        result.backend = Backend::Postgres;
        result.host = parsed.host();
        result.port = parsed.port(5432);
        result.user = parsed.userName(QUrl::FullyDecoded);
        result.password = parsed.password(QUrl::FullyDecoded);
        result.databaseName = parsed.path(QUrl::FullyDecoded).mid(1);
        if (result.databaseName.isEmpty() || result.databaseName.contains(u'/'))
            return makeError(
                ErrorCode::InvalidArgument,
                Tr::tr("PostgreSQL URL '%1' must name one database: postgresql://user:pass@host:port/db").arg(url));
        QStringList options;
        const auto items = QUrlQuery(parsed).queryItems(QUrl::FullyDecoded);
        for (const auto &[key, value] : items)
            options << key + u'=' + value;
        result.options = options.join(u';');
        return result;
    }
    return makeError(ErrorCode::InvalidArgument,
                     Tr::tr("unsupported database URL '%1': use sqlite:///path.db, sqlite:path.db or "
                            "postgresql://user:pass@host:port/db")
                         .arg(url));
}

QString DatabaseUrl::defaultUrl()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return QStringLiteral("sqlite://") + QDir(dir).absoluteFilePath(QStringLiteral("backoffice.db"));
}

QString DatabaseUrl::displayString() const
{
    if (backend == Backend::Sqlite)
        return QStringLiteral("sqlite://") + path;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(databaseName);
}

QString DatabaseUrl::passwordInArgumentsWarning(const QString &url)
{
    const auto parsed = parse(url);
    if (!parsed || parsed->password.isEmpty())
        return {};
    return Tr::tr("warning: the password in --db can be read by every user of this machine in the process list; give "
              "the URL in $MLM_DB or a configuration file, or leave the password out and keep it in ~/.pgpass "
              "(PGPASSFILE)");
}

} // namespace mlm
