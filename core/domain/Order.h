#pragma once

#include "Money.h"
#include "OrderStatus.h"
#include "UtcTime.h"

#include <QList>
#include <QString>

#include <optional>

namespace mlm {

/// One line of an order, with the snapshot of prices and volumes at the time of the order.
struct OrderLine
{
    QString sku;
    Id productId = 0;
    qint64 qty = 0;
    Money unitPrice = 0;
    Money distributorPrice = 0; ///< the distributor-tier price then, for retail profit
    Volume pv = 0;              ///< per unit
    Money bv = 0;               ///< per unit
    QString name;               ///< the product's name (as it is now: read with the line, not kept in it)
};

/// An order (SPEC 5). storeId 0 is the back office.
struct Order
{
    Id id = 0;
    Id storeId = 0;
    QString storeCode;
    QString externalId;
    Id buyerMemberId = 0;
    QString buyerMemberCode;
    Id buyerCustomerId = 0;
    QString buyerCustomerEmail;
    Id creditedMemberId = 0;
    QString creditedMemberCode;
    QString tier;
    Money totalPrice = 0;
    Volume totalPv = 0;
    Money totalBv = 0;
    OrderStatus status = OrderStatus::Pending;
    Timestamp createdAt = 0;
    QString createdBy; ///< the actor that entered it; empty for imported history
    std::optional<Timestamp> paidAt;
    std::optional<Timestamp> cancelledAt;
    std::optional<Timestamp> refundedAt;
    QList<OrderLine> lines;
};

} // namespace mlm
