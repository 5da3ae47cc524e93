#pragma once

#include "MemberStatus.h"
#include "Money.h"
#include "Order.h"
#include "Product.h"
#include "Result.h"
#include "StoreScenario.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

#include <optional>

namespace mlm {

/// The tiers every catalog has (SPEC 2); admins may add more.
namespace tiers {
inline QString retail()
{
    return QStringLiteral("retail");
}
inline QString customer()
{
    return QStringLiteral("customer");
}
inline QString distributor()
{
    return QStringLiteral("distributor");
}
bool isBuiltin(QStringView code);
} // namespace tiers

/// The pricing rules of SPEC 2, in one place.
class Pricing
{
    Q_DECLARE_TR_FUNCTIONS(Pricing)
public:
    /// The buyer's tier: a retail customer (memberStatus empty) -> retail; customer -> customer;
    /// distributor -> distributor; suspended -> retail; terminated may not buy. A store's pinned tier wins.
    static Result<QString> buyerTier(std::optional<MemberStatus> memberStatus, const QString &pinnedTier = {});

    /// The price of one product in a tier: the tier's own price, or the retail price when the tier has none.
    /// `prices` maps tier code -> price in minor units. Returns nullopt when not even a retail price exists.
    static std::optional<Money> priceIn(const QHash<QString, Money> &prices, const QString &tier);

    /// The tier a store imposes on every buyer: its pinned tier, or retail for a scenario 1 store.
    static QString storePinnedTier(std::optional<StoreScenario> scenario, const QString &pinnedTier);

    /// One order line with its snapshot: the unit price in `tier` (or `unitPrice` when given), the distributor
    /// price for retail profit, and the product's pv and bv. Refuses quantities outside 1..kMaxQuantity.
    static Result<OrderLine> priceLine(const Product &product, const QString &tier, qint64 qty,
                                       std::optional<Money> unitPrice = std::nullopt);
    /// Fills the order's totals from its lines; refuses totals that would overflow.
    static Status computeTotals(Order &order);

    static constexpr qint64 kMaxQuantity = 1'000'000;
};

} // namespace mlm
