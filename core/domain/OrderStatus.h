#pragma once

#include <QString>

#include <optional>

namespace mlm {

/// SPEC 5: pending -> paid | cancelled; paid -> refunded. Nothing else.
enum class OrderStatus
{
    Pending,
    Paid,
    Cancelled,
    Refunded
};

QString toText(OrderStatus status);
std::optional<OrderStatus> orderStatusFromString(QStringView text);
bool isAllowedOrderTransition(OrderStatus from, OrderStatus to);

} // namespace mlm
