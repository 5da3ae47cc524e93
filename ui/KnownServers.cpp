#include "KnownServers.h"

#include <QSettings>

namespace mlm::knownServers {

namespace {

const QString kRecent = QStringLiteral("servers/recent");
constexpr int kRecentCount = 8;

/// The settings group of a server: scheme, host and port (a QSettings key cannot hold "://").
QString groupOf(const QUrl &url)
{
    const bool tls = url.scheme() != u"http";
    return QStringLiteral("server-%1-%2-%3")
        .arg(url.scheme(), url.host().toLower())
        .arg(url.port(tls ? 443 : 80));
}

QString textOf(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

} // namespace

QStringList recent()
{
    return QSettings().value(kRecent).toStringList();
}

Known of(const QUrl &url)
{
    QSettings settings;
    settings.beginGroup(groupOf(url));
    return {settings.value(QStringLiteral("user")).toString(), settings.value(QStringLiteral("caFile")).toString(),
            settings.value(QStringLiteral("certificate")).toString()};
}

ServerAddress withPinned(ServerAddress address)
{
    address.pinnedFingerprint = of(address.url).pinnedFingerprint;
    return address;
}

void remember(const ServerAddress &address, const QString &user)
{
    QSettings settings;
    QStringList list = settings.value(kRecent).toStringList();
    list.removeAll(textOf(address.url));
    list.prepend(textOf(address.url));
    settings.setValue(kRecent, list.mid(0, kRecentCount));
    settings.beginGroup(groupOf(address.url));
    settings.setValue(QStringLiteral("user"), user);
    settings.setValue(QStringLiteral("caFile"), address.caFile);
}

void trust(const QUrl &url, const QString &fingerprint)
{
    QSettings settings;
    settings.beginGroup(groupOf(url));
    settings.setValue(QStringLiteral("certificate"), fingerprint);
}

} // namespace mlm::knownServers
