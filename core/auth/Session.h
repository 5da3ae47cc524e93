#pragma once

#include "ApiKeys.h"
#include "Permissions.h"
#include "catalog/Catalog.h"
#include "catalog/PriceSheet.h"
#include "compensation/CommissionRuns.h"
#include "dataset/DatasetExporter.h"
#include "dataset/DatasetImporter.h"
#include "domain/Member.h"
#include "domain/Product.h"
#include "domain/ReferralLink.h"
#include "domain/RetailCustomer.h"
#include "domain/Store.h"
#include "genealogy/Members.h"
#include "genealogy/TreeIndex.h"
#include "orders/Orders.h"
#include "reports/DownlinePerformance.h"
#include "storage/AuditLog.h"

#include <QList>

namespace mlm {

/// What a signed-in person does, with the permission of SPEC 7 checked before each operation: the desktop program
/// calls core through here, never around it, so a distributor asking for a member outside its downline gets a
/// PermissionDenied error whatever the screen shows.
class Session
{
    Q_DECLARE_TR_FUNCTIONS(Session)

public:
    Session(Database &db, User user) : m_db(db), m_user(std::move(user)) {}

    const User &user() const { return m_user; }
    Database &database() { return m_db; }
    Actor actor() const { return {QStringLiteral("user:") + m_user.username}; }
    bool can(Action action) const { return Permissions::allows(m_user.role, action) && m_user.active; }

    /// Where the network starts for this user: the company's roots, or a distributor's own member; personal
    /// volumes are those of the current month (UTC).
    Result<QList<NetworkEntry>> treeRoots();
    Result<Member> member(const QString &code);
    Result<QList<NetworkEntry>> children(Id sponsorId);
    /// The whole tree's index (downline sizes) for the network view; a distributor sees only its part of it.
    Result<TreeIndex> treeIndex();
    /// Members by code, email or name prefix; a distributor finds its own downline only.
    Result<QList<Member>> search(const QString &text, int limit = 50);
    /// The chain from the user's tree root down to `memberId` (both included): how to reveal it in the tree.
    Result<QList<Member>> pathTo(Id memberId);
    Result<QList<StatusChange>> statusHistory(Id memberId);
    /// A page of the Members list (admin and support: the whole network).
    Result<QList<Member>> membersPage(const MemberFilter &filter, const std::optional<MemberPageKey> &after, int limit);
    Result<qint64> membersCount(const MemberFilter &filter);

    /// Referral links (SPEC 4): a distributor its own only; admin and support anyone's.
    Result<QList<ReferralLink>> links(const QString &memberCode);
    Result<ReferralLink> createLink(const QString &memberCode, const QString &storeCode, const QString &vanityCode);
    Status deactivateLink(const QString &code);
    Result<QList<Store>> stores();

    /// Retail customers of a store whose email begins with `search`, by email (admin and support).
    Result<QList<RetailCustomer>> customers(const QString &storeCode, const QString &search, int limit);

    /// Orders, newest first (a distributor: those it bought or was credited with).
    Result<QList<Order>> ordersPage(const OrderFilter &filter, Id beforeId, int limit);
    /// How many of those orders there are (newer than `newerThan` when not 0), and where one of them lies: see
    /// Orders::count and Orders::idAt.
    Result<qint64> ordersCount(const OrderFilter &filter, Id newerThan = 0);
    Result<Id> orderIdAt(const OrderFilter &filter, Id from, bool older, qint64 offset);
    /// One order with its lines.
    Result<Order> order(Id id);
    Result<Order> changeOrderStatus(Id id, OrderStatus to, Timestamp at);
    /// A back-office order for a member (SPEC 3: credited to the buyer), priced by the member's tier; its external
    /// id is made here ("BO-" and a random code).
    Result<SubmittedOrder> enterOrder(const QString &memberCode, const QList<OrderLineRequest> &lines,
                                      OrderStatus status);

    /// What a back-office order for this member would cost: its tier and the products for sale.
    struct PriceList
    {
        Member member;
        QString tier;
        QList<Product> products;
    };
    Result<PriceList> priceList(const QString &memberCode);

    /// A dataset file into this database, all or nothing (admin); `progress` may cancel it.
    Result<ImportSummary> importDataset(const QString &path, const DatasetImporter::Progress &progress);
    /// The whole database as a dataset file (admin); `progress` may cancel it (no file is left then).
    Status exportDataset(const QString &path, const DatasetExporter::Progress &progress = {});

    Status changeStatus(const QString &code, MemberStatus to, const QString &reason);
    Status move(const QString &code, const QString &newSponsorCode);
    Status updateContact(const QString &code, const QString &name, const QString &email, const QString &phone,
                         const QString &country);

    /// The users of the program and their roles (admins only).
    Result<QList<User>> users();
    Result<User> addUser(const NewUser &user);
    Status setUserActive(const QString &username, bool active);
    Status resetPassword(const QString &username, const QString &password);
    Status setUserRole(const QString &username, Role role, const QString &memberCode);

    /// Who changed what and when, newest first (admins).
    Result<QList<AuditEntry>> auditPage(const AuditFilter &filter, Id beforeId, int limit);

    /// The catalog as the admin edits it: the currency, the tiers and every product with its prices (EditCatalog).
    struct CatalogData
    {
        QString currency;
        QList<PriceTier> tiers;
        QList<Product> products;
    };
    Result<CatalogData> catalog();
    Result<PriceTier> addTier(const QString &code, const QString &name);
    Result<Product> addProduct(const Product &product);
    Status updateProduct(const Product &product);
    Status setPrices(const QList<PriceEdit> &edits);
    /// The price list as a CSV file, and a CSV file's prices applied (all or nothing): how many prices it set.
    Result<QByteArray> priceListCsv();
    Result<qsizetype> importPriceList(const QByteArray &csv);

    /// Stores and their API keys (EditStores).
    Result<Store> createStore(const Store &store);
    Result<Store> updateStore(const Store &store);
    Result<QList<ApiKey>> apiKeys(const QString &storeCode);
    Result<IssuedApiKey> createApiKey(const QString &storeCode, const QString &label);
    Status revokeApiKey(const QString &idOrPrefix);

    /// The compensation plan (EditPlan); a preview of what `plan` would pay for a period, before it is saved.
    Result<CompensationPlan> plan();
    Status savePlan(const CompensationPlan &plan);
    Result<CommissionRun> previewPlan(const CompensationPlan &plan, const Period &period,
                                      const CommissionRuns::Progress &progress = {});

    /// Commission runs (RunCommissions): the periods (ViewCommissions), previews, the close, a closed run.
    Result<QList<RunPeriod>> runPeriods();
    Result<CommissionRun> previewRun(const Period &period, const CommissionRuns::Progress &progress = {});
    Result<CommissionRun> closeRun(const Period &period);
    Result<CommissionRun> closedRun(const Period &period);
    /// A member's statement (ViewCommissions; a distributor: its own only).
    Result<Statement> statement(const Period &period, const QString &memberCode);

    /// The performance dashboard of a member's downline (a distributor: its own only), or of the whole company
    /// (`memberCode` empty: admins), over the 12 months ending with `last`.
    Result<DownlineDashboard> dashboard(const QString &memberCode, const Period &last,
                                        const DownlinePerformance::Progress &progress = {});

private:
    Status checkMember(Action action, Id memberId) { return Permissions::checkMember(m_db, m_user, action, memberId); }
    /// The member whose links these are, if the user may manage them.
    Result<Member> linkOwner(const QString &memberCode);
    /// `filter` narrowed to what the user may see (a distributor: its own orders).
    Result<OrderFilter> visibleOrders(OrderFilter filter) const;
    Database &m_db;
    User m_user;
};

} // namespace mlm
