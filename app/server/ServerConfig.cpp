#include "ServerConfig.h"

#include "storage/DatabaseUrl.h"

#include <QFileInfo>
#include <QSettings>
#include <QThread>

namespace mlm {

namespace {

/// "127.0.0.1:8080", "[::1]:8080" or ":8080" (loopback).
Result<std::pair<QHostAddress, quint16>> parseListen(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    bool portOk = false;
    const uint port = colon >= 0 ? text.mid(colon + 1).toUInt(&portOk) : 0;
    QString host = colon >= 0 ? text.left(colon) : QString();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    QHostAddress address(QHostAddress::LocalHost);
    if (!host.isEmpty() && host != u"localhost" && !address.setAddress(host))
        portOk = false;
    if (!portOk || port > 65535)
        return makeError(ErrorCode::InvalidArgument,
                         ServerConfig::tr("--listen '%1' is not HOST:PORT such as 127.0.0.1:8080").arg(text));
    return std::pair{address, quint16(port)};
}

} // namespace

QString ServerConfig::usage()
{
    return tr("Usage: mlm-server [--db URL] [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE] [--threads N]\n"
              "                  [--config FILE] [--no-access-log] [more options below]\n"
              "\n"
              "Serves the store-integration API (docs/api.md) under /api/v1.\n"
              "  --db URL           sqlite:///abs/path.db or postgresql://user:pass@host:port/dbname\n"
              "                     ($MLM_DB; config key db; default: the desktop's SQLite file)\n"
              "  --listen HOST:PORT address to listen on ($MLM_LISTEN; config key listen; default 127.0.0.1:8080;\n"
              "                     port 0 picks a free port)\n"
              "  --threads N        worker threads, each with its own connection ($MLM_SERVER_THREADS;\n"
              "                     config key threads; default: the number of cores)\n"
              "  --request-timeout S\n"
              "                     seconds for a request to arrive whole once it began; then 408\n"
              "                     ($MLM_SERVER_REQUEST_TIMEOUT; config key request_timeout; default 10)\n"
              "  --idle-timeout S   seconds a kept-alive connection may wait for its next request\n"
              "                     ($MLM_SERVER_IDLE_TIMEOUT; config key idle_timeout; default 30)\n"
              "  --max-connections N, --max-connections-per-client N\n"
              "                     open connections in all and from one client address; beyond them 503\n"
              "                     ($MLM_SERVER_MAX_CONNECTIONS, $MLM_SERVER_MAX_CONNECTIONS_PER_CLIENT; config keys\n"
              "                     max_connections, max_connections_per_client; defaults 1000 and 100)\n"
              "  --write-wait MS    how long a write waits for another writer (an import) before 503\n"
              "                     ($MLM_SERVER_WRITE_WAIT; config key write_wait; default 2000)\n"
              "  --tls-cert FILE, --tls-key FILE\n"
              "                     serve HTTPS with this PEM certificate (its chain after it) and private key\n"
              "                     ($MLM_SERVER_TLS_CERT, $MLM_SERVER_TLS_KEY; config keys tls_cert, tls_key)\n"
              "  --allow-plain-http plain HTTP on an address that is not loopback (behind a TLS proxy only;\n"
              "                     $MLM_SERVER_ALLOW_PLAIN_HTTP; config key allow_plain_http)\n"
              "  --config FILE      an INI file with the keys above and access_log=true|false ($MLM_SERVER_CONFIG)\n"
              "  --no-access-log    no line per request (category mlm.api.access)\n"
              "  --version, --help\n");
}

Result<ServerConfig> ServerConfig::fromArguments(const QStringList &arguments, bool *help, bool *version)
{
    QHash<QString, QString> flags;
    const QStringList valued{QStringLiteral("db"),
                             QStringLiteral("listen"),
                             QStringLiteral("threads"),
                             QStringLiteral("config"),
                             QStringLiteral("request-timeout"),
                             QStringLiteral("idle-timeout"),
                             QStringLiteral("max-connections"),
                             QStringLiteral("max-connections-per-client"),
                             QStringLiteral("write-wait"),
                             QStringLiteral("tls-cert"),
                             QStringLiteral("tls-key")};
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == u"--help" || arg == u"-h") {
            *help = true;
            continue;
        }
        if (arg == u"--version") {
            *version = true;
            continue;
        }
        if (arg == u"--no-access-log") {
            flags.insert(QStringLiteral("access_log"), QStringLiteral("false"));
            continue;
        }
        if (arg == u"--allow-plain-http") {
            flags.insert(QStringLiteral("allow_plain_http"), QStringLiteral("true"));
            continue;
        }
        QString name = arg.startsWith(u"--") ? arg.mid(2) : QString();
        QString value;
        if (const qsizetype eq = name.indexOf(u'='); eq >= 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
        } else if (valued.contains(name)) {
            if (i + 1 >= arguments.size())
                return makeError(ErrorCode::InvalidArgument, tr("option --%1 needs a value").arg(name));
            value = arguments.at(++i);
        }
        if (!valued.contains(name))
            return makeError(ErrorCode::InvalidArgument, tr("unknown argument '%1'; see mlm-server --help").arg(arg));
        flags.insert(QString(name).replace(u'-', u'_'), value); // the flag --max-connections is the key max_connections
    }

    QString configPath = flags.value(QStringLiteral("config"), qEnvironmentVariable("MLM_SERVER_CONFIG"));
    std::unique_ptr<QSettings> file;
    if (!configPath.isEmpty()) {
        if (!QFileInfo(configPath).isReadable())
            return makeError(ErrorCode::InvalidArgument, tr("cannot read the configuration file %1").arg(configPath));
        file = std::make_unique<QSettings>(configPath, QSettings::IniFormat);
        if (file->status() != QSettings::NoError)
            return makeError(ErrorCode::InvalidArgument,
                             tr("the configuration file %1 is not an INI file").arg(configPath));
    }
    auto setting = [&](const QString &key, const char *environment) {
        if (flags.contains(key))
            return flags.value(key);
        if (const QString fromEnvironment = qEnvironmentVariable(environment); !fromEnvironment.isEmpty())
            return fromEnvironment;
        return file ? file->value(key).toString() : QString();
    };

    ServerConfig config;
    config.threads = std::max(1, QThread::idealThreadCount());
    config.databaseUrl = setting(QStringLiteral("db"), "MLM_DB");
    config.databaseUrlInArguments = flags.contains(QStringLiteral("db"));
    if (config.databaseUrl.isEmpty())
        config.databaseUrl = DatabaseUrl::defaultUrl();
    if (const QString listen = setting(QStringLiteral("listen"), "MLM_LISTEN"); !listen.isEmpty()) {
        auto parsed = parseListen(listen);
        if (!parsed)
            return parsed.error();
        config.address = parsed->first;
        config.port = parsed->second;
    }
    // The whole-number settings: key (flag --key with '-' for '_'), environment variable, bounds.
    const struct
    {
        const char *key;
        const char *environment;
        int min;
        int max;
        int *value;
    } numbers[] = {
        {"threads", "MLM_SERVER_THREADS", 1, 64, &config.threads},
        {"request_timeout", "MLM_SERVER_REQUEST_TIMEOUT", 1, 3600, &config.requestTimeout},
        {"idle_timeout", "MLM_SERVER_IDLE_TIMEOUT", 1, 86400, &config.idleTimeout},
        {"max_connections", "MLM_SERVER_MAX_CONNECTIONS", 1, 1000000, &config.maxConnections},
        {"max_connections_per_client", "MLM_SERVER_MAX_CONNECTIONS_PER_CLIENT", 1, 1000000,
         &config.maxConnectionsPerClient},
        {"write_wait", "MLM_SERVER_WRITE_WAIT", 0, 60000, &config.writeWait},
    };
    for (const auto &number : numbers) {
        const QString key = QString::fromLatin1(number.key);
        const QString text = setting(key, number.environment);
        if (text.isEmpty())
            continue;
        bool ok = false;
        *number.value = text.toInt(&ok);
        if (!ok || *number.value < number.min || *number.value > number.max)
            return makeError(ErrorCode::InvalidArgument, tr("--%1 '%2' is not a whole number from %3 to %4")
                                                             .arg(QString(key).replace(u'_', u'-'), text)
                                                             .arg(number.min)
                                                             .arg(number.max));
    }
    for (const auto &[key, environment, value] :
         {std::tuple{"access_log", "MLM_SERVER_ACCESS_LOG", &config.accessLog},
          std::tuple{"allow_plain_http", "MLM_SERVER_ALLOW_PLAIN_HTTP", &config.allowPlainHttp}}) {
        const QString text = setting(QString::fromLatin1(key), environment);
        if (text.isEmpty())
            continue;
        if (text != u"true" && text != u"false")
            return makeError(ErrorCode::InvalidArgument,
                             tr("%1 '%2' is not true or false").arg(QLatin1StringView(key), text));
        *value = text == u"true";
    }
    config.tlsCertificate = setting(QStringLiteral("tls_cert"), "MLM_SERVER_TLS_CERT");
    config.tlsKey = setting(QStringLiteral("tls_key"), "MLM_SERVER_TLS_KEY");
    if (config.tlsCertificate.isEmpty() != config.tlsKey.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("--tls-cert and --tls-key go together: give both or neither"));
    if (config.tlsCertificate.isEmpty() && !config.address.isLoopback() && !config.allowPlainHttp)
        return makeError(ErrorCode::InvalidArgument,
                         tr("%1 is not a loopback address: serve HTTPS with --tls-cert and --tls-key, or say "
                            "--allow-plain-http (behind a TLS-terminating proxy only)")
                             .arg(config.address.toString()));
    return config;
}

} // namespace mlm
