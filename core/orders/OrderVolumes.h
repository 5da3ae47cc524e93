#pragma once

#include "domain/Money.h"
#include "domain/Result.h"
#include "domain/UtcTime.h"

#include <functional>

namespace mlm {

class Database;

/// Each member's personal volume per calendar month (the table member_month_volumes): the sum of total_pv of the
/// paid orders credited to the member, by the month of paid_at. The order paths keep it exact (an order paid, a
/// paid order refunded or cancelled), inside their own transactions; a bulk load of orders rebuilds it. Readers get
/// one number per member and month instead of summing the month's orders.
class OrderVolumes
{
public:
    /// The month's key in the table: year * 100 + month (202610).
    static int monthKey(const Period &period) { return period.year * 100 + period.month; }
    /// Adds `pv` (negative: takes it away) to `member`'s month of `paidAt`.
    static Status add(Database &db, Id member, Timestamp paidAt, Volume pv);
    /// Computes the table anew from the orders.
    static Status rebuild(Database &db);
    /// The month's non-zero volumes in ascending order of member id.
    static Status forEachInMonth(Database &db, const Period &period, const std::function<void(Id, Volume)> &each);
    /// The non-zero volumes of `members` in `periods` (a look-up per member and month, for a few thousand members
    /// rather than a month's scan), in no particular order: each(period's index, member, volume).
    static Status forEachOf(Database &db, const QList<Period> &periods, const QList<Id> &members,
                            const std::function<void(qsizetype, Id, Volume)> &each);
};

} // namespace mlm
