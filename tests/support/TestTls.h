#pragma once

#include <QString>
#include <QTemporaryDir>

namespace mlm::test {

/// A certificate authority of the test's own and a server certificate it signed for localhost and 127.0.0.1
/// (Debian's openssl), in a temporary folder that lives as long as this.
class TestTls
{
public:
    /// Makes them; false (and `error` set) when openssl fails.
    bool make(QString *error);

    QString caFile() const { return m_dir.filePath(QStringLiteral("ca.pem")); }
    QString certFile() const { return m_dir.filePath(QStringLiteral("server.pem")); }
    QString keyFile() const { return m_dir.filePath(QStringLiteral("server.key")); }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    /// mlm-server's arguments for this certificate.
    QStringList serverArguments() const
    {
        return {QStringLiteral("--tls-cert"), certFile(), QStringLiteral("--tls-key"), keyFile()};
    }

private:
    bool openssl(const QStringList &args, QString *error);
    QTemporaryDir m_dir;
};

} // namespace mlm::test
