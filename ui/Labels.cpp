#include "Labels.h"

#include <QDateTime>
#include <QLocale>

namespace mlm {

QString Labels::memberStatus(MemberStatus status)
{
    switch (status) {
    case MemberStatus::Customer:
        return tr("Customer");
    case MemberStatus::Distributor:
        return tr("Distributor");
    case MemberStatus::Suspended:
        return tr("Suspended");
    case MemberStatus::Terminated:
        return tr("Terminated");
    }
    return {};
}

QString Labels::role(Role role)
{
    switch (role) {
    case Role::Admin:
        return tr("Administrator");
    case Role::Support:
        return tr("Support");
    case Role::Distributor:
        return tr("Distributor");
    }
    return {};
}

QString Labels::orderStatus(OrderStatus status)
{
    switch (status) {
    case OrderStatus::Pending:
        return tr("Pending");
    case OrderStatus::Paid:
        return tr("Paid");
    case OrderStatus::Cancelled:
        return tr("Cancelled");
    case OrderStatus::Refunded:
        return tr("Refunded");
    }
    return {};
}

QString Labels::date(qint64 secondsUtc)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(secondsUtc, Qt::UTC).date(), QLocale::ShortFormat);
}

QString Labels::dateTime(qint64 secondsUtc)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(secondsUtc, Qt::UTC), QLocale::ShortFormat);
}

QString Labels::money(Money minor)
{
    const QLocale locale;
    const Money magnitude = minor < 0 ? -minor : minor;
    const QString cents = QString::number(magnitude % 100).rightJustified(2, u'0');
    return (minor < 0 ? locale.negativeSign() : QString()) + locale.toString(magnitude / 100) + locale.decimalPoint() +
           cents;
}

} // namespace mlm
