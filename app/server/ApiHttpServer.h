#pragma once

#include "api/StoreApi.h"

#include <QAbstractHttpServer>
#include <QHostAddress>

namespace mlm {

/// One worker of mlm-server: Qt HTTP Server on a listening socket, answering with the store API on this thread's
/// own database connection. Bodies over StoreApi::kMaxBodyBytes are refused with 413 as soon as their
/// Content-Length arrives, and a connection that sends more than that without completing a request is closed.
class ApiHttpServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit ApiHttpServer(Database &db, QObject *parent = nullptr);

    /// Serves on an already listening socket (see openListeningSocket); false if Qt refuses the descriptor.
    bool serve(qintptr listeningSocket);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    StoreApi m_api;
};

/// A listening TCP socket with SO_REUSEPORT, so each worker thread (and another process) can accept on its own
/// descriptor and the kernel spreads the connections. `port` 0 picks a free port; the bound port is returned.
Result<quint16> openListeningSocket(const QHostAddress &address, quint16 port, qintptr *descriptor);

} // namespace mlm
