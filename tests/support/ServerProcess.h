#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryFile>
#include <memory>

namespace mlm::test {

/// A real mlm-server child process on a free loopback port, stopped (SIGTERM) when this is destroyed.
class ServerProcess
{
public:
    /// Starts the server on `databaseUrl` (on `port` of 127.0.0.1, or a free one); nullptr (with `error` set) when
    /// it does not come up.
    static std::unique_ptr<ServerProcess> start(const QString &databaseUrl, const QStringList &extraArguments,
                                                QString *error, quint16 port = 0);
    ~ServerProcess();

    quint16 port() const { return m_port; }
    /// What the server logged on stderr so far.
    QByteArray log();
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    /// Stops the server; its exit code (-1 for a crash).
    int stop();

private:
    ServerProcess() = default;
    QProcess m_process;
    quint16 m_port = 0;
    /// The server's stderr goes to a file: a pipe that nobody reads while a test or a benchmark waits would fill
    /// and stop the server at its next log line.
    std::unique_ptr<QTemporaryFile> m_logFile;
};

} // namespace mlm::test
