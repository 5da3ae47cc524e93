#include "ApiKeys.h"

#include "catalog/ReferenceCache.h"
#include "domain/Codes.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/SqlValues.h"
#include "storage/TransactionGuard.h"
#include "stores/Stores.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlQuery>

namespace mlm {

namespace {

const QString kTokenStart = QStringLiteral("mlm_");
constexpr int kSecretLength = 32; // Crockford base32, 5 bits a character: 160 bits

QString randomCrockford(int length)
{
    QString text;
    while (text.size() < length)
        text += codes::generateLinkCode();
    return text.left(length).toLower();
}

QByteArray secretHash(const QString &salt, QStringView secret)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(salt.toLatin1());
    hash.addData(secret.toUtf8());
    return hash.result().toHex();
}

/// Compares in time that does not depend on where the first difference lies.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

const QString kSelect = QStringLiteral(
    "SELECT k.id, k.store_id, s.code, k.prefix, k.label, k.created_at, k.revoked_at, k.salt, k.secret_hash "
    "FROM api_keys k JOIN stores s ON s.id = k.store_id WHERE ");

ApiKeyCredentials keyFromRow(const QSqlQuery &q)
{
    ApiKeyCredentials credentials;
    ApiKey &key = credentials.key;
    key.id = q.value(0).toLongLong();
    key.storeId = q.value(1).toLongLong();
    key.storeCode = q.value(2).toString();
    key.prefix = q.value(3).toString();
    key.label = q.value(4).toString();
    key.createdAt = q.value(5).toLongLong();
    key.revokedAt = sql::optionalTime(q.value(6));
    credentials.salt = q.value(7).toString();
    credentials.secretHash = q.value(8).toString().toLatin1();
    return credentials;
}

} // namespace

Result<IssuedApiKey> ApiKeys::create(const QString &storeCode, const QString &label, const Actor &actor)
{
    if (label.size() > 200)
        return makeError(ErrorCode::InvalidArgument, tr("a key's label has at most 200 characters"));
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto store = Stores(m_db, m_cache).store(storeCode);
    if (!store)
        return store.error();
    const QString prefix = randomCrockford(8);
    const QString secret = randomCrockford(kSecretLength);
    const QString salt = randomCrockford(16);
    const Timestamp now = nowUtc();
    auto id =
        m_db.scalar(QStringLiteral("INSERT INTO api_keys (store_id, prefix, salt, secret_hash, label, created_at) "
                                   "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
                    {store->id, prefix, salt, QString::fromLatin1(secretHash(salt, secret)), label, now});
    if (!id)
        return id.error();
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("api_key.create"), QStringLiteral("api_key"), id->toLongLong(),
                             {{QStringLiteral("store"), store->code}, {QStringLiteral("prefix"), prefix}}));
    MLM_TRY(tx.commit());
    ApiKey key{id->toLongLong(), store->id, store->code, prefix, label, now, std::nullopt};
    return IssuedApiKey{key, kTokenStart + prefix + u'_' + secret};
}

Result<QList<ApiKeyCredentials>> ApiKeys::query(const QString &where, const QVariantList &values)
{
    auto q = m_db.exec(kSelect + where + QStringLiteral(" ORDER BY k.id DESC"), values);
    if (!q)
        return q.error();
    QList<ApiKeyCredentials> keys;
    while (q->next())
        keys.append(keyFromRow(q.value()));
    return keys;
}

Result<QList<ApiKeyCredentials>> ApiKeys::credentials()
{
    return query(QStringLiteral("1 = 1"), {});
}

Result<QList<ApiKey>> ApiKeys::list(const QString &storeCode)
{
    Result<QList<ApiKeyCredentials>> found = QList<ApiKeyCredentials>();
    if (storeCode.isEmpty()) {
        found = credentials();
    } else {
        auto store = Stores(m_db, m_cache).store(storeCode);
        if (!store)
            return store.error();
        found = query(QStringLiteral("k.store_id = ?"), {store->id});
    }
    if (!found)
        return found.error();
    QList<ApiKey> keys;
    for (const ApiKeyCredentials &c : found.value())
        keys.append(c.key);
    return keys;
}

Status ApiKeys::revoke(const QString &idOrPrefix, const Actor &actor)
{
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    bool isNumber = false;
    const qlonglong id = idOrPrefix.toLongLong(&isNumber);
    auto found = isNumber ? query(QStringLiteral("k.id = ?"), {id})
                          : query(QStringLiteral("k.prefix = ?"), {codes::key(idOrPrefix)});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return makeError(ErrorCode::NotFound, tr("no API key '%1'").arg(idOrPrefix));
    const ApiKey key = found->first().key;
    if (key.revokedAt)
        return makeError(ErrorCode::FailedPrecondition,
                         tr("API key %1 was revoked on %2").arg(key.prefix, formatIsoTimestamp(*key.revokedAt)));
    MLM_TRY(m_db.exec(QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE id = ?"), {nowUtc(), key.id}));
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("api_key.revoke"), QStringLiteral("api_key"), key.id,
                             {{QStringLiteral("store"), key.storeCode}, {QStringLiteral("prefix"), key.prefix}}));
    return tx.commit();
}

Result<ApiKey> ApiKeys::authenticate(QStringView token)
{
    const Error refused = makeError(ErrorCode::Unauthenticated, tr("the API key is not valid"));
    if (!token.startsWith(kTokenStart) || token.size() > 100)
        return refused;
    const QStringView rest = token.mid(kTokenStart.size());
    const qsizetype split = rest.indexOf(u'_');
    if (split <= 0)
        return refused;
    const QString prefix = codes::key(rest.left(split).toString());
    std::optional<ApiKeyCredentials> found;
    if (const ReferenceCache *cache = m_cache) {
        if (const ApiKeyCredentials *cached = cache->apiKey(prefix))
            found = *cached;
    } else {
        auto q = query(QStringLiteral("k.prefix = ?"), {prefix});
        if (!q)
            return q.error();
        if (!q->isEmpty())
            found = q->first();
    }
    if (!found || found->key.revokedAt || !sameBytes(secretHash(found->salt, rest.mid(split + 1)), found->secretHash))
        return refused;
    return found->key;
}

} // namespace mlm
