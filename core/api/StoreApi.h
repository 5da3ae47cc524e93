#pragma once

#include "domain/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>
#include <memory>

namespace mlm {

class Database;
class ReferenceCache;
class OfficeApi;
struct ApiKey;
namespace api {
class RequestFields;
}

/// One HTTP request as the store API (and the office API, OfficeApi, under the same server) sees it, whatever server carried it.
struct ApiRequest
{
    QByteArray method;        ///< "GET", "POST", ...
    QByteArray path;          ///< percent-encoded, without the query: "/api/v1/orders/A%2F1"
    QUrlQuery query;          ///< decoded query items
    QByteArray authorization; ///< the Authorization header
    QByteArray contentType;   ///< the Content-Type header
    QByteArray body;
    QString client; ///< the client's address, for the sign-in throttle
};

/// The answer: a status and a JSON body (errors read {"error": {"code": ..., "message": ...}}).
struct ApiResponse
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; ///< extra headers: Allow, WWW-Authenticate, Location
};

/// The store-integration API (issue 4, docs/api.md): routing, authentication by API key, JSON in and out, and the
/// calls into core. It keeps no state between requests, so any number of servers can share one database.
class StoreApi
{
    Q_DECLARE_TR_FUNCTIONS(StoreApi)

public:
    /// Installs this API's reference cache on `db`, which then serves this API only.
    explicit StoreApi(Database &db);
    ~StoreApi();
    StoreApi(const StoreApi &) = delete;
    StoreApi &operator=(const StoreApi &) = delete;

    ApiResponse handle(const ApiRequest &request);

    static constexpr qsizetype kMaxBodyBytes = 1 << 20;
    static constexpr QLatin1StringView kPrefix{"/api/v1"};
    /// What a 503 asks the client to wait (the database unavailable or busy, too many connections).
    static constexpr int kRetryAfterSeconds = 2;

    /// An error response with its JSON body.
    static ApiResponse error(int status, const QString &code, const QString &message);
    /// The HTTP status and error code of a core error.
    static ApiResponse error(const Error &error, bool referencedInBody = false);

private:
    ApiResponse health();
    static ApiResponse healthAnswer(const QString &status, int schemaVersion, int httpStatus);
    ApiResponse ownStore(const ApiKey &key);
    ApiResponse link(const ApiKey &key, const QString &code);
    ApiResponse registration(const ApiKey &key, const api::RequestFields &body);
    ApiResponse catalog(const ApiKey &key, const QUrlQuery &query);
    ApiResponse submitOrder(const ApiKey &key, const api::RequestFields &body);
    ApiResponse order(const ApiKey &key, const QString &externalId);
    ApiResponse orderStatus(const ApiKey &key, const QString &externalId, const api::RequestFields &body);

    Database &m_db;
    std::unique_ptr<ReferenceCache> m_cache;
    std::unique_ptr<OfficeApi> m_office;
};

} // namespace mlm
