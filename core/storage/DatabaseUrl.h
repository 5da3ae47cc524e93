#pragma once

#include "domain/Result.h"

#include <QString>

namespace mlm {

/// Where the data lives: `sqlite:///abs/path.db`, `sqlite:relative.db` or
/// `postgresql://user:pass@host:port/dbname` (`postgres://` too).
struct DatabaseUrl
{
    enum class Backend
    {
        Sqlite,
        Postgres
    };

    Backend backend = Backend::Sqlite;
    QString path; ///< SQLite: the file's absolute path
    QString host;
    int port = 5432;
    QString databaseName;
    QString user;
    QString password;
    QString options; ///< PostgreSQL connect options from the query string (e.g. sslmode=require)

    static Result<DatabaseUrl> parse(const QString &url);
    /// The SQLite file in the user's data folder, used when no URL is given.
    static QString defaultUrl();
    /// The URL with the password masked, for messages and logs.
    QString displayString() const;
    /// What to say when a URL with a password came on a command line, where every user of the machine reads it
    /// (ps, /proc); empty when it holds none.
    static QString passwordInArgumentsWarning(const QString &url);
};

} // namespace mlm
