// Fuzz target: the store API's handling of a request (routing, the path, the query, the JSON body, every field's
// checks, the rules behind them) as mlm-server hands it over after Qt HTTP Server's parsing. An input is
// "METHOD TARGET\n" followed by the body; it carries a valid key of the distributor-channel store, so it reaches
// every endpoint. Each input is rolled back.
#include "FuzzSupport.h"

#include "api/StoreApi.h"
#include "auth/ApiKeys.h"
#include "storage/TransactionGuard.h"

#include <QUrl>
#include <QUrlQuery>

using namespace mlm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Database &db = fuzz::database();
    static const QByteArray key = [&db] { // before the API installs its cache on the connection
        auto issued = ApiKeys(db).create(QStringLiteral("shop"), QStringLiteral("fuzz"), test::testActor());
        if (!issued)
            qFatal("no key: %s", qPrintable(issued.error().message));
        return "Bearer " + issued->token.toLatin1();
    }();
    static StoreApi api(db);
    const QByteArrayView input = fuzz::bytes(data, size);
    const qsizetype lineEnd = input.indexOf('\n');
    const QByteArrayView line = lineEnd < 0 ? input : input.first(lineEnd);
    const QByteArray body = lineEnd < 0 ? QByteArray() : input.sliced(lineEnd + 1).toByteArray();
    const qsizetype space = line.indexOf(' ');
    const QByteArray method = space < 0 ? QByteArray("GET") : line.first(space).toByteArray();
    const QUrl url = QUrl::fromEncoded(space < 0 ? line.toByteArray() : line.sliced(space + 1).toByteArray());
    const ApiRequest request{method, url.path(QUrl::FullyEncoded).toUtf8(), QUrlQuery(url), key, "application/json",
                             body};
    TransactionGuard rolledBack(db);
    if (!rolledBack.began())
        qFatal("cannot begin");
    (void)api.handle(request);
    return 0;
}
