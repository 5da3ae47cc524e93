#include "HttpClient.h"

#include <QHostAddress>
#include <QJsonDocument>

namespace mlm::test {

namespace {
constexpr int kTimeoutMs = 15000;
}

QJsonObject HttpReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpReply HttpClient::post(const QByteArray &path, const QJsonObject &body)
{
    return post(path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

bool HttpClient::ensureConnected(QString *error)
{
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        return true;
    m_socket.abort();
    m_buffer.clear();
    m_socket.connectToHost(QHostAddress::LocalHost, m_port);
    if (!m_socket.waitForConnected(kTimeoutMs)) {
        *error = QStringLiteral("cannot connect: ") + m_socket.errorString();
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
    m_socket.write(raw);
    while (m_socket.bytesToWrite() > 0 && m_socket.state() == QAbstractSocket::ConnectedState) {
        if (!m_socket.waitForBytesWritten(kTimeoutMs))
            break;
    }
    return readReply();
}

HttpReply HttpClient::readReply()
{
    HttpReply reply;
    auto fill = [&] {
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(kTimeoutMs))
            return false;
        m_buffer += m_socket.readAll();
        return true;
    };
    qsizetype headerEnd = -1;
    while ((headerEnd = m_buffer.indexOf("\r\n\r\n")) < 0) {
        if (!fill()) {
            reply.error = QStringLiteral("no response: ") + m_socket.errorString();
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
        if (!fill()) {
            reply.error = QStringLiteral("body cut short: ") + m_socket.errorString();
            return reply;
        }
    }
    reply.body = m_buffer.left(length);
    m_buffer.remove(0, length);
    if (reply.headers.value("connection").toLower() == "close")
        m_socket.disconnectFromHost();
    return reply;
}

} // namespace mlm::test
