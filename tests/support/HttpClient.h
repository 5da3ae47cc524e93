#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace mlm::test {

/// One HTTP response as read off the wire.
struct HttpReply
{
    int status = 0;                        ///< 0: no response (the error says why)
    QHash<QByteArray, QByteArray> headers; ///< names in lower case
    QByteArray body;
    QString error;

    QJsonObject json() const;
    QString errorCode() const
    {
        return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    }
};

/// A blocking HTTP/1.1 client on one kept-alive loopback connection (plain POSIX sockets), written for tests and
/// benchmarks that need exact control of the bytes sent (malformed bodies, lying headers), one connection per
/// thread, and little CPU of its own so that a benchmark measures the server.
class HttpClient
{
public:
    explicit HttpClient(quint16 port, QByteArray apiKey = {}) : m_port(port), m_apiKey(std::move(apiKey)) {}
    ~HttpClient() { disconnect(); }
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    HttpReply get(const QByteArray &path) { return request("GET", path, {}); }
    HttpReply post(const QByteArray &path, const QByteArray &body, const QByteArray &contentType = "application/json")
    {
        return request("POST", path, body, contentType);
    }
    HttpReply post(const QByteArray &path, const QJsonObject &body);
    HttpReply request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                      const QByteArray &contentType = "application/json");
    /// Writes `raw` as it is and reads one response.
    HttpReply sendRaw(const QByteArray &raw);
    void setApiKey(const QByteArray &key) { m_apiKey = key; }

private:
    bool ensureConnected(QString *error);
    bool fill(QString *error);
    HttpReply readReply();
    void disconnect();

    quint16 m_port;
    QByteArray m_apiKey;
    int m_fd = -1;
    QByteArray m_buffer;
};

} // namespace mlm::test
