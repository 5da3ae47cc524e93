#pragma once

#include "compensation/CommissionRuns.h"
#include "domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QMutex>
#include <QString>

#include <memory>

namespace mlm {

/// A commission run as a person sees it first: its period, plan and totals. Its members (a million in a big
/// company) stay in the process that computed the run, the server's or the desktop's own, and are read a page at
/// a time by its id (Office::runMembers), so that a preview over the server sends a summary, not the whole run.
struct RunOverview
{
    QString id; ///< for Office::runMembers; the run's keeper chose it, it means nothing elsewhere; empty: not kept
    Period period;
    bool closed = false;
    QString currency;
    CompensationPlan plan;
    RunTotals totals;
};

/// The runs kept for their pages: per process, each its user's own (another user's id is not found). A user keeps
/// kPerUser runs, the process kMaxRuns; the oldest goes first, and a run unread for kIdleSeconds goes.
class RunStore
{
    Q_DECLARE_TR_FUNCTIONS(RunStore)

public:
    static constexpr int kPerUser = 3;
    static constexpr int kMaxRuns = 12;
    static constexpr qint64 kIdleSeconds = 1800;
    /// The largest page of members one call returns.
    static constexpr int kMaxPage = 5000;

    static RunStore &instance();

    /// The overview of a run that is not kept (no id).
    static RunOverview overviewOf(const CommissionRun &run);
    /// Keeps `run` for `owner` and gives its overview.
    RunOverview keep(const QString &owner, CommissionRun run);
    /// Members [offset, offset + limit) of the run `id` of `owner`, in the run's order (by code).
    Result<QList<MemberCommission>> members(const QString &id, const QString &owner, qsizetype offset, int limit);

private:
    struct Kept
    {
        QString id;
        QString owner;
        std::shared_ptr<const CommissionRun> run;
        qint64 lastUsed = 0; ///< monotonic seconds
    };
    void dropOld(qint64 now);

    QMutex m_mutex;
    QList<Kept> m_runs; ///< oldest first
};

} // namespace mlm
