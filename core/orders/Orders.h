#pragma once

#include "domain/Actor.h"
#include "domain/Order.h"
#include "domain/Result.h"

#include <QCoreApplication>

#include <optional>

namespace mlm {

class ReferenceCache;

class Database;

/// One requested line of a new order.
struct OrderLineRequest
{
    QString sku;
    qint64 qty = 0;
    std::optional<Money> unitPrice; ///< only imports of history set it; otherwise the catalog decides
};

/// An order as a store or the back office submits it.
struct NewOrder
{
    QString storeCode; ///< empty (or "-") for the back office
    QString externalId;
    QString buyerMemberCode;    ///< either this
    QString buyerCustomerEmail; ///< or this (a retail customer of the store)
    QList<OrderLineRequest> lines;
    OrderStatus status = OrderStatus::Pending; ///< pending or paid
    std::optional<Timestamp> paidAt;           ///< for paid; now when empty
    std::optional<Timestamp> createdAt;        ///< now when empty
};

/// The answer of a submission: the order, and whether this call created it (false for an idempotent repeat).
struct SubmittedOrder
{
    Order order;
    bool created = false;
};

/// Which orders a list shows (newest first).
struct OrderFilter
{
    std::optional<QString> storeCode; ///< "-" for the back office; none for all
    std::optional<OrderStatus> status;
    Id memberId = 0; ///< orders this member bought or was credited with
};

/// Orders: creation with attribution and price snapshots, idempotency, the status lifecycle, refunds.
class Orders
{
    Q_DECLARE_TR_FUNCTIONS(Orders)
public:
    /// `cache`: the store API's reference data in memory (ReferenceCache), read instead of the tables; none
    /// elsewhere.
    explicit Orders(Database &db, const ReferenceCache *cache = nullptr) : m_db(db), m_cache(cache) {}

    /// Creates the order, or returns the existing one with the same (store, external_id) when the content is the
    /// same; a different content under the same id is a Conflict.
    Result<SubmittedOrder> submit(const NewOrder &request, const Actor &actor);
    Result<Order> find(const QString &storeCode, const QString &externalId);
    Result<Order> byId(Id id);
    /// Up to `limit` order headers (no lines) older than `beforeId` (0: from the newest), newest first.
    Result<QList<Order>> page(const OrderFilter &filter, Id beforeId, int limit);
    /// How many orders the filter keeps; only those newer than `newerThan` when it is not 0.
    Result<qint64> count(const OrderFilter &filter, Id newerThan = 0);
    /// The id of the order `offset` places past order `from` (not counted) towards the older orders (`older`) or
    /// the newer ones, among those the filter keeps; `from` 0 starts at the newest (or the oldest) end. 0: none.
    Result<Id> idAt(const OrderFilter &filter, Id from, bool older, qint64 offset);
    /// Moves an order along pending -> paid | cancelled, paid -> refunded, at time `at`.
    Result<Order> changeStatus(const QString &storeCode, const QString &externalId, OrderStatus to, Timestamp at,
                               const Actor &actor);
    Result<Order> refund(const QString &storeCode, const QString &externalId, Timestamp at, const Actor &actor)
    {
        return changeStatus(storeCode, externalId, OrderStatus::Refunded, at, actor);
    }

    static bool isBackOffice(const QString &storeCode) { return storeCode.isEmpty() || storeCode == u'-'; }

    /// The rule for an order's times, from a store or the back office (imports are history and keep theirs): from
    /// 2000-01-01 to one day after now (clocks differ a little), and a payment never in a closed period, where it
    /// could never count (the store sends it again with the time it is entered). `what` names the field.
    Status checkTime(const char *what, Timestamp at, bool payment);

private:
    Result<SubmittedOrder> submitOnce(const NewOrder &request, const Actor &actor);
    Result<Id> storeIdOf(const QString &storeCode);
    Result<Order> load(const QString &where, const QVariantList &values);
    /// The WHERE clause (or nothing) of `filter` over `orders o`, and of `o.id <idTest> id` unless `id` is 0; its
    /// values appended to `values`.
    Result<QString> whereOf(const OrderFilter &filter, const QString &idTest, Id id, QVariantList &values);

    Database &m_db;
    const ReferenceCache *m_cache;
};

} // namespace mlm
