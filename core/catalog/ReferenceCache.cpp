#include "ReferenceCache.h"

#include "storage/Database.h"
#include "storage/TransactionGuard.h"
#include "stores/Stores.h"

#include <QScopeGuard>

namespace mlm {

namespace {

template <typename T, typename Key>
const T *lookup(const QList<T> &list, const QHash<Key, qsizetype> &index, const Key &key)
{
    const auto at = index.constFind(key);
    return at == index.constEnd() ? nullptr : &list.at(*at);
}

} // namespace

Status ReferenceCache::refresh(Database &db)
{
    {
        auto q = db.execReused(QStringLiteral("SELECT version FROM config_version WHERE id = ?"), {1});
        if (!q)
            return q.error();
        // A connection opened again may reach another server (a restored backup): read everything again then.
        if (q.value()->next() && q.value()->value(0).toLongLong() == m_version && db.generation() == m_generation)
            return {};
    }
    return load(db);
}

Status ReferenceCache::load(Database &db)
{
    // From the tables, all in one snapshot.
    TransactionGuard tx(db, TransactionGuard::Mode::Snapshot);
    MLM_TRY(tx.began());
    auto version = db.scalar(QStringLiteral("SELECT version FROM config_version WHERE id = 1"));
    if (!version)
        return version.error();
    Catalog catalog(db);
    auto stores = Stores(db).stores();
    if (!stores)
        return stores.error();
    auto products = catalog.products(false);
    if (!products)
        return products.error();
    auto tiers = catalog.tiers();
    if (!tiers)
        return tiers.error();
    auto currency = catalog.currency();
    if (!currency)
        return currency.error();
    auto keys = ApiKeys(db).credentials();
    if (!keys)
        return keys.error();
    MLM_TRY(tx.commit());

    m_stores = stores.value();
    m_storeByCode.clear();
    m_storeById.clear();
    for (qsizetype i = 0; i < m_stores.size(); ++i) {
        m_storeByCode.insert(m_stores.at(i).code, i);
        m_storeById.insert(m_stores.at(i).id, i);
    }
    m_products = products.value();
    m_productBySku.clear();
    for (qsizetype i = 0; i < m_products.size(); ++i)
        m_productBySku.insert(m_products.at(i).sku, i);
    m_tiers = tiers.value();
    m_currency = currency.value();
    m_keys = keys.value();
    m_keyByPrefix.clear();
    for (qsizetype i = 0; i < m_keys.size(); ++i)
        m_keyByPrefix.insert(m_keys.at(i).key.prefix, i);
    m_version = version->toLongLong();
    m_generation = db.generation();
    return {};
}

const Store *ReferenceCache::store(const QString &code) const
{
    return lookup(m_stores, m_storeByCode, code);
}

const Store *ReferenceCache::storeById(Id id) const
{
    return lookup(m_stores, m_storeById, id);
}

const Product *ReferenceCache::product(const QString &sku) const
{
    return lookup(m_products, m_productBySku, sku);
}

const ApiKeyCredentials *ReferenceCache::apiKey(const QString &prefixKey) const
{
    return lookup(m_keys, m_keyByPrefix, prefixKey);
}

} // namespace mlm
