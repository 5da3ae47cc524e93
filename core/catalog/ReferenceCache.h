#pragma once

#include "auth/ApiKeys.h"
#include "catalog/Catalog.h"
#include "domain/Product.h"
#include "domain/Store.h"

#include <QHash>

namespace mlm {

class Database;

/// The read-mostly reference data (stores, API keys, price tiers, products with their prices, the currency) held in
/// memory for a hot path such as the store API, where reading it per request would cost more than the request.
/// It is checked against the database's config_version, which triggers bump on every change of those tables from
/// any process (migration 5): refresh() costs one small query while nothing changed, so a revoked key or a new price
/// counts from the next request on, in every server. Installed on a Database, the services read from it.
class ReferenceCache
{
public:
    /// Reloads everything, in one snapshot, when config_version moved since the last call.
    Status refresh(Database &db);

    const Store *store(const QString &code) const;
    const Store *storeById(Id id) const;
    const QList<Store> &stores() const { return m_stores; }
    /// Every product, sorted by sku.
    const QList<Product> &products() const { return m_products; }
    const Product *product(const QString &sku) const;
    const QList<PriceTier> &tiers() const { return m_tiers; }
    const QString &currency() const { return m_currency; }
    const ApiKeyCredentials *apiKey(const QString &prefixKey) const;
    qint64 version() const { return m_version; }

private:
    Status load(Database &db);

    qint64 m_version = -1;
    quint64 m_generation = 0;
    QList<Store> m_stores;
    QHash<QString, qsizetype> m_storeByCode;
    QHash<Id, qsizetype> m_storeById;
    QList<Product> m_products;
    QHash<QString, qsizetype> m_productBySku;
    QList<PriceTier> m_tiers;
    QString m_currency;
    QList<ApiKeyCredentials> m_keys;
    QHash<QString, qsizetype> m_keyByPrefix;
};

} // namespace mlm
