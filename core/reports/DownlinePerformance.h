#pragma once

#include "domain/MemberStatus.h"
#include "domain/Money.h"
#include "domain/Result.h"
#include "domain/UtcTime.h"
#include "genealogy/TreeIndex.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>

#include <functional>

namespace mlm {

class Database;

/// One member's downline in one period: the numbers behind the performance charts.
struct DownlineSummary
{
    Period period;
    Volume personalVolume = 0;
    Volume groupVolume = 0;  ///< the whole downline's personal volumes, the member's own included
    qint64 downlineSize = 0; ///< members below, at any depth
    QList<qint64> membersPerLevel;
    qint64 newRecruits = 0;   ///< downline members who joined in the period
    qint64 activeMembers = 0; ///< downline members qualified in the period (distributors with enough PV)
};

/// A first-line leg of a downline (or a root of the company) and its size.
struct DownlineLeg
{
    Id memberId = 0;
    QString code;
    QString name;
    Volume groupVolume = 0; ///< in the dashboard's last period
    qint64 downlineSize = 0;
};

/// What the downline performance dashboard shows, for one member's downline or the whole company (memberId 0).
struct DownlineDashboard
{
    Id memberId = 0;
    QString memberCode;
    QString memberName;
    /// The periods, oldest first. For the company: personal volume is 0, group volume all members' volume, the
    /// downline everybody. A company under a single top member (its own account, e.g. ROOT "Company") is that
    /// member's downline: the top member is not counted as a member, a level, a recruit or a status.
    QList<DownlineSummary> months;
    /// Members 1, 2, ... levels below (for the company: its single top member's first line is level 1, else the
    /// roots are).
    QList<qint64> membersPerLevel;
    /// The first-line legs with the most group volume in the last period, biggest first (the company: its top
    /// members, or the first line of its single top member).
    QList<DownlineLeg> topLegs;
    /// The downline (the member itself not included) by today's status, in the order of MemberStatus.
    QList<QPair<MemberStatus, qint64>> statusMix;
};

/// Downline aggregates from the in-memory tree (TreeIndex): a period's data is read in one query, after which the
/// summary of any member costs a few prefix-sum differences and binary searches, not a query per member.
/// Statuses are those of today; volumes those of the period.
class DownlinePerformance
{
    Q_DECLARE_TR_FUNCTIONS(DownlinePerformance)
public:
    static Result<DownlinePerformance> load(Database &db);

    const TreeIndex &tree() const { return m_tree; }
    /// Reads the period's volumes and prepares the sums; summaries then refer to it.
    Status selectPeriod(Database &db, const Period &period);
    /// The same from volumes already read: (preorder position, volume); everybody else's is 0.
    void selectVolumes(const Period &period, const QList<std::pair<qint32, Volume>> &volumes);
    /// Below this many members, a dashboard's downline volumes are looked up member by member.
    static constexpr qint64 kFewMembers = 25000;
    DownlineSummary summary(qint32 member, int levels = 5) const;
    /// The summaries of the `count` periods ending with `last`, oldest first.
    Result<QList<DownlineSummary>> series(Database &db, Id member, const Period &last, int count, int levels = 5);
    /// The whole company in the selected period: everybody's volume, members per depth, recruits and actives.
    DownlineSummary companySummary(int levels = 5) const;
    /// The company's single top member (its own account), or -1 when it has several roots.
    qint32 companyTop() const;

    /// Reports a step and asks whether to go on.
    using Progress = std::function<bool(const QString &stage, qint64 done, qint64 total)>;
    /// The dashboard of `memberId`'s downline (0: the company) over the `months` periods ending with `last`, with
    /// `levels` levels and up to `legs` legs. Loads the tree itself: one read of the members, one of each period.
    static Result<DownlineDashboard> dashboard(Database &db, Id memberId, const Period &last, int months = 12,
                                               int levels = 10, int legs = 10, const Progress &progress = {});

private:
    void prepareSums(const Period &period);

    TreeIndex m_tree;
    QList<MemberStatus> m_status;
    QList<Timestamp> m_joined;
    Volume m_qualificationPv = 0;
    Period m_period;
    QList<Timestamp> m_joinedAtPosition; ///< in preorder
    QList<bool> m_distributorAtPosition; ///< in preorder
    QList<qint64> m_pv;                  ///< the selected period's personal volumes, in preorder
    TreeIndex::Sums m_pvSums;
    TreeIndex::Sums m_newSums;
    TreeIndex::Sums m_activeSums;
};

} // namespace mlm
