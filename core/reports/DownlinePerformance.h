#pragma once

#include "domain/MemberStatus.h"
#include "domain/Money.h"
#include "domain/Result.h"
#include "domain/UtcTime.h"
#include "genealogy/TreeIndex.h"

#include <QCoreApplication>
#include <QList>

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
    DownlineSummary summary(qint32 member, int levels = 5) const;
    /// The summaries of the `count` periods ending with `last`, oldest first.
    Result<QList<DownlineSummary>> series(Database &db, Id member, const Period &last, int count, int levels = 5);

private:
    TreeIndex m_tree;
    QList<MemberStatus> m_status;
    QList<Timestamp> m_joined;
    Volume m_qualificationPv = 0;
    Period m_period;
    QList<qint64> m_pv;
    TreeIndex::Sums m_pvSums;
    TreeIndex::Sums m_newSums;
    TreeIndex::Sums m_activeSums;
};

} // namespace mlm
