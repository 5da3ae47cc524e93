#pragma once

#include "domain/Result.h"
#include "domain/UtcTime.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QUrl>
#include <memory>

class QTcpSocket;

namespace mlm {

/// Where the company's mlm-server is and which certificate authority vouches for it (SPEC 9).
struct ServerAddress
{
    QUrl url;       ///< https://office.example.com:8443 (http:// only where the server allows plain HTTP)
    QString caFile; ///< a PEM file of the CA (or the server's own certificate) to trust; empty: the system's CAs
    /// The one certificate trusted for this server although no CA vouches for it (its SHA-256 fingerprint, as
    /// ServerConnection writes it), as ssh's known hosts: any other certificate of the server is refused, even one
    /// a CA signed. Empty: none.
    QString pinnedFingerprint;

    /// The address from what a person types ("office.example.com:8443" means https), or an error naming the
    /// problem; the CA file must be readable PEM.
    static Result<ServerAddress> parse(const QString &url, const QString &caFile = {});
};

/// What the server's TLS certificate says of it, before anything is sent (ServerConnection::checkCertificate).
struct CertificateCheck
{
    bool trusted = false; ///< verified by the CAs of the address, or pinned
    bool changed = false; ///< another certificate than the pinned one: refused, whatever vouches for it
    QString fingerprint;  ///< SHA-256 of the certificate presented, AA:BB:...
    QString subject;      ///< its common name
    QString issuer;
    Timestamp expiresAt = 0;
    QString problem; ///< why it is not trusted (the verification errors), empty when trusted
};

/// One answer off the wire.
struct ServerReply
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers; ///< names in lower case
    QByteArray body;
};

/// A blocking HTTP/1.1 client of one mlm-server on one kept-alive connection, TLS verified against the address's
/// CA: what RemoteOffice sends its calls through. It waits on the calling thread, so the desktop calls it from a
/// worker thread; one connection serves one thread at a time. A refused certificate is an error that names the
/// server's SHA-256 fingerprint, for the person to compare with what the admin handed out.
class ServerConnection
{
    Q_DECLARE_TR_FUNCTIONS(ServerConnection)

public:
    explicit ServerConnection(ServerAddress address);
    ~ServerConnection();
    ServerConnection(const ServerConnection &) = delete;
    ServerConnection &operator=(const ServerConnection &) = delete;

    const ServerAddress &address() const { return m_address; }
    /// Connects to the server and looks at its certificate without sending anything (waits on the calling thread):
    /// what to show a person before trusting it. An error only when the server cannot be reached (Unavailable).
    static Result<CertificateCheck> checkCertificate(const ServerAddress &address, int timeoutMs = 15000);
    /// A certificate's SHA-256 fingerprint as this class writes it (AA:BB:...).
    static QString fingerprintOf(const QSslCertificate &certificate);
    /// How long one request may take, from sending to the last byte of the answer (60 s unless set).
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    /// Sends one request (`target`: the path and query, percent-encoded) and reads its answer. An answer of any
    /// status is a value; an error means no answer came (Unavailable: the server cannot be reached, or the
    /// connection broke; PermissionDenied: its certificate is not trusted).
    Result<ServerReply> send(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                             const QByteArray &bearer);

private:
    Status connectToServer();
    Result<ServerReply> exchange(const QByteArray &request);
    Status fill(QByteArray &buffer, const QElapsedTimer &clock);
    void drop();

    ServerAddress m_address;
    QList<QSslCertificate> m_ca;
    std::unique_ptr<QTcpSocket> m_socket;
    QElapsedTimer m_idle; ///< since the connection was last used
    QByteArray m_buffer;
    int m_timeoutMs = 60000;
};

} // namespace mlm
