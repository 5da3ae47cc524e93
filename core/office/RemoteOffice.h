#pragma once

#include "Office.h"
#include "ServerConnection.h"

#include <QUrlQuery>
#include <memory>

namespace mlm {

class JsonWriter;

namespace officejson {
class JsonIn;
}

/// The Office of a person signed in to the company's mlm-server (SPEC 9): each call is one request of the office
/// API, answered by a Session on the server, read back with the same officejson readers the server wrote with,
/// and refused with the ErrorCode the server's Session gave. No database credentials are held here, only the
/// session token (in memory, never written anywhere).
///
/// It waits for the server on the calling thread; one RemoteOffice serves one thread at a time, and `another()`
/// gives a second one (its own connection, the same sign-in) for a worker thread.
class RemoteOffice final : public Office
{
    Q_DECLARE_TR_FUNCTIONS(RemoteOffice)

public:
    /// Signs in (POST /api/v1/session). Unauthenticated for a wrong name or password, Throttled after too many.
    static Result<std::unique_ptr<RemoteOffice>> signIn(const ServerAddress &server, const QString &username,
                                                        const QString &password);
    ~RemoteOffice() override;

    /// The same sign-in over a connection of its own.
    std::unique_ptr<RemoteOffice> another() const;
    const ServerAddress &server() const { return m_connection->address(); }
    Timestamp expiresAt() const { return m_expiresAt; }
    /// Ends the session on the server; every RemoteOffice of this sign-in is signed out with it.
    Status signOut();
    /// Signs in again with the same user name after the server ended the session (12 idle hours, a restart that
    /// lost it): every RemoteOffice of this sign-in goes on with the new token.
    Status renew(const QString &password);
    /// One's own password; the server ends every session of the user and this one continues with a new token.
    Status changePassword(const QString &oldPassword, const QString &newPassword);
    /// How long one request may take (60 s unless set).
    void setTimeout(int milliseconds) { m_connection->setTimeout(milliseconds); }

    Result<QList<NetworkEntry>> treeRoots() override;
    Result<Member> member(const QString &code) override;
    Result<QList<NetworkEntry>> children(const QString &sponsorCode) override;
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
    struct SharedToken;
    RemoteOffice(ServerAddress server, User user, std::shared_ptr<SharedToken> token, Timestamp expiresAt);

    /// One request; the answer's JSON object, or the error it carried.
    Result<officejson::JsonIn> call(const QByteArray &method, const QString &path, const QUrlQuery &query = {},
                                    const QByteArray &body = {});
    template <typename T> Result<T> one(const QByteArray &method, const QString &path, const QUrlQuery &query = {},
                                        const QByteArray &body = {});
    template <typename T> Result<QList<T>> list(const char *name, const QString &path, const QUrlQuery &query = {});
    Result<qint64> number(const char *name, const QString &path, const QUrlQuery &query);
    /// A CSV file the server sends as {"csv": "..."}.
    Result<QByteArray> csv(const QString &path);
    Status done(const QByteArray &method, const QString &path, const QByteArray &body = {});
    /// A long operation as a job on the server (POST jobs with `fields`), asked after until it ends, its progress
    /// passed on; when `progress` says stop, the job is cancelled and its end awaited.
    template <typename T>
    Result<T> job(const std::function<void(JsonWriter &)> &fields, const Progress &progress);

    std::unique_ptr<ServerConnection> m_connection;
    /// Shared with another(): a changed password's new token reaches them all.
    std::shared_ptr<SharedToken> m_token;
    Timestamp m_expiresAt = 0;
};

} // namespace mlm
