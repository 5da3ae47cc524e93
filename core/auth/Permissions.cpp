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
    if (user.role != Role::Distributor)
        return {};
    auto inScope = Members(db).isInDownlineOrSelf(user.memberId, memberId);
    if (!inScope)
        return inScope.error();
    if (!inScope.value())
        return makeError(ErrorCode::PermissionDenied,
                         tr("%1 sees its own downline only; this member is not in it").arg(user.memberCode));
    return {};
}

} // namespace mlm
