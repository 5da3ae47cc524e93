#include "CommissionEngine.h"

namespace mlm {

Money CommissionEngine::levelAmount(Money base, int bp)
{
    const __int128 product = __int128(base) * bp;
    return Money(product / 10000); // base and bp are >= 0: truncation is the floor
}

Money CommissionEngine::Output::total(qsizetype member) const
{
    Money sum = retailProfit.at(member) + clawback.at(member);
    for (int k = 0; k < levelCount; ++k)
        sum += level(member, k);
    return sum;
}

CommissionEngine::Output CommissionEngine::compute(const Input &in)
{
    const qsizetype n = in.sponsor.size();
    const int levelCount = int(in.plan.levelsBp.size());
    Output out;
    out.levelCount = levelCount;
    out.pv.fill(0, n);
    out.qualified.fill(false, n);
    out.retailProfit.fill(0, n);
    out.levels.fill(0, n * levelCount);
    out.clawback.fill(0, n);

    // Personal volume, then qualification (statuses as they are at the time of the run).
    for (const Order &o : in.orders) {
        if (o.credited >= 0)
            out.pv[o.credited] += o.pv;
    }
    for (qsizetype m = 0; m < n; ++m)
        out.qualified[m] = in.status.at(m) == MemberStatus::Distributor && out.pv.at(m) >= in.plan.qualificationPv;

    // The nearest qualified ancestor strictly above each member, computed from the roots down (breadth first over
    // a children index), so that compression skips any run of unqualified uplines in one step.
    QList<qint32> nextQualified(n, -1);
    if (in.plan.compression) {
        QList<qint32> childStart(n + 1, 0);
        for (qsizetype m = 0; m < n; ++m) {
            if (in.sponsor.at(m) >= 0)
                ++childStart[in.sponsor.at(m) + 1];
        }
        for (qsizetype m = 0; m < n; ++m)
            childStart[m + 1] += childStart[m];
        QList<qint32> children(childStart.last());
        QList<qint32> fill = childStart;
        for (qsizetype m = 0; m < n; ++m) {
            if (in.sponsor.at(m) >= 0)
                children[fill[in.sponsor.at(m)]++] = qint32(m);
        }
        QList<qint32> queue;
        queue.reserve(n);
        for (qsizetype m = 0; m < n; ++m) {
            if (in.sponsor.at(m) < 0)
                queue.append(qint32(m));
        }
        for (qsizetype head = 0; head < queue.size(); ++head) {
            const qint32 parent = queue.at(head);
            const qint32 above = out.qualified.at(parent) ? parent : nextQualified.at(parent);
            for (qint32 c = childStart.at(parent); c < childStart.at(parent + 1); ++c) {
                nextQualified[children.at(c)] = above;
                queue.append(children.at(c));
            }
        }
    }

    auto keepLine = [&](qint32 member) { return in.collectLines && (in.linesOf < 0 || in.linesOf == member); };
    auto pay = [&](qint32 member, int k, const Order &o) {
        const int bp = in.plan.levelsBp.at(k);
        const Money amount = levelAmount(o.bv, bp);
        out.levels[member * levelCount + k] += amount;
        if (amount != 0 && keepLine(member))
            out.lines.append({member, CommissionKind::Level, qint8(k + 1), o.orderId, bp, o.bv, amount});
    };

    for (const Order &o : in.orders) {
        if (o.credited < 0)
            continue;
        if (in.plan.retailProfit && o.boughtByRetailCustomer && in.status.at(o.credited) == MemberStatus::Distributor &&
            o.retailMargin > 0) {
            out.retailProfit[o.credited] += o.retailMargin;
            if (keepLine(o.credited))
                out.lines.append(
                    {o.credited, CommissionKind::RetailProfit, 0, o.orderId, 0, o.retailMargin, o.retailMargin});
        }
        const qint32 sponsor = in.sponsor.at(o.credited);
        if (in.plan.compression) {
            qint32 upline = sponsor < 0 || out.qualified.at(sponsor) ? sponsor : nextQualified.at(sponsor);
            for (int k = 0; k < levelCount && upline >= 0; ++k) {
                pay(upline, k, o);
                upline = nextQualified.at(upline);
            }
        } else {
            qint32 upline = sponsor;
            for (int k = 0; k < levelCount && upline >= 0; ++k) {
                if (out.qualified.at(upline))
                    pay(upline, k, o);
                upline = in.sponsor.at(upline);
            }
        }
    }

    for (const Clawback &c : in.clawbacks) {
        out.clawback[c.member] -= c.paid;
        if (keepLine(c.member))
            out.lines.append({c.member, CommissionKind::Clawback, 0, c.orderId, 0, c.paid, -c.paid});
    }
    return out;
}

} // namespace mlm
