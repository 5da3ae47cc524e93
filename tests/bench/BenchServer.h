#pragma once
// For the benchmarks that measure the desktop over the company's server (--server): mlm-server on the benchmark's
// database with TLS of its own CA, and the admin "bench" signed in to it.
#include "ServerProcess.h"
#include "TestTls.h"

#include "auth/Users.h"
#include "office/RemoteOffice.h"
#include "storage/Database.h"

#include <cstdio>
#include <memory>

namespace mlm::bench {

struct BenchServer
{
    test::TestTls tls;
    std::unique_ptr<test::ServerProcess> process;
    std::shared_ptr<RemoteOffice> office;
};

/// Starts mlm-server on `db` (at `url`) and signs in as "bench" (made an admin if the database has no such user); null, with
/// the reason printed, when that fails.
inline std::unique_ptr<BenchServer> startServer(Database &db, const QString &url)
{
    const QString password = QStringLiteral("bench-password");
    if (!Users(db).byName(QStringLiteral("bench")))
        (void)Users(db).add({QStringLiteral("bench"), password, Role::Admin, {}}, Actor{QStringLiteral("bench")});
    auto server = std::make_unique<BenchServer>();
    QString error;
    if (!server->tls.make(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return nullptr;
    }
    server->process = test::ServerProcess::start(url, server->tls.serverArguments(), &error);
    if (!server->process) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return nullptr;
    }
    auto address = ServerAddress::parse(QStringLiteral("https://127.0.0.1:%1").arg(server->process->port()),
                                        server->tls.caFile());
    auto office = RemoteOffice::signIn(address.value(), QStringLiteral("bench"), password);
    if (!office) {
        std::fprintf(stderr, "%s\n", qPrintable(office.error().message));
        return nullptr;
    }
    server->office = std::move(office.value());
    return server;
}

} // namespace mlm::bench
