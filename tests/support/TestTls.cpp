#include "TestTls.h"

#include <QFile>
#include <QProcess>

namespace mlm::test {

bool TestTls::openssl(const QStringList &args, QString *error)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("openssl ") + args.join(u' ') + QStringLiteral(": ") +
                 QString::fromLocal8Bit(p.readAllStandardError()) + p.errorString();
        return false;
    }
    return true;
}

bool TestTls::make(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary folder");
        return false;
    }
    const auto s = [](const char *text) { return QString::fromLatin1(text); };
    if (!openssl({s("req"), s("-x509"), s("-newkey"), s("rsa:2048"), s("-nodes"), s("-keyout"), s("ca.key"), s("-out"),
                  s("ca.pem"), s("-days"), s("2"), s("-subj"), s("/CN=MLM test CA")},
                 error))
        return false;
    if (!openssl({s("req"), s("-newkey"), s("ec"), s("-pkeyopt"), s("ec_paramgen_curve:P-256"), s("-nodes"),
                  s("-keyout"), s("server.key"), s("-out"), s("server.csr"), s("-subj"), s("/CN=localhost")},
                 error))
        return false;
    QFile extensions(m_dir.filePath(s("ext")));
    if (!extensions.open(QIODevice::WriteOnly)) {
        *error = extensions.errorString();
        return false;
    }
    extensions.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    extensions.close();
    return openssl({s("x509"), s("-req"), s("-in"), s("server.csr"), s("-CA"), s("ca.pem"), s("-CAkey"), s("ca.key"),
                    s("-CAcreateserial"), s("-out"), s("server.pem"), s("-days"), s("2"), s("-extfile"), s("ext")},
                   error);
}

} // namespace mlm::test
