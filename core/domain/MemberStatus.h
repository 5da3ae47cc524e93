#pragma once

#include <QString>

#include <optional>

namespace mlm {

/// A member's standing in the network (SPEC 1).
enum class MemberStatus
{
    Customer,
    Distributor,
    Suspended,
    Terminated
};

QString toText(MemberStatus status);
std::optional<MemberStatus> memberStatusFromString(QStringView text);

/// The transition table of SPEC 1: customer <-> distributor, customer|distributor -> suspended,
/// suspended -> customer|distributor, any -> terminated.
bool isAllowedStatusChange(MemberStatus from, MemberStatus to);

/// A terminated member can neither sponsor nor buy.
inline bool canSponsor(MemberStatus s)
{
    return s != MemberStatus::Terminated;
}
inline bool canBuy(MemberStatus s)
{
    return s != MemberStatus::Terminated;
}
/// Only customers and distributors own links that resolve (SPEC 4).
inline bool canOwnActiveLink(MemberStatus s)
{
    return s == MemberStatus::Customer || s == MemberStatus::Distributor;
}

} // namespace mlm
