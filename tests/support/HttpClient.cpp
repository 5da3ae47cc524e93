#include "HttpClient.h"

#include <QJsonDocument>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mlm::test {

namespace {
constexpr int kTimeoutSeconds = 15;

QString systemError(const char *what)
{
    return QString::fromLatin1(what) + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(errno));
}
} // namespace

QJsonObject HttpReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpReply HttpClient::post(const QByteArray &path, const QJsonObject &body)
{
    return post(path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void HttpClient::disconnect()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_buffer.clear();
}

bool HttpClient::ensureConnected(QString *error)
{
    if (m_fd >= 0)
        return true;
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const timeval timeout{kTimeoutSeconds, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    const int on = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        *error = systemError("cannot connect");
        disconnect();
        return false;
    }
    return true;
}

HttpReply HttpClient::request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                              const QByteArray &contentType)
{
    QByteArray raw = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!m_apiKey.isEmpty())
        raw += "Authorization: Bearer " + m_apiKey + "\r\n";
    if (!body.isEmpty() || method == "POST") {
        if (!contentType.isEmpty())
            raw += "Content-Type: " + contentType + "\r\n";
        raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    raw += "\r\n" + body;
    return sendRaw(raw);
}

HttpReply HttpClient::sendRaw(const QByteArray &raw)
{
    HttpReply reply;
    if (!ensureConnected(&reply.error))
        return reply;
    for (qsizetype sent = 0; sent < raw.size();) {
        const ssize_t n = ::send(m_fd, raw.constData() + sent, size_t(raw.size() - sent), MSG_NOSIGNAL);
        if (n <= 0) {
            // The server may answer early (413) and stop reading: what it said is still there to read.
            break;
        }
        sent += n;
    }
    return readReply();
}

bool HttpClient::fill(QString *error)
{
    char chunk[16384];
    const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
    if (n <= 0) {
        *error = n == 0 ? QStringLiteral("the server closed the connection") : systemError("no response");
        return false;
    }
    m_buffer.append(chunk, n);
    return true;
}

HttpReply HttpClient::readReply()
{
    HttpReply reply;
    qsizetype headerEnd = -1;
    while ((headerEnd = m_buffer.indexOf("\r\n\r\n")) < 0) {
        if (!fill(&reply.error)) {
            disconnect();
            return reply;
        }
    }
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    reply.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            reply.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = reply.headers.value("content-length").toLongLong();
    m_buffer.remove(0, headerEnd + 4);
    while (m_buffer.size() < length) {
        if (!fill(&reply.error)) {
            disconnect();
            return reply;
        }
    }
    reply.body = m_buffer.left(length);
    m_buffer.remove(0, length);
    if (reply.headers.value("connection").toLower() == "close")
        disconnect();
    return reply;
}

} // namespace mlm::test
