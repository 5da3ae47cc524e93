#pragma once

#include "domain/Result.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QStringList>

namespace mlm {

/// How mlm-server runs. Each setting comes from, first found: a command-line flag, an environment variable, the
/// configuration file (INI, --config or $MLM_SERVER_CONFIG), a default.
struct ServerConfig
{
    Q_DECLARE_TR_FUNCTIONS(ServerConfig)

public:
    QString databaseUrl;
    QHostAddress address{QHostAddress::LocalHost};
    quint16 port = 8080;
    int threads = 2;
    bool accessLog = true;

    /// Reads the settings; InvalidArgument names the bad one. `help`/`version` are set for those flags.
    static Result<ServerConfig> fromArguments(const QStringList &arguments, bool *help, bool *version);
    static QString usage();
};

} // namespace mlm
