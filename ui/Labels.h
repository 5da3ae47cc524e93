#pragma once

#include "auth/Users.h"
#include "domain/MemberStatus.h"
#include "domain/Money.h"
#include "domain/OrderStatus.h"
#include "domain/StoreScenario.h"
#include "domain/UtcTime.h"

#include <QCoreApplication>

namespace mlm {

/// The words the screens show for core's codes ("distributor" -> "Distributor"), translated.
struct Labels
{
    Q_DECLARE_TR_FUNCTIONS(Labels)

public:
    static QString memberStatus(MemberStatus status);
    /// Every status's label, for sizing a column.
    static QStringList memberStatuses();
    static QString role(Role role);
    static QString orderStatus(OrderStatus status);
    /// A price tier as people read it: the three built-in tiers in the user's language, an added tier by its code.
    static QString tier(const QString &code);
    static QString storeScenario(StoreScenario scenario);
    /// What a scenario means for buyers, prices and commissions (SPEC 3), in a paragraph.
    static QString storeScenarioExplained(StoreScenario scenario);
    /// A flag as a cell shows it: "yes" or "no".
    static QString yesNo(bool value) { return value ? tr("yes") : tr("no"); }
    /// Minor units as an amount in the user's locale, without floating point: 270050 -> "2,700.50".
    static QString money(Money minor);
    /// Volume in hundredths of a point, shown like an amount: 2500 -> "25.00".
    static QString volume(Volume hundredths) { return money(hundredths); }
    /// A stored timestamp (seconds, UTC) as a short date, or a short date and time, in the user's locale.
    static QString date(qint64 secondsUtc);
    /// A month as every page names it: "Nov 2026" (in the user's language).
    static QString month(const Period &period);
    static QString dateTime(qint64 secondsUtc);
    /// Texts as long as dateTime() gives in this language (each month's 28th at 23:59): a column fits the longest.
    static QStringList dateTimeSamples();
};

inline QString memberStatusLabel(MemberStatus status)
{
    return Labels::memberStatus(status);
}

} // namespace mlm
