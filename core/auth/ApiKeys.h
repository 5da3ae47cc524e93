#pragma once

#include "domain/Actor.h"
#include "domain/Money.h"
#include "domain/Result.h"
#include "domain/UtcTime.h"

#include <QCoreApplication>
#include <QList>
#include <optional>

namespace mlm {

class ReferenceCache;

class Database;

/// A store's API key as listed: never the secret.
struct ApiKey
{
    Id id = 0;
    Id storeId = 0;
    QString storeCode;
    QString prefix; ///< the public part of the key, shown in lists
    QString label;
    Timestamp createdAt = 0;
    std::optional<Timestamp> revokedAt;
};

/// What checks a key: its salt and the hash of its secret.
struct ApiKeyCredentials
{
    ApiKey key;
    QString salt;
    QByteArray secretHash; ///< hex of SHA-256(salt || secret)
};

/// A key just made: `token` is the whole key (prefix and secret), shown once and never stored.
struct IssuedApiKey
{
    ApiKey key;
    QString token;
};

/// The stores' API keys (issue 4). A token reads `mlm_<prefix>_<secret>`: the prefix finds the key, the secret is
/// checked against SHA-256(salt || secret). Tokens carry 160 random bits, so a fast salted hash is enough; a slow
/// password KDF would cost every API request its time.
class ApiKeys
{
    Q_DECLARE_TR_FUNCTIONS(ApiKeys)

public:
    /// `cache`: the store API's reference data in memory (ReferenceCache), read instead of the tables; none
    /// elsewhere.
    explicit ApiKeys(Database &db, const ReferenceCache *cache = nullptr) : m_db(db), m_cache(cache) {}

    Result<IssuedApiKey> create(const QString &storeCode, const QString &label, const Actor &actor);
    /// All keys, or those of one store, newest first.
    Result<QList<ApiKey>> list(const QString &storeCode = {});
    /// Revokes a key given by id or prefix; revoking a revoked key is refused.
    Status revoke(const QString &idOrPrefix, const Actor &actor);
    /// The active key behind a token, or Unauthenticated.
    Result<ApiKey> authenticate(QStringView token);
    /// Every key with its credentials (for ReferenceCache).
    Result<QList<ApiKeyCredentials>> credentials();

private:
    Result<QList<ApiKeyCredentials>> query(const QString &where, const QVariantList &values);
    Database &m_db;
    const ReferenceCache *m_cache;
};

} // namespace mlm
