#pragma once

#include "api/StoreApi.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>

#include <mutex>
#include <optional>

namespace mlm {

/// One worker of mlm-server: Qt HTTP Server on a listening socket, answering with the store API on this thread's
/// own database connection. Bodies over StoreApi::kMaxBodyBytes are refused with 413 as soon as their
/// Content-Length arrives, and a connection that sends more than that without completing a request is closed.
/// What a connection may hold, shared by all the workers of a process: how long a request may take to arrive, how
/// long an idle kept-alive connection stays, and how many connections are open at once, in all and per client
/// address. A connection over a cap is answered 503 and closed; one whose request does not arrive in time gets 408.
class ConnectionLimits
{
public:
    int requestTimeoutMs = 10000;
    int idleTimeoutMs = 30000;
    int maxConnections = 1000;
    int maxPerClient = 100;

    /// Counts a new connection from `client`; false (and nothing counted) when a cap is reached.
    bool admit(const QHostAddress &client);
    void release(const QHostAddress &client);
    int open() const;

private:
    mutable std::mutex m_mutex;
    int m_open = 0;
    QHash<QHostAddress, int> m_perClient;
};

class ApiHttpServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    /// `tls`: serve HTTPS with it (see loadTlsConfiguration); none: plain HTTP.
    ApiHttpServer(Database &db, ConnectionLimits &limits, std::optional<QSslConfiguration> tls,
                  QObject *parent = nullptr);

    /// Serves on an already listening socket (see openListeningSocket), which it takes over; false if Qt refuses
    /// the descriptor.
    bool serve(qintptr listeningSocket);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    StoreApi m_api;
    ConnectionLimits &m_limits;
    std::optional<QSslConfiguration> m_tls;
};

/// The server side of TLS from PEM files: the certificate (with its chain after it) and its unencrypted private key
/// (RSA or EC). Each error names the file and says what is wrong with it.
Result<QSslConfiguration> loadTlsConfiguration(const QString &certificateFile, const QString &keyFile);

/// A listening TCP socket of this process alone: a second server on the same address and port fails to start
/// ("address in use") instead of taking half of the traffic. Each worker thread accepts on a duplicate of the
/// descriptor (dup), so the workers share the one queue of the socket. `port` 0 picks a free port; the bound port is
/// returned.
Result<quint16> openListeningSocket(const QHostAddress &address, quint16 port, qintptr *descriptor);

} // namespace mlm
