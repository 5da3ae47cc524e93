#pragma once

#include "Office.h"
#include "catalog/PriceSheet.h"
#include "dataset/DatasetExporter.h"
#include "dataset/DatasetImporter.h"
#include "genealogy/TreeIndex.h"

namespace mlm {

/// The Office of a person at a database the program opened itself (a SQLite file, or an admin's PostgreSQL), and
/// what mlm-server runs for each request of the office API: the permission of SPEC 7 is checked before each
/// operation, so a distributor asking for a member outside its downline gets a PermissionDenied error whatever the
/// screen shows.
class Session final : public Office
{
    Q_DECLARE_TR_FUNCTIONS(Session)

public:
    Session(Database &db, User user, std::optional<Actor> actor = std::nullopt)
        : Office(std::move(user), std::move(actor)), m_db(db)
    {
    }
    /// A Session over a connection of its own (a worker thread's), closed with it.
    Session(std::unique_ptr<Database> db, User user)
        : Office(std::move(user)), m_owned(std::move(db)), m_db(*m_owned)
    {
    }

    Database &database() { return m_db; }

    Result<QList<NetworkEntry>> treeRoots() override;
    Result<Member> member(const QString &code) override;
    Result<QList<NetworkEntry>> children(const QString &sponsorCode) override;
    /// The whole tree's index (downline sizes) for the network view; a distributor sees only its part of it.
    Result<TreeIndex> treeIndex();
    Result<QList<Member>> search(const QString &text, int limit = 50) override;
    Result<QList<Member>> pathTo(const QString &code) override;
    Result<QList<StatusChange>> statusHistory(const QString &code) override;
    Result<QList<qint64>> downlineSizes(const QStringList &codes) override;
    Result<QList<Member>> membersPage(const MemberFilter &filter, const std::optional<MemberPageKey> &after,
                                      int limit) override;
    Result<qint64> membersCount(const MemberFilter &filter) override;

    Status changeStatus(const QString &code, MemberStatus to, const QString &reason) override;
    Status move(const QString &code, const QString &newSponsorCode) override;
    Status updateContact(const QString &code, const QString &name, const QString &email, const QString &phone,
                         const QString &country) override;

    Result<QList<ReferralLink>> links(const QString &memberCode) override;
    Result<ReferralLink> createLink(const QString &memberCode, const QString &storeCode,
                                    const QString &vanityCode) override;
    Status deactivateLink(const QString &code) override;
    Result<QList<Store>> stores() override;

    Result<QList<RetailCustomer>> customers(const QString &storeCode, const QString &search, int limit) override;

    Result<QList<Order>> ordersPage(const OrderFilter &filter, Id beforeId, int limit) override;
    Result<qint64> ordersCount(const OrderFilter &filter, Id newerThan = 0) override;
    Result<Id> orderIdAt(const OrderFilter &filter, Id from, bool older, qint64 offset) override;
    Result<Order> order(Id id) override;
    Result<Order> changeOrderStatus(Id id, OrderStatus to, Timestamp at) override;
    Result<SubmittedOrder> enterOrder(const QString &memberCode, const QList<OrderLineRequest> &lines,
                                      OrderStatus status) override;
    Result<PriceList> priceList(const QString &memberCode) override;

    /// A dataset file into this database, all or nothing (admin); `progress` may cancel it. Only at the database
    /// itself: the company server refuses it.
    Result<ImportSummary> importDataset(const QString &path, const DatasetImporter::Progress &progress);
    Result<ImportSummary> importDataset(const QByteArray &json, const DatasetImporter::Progress &progress);
    /// The whole database as a dataset file (admin); `progress` may cancel it (no file is left then).
    Status exportDataset(const QString &path, const DatasetExporter::Progress &progress = {});
    Status exportDataset(QIODevice &out);

    Result<QList<User>> users() override;
    Result<User> addUser(const NewUser &user) override;
    Status setUserActive(const QString &username, bool active) override;
    Status resetPassword(const QString &username, const QString &password) override;
    Status setUserRole(const QString &username, Role role, const QString &memberCode) override;

    Result<QList<AuditEntry>> auditPage(const AuditFilter &filter, Id beforeId, int limit) override;

    Result<CatalogData> catalog() override;
    Result<PriceTier> addTier(const QString &code, const QString &name) override;
    Result<Product> addProduct(const Product &product) override;
    Status updateProduct(const Product &product) override;
    Status setPrices(const QList<PriceEdit> &edits) override;
    Result<QByteArray> priceListCsv() override;
    Result<qsizetype> importPriceList(const QByteArray &csv) override;

    Result<Store> createStore(const Store &store) override;
    Result<Store> updateStore(const Store &store) override;
    Result<QList<ApiKey>> apiKeys(const QString &storeCode) override;
    Result<IssuedApiKey> createApiKey(const QString &storeCode, const QString &label) override;
    Status revokeApiKey(const QString &idOrPrefix) override;

    Result<CompensationPlan> plan() override;
    Status savePlan(const CompensationPlan &plan) override;
    Result<RunOverview> previewPlan(const CompensationPlan &plan, const Period &period,
                                      const Progress &progress = {}) override;

    Result<QList<RunPeriod>> runPeriods() override;
    Result<RunOverview> previewRun(const Period &period, const Progress &progress = {}) override;
    Result<RunOverview> closeRun(const Period &period, const Progress &progress = {}) override;
    Result<RunOverview> closedRun(const Period &period) override;
    Result<QList<MemberCommission>> runMembers(const QString &runId, qsizetype offset, int limit) override;
    Result<QByteArray> payoutCsv(const Period &period) override;
    Result<Statement> statement(const Period &period, const QString &memberCode, qint64 offset = 0,
                                qint64 limit = -1) override;

    Result<DownlineDashboard> dashboard(const QString &memberCode, const Period &last,
                                        const Progress &progress = {}) override;

private:
    /// Keeps a computed run for its pages and gives its overview.
    Result<RunOverview> kept(Result<CommissionRun> run);
    Status checkMember(Action action, Id memberId) { return Permissions::checkMember(m_db, m_user, action, memberId); }
    /// The member of this code, if the user may do `action` for it.
    Result<Member> memberFor(Action action, const QString &code);
    std::unique_ptr<Database> m_owned;
    Database &m_db;
};

} // namespace mlm
