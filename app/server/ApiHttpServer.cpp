#include "ApiHttpServer.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <QElapsedTimer>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <memory>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcAccess, "mlm.api.access")

namespace mlm {

namespace {

/// Room for the request line and headers on top of the body limit.
constexpr qint64 kHeaderAllowance = 64 * 1024;
constexpr int kLingerMs = 5000;
const char *const kWatch = "mlmConnectionWatch";

/// Answers on the raw socket and ends the connection without reading further. The close lingers: the rest of what
/// the client sends is read and dropped until it stops or a few seconds pass, so that the client reads the answer
/// instead of a connection reset.
void answerAndClose(QTcpSocket *socket, const ApiResponse &response, const char *statusLine,
                    const QByteArray &extraHeaders = {})
{
    socket->readAll();
    socket->write(QByteArray("HTTP/1.1 ") + statusLine + "\r\nContent-Type: application/json\r\nConnection: close\r\n" +
                  extraHeaders + "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n" +
                  response.body);
    auto shutDownWhenSent = [socket] {
        if (socket->bytesToWrite() == 0)
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, shutDownWhenSent);
    socket->flush();
    shutDownWhenSent();
    QTimer::singleShot(kLingerMs, socket, [socket] { socket->abort(); });
}

/// One connection's state beside Qt HTTP Server's: the bytes of the request in progress and its deadline (the whole
/// request within the request timeout of its first byte), or the idle deadline between requests. A child of the
/// socket.
class ConnectionWatch : public QObject
{
public:
    ConnectionWatch(QTcpSocket *socket, const ConnectionLimits &limits)
        : QObject(socket), m_socket(socket), m_limits(limits)
    {
        socket->setProperty(kWatch, QVariant::fromValue(static_cast<QObject *>(this)));
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &ConnectionWatch::expired);
        m_timer.start(m_limits.idleTimeoutMs);
    }

    static ConnectionWatch *of(QTcpSocket *socket)
    {
        return static_cast<ConnectionWatch *>(socket->property(kWatch).value<QObject *>());
    }

    /// Sees every chunk before Qt HTTP Server reads it: the only place to refuse an oversized body before it is
    /// buffered whole, and to start a request's clock.
    void received()
    {
        if (m_closing) {
            m_socket->readAll(); // dropped before the HTTP server sees it
            return;
        }
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        const QByteArray chunk = m_socket->peek(m_socket->bytesAvailable());
        if (chunk.isEmpty())
            return;
        if (m_unhandled == 0)
            m_timer.start(m_limits.requestTimeoutMs);
        static const QRegularExpression contentLength(QStringLiteral("\r\ncontent-length:[ \t]*(\\d{1,18})"),
                                                      QRegularExpression::CaseInsensitiveOption);
        const auto match = contentLength.match(QString::fromLatin1(chunk.left(kHeaderAllowance)));
        if (match.hasMatch() && match.captured(1).toLongLong() > StoreApi::kMaxBodyBytes)
            return refuseTooLarge(match.captured(1).toLongLong());
        m_unhandled += chunk.size();
        if (m_unhandled > StoreApi::kMaxBodyBytes + kHeaderAllowance)
            refuseTooLarge(m_unhandled);
    }

    /// A whole request was answered: the connection is idle until the next one begins.
    void requestDone()
    {
        m_unhandled = 0;
        if (!m_closing)
            m_timer.start(m_limits.idleTimeoutMs);
    }

private:
    void refuseTooLarge(qint64 announced)
    {
        m_closing = true;
        m_timer.stop();
        answerAndClose(
            m_socket,
            StoreApi::error(
                413, QStringLiteral("payload_too_large"),
                StoreApi::tr("the body has %1 bytes; the limit is %2").arg(announced).arg(StoreApi::kMaxBodyBytes)),
            "413 Payload Too Large");
        qCInfo(lcAccess).noquote() << "- - 413 (body over the limit; connection closed)";
    }

    void expired()
    {
        if (m_closing)
            return;
        m_closing = true;
        if (m_unhandled == 0) { // idle: a quiet close
            m_socket->disconnectFromHost();
            QTimer::singleShot(kLingerMs, m_socket, [socket = m_socket] { socket->abort(); });
            return;
        }
        answerAndClose(
            m_socket,
            StoreApi::error(
                408, QStringLiteral("request_timeout"),
                StoreApi::tr("the request did not arrive whole within %1 s").arg(m_limits.requestTimeoutMs / 1000.0)),
            "408 Request Timeout");
        qCInfo(lcAccess).noquote() << "- - 408 (request not complete in time; connection closed)";
    }

    QTcpSocket *m_socket;
    const ConnectionLimits &m_limits;
    QTimer m_timer;
    qint64 m_unhandled = 0;
    bool m_closing = false;
};

/// A QTcpServer that admits connections within the limits and watches each before Qt HTTP Server reads it.
class GuardedTcpServer : public QTcpServer
{
public:
    GuardedTcpServer(ConnectionLimits &limits, const std::optional<QSslConfiguration> &tls, QObject *parent)
        : QTcpServer(parent), m_limits(limits), m_tls(tls)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        // With TLS the socket decrypts: what the watch and Qt HTTP Server read from it is the plain request.
        QSslSocket *tls = m_tls ? new QSslSocket(this) : nullptr;
        QTcpSocket *socket = tls ? tls : new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        if (tls) {
            tls->setSslConfiguration(*m_tls);
            // A client that does not speak TLS (plain HTTP on the HTTPS port) or does not trust the certificate.
            connect(tls, &QSslSocket::errorOccurred, tls, [tls](QAbstractSocket::SocketError error) {
                if (error == QAbstractSocket::SslHandshakeFailedError || error == QAbstractSocket::SslInternalError)
                    tls->abort();
            });
            tls->startServerEncryption();
        }
        const QHostAddress client = socket->peerAddress();
        if (!m_limits.admit(client)) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(kLingerMs + 1000, socket, &QObject::deleteLater);
            auto refuse = [socket] {
                answerAndClose(socket,
                               StoreApi::error(503, QStringLiteral("too_many_connections"),
                                               StoreApi::tr("too many open connections; close some and try again")),
                               "503 Service Unavailable", "Retry-After: 5\r\n");
            };
            if (tls) // the answer goes through the encryption, once it is there
                connect(tls, &QSslSocket::encrypted, tls, refuse);
            else
                refuse();
            qCInfo(lcAccess).noquote() << "- - 503 (too many connections; connection refused)";
            return;
        }
        connect(socket, &QObject::destroyed, [limits = &m_limits, client] { limits->release(client); });
        auto *watch = new ConnectionWatch(socket, m_limits);
        // Connected before the HTTP server connects its own reader, so this sees every chunk first.
        connect(socket, &QTcpSocket::readyRead, watch, &ConnectionWatch::received);
        addPendingConnection(socket);
    }

private:
    ConnectionLimits &m_limits;
    const std::optional<QSslConfiguration> &m_tls;
};

const char *reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    case 503:
        return "Service Unavailable";
    default:
        return "Internal Server Error";
    }
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method));
    return key ? QByteArray(key).toUpper() : QByteArray("UNKNOWN");
}

QByteArray headerValue(const QHttpServerRequest &request, QByteArrayView name)
{
    for (const auto &[key, value] : request.headers()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace

bool ConnectionLimits::admit(const QHostAddress &client)
{
    const std::lock_guard lock(m_mutex);
    int &fromClient = m_perClient[client];
    if (m_open >= maxConnections || fromClient >= maxPerClient) {
        if (fromClient == 0)
            m_perClient.remove(client);
        return false;
    }
    ++fromClient;
    ++m_open;
    return true;
}

void ConnectionLimits::release(const QHostAddress &client)
{
    const std::lock_guard lock(m_mutex);
    --m_open;
    if (auto at = m_perClient.find(client); at != m_perClient.end() && --at.value() <= 0)
        m_perClient.erase(at);
}

int ConnectionLimits::open() const
{
    const std::lock_guard lock(m_mutex);
    return m_open;
}

ApiHttpServer::ApiHttpServer(Database &db, ConnectionLimits &limits, std::optional<QSslConfiguration> tls,
                             QObject *parent)
    : QAbstractHttpServer(parent), m_api(db), m_limits(limits), m_tls(std::move(tls))
{
}

bool ApiHttpServer::serve(qintptr listeningSocket)
{
    auto *server = new GuardedTcpServer(m_limits, m_tls, this);
    if (!server->setSocketDescriptor(listeningSocket)) {
        delete server;
        return false;
    }
    bind(server);
    return true;
}

bool ApiHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    ApiRequest apiRequest{methodName(request.method()),
                          request.url().path(QUrl::FullyEncoded).toUtf8(),
                          request.query(),
                          headerValue(request, "Authorization"),
                          headerValue(request, "Content-Type"),
                          request.body(),
                          socket->peerAddress().toString()};
    const ApiResponse response = m_api.handle(apiRequest);

    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    responder.writeHeader("Content-Type", "application/json");
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
    if (ConnectionWatch *watch = ConnectionWatch::of(socket))
        watch->requestDone();
    // Paths carry codes and external ids only; the query (which may hold an email) and the key stay out of the log.
    qCInfo(lcAccess).noquote() << apiRequest.method << apiRequest.path << response.status
                               << reasonPhrase(response.status)
                               << QString::number(double(timer.nsecsElapsed()) / 1e6, 'f', 2) + QStringLiteral(" ms");
    return true;
}

void ApiHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    handleRequest(request, socket); // every request is handled above; this only satisfies the interface
}

namespace {

/// Whether the PEM private key is the certificate's: checked by the libcrypto that Qt's TLS backend loads, at
/// start, so that a key of another certificate is a one-line error there and not a failed handshake per client.
bool keyMatchesCertificate(const QByteArray &keyPem, const QSslCertificate &certificate)
{
    const QByteArray certificatePem = certificate.toPem();
    const std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())),
                                                           BIO_free);
    const std::unique_ptr<BIO, decltype(&BIO_free)> certBio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())), BIO_free);
    if (!keyBio || !certBio)
        return false;
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    const std::unique_ptr<X509, decltype(&X509_free)> x509(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr),
                                                           X509_free);
    const bool matches = key && x509 && X509_check_private_key(x509.get(), key.get()) == 1;
    ERR_clear_error(); // a mismatch leaves its reason in this thread's queue: not for the next TLS call to find
    return matches;
}

} // namespace

Result<QSslConfiguration> loadTlsConfiguration(const QString &certificateFile, const QString &keyFile)
{
    if (!QSslSocket::supportsSsl())
        return makeError(ErrorCode::FailedPrecondition,
                         StoreApi::tr("TLS is not available: Qt found no TLS backend (OpenSSL 3)"));
    QFile certificate(certificateFile);
    if (!certificate.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::InvalidArgument,
            StoreApi::tr("cannot read the TLS certificate %1: %2").arg(certificateFile, certificate.errorString()));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificate.readAll(), QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return makeError(ErrorCode::InvalidArgument,
                         StoreApi::tr("the TLS certificate %1 holds no PEM certificate").arg(certificateFile));
    QFile key(keyFile);
    if (!key.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::InvalidArgument,
                         StoreApi::tr("cannot read the TLS key %1: %2").arg(keyFile, key.errorString()));
    const QByteArray pem = key.readAll();
    QSslKey privateKey;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        privateKey = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!privateKey.isNull())
            break;
    }
    if (privateKey.isNull())
        return makeError(ErrorCode::InvalidArgument,
                         StoreApi::tr("the TLS key %1 is not an unencrypted PEM private key (RSA or EC)").arg(keyFile));
    if (!keyMatchesCertificate(pem, chain.first()))
        return makeError(ErrorCode::InvalidArgument,
                         StoreApi::tr("the TLS key %1 is not the key of the certificate %2 (its first certificate)")
                             .arg(keyFile, certificateFile));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(privateKey);
    configuration.setPeerVerifyMode(
        QSslSocket::VerifyNone); // clients authenticate with keys and tokens, not certificates
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    return configuration;
}

Result<quint16> openListeningSocket(const QHostAddress &address, quint16 port, qintptr *descriptor)
{
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return makeError(ErrorCode::Storage,
                         StoreApi::tr("cannot open a socket: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on); // a restart while old connections wait: not a peer
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (v6) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&storage);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        const Q_IPV6ADDR ip = address.toIPv6Address();
        std::memcpy(&a->sin6_addr, &ip, sizeof ip);
        length = sizeof(sockaddr_in6);
    } else {
        auto *a = reinterpret_cast<sockaddr_in *>(&storage);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        a->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof(sockaddr_in);
    }
    if (::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0 || ::listen(fd, 1024) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        return makeError(ErrorCode::FailedPrecondition,
                         StoreApi::tr("cannot listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(reason));
    }
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0) {
        ::close(fd);
        return makeError(ErrorCode::Storage, StoreApi::tr("cannot read the bound port"));
    }
    *descriptor = fd;
    return quint16(ntohs(v6 ? reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_port
                            : reinterpret_cast<sockaddr_in *>(&storage)->sin_port));
}

} // namespace mlm
