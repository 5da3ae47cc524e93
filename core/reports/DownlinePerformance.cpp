#include "DownlinePerformance.h"

#include "compensation/Plans.h"
#include "genealogy/Members.h"
#include "orders/OrderVolumes.h"
#include "storage/Database.h"
#include "storage/Rows.h"

namespace mlm {

Result<DownlinePerformance> DownlinePerformance::load(Database &db)
{
    // In ascending order of id: the tree's indexes follow it, which selectPeriod's merge with the volumes relies on.
    QList<Id> ids, sponsors;
    DownlinePerformance p;
    MLM_TRY(db.forEachRow(QStringLiteral("SELECT id, sponsor_id, status, joined_at FROM members ORDER BY id"), {},
                          [&](const Row &r) {
                              ids.append(r.integer(0));
                              sponsors.append(r.integer(1));
                              p.m_status.append(memberStatusFromString(r.text(2)).value_or(MemberStatus::Terminated));
                              p.m_joined.append(r.integer(3));
                          }));
    p.m_tree = TreeIndex::build(ids, sponsors);
    const qsizetype n = p.m_tree.size();
    p.m_joinedAtPosition.resize(n);
    p.m_distributorAtPosition.resize(n);
    for (qint32 pos = 0; pos < n; ++pos) {
        const qint32 m = p.m_tree.atPreorder(pos);
        p.m_joinedAtPosition[pos] = p.m_joined.at(m);
        p.m_distributorAtPosition[pos] = p.m_status.at(m) == MemberStatus::Distributor;
    }
    auto plan = Plans::current(db);
    if (!plan)
        return plan.error();
    p.m_qualificationPv = plan->qualificationPv;
    return p;
}

Status DownlinePerformance::selectPeriod(Database &db, const Period &period)
{
    // The month's volumes (one number per member who has any), merged with the tree's ids (both ascending) and
    // laid out in preorder, so that the sums below run through memory in order.
    const qsizetype n = m_tree.size();
    m_pv.fill(0, n);
    qint32 next = 0;
    MLM_TRY(OrderVolumes::forEachInMonth(db, period, [&](Id id, Volume pv) {
        while (next < n && m_tree.idAt(next) < id)
            ++next;
        if (next < n && m_tree.idAt(next) == id)
            m_pv[m_tree.preorder(next)] = pv;
    }));
    prepareSums(period);
    return {};
}

void DownlinePerformance::selectVolumes(const Period &period, const QList<std::pair<qint32, Volume>> &volumes)
{
    m_pv.fill(0, m_tree.size());
    for (const auto &[position, pv] : volumes)
        m_pv[position] = pv;
    prepareSums(period);
}

void DownlinePerformance::prepareSums(const Period &period)
{
    const qsizetype n = m_tree.size();
    QList<qint64> recruits(n, 0);
    QList<qint64> active(n, 0);
    for (qsizetype pos = 0; pos < n; ++pos) {
        const Timestamp joined = m_joinedAtPosition.at(pos);
        recruits[pos] = joined >= period.start() && joined < period.end() ? 1 : 0;
        active[pos] = m_distributorAtPosition.at(pos) && m_pv.at(pos) >= m_qualificationPv ? 1 : 0;
    }
    m_pvSums = TreeIndex::Sums::inPreorder(m_pv);
    m_newSums = TreeIndex::Sums::inPreorder(recruits);
    m_activeSums = TreeIndex::Sums::inPreorder(active);
    m_period = period;
}

DownlineSummary DownlinePerformance::summary(qint32 member, int levels) const
{
    DownlineSummary s;
    s.period = m_period;
    const Volume pv = m_pv.at(m_tree.preorder(member));
    s.personalVolume = pv;
    s.groupVolume = m_pvSums.downline(m_tree, member);
    s.downlineSize = m_tree.downlineSize(member);
    s.membersPerLevel = m_tree.membersPerLevel(member, levels);
    // The member itself is not its own recruit nor part of its active downline.
    const bool selfNew = m_joined.at(member) >= m_period.start() && m_joined.at(member) < m_period.end();
    const bool selfActive = m_status.at(member) == MemberStatus::Distributor && pv >= m_qualificationPv;
    s.newRecruits = m_newSums.downline(m_tree, member) - (selfNew ? 1 : 0);
    s.activeMembers = m_activeSums.downline(m_tree, member) - (selfActive ? 1 : 0);
    return s;
}

Result<QList<DownlineSummary>> DownlinePerformance::series(Database &db, Id memberId, const Period &last, int count,
                                                           int levels)
{
    const qint32 member = m_tree.indexOf(memberId);
    if (member < 0)
        return makeError(ErrorCode::NotFound, tr("no member with id %1").arg(memberId));
    QList<Period> periods{last};
    while (periods.size() < count)
        periods.prepend(periods.first().previous());
    QList<DownlineSummary> result;
    for (const Period &p : std::as_const(periods)) {
        MLM_TRY(selectPeriod(db, p));
        result.append(summary(member, levels));
    }
    return result;
}

qint32 DownlinePerformance::companyTop() const
{
    const QList<qint32> roots = m_tree.children(-1);
    return roots.size() == 1 ? roots.first() : -1;
}

DownlineSummary DownlinePerformance::companySummary(int levels) const
{
    if (const qint32 top = companyTop(); top >= 0) {
        DownlineSummary s = summary(top, levels);
        s.personalVolume = 0;
        return s;
    }
    DownlineSummary s;
    s.period = m_period;
    for (qint32 root : m_tree.children(-1)) {
        s.groupVolume += m_pvSums.downline(m_tree, root);
        s.newRecruits += m_newSums.downline(m_tree, root);
        s.activeMembers += m_activeSums.downline(m_tree, root);
    }
    s.downlineSize = m_tree.size();
    s.membersPerLevel = m_tree.membersPerDepth(levels);
    return s;
}

Result<DownlineDashboard> DownlinePerformance::dashboard(Database &db, Id memberId, const Period &last, int months,
                                                         int levels, int legs, const Progress &progress)
{
    const Error cancelled = makeError(ErrorCode::FailedPrecondition, tr("the dashboard was cancelled"));
    const qint64 steps = months + 2;
    if (progress && !progress(tr("Reading the network"), 0, steps))
        return cancelled;
    auto loaded = load(db);
    if (!loaded)
        return loaded.error();
    DownlinePerformance &p = loaded.value();
    DownlineDashboard d;
    d.memberId = memberId;
    qint32 member = -1;
    if (memberId != 0) {
        member = p.m_tree.indexOf(memberId);
        auto m = Members(db).byId(memberId);
        if (member < 0 || !m)
            return makeError(ErrorCode::NotFound, tr("no member with id %1").arg(memberId));
        d.memberCode = m->code;
        d.memberName = m->name;
    }
    QList<Period> periods{last};
    while (periods.size() < months)
        periods.prepend(periods.first().previous());
    // A downline of a few thousand (most members') is looked up member by member for all months at once; a big one
    // (the company's, a top leader's) is read a month at a time.
    const bool few = member >= 0 && p.m_tree.downlineSize(member) < kFewMembers;
    QList<QList<std::pair<qint32, Volume>>> downlineVolumes(periods.size());
    if (few) {
        QList<Id> ids;
        for (qint32 pos = p.m_tree.begin(member); pos < p.m_tree.end(member); ++pos)
            ids.append(p.m_tree.idAt(p.m_tree.atPreorder(pos)));
        MLM_TRY(OrderVolumes::forEachOf(db, periods, ids, [&](qsizetype period, Id id, Volume pv) {
            if (const qint32 index = p.m_tree.indexOf(id); index >= 0)
                downlineVolumes[period].append({p.m_tree.preorder(index), pv});
        }));
    }
    for (qsizetype i = 0; i < periods.size(); ++i) {
        if (progress && !progress(tr("Reading %1").arg(periods.at(i).toString()), i + 1, steps))
            return cancelled;
        if (few)
            p.selectVolumes(periods.at(i), downlineVolumes.at(i));
        else
            MLM_TRY(p.selectPeriod(db, periods.at(i)));
        d.months.append(member < 0 ? p.companySummary(levels) : p.summary(member, levels));
    }
    d.membersPerLevel = d.months.last().membersPerLevel;

    // The company under one top member (the usual case) is that member's downline: its first line are the legs.
    const qint32 scope = member >= 0 ? member : p.companyTop();
    // The legs, by group volume of the last period (selected last).
    QList<qint32> firstLine = p.m_tree.children(scope);
    std::sort(firstLine.begin(), firstLine.end(), [&p](qint32 a, qint32 b) {
        const Volume va = p.m_pvSums.downline(p.m_tree, a), vb = p.m_pvSums.downline(p.m_tree, b);
        return va != vb ? va > vb : p.m_tree.idAt(a) < p.m_tree.idAt(b);
    });
    Members members(db);
    for (qsizetype i = 0; i < firstLine.size() && i < legs; ++i) {
        const qint32 leg = firstLine.at(i);
        auto m = members.byId(p.m_tree.idAt(leg));
        if (!m)
            return m.error();
        d.topLegs.append({m->id, m->code, m->name, p.m_pvSums.downline(p.m_tree, leg), p.m_tree.downlineSize(leg) + 1});
    }

    if (progress && !progress(tr("Counting statuses"), steps - 1, steps))
        return cancelled;
    const qint32 from = scope < 0 ? 0 : p.m_tree.begin(scope) + 1;
    const qint32 to = scope < 0 ? qint32(p.m_tree.size()) : p.m_tree.end(scope);
    QList<qint64> byStatus(int(MemberStatus::Terminated) + 1, 0);
    for (qint32 pos = from; pos < to; ++pos)
        ++byStatus[int(p.m_status.at(p.m_tree.atPreorder(pos)))];
    for (MemberStatus s :
         {MemberStatus::Customer, MemberStatus::Distributor, MemberStatus::Suspended, MemberStatus::Terminated})
        d.statusMix.append({s, byStatus.at(int(s))});
    if (progress)
        progress(tr("Done"), steps, steps);
    return d;
}

} // namespace mlm
