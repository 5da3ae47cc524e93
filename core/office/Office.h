#pragma once

#include "auth/ApiKeys.h"
#include "auth/Permissions.h"
#include "catalog/Catalog.h"
#include "catalog/PriceSheet.h"
#include "compensation/CommissionRuns.h"
#include "office/RunStore.h"
#include "domain/Member.h"
#include "domain/Product.h"
#include "domain/ReferralLink.h"
#include "domain/RetailCustomer.h"
#include "domain/Store.h"
#include "genealogy/Members.h"
#include "orders/Orders.h"
#include "reports/DownlinePerformance.h"
#include "storage/AuditLog.h"

#include <QList>
#include <functional>

namespace mlm {

/// The desktop program's door into core: everything a signed-in person does, with the checks of SPEC 7. Two
/// implementations give the same values and the same refusals (tests/api/tst_contract): Session, over a Database
/// the program opened itself, and RemoteOffice, over the company's mlm-server, which runs a Session of its own
/// for each request. A caller cannot tell which it has except by latency, so it calls these from a worker thread
/// (ui/SessionThread) when the answer may take long.
///
/// Members are named by their codes, orders by their ids. The top of core: nothing below includes this.
class Office
{
public:
    /// A long operation's progress; returning false cancels it (the operation then fails with "cancelled").
    using Progress = std::function<bool(const QString &stage, qint64 done, qint64 total)>;

    /// `actor`: who the audit log names; "user:NAME" unless said (mlmctl names itself).
    explicit Office(User user, std::optional<Actor> actor = std::nullopt)
        : m_user(std::move(user)), m_actor(actor.value_or(Actor{QStringLiteral("user:") + m_user.username}))
    {
    }
    virtual ~Office() = default;
    Office(const Office &) = delete;
    Office &operator=(const Office &) = delete;

    /// Who is signed in. Over the server, `id` and `createdAt` are not known (0).
    const User &user() const { return m_user; }
    const Actor &actor() const { return m_actor; }
    /// Whether the role may do this at all: for showing or hiding a screen. The check that counts is made again
    /// where the data is, on every call.
    bool can(Action action) const { return Permissions::allows(m_user.role, action) && m_user.active; }

    /// Where the network starts for this user: the company's roots, or a distributor's own member; personal
    /// volumes are those of the current month (UTC).
    virtual Result<QList<NetworkEntry>> treeRoots() = 0;
    virtual Result<Member> member(const QString &code) = 0;
    virtual Result<QList<NetworkEntry>> children(const QString &sponsorCode) = 0;
    /// Members by code, email or name prefix; a distributor finds its own downline only.
    virtual Result<QList<Member>> search(const QString &text, int limit = 50) = 0;
    /// The chain from the user's tree root down to the member (both included): how to reveal it in the tree.
    virtual Result<QList<Member>> pathTo(const QString &code) = 0;
    virtual Result<QList<StatusChange>> statusHistory(const QString &code) = 0;
    /// How many members are below each of these, at any depth (-1: joined after the tree was read), from a tree at
    /// most TreeIndex::kRecentSeconds old; at most kMaxSizesAsked codes at a time.
    virtual Result<QList<qint64>> downlineSizes(const QStringList &codes) = 0;
    static constexpr int kMaxSizesAsked = 1000;
    /// A page of the Members list (admin and support: the whole network).
    virtual Result<QList<Member>> membersPage(const MemberFilter &filter, const std::optional<MemberPageKey> &after,
                                              int limit) = 0;
    virtual Result<qint64> membersCount(const MemberFilter &filter) = 0;

    virtual Status changeStatus(const QString &code, MemberStatus to, const QString &reason) = 0;
    virtual Status move(const QString &code, const QString &newSponsorCode) = 0;
    virtual Status updateContact(const QString &code, const QString &name, const QString &email,
                                 const QString &phone, const QString &country) = 0;

    /// Referral links (SPEC 4): a distributor its own only; admin and support anyone's.
    virtual Result<QList<ReferralLink>> links(const QString &memberCode) = 0;
    virtual Result<ReferralLink> createLink(const QString &memberCode, const QString &storeCode,
                                            const QString &vanityCode) = 0;
    virtual Status deactivateLink(const QString &code) = 0;
    virtual Result<QList<Store>> stores() = 0;

    /// Retail customers of a store whose email begins with `search`, by email (admin and support).
    virtual Result<QList<RetailCustomer>> customers(const QString &storeCode, const QString &search, int limit) = 0;

    /// Orders, newest first (a distributor: those it bought or was credited with).
    virtual Result<QList<Order>> ordersPage(const OrderFilter &filter, Id beforeId, int limit) = 0;
    /// How many of those orders there are (newer than `newerThan` when not 0), and where one of them lies: see
    /// Orders::count and Orders::idAt.
    virtual Result<qint64> ordersCount(const OrderFilter &filter, Id newerThan = 0) = 0;
    virtual Result<Id> orderIdAt(const OrderFilter &filter, Id from, bool older, qint64 offset) = 0;
    /// One order with its lines.
    virtual Result<Order> order(Id id) = 0;
    virtual Result<Order> changeOrderStatus(Id id, OrderStatus to, Timestamp at) = 0;
    /// A back-office order for a member (SPEC 3: credited to the buyer), priced by the member's tier; its external
    /// id is made where it is stored ("BO-" and a random code).
    virtual Result<SubmittedOrder> enterOrder(const QString &memberCode, const QList<OrderLineRequest> &lines,
                                              OrderStatus status) = 0;

    /// What a back-office order for this member would cost: its tier and the products for sale.
    struct PriceList
    {
        Member member;
        QString tier;
        QList<Product> products;
    };
    virtual Result<PriceList> priceList(const QString &memberCode) = 0;

    /// The users of the program and their roles (admins only).
    virtual Result<QList<User>> users() = 0;
    virtual Result<User> addUser(const NewUser &user) = 0;
    virtual Status setUserActive(const QString &username, bool active) = 0;
    virtual Status resetPassword(const QString &username, const QString &password) = 0;
    virtual Status setUserRole(const QString &username, Role role, const QString &memberCode) = 0;

    /// Who changed what and when, newest first (admins).
    virtual Result<QList<AuditEntry>> auditPage(const AuditFilter &filter, Id beforeId, int limit) = 0;

    /// The catalog as the admin edits it: the currency, the tiers and every product with its prices (EditCatalog).
    struct CatalogData
    {
        QString currency;
        QList<PriceTier> tiers;
        QList<Product> products;
    };
    virtual Result<CatalogData> catalog() = 0;
    virtual Result<PriceTier> addTier(const QString &code, const QString &name) = 0;
    virtual Result<Product> addProduct(const Product &product) = 0;
    virtual Status updateProduct(const Product &product) = 0;
    virtual Status setPrices(const QList<PriceEdit> &edits) = 0;
    /// The price list as a CSV file, and a CSV file's prices applied (all or nothing): how many prices it set.
    virtual Result<QByteArray> priceListCsv() = 0;
    virtual Result<qsizetype> importPriceList(const QByteArray &csv) = 0;

    /// Stores and their API keys (EditStores).
    virtual Result<Store> createStore(const Store &store) = 0;
    virtual Result<Store> updateStore(const Store &store) = 0;
    virtual Result<QList<ApiKey>> apiKeys(const QString &storeCode) = 0;
    virtual Result<IssuedApiKey> createApiKey(const QString &storeCode, const QString &label) = 0;
    virtual Status revokeApiKey(const QString &idOrPrefix) = 0;

    /// The compensation plan (EditPlan); a preview of what `plan` would pay for a period, before it is saved (its
    /// totals; its members are not kept).
    virtual Result<CompensationPlan> plan() = 0;
    virtual Status savePlan(const CompensationPlan &plan) = 0;
    virtual Result<RunOverview> previewPlan(const CompensationPlan &plan, const Period &period,
                                            const Progress &progress = {}) = 0;

    /// Commission runs (RunCommissions): the periods (ViewCommissions), previews, the close, a closed run. Each
    /// gives the run's overview; its members are read a page at a time (runMembers, by code), from where the run
    /// was computed.
    virtual Result<QList<RunPeriod>> runPeriods() = 0;
    virtual Result<RunOverview> previewRun(const Period &period, const Progress &progress = {}) = 0;
    virtual Result<RunOverview> closeRun(const Period &period, const Progress &progress = {}) = 0;
    virtual Result<RunOverview> closedRun(const Period &period) = 0;
    /// Members [offset, offset + limit) of a run this user was given (limit up to RunStore::kMaxPage).
    virtual Result<QList<MemberCommission>> runMembers(const QString &runId, qsizetype offset, int limit) = 0;
    /// A closed period's payout file (CommissionReport::payoutCsv).
    virtual Result<QByteArray> payoutCsv(const Period &period) = 0;
    /// The whole run of an overview, read page by page.
    Result<CommissionRun> wholeRun(const RunOverview &overview);
    /// A member's statement (ViewCommissions; a distributor: its own only), with its lines from `offset` on,
    /// `limit` of them (negative: all).
    virtual Result<Statement> statement(const Period &period, const QString &memberCode, qint64 offset = 0,
                                        qint64 limit = -1) = 0;

    /// The performance dashboard of a member's downline (a distributor: its own only), or of the whole company
    /// (`memberCode` empty: admins), over the 12 months ending with `last`.
    virtual Result<DownlineDashboard> dashboard(const QString &memberCode, const Period &last,
                                                const Progress &progress = {}) = 0;

protected:
    User m_user;
    Actor m_actor;
};

} // namespace mlm
