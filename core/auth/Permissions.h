#pragma once

#include "Users.h"

namespace mlm {

/// What a signed-in user asks to do (SPEC 7).
enum class Action
{
    ViewMember,         ///< a member's profile; a distributor: itself and its downline only
    ViewAllMembers,     ///< lists and searches over the whole network
    EditContact,        ///< name, email, phone, country
    ChangeStatus,       ///< customer, distributor, suspended
    Terminate,          ///< the final status
    MoveMember,         ///< change of sponsor
    ViewCustomers,      ///< retail customers of the stores
    ViewOrders,         ///< a distributor: its own orders only
    EnterOrder,         ///< back-office orders
    ChangeOrderStatus,  ///< mark paid, cancel, refund
    ManageLinks,        ///< create and deactivate referral links; a distributor: its own only
    ViewCommissions,    ///< a distributor: its own statements only
    RunCommissions,     ///< previews and closing of periods
    EditCatalog,        ///< products, tiers, prices
    EditStores,         ///< stores, their scenario, their API keys
    EditPlan,           ///< the compensation plan
    ManageUsers,        ///< users and roles
    ViewAudit,          ///< the audit log
    ImportExport,       ///< dataset files
    ViewCompanyReports, ///< the whole company's performance dashboard
};

/// The rules of SPEC 7 in one place: every operation a person starts (GUI or CLI on their behalf) asks here first,
/// whatever the screen shows. Refusals are PermissionDenied errors with a reason.
class Permissions
{
    Q_DECLARE_TR_FUNCTIONS(Permissions)

public:
    /// Whether the role may do this at all (for a distributor, "its own" scopes still apply: see member()).
    static bool allows(Role role, Action action);
    static Status check(const User &user, Action action);
    /// `check` plus the scope of a distributor: the member must be the user's own member or in its downline.
    static Status checkMember(Database &db, const User &user, Action action, Id memberId);
};

} // namespace mlm
