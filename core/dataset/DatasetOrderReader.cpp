// DatasetReader::readOrder: the orders section, kept apart because it is the largest rule set of the file.
#include "DatasetReader.h"

#include "JsonFields.h"
#include "domain/Attribution.h"
#include "domain/Codes.h"
#include "domain/Pricing.h"

namespace mlm::dataset {

namespace {
constexpr qsizetype kMaxLines = 500;
constexpr qint64 kMaxAmount = 1'000'000'000'000LL;
} // namespace

Result<OrderRecord> DatasetReader::readOrder(json::Value value, qsizetype index)
{
    auto f = JsonFields::of(value, Location{nullptr, "orders", index});
    if (!f)
        return f.error();
    OrderRecord r;
    Order &o = r.order;
    const json::Value externalId = f->raw("external_id");
    if (externalId.isString())
        o.externalId = externalId.toString();
    else if (const auto number = externalId.toInteger())
        o.externalId = QString::number(*number);
    if (o.externalId.trimmed().isEmpty() || o.externalId.size() > 128)
        return f->error(tr("'external_id' is required: a string of 1-128 characters"));
    f->label("external_id", o.externalId);

    auto storeCode = f->string("store", false, 32);
    if (!storeCode)
        return storeCode.error();
    const StoreRecord *store = nullptr;
    if (!storeCode->isEmpty()) {
        const auto s = m_c.storeByCode.constFind(codes::key(storeCode.value()));
        if (s == m_c.storeByCode.constEnd())
            return f->error(ErrorCode::NotFound, tr("store '%1' does not exist").arg(storeCode.value()));
        store = &m_c.stores.at(*s);
        r.storeId = store->id;
    }
    r.externalId = o.externalId;
    const qsizetype known = m_c.orderKeys.size();
    m_c.orderKeys.insert(orderKey(r.storeId, o.externalId));
    if (m_c.orderKeys.size() == known)
        return f->error(ErrorCode::AlreadyExists,
                        tr("duplicate external_id '%1' in %2")
                            .arg(o.externalId, store ? tr("store '%1'").arg(store->code) : tr("the back office")));

    // The buyer: a member, or a retail customer of the order's store.
    auto buyer = JsonFields::of(f->raw("buyer"), f->child(".buyer"));
    if (!buyer)
        return buyer.error();
    auto buyerMember = buyer->string("member", false, 32);
    auto buyerCustomer = buyer->string("customer", false, 254);
    if (!buyerMember)
        return buyerMember.error();
    if (!buyerCustomer)
        return buyerCustomer.error();
    if (buyerMember->isEmpty() == buyerCustomer->isEmpty())
        return buyer->error(tr("give exactly one of 'member' and 'customer'"));
    std::optional<MemberStatus> buyerStatus;
    Id customerOwner = 0;
    if (!buyerMember->isEmpty()) {
        const auto m = m_c.memberByKey.constFind(codes::key(buyerMember.value()));
        if (m == m_c.memberByKey.constEnd())
            return buyer->error(ErrorCode::NotFound, tr("member '%1' does not exist").arg(buyerMember.value()));
        r.buyerMemberId = m_c.members.at(*m).id;
        buyerStatus = m_c.members.at(*m).status;
    } else {
        if (!store)
            return buyer->error(tr("a back-office order is bought by a member, not a customer"));
        const auto c = m_c.customerByKey.constFind(customerKey(store->id, buyerCustomer.value()));
        if (c == m_c.customerByKey.constEnd())
            return buyer->error(
                ErrorCode::NotFound,
                tr("customer '%1' does not exist in store '%2'").arg(buyerCustomer.value(), store->code));
        r.buyerCustomerId = m_c.customers.at(*c).id;
        customerOwner = m_c.customers.at(*c).ownerId;
    }

    // Status and its dates (SPEC 5).
    auto status = f->string("status", true, 16);
    if (!status)
        return status.error();
    const auto parsedStatus = orderStatusFromString(status.value());
    if (!parsedStatus)
        return f->error(tr("bad status '%1': use pending, paid, cancelled or refunded").arg(status.value()));
    o.status = *parsedStatus;
    auto paidAt = f->timestamp("paid_at", false);
    auto refundedAt = f->timestamp("refunded_at", false);
    auto cancelledAt = f->timestamp("cancelled_at", false);
    auto createdAt = f->timestamp("created_at", false);
    for (const auto *t : {&paidAt, &refundedAt, &cancelledAt, &createdAt}) {
        if (!*t)
            return t->error();
    }
    const bool paidOnce = o.status == OrderStatus::Paid || o.status == OrderStatus::Refunded;
    if (paidOnce && !paidAt.value())
        return f->error(tr("a %1 order needs 'paid_at'").arg(status.value()));
    if (!paidOnce && paidAt.value())
        return f->error(tr("a %1 order has no 'paid_at'").arg(status.value()));
    if ((o.status == OrderStatus::Refunded) != refundedAt->has_value())
        return f->error(o.status == OrderStatus::Refunded ? tr("a refunded order needs 'refunded_at'")
                                                          : tr("only a refunded order has 'refunded_at'"));
    if (refundedAt.value() && *refundedAt.value() < *paidAt.value())
        return f->error(tr("'refunded_at' is before 'paid_at'"));
    if (cancelledAt.value() && o.status != OrderStatus::Cancelled)
        return f->error(tr("only a cancelled order has 'cancelled_at'"));
    o.paidAt = paidAt.value();
    o.refundedAt = refundedAt.value();
    o.cancelledAt = cancelledAt.value();
    o.createdAt = createdAt->value_or(o.paidAt.value_or(o.cancelledAt.value_or(m_now)));

    // The tier: as exported, or by the buyer's status at import. A terminated buyer's order is history here.
    auto tierCode = f->string("tier", false, 32);
    if (!tierCode)
        return tierCode.error();
    if (!tierCode->isEmpty()) {
        if (!m_c.tiers.contains(tierCode.value()))
            return f->error(ErrorCode::NotFound, tr("unknown tier '%1'").arg(tierCode.value()));
        o.tier = tierCode.value();
    } else {
        const std::optional<StoreScenario> scenario = store ? std::optional(store->scenario) : std::nullopt;
        auto tier =
            Pricing::buyerTier(buyerStatus, Pricing::storePinnedTier(scenario, store ? store->pinnedTier : QString()));
        o.tier = tier ? tier.value() : tiers::retail();
    }
    r.tierId = m_c.tiers.value(o.tier).id;

    const json::Value lines = f->raw("lines");
    if (!lines.isArray() || lines.size() == 0 || lines.size() > kMaxLines)
        return f->error(tr("'lines' must be an array of 1-%1 lines").arg(kMaxLines));
    o.lines.reserve(lines.size());
    qsizetype i = 0;
    for (json::Value lineValue = lines.first(); !lineValue.isUndefined(); lineValue = lineValue.next(), ++i) {
        auto lf = JsonFields::of(lineValue, f->child(".lines", i));
        if (!lf)
            return lf.error();
        auto sku = lf->string("sku", true, 64);
        if (!sku)
            return sku.error();
        const auto p = m_c.productBySku.constFind(sku.value());
        if (p == m_c.productBySku.constEnd())
            return lf->error(ErrorCode::NotFound, tr("unknown sku '%1'").arg(sku.value()));
        auto qty = lf->integer("qty", true, 1, Pricing::kMaxQuantity);
        auto unitPrice = lf->integer("unit_price", false, 0, kMaxAmount);
        auto distributorPrice = lf->integer("distributor_price", false, 0, kMaxAmount);
        auto pv = lf->integer("pv", false, 0, kMaxAmount);
        auto bv = lf->integer("bv", false, 0, kMaxAmount);
        for (const auto *n : {&qty, &unitPrice, &distributorPrice, &pv, &bv}) {
            if (!*n)
                return n->error();
        }
        const ProductRecord &product = m_c.products.at(*p);
        auto line = Pricing::priceLine(product, o.tier, **qty, *unitPrice);
        if (!line)
            return lf->error(line.error().message);
        // An exported order carries its snapshot; keep it rather than today's catalog.
        if (*distributorPrice)
            line->distributorPrice = **distributorPrice;
        if (*pv)
            line->pv = **pv;
        if (*bv)
            line->bv = **bv;
        o.lines.append(line.value());
    }
    if (auto totals = Pricing::computeTotals(o); !totals)
        return f->error(totals.error().message);

    const std::optional<StoreScenario> scenario = store ? std::optional(store->scenario) : std::nullopt;
    r.creditedMemberId = Attribution::creditedMember(scenario, r.buyerMemberId, customerOwner);
    if (f->has("credited_member")) { // an export keeps the attribution made at the time
        auto credited = f->string("credited_member", false, 32);
        if (!credited)
            return credited.error();
        r.creditedMemberId = 0;
        if (!credited->isEmpty()) {
            const auto m = m_c.memberByKey.constFind(codes::key(credited.value()));
            if (m == m_c.memberByKey.constEnd())
                return f->error(ErrorCode::NotFound, tr("credited member '%1' does not exist").arg(credited.value()));
            r.creditedMemberId = m_c.members.at(*m).id;
        }
    }
    r.id = m_ids.order++;
    return r;
}

} // namespace mlm::dataset
