#include "Pricing.h"

namespace mlm {

bool tiers::isBuiltin(QStringView code)
{
    return code == retail() || code == customer() || code == distributor();
}

Result<QString> Pricing::buyerTier(std::optional<MemberStatus> memberStatus, const QString &pinnedTier)
{
    if (memberStatus && !canBuy(*memberStatus))
        return makeError(ErrorCode::FailedPrecondition, tr("a terminated member may not buy"));
    if (!pinnedTier.isEmpty())
        return pinnedTier;
    if (!memberStatus)
        return tiers::retail();
    switch (*memberStatus) {
    case MemberStatus::Customer:
        return tiers::customer();
    case MemberStatus::Distributor:
        return tiers::distributor();
    case MemberStatus::Suspended:
    case MemberStatus::Terminated:
        break;
    }
    return tiers::retail();
}

std::optional<Money> Pricing::priceIn(const QHash<QString, Money> &prices, const QString &tier)
{
    if (auto it = prices.constFind(tier); it != prices.constEnd())
        return *it;
    if (auto it = prices.constFind(tiers::retail()); it != prices.constEnd())
        return *it;
    return std::nullopt;
}

QString Pricing::storePinnedTier(std::optional<StoreScenario> scenario, const QString &pinnedTier)
{
    if (!pinnedTier.isEmpty())
        return pinnedTier;
    return scenario == StoreScenario::SeparateChannel ? tiers::retail() : QString();
}

Result<OrderLine> Pricing::priceLine(const Product &product, const QString &tier, qint64 qty,
                                     std::optional<Money> unitPrice)
{
    if (qty < 1 || qty > kMaxQuantity)
        return makeError(
            ErrorCode::InvalidArgument,
            tr("quantity %1 of %2 is not allowed: order 1 to %3").arg(qty).arg(product.sku).arg(kMaxQuantity));
    if (unitPrice && *unitPrice < 0)
        return makeError(ErrorCode::InvalidArgument, tr("the unit price of %1 may not be negative").arg(product.sku));
    const auto price = unitPrice ? unitPrice : priceIn(product.prices, tier);
    if (!price)
        return makeError(ErrorCode::FailedPrecondition,
                         tr("product %1 has no price for tier %2").arg(product.sku, tier));
    OrderLine line;
    line.sku = product.sku;
    line.productId = product.id;
    line.qty = qty;
    line.unitPrice = *price;
    line.distributorPrice = priceIn(product.prices, tiers::distributor()).value_or(*price);
    line.pv = product.pv;
    line.bv = product.bv;
    return line;
}

Status Pricing::computeTotals(Order &order)
{
    order.totalPrice = order.totalPv = order.totalBv = 0;
    for (const OrderLine &line : std::as_const(order.lines)) {
        qint64 price, pv, bv;
        if (__builtin_mul_overflow(line.qty, line.unitPrice, &price) ||
            __builtin_mul_overflow(line.qty, line.pv, &pv) || __builtin_mul_overflow(line.qty, line.bv, &bv) ||
            __builtin_add_overflow(order.totalPrice, price, &order.totalPrice) ||
            __builtin_add_overflow(order.totalPv, pv, &order.totalPv) ||
            __builtin_add_overflow(order.totalBv, bv, &order.totalBv))
            return makeError(ErrorCode::InvalidArgument, tr("the order's totals are too large"));
    }
    return {};
}

} // namespace mlm
