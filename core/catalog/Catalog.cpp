#include "Catalog.h"

#include "PriceSheet.h"
#include "ReferenceCache.h"
#include "domain/Codes.h"
#include "domain/Pricing.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/TransactionGuard.h"

namespace mlm {

namespace {
constexpr qint64 kMaxAmount = 1'000'000'000'000LL; // 10 billion in major units: beyond any real price or volume
}

Result<QString> Catalog::currency()
{
    if (const ReferenceCache *cache = m_cache)
        return cache->currency();
    auto currency = m_db.scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'currency'"));
    if (!currency)
        return currency.error();
    return currency->isValid() ? currency->toString() : QStringLiteral("USD");
}

Result<QList<PriceTier>> Catalog::tiers()
{
    if (const ReferenceCache *cache = m_cache)
        return cache->tiers();
    auto q = m_db.exec(QStringLiteral("SELECT id, code, name, builtin FROM price_tiers ORDER BY id"));
    if (!q)
        return q.error();
    QList<PriceTier> result;
    while (q->next())
        result.append({q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(), q->value(3).toBool()});
    return result;
}

Result<PriceTier> Catalog::tier(const QString &code)
{
    auto all = tiers();
    if (!all)
        return all.error();
    for (const PriceTier &t : all.value()) {
        if (t.code == code)
            return t;
    }
    return makeError(ErrorCode::NotFound, tr("no price tier '%1'").arg(code));
}

Result<PriceTier> Catalog::addTier(const QString &code, const QString &name, const Actor &actor)
{
    if (!codes::isValidTierCode(code))
        return makeError(ErrorCode::InvalidArgument,
                         tr("tier code '%1' is not valid: use 2-32 characters of a-z, 0-9 and _").arg(code));
    if (name.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("a tier needs a name"));
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    if (tier(code).ok())
        return makeError(ErrorCode::AlreadyExists, tr("the tier '%1' exists already").arg(code));
    auto id = m_db.scalar(QStringLiteral("INSERT INTO price_tiers (code, name, builtin) VALUES (?, ?, 0) RETURNING id"),
                          {code, name.trimmed()});
    if (!id)
        return id.error();
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("tier.add"), QStringLiteral("price_tier"), id->toLongLong(),
                             {{QStringLiteral("code"), code}}));
    MLM_TRY(tx.commit());
    return PriceTier{id->toLongLong(), code, name.trimmed(), false};
}

Result<QHash<QString, Money>> Catalog::pricesOf(Id productId)
{
    auto q = m_db.exec(QStringLiteral("SELECT t.code, p.price FROM product_prices p JOIN price_tiers t ON t.id = "
                                      "p.tier_id WHERE p.product_id = ?"),
                       {productId});
    if (!q)
        return q.error();
    QHash<QString, Money> prices;
    while (q->next())
        prices.insert(q->value(0).toString(), q->value(1).toLongLong());
    return prices;
}

Result<Product> Catalog::product(const QString &sku)
{
    if (const ReferenceCache *cache = m_cache) {
        if (const Product *p = cache->product(sku))
            return *p;
        return makeError(ErrorCode::NotFound, tr("unknown sku '%1'").arg(sku));
    }
    auto q = m_db.exec(QStringLiteral("SELECT id, sku, name, active, pv, bv FROM products WHERE sku = ?"), {sku});
    if (!q)
        return q.error();
    if (!q->next())
        return makeError(ErrorCode::NotFound, tr("unknown sku '%1'").arg(sku));
    Product p{q->value(0).toLongLong(),
              q->value(1).toString(),
              q->value(2).toString(),
              q->value(3).toBool(),
              q->value(4).toLongLong(),
              q->value(5).toLongLong(),
              {}};
    auto prices = pricesOf(p.id);
    if (!prices)
        return prices.error();
    p.prices = prices.value();
    return p;
}

Result<QList<Product>> Catalog::products(bool activeOnly)
{
    if (const ReferenceCache *cache = m_cache) {
        QList<Product> result;
        for (const Product &p : cache->products()) {
            if (p.active || !activeOnly)
                result.append(p);
        }
        return result;
    }
    // Two reads whatever the size of the catalog: the products, then all their prices.
    const QString where = activeOnly ? QStringLiteral("WHERE active = 1") : QString();
    auto q = m_db.exec(QStringLiteral("SELECT id, sku, name, active, pv, bv FROM products %1 ORDER BY sku").arg(where));
    if (!q)
        return q.error();
    QList<Product> result;
    QHash<Id, qsizetype> indexOf;
    while (q->next()) {
        indexOf.insert(q->value(0).toLongLong(), result.size());
        result.append({q->value(0).toLongLong(),
                       q->value(1).toString(),
                       q->value(2).toString(),
                       q->value(3).toBool(),
                       q->value(4).toLongLong(),
                       q->value(5).toLongLong(),
                       {}});
    }
    q = m_db.exec(QStringLiteral("SELECT p.product_id, t.code, p.price FROM product_prices p "
                                 "JOIN price_tiers t ON t.id = p.tier_id"));
    if (!q)
        return q.error();
    while (q->next()) {
        const auto at = indexOf.constFind(q->value(0).toLongLong());
        if (at != indexOf.constEnd())
            result[*at].prices.insert(q->value(1).toString(), q->value(2).toLongLong());
    }
    return result;
}

Status Catalog::validateProduct(const Product &p)
{
    if (!codes::isValidSku(p.sku))
        return makeError(ErrorCode::InvalidArgument,
                         tr("sku '%1' is not valid: 1-64 characters without spaces").arg(p.sku));
    if (p.name.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("product %1 needs a name").arg(p.sku));
    if (p.pv < 0 || p.pv > kMaxAmount || p.bv < 0 || p.bv > kMaxAmount)
        return makeError(ErrorCode::InvalidArgument, tr("product %1: pv and bv must be 0 or more").arg(p.sku));
    if (!p.prices.contains(tiers::retail()))
        return makeError(ErrorCode::InvalidArgument, tr("product %1 needs a retail price").arg(p.sku));
    for (auto it = p.prices.cbegin(); it != p.prices.cend(); ++it) {
        if (it.value() < 0 || it.value() > kMaxAmount)
            return makeError(ErrorCode::InvalidArgument,
                             tr("product %1: the %2 price must be 0 or more").arg(p.sku, it.key()));
    }
    return {};
}

Result<Product> Catalog::addProduct(const Product &p, const Actor &actor)
{
    MLM_TRY(validateProduct(p));
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    if (product(p.sku).ok())
        return makeError(ErrorCode::AlreadyExists, tr("the sku '%1' exists already").arg(p.sku));
    auto id = m_db.scalar(QStringLiteral("INSERT INTO products (sku, name, active, pv, bv) VALUES (?, ?, ?, ?, ?) "
                                         "RETURNING id"),
                          {p.sku, p.name.trimmed(), p.active ? 1 : 0, p.pv, p.bv});
    if (!id)
        return id.error();
    for (auto it = p.prices.cbegin(); it != p.prices.cend(); ++it) {
        auto t = tier(it.key());
        if (!t)
            return t.error();
        MLM_TRY(m_db.exec(QStringLiteral("INSERT INTO product_prices (product_id, tier_id, price) VALUES (?, ?, ?)"),
                          {id->toLongLong(), t->id, it.value()}));
    }
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("product.add"), QStringLiteral("product"), id->toLongLong(),
                             {{QStringLiteral("sku"), p.sku}}));
    MLM_TRY(tx.commit());
    return product(p.sku);
}

Status Catalog::setPrice(const QString &sku, const QString &tierCode, Money price, const Actor &actor)
{
    if (price < 0 || price > kMaxAmount)
        return makeError(ErrorCode::InvalidArgument, tr("a price must be 0 or more"));
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto p = product(sku);
    if (!p)
        return p.error();
    auto t = tier(tierCode);
    if (!t)
        return t.error();
    MLM_TRY(m_db.exec(QStringLiteral("INSERT INTO product_prices (product_id, tier_id, price) VALUES (?, ?, ?) "
                                     "ON CONFLICT (product_id, tier_id) DO UPDATE SET price = excluded.price"),
                      {p->id, t->id, price}));
    MLM_TRY(AuditLog::record(
        m_db, actor, QStringLiteral("price.set"), QStringLiteral("product"), p->id,
        {{QStringLiteral("sku"), sku},
         {QStringLiteral("tier"), tierCode},
         {QStringLiteral("old"), p->prices.contains(tierCode) ? QJsonValue(p->prices.value(tierCode)) : QJsonValue()},
         {QStringLiteral("new"), price}}));
    return tx.commit();
}

Status Catalog::setPrices(const QList<PriceEdit> &edits, const Actor &actor)
{
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto all = products();
    if (!all)
        return all.error();
    auto allTiers = tiers();
    if (!allTiers)
        return allTiers.error();
    QHash<QString, const Product *> bySku;
    for (const Product &p : all.value())
        bySku.insert(p.sku, &p);
    QHash<QString, Id> tierIds;
    for (const PriceTier &t : allTiers.value())
        tierIds.insert(t.code, t.id);
    QStringList errors;
    for (const PriceEdit &e : edits) {
        if (!bySku.contains(e.sku))
            errors << tr("no product with sku '%1'").arg(e.sku);
        else if (!tierIds.contains(e.tier))
            errors << tr("%1: no price tier '%2'").arg(e.sku, e.tier);
        else if (!e.price && e.tier == tiers::retail())
            errors << tr("%1: the retail price cannot be removed").arg(e.sku);
        else if (e.price && (*e.price < 0 || *e.price > kMaxAmount))
            errors << tr("%1: the %2 price must be 0 or more").arg(e.sku, e.tier);
    }
    if (!errors.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         tr("no price was changed: %1").arg(errors.join(QStringLiteral("; "))));
    for (const PriceEdit &e : edits) {
        const Product &p = *bySku.value(e.sku);
        const std::optional<Money> old =
            p.prices.contains(e.tier) ? std::optional<Money>(p.prices.value(e.tier)) : std::nullopt;
        if (old == e.price)
            continue;
        if (e.price) {
            MLM_TRY(m_db.exec(QStringLiteral("INSERT INTO product_prices (product_id, tier_id, price) VALUES (?, ?, ?) "
                                             "ON CONFLICT (product_id, tier_id) DO UPDATE SET price = excluded.price"),
                              {p.id, tierIds.value(e.tier), *e.price}));
        } else {
            MLM_TRY(m_db.exec(QStringLiteral("DELETE FROM product_prices WHERE product_id = ? AND tier_id = ?"),
                              {p.id, tierIds.value(e.tier)}));
        }
        MLM_TRY(AuditLog::record(m_db, actor, e.price ? QStringLiteral("price.set") : QStringLiteral("price.clear"),
                                 QStringLiteral("product"), p.id,
                                 {{QStringLiteral("sku"), e.sku},
                                  {QStringLiteral("tier"), e.tier},
                                  {QStringLiteral("old"), old ? QJsonValue(*old) : QJsonValue()},
                                  {QStringLiteral("new"), e.price ? QJsonValue(*e.price) : QJsonValue()}}));
    }
    return tx.commit();
}

Status Catalog::updateProduct(const Product &changed, const Actor &actor)
{
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto p = product(changed.sku);
    if (!p)
        return p.error();
    Product next = p.value();
    next.name = changed.name.trimmed();
    next.active = changed.active;
    next.pv = changed.pv;
    next.bv = changed.bv;
    MLM_TRY(validateProduct(next));
    MLM_TRY(m_db.exec(QStringLiteral("UPDATE products SET name = ?, active = ?, pv = ?, bv = ? WHERE id = ?"),
                      {next.name, next.active ? 1 : 0, next.pv, next.bv, p->id}));
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("product.edit"), QStringLiteral("product"), p->id,
                             {{QStringLiteral("sku"), next.sku},
                              {QStringLiteral("name"), next.name},
                              {QStringLiteral("active"), next.active},
                              {QStringLiteral("pv"), next.pv},
                              {QStringLiteral("bv"), next.bv}}));
    return tx.commit();
}

Status Catalog::setActive(const QString &sku, bool active, const Actor &actor)
{
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto p = product(sku);
    if (!p)
        return p.error();
    MLM_TRY(m_db.exec(QStringLiteral("UPDATE products SET active = ? WHERE id = ?"), {active ? 1 : 0, p->id}));
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("product.active"), QStringLiteral("product"), p->id,
                             {{QStringLiteral("sku"), sku}, {QStringLiteral("active"), active}}));
    return tx.commit();
}

} // namespace mlm
