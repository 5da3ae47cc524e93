#include "ApiHttpServer.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcAccess, "mlm.api.access")

namespace mlm {

namespace {

/// Room for the request line and headers on top of the body limit.
constexpr qint64 kHeaderAllowance = 64 * 1024;
const char *const kUnhandledBytes = "mlmUnhandledBytes";
const char *const kRefused = "mlmRefused";
constexpr int kLingerMs = 5000;

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
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 503:
        return "Service Unavailable";
    default:
        return "Internal Server Error";
    }
}

/// Answers 413 on the raw socket and ends the connection without reading the body. The close lingers: the rest of
/// what the client sends is read and dropped until it stops or a few seconds pass, so that the client reads the
/// answer instead of a connection reset.
void refuseTooLarge(QTcpSocket *socket, qint64 announced)
{
    const ApiResponse response = StoreApi::error(
        413, QStringLiteral("payload_too_large"),
        StoreApi::tr("the body has %1 bytes; the limit is %2").arg(announced).arg(StoreApi::kMaxBodyBytes));
    socket->setProperty(kRefused, true);
    socket->readAll();
    socket->write("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\nConnection: close\r\n"
                  "Content-Length: " +
                  QByteArray::number(response.body.size()) + "\r\n\r\n" + response.body);
    auto shutDownWhenSent = [socket] {
        if (socket->bytesToWrite() == 0)
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, shutDownWhenSent);
    socket->flush();
    shutDownWhenSent();
    QTimer::singleShot(kLingerMs, socket, [socket] { socket->abort(); });
    qCInfo(lcAccess).noquote() << "- - 413 (body over the limit; connection closed)";
}

/// A QTcpServer whose sockets are watched before Qt HTTP Server reads them: the only place to refuse an
/// oversized body before it is buffered whole.
class GuardedTcpServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        // Connected before the HTTP server connects its own reader, so this sees every chunk first.
        connect(socket, &QTcpSocket::readyRead, socket, [socket] { guard(socket); });
        addPendingConnection(socket);
    }

private:
    static void guard(QTcpSocket *socket)
    {
        if (socket->property(kRefused).toBool()) {
            socket->readAll(); // dropped before the HTTP server sees it
            return;
        }
        if (socket->state() != QAbstractSocket::ConnectedState)
            return;
        const QByteArray chunk = socket->peek(socket->bytesAvailable());
        static const QRegularExpression contentLength(QStringLiteral("\r\ncontent-length:[ \t]*(\\d{1,18})"),
                                                      QRegularExpression::CaseInsensitiveOption);
        const auto match = contentLength.match(QString::fromLatin1(chunk.left(kHeaderAllowance)));
        if (match.hasMatch() && match.captured(1).toLongLong() > StoreApi::kMaxBodyBytes)
            return refuseTooLarge(socket, match.captured(1).toLongLong());
        const qint64 unhandled = socket->property(kUnhandledBytes).toLongLong() + chunk.size();
        socket->setProperty(kUnhandledBytes, unhandled);
        if (unhandled > StoreApi::kMaxBodyBytes + kHeaderAllowance)
            refuseTooLarge(socket, unhandled);
    }
};

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

ApiHttpServer::ApiHttpServer(Database &db, QObject *parent) : QAbstractHttpServer(parent), m_api(db) {}

bool ApiHttpServer::serve(qintptr listeningSocket)
{
    auto *server = new GuardedTcpServer(this);
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
    socket->setProperty(kUnhandledBytes, 0);
    ApiRequest apiRequest{methodName(request.method()),
                          request.url().path(QUrl::FullyEncoded).toUtf8(),
                          request.query(),
                          headerValue(request, "Authorization"),
                          headerValue(request, "Content-Type"),
                          request.body()};
    const ApiResponse response = m_api.handle(apiRequest);

    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    responder.writeHeader("Content-Type", "application/json");
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
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

Result<quint16> openListeningSocket(const QHostAddress &address, quint16 port, qintptr *descriptor)
{
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return makeError(ErrorCode::Storage,
                         StoreApi::tr("cannot open a socket: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on);
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
