#pragma once

#include "office/ServerConnection.h"

#include <QStringList>

namespace mlm::knownServers {

/// The company servers this program has signed in to, remembered per server (QSettings): the user name, the CA
/// file chosen for it, and the one certificate trusted for it without a CA (its SHA-256 fingerprint, as ssh's
/// known hosts). Never a password or a token.

struct Known
{
    QString user;
    QString caFile;
    QString pinnedFingerprint;
};

/// The servers signed in to, the last first (https://host:port).
QStringList recent();
/// What is remembered of `url`'s server (nothing: empty fields).
Known of(const QUrl &url);
/// `address` with the certificate trusted for its server, if any.
ServerAddress withPinned(ServerAddress address);
/// Remembers a server signed in to, with its user name and CA file.
void remember(const ServerAddress &address, const QString &user);
/// From now on, exactly this certificate is trusted for `url`'s server.
void trust(const QUrl &url, const QString &fingerprint);

} // namespace mlm::knownServers
