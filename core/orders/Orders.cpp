#include "Orders.h"

#include "OrderVolumes.h"

#include "compensation/CommissionRuns.h"

#include "catalog/Catalog.h"
#include "domain/Attribution.h"
#include "domain/Pricing.h"
#include "genealogy/Members.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/SqlValues.h"
#include "storage/TransactionGuard.h"
#include "stores/Stores.h"

#include <QSqlQuery>

namespace mlm {

namespace {

constexpr int kMaxLines = 500;
constexpr int kMaxExternalId = 128;

/// The same order again: same buyer and the same lines (sku, qty, and unit price where one was given).
bool sameContent(const Order &existing, const NewOrder &request)
{
    const bool sameBuyer =
        request.buyerMemberCode.isEmpty()
            ? existing.buyerCustomerEmail.compare(request.buyerCustomerEmail, Qt::CaseInsensitive) == 0
            : existing.buyerMemberCode.compare(request.buyerMemberCode, Qt::CaseInsensitive) == 0;
    if (!sameBuyer || existing.lines.size() != request.lines.size())
        return false;
    for (qsizetype i = 0; i < existing.lines.size(); ++i) {
        const OrderLine &a = existing.lines.at(i);
        const OrderLineRequest &b = request.lines.at(i);
        if (a.sku != b.sku || a.qty != b.qty || (b.unitPrice && *b.unitPrice != a.unitPrice))
            return false;
    }
    return true;
}

} // namespace

Result<Id> Orders::storeIdOf(const QString &storeCode)
{
    if (isBackOffice(storeCode))
        return Id(0);
    auto s = Stores(m_db, m_cache).store(storeCode);
    if (!s)
        return s.error();
    return s->id;
}

namespace {

const QString kOrderSelect =
    QStringLiteral("SELECT o.id, o.store_id, s.code, o.external_id, o.buyer_member_id, bm.code, o.buyer_customer_id, "
                   "c.email, o.credited_member_id, cm.code, t.code, o.total_price, o.total_pv, o.total_bv, o.status, "
                   "o.created_at, o.paid_at, o.cancelled_at, o.refunded_at, o.created_by FROM orders o "
                   "LEFT JOIN stores s ON s.id = o.store_id LEFT JOIN members bm ON bm.id = o.buyer_member_id "
                   "LEFT JOIN retail_customers c ON c.id = o.buyer_customer_id "
                   "LEFT JOIN members cm ON cm.id = o.credited_member_id JOIN price_tiers t ON t.id = o.tier_id");

/// An order's header from a row of kOrderSelect (its lines are read apart).
Order orderFromRow(const QSqlQuery &row)
{
    Order o;
    o.id = row.value(0).toLongLong();
    o.storeId = row.value(1).toLongLong();
    o.storeCode = row.value(2).toString();
    o.externalId = row.value(3).toString();
    o.buyerMemberId = row.value(4).toLongLong();
    o.buyerMemberCode = row.value(5).toString();
    o.buyerCustomerId = row.value(6).toLongLong();
    o.buyerCustomerEmail = row.value(7).toString();
    o.creditedMemberId = row.value(8).toLongLong();
    o.creditedMemberCode = row.value(9).toString();
    o.tier = row.value(10).toString();
    o.totalPrice = row.value(11).toLongLong();
    o.totalPv = row.value(12).toLongLong();
    o.totalBv = row.value(13).toLongLong();
    o.status = orderStatusFromString(row.value(14).toString()).value_or(OrderStatus::Pending);
    o.createdAt = row.value(15).toLongLong();
    o.paidAt = sql::optionalTime(row.value(16));
    o.cancelledAt = sql::optionalTime(row.value(17));
    o.refundedAt = sql::optionalTime(row.value(18));
    o.createdBy = row.value(19).toString();
    return o;
}

} // namespace

Result<Order> Orders::load(const QString &where, const QVariantList &values)
{
    auto q = m_db.exec(kOrderSelect + QStringLiteral(" WHERE ") + where, values);
    if (!q)
        return q.error();
    if (!q->next())
        return makeError(ErrorCode::NotFound, tr("no such order"));
    Order o = orderFromRow(q.value());
    auto lines = m_db.exec(QStringLiteral("SELECT p.sku, l.product_id, l.qty, l.unit_price, l.distributor_price, l.pv, "
                                          "l.bv, p.name FROM order_lines l JOIN products p ON p.id = l.product_id "
                                          "WHERE l.order_id = ? ORDER BY l.line_no"),
                           {o.id});
    if (!lines)
        return lines.error();
    while (lines->next()) {
        o.lines.append({lines->value(0).toString(), lines->value(1).toLongLong(), lines->value(2).toLongLong(),
                        lines->value(3).toLongLong(), lines->value(4).toLongLong(), lines->value(5).toLongLong(),
                        lines->value(6).toLongLong(), lines->value(7).toString()});
    }
    return o;
}

Result<QString> Orders::whereOf(const OrderFilter &filter, const QString &idTest, Id id, QVariantList &values)
{
    QStringList where;
    if (filter.storeCode) {
        auto storeId = storeIdOf(*filter.storeCode);
        if (!storeId)
            return storeId.error();
        where << QStringLiteral("COALESCE(o.store_id, 0) = ?");
        values << storeId.value();
    }
    if (filter.status) {
        where << QStringLiteral("o.status = ?");
        values << toText(*filter.status);
    }
    if (filter.memberId != 0) {
        where << QStringLiteral("(o.buyer_member_id = ? OR o.credited_member_id = ?)");
        values << filter.memberId << filter.memberId;
    }
    if (id != 0) {
        where << QStringLiteral("o.id %1 ?").arg(idTest);
        values << id;
    }
    // No WHERE at all when nothing is asked: SQLite counts a whole table from its b-tree pages only then (57 ms
    // instead of 500 for 10M orders).
    return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
}

Result<QList<Order>> Orders::page(const OrderFilter &filter, Id beforeId, int limit)
{
    QVariantList values;
    auto where = whereOf(filter, QStringLiteral("<"), beforeId, values);
    if (!where)
        return where.error();
    auto q =
        m_db.exec(kOrderSelect + where.value() + QStringLiteral(" ORDER BY o.id DESC LIMIT %1").arg(limit), values);
    if (!q)
        return q.error();
    QList<Order> orders;
    while (q->next())
        orders.append(orderFromRow(q.value()));
    return orders;
}

Result<qint64> Orders::count(const OrderFilter &filter, Id newerThan)
{
    QVariantList values;
    auto where = whereOf(filter, QStringLiteral(">"), newerThan, values);
    if (!where)
        return where.error();
    auto q = m_db.exec(QStringLiteral("SELECT COUNT(*) FROM orders o") + where.value(), values);
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

Result<Id> Orders::idAt(const OrderFilter &filter, Id from, bool older, qint64 offset)
{
    QVariantList values;
    auto where = whereOf(filter, older ? QStringLiteral("<") : QStringLiteral(">"), from, values);
    if (!where)
        return where.error();
    // Only the ids are stepped over: the joins of the headers are made for the page that follows, not for the
    // orders skipped on the way to it.
    auto q = m_db.exec(QStringLiteral("SELECT o.id FROM orders o%1 ORDER BY o.id %2 LIMIT 1 OFFSET %3")
                           .arg(where.value(), older ? QStringLiteral("DESC") : QStringLiteral("ASC"))
                           .arg(offset),
                       values);
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : Id(0);
}

Result<Order> Orders::byId(Id id)
{
    return load(QStringLiteral("o.id = ?"), {id});
}

Result<Order> Orders::find(const QString &storeCode, const QString &externalId)
{
    auto storeId = storeIdOf(storeCode);
    if (!storeId)
        return storeId.error();
    auto found =
        load(QStringLiteral("COALESCE(o.store_id, 0) = ? AND o.external_id = ?"), {storeId.value(), externalId});
    if (!found && found.error().code == ErrorCode::NotFound)
        return makeError(
            ErrorCode::NotFound,
            tr("no order '%1' in %2")
                .arg(externalId, isBackOffice(storeCode) ? tr("the back office") : tr("store %1").arg(storeCode)));
    return found;
}

Result<SubmittedOrder> Orders::submit(const NewOrder &request, const Actor &actor)
{
    auto first = submitOnce(request, actor);
    // Two submissions of one new order at the same time: the unique (store, external id) lets one insert win; the
    // other, tried again, finds the winner's order as if it had come second.
    if (!first && first.error().code == ErrorCode::AlreadyExists && !m_db.inTransaction())
        return submitOnce(request, actor);
    return first;
}

Result<SubmittedOrder> Orders::submitOnce(const NewOrder &request, const Actor &actor)
{
    if (request.externalId.trimmed().isEmpty() || request.externalId.size() > kMaxExternalId)
        return makeError(ErrorCode::InvalidArgument,
                         tr("an order needs an external id of 1-%1 characters").arg(kMaxExternalId));
    if (request.buyerMemberCode.isEmpty() == request.buyerCustomerEmail.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("an order needs exactly one buyer: a member or a customer"));
    if (request.lines.isEmpty() || request.lines.size() > kMaxLines)
        return makeError(ErrorCode::InvalidArgument, tr("an order needs 1-%1 lines").arg(kMaxLines));
    if (request.status != OrderStatus::Pending && request.status != OrderStatus::Paid)
        return makeError(ErrorCode::InvalidArgument,
                         tr("a new order is pending or paid, not %1").arg(toText(request.status)));

    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    std::optional<Store> store;
    if (!isBackOffice(request.storeCode)) {
        auto s = Stores(m_db, m_cache).store(request.storeCode);
        if (!s)
            return s.error();
        store = s.value();
    }
    // Idempotency: a cheap probe on the unique index first; the whole order is read only when it exists.
    Id existingId = 0;
    {
        auto probe =
            m_db.execReused(QStringLiteral("SELECT id FROM orders WHERE COALESCE(store_id, 0) = ? AND external_id = ?"),
                            {store ? store->id : Id(0), request.externalId});
        if (!probe)
            return probe.error();
        if (probe.value()->next())
            existingId = probe.value()->value(0).toLongLong();
    }
    if (existingId != 0) {
        auto existing = byId(existingId);
        if (!existing)
            return existing.error();
        if (!sameContent(existing.value(), request))
            return makeError(ErrorCode::Conflict,
                             tr("order '%1' exists already with a different content").arg(request.externalId));
        return SubmittedOrder{existing.value(), false};
    }

    // Times are checked for a new order only: an order sent again is answered as it was stored.
    if (request.createdAt)
        MLM_TRY(checkTime("created_at", *request.createdAt, false));
    if (request.status == OrderStatus::Paid)
        MLM_TRY(checkTime("paid_at", request.paidAt.value_or(request.createdAt.value_or(nowUtc())), true));

    Order order;
    order.storeId = store ? store->id : 0;
    order.storeCode = store ? store->code : QString();
    order.externalId = request.externalId;
    std::optional<MemberStatus> buyerStatus;
    Id customerOwner = 0;
    QString customerOwnerCode;
    if (!request.buyerMemberCode.isEmpty()) {
        auto buyer = Members(m_db).refByCode(request.buyerMemberCode);
        if (!buyer)
            return buyer.error();
        order.buyerMemberId = buyer->id;
        order.buyerMemberCode = buyer->code;
        buyerStatus = buyer->status;
    } else {
        if (!store)
            return makeError(ErrorCode::InvalidArgument,
                             tr("a back-office order is bought by a member, not a customer"));
        auto customer = Stores(m_db, m_cache).customer(store->id, request.buyerCustomerEmail);
        if (!customer)
            return customer.error();
        if (!customer.value())
            return makeError(ErrorCode::NotFound,
                             tr("no customer %1 in store %2").arg(request.buyerCustomerEmail, store->code));
        order.buyerCustomerId = customer.value()->id;
        order.buyerCustomerEmail = customer.value()->email;
        customerOwner = customer.value()->ownerId;
        customerOwnerCode = customer.value()->ownerCode;
    }
    const std::optional<StoreScenario> scenario = store ? std::optional(store->scenario) : std::nullopt;
    auto tier =
        Pricing::buyerTier(buyerStatus, Pricing::storePinnedTier(scenario, store ? store->pinnedTier : QString()));
    if (!tier)
        return tier.error().prefixed(tr("buyer %1").arg(request.buyerMemberCode));
    order.tier = tier.value();
    auto tierRow = Catalog(m_db, m_cache).tier(order.tier);
    if (!tierRow)
        return tierRow.error();

    for (qsizetype i = 0; i < request.lines.size(); ++i) {
        const OrderLineRequest &wanted = request.lines.at(i);
        auto product = Catalog(m_db, m_cache).product(wanted.sku);
        if (!product)
            return product.error().prefixed(tr("line %1").arg(i + 1));
        if (!product->active)
            return makeError(ErrorCode::FailedPrecondition,
                             tr("line %1: product %2 is not for sale").arg(i + 1).arg(wanted.sku));
        auto line = Pricing::priceLine(product.value(), order.tier, wanted.qty, wanted.unitPrice);
        if (!line)
            return line.error().prefixed(tr("line %1").arg(i + 1));
        order.lines.append(line.value());
    }
    MLM_TRY(Pricing::computeTotals(order));
    order.creditedMemberId = Attribution::creditedMember(scenario, order.buyerMemberId, customerOwner);
    order.creditedMemberCode = order.creditedMemberId == 0                     ? QString()
                               : order.creditedMemberId == order.buyerMemberId ? order.buyerMemberCode
                                                                               : customerOwnerCode;
    order.status = request.status;
    order.createdAt = request.createdAt.value_or(nowUtc());
    order.createdBy = actor.name;
    if (order.status == OrderStatus::Paid)
        order.paidAt = request.paidAt.value_or(order.createdAt);

    {
        auto inserted = m_db.execReused(
            QStringLiteral(
                "INSERT INTO orders (store_id, external_id, buyer_member_id, buyer_customer_id, credited_member_id, "
                "tier_id, total_price, total_pv, total_bv, status, created_at, paid_at, created_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            {sql::idOrNull(order.storeId), order.externalId, sql::idOrNull(order.buyerMemberId),
             sql::idOrNull(order.buyerCustomerId), sql::idOrNull(order.creditedMemberId), tierRow->id, order.totalPrice,
             order.totalPv, order.totalBv, toText(order.status), order.createdAt, sql::timeOrNull(order.paidAt),
             order.createdBy});
        if (!inserted)
            return inserted.error();
        if (!inserted.value()->next())
            return makeError(ErrorCode::Storage, tr("the new order's id was not returned"));
        order.id = inserted.value()->value(0).toLongLong();
    } // the statement is reset here: nothing may be in progress at the commit
    for (qsizetype i = 0; i < order.lines.size(); ++i) {
        const OrderLine &l = order.lines.at(i);
        MLM_TRY(
            m_db.execReused(QStringLiteral("INSERT INTO order_lines (order_id, line_no, product_id, qty, "
                                           "unit_price, distributor_price, pv, bv) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                            {order.id, i + 1, l.productId, l.qty, l.unitPrice, l.distributorPrice, l.pv, l.bv}));
    }
    if (order.paidAt)
        MLM_TRY(OrderVolumes::add(m_db, order.creditedMemberId, *order.paidAt, order.totalPv));
    // An order a person enters in the back office is audited; a store's orders are its own record (and come by the
    // thousand a second).
    if (!store)
        MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("order.enter"), QStringLiteral("order"), order.id,
                                 {{QStringLiteral("external_id"), order.externalId},
                                  {QStringLiteral("member"), order.buyerMemberCode},
                                  {QStringLiteral("total"), qint64(order.totalPrice)},
                                  {QStringLiteral("status"), toText(order.status)}}));
    MLM_TRY(tx.commit());
    return SubmittedOrder{order, true}; // as stored: read back, it is equal (tests compare the two)
}

Status Orders::checkTime(const char *what, Timestamp at, bool payment)
{
    static const Timestamp earliest = *parseIsoTimestamp(u"2000-01-01T00:00:00Z");
    const Timestamp latest = nowUtc() + 86400;
    if (at < earliest || at > latest)
        return makeError(ErrorCode::InvalidArgument, tr("%1 %2 is out of range: from 2000-01-01 to a day from now")
                                                         .arg(QLatin1StringView(what), formatIsoTimestamp(at)));
    if (payment) {
        const Period period = Period::containing(at);
        auto closed = CommissionRuns(m_db).isClosed(period);
        if (!closed)
            return closed.error();
        if (closed.value())
            return makeError(ErrorCode::FailedPrecondition,
                             tr("%1 %2 is in %3, a period whose commissions are closed: a payment there would never "
                                "count; send the time it is entered")
                                 .arg(QLatin1StringView(what), formatIsoTimestamp(at), period.toString()));
    }
    return {};
}

Result<Order> Orders::changeStatus(const QString &storeCode, const QString &externalId, OrderStatus to, Timestamp at,
                                   const Actor &actor)
{
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto order = find(storeCode, externalId);
    if (!order)
        return order.error();
    if (!isAllowedOrderTransition(order->status, to))
        return makeError(
            ErrorCode::Conflict,
            tr("order '%1' is %2 and cannot become %3").arg(externalId, toText(order->status), toText(to)));
    MLM_TRY(checkTime(to == OrderStatus::Paid        ? "paid_at"
                      : to == OrderStatus::Cancelled ? "cancelled_at"
                                                     : "refunded_at",
                      at, to == OrderStatus::Paid));
    if (to == OrderStatus::Refunded && order->paidAt && at < *order->paidAt)
        return makeError(ErrorCode::InvalidArgument,
                         tr("order '%1' cannot be refunded at %2, before it was paid (%3)")
                             .arg(externalId, formatIsoTimestamp(at), formatIsoTimestamp(*order->paidAt)));
    const QString column = to == OrderStatus::Paid        ? QStringLiteral("paid_at")
                           : to == OrderStatus::Cancelled ? QStringLiteral("cancelled_at")
                                                          : QStringLiteral("refunded_at");
    // The status in the WHERE clause makes a concurrent change of the same order fail instead of being lost.
    auto q = m_db.exec(QStringLiteral("UPDATE orders SET status = ?, %1 = ? WHERE id = ? AND status = ?").arg(column),
                       {toText(to), at, order->id, toText(order->status)});
    if (!q)
        return q.error();
    if (q->numRowsAffected() != 1)
        return makeError(ErrorCode::Conflict, tr("order '%1' was changed by someone else; try again").arg(externalId));
    // The member's month volume follows the order's being paid (by the month of the payment).
    if (to == OrderStatus::Paid)
        MLM_TRY(OrderVolumes::add(m_db, order->creditedMemberId, at, order->totalPv));
    else if (order->status == OrderStatus::Paid && order->paidAt)
        MLM_TRY(OrderVolumes::add(m_db, order->creditedMemberId, *order->paidAt, -order->totalPv));
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("order.status"), QStringLiteral("order"), order->id,
                             {{QStringLiteral("external_id"), externalId},
                              {QStringLiteral("from"), toText(order->status)},
                              {QStringLiteral("to"), toText(to)},
                              {QStringLiteral("at"), formatIsoTimestamp(at)}}));
    MLM_TRY(tx.commit());
    return byId(order->id);
}

} // namespace mlm
