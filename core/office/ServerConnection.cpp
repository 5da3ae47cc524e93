#include "ServerConnection.h"

#include <QFileInfo>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

namespace mlm {

namespace {

/// The server forgets an idle connection after 30 s (ServerConfig's idle_timeout): one unused for longer than this
/// is opened anew before a request rather than found closed after it was sent.
constexpr qint64 kReuseIdleMs = 20000;
constexpr qsizetype kMaxHeader = 64 * 1024;
constexpr qsizetype kMaxBody = qsizetype(1) << 31;

/// The TLS settings of every connection to `address`: its CA file's certificates alone, or the system's.
QSslConfiguration tlsConfiguration(const QList<QSslCertificate> &ca)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (!ca.isEmpty())
        config.setCaCertificates(ca); // that CA only, not the system's
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return config;
}

QList<QSslCertificate> caOf(const ServerAddress &address)
{
    return address.caFile.isEmpty() ? QList<QSslCertificate>() : QSslCertificate::fromPath(address.caFile, QSsl::Pem);
}

} // namespace

QString ServerConnection::fingerprintOf(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return tr("(no certificate)");
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

Result<CertificateCheck> ServerConnection::checkCertificate(const ServerAddress &address, int timeoutMs)
{
    CertificateCheck check;
    if (address.url.scheme() != u"https") {
        check.trusted = true; // plain HTTP: nothing to check (the server allows it on loopback only, or by choice)
        return check;
    }
    if (!QSslSocket::supportsSsl())
        return makeError(ErrorCode::Unavailable, tr("this program has no TLS support (OpenSSL is missing)"));
    QSslSocket socket;
    socket.setSslConfiguration(tlsConfiguration(caOf(address)));
    QStringList problems;
    QObject::connect(&socket, &QSslSocket::sslErrors, &socket, [&](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            problems << e.errorString();
        socket.ignoreSslErrors(); // only to see the certificate: nothing is sent on this connection
    });
    socket.connectToHostEncrypted(address.url.host(), quint16(address.url.port(443)));
    if (!socket.waitForEncrypted(timeoutMs))
        return makeError(ErrorCode::Unavailable, tr("cannot reach the server %1: %2")
                                                     .arg(address.url.toString(), socket.errorString()));
    const QSslCertificate presented = socket.peerCertificate();
    socket.abort();
    check.fingerprint = fingerprintOf(presented);
    check.subject = presented.subjectInfo(QSslCertificate::CommonName).join(QStringLiteral(", "));
    check.issuer = presented.issuerInfo(QSslCertificate::CommonName).join(QStringLiteral(", "));
    check.expiresAt = presented.expiryDate().toSecsSinceEpoch();
    check.changed = !address.pinnedFingerprint.isEmpty() && address.pinnedFingerprint != check.fingerprint;
    check.trusted = !check.changed && (problems.isEmpty() || address.pinnedFingerprint == check.fingerprint);
    if (check.changed)
        problems.prepend(tr("it is not the certificate trusted for this server before (%1)").arg(address.pinnedFingerprint));
    if (!check.trusted)
        check.problem = problems.join(QStringLiteral("; "));
    return check;
}

Result<ServerAddress> ServerAddress::parse(const QString &text, const QString &caFile)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorCode::InvalidArgument, ServerConnection::tr("the server's address is empty"));
    QUrl url(trimmed.contains(QStringLiteral("://")) ? trimmed : QStringLiteral("https://") + trimmed,
             QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         ServerConnection::tr("'%1' is not a server address such as https://office.example.com:8443")
                             .arg(trimmed.left(200)));
    if (url.scheme() != u"https" && url.scheme() != u"http")
        return makeError(ErrorCode::InvalidArgument,
                         ServerConnection::tr("the server's address must begin with https:// (or http://), not %1://")
                             .arg(url.scheme()));
    if (!url.userInfo().isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         ServerConnection::tr("the server's address holds no user name or password: sign in instead"));
    if (!url.path().isEmpty() && url.path() != u"/")
        return makeError(ErrorCode::InvalidArgument,
                         ServerConnection::tr("the server's address has no path: give only https://host:port"));
    url.setPath(QString());
    ServerAddress address{url, caFile};
    if (!caFile.isEmpty()) {
        if (!QFileInfo(caFile).isReadable())
            return makeError(ErrorCode::InvalidArgument,
                             ServerConnection::tr("cannot read the CA file %1").arg(caFile));
        if (QSslCertificate::fromPath(caFile, QSsl::Pem).isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             ServerConnection::tr("the CA file %1 holds no PEM certificate").arg(caFile));
    }
    return address;
}

ServerConnection::ServerConnection(ServerAddress address) : m_address(std::move(address))
{
    m_ca = caOf(m_address);
}

ServerConnection::~ServerConnection() = default;

void ServerConnection::drop()
{
    if (m_socket)
        m_socket->abort();
    m_socket.reset();
    m_buffer.clear();
}

Status ServerConnection::connectToServer()
{
    const QString host = m_address.url.host();
    const bool tls = m_address.url.scheme() == u"https";
    const quint16 port = quint16(m_address.url.port(tls ? 443 : 80));
    if (!tls) {
        m_socket = std::make_unique<QTcpSocket>();
        m_socket->connectToHost(host, port);
        if (!m_socket->waitForConnected(m_timeoutMs)) {
            const QString why = m_socket->errorString();
            drop();
            return makeError(ErrorCode::Unavailable, tr("cannot reach the server %1: %2").arg(m_address.url.toString(), why));
        }
        return {};
    }
    if (!QSslSocket::supportsSsl())
        return makeError(ErrorCode::Unavailable, tr("this program has no TLS support (OpenSSL is missing)"));
    auto socket = std::make_unique<QSslSocket>();
    socket->setSslConfiguration(tlsConfiguration(m_ca));
    const QString pinned = m_address.pinnedFingerprint;
    if (!pinned.isEmpty()) {
        // The certificate the person chose to trust goes through whatever the CAs say of it; no other does.
        QSslSocket *s = socket.get();
        QObject::connect(s, &QSslSocket::sslErrors, s, [s, pinned](const QList<QSslError> &) {
            if (fingerprintOf(s->peerCertificate()) == pinned)
                s->ignoreSslErrors();
        });
    }
    socket->connectToHostEncrypted(host, port);
    const bool encrypted = socket->waitForEncrypted(m_timeoutMs);
    if (encrypted && !pinned.isEmpty() && fingerprintOf(socket->peerCertificate()) != pinned) {
        const QString presented = fingerprintOf(socket->peerCertificate());
        socket->abort();
        return makeError(ErrorCode::PermissionDenied,
                         tr("the server %1 presents ANOTHER certificate than the one trusted for it (%2, trusted: "
                            "%3): someone may be posing as the server; ask the administrator before you go on")
                             .arg(host, presented, pinned));
    }
    if (!encrypted) {
        const QList<QSslError> errors = socket->sslHandshakeErrors();
        if (!errors.isEmpty()) {
            QStringList reasons;
            for (const QSslError &e : errors)
                reasons << e.errorString();
            const QSslCertificate presented =
                !socket->peerCertificate().isNull() ? socket->peerCertificate() : errors.first().certificate();
            return makeError(ErrorCode::PermissionDenied,
                             tr("the server %1 is not the one it claims to be, or its certificate is not trusted here "
                                "(%2); its certificate's SHA-256 fingerprint is %3")
                                 .arg(host, reasons.join(QStringLiteral("; ")), fingerprintOf(presented)));
        }
        return makeError(ErrorCode::Unavailable,
                         tr("cannot reach the server %1: %2").arg(m_address.url.toString(), socket->errorString()));
    }
    m_socket = std::move(socket);
    return {};
}

Status ServerConnection::fill(QByteArray &buffer, const QElapsedTimer &clock)
{
    const qint64 left = m_timeoutMs - clock.elapsed();
    if (m_socket->bytesAvailable() == 0 && (left <= 0 || !m_socket->waitForReadyRead(int(left)))) {
        const bool closed = m_socket->state() != QAbstractSocket::ConnectedState;
        return makeError(ErrorCode::Unavailable,
                         closed ? tr("the server closed the connection")
                                : tr("the server did not answer within %1 s").arg(m_timeoutMs / 1000));
    }
    buffer.append(m_socket->readAll());
    return {};
}

Result<ServerReply> ServerConnection::exchange(const QByteArray &request)
{
    QElapsedTimer clock;
    clock.start();
    m_socket->write(request);
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(int(std::max<qint64>(1, m_timeoutMs - clock.elapsed()))))
            return makeError(ErrorCode::Unavailable, tr("the request could not be sent: %1").arg(m_socket->errorString()));
    }
    qsizetype headerEnd = -1;
    while ((headerEnd = m_buffer.indexOf("\r\n\r\n")) < 0) {
        if (m_buffer.size() > kMaxHeader)
            return makeError(ErrorCode::Unavailable, tr("the server's answer has an oversized header"));
        MLM_TRY(fill(m_buffer, clock));
    }
    ServerReply reply;
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (!statusLine.value(0).startsWith("HTTP/1.") || statusLine.size() < 2)
        return makeError(ErrorCode::Unavailable, tr("the answer is not HTTP: is this the company's mlm-server?"));
    reply.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            reply.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    m_buffer.remove(0, headerEnd + 4);
    if (reply.headers.value("transfer-encoding").toLower().contains("chunked")) {
        for (;;) {
            qsizetype lineEnd;
            while ((lineEnd = m_buffer.indexOf("\r\n")) < 0)
                MLM_TRY(fill(m_buffer, clock));
            bool ok = false;
            const qsizetype size = m_buffer.left(lineEnd).split(';').first().trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0 || reply.body.size() + size > kMaxBody)
                return makeError(ErrorCode::Unavailable, tr("the server's answer is garbled (a bad chunk)"));
            while (m_buffer.size() < lineEnd + 2 + size + 2)
                MLM_TRY(fill(m_buffer, clock));
            reply.body.append(m_buffer.mid(lineEnd + 2, size));
            m_buffer.remove(0, lineEnd + 2 + size + 2);
            if (size == 0)
                break;
        }
    } else if (reply.headers.contains("content-length")) {
        bool ok = false;
        const qsizetype length = reply.headers.value("content-length").toLongLong(&ok);
        if (!ok || length < 0 || length > kMaxBody)
            return makeError(ErrorCode::Unavailable, tr("the server's answer is garbled (a bad Content-Length)"));
        while (m_buffer.size() < length)
            MLM_TRY(fill(m_buffer, clock));
        reply.body = m_buffer.left(length);
        m_buffer.remove(0, length);
    } else {
        // No length: the body ends where the server closes the connection.
        while (m_socket->state() == QAbstractSocket::ConnectedState && m_socket->waitForReadyRead(int(std::max<qint64>(1, m_timeoutMs - clock.elapsed()))))
            m_buffer.append(m_socket->readAll());
        m_buffer.append(m_socket->readAll());
        reply.body = std::exchange(m_buffer, {});
        drop();
    }
    if (m_socket && reply.headers.value("connection").toLower() == "close")
        drop();
    return reply;
}

Result<ServerReply> ServerConnection::send(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                                           const QByteArray &bearer)
{
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: " + m_address.url.authority().toUtf8() + "\r\n";
    if (!bearer.isEmpty())
        request += "Authorization: Bearer " + bearer + "\r\n";
    request += "Accept: application/json\r\n";
    if (!body.isEmpty() || method != "GET")
        request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    request += "\r\n" + body;

    if (m_socket && (m_socket->state() != QAbstractSocket::ConnectedState || m_idle.elapsed() > kReuseIdleMs))
        drop();
    const bool reused = m_socket != nullptr;
    if (!m_socket)
        MLM_TRY(connectToServer());
    auto reply = exchange(request);
    if (!reply) {
        drop();
        // A kept-alive connection the server had closed: a read is sent again on a new one (a write is not, since
        // the server may have done it).
        if (reused && method == "GET") {
            MLM_TRY(connectToServer());
            reply = exchange(request);
            if (!reply)
                drop();
        }
    }
    m_idle.start();
    return reply;
}

} // namespace mlm
