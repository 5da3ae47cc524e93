#include "Permissions.h"

#include "genealogy/Members.h"

namespace mlm {

bool Permissions::allows(Role role, Action action)
{
    switch (role) {
    case Role::Admin:
        return true;
    case Role::Support:
        switch (action) {
        case Action::ViewMember:
        case Action::ViewAllMembers:
        case Action::EditContact:
        case Action::ChangeStatus:
        case Action::ViewCustomers:
        case Action::ViewOrders:
        case Action::EnterOrder:
        case Action::ChangeOrderStatus:
        case Action::ManageLinks:
        case Action::ViewCommissions:
        case Action::ViewDashboard:
            return true;
        default:
            return false;
        }
    case Role::Distributor:
        switch (action) {
        case Action::ViewMember:
        case Action::ViewOrders:
        case Action::ManageLinks:
        case Action::ViewCommissions:
        case Action::ViewDashboard:
            return true;
        default:
            return false;
        }
    }
    return false;
}

Status Permissions::check(const User &user, Action action)
{
    if (!user.active)
        return makeError(ErrorCode::PermissionDenied, tr("the user %1 is disabled").arg(user.username));
    if (!allows(user.role, action))
        return makeError(ErrorCode::PermissionDenied, tr("a %1 user may not do this").arg(toText(user.role)));
    return {};
}

Status Permissions::checkMember(Database &db, const User &user, Action action, Id memberId)
{
    MLM_TRY(check(user, action));
    if (scope(user) == 0)
        return {};
    if (ownOnly(action))
        return memberId == user.memberId ? Status() : notOwn(user, action);
    auto inScope = Members(db).isInDownlineOrSelf(user.memberId, memberId);
    if (!inScope)
        return inScope.error();
    if (!inScope.value())
        return makeError(ErrorCode::PermissionDenied,
                         tr("%1 sees its own downline only; this member is not in it").arg(user.memberCode));
    return {};
}

bool Permissions::ownOnly(Action action)
{
    return action == Action::ManageLinks || action == Action::ViewCommissions || action == Action::ViewDashboard ||
           action == Action::ViewOrders;
}

Error Permissions::notOwn(const User &user, Action action)
{
    switch (action) {
    case Action::ManageLinks:
        return makeError(ErrorCode::PermissionDenied, tr("%1 manages its own referral links only").arg(user.memberCode));
    case Action::ViewCommissions:
        return makeError(ErrorCode::PermissionDenied, tr("a distributor sees its own statements only"));
    case Action::ViewDashboard:
        return makeError(ErrorCode::PermissionDenied, tr("a distributor sees the dashboard of its own downline only"));
    default:
        return makeError(ErrorCode::PermissionDenied, tr("%1 sees its own orders only").arg(user.memberCode));
    }
}

Status Permissions::checkOrder(const User &user, const Order &order)
{
    MLM_TRY(check(user, Action::ViewOrders));
    const Id own = scope(user);
    if (own != 0 && order.buyerMemberId != own && order.creditedMemberId != own)
        return notOwn(user, Action::ViewOrders);
    return {};
}

Result<OrderFilter> Permissions::visibleOrders(const User &user, OrderFilter filter)
{
    MLM_TRY(check(user, Action::ViewOrders));
    if (const Id own = scope(user); own != 0) {
        if (filter.memberId != 0 && filter.memberId != own)
            return notOwn(user, Action::ViewOrders);
        filter.memberId = own;
    }
    return filter;
}

} // namespace mlm
