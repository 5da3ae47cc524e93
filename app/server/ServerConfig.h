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
    bool databaseUrlInArguments = false; ///< given with --db, where the process list shows it
    QHostAddress address{QHostAddress::LocalHost};
    quint16 port = 8080;
    int threads = 2;
    bool accessLog = true;
    /// HTTPS from these PEM files (the certificate, with its chain after it, and its unencrypted private key).
    QString tlsCertificate;
    QString tlsKey;
    /// Plain HTTP on an address other than loopback: only when asked for (behind a TLS-terminating proxy).
    bool allowPlainHttp = false;
    /// A request's line, headers and body must arrive within this many seconds of its first byte.
    int requestTimeout = 10;
    /// A kept-alive connection with no request in flight is closed after this many seconds.
    int idleTimeout = 30;
    /// Open connections at once: in all, and from one client address; more are refused with 503.
    int maxConnections = 1000;
    int maxConnectionsPerClient = 100;
    /// Milliseconds a write waits for another writer's lock (an import from the desktop), then 503.
    int writeWait = 2000;

    /// Reads the settings; InvalidArgument names the bad one. `help`/`version` are set for those flags.
    static Result<ServerConfig> fromArguments(const QStringList &arguments, bool *help, bool *version);
    static QString usage();
};

} // namespace mlm
