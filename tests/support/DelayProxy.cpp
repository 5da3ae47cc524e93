#include "DelayProxy.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace mlm::test {

class DelayProxy::Worker : public QObject
{
public:
    Worker(quint16 target, int delayMs) : m_target(target), m_delayMs(delayMs) {}

    quint16 listen()
    {
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            return 0;
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                pair(client);
        });
        return m_server.serverPort();
    }

private:
    void pair(QTcpSocket *client)
    {
        auto *upstream = new QTcpSocket(client); // written to before it is connected: Qt keeps the bytes till then
        upstream->connectToHost(QHostAddress::LocalHost, m_target);
        QPointer<QTcpSocket> to(client);
        QObject::connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] {
            upstream->write(client->readAll());
        });
        // The server's bytes, each batch after the delay (timers of one delay fire in the order they were set).
        QObject::connect(upstream, &QTcpSocket::readyRead, client, [this, upstream, to] {
            const QByteArray bytes = upstream->readAll();
            QTimer::singleShot(m_delayMs, to, [to, bytes] {
                if (to)
                    to->write(bytes);
            });
        });
        QObject::connect(upstream, &QTcpSocket::disconnected, client, [this, to] {
            QTimer::singleShot(m_delayMs, to, [to] {
                if (to)
                    to->disconnectFromHost();
            });
        });
        QObject::connect(client, &QTcpSocket::disconnected, client, [client, upstream] {
            upstream->disconnectFromHost();
            client->deleteLater();
        });
    }

    QTcpServer m_server;
    quint16 m_target;
    int m_delayMs;
};

DelayProxy::DelayProxy(quint16 targetPort, int delayMs)
{
    m_thread.start();
    m_worker = new Worker(targetPort, delayMs);
    m_worker->moveToThread(&m_thread);
    QMetaObject::invokeMethod(m_worker, [this] { m_port = m_worker->listen(); }, Qt::BlockingQueuedConnection);
}

DelayProxy::~DelayProxy()
{
    QMetaObject::invokeMethod(m_worker, [this] { delete m_worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace mlm::test
