#pragma once

#include "domain/Actor.h"
#include "domain/Product.h"
#include "domain/Result.h"

#include <QCoreApplication>
#include <QList>

namespace mlm {

class ReferenceCache;

class Database;
struct PriceEdit;

/// A price tier (SPEC 2): retail, customer and distributor always exist.
struct PriceTier
{
    Id id = 0;
    QString code;
    QString name;
    bool builtin = false;
};

/// Products, price tiers and prices.
class Catalog
{
    Q_DECLARE_TR_FUNCTIONS(Catalog)
public:
    /// `cache`: the store API's reference data in memory (ReferenceCache), read instead of the tables; none
    /// elsewhere.
    explicit Catalog(Database &db, const ReferenceCache *cache = nullptr) : m_db(db), m_cache(cache) {}

    /// The company currency (ISO 4217, from the dataset); USD until one is set.
    Result<QString> currency();
    Result<QList<PriceTier>> tiers();
    Result<PriceTier> tier(const QString &code);
    Result<PriceTier> addTier(const QString &code, const QString &name, const Actor &actor);

    Result<Product> product(const QString &sku);
    Result<QList<Product>> products(bool activeOnly = false);
    /// Adds a product with its prices (tier code -> price); a retail price is required.
    Result<Product> addProduct(const Product &product, const Actor &actor);
    Status setPrice(const QString &sku, const QString &tierCode, Money price, const Actor &actor);
    /// Many prices at once (a pasted block, a price list file), all or nothing: every refused edit is named.
    Status setPrices(const QList<PriceEdit> &edits, const Actor &actor);
    /// A product's name, active flag, pv and bv (its prices: setPrice); its sku stays.
    Status updateProduct(const Product &product, const Actor &actor);
    Status setActive(const QString &sku, bool active, const Actor &actor);

    static Status validateProduct(const Product &product);

private:
    Result<QHash<QString, Money>> pricesOf(Id productId);

    Database &m_db;
    const ReferenceCache *m_cache;
};

} // namespace mlm
