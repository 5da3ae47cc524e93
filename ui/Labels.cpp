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

QStringList Labels::memberStatuses()
{
    QStringList labels;
    for (MemberStatus s :
         {MemberStatus::Customer, MemberStatus::Distributor, MemberStatus::Suspended, MemberStatus::Terminated})
        labels << memberStatus(s);
    return labels;
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

QString Labels::tier(const QString &code)
{
    if (code == u"retail")
        return tr("Retail");
    if (code == u"customer")
        return tr("Customer");
    if (code == u"distributor")
        return tr("Distributor");
    return code;
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

QString Labels::storeScenario(StoreScenario scenario)
{
    switch (scenario) {
    case StoreScenario::SeparateChannel:
        return tr("Separate channel");
    case StoreScenario::DistributorChannel:
        return tr("Distributor channel");
    case StoreScenario::PersonalStorefront:
        return tr("Personal storefront");
    }
    return {};
}

QString Labels::storeScenarioExplained(StoreScenario scenario)
{
    switch (scenario) {
    case StoreScenario::SeparateChannel:
        return tr("Buyers are ordinary retail customers of the store: they belong to no one and pay retail "
                  "prices. Their orders are credited to nobody and pay no commissions. A distributor's referral "
                  "link only leads to the registration of a new member under that distributor.");
    case StoreScenario::DistributorChannel:
        return tr("Every buyer registers through the back office and becomes a member in status customer, in the "
                  "first line of the member whose link they came with (or under the store's default sponsor). "
                  "Buyers see the prices of their own tier; their orders are credited to them, and their upline "
                  "earns commissions by the plan.");
    case StoreScenario::PersonalStorefront:
        return tr("Each distributor's link is their own store. Buyers register in the store only, as retail "
                  "customers owned by the link's owner, and are never placed in the network. They pay retail "
                  "prices; their orders are credited to the owner, who earns the retail profit, and count as the "
                  "owner's personal volume for the upline's commissions.");
    }
    return {};
}

QString Labels::month(const Period &period)
{
    return QLocale().toString(QDate(period.year, period.month, 1), QStringLiteral("MMM yyyy"));
}

QString Labels::date(qint64 secondsUtc)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(secondsUtc, Qt::UTC).date(), QLocale::ShortFormat);
}

QString Labels::dateTime(qint64 secondsUtc)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(secondsUtc, Qt::UTC), QLocale::ShortFormat);
}

QStringList Labels::dateTimeSamples()
{
    QStringList samples;
    for (int month = 1; month <= 12; ++month)
        samples << dateTime(QDateTime(QDate(2026, month, 28), QTime(23, 59), Qt::UTC).toSecsSinceEpoch());
    return samples;
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
