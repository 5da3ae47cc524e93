#include "RunStore.h"

#include <QDeadlineTimer>
#include <QRandomGenerator>

namespace mlm {

namespace {

qint64 monotonicSeconds()
{
    return QDeadlineTimer::current().deadline() / 1000;
}

} // namespace

RunStore &RunStore::instance()
{
    static RunStore store;
    return store;
}

void RunStore::dropOld(qint64 now)
{
    m_runs.removeIf([now](const Kept &k) { return now - k.lastUsed > kIdleSeconds; });
}

RunOverview RunStore::overviewOf(const CommissionRun &run)
{
    return {QString(), run.period, run.closed, run.currency, run.plan, RunTotals::of(run)};
}

RunOverview RunStore::keep(const QString &owner, CommissionRun run)
{
    RunOverview overview = overviewOf(run);
    overview.id = QString::number(QRandomGenerator::system()->generate64(), 36);
    const qint64 now = monotonicSeconds();
    QMutexLocker lock(&m_mutex);
    dropOld(now);
    const auto mine = [&] {
        return std::count_if(m_runs.cbegin(), m_runs.cend(), [&](const Kept &k) { return k.owner == owner; });
    };
    while (mine() >= kPerUser)
        m_runs.removeAt(std::find_if(m_runs.cbegin(), m_runs.cend(), [&](const Kept &k) { return k.owner == owner; }) -
                        m_runs.cbegin());
    while (m_runs.size() >= kMaxRuns)
        m_runs.removeFirst();
    m_runs.append({overview.id, owner, std::make_shared<const CommissionRun>(std::move(run)), now});
    return overview;
}

Result<QList<MemberCommission>> RunStore::members(const QString &id, const QString &owner, qsizetype offset,
                                                  int limit)
{
    if (offset < 0 || limit < 1 || limit > kMaxPage)
        return makeError(ErrorCode::InvalidArgument,
                         tr("a page of a run starts at 0 or later and holds 1 to %1 members").arg(kMaxPage));
    std::shared_ptr<const CommissionRun> run;
    {
        const qint64 now = monotonicSeconds();
        QMutexLocker lock(&m_mutex);
        dropOld(now);
        for (Kept &k : m_runs) {
            if (k.id == id && k.owner == owner) {
                k.lastUsed = now;
                run = k.run;
            }
        }
    }
    if (!run)
        return makeError(ErrorCode::NotFound,
                         tr("no commission run '%1' is kept for you (runs are kept %2 minutes; run it again)")
                             .arg(id)
                             .arg(kIdleSeconds / 60));
    return run->members.mid(std::min(offset, run->members.size()), limit);
}

} // namespace mlm
