#pragma once

#include "Users.h"

#include "orders/Orders.h"

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
    ViewDashboard,      ///< a member's downline dashboard; a distributor: its own only
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
    /// `check` plus the scope of a distributor: the member must be the user's own member, or for what it may see
    /// and edit of others (ViewMember, EditContact, ChangeStatus) one in its downline. Links, statements, orders
    /// and dashboards are its own only.
    static Status checkMember(Database &db, const User &user, Action action, Id memberId);
    /// The member a user's view of the network is limited to: a distributor's own; 0 (the whole company) else.
    static Id scope(const User &user) { return user.role == Role::Distributor ? user.memberId : 0; }
    /// `check` plus a distributor's own orders: those it bought or was credited with.
    static Status checkOrder(const User &user, const Order &order);
    /// A list of orders narrowed to what the user may see (a distributor: its own).
    static Result<OrderFilter> visibleOrders(const User &user, OrderFilter filter);

private:
    /// Whether a distributor may do `action` for its own member only (not for its downline).
    static bool ownOnly(Action action);
    static Error notOwn(const User &user, Action action);
};

} // namespace mlm
