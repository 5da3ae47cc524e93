#include "OrderStatus.h"

namespace mlm {

QString toText(OrderStatus status)
{
    switch (status) {
    case OrderStatus::Pending:
        return QStringLiteral("pending");
    case OrderStatus::Paid:
        return QStringLiteral("paid");
    case OrderStatus::Cancelled:
        return QStringLiteral("cancelled");
    case OrderStatus::Refunded:
        return QStringLiteral("refunded");
    }
    return {};
}

std::optional<OrderStatus> orderStatusFromString(QStringView text)
{
    for (auto s : {OrderStatus::Pending, OrderStatus::Paid, OrderStatus::Cancelled, OrderStatus::Refunded}) {
        if (text == toText(s))
            return s;
    }
    return std::nullopt;
}

bool isAllowedOrderTransition(OrderStatus from, OrderStatus to)
{
    return (from == OrderStatus::Pending && (to == OrderStatus::Paid || to == OrderStatus::Cancelled)) ||
           (from == OrderStatus::Paid && to == OrderStatus::Refunded);
}

} // namespace mlm
