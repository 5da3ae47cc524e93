#include "ServerProcess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>

namespace mlm::test {

std::unique_ptr<ServerProcess> ServerProcess::start(const QString &databaseUrl, const QStringList &extraArguments,
                                                    QString *error, quint16 port)
{
    std::unique_ptr<ServerProcess> server(new ServerProcess);
    server->m_logFile = std::make_unique<QTemporaryFile>();
    if (!server->m_logFile->open()) {
        *error = QStringLiteral("cannot make a log file for mlm-server");
        return nullptr;
    }
    server->m_process.setStandardErrorFile(server->m_logFile->fileName());
    server->m_process.start(
        QStringLiteral(MLM_SERVER_PATH),
        QStringList{QStringLiteral("--db"), databaseUrl, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)} +
            extraArguments);
    if (!server->m_process.waitForStarted(10000)) {
        *error = QStringLiteral("mlm-server did not start: ") + server->m_process.errorString();
        return nullptr;
    }
    static const QRegularExpression listening(QStringLiteral("listening on https?://127\\.0\\.0\\.1:(\\d+)"));
    QByteArray out;
    const QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (const auto match = listening.match(QString::fromUtf8(out)); match.hasMatch()) {
            server->m_port = quint16(match.captured(1).toUInt());
            return server;
        }
        if (server->m_process.state() != QProcess::Running) {
            *error = QStringLiteral("mlm-server stopped: ") + QString::fromUtf8(server->log());
            return nullptr;
        }
        server->m_process.waitForReadyRead(200);
        out += server->m_process.readAllStandardOutput();
    }
    *error = QStringLiteral("mlm-server did not say where it listens");
    return nullptr;
}

ServerProcess::~ServerProcess()
{
    stop();
}

QByteArray ServerProcess::log()
{
    QFile file(m_logFile->fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

} // namespace mlm::test
