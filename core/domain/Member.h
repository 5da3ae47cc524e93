#pragma once

#include "MemberStatus.h"
#include "Money.h"
#include "UtcTime.h"

#include <QString>

namespace mlm {

/// A person in the sponsor tree (SPEC 1).
struct Member
{
    Id id = 0;
    QString code;
    QString name;
    QString email;
    QString phone;
    QString country;
    Id sponsorId = 0; ///< 0 for a root
    QString sponsorCode;
    MemberStatus status = MemberStatus::Customer;
    Timestamp joinedAt = 0;
};

/// The little a price or an order needs of a member.
struct MemberRef
{
    Id id = 0;
    QString code;
    MemberStatus status = MemberStatus::Customer;
};

/// A member as a row of the network tree: with the size of its own first line (whether it can be expanded) and its
/// personal volume in a period.
struct NetworkEntry
{
    Member member;
    qint64 frontline = 0;
    Volume pv = 0; ///< personal volume in the period asked for (paid orders credited to the member)
};

/// A member of someone's downline and its depth below that someone (1 = first line).
struct DownlineEntry
{
    Member member;
    int level = 0;
};

/// One recorded change of a member's status.
struct StatusChange
{
    MemberStatus from = MemberStatus::Customer;
    MemberStatus to = MemberStatus::Customer;
    QString reason;
    QString changedBy;
    Timestamp changedAt = 0;
};

} // namespace mlm
